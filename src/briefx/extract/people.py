"""People, places and the credited source, by rules over capitalized words and pymorphy3's name tags.

"Касым-Жомарт Токаев" -> Person(role "Президент" when the text calls him so); "озера Балхаш" ->
Place("Балхаш", kind "озеро"); "передает BAQ.KZ" -> Source("BAQ.KZ"). natasha's NER would cost
most of the time budget, so this runs without it.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from briefx.extract.document import Document
from briefx.extract.patterns import END, H
from briefx.lexicon import Cues, alternation, read_rows, word_list
from briefx.model import Person, Place, Source
from briefx.morph import parses, proper_nominative, yo

FLAGS = regex.IGNORECASE | regex.V0
CAPITAL = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
NAME_WORD = rf"(?-i:[{CAPITAL}][а-яёәғқңөұүһі]+(?:-[{CAPITAL}][а-яёәғқңөұүһі]+)?)"
# Two or three capitalized words: "Касым-Жомарт Токаев", "Серик Ахметович Жумабаев"
PERSON = regex.compile(rf"(?<![\w.-]){NAME_WORD}(?:{H}+{NAME_WORD}){{1,2}}(?![\w-])")
SURNAME_ENDINGS = ("ов", "ев", "ин", "ова", "ева", "ина", "ский", "ская", "улы", "уулу", "кызы", "енко", "ёв")
# "BAQ.KZ", "Kazinform", "Tengrinews.kz" (not the glued "Tengrinews.kz.Как" after it), "Казинформ"
# a domain part is lowercase or a short uppercase code: "Tengrinews.kz", "BAQ.KZ", not "Tengrinews.kz.Tengri…"
BARE_PLACE = regex.compile(rf"(?<![\w-]){NAME_WORD}{END}")
AGENCY = r"(?-i:[A-Z][A-Za-z0-9-]*(?:\.(?:[a-z]{2,6}|[A-Z]{2,3})(?![A-Za-z]))*|[А-ЯЁ][\w-]+)"


class PeopleExtractor:
    def __init__(self) -> None:
        self.titles = Cues("titles.tsv")
        self.place_types = Cues("place_types.tsv")
        self.office_holders = [
            (row.fields[0], row.fields[1], row.fields[2]) for row in read_rows("office_holders.tsv", min_fields=3)
        ]
        self._places = regex.compile(rf"(?<!\w)(?P<type>{self.place_types.pattern.pattern}){H}+(?P<name>{NAME_WORD})", FLAGS)
        verbs = alternation(word_list("source_verbs.txt"))
        # "передаетTengrinews.kz" is glued in scraped text: no space needed after the verb
        self._source = regex.compile(rf"(?<!\w)(?:{verbs}){H}*(?P<agency>{AGENCY}|пресс-служб\w*(?:{H}+[а-яё]+){{0,3}})", FLAGS)

    def people(self, doc: Document) -> list[Person]:
        found = []
        mentioned_roles: set[str] | None = None  # offices the text names anywhere, read once
        for match in PERSON.finditer(doc.norm):
            words = match.group().split()
            if not self._looks_like_person(words):
                continue
            name = " ".join(self._nominative(w) for w in words)
            if mentioned_roles is None:
                mentioned_roles = {self.titles.key_of(m.group()) for m in self.titles.finditer(doc.norm)}
            found.append(Person(**doc.span(*match.span()), name=name, role=self._role(doc, match.start(), name, mentioned_roles)))
        return found

    @staticmethod
    def _looks_like_person(words: list[str]) -> bool:
        last = words[-1]
        tagged = any("Surn" in p.tag for p in parses(last.lower()))
        return tagged or last.lower().endswith(SURNAME_ENDINGS)

    @staticmethod
    def _nominative(word: str) -> str:
        readings = parses(word.lower())
        if any(p.tag.case == "nomn" for p in readings) or word.lower().endswith(SURNAME_ENDINGS):
            return word  # "Касым-Жомарт" may already be the nominative: leave it
        for p in readings:
            if ("Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag) and p.tag.case != "nomn":
                form = p.inflect({"nomn"})
                if form:
                    return "-".join(part[:1].upper() + part[1:] for part in yo(form.word).split("-"))
        return word

    def _role(self, doc: Document, start: int, name: str, mentioned_roles: set[str]) -> str | None:
        """A title right before the name ("аким области Серик …"), else an office the text names him by."""
        before = list(self.titles.finditer(doc.norm, max(0, start - 40), start))
        if before and not regex.search(r"[.!?;]", doc.norm[before[-1].end() : start]):
            return self.titles.key_of(before[-1].group())
        for role, person, _ in self.office_holders:
            if person == name and role in mentioned_roles:
                return role
        return None

    def resolve(self, title: str, people: list[Person]) -> str:
        """ "Президент" -> "Касым-Жомарт Токаев" when he is named in the text; else the title."""
        role = self.titles.key_of(title)
        for office, person, surname in self.office_holders:
            if office == role and any(p.name == person or p.name.endswith(surname) for p in people):
                return person
        named = [p.name for p in people if p.role == role]
        return named[0] if named else title

    def places(self, doc: Document) -> list[Place]:
        found = []
        for match in self._places.finditer(doc.norm):
            name = proper_nominative(doc.original[match.start("name") : match.end("name")])
            found.append(Place(**doc.span(*match.span()), name=name, kind=self.place_types.key_of(match.group("type"))))
        typed = [(p.start, p.stop) for p in found]  # in text order, not overlapping
        starts = [a for a, _ in typed]
        for match in BARE_PLACE.finditer(doc.norm):
            word = match.group()
            i = bisect_right(starts, match.start()) - 1
            if i >= 0 and match.start() < typed[i][1]:
                continue  # the name of "озера Балхаш", already a place
            geo = next((p for p in parses(word.lower()) if "Geox" in p.tag), None)
            if geo is not None and parses(word.lower())[0] is geo:
                found.append(Place(**doc.span(*match.span()), name=proper_nominative(word), kind=None))
        return sorted(found, key=lambda p: p.start)

    def source(self, doc: Document) -> Source | None:
        match = self._source.search(doc.norm)
        if not match:
            return None
        start, stop = match.span("agency")
        while stop > start and doc.norm[stop - 1] in ".,":
            stop -= 1
        agency = " ".join(doc.original[start:stop].split())
        if parses(agency.lower())[0].tag.POS in ("ADJF", "PRTF"):
            return None  # "сообщает Главной …": an adjective opens a phrase, it is not the agency
        if agency.lower().startswith("пресс-служб"):
            words = agency.split()
            agency = " ".join(["пресс-служба", *words[1:]])
        return Source(**doc.span(start, stop), name=agency)
