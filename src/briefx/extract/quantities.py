"""Quantities: "540 тыс. тонн свеклы" (value, unit, what is measured) and counts "128 проектов" (unit None)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.mention import Mention
from briefx.extract.subjects import Subject
from briefx.lexicon import lookup
from briefx.model import Quantity


class Quantities(Component):
    name = "quantities"
    needs = ("mentions", "subjects")
    wants = ("periods",)
    produces = ("quantities",)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        subjects: Mapping[int, Subject] = found["subjects"]
        out = []
        for mention in found["mentions"]:
            if mention.currency or mention.percent:
                continue  # money or a percentage ("$5 тонн" is money, as the finder read it)
            if mention.unit:
                unit = lookup(self.lexicon.units, mention.unit)
                if unit is None:
                    continue
                out.append(self._quantity(doc, mention, mention.stop, unit, subjects.get(mention.start), "measure", periods))
            elif mention.counted:
                counted = mention.counted
                rule = "counter" if counted.via_counter else "count"
                out.append(self._quantity(doc, mention, counted.stop, None, subjects.get(mention.start), rule, periods))
        return {"quantities": out}

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
