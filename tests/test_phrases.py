"""Every line of fixtures/phrases/*.txt: the facts of that kind, their spans and their values."""

from __future__ import annotations

import pytest

import briefx
from gold import Case, cases



def check(case: Case, kinds: list[str]) -> None:
    brief = briefx.extract(case.text)
    found = [fact for kind in kinds for fact in getattr(brief, kind)]
    got = [(f.text, f.start) for f in found]
    want = [(e.text, e.start) for e in case.expected]
    assert got == want, f"{case.file}:{case.line}: {case.text!r}"
    for fact, expected in zip(found, case.expected, strict=True):
        data = fact.as_dict()
        for key, value in expected.fields.items():
            assert data[key] == value, f"{case.file}:{case.line}: {fact.text!r} {key}"


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
