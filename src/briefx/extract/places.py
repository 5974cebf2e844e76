"""Places: "озера Балхаш" -> Place("Балхаш", kind "озеро"), "Карагандинской области" -> Place("Карагандинская
область", kind "область"), "Алаколя" -> Place("Алаколь"), the points of a road's route, and names the
gazetteer knows ("Ушарале" -> "Ушарал"); each with its region and country when the gazetteer knows them."""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import Positions
from briefx.extract.names import capitalized, proper_nominative, reading_in_case, to_nominative
from briefx.extract.shapes import END, FLAGS, NAME_WORD, H
from briefx.extract.spans import longest_first
from briefx.gazetteer import Entry, Gazetteer
from briefx.lexicon import Lexicon
from briefx.model import Facility, Person, Place
from briefx.morph import inflected, parses, yo

PLACE_TAGS = ("Geox", "Name", "Surn")
BARE = regex.compile(rf"(?<![\w\"-]){NAME_WORD}{END}")
NUMBER_BEFORE = regex.compile(rf"\d{H}*\Z")
ABBREVIATION = regex.compile(r"(?<![\w\"-])(?-i:[А-ЯЁ]{2,4})(?![\w-])")  # "США", "ОАЭ", "ЗКО": names only as written
PROPER = ("Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr")
# right before a name: a preposition of place ("в Семее", "из Ушарала"); the search window ends at the name
PLACE_PREPOSITION = regex.compile(r"(?<![\w-])(?:в|во|из|под|до|около|возле|близ)[^\S\n]+\Z", regex.IGNORECASE)
ADJECTIVE_NAMED = ("facilities.adjective_name", "facilities.coordinated")  # the rules of Facility names in front
QUOTE_BEFORE = regex.compile(r"\"[^\"\n]{0,40}\Z")  # «Іскер Шымкент», «Астана»: names of things, not places
# the word right before a name, on the same line: "Яндекс | Казахстан", "Kcell | Казахстан"
WORD_BEFORE = regex.compile(r"(?<![\w.-])(?P<word>[^\W\d_][\w&-]*)[^\S\n]+\Z")  # not a domain's "kz"


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
        # "Акмолинской, Костанайской и Павлодарской областях", "Атырауской, Западно-Казахстанской областях":
        # the adjectives before the last share its type word
        self._shared = regex.compile(
            rf"(?<![\w-])(?P<adjective>{NAME_WORD})(?:,{H}*{NAME_WORD}){{0,8}}(?:,|,?{H}+и){H}*{NAME_WORD}{H}+(?P<type>{types}){END}",
            FLAGS,
        )
        self.gazetteer: Gazetteer = lexicon.gazetteer

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        return {"places": self._locate(doc, self._places(doc, found["people"], found["facilities"]))}

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
            if _readings(match.group().lower()).place:
                if self._company_branch(doc, match):
                    continue  # "Яндекс Казахстан": the company's branch in the country, not the country
                name = proper_nominative(match.group(), ("Geox",))
                found.append(Place(**doc.span(*match.span()), name=name, type=None, rule=self.rule("known_place")))
            elif known := self._gazetteer_name(doc, match):
                found.append(Place(**doc.span(*match.span()), name=known, type=None, rule=self.rule("gazetteer")))
        for match in ABBREVIATION.finditer(doc.norm):
            entry = self.gazetteer.lookup(match.group())
            if entry is not None and entry.names_region and not self._quoted(doc, match.start(), quotes):
                found.append(Place(**doc.span(*match.span()), name=match.group(), type=None, rule=self.rule("abbreviation")))
        return sorted((p for _, _, p in longest_first((p.start, p.stop, p) for p in found)), key=lambda p: p.start)

    def _gazetteer_name(self, doc: Document, match: regex.Match) -> str | None:
        """The gazetteer's name for a capitalized word pymorphy3 does not know as a place: "Ушарале" ->
        "Ушарал". A word that is also a person's name or a common word ("Семей", "Березовского",
        "Дружбы", "Центральный") only right after a preposition of place ("в Семее"), never at the start
        of a sentence ("Победа"), where any word is capitalized."""
        word = match.group()
        readings = _readings(word.lower())
        known = next((c for c in (word, *readings.noun_lemmas) if c in self.gazetteer), None)
        if known is None or not (readings.common or readings.person):
            return known
        sentence_start = match.start() == doc.sentence_start(match.start())
        after_preposition = PLACE_PREPOSITION.search(doc.norm, max(0, match.start() - 9), match.start())
        return None if sentence_start or not after_preposition else known

    def _typed_places(self, doc: Document, people: list[Person]) -> list[Place]:
        out = []
        person_starts = {p.start for p in people}
        for match in self._typed.finditer(doc.norm):
            if match.group("type").endswith(".") and NUMBER_BEFORE.search(doc.norm, max(0, match.start() - 8), match.start()):
                continue  # "в 2011 г. Комиссия": "г." after a number is a year, not a town
            if match.start("name") in person_starts:
                continue  # "акимов регионов | Нурлана Ногаева": the name after the type word is a person's
            if not _name_like(match.group("name").split()[0]):
                continue  # "города Напомним", "району Вчера": a capitalized verb or adverb opens a sentence
            if self._adjective.match(doc.norm, match.start("name")):
                continue  # "в районах Туркестанской области": the adjective names the next place
            second = _second_word_start(match) if len(match.group("name").split()) > 1 else None
            if second is not None and not _name_like(match.group("name").split()[1]):
                match = self._typed.match(doc.norm, match.start(), _first_word_end(match)) or match  # "Петропавловска | Сегодня"
                second = None
            if second is not None and (second in person_starts or self._adjective.match(doc.norm, second)):
                # "области Жетісу | Бейбіт Исабаев", "селе Актогай | Павлодарской области": the place ends
                # before the person or the next place
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
        matches = [*self._adjective.finditer(doc.norm), *self._shared.finditer(doc.norm, overlapped=True)]
        for match in matches:
            adjective = next((p for p in parses(match.group("adjective").lower()) if p.tag.POS == "ADJF"), None)
            noun = next((p for p in parses(match.group("type").lower()) if p.tag.POS == "NOUN"), None)
            if adjective is None or noun is None:
                continue
            form = inflected(adjective, frozenset({"nomn", "sing", noun.normal_form and noun.tag.gender or "masc"}))
            adjective_text = yo(form.word) if form else match.group("adjective").lower()
            name = f"{capitalized(adjective_text)} {yo(noun.normal_form)}"  # "Северо-Казахстанская область"
            shared = match.re is self._shared
            out.append(
                Place(
                    **doc.span(match.start(), match.end("adjective") if shared else match.end()),
                    name=name,
                    type=self.types.key_of(match.group("type")),
                    rule=self.rule("shared_type" if shared else "adjective_type"),
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

    def _locate(self, doc: Document, places: list[Place]) -> list[Place]:
        """Each place with the region and country the gazetteer gives it on the publication day. A name
        in several regions takes the one that the text's other places or named regions support, and
        none when they support none or several: never a guess."""
        entries = [gazetteer_entry(self.gazetteer, place) for place in places]
        codes = [[self.gazetteer.as_of(c, doc.published) for c in e.codes] if e else [] for e in entries]
        support = {c[0] for c in codes if len(set(c)) == 1}
        out = []
        for place, candidates in zip(places, codes, strict=True):
            chosen = set(candidates) if len(set(candidates)) == 1 else set(candidates) & support
            if len(chosen) != 1:
                out.append(place)
                continue
            info = self.gazetteer.regions[chosen.pop()]
            region = None if info.is_country else info.name
            out.append(dataclasses.replace(place, region=region, country=info.country))
        return out

    @staticmethod
    def _company_branch(doc: Document, match: regex.Match) -> bool:
        """A place name in the nominative right after a company's name in its sentence (a word pymorphy3
        knows as an organisation, not one it guesses, or one in Latin letters) names the company's
        branch there: "Яндекс Казахстан"."""
        begin = max(doc.sentence_start(match.start()), match.start() - 30)
        before = WORD_BEFORE.search(doc.norm, begin, match.start())
        if before is None:
            return False
        word = before.group("word")
        company = word.isascii() or any("Orgn" in p.tag and p.is_known for p in parses(word.lower()))
        return company and any(p.tag.case == "nomn" and "Geox" in p.tag for p in parses(match.group().lower()))

    @staticmethod
    def _quoted(doc: Document, start: int, quotes: Positions) -> bool:
        """Inside quotes: a quote shortly before it, and an odd number of them since the sentence began."""
        before = QUOTE_BEFORE.search(doc.norm, max(0, start - 41), start)
        return before is not None and quotes.count(doc.sentence_start(start), start) % 2 == 1


class Readings(NamedTuple):
    """What pymorphy3's readings of a capitalized word say about it as a place name."""

    place: bool  # a place it knows ("Geox")
    common: bool  # a word of the language ("Победа", "Дружбы")
    person: bool  # a name, surname or patronymic ("Семей", "Березовского")
    noun_lemmas: tuple[str, ...]  # the dictionary forms as nouns, capitalized ("Ушарале" -> "Ушарал")


@lru_cache(maxsize=65536)
def _readings(lower: str) -> Readings:
    # cached: the same capitalized words come back in every article, and a tag's `in` is slow
    readings = parses(lower)
    return Readings(
        place=any("Geox" in p.tag for p in readings),
        common=any(p.is_known and not any(t in p.tag for t in PROPER) for p in readings),
        person=any(t in p.tag for p in readings for t in ("Name", "Surn", "Patr")),
        noun_lemmas=tuple(dict.fromkeys(capitalized(yo(p.normal_form)) for p in readings if p.tag.POS == "NOUN")),
    )


NOT_NAMES = ("VERB", "INFN", "ADVB", "CONJ", "PRCL", "PREP", "NPRO", "GRND", "PRED")


def _name_like(word: str) -> bool:
    """A word that can be (part of) a place name: not a verb, adverb, pronoun or conjunction
    ("Напомним", "Сегодня", "Также"), which capitalized open a sentence glued to the one before."""
    first = parses(word.lower())[0]
    return not first.is_known or first.tag.POS not in NOT_NAMES  # an unknown word ("Көлсай") may be a name


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


def gazetteer_entry(gazetteer: Gazetteer, place: Place) -> Entry | None:
    """What the gazetteer knows of a place: "области Жетісу" as "область Жетісу", "районе Беимбета Майлина"
    as "район Беимбета Майлина", anything else by its name. Lakes and rivers are in no region."""
    if place.type in ("озеро", "река"):
        return None
    keys = [f"{place.type} {place.name}", place.name] if place.type in ("область", "район") else [place.name]
    return next((e for e in map(gazetteer.lookup, keys) if e is not None), None)
