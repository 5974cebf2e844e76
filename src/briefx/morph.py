"""One pymorphy3 analyzer for the whole process, with cached word parses and phrase lemmas."""

from __future__ import annotations

from functools import lru_cache

import pymorphy3

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
NUMBERS = ("sing", "plur")
_ANALYZER: pymorphy3.MorphAnalyzer | None = None


def analyzer() -> pymorphy3.MorphAnalyzer:
    """The shared analyzer, built on first use (loading the dictionary takes ~0.1 s)."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = pymorphy3.MorphAnalyzer()
    return _ANALYZER


def yo(word: str) -> str:
    """Texts rarely write "ё"; we compare everything with "е"."""
    return word.replace("ё", "е").replace("Ё", "Е")


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple:
    return tuple(analyzer().parse(word))


def noun_parse(word: str, cases: tuple[str, ...] = ()):
    """The likeliest noun reading of a word (in one of `cases`, when given), or None."""
    for p in parses(word.lower()):
        if p.tag.POS == "NOUN" and (not cases or p.tag.case in cases):
            return p
    return None


def _dictionary_form(word: str):
    """The reading of a word in which it is its own nominative (so it can be inflected), or None."""
    for p in parses(word):
        # an adjective's normal form is masculine: "взлетно-посадочная" is nominative all the same
        if "nomn" in p.tag and (yo(p.normal_form) == yo(word) or p.tag.POS in ("ADJF", "PRTF")):
            return p
    return None


def inflect(p, grammemes: set[str]):
    """`p.inflect(grammemes)`, with the word's lexeme read once rather than for every form asked of it.

    The choice is pymorphy3's own (MorphAnalyzer._inflect): of the forms that have the grammemes (or
    the grammemes with rare cases folded, "gen2" -> "gent"), the one closest to the word's own tag.
    Each phrase of the word lists is inflected into 18 forms when a pipeline is built; reading each
    word's lexeme once makes that a third faster.
    """
    lexeme = _lexeme(p)
    wanted = frozenset(grammemes)
    candidates = [f for f in lexeme if wanted <= f.tag.grammemes]
    if not candidates:
        wanted = p.tag.fix_rare_cases(wanted)
        candidates = [f for f in lexeme if wanted <= f.tag.grammemes]
    if not candidates:
        return None
    target = p.tag.updated_grammemes(wanted)
    return max(candidates, key=lambda f: len(target & f.tag.grammemes) - 0.1 * len(target ^ f.tag.grammemes))


@lru_cache(maxsize=65536)
def inflected(p, grammemes: frozenset[str]):
    """`p.inflect(grammemes)` as pymorphy3 gives it, remembered: the phrases of a batch of articles
    ask for the same few thousand forms again and again, and each costs a read of the word's lexeme."""
    return p.inflect(set(grammemes))


@lru_cache(maxsize=4096)
def _lexeme(p) -> tuple:
    return tuple(p.lexeme)


def phrase_forms(phrase: str) -> set[str]:
    """Every case and number form of a nominative phrase, agreeing words inflected together.

    "американский доллар" -> {"американских долларов", "американскому доллару", ...};
    "фунт стерлингов" inflects "фунт" only, since "стерлингов" is a genitive, not an agreeing word.
    A phrase pymorphy3 does not know is returned as written.
    """
    words = phrase.split(" ")
    parsed = [_dictionary_form(w) for w in words]
    heads = [p for p in parsed if p is not None and p.tag.POS == "NOUN"]
    if not any(parsed):
        return {yo(phrase)}
    if len(words) == 1:  # a single word: its whole lexeme (numerals have no number to inflect for)
        return {yo(phrase)} | {yo(f.word) for f in parsed[0].lexeme}
    gender = heads[0].tag.gender if heads else None
    forms = {yo(phrase)}
    for case in CASES + ("gen2", "loc2"):
        for number in NUMBERS:
            out = []
            for word, p in zip(words, parsed, strict=True):
                if p is None:
                    out.append(word)
                    continue
                grammemes = {case, number}
                if number == "sing" and gender and p.tag.POS in ("ADJF", "PRTF"):
                    grammemes.add(gender)
                form = inflect(p, grammemes)
                if form is None:
                    break
                out.append(form.word)
            else:
                forms.add(yo(" ".join(out)))
    # after 2, 3, 4 the noun is genitive singular and its adjectives plural: "3 детских сада", "2 процентных пункта"
    if heads and len(words) > 1:
        head_form = inflect(heads[0], {"gent", "sing"})
        for adjective_case in ("gent", "nomn"):
            out = []
            for word, p in zip(words, parsed, strict=True):
                if p is None:
                    out.append(word)
                elif p is heads[0]:
                    out.append(head_form.word if head_form else word)
                else:
                    form = inflect(p, {adjective_case, "plur"})
                    out.append(form.word if form else word)
            forms.add(yo(" ".join(out)))
    return forms


@lru_cache(maxsize=65536)
def noun_phrase_lemma(words: tuple[str, ...], cases: tuple[str, ...] = ()) -> str:
    """Nominative singular of a noun phrase: ("рабочих", "мест") -> "рабочее место"; "свеклы" -> "свекла".

    `cases` are the cases the phrase was found in: of "спецтехники" after "единиц" only the genitive
    "спецтехника" fits, not the likelier nominative plural of "спецтехник"."""
    head = noun_parse(words[-1], cases) or noun_parse(words[-1])
    if head is None:
        return yo(" ".join(words).lower())
    head_lemma = head.normal_form
    if "Pltm" in head.tag:  # "сутки", "ножницы": no singular to go to
        nominative = inflected(head, frozenset({"nomn"}))
        head_lemma = nominative.word if nominative else head_lemma
    gender = head.tag.gender or "masc"
    out = []
    for word in words[:-1]:
        adj = next((p for p in parses(word.lower()) if p.tag.POS in ("ADJF", "PRTF")), None)
        form = inflected(adj, frozenset({"nomn", "sing", gender})) if adj else None
        out.append(form.word if form else word.lower())
    out.append(head_lemma)
    return yo(" ".join(out))
