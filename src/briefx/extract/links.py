"""The period that governs a fact: "в І полугодии 2025 года привлечено 178 млрд тенге" -> the money's
period is І полугодие 2025. Every lookup is a bisection, so a sentence with thousands of facts stays
linear."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import regex

from briefx.document import Document
from briefx.model import Period

CLAUSE_BREAK = ";"  # a period governs numbers up to the end of its clause


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

    def governing(self, start: int, stop: int, sentence: int) -> Period | None:
        """The nearest date before [start, stop) in its clause, else the nearest after it in its sentence."""
        i = bisect_right(self._stops, start) - 1
        if i >= 0:
            before = self.periods[i]
            if before.sentence == sentence and not self._breaks.between(before.stop, start):
                return before
        j = bisect_left(self._starts, stop)
        if j < len(self.periods):
            after = self.periods[j]
            if after.sentence == sentence and not self._breaks.between(stop, after.start):
                return after
        return None

    def inside(self, start: int, stop: int) -> list[Period]:
        """Dates that start within [start, stop)."""
        return self.periods[bisect_left(self._starts, start) : bisect_left(self._starts, stop)]
