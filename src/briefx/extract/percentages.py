"""Percentages: "29,5%", "на пять процентов", "3,5 п.п." -> Percentage, with the direction of the change."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from briefx.extract.document import Document
from briefx.extract.phrases import noun_phrase, words_after
from briefx.lexicon import Cues, Lexicon
from briefx.model import Percentage
from briefx.morph import parses

if TYPE_CHECKING:
    from briefx.extract.numeric import Mention

LOOK_BEFORE = 60  # "(рост – 29,5%)", "снизилась по сравнению с прошлым годом на 3%"
LOOK_AFTER = 25  # "на 12 процентов больше"
NEXT_NUMBER = regex.compile(r"\d")


class PercentageBuilder:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.changes = Cues("changes.tsv")

    def build(self, mention: Mention, doc: Document, text: str) -> Percentage:
        change = self._change_word(doc, mention.start, mention.stop)
        # "рост инвестиций на 5%": the genitive after a change noun says what changed
        # only a change noun governs what changed; "на 0,3 п.п. ниже прошлогоднего показателя" names a base
        is_noun = change is not None and parses(change.group().lower())[0].tag.POS == "NOUN"
        subject = noun_phrase(words_after(text, change.end()), cases=("gent",), abbreviations=True) if is_noun else None
        return Percentage(
            **doc.span(mention.start, mention.stop),
            value=mention.value,
            points=self.lexicon.lookup(self.lexicon.percent_signs, mention.percent) == "points",
            direction=self.changes.key_of(change.group()) if change else None,
            low=mention.low,
            high=mention.high,
            qualifier=mention.qualifier,
            subject=subject[1] if subject else None,
        )

    def _change_word(self, doc: Document, start: int, stop: int) -> regex.Match | None:
        """The nearest change word before the number in its sentence, else one right after it."""
        begin = max(doc.clause_start(start), start - LOOK_BEFORE)
        before = list(self.changes.finditer(doc.norm, begin, start))
        if before:
            return before[-1]
        end = min(len(doc.norm), stop + LOOK_AFTER)
        next_number = NEXT_NUMBER.search(doc.norm, stop, end)  # "4,6%, что на 0,3 п.п. ниже": not ours
        return self.changes.search(doc.norm, stop, next_number.start() if next_number else end)
