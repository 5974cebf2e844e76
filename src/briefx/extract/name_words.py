"""What a capitalized word can be in a person's name, by pymorphy3's tags and the shapes of surnames.

"Мади" (unknown to the dictionary) can be a given name, "Такиева" a surname (its ending), "Гафуровна" a
patronymic; "По", "Он", "Этот" are none of these, whatever their capital letter; "Шымкент" and "Алматы"
are places. pymorphy3's guesses for unknown words are weak evidence; its dictionary is strong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from briefx.morph import parses

NAME_TAGS = ("Name", "Surn", "Patr")
PROPER_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")
# Surnames in any case: "Токаев", "Токаева", "Бектеновым", "Есмагамбетовой", "Ломтадзе", "Пашиняном"
SURNAME_SHAPE = regex.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ская|цкая)(?:а|у|ым|ом|е|ой|ою|ую|ого|ому|им|их)?$"
    r"|(?:ова|ева|ёва|ина|ына)(?:ой|у|ою)?$"
    r"|(?:ян|янц)(?:а|у|ом|е)?$"
    r"|(?:енко|дзе|швили|ұлы|улы|қызы|кызы|уулу|баев|беков)$"
)
PATRONYMIC_SHAPE = regex.compile(r"(?:вич|вна|ична|инична)(?:а|у|ем|ом|е|ой|ы)?$|(?:ұлы|улы|қызы|кызы)$")
FUNCTION_WORDS = ("PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "ADVB", "COMP", "NUMR")
FUNCTION_SET = frozenset(FUNCTION_WORDS)
PROPER_SET = frozenset(("Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))
SHORT_PART = 4  # letters: "Ли", "Куан", "Ю" are the syllables of a Chinese or Korean name


@dataclass(frozen=True, slots=True)
class NameWord:
    """What pymorphy3 and the shape of a word say it can be."""

    given: bool  # the dictionary knows it as a given name: "Василий", "Эмма", "Ли"
    surname: bool  # the dictionary knows it as a surname: "Путин", "Янукович"
    patronymic: bool  # "Гафуровна", "Матвеевич"
    place: bool  # the dictionary knows it as a place: "Алматы", "Астану", "Монина" (Монино)
    place_first: bool  # and likeliest as a place: "Алматы" (not "Абай")
    common: bool  # the dictionary knows it as something else: "По", "Роман", "Президент"
    unknown: bool  # the dictionary does not know it: "Мади", "Бишимбаев", "Гутерриш"
    guessed_given: bool  # pymorphy3 guesses a given name: "Кадри", "Антониу"
    guessed_surname: bool  # pymorphy3 guesses a surname: "Симсон", "Веренича"
    shaped: bool  # ends like a surname: "Такиева", "Хачатуряном", "Сәрсенбаеву"
    adjective: bool  # the dictionary's likeliest reading is an adjective or participle: "Казахский"

    function: bool  # its likeliest reading is a preposition, conjunction, pronoun … and it is no given name: "По", "Он"
    given_first: bool  # the dictionary's likeliest reading is a given name: "Андрей", not "Роза"
    noun_first: bool  # and a common noun: "Третьяк", "Питт" (a surname after a given name all the same)
    animate: bool  # a word for a person first: "Следователь", no given name before a surname

    @property
    def only_common(self) -> bool:
        """A dictionary word that is no name: a capital at a sentence start does not make it one."""
        return self.function or self.common and not (self.given or self.surname or self.patronymic)

    @property
    def surname_shaped(self) -> bool:
        """Ends like a surname and is no adjective or place: "Бектенов", also "Токаев" ("токай")."""
        return self.shaped and not self.place and not self.adjective

    @property
    def can_be_given(self) -> bool:
        return (self.given and not self.place_first or self.unknown) and not self.only_common

    @property
    def can_be_surname(self) -> bool:
        """A known surname or given name ("Джонсон", "Арно"), or a word that is no dictionary word."""
        return not self.function and (self.surname or self.given or self.unknown or self.surname_shaped)

    @property
    def surname_like(self) -> bool:
        """Strong evidence of a surname: the dictionary, a surname's ending, or pymorphy3's guess."""
        return not self.function and (self.surname or self.surname_shaped or (self.unknown and self.guessed_surname))


@lru_cache(maxsize=65536)
def name_word(word: str) -> NameWord:
    lower = word.lower()
    readings = parses(lower)
    known = [p.tag.grammemes | {p.tag.POS or ""} for p in readings if p.is_known]
    guessed = [p.tag.grammemes for p in readings if not p.is_known]
    first = known[0] if known else frozenset()

    def has(tag: str, among: list) -> bool:
        return any(tag in grammemes for grammemes in among)

    return NameWord(
        given=has("Name", known),
        surname=has("Surn", known),
        patronymic=has("Patr", known) or bool(PATRONYMIC_SHAPE.search(lower)),
        place=has("Geox", known),
        place_first="Geox" in first,
        common=any("" not in g and not g & PROPER_SET for g in known),
        unknown=not known,
        guessed_given=has("Name", guessed),
        guessed_surname=has("Surn", guessed),
        shaped=bool(SURNAME_SHAPE.search(lower)),
        adjective=bool(first & {"ADJF", "PRTF"}),
        function=bool(first & FUNCTION_SET) and not has("Name", known),
        given_first="Name" in first,
        noun_first="NOUN" in first and not first & PROPER_SET,
        animate="anim" in first,
    )


def is_short_part(word: str) -> bool:
    """A syllable of a Chinese or Korean name ("Ли", "Куан", "Ю"): short, and no common word."""
    kind = name_word(word)
    return len(word) <= SHORT_PART and (kind.given or kind.surname or kind.unknown) and not kind.place
