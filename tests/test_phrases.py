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
    found = [fact for kind in kinds for fact in facts_of(brief, kind)]
    got = [(f.text, f.start) for f in found]
    want = [(e.text, e.start) for e in case.expected]
    assert got == want, f"{case.file}:{case.line}: {case.text!r}"
    for fact, expected in zip(found, case.expected, strict=True):
        data = fact.as_dict()
        for key, value in expected.fields.items():
            got_value = list(data[key]) if isinstance(data[key], tuple) else data[key]
            assert got_value == value, f"{case.file}:{case.line}: {fact.text!r} {key}"


def needs(kind: str) -> None:
    """Skip until briefx.Brief has the fact kind: the table is written ahead of its extractor."""
    if not hasattr(briefx.Brief, kind):
        pytest.skip(f"briefx.Brief has no {kind!r} yet")


@pytest.mark.parametrize("case", cases("money"))
def test_money(case: Case) -> None:
    check(case, ["money"])


@pytest.mark.parametrize("case", cases("percentages"))
def test_percentages(case: Case) -> None:
    check(case, ["percentages"])


@pytest.mark.parametrize("case", cases("quantities"))
def test_quantities(case: Case) -> None:
    check(case, ["quantities"])


@pytest.mark.parametrize("case", cases("no_numeric_facts"))
def test_no_numeric_facts(case: Case) -> None:
    """Years, dates, identifiers, ordinals: no money, percentage or quantity at all."""
    check(case, ["money", "percentages", "quantities"])


@pytest.mark.parametrize("case", cases("dates"))
def test_dates(case: Case) -> None:
    check(case, ["dates"])


@pytest.mark.parametrize("case", cases("facilities"))
def test_facilities(case: Case) -> None:
    needs("facilities")
    check(case, ["facilities"])


@pytest.mark.parametrize("case", cases("instructions"))
def test_instructions(case: Case) -> None:
    needs("instructions")
    check(case, ["instructions"])


@pytest.mark.parametrize("case", cases("priorities"))
def test_priorities(case: Case) -> None:
    needs("priorities")
    check(case, ["priorities"])


@pytest.mark.parametrize("case", cases("people"))
def test_people(case: Case) -> None:
    check(case, ["people"])


@pytest.mark.parametrize("case", cases("places"))
def test_places(case: Case) -> None:
    check(case, ["places"])


@pytest.mark.parametrize("case", cases("sources"))
def test_sources(case: Case) -> None:
    """One credited agency per text, or none."""
    check(case, ["source"])
