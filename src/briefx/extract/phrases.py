"""Noun phrases next to a fact, read with pymorphy3: "свеклы" -> "свекла", "рабочих мест" -> "рабочее место"."""

from __future__ import annotations

import regex

from briefx.morph import noun_phrase_lemma, parses, yo

# Up to four words after a position, on the same line: "рабочих мест", "на ремонт дорог".
_NEXT_WORDS = regex.compile(r"(?:[^\S\n]+([^\W\d_][\w-]*)){1,4}")
MODIFIERS = ("ADJF", "PRTF")
MIN_NOUN_LENGTH = 3  # "г." (год), "т.", "д.": abbreviations, not counted things
FUNCTION_WORDS = ("PREP", "CONJ", "PRCL", "INTJ", "NPRO", "ADVB", "PRED", "COMP")


def words_after(text: str, pos: int) -> list[tuple[str, int]]:
    """(word, end offset) of the next few words, stopping at punctuation or a number."""
    match = _NEXT_WORDS.match(text, pos)
    if not match:
        return []
    return list(zip(match.captures(1), match.ends(1), strict=True))


def noun_phrase(
    words: list[tuple[str, int]], cases: tuple[str, ...], exclude: frozenset[str] = frozenset()
) -> tuple[int, str] | None:
    """(end offset, lemma) of "[adjectives] noun" at the start of `words` in one of `cases`, else None."""
    for i, (word, end) in enumerate(words):
        if word[0].isupper():
            return None  # a name or a new sentence, not a measured thing
        readings = parses(word.lower())
        if readings[0].tag.POS in MODIFIERS and i + 1 < len(words):
            continue  # "рабочих" before "мест"
        if readings[0].tag.POS in FUNCTION_WORDS or len(word) < MIN_NOUN_LENGTH:
            return None  # "с", "в", "и": a noun reading exists, but it is not the likely one
        noun = next((p for p in readings if p.tag.POS == "NOUN" and p.tag.case in cases), None)
        if noun is None or yo(noun.normal_form) in exclude:
            return None
        return end, noun_phrase_lemma(tuple(w.lower() for w, _ in words[: i + 1]))
    return None


def purpose_after(text: str, pos: int) -> str | None:
    """ "… 5 млрд тенге на ремонт дорог" -> "ремонт дорог": "на" + a noun in the accusative and its words."""
    words = words_after(text, pos)
    if len(words) < 2 or words[0][0].lower() != "на":
        return None
    head = next((p for p in parses(words[1][0].lower()) if p.tag.POS == "NOUN" and "accs" in p.tag), None)
    if head is None:
        return None
    kept = [words[1]]
    for word, end in words[2:]:
        if any(p.tag.POS in ("PREP", "CONJ", "VERB", "INFN") for p in parses(word.lower())[:1]):
            break
        kept.append((word, end))
    start = words[1][1] - len(words[1][0])
    return text[start : kept[-1][1]]
