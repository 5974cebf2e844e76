"""Noun phrases next to a fact, read with pymorphy3: "свеклы" -> "свекла", "рабочих мест" -> "рабочее место"."""

from __future__ import annotations

import regex

from briefx.extract.shapes import WORD
from briefx.morph import noun_parse, noun_phrase_lemma, parses, yo

# Up to four words after a position, on the same line: "рабочих мест", "на ремонт дорог".
# The next words on the same line: "рабочих мест", "на ремонт и строительство дорог". The first may
# start right at `pos` (a word that opens the sentence), the others follow spaces.
_NEXT_WORDS = regex.compile(r"(?:(?:[^\S\n]+|(?<![\w-]))([^\W\d_][\w-]*)){1,6}")
MODIFIERS = ("ADJF", "PRTF")
WORD_CHAR = regex.compile(r"[\w-]")
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
    words = list(WORD.finditer(text, start, end))
    if words and start > begin and words[0].start() == start and WORD_CHAR.match(text, start - 1):
        words = words[1:]
    return words


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
        if readings[0].tag.POS in MODIFIERS and i + 1 < len(words):
            continue  # "рабочих" before "мест"
        if readings[0].tag.POS in FUNCTION_WORDS or len(word) < MIN_NOUN_LENGTH:
            return None  # "с", "в", "и": a noun reading exists, but it is not the likely one
        if KAZAKH_LETTERS.search(word):
            return None  # "3 мыңға": a Kazakh word in a mixed text, which pymorphy3 can only guess at
        noun = noun_parse(word, cases)
        if noun is None or yo(noun.normal_form) in exclude:
            return None
        return end, noun_phrase_lemma(tuple(w.lower() for w, _ in words[: i + 1]), cases)
    return None


_DASH_THEN_NA = regex.compile(r"[^\S\n]*(?:-[^\S\n]*)?(?=на(?!\w))", regex.IGNORECASE)  # "18,5 млрд тенге — на ремонт"
_NA = regex.compile(r"(?<!\w)на[^\S\n]+", regex.IGNORECASE)
CLAUSE_MARKS = ",;:()\n"
PURPOSE_REACH = 200  # characters before an amount searched for "на …"


def purpose_after(text: str, pos: int, exclusions: frozenset[str]) -> str | None:
    """ "… 5 млрд тенге на ремонт дорог" -> "ремонт дорог" (also after a dash)."""
    dash = _DASH_THEN_NA.match(text, pos)
    if dash is None:
        return None
    return _purpose_at(text, dash.end() - 1 if dash.end() > pos else pos, exclusions)


def purpose_before(text: str, start: int, clause_start: int, exclusions: frozenset[str]) -> str | None:
    """ "На образование в этом году предусмотрено около 190 млрд тенге" -> "образование" (within
    PURPOSE_REACH characters before the amount)."""
    clause_start = max(clause_start, start - PURPOSE_REACH)
    begin = max((text.rfind(c, clause_start, start) for c in CLAUSE_MARKS), default=-1)
    begin = max(begin + 1, clause_start)
    found = list(_NA.finditer(text, begin, start))
    return _purpose_at(text, found[-1].start(), exclusions) if found else None


def _purpose_at(text: str, pos: int, exclusions: frozenset[str]) -> str | None:
    """ "на" + a noun in the accusative and the words that depend on it, up to a preposition or verb.

    `exclusions` are nouns after "на" that say nothing of a purpose ("на сумму", data/purpose_exclusions.txt)."""
    words = words_after(text, pos)
    if len(words) < 2 or words[0][0].lower() != "на":
        return None
    head = next((p for p in parses(words[1][0].lower()) if p.tag.POS == "NOUN" and "accs" in p.tag), None)
    if head is None or parses(words[1][0].lower())[0].tag.POS in FUNCTION_WORDS or yo(head.normal_form) in exclusions:
        return None
    kept = [words[1]]
    for word, end in words[2:]:
        first = parses(word.lower())[0]
        if first.tag.POS in ("PREP", "VERB", "INFN", "PRTS", "ADVB", "NUMR") or (first.tag.POS == "CONJ" and word.lower() != "и"):
            break
        kept.append((word, end))
    while kept and kept[-1][0].lower() == "и":
        kept.pop()
    start = words[1][1] - len(words[1][0])
    return text[start : kept[-1][1]]
