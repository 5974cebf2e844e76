"""Words and phrases to the nominative, by pymorphy3: "Алаколя" -> "Алаколь", "Касым-Жомарта Токаева" ->
"Касым-Жомарт Токаев", "акимам областей" -> "акимы областей". Every extractor that names something
in the nominative uses these."""

from __future__ import annotations

from typing import Any

from briefx.document import Document
from briefx.morph import inflected, parses, yo

PROPER_TAGS = ("Geox", "Name", "Surn", "Orgn", "Trad")
NAME_TAGS = ("Name", "Surn", "Patr")
MODIFIERS = ("ADJF", "PRTF")


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


def person_nominative(original: list[str], parts: list[str]) -> str:
    """ "Касым-Жомарта Токаева" -> "Касым-Жомарт Токаев": the case of the name from its first name (or
    surname), every part to the nominative."""
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
        form = inflected(reading, frozenset(grammemes)) or inflected(reading, frozenset({"nomn"}))
        out.append(capitalized(form.word) if form else word)
    return " ".join(out)


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
    modifiers: list[tuple[str, Any]] = []
    j = i
    while j < len(words):
        text = doc.original[words[j].start() : words[j].end()]
        reading = _reading(text, case)
        if reading is None:
            return i
        if reading == "abbreviation":
            out.extend(m[0] for m in modifiers)
            out.append(text)
            return j + 1
        noun = next((p for p in parses(text.lower()) if _in_case(p, case) and p.tag.POS == "NOUN"), None)
        # "частных жилых домов": an adjective before another adjective or a noun is a modifier, though
        # pymorphy3 also reads it as a noun ("частное"); so is one that reads first as a noun but agrees
        # with the noun after it ("пожарных рукавов": not the firefighters' hoses)
        following = parses(words[j + 1].group().lower()) if j + 1 < len(words) else ()
        next_is_nominal = any(_in_case(p, case) and p.tag.POS in ("NOUN", *MODIFIERS) for p in following)
        agreeing = next(
            (p for p in parses(text.lower()) if p.tag.POS in MODIFIERS and _in_case(p, case) and _agrees(p, following)), None
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
            form = inflected(noun, frozenset({"nomn", grammatical}))
            out.append(_cased(form.word if form else text, text))
            return j + 1
        modifiers.append((text, reading))
        j += 1
    return i


def _agrees(modifier, following: tuple) -> bool:
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
