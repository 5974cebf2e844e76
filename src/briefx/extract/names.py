"""Shared pieces for proper names: what a capitalized word looks like, and case by pymorphy3."""

from __future__ import annotations

from briefx.morph import parses, yo

CAPITAL = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "а-яёәғқңөұүһі"
# A capitalized Cyrillic word, hyphenated parts capitalized too: "Касым-Жомарт", "Усть-Каменогорск"
NAME_WORD = rf"(?-i:[{CAPITAL}][{LOWER}]+(?:-[{CAPITAL}][{LOWER}]+)*)"
PROPER_TAGS = ("Geox", "Name", "Surn", "Orgn", "Trad")


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
    form = reading.inflect(grammemes)
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
