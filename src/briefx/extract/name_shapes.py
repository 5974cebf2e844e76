"""The shapes a person's name takes in text, found on the normalized text: "Касым-Жомарт Токаев",
"Серик Ахметович Жумабаев", "Монина Нина Гафуровна" (surname first, as official documents write it),
"Ипполит Матвеевич", "Е. П. Ищенко", "Ищенко Е.П.", "Ли Куан Ю".

Each shape is found inside a run of capitalized words, so "Президент" before a name stays out of it;
every word of a name must be name-like (data of name_words), so a capitalized sentence start ("По",
"Он", "Этот") is never part of one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from briefx.extract.name_words import is_short_part, name_word
from briefx.extract.shapes import NAME_WORD, UPPER, H
from briefx.morph import parses

# A run of capitalized words; a lone capital not followed by a dot ends a Chinese name: "Ли Куан Ю"
_RUN_WORD = rf"{NAME_WORD}|(?-i:[{UPPER}])(?![\w.])"
# A run starts after no word or dot, or right after an abbreviation a scrape glued it to: "МЧСЧингис Аринов"
CAPITALIZED_RUN = regex.compile(rf"(?:(?<![\w.-])|(?<=(?-i:[{UPPER}]){{2}}))(?:{_RUN_WORD})(?:{H}+(?:{_RUN_WORD}))*(?![\w-])")
WORD_IN_RUN = regex.compile(_RUN_WORD)
_INITIAL = rf"(?-i:[{UPPER}])\."
# "Е. П. Ищенко", "Е.П. Ищенко", "О. Дерипаска", "Р.Эмануэль"
INITIALS_FIRST = regex.compile(rf"(?<![\w.])(?P<initials>{_INITIAL}(?:{H}?{_INITIAL})?){H}?(?P<surname>{NAME_WORD})(?![\w-])")
# "Ищенко Е.П.", "Ищенко Е. П."
SURNAME_FIRST = regex.compile(rf"(?<![\w.-])(?P<surname>{NAME_WORD}){H}+(?P<initials>{_INITIAL}{H}?{_INITIAL})")


@dataclass(frozen=True, slots=True)
class NameShape:
    """Where a name is and which words are which of its parts (as written, original letters)."""

    start: int
    stop: int
    given: str | None  # "Касым-Жомарта", "Ли Куан", "Е."
    patronymic: str | None  # "Кемелевич", "П."
    surname: str | None  # "Токаева", "Ю"
    rule: str
    weak: bool = False  # two words no dictionary knows: a name only after a position or of a known person


def names_in(original: str, norm: str, is_title: Callable[[str], bool]) -> list[NameShape]:
    """Every multi-word name shape of a text, in text order (they may overlap: initials and runs)."""
    found = []
    for run in CAPITALIZED_RUN.finditer(norm):
        words = list(WORD_IN_RUN.finditer(norm, run.start(), run.end()))
        i = 0
        while i < len(words):
            shape, taken = _shape_at(original, words, i, is_title)
            if shape is not None:
                found.append(shape)
                i += taken
            else:
                i += 1
    for match in INITIALS_FIRST.finditer(norm):
        if _surname_after_initials(match.group("surname"), is_title):
            found.append(_with_initials(original, match, after=False))
    for match in SURNAME_FIRST.finditer(norm):
        if _surname_after_initials(match.group("surname"), is_title):
            found.append(_with_initials(original, match, after=True))
    return sorted(found, key=lambda s: (s.start, -s.stop))


def _shape_at(original: str, words: list[regex.Match], i: int, is_title: Callable[[str], bool]) -> tuple[NameShape | None, int]:
    """The name that starts at words[i], if any, and how many words it takes."""
    texts = [w.group() for w in words[i : i + 3]]
    if any(is_title(t) for t in texts[:1]) or len(texts) < 2:
        return None, 0
    kinds = [name_word(t) for t in texts]
    spans = [w.span() for w in words[i : i + 3]]

    def shape(parts: tuple[int | None, int | None, int | None], count: int, rule: str, weak: bool = False) -> NameShape:
        given, patronymic, surname = (original[slice(*spans[p])] if p is not None else None for p in parts)
        return NameShape(spans[0][0], spans[count - 1][1], given, patronymic, surname, rule, weak)

    a, b = kinds[0], kinds[1]
    if is_title(texts[1]) or len(texts[1]) == 1 and len(texts) == 2:
        return None, 0
    if len(texts) == 3 and not is_title(texts[2]):
        c = kinds[2]
        if a.can_be_given and b.patronymic and not b.surname and c.can_be_surname:
            return shape((0, 1, 2), 3, "given_patronymic_surname"), 3  # "Серик Ахметович Жумабаев"
        if c.patronymic and not c.surname_like and b.given and (a.surname_like or a.unknown or a.shaped and not a.adjective):
            return shape((1, 2, 0), 3, "surname_given_patronymic"), 3  # "Монина Нина Гафуровна"
        if (
            a.given
            and not a.place
            and b.unknown
            and b.can_be_given
            and not b.patronymic
            and c.surname_like
            and not c.function
            and _nominative_given(texts[0])
        ):
            # "Реджеп Тайип Эрдоган": two given names, the second unknown, and a surname ("Каральник По" is
            # none); in the nominative only, where the unknown middle name needs no declining
            given = original[spans[0][0] : spans[1][1]]
            return NameShape(spans[0][0], spans[2][1], given, None, original[slice(*spans[2])], "given_given_surname"), 3
        if all(is_short_part(t) for t in texts) and any(k.given or k.surname for k in kinds):
            given = original[spans[0][0] : spans[1][1]]
            return NameShape(spans[0][0], spans[2][1], given, None, original[slice(*spans[2])], "short_parts"), 3  # "Ли Куан Ю"
    if len(texts[1]) == 1:
        return None, 0
    next_surname = len(texts) == 3 and kinds[2].surname_like and not is_title(texts[2])
    if a.surname_like and not a.given and b.given and not b.shaped and not b.surname and not next_surname:
        return shape((1, None, 0), 2, "surname_given"), 2  # "Плаксюк Саша", "Веренича Василия"
    if a.given and b.patronymic and not b.surname_like:
        return shape((0, 1, None), 2, "given_patronymic"), 2  # "Ипполит Матвеевич"
    if a.given_first and b.common and not (b.place or b.function or b.adjective):
        return shape((0, None, 1), 2, "given_surname"), 2  # "Андрей Третьяк", "Брэд Питт", "Хавьера Милея"
    if a.noun_first and not a.animate and not a.place and (b.surname or b.unknown and b.surname_shaped):
        return shape((0, None, 1), 2, "given_surname"), 2  # "Канат Бозумбаев": a given name that is a word too
    if not a.can_be_given or not b.can_be_surname:
        return None, 0
    if next_surname and b.can_be_given and (not b.surname_like or b.given_first and not a.given):
        return None, 0  # "области Жетісу | Бейбіт Исабаев", "Казгидромета | Алина Исмагулова": the name starts later
    if a.given or b.surname_like and (b.surname or b.surname_shaped or a.guessed_given):
        return shape((0, None, 1), 2, "given_surname"), 2  # "Мади Такиев", "Кадри Симсон"
    if a.unknown and b.unknown:
        return shape((0, None, 1), 2, "given_surname", weak=True), 2  # "Олаф Шольц": only after a position
    return None, 0


def _nominative_given(word: str) -> bool:
    """A given name read first in the nominative: "Реджеп", not "Мартина" (of Мартин) or "Китом"."""
    first = next((p for p in parses(word.lower()) if "Name" in p.tag), None)
    return first is not None and first.tag.case == "nomn"


def _surname_after_initials(word: str, is_title: Callable[[str], bool]) -> bool:
    kind = name_word(word)
    return kind.can_be_surname and not kind.only_common and not kind.place and not is_title(word)


def _with_initials(original: str, match: regex.Match, after: bool) -> NameShape:
    letters = regex.findall(r"\w\.", original[match.start("initials") : match.end("initials")])
    return NameShape(
        match.start(),
        match.end(),
        letters[0],
        letters[1] if len(letters) > 1 else None,
        original[match.start("surname") : match.end("surname")],
        "surname_initials" if after else "initials_surname",
    )
