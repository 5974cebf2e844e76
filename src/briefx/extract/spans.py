"""Overlap resolution shared by the extractors: of two spans that overlap, the longer one stays."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


def longest_first(spans: Iterable[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """The spans (start, stop, payload) that survive, longest first: a span overlapping a longer one
    (or an equal one further left, or an equal one at the same place given earlier) is dropped.

    A mark per character makes each test proportional to the span's length, not to the number of spans.
    """
    ordered = sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0]))
    taken = bytearray(max((s[1] for s in ordered), default=0))
    kept = []
    for start, stop, payload in ordered:
        if any(taken[start:stop]):
            continue
        taken[start:stop] = b"\x01" * (stop - start)
        kept.append((start, stop, payload))
    return kept


class Ordered(Generic[T]):
    """Spans of one document in text order, for "the last one inside [begin, end)" by bisection: a
    component that asks this for every fact stays linear where a scan from the sentence start would
    not."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]]):
        self.items = sorted(items, key=lambda item: bounds(item))
        self._bounds = [bounds(item) for item in self.items]
        self._starts = [start for start, _ in self._bounds]

    def last_inside(self, begin: int, end: int) -> T | None:
        """The item starting last among those within [begin, end)."""
        i = bisect_left(self._starts, end) - 1
        while i >= 0 and self._starts[i] >= begin:
            if self._bounds[i][1] <= end:
                return self.items[i]
            i -= 1
        return None

    def first_inside(self, begin: int, end: int) -> T | None:
        """The item starting first among those within [begin, end)."""
        i = bisect_left(self._starts, begin)
        while i < len(self.items) and self._starts[i] < end:
            if self._bounds[i][1] <= end:
                return self.items[i]
            i += 1
        return None
