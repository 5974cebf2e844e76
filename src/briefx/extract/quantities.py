"""Quantities: "540 тыс. тонн свеклы" (value, unit, subject) and counts "128 проектов" (unit None)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefx.extract.document import Document
from briefx.extract.phrases import noun_phrase, words_after
from briefx.lexicon import Lexicon
from briefx.model import Quantity

if TYPE_CHECKING:
    from briefx.extract.numeric import Mention

COUNTED_CASES = ("gent", "nomn", "accs")  # "5 проектов", "21 проект", "две школы"


class QuantityBuilder:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def build(self, mention: Mention, doc: Document, text: str) -> Quantity | None:
        following = words_after(text, mention.stop)
        if mention.unit:
            phrase = noun_phrase(following, cases=("gent",))
            return self._quantity(
                mention, doc, mention.stop, self.lexicon.lookup(self.lexicon.units, mention.unit), phrase[1] if phrase else None
            )
        if mention.in_words and mention.value == 1:
            return None  # "один из", "одна школа": too often not a count
        phrase = noun_phrase(following, cases=COUNTED_CASES, exclude=self.lexicon.count_exclusions)
        if phrase is None:
            return None
        stop, subject = phrase
        if subject in self.lexicon.counter_words:  # "853 единицы техники": what is counted is "техника"
            counted = noun_phrase(words_after(text, stop), cases=("gent",))
            if counted is not None:
                stop, subject = counted
        return self._quantity(mention, doc, stop, None, subject)

    def _quantity(self, mention: Mention, doc: Document, stop: int, unit: str | None, subject: str | None):
        return Quantity(
            **doc.span(mention.start, stop),
            value=mention.value,
            unit=unit,
            subject=subject,
            low=mention.low,
            high=mention.high,
            qualifier=mention.qualifier,
        )
