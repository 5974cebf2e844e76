"""Percentages: "29,5%", "на пять процентов", "3,5 п.п." -> Percentage, with the direction of the change
("рост", "снизилась") and what it is the value of (the subjects component)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.mention import Mention
from briefx.extract.subjects import Subject
from briefx.lexicon import lookup
from briefx.model import Percentage

LOOK_BEFORE = 60  # "(рост – 29,5%)", "снизилась по сравнению с прошлым годом на 3%"
LOOK_AFTER = 25  # "на 12 процентов больше"
NEXT_NUMBER = regex.compile(r"\d")


class Percentages(Component):
    name = "percentages"
    needs = ("mentions", "subjects")
    wants = ("periods",)
    produces = ("percentages",)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        subjects: Mapping[int, Subject] = found["subjects"]
        out = []
        for mention in found["mentions"]:
            if mention.percent and not mention.currency:
                out.append(self._percentage(mention, doc, subjects.get(mention.start), periods))
        return {"percentages": out}

    def _percentage(self, mention: Mention, doc: Document, subject: Subject | None, periods: PeriodIndex | None) -> Percentage:
        change = self._change_word(doc, mention.start, mention.stop)
        span = doc.span(mention.start, mention.stop)
        return Percentage(
            **span,
            value=mention.value,
            points=lookup(self.lexicon.percent_signs, mention.percent) == "points",
            direction=self.lexicon.changes.key_of(change.group()) if change else None,
            low=mention.low,
            high=mention.high,
            qualifier=mention.qualifier,
            subject=subject.phrase if subject else None,
            subject_head=subject.head if subject else None,
            period=periods.governing(mention.start, mention.stop, span["sentence"]) if periods else None,
            rule=self.rule("change" if change else "number"),
        )

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
