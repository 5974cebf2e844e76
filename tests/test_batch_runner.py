"""The ordered process pool and briefx.batch(): same results whatever the workers, errors as records."""

from __future__ import annotations

import json
import os
import time

import pytest

import briefx
from briefx.batch import Document, Failure, run
from briefx.pipeline import Pipeline


def news(i: int) -> str:
    return f"В районе {i} построят {i % 7 + 1} школ за {i + 1},5 млрд тенге, рост инвестиций на {i % 40} процентов."


class Exploding(Pipeline):
    """Raises on "BOOM"; kills its process on "CRASH" (only ever run in a worker); dawdles on "SLOW"."""

    def __call__(self, text, **kwargs):
        if "BOOM" in text:
            raise RuntimeError("boom in the pipeline")
        if "SLOW" in text:
            time.sleep(5)
        if "CRASH" in text:
            os._exit(3)
        return super().__call__(text, **kwargs)


@pytest.fixture(scope="module")
def exploding():
    return Exploding()


def records(results):
    return [json.dumps(r.record(), ensure_ascii=False) for r in results]


def test_batch_is_exported_from_the_package():
    assert "batch" in briefx.__all__ and briefx.batch.__module__ == "briefx.batch.runner"


def test_two_workers_give_exactly_what_one_gives():
    texts = [news(i) for i in range(60)]
    one = list(run(texts, workers=1))
    two = list(run(texts, workers=2))
    assert records(one) == records(two)
    assert [r.seq for r in two] == list(range(60))
    assert all(r.ok for r in two) and two[5].brief.money[0].currency == "KZT"


def test_batch_reads_files_and_takes_texts(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": news(i)}) + "\n" for i in range(5)), encoding="utf-8")
    from_file = list(briefx.batch(path, workers=2))
    assert [r.id for r in from_file] == [f"d{i}" for i in range(5)]
    from_texts = list(briefx.batch(texts=[news(0), Document(news(1), "mine", "memory")], workers=1))
    assert [(r.id, r.source, r.line) for r in from_texts] == [(None, "<texts>", 1), ("mine", "memory", None)]
    assert [r.id for r in briefx.batch(path, workers=1, skip=3)] == ["d3", "d4"]
    with pytest.raises(ValueError, match="not both"):
        briefx.batch(path, texts=["x"])
    with pytest.raises(ValueError, match="workers"):
        briefx.batch(texts=["x"], workers=0)


def test_failures_pass_through_in_place():
    items = [news(0), Failure("bad_json", "invalid JSON", "a.jsonl", 2, "a.jsonl:2"), news(2)]
    results = list(run(items, workers=1))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].record() == {
        "id": "a.jsonl:2",
        "error": {"code": "bad_json", "reason": "invalid JSON", "source": "a.jsonl", "line": 2},
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exception_in_the_pipeline_is_an_error_record(exploding, workers):
    texts = [news(0), "BOOM " + news(1), news(2)]
    results = list(run(texts, workers=workers, pipeline=exploding))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error.code == "extract_failed"
    assert results[1].error.reason == "RuntimeError: boom in the pipeline"


def test_a_worker_that_dies_costs_only_its_document(exploding):
    texts = [news(i) for i in range(30)]
    texts[11] = "CRASH " + texts[11]
    results = list(run(texts, workers=2, pipeline=exploding))
    assert [r.seq for r in results] == list(range(30))
    assert [r.seq for r in results if not r.ok] == [11]
    assert results[11].error.code == "worker_crashed"
    assert records(results[12:]) == records(run(texts[12:], workers=1))


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_the_time_limit_is_an_error_record(exploding, workers):
    started = time.monotonic()
    results = list(run([news(0), "SLOW " + news(1), news(2)], workers=workers, pipeline=exploding, timeout=0.3))
    assert [r.error.code if r.error else "ok" for r in results] == ["ok", "timeout", "ok"]
    assert results[1].error.reason == "took longer than the 0.3-second limit"
    assert time.monotonic() - started < 4


@pytest.mark.slow
def test_long_documents_travel_alone_and_order_holds():
    texts = [news(i) * (300 if i % 5 == 0 else 1) for i in range(25)]
    assert records(run(texts, workers=2)) == records(run(texts, workers=1))


def test_items_of_the_wrong_type_are_refused():
    with pytest.raises(TypeError, match="got int"):
        list(run([1], workers=1))


def test_one_string_for_texts_is_refused_not_read_one_character_at_a_time():
    with pytest.raises(TypeError, match=r"texts=\[text\]"):
        briefx.batch(texts="Выделено 5 млрд тенге.")
    with pytest.raises(TypeError, match="one str"):
        run("Выделено 5 млрд тенге.", workers=1)
    with pytest.raises(TypeError, match="bytes"):
        run(b"text", workers=1)
