"""The public API: the pipeline's options, pickling, lazy ordered pipe, misuse errors, JSON numbers."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import briefx
from briefx.pipeline import ALL_KINDS, NUMBERS

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "000_874fe8aaadcc118b.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_kinds_limit_what_is_extracted_and_numbers_lose_their_period_without_dates():
    brief = briefx.Pipeline(kinds=NUMBERS)(SEED_TEXT)
    assert [m.text for m in brief.money] == ["178 млрд тенге", "2,6 трлн тенге"]
    assert brief.money[0].period is None  # no dates asked for, so none govern the numbers
    assert brief.dates == () and brief.facilities == () and brief.people == () and brief.source is None
    full = briefx.extract(SEED_TEXT)
    assert full.money[0].period is not None and full.source is not None


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_pipeline_for_one_kind_finds_the_same_facts_of_that_kind(kind):
    one = briefx.Pipeline(kinds=(kind, "dates"))  # numbers and facilities take their period from dates
    assert getattr(one(SEED_TEXT), kind) == getattr(briefx.extract(SEED_TEXT), kind)
    assert getattr(one(SEED_TEXT), kind)  # the seed has facts of every kind


def test_unknown_kinds_are_refused_by_name():
    with pytest.raises(ValueError, match="moneys"):
        briefx.Pipeline(kinds=["moneys"])
    with pytest.raises(ValueError):
        briefx.Pipeline(kinds="money")  # a string, not a collection of kinds


def test_a_pipeline_pickles_with_its_kinds_and_gives_the_same_facts():
    pipeline = briefx.Pipeline(kinds=("money", "dates"))
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy.kinds == pipeline.kinds
    assert copy(SEED_TEXT).as_dict() == pipeline(SEED_TEXT).as_dict()


def test_a_brief_pickles_whole_and_its_sentences_as_offsets():
    brief = briefx.extract(SEED_TEXT)
    assert all(getattr(brief, kind) for kind in ("money", "dates", "facilities", "instructions", "people"))
    copy = pickle.loads(pickle.dumps(brief))
    assert copy == brief  # every fact, every field, and the sentences with their text
    assert [s.text for s in copy.sentences] == [SEED_TEXT[s.start : s.stop] for s in brief.sentences]
    assert type(copy.money[0].period) is briefx.Period and copy.facts == brief.facts
    # a batch worker sends every Brief to the parent: a sentence's text travels once, inside the text
    longest = max(brief.sentences, key=lambda s: s.stop - s.start).text.encode("utf-8")
    assert pickle.dumps(brief).count(longest) == 1


def test_pipe_is_lazy_and_keeps_order():
    seen = []

    def texts():
        for text in ("Выделено 5 млрд тенге.", "Рост составил 3%.", ""):
            seen.append(text)
            yield text

    results = briefx.Pipeline().pipe(texts())
    assert seen == []  # nothing is read before the first result is asked for
    first = next(results)
    assert [m.amount for m in first.money] == [5000000000]
    rest = list(results)
    assert [p.text for p in rest[0].percentages] == ["3%"] and rest[1].facts == []


@pytest.mark.parametrize("bad", [b"bytes", 42, None])
def test_misuse_raises_type_error_naming_what_was_received(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        briefx.extract(bad)


def test_json_numbers_are_plain_decimal_strings():
    data = briefx.extract("Бюджет составит 2 600 млрд тенге, рост на 1,14%.").as_dict()
    assert data["money"][0]["amount"] == "2600000000000"
    assert data["percentages"][0]["value"] == "1.14"
    assert "E" not in json.dumps(data)
