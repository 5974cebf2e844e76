"""Line breaks of a text, found once: whether two offsets stand in one paragraph, by bisection.

A rule that carries something from one number to the next within a paragraph asks this for many pairs
of offsets; slicing the text between them each time would grow with the square of a long paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left

LINE_BREAK = re.compile("\n")


class Paragraphs:
    def __init__(self, text: str):
        self.text = text
        self._breaks: list[int] | None = None

    def same(self, start: int, stop: int) -> bool:
        """No line break in text[start:stop]."""
        if self._breaks is None:  # found on first use: most texts never ask
            self._breaks = [m.start() for m in LINE_BREAK.finditer(self.text)]
        i = bisect_left(self._breaks, start)
        return i == len(self._breaks) or self._breaks[i] >= stop
