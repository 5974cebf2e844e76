"""People, by rules over capitalized words and pymorphy3's name tags; titles and the offices they name.

"Президент Касым-Жомарт Токаев" -> Person("Касым-Жомарт Токаев", role "Президент"). natasha's NER
would cost most of the time budget, so this runs without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import islice
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.names import person_nominative
from briefx.extract.phrases import words_before
from briefx.extract.shapes import NAME_WORD, H
from briefx.extract.spans import Ordered
from briefx.lexicon import Cues, Lexicon, OfficeHolder
from briefx.model import Person
from briefx.morph import parses

# A run of capitalized words; the person is found inside it: "Президент Касым-Жомарт Токаев"
CAPITALIZED_RUN = regex.compile(rf"(?<![\w.-]){NAME_WORD}(?:{H}+{NAME_WORD})*(?![\w-])")
WORD_IN_RUN = regex.compile(NAME_WORD)
# Surnames in any case: "Токаев", "Токаева", "Бектеновым", "Есмагамбетовой", "Қуанышұлы", "Ломтадзе"
SURNAME = regex.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ская|цкая)(?:а|у|ым|ом|е|ой|ою|у|ую|ого|ому|им|их)?$"
    r"|(?:ова|ева|ёва|ина|ына)(?:ой|у|ою)?$|(?:ұлы|улы|қызы|кызы|уулу|енко|дзе|швили|ян|бек|баев)$"
)
TOKEN = regex.compile(r"\S+")
TITLE_REACH = 10  # words between a title and the name it governs, at most ("Аким Карагандинской области")
PATRONYMIC = regex.compile(r"(?:вич|вна|ич|ична)(?:а|у|ем|ом|е|ой|ы)?$|(?:ұлы|улы|қызы|кызы)$")


class People(Component):
    name = "people"
    produces = ("people",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.titles = lexicon.titles
        self.deputies = lexicon.deputy_titles
        self.office_holders = lexicon.office_holders

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        return {"people": self._people(doc)}

    def _people(self, doc: Document) -> list[Person]:
        """ "Президент Касым-Жомарт Токаев": [first name] [patronymic] surname inside a capitalized run."""
        found = []
        titles = Ordered(self.titles.finditer(doc.norm), regex.Match.span)
        mentioned_roles = {self.titles.key_of(m.group()) for m in titles.items}  # offices the text names anywhere
        for run in CAPITALIZED_RUN.finditer(doc.norm):
            words = list(WORD_IN_RUN.finditer(doc.norm, run.start(), run.end()))
            for first, last in self._names_in(words, self.titles):
                parts = [w.group() for w in words[first : last + 1]]
                name = self._known(person_nominative(doc.original[words[first].start() : words[last].end()].split(), parts))
                start, stop = words[first].start(), words[last].end()
                role = self._role(doc, start, name, titles, mentioned_roles)
                found.append(Person(**doc.span(start, stop), name=name, role=role, rule=self.rule("name_surname")))
        return found

    def _known(self, name: str) -> str:
        """An office holder the data knows keeps one spelling: "Касым-Жомарта Токаева" -> "Касым-Жомарт Токаев"."""
        words = name.split()
        first, last = words[0], words[-1]
        for holder in self.office_holders:
            if len(words) != len(holder.person.split()):
                continue  # "Касым-Жомарт Кемелевич Токаев" keeps the patronymic it was written with
            if last.startswith(holder.surname) and first.startswith(holder.person.split()[0]):
                return holder.person
        return name

    @staticmethod
    def _names_in(words: list, titles: Cues) -> list[tuple[int, int]]:
        """(first, last) word indices of each "Name [Patronymic] Surname" in a run of capitalized words."""
        out, i = [], 1
        while i < len(words):
            # "Аким" is a first name to pymorphy3, but before a surname it is the title
            if _is_surname(words[i].group()) and _is_first_name(words[i - 1].group()) and not titles.key_of(words[i - 1].group()):
                first = i - 1
                if i >= 2 and PATRONYMIC.search(words[i - 1].group().lower()) and _is_first_name(words[i - 2].group()):
                    first = i - 2
                out.append((first, i))
                i += 2
            else:
                i += 1
        return out

    def _role(
        self, doc: Document, start: int, name: str, titles: Ordered[regex.Match], mentioned_roles: set[str | None]
    ) -> str | None:
        """The title whose phrase runs up to the name ("Аким Карагандинской области Ермаганбет …"),
        else an office the text names this office holder by. "Заместитель акима" is nobody's akim."""
        begin = doc.sentence_start(start)
        title = titles.last_inside(begin, start)
        if title is not None:
            between = islice(TOKEN.finditer(doc.norm, title.end(), start), TITLE_REACH + 1)
            dependents = all(n < TITLE_REACH and _dependent(w.group()) for n, w in enumerate(between))
            before = words_before(doc.norm, begin, title.start())
            governed = bool(before) and before[-1].group().lower() in self.deputies
            if dependents and not governed:
                return self.titles.key_of(title.group())
        first, last = name.split()[0], name.split()[-1]
        for holder in self.office_holders:
            if (holder.person.split()[0], holder.person.split()[-1]) == (first, last) and holder.role in mentioned_roles:
                return holder.role
        return None


class Named:
    """The people of one document, for the questions other components ask of them: who is named last
    before a point, who opens a sentence, who holds a title. Each answer is a bisection or a lookup."""

    def __init__(self, people: Sequence[Person]):
        self._ordered = Ordered(people, lambda p: (p.start, p.stop))
        self._at: dict[int, Person] = {}
        self._surnames = {p.name.split()[-1] for p in people}
        self._by_role: dict[str, str] = {}
        for person in people:
            self._at.setdefault(person.start, person)
            if person.role is not None:
                self._by_role.setdefault(person.role, person.name)

    def last_inside(self, begin: int, end: int) -> Person | None:
        return self._ordered.last_inside(begin, end)

    def starting_at(self, offset: int) -> Person | None:
        return self._at.get(offset)

    def resolve(self, title: str, titles: Cues, office_holders: list[OfficeHolder]) -> str:
        """ "Президент" -> "Касым-Жомарт Токаев" when he is named in the text; else the title."""
        role = titles.key_of(title)
        for holder in office_holders:
            if holder.role == role and holder.surname in self._surnames:
                return holder.person
        return self._by_role.get(role, title) if role is not None else title


def _is_surname(word: str) -> bool:
    if len(word) < 3:
        return False  # "По" (Эдгар По) ends a glued "КаральникПо": a sentence opener, far likelier
    readings = parses(word.lower())
    if any("Geox" in p.tag for p in readings):
        return False  # "Шымкент" reads as a surname too, but it is a city
    if any("Surn" in p.tag for p in readings):
        return True
    return bool(SURNAME.search(word.lower())) and readings[0].tag.POS not in ("ADJF", "PRTF")


def _is_first_name(word: str) -> bool:
    """A known first name, or a word pymorphy3 does not know (Kazakh names: "Бейбіт", "Касым-Жомарт")."""
    readings = parses(word.lower())
    if any("Name" in p.tag or "Patr" in p.tag for p in readings):
        return True
    return not any(p.is_known for p in readings) and not any("Geox" in p.tag for p in readings)


def _dependent(token: str) -> bool:
    """A word that can stand between a title and a name: a genitive ("Министр энергетики"), a proper
    name ("области Жетісу"), an abbreviation or a quoted name ("правления АО «KEGOC»")."""
    word = token.strip(",")
    if word[:1].isupper() or word.startswith(('"', "«")):
        return True
    return any(p.tag.case == "gent" for p in parses(word.lower()))
