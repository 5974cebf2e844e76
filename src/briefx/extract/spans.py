"""Overlap resolution shared by the extractors: of two spans that overlap, the longer one stays."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

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
