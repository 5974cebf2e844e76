"""Noun phrases next to a fact, read with pymorphy3: "свеклы" -> "свекла", "рабочих мест" -> "рабочее место"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import regex

from briefx.document import Document
from briefx.extract.names import phrase_to_nominative
from briefx.extract.shapes import WORD, WORD_BEFORE, whole_words
from briefx.morph import inflected, noun_parse, noun_phrase_lemma, parses, yo

# Up to four words after a position, on the same line: "рабочих мест", "на ремонт дорог".
# The next words on the same line: "рабочих мест", "на ремонт и строительство дорог". The first may
# start right at `pos` (a word that opens the sentence), the others follow spaces.
_NEXT_WORDS = regex.compile(r"(?:(?:[^\S\n]+|(?<![\w-]))([^\W\d_][\w-]*)){1,6}")
MODIFIERS = ("ADJF", "PRTF")
KAZAKH_LETTERS = regex.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
MIN_NOUN_LENGTH = 3  # "г." (год), "т.", "д.": abbreviations, not counted things
FUNCTION_WORDS = ("PREP", "CONJ", "PRCL", "INTJ", "NPRO", "ADVB", "PRED", "COMP")


def words_after(text: str, pos: int) -> list[tuple[str, int]]:
    """(word, end offset) of the next few words, stopping at punctuation or a number."""
    match = _NEXT_WORDS.match(text, pos)
    if not match:
        return []
    return list(zip(match.captures(1), match.ends(1), strict=True))


WORDS_BEFORE_REACH = 300  # characters: the words just before a point, never the whole sentence


def words_before(text: str, begin: int, end: int) -> list[regex.Match]:
    """The words in [begin, end), but only those within WORDS_BEFORE_REACH characters of `end`: a rule
    that reads the last few words before each of many points must not rescan the sentence each time.
    A word cut by the window is left out."""
    start = max(begin, end - WORDS_BEFORE_REACH)
    return whole_words(list(WORD.finditer(text, start, end)), text, start, begin)


def noun_phrase(
    words: list[tuple[str, int]],
    cases: tuple[str, ...],
    exclude: frozenset[str] = frozenset(),
    abbreviations: bool = False,
) -> tuple[int, str] | None:
    """(end offset, lemma) of "[adjectives] noun" at the start of `words` in one of `cases`, else None."""
    for i, (word, end) in enumerate(words):
        if abbreviations and word.isupper() and len(word) > 1:
            return end, word  # an abbreviation stands for itself: "рост ВВП" -> "ВВП"
        if word[0].isupper():
            return None  # a name or a new sentence, not a measured thing
        readings = parses(word.lower())
        itself = i == 0 and _noun_itself(readings, words[i + 1][0] if i + 1 < len(words) else None, cases)
        if readings[0].tag.POS in MODIFIERS and i + 1 < len(words) and not itself:
            continue  # "рабочих" before "мест"
        if itself:  # "1000 заключенных эвакуировали"
            return None if yo(readings[0].normal_form) in exclude else (end, _substantive(readings[0]))
        if readings[0].tag.POS in FUNCTION_WORDS or len(word) < MIN_NOUN_LENGTH:
            return None  # "с", "в", "и": a noun reading exists, but it is not the likely one
        if KAZAKH_LETTERS.search(word):
            return None  # "3 мыңға": a Kazakh word in a mixed text, which pymorphy3 can only guess at
        noun = noun_parse(word, cases)
        if noun is None or yo(noun.normal_form) in exclude:
            return None
        return end, noun_phrase_lemma(tuple(w.lower() for w, _ in words[: i + 1]), cases)
    return None


def _noun_itself(readings: Sequence[Any], following: str | None, cases: tuple[str, ...]) -> bool:
    """A participle or adjective used as a noun ("1000 заключенных эвакуировали", "трое раненых"): pymorphy3
    marks it Subx, and no noun or modifier in the same case follows it."""
    first = readings[0]
    if first.tag.POS not in MODIFIERS or "Subx" not in first.tag or first.tag.case not in cases or "-" in first.word:
        return False  # "братьев-подозреваемых": a compound is no participle
    own = {p.tag.case for p in readings if p.tag.POS in MODIFIERS}
    return following is None or not any(
        p.tag.POS in ("NOUN", *MODIFIERS) and p.tag.case in own for p in parses(following.lower())
    )


def _substantive(reading: Any) -> str:
    """ "заключенных" -> "заключенный": a noun-like modifier's nominative singular masculine."""
    form = inflected(reading, frozenset({"nomn", "sing", "masc"}))
    return yo(form.word if form is not None else reading.word)


# "18,5 млрд тенге — на ремонт", "20 млрд тенге для помощи пострадавшим"
_DASH_THEN_NA = regex.compile(r"[^\S\n]*(?:-[^\S\n]*)?(?=(?:на|для)(?!\w))", regex.IGNORECASE)
_NA = regex.compile(r"(?<!\w)(?:на|для)[^\S\n]+", regex.IGNORECASE)
PURPOSE_CASES = {"на": "accs", "для": "gent"}  # the case of the noun a purpose's preposition takes
CLAUSE_MARKS = ",;:()\n"
PURPOSE_REACH = 200  # characters before an amount searched for "на …"


def purpose_after(doc: Document, pos: int, exclusions: frozenset[str]) -> str | None:
    """ "… 5 млрд тенге на ремонт дорог" -> "ремонт дорог" (also after a dash)."""
    dash = _DASH_THEN_NA.match(doc.norm, pos)
    if dash is None:
        return None
    return _purpose_at(doc, dash.end() - 1 if dash.end() > pos else pos, exclusions)


def purpose_before(
    doc: Document,
    start: int,
    clause_start: int,
    exclusions: frozenset[str],
    complements: Mapping[str, frozenset[str]] | None = None,
) -> str | None:
    """ "На разработку ТЭО предусмотрено 385 миллионов тенге" -> "разработка ТЭО" (within PURPOSE_REACH
    characters before the amount)."""
    text = doc.norm
    clause_start = max(clause_start, start - PURPOSE_REACH)
    begin = max((text.rfind(c, clause_start, start) for c in CLAUSE_MARKS), default=-1)
    begin = max(begin + 1, clause_start)
    found = list(_NA.finditer(text, begin, start))
    if not found:
        return None
    before = WORD_BEFORE.search(text, max(begin, found[-1].start() - 30), found[-1].start())
    reading = parses(before.group("word").lower())[0] if before is not None else None
    if reading is not None and reading.tag.POS in ("VERB", "INFN"):
        return None  # "наложил на национальный центр штрафы": the verb's object, not what money is for
    preposition = found[-1].group().strip().lower()
    if reading is not None and complements and preposition in complements.get(yo(reading.normal_form), ()):
        return None  # "цены на газ": the complement of a noun (data/subject_complements.tsv), not a purpose
    return _purpose_at(doc, found[-1].start(), exclusions)


PURPOSE_MODIFIERS = 3  # adjectives before the noun a purpose is: "на оборонные нужды"


def _purpose_at(doc: Document, pos: int, exclusions: frozenset[str]) -> str | None:
    """ "на" + a noun in the accusative and the words that depend on it, up to a preposition or verb, in
    the nominative: "на разработку ТЭО" -> "разработка ТЭО".

    `exclusions` are nouns after "на" that say nothing of a purpose ("на сумму", "на продажу",
    data/purpose_exclusions.txt)."""
    found = words_after(doc.norm, pos)
    case = PURPOSE_CASES.get(found[0][0].lower()) if len(found) >= 2 else None
    if case is None:
        return None
    words = [m for word, end in found[1:] if (m := WORD.match(doc.norm, end - len(word))) is not None]
    head_index = next(
        (i for i, w in enumerate(words[: PURPOSE_MODIFIERS + 1]) if parses(w.group().lower())[0].tag.POS not in MODIFIERS), None
    )
    if head_index is None:
        return None
    first = parses(words[head_index].group().lower())[0]
    head = next((p for p in parses(words[head_index].group().lower()) if p.tag.POS == "NOUN" and case in p.tag), None)
    if head is None or first.tag.POS in FUNCTION_WORDS or yo(head.normal_form) in exclusions:
        return None
    if case == "gent" and "anim" in head.tag:
        return None  # "для юридических лиц": for whom, not what for
    if any("Apro" in parses(w.group().lower())[0].tag for w in words[:head_index]):
        return None  # "на эти цели": what the purpose is, the text said before
    kept = words[: head_index + 1]
    for word in words[head_index + 1 :]:
        reading = parses(word.group().lower())[0]
        if reading.tag.POS in ("PREP", "VERB", "INFN", "PRTS", "ADVB", "NUMR") or (
            reading.tag.POS == "CONJ" and word.group().lower() != "и"
        ):
            break
        if reading.tag.POS == "NOUN" and reading.tag.case == "datv" and len(kept) > head_index + 1:
            break  # "для проведения работ | аграриям": to whom the money goes; "помощь казахстанцам" keeps it
        kept.append(word)
    while kept and kept[-1].group().lower() == "и":
        kept.pop()
    phrase = phrase_to_nominative(doc, kept, case)
    return yo(phrase) if phrase else yo(doc.norm[kept[0].start() : kept[-1].end()])
