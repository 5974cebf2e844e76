"""A fact kind of one's own: sown areas by crop, "засеяно 120 тыс. га пшеницы" -> 120000 ha of пшеница."""

from dataclasses import dataclass
from decimal import Decimal

import regex

from briefx import Component, Fact

SOWING = regex.compile(r"\b(?:засеян|засеял|засеют|посеян|посеял|посеют|сев)\w*", regex.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class SownArea(Fact):
    area: Decimal | None
    unit: str
    crop: str | None
    fact_kind = "sown_areas"


class SownAreas(Component):
    name = "sown_areas"
    needs = ("quantities",)  # areas in hectares, with what follows them
    produces = ("sown_areas",)

    def __call__(self, doc, found):
        areas = []
        for q in found["quantities"]:
            if q.unit == "ha" and SOWING.search(doc.norm, doc.sentence_start(q.start), q.start):
                span = doc.span(q.start, q.stop)
                areas.append(SownArea(**span, area=q.value, unit=q.unit, crop=q.subject, rule=self.rule("hectares")))
        return {"sown_areas": areas}
