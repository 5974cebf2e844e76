"""Percentages: "29,5%", "на пять процентов", "3,5 п.п." -> Percentage, with the direction of the change
("рост", "снизилась") and what it is the value of (the subjects component)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.mention import Mention
from briefx.extract.subjects import Subject
from briefx.lexicon import lookup
from briefx.model import Percentage
from briefx.morph import parses
from briefx.numbers import plain

LOOK_BEFORE = 60  # "(рост – 29,5%)", "снизилась по сравнению с прошлым годом на 3%"
LOOK_AFTER = 25  # "на 12 процентов больше"
NEXT_NUMBER = regex.compile(r"\d")
BY = regex.compile(r"(?<!\w)на[^\S\n]+\Z", regex.IGNORECASE)  # "выросла на 5%", "более чем на 5%"
ADJACENT = regex.compile(r"[^\S\n]*(?:[-:][^\S\n]*)?")  # "плюс 9,2%", "минус – 3%"
LEVEL = regex.compile(r"(?<!\w)(?:с|до)[^\S\n]+\Z", regex.IGNORECASE)  # "снизилась с 45% до 24%"


class Percentages(Component):
    name = "percentages"
    needs = ("mentions",)
    wants = ("subjects", "periods")  # Pipeline(subjects=False) leaves the subjects out
    produces = ("percentages",)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        subjects: Mapping[int, Subject] = found.get("subjects", {})
        out = []
        for mention in found["mentions"]:
            if mention.percent and not mention.currency:
                out.append(self._percentage(mention, doc, subjects.get(mention.start), periods))
        return {"percentages": out}

    def _percentage(self, mention: Mention, doc: Document, subject: Subject | None, periods: PeriodIndex | None) -> Percentage:
        change = self._change_word(doc, mention.start, mention.stop)
        span = doc.span(mention.start, mention.stop)
        kind = lookup(self.lexicon.percent_signs, mention.percent)
        # "рост на 5%", "рост – 29,5%", "на 0,3 п.п. ниже", "5% больше": a change by that much; "снизилась с 45%
        # до 24%" are levels, and "крепостью 38–56% подорожает" says nothing of the 38–56%
        is_noun = change is not None and parses(change.group().lower())[0].tag.POS == "NOUN"  # "рост – 29,5%"
        after = change is not None and change.start() > mention.start
        comparative = change is not None and after and parses(change.group().lower())[0].tag.POS == "COMP"
        adjacent = change is not None and not after and ADJACENT.fullmatch(doc.norm, change.end(), mention.start) is not None
        by = change is not None and (
            is_noun or comparative or adjacent or BY.search(doc.norm, max(0, mention.start - 4), mention.start)
        )
        return Percentage(
            **span,
            value=_in_points(mention.value) if kind == "basis" else mention.value,
            points=kind in ("points", "basis"),
            direction=self.lexicon.changes.key_of(change.group()) if change and by and not self._level(doc, mention) else None,
            low=_in_points(mention.low) if kind == "basis" else mention.low,
            high=_in_points(mention.high) if kind == "basis" else mention.high,
            qualifier=mention.qualifier,
            subject=subject.phrase if subject else None,
            subject_head=subject.head if subject else None,
            period=periods.governing(mention.start, mention.stop, span["sentence"]) if periods else None,
            rule=self.rule("change" if change else "number"),
        )

    @staticmethod
    def _level(doc: Document, mention: Mention) -> bool:
        """ "с 45%", "до 24%": a value before or after a change, not the change."""
        return mention.low is None and LEVEL.search(doc.norm, max(0, mention.start - 4), mention.start) is not None

    def _change_word(self, doc: Document, start: int, stop: int) -> regex.Match | None:
        """The nearest change word before the number in its sentence, else one right after it."""
        changes = self.lexicon.changes
        begin = max(doc.sentence_start(start), start - LOOK_BEFORE)
        before = list(changes.finditer(doc.norm, begin, start))
        if before:
            return before[-1]
        end = min(len(doc.norm), stop + LOOK_AFTER)
        next_number = NEXT_NUMBER.search(doc.norm, stop, end)  # "4,6%, что на 0,3 п.п. ниже": not ours
        return changes.search(doc.norm, stop, next_number.start() if next_number else end)


def _in_points(value: Decimal | None) -> Decimal | None:
    """50 basis points are 0.5 percentage points."""
    return None if value is None else plain(value / 100)
