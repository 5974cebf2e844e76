"""People, by rules over capitalized words and pymorphy3's name tags; titles and the offices they name.

"Президент Касым-Жомарт Токаев" -> Person("Касым-Жомарт Токаев", role "Президент"). natasha's NER
would cost most of the time budget, so this runs without it.
"""

from __future__ import annotations

import regex

from briefx.extract.document import Document
from briefx.extract.names import NAME_WORD, capitalized, reading_in_case
from briefx.extract.patterns import H
from briefx.lexicon import Cues, read_rows, word_list
from briefx.model import Person
from briefx.morph import parses, yo

FLAGS = regex.IGNORECASE | regex.V0
# A run of capitalized words; the person is found inside it: "Президент Касым-Жомарт Токаев"
CAPITALIZED_RUN = regex.compile(rf"(?<![\w.-]){NAME_WORD}(?:{H}+{NAME_WORD})*(?![\w-])")
WORD_IN_RUN = regex.compile(NAME_WORD)
# Surnames in any case: "Токаев", "Токаева", "Бектеновым", "Есмагамбетовой", "Қуанышұлы", "Ломтадзе"
SURNAME = regex.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ская|цкая)(?:а|у|ым|ом|е|ой|ою|у|ую|ого|ому|им|их)?$"
    r"|(?:ова|ева|ёва|ина|ына)(?:ой|у|ою)?$|(?:ұлы|улы|қызы|кызы|уулу|енко|дзе|швили|ян|бек|баев)$"
)
PATRONYMIC = regex.compile(r"(?:вич|вна|ич|ична)(?:а|у|ем|ом|е|ой|ы)?$|(?:ұлы|улы|қызы|кызы)$")
NAME_TAGS = ("Name", "Surn", "Patr")


class PeopleExtractor:
    def __init__(self) -> None:
        self.titles = Cues("titles.tsv")
        self.deputies = frozenset(w.split()[-1] for w in word_list("deputy_titles.txt"))
        self.office_holders = [
            (row.fields[0], row.fields[1], row.fields[2]) for row in read_rows("office_holders.tsv", min_fields=3)
        ]

    def people(self, doc: Document) -> list[Person]:
        """ "Президент Касым-Жомарт Токаев": [first name] [patronymic] surname inside a capitalized run."""
        found = []
        mentioned_roles: set[str] | None = None  # offices the text names anywhere, read once
        for run in CAPITALIZED_RUN.finditer(doc.norm):
            words = list(WORD_IN_RUN.finditer(doc.norm, run.start(), run.end()))
            for first, last in self._names_in(words, self.titles):
                parts = [w.group() for w in words[first : last + 1]]
                name = self._known(self._nominative(doc.original[words[first].start() : words[last].end()].split(), parts))
                if mentioned_roles is None:
                    mentioned_roles = {self.titles.key_of(m.group()) for m in self.titles.finditer(doc.norm)}
                start, stop = words[first].start(), words[last].end()
                found.append(Person(**doc.span(start, stop), name=name, role=self._role(doc, start, name, mentioned_roles)))
        return found

    def _known(self, name: str) -> str:
        """An office holder the data knows keeps one spelling: "Касым-Жомарта Токаева" -> "Касым-Жомарт Токаев"."""
        words = name.split()
        first, last = words[0], words[-1]
        for _, person, surname in self.office_holders:
            if len(words) != len(person.split()):
                continue  # "Касым-Жомарт Кемелевич Токаев" keeps the patronymic it was written with
            if last.startswith(surname) and first.startswith(person.split()[0]):
                return person
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

    @staticmethod
    def _nominative(original: list[str], parts: list[str]) -> str:
        """The case of the name from its first name (or surname), every part to the nominative."""
        case, gender = _case_of(parts)
        if case == "nomn":
            return " ".join(original)
        out = []
        for word in original:
            reading = reading_in_case(word, case, NAME_TAGS)
            if reading is None or not any(t in reading.tag for t in NAME_TAGS):
                out.append(_strip_case_ending(word, case))
                continue
            grammemes = {"nomn", "sing"} | ({gender} if gender else set())
            form = reading.inflect(grammemes) or reading.inflect({"nomn"})
            out.append(capitalized(form.word) if form else word)
        return " ".join(out)

    def _role(self, doc: Document, start: int, name: str, mentioned_roles: set[str]) -> str | None:
        """The title whose phrase runs up to the name ("Аким Карагандинской области Ермаганбет …"),
        else an office the text names this office holder by. "Заместитель акима" is nobody's akim."""
        begin = doc.clause_start(start)
        titles = list(self.titles.finditer(doc.norm, begin, start))
        if titles:
            title = titles[-1]
            between = list(regex.finditer(r"\S+", doc.norm[title.end() : start]))
            dependents = all(_dependent(w.group()) for w in between)
            before = list(regex.finditer(r"[^\W\d_]+", doc.norm[begin : title.start()]))
            governed = bool(before) and before[-1].group().lower() in self.deputies
            if dependents and not governed:
                return self.titles.key_of(title.group())
        first, last = name.split()[0], name.split()[-1]
        for role, person, _ in self.office_holders:
            if (person.split()[0], person.split()[-1]) == (first, last) and role in mentioned_roles:
                return role
        return None

    def resolve(self, title: str, people: list[Person]) -> str:
        """ "Президент" -> "Касым-Жомарт Токаев" when he is named in the text; else the title."""
        role = self.titles.key_of(title)
        for office, person, surname in self.office_holders:
            if office == role and any(p.name.split()[-1] == surname for p in people):
                return person
        named = [p.name for p in people if p.role == role]
        return named[0] if named else title


def _is_surname(word: str) -> bool:
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


def _strip_case_ending(word: str, case: str) -> str:
    """An unknown first name in an oblique case: "Ерлана" -> "Ерлан", "Нұрлану" -> "Нұрлан"."""
    reading = next((p for p in parses(word.lower()) if p.tag.case == case and p.tag.POS == "NOUN"), None)
    if reading is None:
        return word
    return capitalized(yo(reading.normal_form))


def _case_of(parts: list[str]) -> tuple[str, str | None]:
    """The case of a name: from a first name pymorphy3 knows ("Серика" -> gent), else from the surname,
    nominative when it can be ("Айгерім Құрманова" is a woman, not "Құрманов" in the genitive)."""
    # an indeclinable first name ("Айжан") says nothing of the case: ask the surname
    first = next((p for p in parses(parts[0].lower()) if "Name" in p.tag and p.is_known and "Fixd" not in p.tag), None)
    if first is not None:
        return first.tag.case or "nomn", first.tag.gender
    surname = [p for p in parses(parts[-1].lower()) if "Surn" in p.tag]
    if not surname or any(p.tag.case == "nomn" for p in surname):
        return "nomn", None
    return surname[0].tag.case or "nomn", surname[0].tag.gender


def _dependent(token: str) -> bool:
    """A word that can stand between a title and a name: a genitive ("Министр энергетики"), a proper
    name ("области Жетісу"), an abbreviation or a quoted name ("правления АО «KEGOC»")."""
    word = token.strip(",")
    if word[:1].isupper() or word.startswith(('"', "«")):
        return True
    return any(p.tag.case == "gent" for p in parses(word.lower()))
