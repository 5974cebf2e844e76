"""Regions: the places of an article -> the administrative regions it is about, most central first.
"Ушарал", "Лепсы" and "Алаколь" -> область Жетісу (inferred from places); "аким Карагандинской области"
-> Карагандинская область (named). A foreign country is the region of foreign news; the home country
as a whole (data/home_countries.txt: "в Казахстане") is no region."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.places import gazetteer_entry
from briefx.gazetteer import RegionInfo
from briefx.lexicon import Lexicon
from briefx.model import Place, Region
from briefx.text import BULLETS

LEAD = 2  # the first two sentences of prose say what the article is about: a mention there counts twice
LEAD_WORDS = 3  # fewer words than this, or a bullet first, is no prose: "Продолжение", "■headline", a time stamp
_WORD = regex.compile(r"[^\W\d_]{2,}")
_BULLET_FIRST = regex.compile(rf"\s*[{BULLETS}]")
LEAD_WEIGHT = 2
MIN_SCORE = 2  # a region mentioned once, after the lead, is an aside
BREAKDOWN = 3  # regions named in one sentence of a report whose lead names none: a national breakdown


@dataclass
class _Tally:
    info: RegionInfo
    score: int = 0
    named: bool = False
    evidence: list[Place] = field(default_factory=list)


class Regions(Component):
    name = "regions"
    needs = ("places",)
    produces = ("regions",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.gazetteer = lexicon.gazetteer
        self.home = lexicon.home_countries
        self._by_name = {info.name: info for info in self.gazetteer.regions.values() if not info.is_country}

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        return {"regions": self._regions(found["places"], _lead(doc))}

    def _regions(self, places: list[Place], lead: frozenset[int]) -> list[Region]:
        tallies: dict[str, _Tally] = {}
        home = 0  # the weight of mentions of the home country as a whole ("в Казахстане")
        listed: dict[int, list[str]] = {}  # sentence -> the regions it names, in order
        lead_regions = False
        for place in places:
            weight = LEAD_WEIGHT if place.sentence in lead else 1
            if place.region is None and place.country in self.home:
                home += weight
            info = self._region_of(place)
            if info is None:
                continue
            tally = tallies.setdefault(info.code, _Tally(info))
            tally.score += weight
            entry = gazetteer_entry(self.gazetteer, place)
            tally.named |= entry is not None and entry.names_region
            tally.evidence.append(place)
            lead_regions |= place.sentence in lead
            if entry is not None and entry.names_region and not info.is_country:
                listed.setdefault(place.sentence, []).append(info.code)
        # "паводки в Казахстане … в Акмолинской, Актюбинской и Костанайской областях": a national report
        # (its lead names no region) broken down by region is about the regions it lists, as it lists them
        breakdown = [] if lead_regions else [c for s in sorted(listed) if len(set(listed[s])) >= BREAKDOWN for c in listed[s]]
        order = list(dict.fromkeys(breakdown))
        for code in order:
            tallies[code].score = max(tallies[code].score, MIN_SCORE)
        central = [t for t in tallies.values() if t.score >= MIN_SCORE and (t.info.code in order or _more_than_an_aside(t, lead))]
        # news about the country as a whole names some places on the way: the home country outweighs
        # every region, or weighs as much as the best one and the lead does not name that one
        best = max((t.score for t in central), default=0)
        in_lead = any(p.sentence in lead for t in central if t.score == best for p in t.evidence)
        if not central or not order and (home > best or home == best and not in_lead):
            return []
        # a region the report dwells on more than on any it lists comes before them
        top_listed = max((tallies[c].score for c in order), default=0)
        rank = {code: i for i, code in enumerate(order)}
        central.sort(key=lambda t: (t.score <= top_listed, rank.get(t.info.code, len(rank)), -t.score, t.evidence[0].start))
        return [
            Region(
                name=t.info.name,
                code=t.info.code,
                country=t.info.country,
                score=t.score,
                method="named" if t.named else "inferred from places",
                evidence=tuple(t.evidence),
                rule=self.rule("named" if t.named else "inferred"),
            )
            for t in central
        ]

    def _region_of(self, place: Place) -> RegionInfo | None:
        """The region a place stands for: its region, else its foreign country; the home country is none."""
        if place.region is not None:
            return self._by_name.get(place.region)
        if place.country is None or place.country in self.home:
            return None
        return self.gazetteer.regions.get(place.country)


def _lead(doc: Document) -> frozenset[int]:
    """The indices of the article's first LEAD sentences of prose: pasted related headlines, their time
    stamps and a lone "Продолжение" before the text do not push its first sentences out of the lead."""
    lead: list[int] = []
    for index, sentence in enumerate(doc.sentences):
        if len(lead) == LEAD:
            break
        if not _BULLET_FIRST.match(sentence.text) and len(_WORD.findall(sentence.text)) >= LEAD_WORDS:
            lead.append(index)
    return frozenset(lead)


def _more_than_an_aside(tally: _Tally, lead: frozenset[int]) -> bool:
    """Named in the lead, or in two sentences: "… в Уральске и в Уральске …", one sentence after the
    lead, is an aside however often it names the place."""
    sentences = {p.sentence for p in tally.evidence}
    return bool(sentences & lead) or len(sentences) > 1
