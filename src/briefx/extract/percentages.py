"""Percentages: "29,5%", "на пять процентов", "3,5 п.п." -> Percentage, with the direction of the change."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from briefx.extract.document import Document
from briefx.extract.patterns import change_pattern
from briefx.lexicon import Lexicon
from briefx.model import Percentage

if TYPE_CHECKING:
    from briefx.extract.numeric import Mention

LOOK_BEFORE = 60  # "(рост – 29,5%)", "снизилась по сравнению с прошлым годом на 3%"
LOOK_AFTER = 25  # "на 12 процентов больше"


class PercentageBuilder:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._change = regex.compile(change_pattern(lexicon), regex.IGNORECASE)
        self._wildcards = [(form[:-1], d) for form, d in lexicon.changes.items() if form.endswith("*")]

    def build(self, mention: Mention, doc: Document) -> Percentage:
        return Percentage(
            **doc.span(mention.start, mention.stop),
            value=mention.value,
            points=self.lexicon.lookup(self.lexicon.percent_signs, mention.percent) == "points",
            direction=self.direction(doc, mention.start, mention.stop),
            low=mention.low,
            high=mention.high,
            qualifier=mention.qualifier,
        )

    def direction(self, doc: Document, start: int, stop: int) -> str | None:
        """The nearest change word before the number in its sentence, else one right after it."""
        begin = max(doc.clause_start(start), start - LOOK_BEFORE)
        before = list(self._change.finditer(doc.norm, begin, start))
        if before:
            return self._direction_of(before[-1].group())
        after = self._change.search(doc.norm, stop, min(len(doc.norm), stop + LOOK_AFTER))
        return self._direction_of(after.group()) if after else None

    def _direction_of(self, word: str) -> str | None:
        key = word.lower()
        if key in self.lexicon.changes:
            return self.lexicon.changes[key]
        return next((d for stem, d in self._wildcards if key.startswith(stem)), None)
