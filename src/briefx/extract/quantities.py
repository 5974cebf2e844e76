"""Quantities: "540 тыс. тонн свеклы" (value, unit, subject) and counts "128 проектов" (unit None)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from briefx.extract.document import Document
from briefx.lexicon import Lexicon
from briefx.model import Quantity
from briefx.morph import noun_phrase_lemma, parses, yo

if TYPE_CHECKING:
    from briefx.extract.numeric import Mention

# Up to three words after a number or unit: "рабочих мест", "сахарной свеклы", "проектов".
_NEXT_WORDS = regex.compile(r"[^\S\n]+([^\W\d_][\w-]*)(?:[^\S\n]+([^\W\d_][\w-]*))?(?:[^\S\n]+([^\W\d_][\w-]*))?")
MODIFIERS = ("ADJF", "PRTF")
COUNTED_CASES = ("gent", "nomn", "accs")  # "5 проектов", "21 проект", "две школы"


class QuantityBuilder:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def build(self, mention: Mention, doc: Document, text: str) -> Quantity | None:
        following = self._words_after(text, mention.stop)
        if mention.unit:
            phrase = self._noun_phrase(following, cases=("gent",))
            return self._quantity(mention, doc, mention.stop, self.lexicon.lookup(self.lexicon.units, mention.unit),
                                  phrase[1] if phrase else None)
        if mention.in_words and mention.value == 1:
            return None  # "один из", "одна школа": too often not a count
        phrase = self._noun_phrase(following, cases=COUNTED_CASES)
        if phrase is None:
            return None
        stop, subject = phrase
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

    @staticmethod
    def _words_after(text: str, pos: int) -> list[tuple[str, int]]:
        match = _NEXT_WORDS.match(text, pos)
        if not match:
            return []
        return [(match.group(i), match.end(i)) for i in (1, 2, 3) if match.group(i)]

    def _noun_phrase(self, words: list[tuple[str, int]], cases: tuple[str, ...]) -> tuple[int, str] | None:
        """(end offset, lemma) of "[adjectives] noun" in one of `cases`; None if the words are not that."""
        for i, (word, end) in enumerate(words):
            if word[0].isupper():
                return None  # a name or a new sentence, not a counted thing
            readings = parses(word.lower())
            if readings[0].tag.POS in MODIFIERS and i + 1 < len(words):
                continue  # "рабочих" before "мест"
            noun = next((p for p in readings if p.tag.POS == "NOUN" and p.tag.case in cases), None)
            if noun is None or yo(noun.normal_form) in self.lexicon.count_exclusions:
                return None
            return end, noun_phrase_lemma(tuple(w.lower() for w, _ in words[: i + 1]))
        return None
