"""Links facts to their context: the period that governs a number, what a bare percentage changes.

"в І полугодии 2025 года привлечено 178 млрд тенге" -> the money's period is І полугодие 2025;
"178 млрд тенге инвестиций (рост – 29,5%)" -> the percentage's subject is "инвестиция".
Every lookup is a bisection, so a sentence with thousands of facts stays linear.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import regex

from briefx.extract.document import Document
from briefx.model import Fact, Percentage, Period

CLAUSE_BREAK = ";"  # a period governs numbers up to the end of its clause
BRACKET_REACH = 60  # "178 млрд тенге инвестиций (рост – 29,5%)"


class Positions:
    """Sorted offsets of one character in a text: is there one between a and b?"""

    def __init__(self, text: str, char: str):
        self._at = [m.start() for m in regex.finditer(regex.escape(char), text)]

    def between(self, start: int, stop: int) -> bool:
        i = bisect_left(self._at, start)
        return i < len(self._at) and self._at[i] < stop

    def count(self, start: int, stop: int) -> int:
        return bisect_left(self._at, stop) - bisect_left(self._at, start)


class PeriodIndex:
    """The dates of a document, for finding the one that governs a fact. Built once per document."""

    def __init__(self, periods: Sequence[Period], doc: Document):
        self.periods = sorted(periods, key=lambda p: p.start)  # dates do not overlap: sorted by stop too
        self._starts = [p.start for p in self.periods]
        self._stops = [p.stop for p in self.periods]
        self._breaks = Positions(doc.norm, CLAUSE_BREAK)

    def governing(self, fact: Fact) -> Period | None:
        """The nearest date before the fact in its clause, else the nearest after it in its sentence."""
        i = bisect_right(self._stops, fact.start) - 1
        if i >= 0:
            before = self.periods[i]
            if before.sentence == fact.sentence and not self._breaks.between(before.stop, fact.start):
                return before
        j = bisect_left(self._starts, fact.stop)
        if j < len(self.periods):
            after = self.periods[j]
            if after.sentence == fact.sentence and not self._breaks.between(fact.stop, after.start):
                return after
        return None

    def inside(self, start: int, stop: int) -> list[Period]:
        """Dates that start within [start, stop)."""
        return self.periods[bisect_left(self._starts, start) : bisect_left(self._starts, stop)]


def with_periods(facts: Sequence, periods: PeriodIndex) -> list:
    return [dataclasses.replace(f, period=periods.governing(f)) for f in facts]


def with_subjects(percentages: Sequence[Percentage], others: Sequence, doc: Document) -> list[Percentage]:
    """A percentage in brackets right after a fact with a subject changes that subject."""
    ordered = sorted(others, key=lambda f: f.stop)
    stops = [f.stop for f in ordered]
    out = []
    for pct in percentages:
        i = bisect_right(stops, pct.start) - 1
        while pct.subject is None and i >= 0 and pct.start - ordered[i].stop < BRACKET_REACH:
            between = doc.norm[ordered[i].stop : pct.start]
            if ordered[i].subject and "(" in between and ")" not in between:
                pct = dataclasses.replace(pct, subject=ordered[i].subject)
            i -= 1
        out.append(pct)
    return out
