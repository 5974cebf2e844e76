"""Links facts to their context: the period that governs a number, what a bare percentage changes.

"в І полугодии 2025 года привлечено 178 млрд тенге" -> the money's period is І полугодие 2025;
"178 млрд тенге инвестиций (рост – 29,5%)" -> the percentage's subject is "инвестиция".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from briefx.extract.document import Document
from briefx.model import Fact, Percentage, Period

CLAUSE_BREAKS = ";"  # a period governs numbers up to the end of its clause


def governing_period(fact: Fact, periods: Sequence[Period], doc: Document) -> Period | None:
    """The nearest date before the fact in its clause, else the nearest after it in its sentence."""
    same = [p for p in periods if p.sentence == fact.sentence and (p.stop <= fact.start or p.start >= fact.stop)]
    before = [p for p in same if p.stop <= fact.start and not any(c in doc.norm[p.stop : fact.start] for c in CLAUSE_BREAKS)]
    if before:
        return before[-1]
    after = [p for p in same if p.start >= fact.stop and not any(c in doc.norm[fact.stop : p.start] for c in CLAUSE_BREAKS)]
    return after[0] if after else None


def with_periods(facts: Sequence, periods: Sequence[Period], doc: Document) -> list:
    return [dataclasses.replace(f, period=governing_period(f, periods, doc)) for f in facts]


def with_subjects(percentages: Sequence[Percentage], others: Sequence, doc: Document) -> list[Percentage]:
    """A percentage in brackets right after a fact with a subject changes that subject."""
    out = []
    for pct in percentages:
        if pct.subject is None:
            before = [
                f
                for f in others
                if f.stop <= pct.start
                and f.subject
                and "(" in doc.norm[f.stop : pct.start]
                and ")" not in doc.norm[f.stop : pct.start]
                and pct.start - f.stop < 60
            ]
            if before:
                pct = dataclasses.replace(pct, subject=before[-1].subject)
        out.append(pct)
    return out
