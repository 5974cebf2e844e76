"""People: every mention of a named person, with the fullest name the text gives that person and the
role it states. "Министр финансов Мади Такиев … Такиеву задали вопрос" -> two mentions of
Person("Мади Такиев", role "министр финансов", title "министр").

Names are found by their shapes (name_shapes) and, alone, as a surname or given name of a person the
text names in full, after a position, or as pymorphy3 knows them; roles by the words next to a name
(roles). natasha's NER would cost most of the time budget, so this runs without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.name_shapes import NameShape, names_in
from briefx.extract.name_words import name_word
from briefx.extract.names import name_case, name_cases, name_forms, person_nominative, word_cases
from briefx.extract.roles import Role, Roles
from briefx.extract.shapes import NAME_WORD, UPPER
from briefx.extract.spans import Ordered, longest_first
from briefx.lexicon import Cues, Lexicon, OfficeHolder
from briefx.model import Person
from briefx.morph import parses, yo

# A capitalized word alone; after a dot only where no initial ends ('"REPowerEU".Симсон', not "А.Иванов"),
# and glued to an abbreviation ("МЧСЧингис Аринов")
SINGLE_WORD = regex.compile(rf"(?:(?<![\w.-])|(?<=[^\W\d_]{{2}}\.)|(?<=(?-i:[{UPPER}]){{2}})){NAME_WORD}(?![\w-])")
ADDRESS_AFTER = regex.compile(r",[^\S\n]*\d")  # "(Жубанова, 10А)": a street and its number
KAZAKH_WORD = regex.compile(r"\w*[әғқңөұүһіӘҒҚҢӨҰҮҺІ]\w*")
KAZAKH_REACH = 40  # characters either side of a word alone that a Kazakh sentence shows in
# Patterns anchored at the end of a window are searched backwards ((?r)): they start at the end
LISTED_BEFORE = regex.compile(rf"(?r){NAME_WORD},[^\S\n]*\Z")
LISTED_AFTER = regex.compile(rf",[^\S\n]*{NAME_WORD}(?:,|[^\S\n]+и[^\S\n]+{NAME_WORD})")
PREVIOUS_WORD = regex.compile(r"(?r)([^\W\d_][\w.-]*)[^\S\n]+\Z")
NEXT_WORD = regex.compile(r"[^\S\n]+([^\W\d_][\w-]*)")
NEXT_CAPITALIZED = regex.compile(rf"[^\S\n]+{NAME_WORD}")
ADJECTIVE_SURNAME = regex.compile(r"(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую)$")  # "Чикойского": a lone one is an adjective
AND_NAME = regex.compile(r"[^\S\n]+и[^\S\n]+(?-i:[А-ЯЁӘҒҚҢӨҰҮҺІ])")  # "Иван Сухоруков и Турар …": a plural role is shared
AND_BETWEEN = regex.compile(r"[^\S\n]+и[^\S\n]+")
CLOSING_QUOTE = regex.compile(r"\s*\"")
ROUTE = regex.compile(rf"(?r){NAME_WORD}[^\S\n]*-[^\S\n]*\Z")  # "Жезказган – Сатпаев"
ROUTE_AFTER = regex.compile(rf"[^\S\n]*-[^\S\n]*{NAME_WORD}")


@dataclass
class Mention:
    """One name in the text, its parts as written and in the nominative."""

    start: int
    stop: int
    given: str | None
    patronymic: str | None
    surname: str | None
    rule: str
    role: Role | None = None
    weak: bool = False  # two words no dictionary knows, with no position before them
    case: str = "nomn"
    certain: bool = False  # its endings allow no other case
    parts: tuple[str | None, str | None, str | None] = (None, None, None)  # nominative
    person: int = -1  # index of the person it names

    @property
    def fullness(self) -> float:
        given, patronymic, surname = self.parts
        initials = given is not None and given.endswith(".")
        return (given is not None) * (0.5 if initials else 1) + (patronymic is not None) * 0.5 + (surname is not None) * 1.5

    @property
    def name(self) -> str:
        return " ".join(p for p in self.parts if p)


@dataclass
class PersonNames:
    """The mentions of one person in a text."""

    surname: str | None  # nominative, lowercase, "е" for "ё"
    given: str | None
    gender: str | None
    mentions: list[Mention] = field(default_factory=list)

    def has_form(self, surname: str, given: str) -> bool:
        """ "Куандыка Бишимбаева" is a form of "Куандык Бишимбаев"."""
        if not self.surname or not self.given:
            return False
        return surname in name_forms(self.surname, self.gender) and given in name_forms(self.given, self.gender)


class People(Component):
    name = "people"
    produces = ("people",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.titles = lexicon.titles
        self.office_holders = lexicon.office_holders
        # every form of an office holder's surname ("Токаева", "Токаеву"), read alone as that person
        self._holder_forms = {form: h for h in self.office_holders for form in name_forms(h.surname, None)}
        self.place_types = lexicon.place_types
        self.named_after = lexicon.named_after
        self.preposition_cases = lexicon.preposition_cases
        self.place_prepositions = lexicon.place_prepositions
        self.roles = Roles(lexicon)
        self.is_title = lru_cache(maxsize=65536)(self._title_word)

    def _title_word(self, word: str) -> bool:
        return self.titles.key_of(word) is not None

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        return {"people": self._people(doc)}

    def _people(self, doc: Document) -> list[Person]:
        roles = self.roles.read(doc)
        found = names_in(doc.original, doc.norm, self.is_title)
        things = {s for s in found if self._named_after(doc, s.start)}  # "проспекте А. Молдагуловой"
        shapes = [s for _, _, s in longest_first((s.start, s.stop, s) for s in found if s not in things)]
        taken = bytearray(len(doc.norm) + 1)
        for shape in shapes:
            taken[shape.start : shape.stop] = b"\x01" * (shape.stop - shape.start)

        def blocked(start: int, stop: int) -> bool:
            return any(taken[start:stop])

        mentions = []
        for shape in sorted(shapes, key=lambda s: s.start):
            mention = self._mention(doc, shape, roles, blocked)
            if mention is not None:
                mentions.append(mention)
        persons = self._persons([m for m in mentions if not m.weak])
        index = _forms_index(persons)
        mentions = [m for m in mentions if not m.weak] + self._confirmed(doc, [m for m in mentions if m.weak], index)
        single_taken = bytearray(taken)
        for thing in things:
            single_taken[thing.start : thing.stop] = b"\x01" * (thing.stop - thing.start)
        for mention in mentions:
            single_taken[mention.start : mention.stop] = b"\x01" * (mention.stop - mention.start)
        mentions += self._single_words(doc, roles, persons, index, single_taken, blocked)
        mentions.sort(key=lambda m: m.start)
        self._share_coordinated_roles(doc, mentions)
        persons = self._persons(mentions)
        return self._facts(doc, persons, roles.mentioned_titles())

    # --- mentions

    def _mention(self, doc: Document, shape: NameShape, roles: Any, blocked: Any) -> Mention | None:
        cases = name_cases(shape.given, shape.surname)
        plural = AND_NAME.match(doc.norm, shape.stop) is not None
        role = roles.before(shape.start, cases, plural, blocked) or roles.after(shape.stop, cases, blocked)
        if self._names_a_thing(doc, shape.start, shape.stop, role):
            return None
        mention = Mention(shape.start, shape.stop, shape.given, shape.patronymic, shape.surname, shape.rule, role)
        mention.weak = shape.weak and role is None
        self._nominative(doc, mention)
        return mention

    def _nominative(self, doc: Document, mention: Mention) -> None:
        hints = (mention.role.case,) if mention.role is not None else self._context_cases(doc, mention)
        cases = name_cases(mention.given, mention.surname)
        case, gender = name_case(mention.given, mention.surname, hints)
        mention.case, mention.certain = case, cases == {case}
        given = None
        if mention.given:  # "Бакытжана Сагинтаев": a given name in a case of its own keeps it
            own = name_cases(mention.given, None)
            given_case = case if case in own else "gent" if "gent" in own else sorted(own)[0]
            given = person_nominative(mention.given, given_case, gender, "Name")
        if given is not None and " " in given:
            given = mention.given  # "Ли Куан"
        patronymic = person_nominative(mention.patronymic, case, gender, "Patr") if mention.patronymic else None
        surname = person_nominative(mention.surname, case, gender, "Surn") if mention.surname else None
        mention.parts = (given, patronymic, surname)

    def _context_cases(self, doc: Document, mention: Mention) -> tuple[str, ...]:
        """The case the words around a name say it is in, when its endings allow several: "дело |
        Куандыка Бишимбаева" (genitive after a noun), "у | Ерлана" (a preposition's case), "Жанара
        Ахметова | рассказала" (nominative before a verb in the past)."""
        before = PREVIOUS_WORD.search(doc.norm, max(0, mention.start - 40), mention.start)
        if before is not None:
            word = before.group(1).lower()
            if word in self.preposition_cases:
                return (self.preposition_cases[word],)
            if before.group(1).islower() and any(p.tag.POS == "NOUN" for p in parses(word)[:1]):
                return ("gent",)
        after = NEXT_WORD.match(doc.norm, mention.stop)
        if after is not None and any(p.tag.POS == "VERB" and "past" in p.tag for p in parses(after.group(1).lower())[:1]):
            return ("nomn",)
        return ()

    def _named_after(self, doc: Document, start: int) -> bool:
        """ "школа имени Абая", "улица Абая", "болезнь Паркинсона"."""
        before = PREVIOUS_WORD.search(doc.norm, max(0, start - 40), start)
        return before is not None and before.group(1).lower() in self.named_after

    def _names_a_thing(self, doc: Document, start: int, stop: int, role: Role | None) -> bool:
        """ "школа имени Абая", "в районе Беимбета Майлина" (unless a position stands before the type
        word: "аким района Ғалым Әлімжанов"), «Борис Годунов»."""
        before = PREVIOUS_WORD.search(doc.norm, max(0, start - 40), start)
        if before is not None:
            word = before.group(1).lower()
            if word in self.named_after or role is None and self.place_types.key_of(word) is not None:
                return True
        quoted_before = start > 0 and doc.norm[start - 1] == '"'
        return quoted_before and CLOSING_QUOTE.match(doc.norm, stop) is not None

    def _single_words(
        self, doc: Document, roles: Any, persons: list[PersonNames], index: FormsIndex, taken: bytearray, blocked: Any
    ) -> list[Mention]:
        """Surnames and given names alone: "Токаев", "Пашиняном", "омбудсмен Закиева", "Янукович"."""
        surnames, givens = index
        surnames_nominative = {yo(p.surname) for p in persons if p.surname}
        holders = self._holder_forms
        out = []
        for match in SINGLE_WORD.finditer(doc.norm):
            start, stop = match.span()
            if any(taken[start:stop]) or self.is_title(match.group()):
                continue
            word = doc.original[start:stop]
            key = yo(word.lower())
            mention = None
            if len(surnames.get(key, ())) == 1:
                mention = Mention(start, stop, None, None, word, "known_surname")
            elif len(givens.get(key, ())) == 1 and not surnames.get(key) and not _listed(doc, start, stop):
                mention = Mention(start, stop, word, None, None, "known_given")
            else:
                mention = self._unknown_single(doc, roles, blocked, match, word, key, holders)
            if mention is None:
                continue
            if mention.role is None:
                cases = word_cases(word)
                if mention.rule == "known_surname" and key not in surnames_nominative:
                    cases -= {"nomn"}  # "Адвокат Бишимбаева" of Куандык Бишимбаев: not his nominative
                mention.role = roles.before(start, cases, False, blocked) or roles.after(stop, cases, blocked)
            if self._names_a_thing(doc, start, stop, mention.role):
                continue
            self._nominative(doc, mention)
            out.append(mention)
        return out

    def _unknown_single(
        self, doc: Document, roles: Any, blocked: Any, match: regex.Match, word: str, key: str, holders: dict[str, OfficeHolder]
    ) -> Mention | None:
        """A word alone that is a name: after a position, an office holder's surname, a word pymorphy3
        knows only as a surname or a given name, or an unknown word with a surname's ending."""
        start, stop = match.span()
        if key in holders:
            return Mention(start, stop, None, None, word, "office_holder")
        kind = name_word(word)
        if kind.only_common or kind.adjective or ADJECTIVE_SURNAME.search(key):
            return None
        first = parses(key)[0]
        if kind.place and "Surn" not in first.tag:
            return None  # "Киров", "Астаны": a place first
        # what the word alone could be, before any look at the words around it
        may_follow_role = (kind.surname_like or kind.given or kind.guessed_given) and start > 1 and doc.norm[start - 2].isalpha()
        dictionary_surname = kind.surname and first.is_known and "Surn" in first.tag
        dictionary_given = kind.given and not kind.common and not kind.surname and first.is_known and "Name" in first.tag
        shaped = kind.unknown and kind.surname_shaped
        if not (may_follow_role or dictionary_surname or dictionary_given or shaped) or self._in_a_run(doc, start, stop):
            return None
        if ROUTE.search(doc.norm, max(0, start - 40), start) or ROUTE_AFTER.match(doc.norm, stop):
            return None  # "трассы Жезказган – Сатпаев": the points of a route are places
        if may_follow_role:
            role = roles.before(start, word_cases(word), False, blocked)
            if role is not None:
                return Mention(start, stop, None, None, word, "role_surname", role)
        before = PREVIOUS_WORD.search(doc.norm, max(0, start - 40), start)
        if before is not None and before.group(1).lower() in self.place_prepositions or _modifies_next(doc, stop, key):
            return None  # "в Козлове": a place as likely as a person; "Долговой спор"
        if dictionary_surname:
            return Mention(start, stop, None, None, word, "dictionary_surname")
        if _listed(doc, start, stop) or ADDRESS_AFTER.match(doc.norm, stop) or _kazakh_around(doc, start, stop):
            return None  # "сел Кустовое, Вагулина, Красноярка", "(Жубанова, 10А)", a Kazakh sentence
        if dictionary_given:
            return Mention(start, stop, word, None, None, "dictionary_given")
        if shaped:
            return Mention(start, stop, None, None, word, "surname_shape")
        return None

    def _in_a_run(self, doc: Document, start: int, stop: int) -> bool:
        """ "агентства Франс Пресс", "Бургер Кинг", "Ким Чен Ына": a word in a run of capitalized words
        that no name shape took is part of some other name."""
        if NEXT_CAPITALIZED.match(doc.norm, stop):
            return True
        before = PREVIOUS_WORD.search(doc.norm, max(0, start - 40), start)
        if before is None or before.group(1).endswith(".") or not before.group(1)[:1].isupper() or self.is_title(before.group(1)):
            return False  # "в Киеве. Янукович": a sentence ends before it
        kind = name_word(before.group(1))
        return not kind.only_common and (kind.can_be_given or kind.can_be_surname)

    @staticmethod
    def _confirmed(doc: Document, weak: list[Mention], index: FormsIndex) -> list[Mention]:
        """Two words no dictionary knows are a name after a position (found before), as the name of a
        person named elsewhere, or as the subject or speaker of a verb in the past: "Назым Кахарман
        ответила", "- заявила Назым Кахарман"."""
        surnames, _ = index
        out = []
        for mention in weak:
            if mention.surname and yo(mention.surname.lower()) in surnames or _beside_past_verb(doc, mention.start, mention.stop):
                out.append(mention)
        return out

    @staticmethod
    def _share_coordinated_roles(doc: Document, mentions: list[Mention]) -> None:
        """ "Корреспонденты Tengrinews.kz Иван Сухоруков и Турар Казангапов": both are correspondents."""
        for before, mention in zip(mentions, mentions[1:], strict=False):
            shared = before.role is not None and before.role.plural and mention.role is None
            if shared and AND_BETWEEN.fullmatch(doc.norm, before.stop, mention.start):
                mention.role = before.role

    # --- persons

    def _persons(self, mentions: list[Mention]) -> list[PersonNames]:
        """Mentions grouped by person: a full name, then initials, surnames and given names alone that
        only one full name of the text fits."""
        persons: list[PersonNames] = []
        by_name: dict[tuple[str, str], int] = {}
        by_surname_form: dict[str, set[int]] = {}  # every form of the surnames so far: a lookup, not a scan
        for mention in mentions:
            mention.person = -1
        # full names, those whose case is certain first: "Куандыка Бишимбаева" is a form of "Куандык Бишимбаев"
        for mention in sorted(mentions, key=lambda m: (not m.certain, m.case != "nomn", m.start)):
            given, _, surname = mention.parts
            if given and surname and not given.endswith("."):
                key = (_key(surname), _key(given))
                if key not in by_name:
                    written = (_key(mention.surname or ""), _key(mention.given or ""))
                    near = by_surname_form.get(written[0], set()) | by_surname_form.get(key[0], set())
                    same = [i for i in near if persons[i].has_form(*written) or persons[i].has_form(*key)]
                    if len(same) == 1:
                        by_name[key] = same[0]
                    else:
                        by_name[key] = len(persons)
                        persons.append(PersonNames(key[0], key[1], _gender(mention)))
                        for form in name_forms(key[0], persons[-1].gender):
                            by_surname_form.setdefault(form, set()).add(by_name[key])
                mention.person = by_name[key]
                persons[mention.person].mentions.append(mention)
        surnames, givens = _forms_index(persons)
        for mention in mentions:
            if mention.person >= 0:
                continue
            given, _, surname = mention.parts
            candidates: set[int] = set()
            if surname:
                candidates = surnames.get(_key(surname), set()) | surnames.get(_key(mention.surname or ""), set())
                if given:  # initials: "Е. П. Ищенко" is Евгений Ищенко, not Наталья Ищенко
                    candidates = {c for c in candidates if (persons[c].given or "").startswith(_key(given)[:1])}
            elif given:
                candidates = givens.get(_key(given), set()) | givens.get(_key(mention.given or ""), set())
            if len(candidates) == 1:
                mention.person = candidates.pop()
            else:
                key = (_key(surname or ""), _key(given or ""))
                if key not in by_name:
                    by_name[key] = len(persons)
                    persons.append(PersonNames(key[0] or None, key[1] or None, _gender(mention)))
                mention.person = by_name[key]
            persons[mention.person].mentions.append(mention)
        return persons

    def _facts(self, doc: Document, persons: list[PersonNames], titles: set[str]) -> list[Person]:
        out = []
        for person in persons:
            mentions = sorted(person.mentions, key=lambda m: m.start)
            fullest = max(mentions, key=lambda m: (m.fullness, m.certain and m.case == "nomn", m.case == "nomn", -m.start))
            name = self._known(fullest.name)
            # the first role the text gives; a stated office beats a description ("сооснователь")
            stated = [m.role for m in mentions if m.role is not None]
            role = next((r for r in stated if r.title is not None), stated[0] if stated else None)
            text, title = (role.text, role.title) if role is not None else self._office(name, titles)
            for mention in mentions:
                span = doc.span(mention.start, mention.stop)
                out.append(Person(**span, name=name, role=text, title=title, rule=self.rule(mention.rule)))
        return sorted(out, key=lambda p: p.start)

    def _known(self, name: str) -> str:
        """An office holder the data knows keeps one spelling: "Касым-Жомарта Токаева" -> "Касым-Жомарт Токаев"."""
        words = name.split()
        for holder in self.office_holders:
            held = holder.person.split()
            same_length = len(words) == len(held) and len(words) > 1
            if same_length and _key(words[-1]).startswith(_key(holder.surname)) and _key(words[0]).startswith(_key(held[0])):
                return holder.person
        return name

    def _office(self, name: str, titles: set[str]) -> tuple[str | None, str | None]:
        """An office holder of data/office_holders.tsv, in a text that names his office anywhere."""
        words = name.split()
        for holder in self.office_holders:
            held = holder.person.split()
            same = (words[0], words[-1]) == (held[0], held[-1]) or len(words) == 1 and _key(words[0]) == _key(holder.surname)
            if same and holder.role in titles:
                return holder.role.lower(), holder.role
        return None, None


def _kazakh_around(doc: Document, start: int, stop: int) -> bool:
    """A word in a Kazakh sentence ("Тұрғын үй", "Мынау аға-жеңгеміз"): its capital proves nothing, and
    pymorphy3 knows no Kazakh."""
    return len(KAZAKH_WORD.findall(doc.norm, max(0, start - KAZAKH_REACH), min(len(doc.norm), stop + KAZAKH_REACH))) >= 2


def _beside_past_verb(doc: Document, start: int, stop: int) -> bool:
    before = PREVIOUS_WORD.search(doc.norm, max(0, start - 40), start)
    after = NEXT_WORD.match(doc.norm, stop)
    return any(word is not None and word.group(1).islower() and _past_verb(word.group(1).lower()) for word in (before, after))


def _past_verb(word: str) -> bool:
    first = parses(word)[0]
    return first.tag.POS == "VERB" and "past" in first.tag


def _listed(doc: Document, start: int, stop: int) -> bool:
    """A word alone in a list of capitalized words: "сел Кустовое, Вагулина, Красноярка"."""
    return bool(LISTED_BEFORE.search(doc.norm, max(0, start - 40), start) or LISTED_AFTER.match(doc.norm, stop))


def _modifies_next(doc: Document, stop: int, word: str) -> bool:
    """ "Несырьевой экспорт": an adjective that agrees with the noun after it, not a surname."""
    after = NEXT_WORD.match(doc.norm, stop)
    if after is None or not after.group(1).islower():
        return False
    adjectives = [p for p in parses(word) if p.tag.POS in ("ADJF", "PRTF")]
    nouns = [p for p in parses(after.group(1).lower()) if p.tag.POS == "NOUN"]
    return any(
        a.tag.case == n.tag.case and a.tag.number == n.tag.number and (n.tag.number == "plur" or a.tag.gender == n.tag.gender)
        for a in adjectives
        for n in nouns
    )


def _key(word: str) -> str:
    return yo(word.lower())


def _gender(mention: Mention) -> str | None:
    _, gender = name_case(mention.parts[0], mention.parts[2], ("nomn",))
    return gender


FormsIndex = tuple[dict[str, set[int]], dict[str, set[int]]]


def _forms_index(persons: list[PersonNames]) -> FormsIndex:
    """Every form of every full name's surname and given name -> the persons it may be."""
    surnames: dict[str, set[int]] = {}
    givens: dict[str, set[int]] = {}
    for i, person in enumerate(persons):
        if person.surname and person.given and not person.given.endswith("."):
            for form in name_forms(person.surname, person.gender):
                surnames.setdefault(form, set()).add(i)
            for form in name_forms(person.given, person.gender):
                givens.setdefault(form, set()).add(i)
    return surnames, givens


class Named:
    """The people of one document, for the questions other components ask of them: who is named last
    before a point, who opens a sentence, who holds a title. Each answer is a bisection or a lookup."""

    def __init__(self, people: Sequence[Person]):
        self._ordered = Ordered(people, lambda p: (p.start, p.stop))
        self._at: dict[int, Person] = {}
        self._surnames = {p.name.split()[-1] for p in people}
        self._by_title: dict[str, str] = {}
        for person in people:
            self._at.setdefault(person.start, person)
            if person.title is not None:
                self._by_title.setdefault(person.title, person.name)

    def last_inside(self, begin: int, end: int) -> Person | None:
        return self._ordered.last_inside(begin, end)

    def starting_at(self, offset: int) -> Person | None:
        return self._at.get(offset)

    def resolve(self, title: str, titles: Cues, office_holders: list[OfficeHolder]) -> str:
        """ "Президент" -> "Касым-Жомарт Токаев" when he is named in the text; else the title."""
        key = titles.key_of(title)
        for holder in office_holders:
            if holder.role == key and holder.surname in self._surnames:
                return holder.person
        return self._by_title.get(key, title) if key is not None else title
