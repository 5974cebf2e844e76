"""Places: "озера Балхаш" -> Place("Балхаш", kind "озеро"), "Карагандинской области" -> Place("Карагандинская
область", kind "область"), "Алаколя" -> Place("Алаколь"), and the points of a road's route."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import Positions
from briefx.extract.names import capitalized, proper_nominative, reading_in_case, to_nominative
from briefx.extract.shapes import END, FLAGS, NAME_WORD, H
from briefx.extract.spans import longest_first
from briefx.lexicon import Lexicon
from briefx.model import Facility, Person, Place
from briefx.morph import parses, yo

PLACE_TAGS = ("Geox", "Name", "Surn")
BARE = regex.compile(rf"(?<![\w\"-]){NAME_WORD}{END}")
ADJECTIVE_NAMED = ("facilities.adjective_name", "facilities.coordinated")  # the rules of Facility names in front
QUOTE_BEFORE = regex.compile(r"\"[^\"\n]{0,40}\Z")  # «Іскер Шымкент», «Астана»: names of things, not places


class Places(Component):
    name = "places"
    needs = ("people", "facilities")  # a person's name is not a place; a road's route names places
    produces = ("places",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.types = lexicon.place_types
        types = self.types.pattern.pattern
        # "озера Балхаш", "районе Беимбета Майлина", "г. Алматы"
        self._typed = regex.compile(rf"(?<!\w)(?P<type>{types}){H}+(?P<name>{NAME_WORD}(?:{H}+{NAME_WORD})?)", FLAGS)
        # "Карагандинской области", "Ерейментауском районе"
        self._adjective = regex.compile(rf"(?<![\w-])(?P<adjective>{NAME_WORD}){H}+(?P<type>{types}){END}", FLAGS)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        return {"places": self._places(doc, found["people"], found["facilities"])}

    def _places(self, doc: Document, people: list[Person], facilities: list[Facility]) -> list[Place]:
        found = self._typed_places(doc, people) + self._adjective_places(doc)
        found += self._route_points(doc, facilities)
        # "Каратомарском водохранилище": an adjective that names a facility is no place of its own
        named_by_adjective = [(f.start, f.stop) for f in facilities if f.rule in ADJECTIVE_NAMED]
        taken = sorted([*((p.start, p.stop) for p in [*found, *people]), *named_by_adjective])
        starts = [a for a, _ in taken]
        quotes = Positions(doc.norm, '"')
        for match in BARE.finditer(doc.norm):
            i = bisect_right(starts, match.start()) - 1
            if i >= 0 and match.start() < taken[i][1] or self._quoted(doc, match.start(), quotes):
                continue
            if any("Geox" in p.tag for p in parses(match.group().lower())):
                name = proper_nominative(match.group(), ("Geox",))
                found.append(Place(**doc.span(*match.span()), name=name, type=None, rule=self.rule("known_place")))
        return sorted((p for _, _, p in longest_first((p.start, p.stop, p) for p in found)), key=lambda p: p.start)

    def _typed_places(self, doc: Document, people: list[Person]) -> list[Place]:
        out = []
        person_starts = {p.start for p in people}
        for match in self._typed.finditer(doc.norm):
            if len(match.group("name").split()) > 1 and _second_word_start(match) in person_starts:
                # "области Жетісу | Бейбіт Исабаев": the place ends before the person
                match = self._typed.match(doc.norm, match.start(), _first_word_end(match)) or match
            type_reading = next((p for p in parses(match.group("type").lower()) if p.tag.POS == "NOUN"), None)
            case = type_reading.tag.case if type_reading else "nomn"
            written = doc.original[match.start("name") : match.end("name")]
            # the name agrees with its type word ("в городе Уральске") or stays as written ("районе Беимбета Майлина")
            # only a reading pymorphy3 knows as a place is inflected: "аула Коктал" is not "Кокталы"
            agrees = all(_place_reading(w, case) for w in written.split())
            name = " ".join(to_nominative(w, case, PLACE_TAGS) for w in written.split()) if agrees and case else written
            out.append(
                Place(
                    **doc.span(*match.span()), name=name, type=self.types.key_of(match.group("type")), rule=self.rule("type_name")
                )
            )
        return out

    def _adjective_places(self, doc: Document) -> list[Place]:
        out = []
        for match in self._adjective.finditer(doc.norm):
            adjective = next((p for p in parses(match.group("adjective").lower()) if p.tag.POS == "ADJF"), None)
            noun = next((p for p in parses(match.group("type").lower()) if p.tag.POS == "NOUN"), None)
            if adjective is None or noun is None:
                continue
            form = adjective.inflect({"nomn", "sing", noun.normal_form and noun.tag.gender or "masc"})
            adjective_text = yo(form.word) if form else match.group("adjective").lower()
            name = f"{capitalized(adjective_text)} {yo(noun.normal_form)}"  # "Северо-Казахстанская область"
            out.append(
                Place(
                    **doc.span(*match.span()),
                    name=name,
                    type=self.types.key_of(match.group("type")),
                    rule=self.rule("adjective_type"),
                )
            )
        return out

    def _route_points(self, doc: Document, facilities: list[Facility]) -> list[Place]:
        """A road's route names its points: "Алматы – Усть-Каменогорск – Лепсы – Актогай"."""
        out = []
        for facility in facilities:
            if not facility.route:
                continue
            pos = facility.start
            for point in facility.route:
                start = doc.original.find(point, pos, facility.stop)
                if start < 0:
                    continue
                pos = start + len(point)
                if len(point.split()) == 1:  # "побережье озера Балхаш" holds a typed place of its own
                    out.append(Place(**doc.span(start, pos), name=point, type=None, rule=self.rule("route_point")))
        return out

    @staticmethod
    def _quoted(doc: Document, start: int, quotes: Positions) -> bool:
        """Inside quotes: a quote shortly before it, and an odd number of them since the sentence began."""
        before = QUOTE_BEFORE.search(doc.norm, max(0, start - 41), start)
        return before is not None and quotes.count(doc.sentence_start(start), start) % 2 == 1


def _place_reading(word: str, case: str | None) -> bool:
    reading = reading_in_case(word, case or "nomn", PLACE_TAGS)
    if reading is None:
        return False
    # a name pymorphy3 only guesses at ("Коктал" as a plural "Коктала") is left as written
    return "Geox" in reading.tag or (any(tag in reading.tag for tag in PLACE_TAGS) and reading.is_known)


def _second_word_start(match: regex.Match) -> int:
    name = match.group("name")
    return match.start("name") + len(name) - len(name.split(maxsplit=1)[1])


def _first_word_end(match: regex.Match) -> int:
    return match.start("name") + len(match.group("name").split()[0])
