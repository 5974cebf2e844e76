"""Words and phrases to the nominative, by pymorphy3: "Алаколя" -> "Алаколь", "Касым-Жомарта Токаева" ->
"Касым-Жомарт Токаев", "акимам областей" -> "акимы областей". Every extractor that names something
in the nominative uses these."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

from briefx.document import Document
from briefx.morph import CASES, inflected, parses, yo

PROPER_TAGS = ("Geox", "Name", "Surn", "Orgn", "Trad")
NAME_TAGS = ("Name", "Surn", "Patr")
MODIFIERS = ("ADJF", "PRTF")
VOWELS = "аеёиоуыэюяіәөүұ"
ALL_CASES = frozenset(CASES)
GROUP_WORDS = 12  # adjectives and their noun: no group is longer (a bound, so long phrases stay linear)


def capitalized(word: str) -> str:
    """ "касым-жомарт" -> "Касым-Жомарт"."""
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def reading_in_case(word: str, case: str, tags: tuple[str, ...] = ()):
    """A reading of `word` in `case`, preferring one that carries one of `tags` (Name, Surn, Geox …)."""
    readings = [p for p in parses(word.lower()) if p.tag.case == case]
    return next((p for p in readings if any(t in p.tag for t in tags)), readings[0] if readings else None)


def to_nominative(word: str, case: str, tags: tuple[str, ...] = (), gender: str | None = None) -> str:
    """ "Бектеновым" (ablt) -> "Бектенов"; a word with no reading in `case` stays as written."""
    if case == "nomn":
        return word
    reading = reading_in_case(word, case, tags)
    if reading is None:
        return word
    grammemes = {"nomn"} | ({gender} if gender and reading.tag.POS in ("ADJF", "PRTF") else set())
    if "sing" in reading.tag:
        grammemes.add("sing")
    form = inflected(reading, frozenset(grammemes))
    if form is None:
        return word
    return capitalized(yo(form.word)) if word[:1].isupper() else yo(form.word)


def proper_nominative(word: str, tags: tuple[str, ...] = PROPER_TAGS) -> str:
    """ "Алаколя" -> "Алаколь": the first reading with one of `tags` gives the case, the word goes to the
    nominative. A word pymorphy3 has no such reading for stays as written."""
    reading = next((p for p in parses(word.lower()) if any(t in p.tag for t in tags)), None)
    if reading is None or reading.tag.case in (None, "nomn"):
        return word
    return to_nominative(word, reading.tag.case, tags)


@lru_cache(maxsize=16384)
def name_case(given: str | None, surname: str | None, hints: tuple[str, ...] = ()) -> tuple[str, str | None]:
    """The case and gender of a name: "Касым-Жомарта Токаева" -> (gent, masc).

    `hints` are the cases the words around allow (a position before it: "министра финансов" -> gent);
    otherwise a given name pymorphy3 knows decides ("Серика" -> gent), else the surname, nominative
    when it can be ("Айгерім Құрманова" is a woman, not "Құрманов" in the genitive).
    """
    cases = name_cases(given, surname)
    for case in (*hints, "nomn"):
        if case in cases:
            return case, _gender_in(case, given, surname)
    for word, tag in ((given, "Name"), (surname, "Surn")):
        reading = next((p for p in parses(word.lower()) if tag in p.tag and p.tag.case in cases), None) if word else None
        if reading is not None:
            return reading.tag.case, reading.tag.gender
    return "nomn", None


@lru_cache(maxsize=16384)
def name_cases(given: str | None, surname: str | None) -> frozenset[str]:
    """The cases a name can be in: those its given name and surname both allow; the ending of a
    surname ("Мирзиёевым") says more than pymorphy3's guesses about a given name it does not know."""
    declines = surname is not None and surname_cases(surname.lower()) is not None
    given_cases, surname_cases_ = _cases_of(given, ("Name",), endings=declines), _cases_of(surname, ("Surn",))
    both = given_cases & surname_cases_
    if both:
        return both
    return surname_cases_ if declines else given_cases or surname_cases_


def word_cases(word: str) -> frozenset[str]:
    """The cases a name of one word can be in: "Закиева" gent, accs or nomn; "Спартака" gent or accs."""
    return _cases_of(word, ("Name", "Surn"))


@lru_cache(maxsize=16384)
def _cases_of(word: str | None, tags: tuple[str, ...], endings: bool = False) -> frozenset[str]:
    """The cases a name word can be in: from its dictionary readings with one of `tags`, else from
    pymorphy3's guesses; every case for a word that does not decline ("Айжан", "Гутерриш", "Е.")."""
    if not word or not word[:1].isalpha() or len(word) < 2 or word.endswith(".") or " " in word:
        return ALL_CASES
    if "Surn" in tags:
        by_ending = surname_cases(word.lower())
        if by_ending is not None:
            return by_ending
    readings = [p for p in parses(word.lower()) if any(t in p.tag for t in tags) and "plur" not in p.tag]
    known = [p for p in readings if p.is_known] or (readings if "Surn" in tags else [])
    if not known and "Name" in tags and endings:
        return _given_cases(word.lower())  # only beside a surname that declines: "Куандыка Бишимбаева"
    if not known or any("Fixd" in p.tag for p in known):
        return ALL_CASES
    return frozenset(p.tag.case for p in known if p.tag.case in CASES)


# A man's given name pymorphy3 does not know declines like a noun: "Куандык", "Куандыка", "Ерлану",
# "Шавкатом". Women's names in "-а" are mostly in its dictionary; those in a consonant do not decline.
_GIVEN_ENDINGS = (
    (regex.compile(f"[^{VOWELS}й](?:а|я)$"), frozenset({"gent", "accs"})),
    (regex.compile(f"[^{VOWELS}й](?:у|ю)$"), frozenset({"datv"})),
    (regex.compile(f"[^{VOWELS}](?:ом|ем|ём)$"), frozenset({"ablt"})),
)


def _given_cases(word: str) -> frozenset[str]:
    return next((cases for pattern, cases in _GIVEN_ENDINGS if pattern.search(word)), ALL_CASES)


# The cases a Russian or Kazakh surname is in, by its ending: "Бектенов" nominative, "Бектенова" genitive
# (or a woman's nominative), "Нукеновой" a woman's oblique case, "Пашиняном" instrumental
_SURNAME_ENDINGS = (
    (regex.compile(r"(?:ов|ев|ёв|ин|ын)$"), frozenset({"nomn"})),
    (regex.compile(r"(?:ов|ев|ёв|ин|ын)а$"), frozenset({"gent", "accs", "nomn"})),
    (regex.compile(r"(?:ов|ев|ёв|ин|ын)у$"), frozenset({"datv", "accs"})),
    (regex.compile(r"(?:ов|ев|ёв|ин|ын)(?:ым|ом)$"), frozenset({"ablt"})),
    (regex.compile(r"(?:ов|ев|ёв|ин|ын)е$"), frozenset({"loct"})),
    (regex.compile(r"(?:ов|ев|ёв|ин|ын)(?:ой|ою)$"), frozenset({"gent", "datv", "ablt", "loct"})),
    (regex.compile(r"[яа]н$"), frozenset({"nomn"})),
    (regex.compile(r"ян(?:а)$"), frozenset({"gent", "accs"})),
    (regex.compile(r"ян(?:у)$"), frozenset({"datv"})),
    (regex.compile(r"ян(?:ом)$"), frozenset({"ablt"})),
)


def surname_cases(word: str) -> frozenset[str] | None:
    """The cases a surname can be in by its ending, or None when its ending says nothing."""
    return next((cases for pattern, cases in _SURNAME_ENDINGS if pattern.search(word)), None)


def _gender_in(case: str, given: str | None, surname: str | None) -> str | None:
    for word, tag in ((given, "Name"), (surname, "Surn")):
        if not word:
            continue
        readings = [p for p in parses(word.lower()) if tag in p.tag and p.tag.case == case and "Fixd" not in p.tag]
        reading = next((p for p in readings if p.is_known), readings[0] if readings else None)
        if reading is not None and reading.tag.gender in ("masc", "femn"):
            return reading.tag.gender
    return None


@lru_cache(maxsize=16384)
def person_nominative(word: str, case: str, gender: str | None, tag: str) -> str:
    """One word of a name to the nominative: "Касым-Жомарта" (gent, Name) -> "Касым-Жомарт",
    "Такиева" (gent, masc, Surn) -> "Такиев", "Нукеновой" (gent, femn) -> "Нукенова". Letters stay as
    written ("Федора" -> "Федор", "Фёдора" -> "Фёдор"); a word that does not decline stays as it is."""
    if case == "nomn" or len(word) < 2 or word.endswith("."):
        return word
    readings = [p for p in parses(word.lower()) if tag in p.tag and p.tag.case == case]
    if gender:
        readings = [p for p in readings if "ms-f" in p.tag or p.tag.gender == gender] or readings
    reading = next((p for p in readings if p.is_known), readings[0] if readings else None)
    form = None
    if reading is not None and "Fixd" not in reading.tag:
        form = inflected(reading, frozenset({"nomn", "sing"} | ({gender} if gender and "ms-f" not in reading.tag else set())))
        form = form or inflected(reading, frozenset({"nomn"}))
    nominative = form.word if form is not None else _without_case_ending(word.lower(), case, gender, tag)
    if "ё" not in word.lower():
        nominative = yo(nominative)
    return capitalized(nominative)


# Endings of names pymorphy3 does not know, by case: "Ерлана" -> "Ерлан", "Нукеновой" -> "Нукенова"
_MASCULINE_ENDINGS = {
    "gent": ("а", "я"),
    "accs": ("а", "я"),
    "datv": ("у", "ю"),
    "ablt": ("ым", "ом", "ем", "ём"),
    "loct": ("е",),
}
_FEMININE_SURNAME = regex.compile(r"(?:ов|ев|ёв|ин|ын)(?:ой|ою|у)$")


def _without_case_ending(word: str, case: str, gender: str | None, tag: str) -> str:
    if tag == "Surn" and gender != "masc" and _FEMININE_SURNAME.search(word):
        return word[: -2 if word.endswith(("ой", "ою")) else -1] + "а"  # "Нукеновой" -> "нукенова"
    if gender == "femn":
        return word  # "Айжан", "Салтанат": women's names that do not decline
    for ending in _MASCULINE_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 2:
            continue
        if ending in ("я", "ю") or ending in ("ем", "ём") and stem[-1] not in "жшчщц":
            return stem + ("й" if stem[-1] in VOWELS else "ь")  # "Милея" -> "Милей", "Игоря" -> "Игорь"
        if stem[-1] not in VOWELS:
            return stem
    return word


@lru_cache(maxsize=16384)
def name_forms(nominative: str, gender: str | None) -> frozenset[str]:
    """The forms a name word takes in the six cases, lowercase with "е" for "ё": "Бишимбаев" ->
    {бишимбаев, бишимбаева, бишимбаеву, бишимбаевым, бишимбаеве}, "Нукенова" -> {…, нукеновой, нукенову}.

    From pymorphy3's lexeme where it reads the word as a name, and from the endings of names it does
    not know; a name that does not decline ("Гутерриш", "Ли") has its one form."""
    word = yo(nominative.lower())
    forms = {word}
    for p in parses(word):
        as_name = p.tag.case == "nomn" and any(t in p.tag for t in NAME_TAGS) and "Fixd" not in p.tag and yo(p.word) == word
        if as_name and (gender is None or "ms-f" in p.tag or p.tag.gender == gender):
            forms |= {yo(f.word) for f in _lexeme_singular(p)}
    if word[-1:] not in VOWELS and gender != "femn":
        stem, soft = (word[:-1], True) if word.endswith(("й", "ь")) else (word, False)
        forms |= {stem + e for e in (("я", "ю", "ем", "е") if soft else ("а", "у", "ом", "ым", "е"))}
    elif word.endswith("а"):
        forms |= {word[:-1] + e for e in ("ой", "ою", "у", "ы", "е", "и")}
    elif word.endswith("я"):
        forms |= {word[:-1] + e for e in ("и", "е", "ю", "ей")}
    return frozenset(forms)


def _lexeme_singular(p) -> list:
    return [f for f in p.lexeme if "sing" in f.tag or "Sgtm" in f.tag]


def phrase_to_nominative(doc: Document, words: list, case: str | None, number: str | None = None) -> str | None:
    """Head noun phrases in `case` (any case: None) to the nominative, the rest as written; `number`
    ("plur") forces the grammatical number ("3 случая коклюша" -> "случаи коклюша").

    "коммунальным службам" -> "коммунальные службы", "Правительству и акиматам" -> "Правительство и
    акиматы", "Агентству по защите … конкуренции" -> "Агентство по защите … конкуренции".
    """
    if not words:
        return None
    out: list[str] = []
    i = 0
    while i < len(words):
        group_end = _inflect_group(doc, words, i, case, out, number)
        if group_end == i:
            break
        i = group_end
        if i + 1 < len(words) and words[i].group().lower() == "и" and _reading(words[i + 1].group(), case):
            out.append("и")
            i += 1
            continue
        break
    if not out:
        return None
    rest = doc.original[words[i - 1].end() : words[-1].end()] if i < len(words) else ""
    closing = doc.original[words[-1].end() : words[-1].end() + 1]
    if closing == '"' or closing in "»”":  # "фонду "Самрук-Казына"": keep the closing quote
        rest += closing
    return (" ".join(out) + rest).strip()


def _reading(word: str, case: str | None):
    if word.isupper() and len(word) > 1:
        return "abbreviation"
    return next((p for p in parses(word.lower()) if _in_case(p, case) and p.tag.POS in ("NOUN", *MODIFIERS)), None)


def _in_case(reading, case: str | None) -> bool:
    return reading.tag.case == case if case is not None else reading.tag.case is not None


def _inflect_group(doc: Document, words: list, i: int, case: str | None, out: list[str], number: str | None = None) -> int:
    """Adjectives and their noun from words[i]: appends their nominative forms, returns the next index."""
    window = words[i : i + GROUP_WORDS]
    texts = tuple(doc.original[w.start() : w.end()] for w in window)
    consumed, forms = _group_forms(texts, tuple(w.group().lower() for w in window), case, number)
    out.extend(forms)
    return i + consumed


@lru_cache(maxsize=16384)
def _group_forms(
    texts: tuple[str, ...], lowered: tuple[str, ...], case: str | None, number: str | None
) -> tuple[int, tuple[str, ...]]:
    """How many of the words (as written; `lowered`: the normalized text, lowercase) make the group, and
    their nominative forms. Cached: the same phrases come back in every article."""
    out: list[str] = []
    modifiers: list[tuple[str, Any]] = []
    j = 0
    while j < len(texts):
        text = texts[j]
        reading = _reading(text, case)
        if reading is None:
            return 0, ()
        if reading == "abbreviation":
            out.extend(m[0] for m in modifiers)
            out.append(text)
            return j + 1, tuple(out)
        noun = next((p for p in parses(text.lower()) if _in_case(p, case) and p.tag.POS == "NOUN"), None)
        # "частных жилых домов": an adjective before another adjective or a noun is a modifier, though
        # pymorphy3 also reads it as a noun ("частное"); so is one that reads first as a noun but agrees
        # with the noun after it ("пожарных рукавов": not the firefighters' hoses)
        following = parses(lowered[j + 1]) if j + 1 < len(texts) else ()
        next_is_nominal = any(_in_case(p, case) and p.tag.POS in ("NOUN", *MODIFIERS) for p in following)
        agreeing = next(
            (p for p in parses(text.lower()) if p.tag.POS in MODIFIERS and _in_case(p, case) and agrees(p, following)), None
        )
        if agreeing is not None and reading.tag.POS not in MODIFIERS:
            reading = agreeing
        if noun is not None and not (reading.tag.POS in MODIFIERS and next_is_nominal):
            wanted = number if number and "Sgtm" not in noun.tag and "Pltm" not in noun.tag else None
            grammatical = wanted or ("plur" if "plur" in noun.tag else "sing")
            for modifier_text, modifier in modifiers:
                gender = {noun.tag.gender} if grammatical == "sing" and noun.tag.gender else set()
                form = inflected(modifier, frozenset({"nomn", grammatical} | gender))
                out.append(_cased(form.word if form else modifier_text, modifier_text))
            if noun.tag.case == "nomn" and noun.tag.number == grammatical:
                out.append(text)  # already the nominative: "цветы" stays (inflecting its lemma "цветок" gives "цветки")
                return j + 1, tuple(out)
            form = inflected(noun, frozenset({"nomn", grammatical}))
            out.append(_cased(form.word if form else text, text))
            return j + 1, tuple(out)
        modifiers.append((text, reading))
        j += 1
    return 0, ()


def agrees(modifier, following: tuple) -> bool:
    """An adjective in the case and number of a noun reading of the next word (and its gender, in the
    singular)."""
    tag = modifier.tag
    return any(
        p.tag.POS == "NOUN"
        and p.tag.case == tag.case
        and p.tag.number == tag.number
        and (tag.number == "plur" or p.tag.gender == tag.gender)
        for p in following
    )


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word
