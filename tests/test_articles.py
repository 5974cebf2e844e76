"""Whole articles: fixtures/articles/NAME.txt against the hand-written NAME.json, and offsets everywhere.

NAME.json has the shape of `extract(text, id=NAME.txt).as_dict()`; a fact-list key left out of it is not
checked. The offset tests need no gold: every fact must be a true slice of the text it came from.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

import briefx
from briefx.model import Brief

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
KZ_NEWS = Path(__file__).parents[1] / ".." / "shared" / "data" / "kz_news" / "tengrinews_dev.jsonl"

WITH_GOLD = sorted(p for p in ARTICLES.glob("*.txt") if p.with_suffix(".json").exists())
ALL_ARTICLES = sorted(ARTICLES.glob("*.txt"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _fact_lines(facts: list[dict]) -> list[str]:
    """One line per fact, so a difference shows as a changed line."""
    return [json.dumps(fact, ensure_ascii=False) for fact in facts]


def _diff(key: str, expected: list[dict], got: list[dict]) -> str:
    lines = difflib.unified_diff(
        _fact_lines(expected), _fact_lines(got), fromfile=f"expected {key}", tofile=f"got {key}", lineterm=""
    )
    return "\n".join(lines)


@pytest.mark.parametrize("path", WITH_GOLD, ids=lambda p: p.stem)
def test_article_matches_gold(path: Path) -> None:
    expected = json.loads(_read(path.with_suffix(".json")))
    got = briefx.extract(_read(path), id=path.name).as_dict()
    problems = []
    for key in ("id", "published"):
        if got[key] != expected[key]:
            problems.append(f"{key}: expected {expected[key]!r}, got {got[key]!r}")
    for key in [*Brief.FACT_KINDS, "source", "regions"]:
        if key in expected and got[key] != expected[key]:
            as_list = [expected[key]], [got[key]]  # "source" is one object or null, the rest are lists
            pair = (expected[key], got[key]) if key != "source" else as_list
            problems.append(_diff(key, *pair))
    assert not problems, f"{path.name}:\n" + "\n\n".join(problems)


def _bad_offsets(brief: Brief, where: str) -> list[str]:
    bad = []
    for fact in brief.facts:
        piece = brief.text[fact.start : fact.stop]
        if piece != fact.text:
            span = f"{fact.start}:{fact.stop}"
            bad.append(f"{where}: {fact.fact_kind} {fact.text!r} at {span} is {piece!r} in the text")
    source = brief.source
    if source is not None and source.origin_start is not None and source.origin_stop is not None:
        origin = brief.text[source.origin_start : source.origin_stop]  # the origin's phrase as written
        if not origin or origin != origin.strip() or (source.name is None and origin != source.text):
            bad.append(f"{where}: source origin {source.origin!r} at {source.origin_start}:{source.origin_stop} is {origin!r}")
    return bad


def test_fixture_offsets() -> None:
    assert ALL_ARTICLES, f"no articles in {ARTICLES}"
    bad = []
    for path in ALL_ARTICLES:
        bad += _bad_offsets(briefx.extract(_read(path), id=path.name), path.name)
    assert not bad, "\n".join(bad)


@pytest.mark.slow
def test_kz_news_offsets() -> None:
    if not KZ_NEWS.is_file():
        pytest.skip(f"shared corpus not found: {KZ_NEWS.resolve()}")
    bad, checked = [], 0
    with KZ_NEWS.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            for field in ("text", "text_respaced"):
                text = record.get(field)
                if not isinstance(text, str):
                    continue
                bad += _bad_offsets(briefx.extract(text), f"line {number} {record.get('id')} {field}")
                checked += 1
    assert checked, f"no texts read from {KZ_NEWS}"
    assert not bad, f"{len(bad)} facts whose text is not text[start:stop]:\n" + "\n".join(bad[:50])
