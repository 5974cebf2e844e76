"""Quantities: "540 тыс. тонн свеклы" (value, unit, what is measured) and counts "128 проектов" (unit None)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.mention import Mention
from briefx.extract.paragraphs import Paragraphs
from briefx.extract.phrases import words_after
from briefx.extract.subjects import Subject
from briefx.lexicon import lookup
from briefx.model import Quantity
from briefx.morph import parses

ELIDED_REACH = 16  # characters either side of a number searched for "из них" or a dash
# "из них 100", "из которых 12 тысяч", "в том числе 40", "еще 150", "дети - 40 781"
ELIDED_BEFORE = regex.compile(r"(?:(?<!\w)(?:из них|из которых|в том числе|еще|ещё)|[-:])[^\S\n]*\Z", regex.IGNORECASE)
PART_OF = regex.compile(r"[^\S\n]+из[^\S\n]+", regex.IGNORECASE)  # "27 из 50 штатов"
ELIDED_AFTER = regex.compile(r"[^\S\n]*-(?!\d)")  # "500 – для Уральска"


def _year_like(text: str, value: Decimal) -> bool:
    """ "2023": four digits that could be a year."""
    return text.isdigit() and len(text) == 4 and YEARS[0] <= value <= YEARS[1]


YEARS = (Decimal(1800), Decimal(2100))


class Quantities(Component):
    name = "quantities"
    needs = ("mentions",)
    wants = ("subjects", "periods")  # Pipeline(subjects=False) leaves the subjects out
    produces = ("quantities",)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        subjects: Mapping[int, Subject] = found.get("subjects", {})
        out = []
        last: Quantity | None = None  # the last count, for "из них 100" after "750 единиц техники"
        last_subject: Subject | None = None  # and what it counted
        previous: Mention | None = None  # the mention before, for "27 из 50 штатов"
        paragraphs = Paragraphs(doc.norm)
        for mention in found["mentions"]:
            if mention.currency or mention.percent:
                last = None  # money or a percentage ("$5 тонн" is money, as the finder read it)
                continue
            if mention.unit:
                unit = lookup(self.lexicon.units, mention.unit)
                if unit is None:
                    continue
                out.append(self._quantity(doc, mention, mention.stop, unit, subjects.get(mention.start), "measure", periods))
                last = None
            elif mention.counted:
                counted = mention.counted
                rule = "counter" if counted.via_counter else "count"
                subject = subjects.get(mention.start)
                # not "одна из школ": a lone "один" is no count
                part = previous if previous is not None and previous.untyped and not previous.in_words else None
                if part and not (out and out[-1].start == part.start) and PART_OF.fullmatch(doc.norm, part.stop, mention.start):
                    # "27 из 50 штатов": the part counts what the whole counts
                    out.append(self._quantity(doc, part, part.stop, None, subjects.get(part.start) or subject, "elided", periods))
                last, last_subject = self._quantity(doc, mention, counted.stop, None, subject, rule, periods), subject
                out.append(last)
            elif last is not None and self._elided(doc, mention, last, paragraphs):
                subject = subjects.get(mention.start) or last_subject
                out.append(self._quantity(doc, mention, mention.stop, None, subject, "elided", periods))
            previous = mention
        return {"quantities": out}

    def _elided(self, doc: Document, mention: Mention, count: Quantity, paragraphs: Paragraphs) -> bool:
        """ "направлено 750 единиц техники. Из них 100 …, 500 – для Уральска": a number with no noun of its
        own, right after "из них" or next to a dash, counts what the count just before it counted, when
        that count is in its sentence or the one before (and in its paragraph)."""
        if mention.in_words or mention.label or not mention.untyped or mention.rule not in ("number", "range"):
            return False
        if mention.value is not None and _year_like(doc.norm[mention.start : mention.stop], mention.value):
            return False  # "в 2023 году - 393": the year is not one of them
        sentence = doc.sentence_of(mention.start)
        if sentence - count.sentence > 1 or not paragraphs.same(count.stop, mention.start):
            return False
        before = doc.norm[max(count.stop, mention.start - ELIDED_REACH) : mention.start]
        after = doc.norm[mention.stop : mention.stop + ELIDED_REACH]
        if not (ELIDED_BEFORE.search(before) or ELIDED_AFTER.match(after)):
            return False
        words = words_after(doc.norm, mention.stop)
        return not words or parses(words[0][0].lower())[0].tag.POS not in ("NOUN", "ADJF", "PRTF")

    def _quantity(
        self,
        doc: Document,
        mention: Mention,
        stop: int,
        unit: str | None,
        subject: Subject | None,
        rule: str,
        periods: PeriodIndex | None,
    ) -> Quantity:
        span = doc.span(mention.start, stop)
        return Quantity(
            **span,
            value=mention.value,
            unit=unit,
            subject=subject.phrase if subject else None,
            subject_head=subject.head if subject else None,
            low=mention.low,
            high=mention.high,
            qualifier=mention.qualifier,
            period=periods.governing(mention.start, stop, span["sentence"]) if periods else None,
            rule=self.rule(rule),
        )
