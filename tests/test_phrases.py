"""Every line of fixtures/phrases/*.txt: the facts of that kind, their spans and their values."""

from __future__ import annotations

import pytest

import briefx
from gold import Case, cases


def facts_of(brief: briefx.Brief, kind: str) -> list:
    """The facts of one kind; `brief.source` is a single Source or None: a list of zero or one."""
    value = getattr(brief, kind)
    if kind == "source":
        return [] if value is None else [value]
    return list(value)


def check(case: Case, kinds: list[str]) -> None:
    brief = briefx.extract(case.text, published=case.published)
    # text order; a Region has no span
    found = sorted((fact for kind in kinds for fact in facts_of(brief, kind)), key=lambda f: getattr(f, "start", -1))
    got = [(getattr(f, "text", None), getattr(f, "start", None)) for f in found]
    want = [(e.text, e.start) for e in case.expected]
    assert got == want, f"{case.file}:{case.line}: {case.text!r}"
    for fact, expected in zip(found, case.expected, strict=True):
        data = fact.as_dict()
        for key, value in expected.fields.items():
            got_value = list(data[key]) if isinstance(data[key], tuple) else data[key]
            if key == "period" and isinstance(got_value, dict):
                got_value = got_value["text"]  # a number's period is named by its text: period="2024 году"
            assert got_value == value, f"{case.file}:{case.line}: {fact.text!r} {key}"


# Each table and the fact kinds its brackets stand for.
TABLES = {
    "money": ["money"],
    "percentages": ["percentages"],
    "quantities": ["quantities"],
    "no_numeric_facts": ["money", "percentages", "quantities"],  # years, dates, identifiers: none at all
    "dates": ["dates"],
    "periods": ["money", "percentages", "quantities"],  # the date that governs each number
    "facilities": ["facilities"],
    "instructions": ["instructions"],
    "priorities": ["priorities"],
    "people": ["people"],
    "places": ["places"],
    "sources": ["source"],  # one credited agency per text, or none
    "regions": ["regions"],  # facts about the whole text: "[| name=…]" at the end of the line
}


@pytest.mark.parametrize("case", [param for table in TABLES for param in cases(table)])
def test_phrase_table(case: Case) -> None:
    check(case, TABLES[case.file.removesuffix(".txt")])


def test_every_table_is_run():
    from gold import PHRASES

    assert sorted(path.stem for path in PHRASES.glob("*.txt")) == sorted(TABLES)
