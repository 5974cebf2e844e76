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
# a date after a number governs it only inside the number's own clause: "лимит … 32 процента, кто и как его
# рассчитывает, … согласно концепции … до 2030 года" is a limit, the date another clause's
AFTER_BREAK = ","


class Positions:
    """Sorted offsets of one character in a text: is there one between a and b?"""

    def __init__(self, text: str, char: str):
        self._at = []
        at = text.find(char)
        while at >= 0:  # str.find is three times faster than a regex scan here
            self._at.append(at)
            at = text.find(char, at + 1)

    def between(self, start: int, stop: int) -> bool:
        i = bisect_left(self._at, start)
        return i < len(self._at) and self._at[i] < stop

    def count(self, start: int, stop: int) -> int:
        return bisect_left(self._at, stop) - bisect_left(self._at, start)


class PeriodIndex:
    """The dates of a document, for finding the one that governs a fact. Built once per document.

    `continuation` matches the opening of a sentence that continues the one before ("Из них", "В том
    числе"): such a sentence with no date of its own is governed by the last date of the one before
    (carried on through a run of them). `comparison` matches the words before a date that make it the
    base of a comparison ("ниже прошлогоднего", "чем годом ранее"): such a date governs nothing.
    """

    def __init__(
        self,
        periods: Sequence[Period],
        doc: Document,
        continuation: regex.Pattern | None = None,
        comparison: regex.Pattern | None = None,
    ):
        self.periods = sorted(periods, key=lambda p: p.start)  # dates do not overlap: sorted by stop too
        self._starts = [p.start for p in self.periods]
        self._stops = [p.stop for p in self.periods]
        self._breaks = Positions(doc.norm, CLAUSE_BREAK)
        self._commas = Positions(doc.norm, AFTER_BREAK)
        self._bases = {i for i, p in enumerate(self.periods) if comparison and _after(comparison, doc, p.start)}
        self._carried = self._carry(doc, continuation) if continuation is not None else {}

    def _carry(self, doc: Document, continuation: regex.Pattern) -> dict[int, Period]:
        last_in: dict[int, Period] = {}  # the last date of each sentence that can govern
        for i, p in enumerate(self.periods):
            if i not in self._bases:
                last_in[p.sentence] = p
        has_dates = {p.sentence for p in self.periods}
        carried: dict[int, Period] = {}
        for index, sentence in enumerate(doc.sentences):
            if index == 0 or index in has_dates or not continuation.match(doc.norm, sentence.start, sentence.stop):
                continue
            before = last_in.get(index - 1) or carried.get(index - 1)
            if before is not None:
                carried[index] = before
        return carried

    def governing(self, start: int, stop: int, sentence: int, *, deadlines: bool = False) -> Period | None:
        """The date a fact at [start, stop) is of: the nearest before it in its clause, else the nearest
        after it in its own clause (no comma between), else the one carried into a sentence that continues
        the one before. The base of a comparison is passed over (one step further each way).

        A date after the number beyond a comma belongs to another clause: "лимит в 32 процента, кто и как
        его рассчитывает, … согласно концепции … до 2030 года" is a limit, not a period of 2030; in its
        clause it is the number's, a bound too ("выплатит по 2 миллиона тенге ко Дню Победы"). With
        `deadlines` (what a facility wants: "завершить строительство моста, … , до конца 2025 года") a
        date after it anywhere in the sentence counts.
        """
        i = self._governing_index(bisect_right(self._stops, start) - 1, -1)
        if i is not None:
            before = self.periods[i]
            if before.sentence == sentence and not self._breaks.between(before.stop, start):
                return before
        j = self._governing_index(bisect_left(self._starts, stop), 1)
        if j is not None:
            after = self.periods[j]
            if after.sentence == sentence and not self._breaks.between(stop, after.start):
                return after if deadlines or not self._commas.between(stop, after.start) else None
        return self._carried.get(sentence)

    def _governing_index(self, index: int, step: int) -> int | None:
        """`index`, or the next one in the direction of `step` when `index` is a comparison's base."""
        if index in self._bases:
            index += step
        return index if 0 <= index < len(self.periods) and index not in self._bases else None

    def inside(self, start: int, stop: int) -> list[Period]:
        """Dates that start within [start, stop)."""
        return self.periods[bisect_left(self._starts, start) : bisect_left(self._starts, stop)]


def _after(pattern: regex.Pattern, doc: Document, start: int) -> bool:
    """Whether `pattern` (ending in \\Z) ends right before `start`, within 30 characters."""
    return pattern.search(doc.norm, max(0, start - 30), start) is not None
