"""Named regex sub-patterns for numeric facts, composed from the lexicon. Matched on normalized text."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from briefx.extract.shapes import CAPITAL, END, H
from briefx.lexicon import Lexicon, alternation, word_start
from briefx.morph import parses

# "178", "1 844 036 360", "29,5", "1.14", "20.000" and "1.599.059" (dots between thousands),
# "1 599 059, 38" (a space after the decimal comma of a grouped amount: checked against its currency).
# Not a part of "14.08.2025", "COVID-19", "Ту-154", "А380"; glued to a lowercase word it still counts
# ("сумму90 млн"). A case ending after a hyphen is read past ("54-х домах", "5-ти").
# At most 18 integer digits: a longer run is an identifier or junk, and would overflow Decimal's context.
CASE_ENDING = r"(?:х|ти|ми|ух|ех)(?!\w)"
DIGITS = r"""
    (?: \d{1,3} (?: [ ]\d{3} ){1,5} (?!\d) (?: ,[ ]\d{2} (?=[ ]?[^\W\d]) )?
      | \d{1,18} )
    (?: [.,]\d{1,10} ){0,5}    # "29,5"; "1.599.059" (read in numbers.py: a run of marks that is no number gives none)
"""
# What may stand right before a fact's first number: not a digit, a separator, a hyphen after a word
# or an uppercase letter; a lowercase letter may ("сумму90 млн" is glued text, not an identifier).
START = rf"(?<! [\d.,/] | \w- | {CAPITAL} )"
# A dot that ends an abbreviation ends the word even when the next one is glued to it: "2,2 млн.руб."
ABBREVIATION_END = r"(?:(?<=\.)|(?!\w))"


def digits_pattern(lexicon: Lexicon) -> str:
    """DIGITS, not followed by more digits or a hyphenated word ("5-й", "10-летие"), except a case ending
    ("54-х") or a number adjective ("70-процентное", "100-долларовой")."""
    adjectives = alternation({f[:STEM] for f in lexicon.number_adjectives})  # the stems gate; the tail matches the forms
    return rf"{DIGITS} (?! \d | [.,]\d | -(?!{CASE_ENDING}|(?:{adjectives}))[^\W\d] )"


STEM = 5  # letters of a number adjective that tell it from another word after a hyphen ("процентн…", "доллар…")


def words_pattern(lexicon: Lexicon) -> str:
    """ "сто двадцать восемь", "двух", "полтора": numerals in a row."""
    word = alternation(lexicon.numerals)
    return rf"(?<!\w)(?:{word})(?:{H}+(?:{word}))*{END}"


def value_pattern(lexicon: Lexicon, tag: str) -> str:
    """A number with an optional scale word: "2,6 трлн", "10,6 тыс.", "двух миллиардов", "90млн"."""
    scale = alternation(lexicon.scales)
    # "5 млрд 200 млн": a second, smaller part after the first scale word
    rest = rf"(?:{H}+(?P<{tag}_digits2>\d{{1,3}}){H}*(?P<{tag}_scale2>{scale}){ABBREVIATION_END})?"
    return (
        rf"(?:(?P<{tag}_digits>{digits_pattern(lexicon)})(?:-{CASE_ENDING})?|(?P<{tag}_words>{words_pattern(lexicon)}))"
        rf"(?:{H}*(?P<{tag}_scale>{scale}){ABBREVIATION_END}{rest})?"
    )


ISO_CODE = regex.compile(r"[a-z]{3}")


def matched_currency_forms(lexicon: Lexicon) -> list[str]:
    """The currency forms the pattern itself matches: ours (currencies.tsv) and every code and symbol.
    CLDR's names in words ("гонконгских долларов", 2000 forms) are looked up in the words after a
    number instead: in the pattern they would triple the time to compile it."""
    own = lexicon.own_currency_forms
    return [f for f in lexicon.currencies if f in own or not CYRILLIC.search(f)]


CYRILLIC = regex.compile("[а-я]")


def currency_pattern(lexicon: Lexicon, forms: Iterable[str] | None = None) -> str:
    """Currency forms, the three-letter codes in capitals only: "ALL", "TOP" and "CUP" are currencies,
    "all", "top" and "cup" are English words."""
    forms = list(matched_currency_forms(lexicon) if forms is None else forms)
    codes = [f.upper() for f in forms if ISO_CODE.fullmatch(f)]
    words = [f for f in forms if not ISO_CODE.fullmatch(f)]
    return rf"(?:(?-i:{alternation(codes)})|{alternation(words)})"


def prefix_currency_forms(lexicon: Lexicon) -> list[str]:
    """Forms written before the number: "$1,5 млрд", "₸500", "USD 20 млн" (signs, and the codes and
    letter symbols of currencies.tsv: "TOP 09" is a Czech party before it is 9 Tongan paʻanga; CLDR's
    "HK$" is found after a number only, as a scan for letters before every number would be slow)."""
    own = lexicon.own_currency_forms
    return [f for f in lexicon.currencies if not CYRILLIC.search(f) and (f in own or not f[0].isalpha())]


def singular_scales(lexicon: Lexicon) -> list[str]:
    """ "миллион", "миллиона", "миллиард": a scale word that means one of itself ("миллион долларов")."""
    return [f for f in lexicon.scales if f.isalpha() and all("plur" not in p.tag for p in parses(f)[:1])]


def plural_scales(lexicon: Lexicon) -> list[str]:
    """ "сотни", "тысячи", "миллионы", "миллиарды": a vague plural ("сотни тысяч тенге") when no qualifier
    says it is one ("более тысячи"). "тысячи" and "сотни" are both: decided by what stands before."""
    return [f for f in lexicon.scales if f.isalpha() and any({"plur", "nomn"} <= p.tag.grammemes for p in parses(f)[:2])]


def candidate_pattern(lexicon: Lexicon) -> str:
    """Where a numeric fact can start: a digit, a currency sign or code, a numeral or scale word,
    "от"/"с" of a range, "несколько". Found first with one cheap scan, so the full pattern is tried
    at a few places per article instead of at every word."""
    signs = [f for f in prefix_currency_forms(lexicon) if not f.isalnum()]
    codes = [f for f in prefix_currency_forms(lexicon) if f.isalnum()]
    words = [*lexicon.numerals, *(f for f in lexicon.scales if f.isalpha()), "от", "с", *lexicon.vague_amounts]
    return (
        rf"\d|{alternation(signs)}|\b(?-i:{alternation(f.upper() for f in codes)})(?![A-Za-z])"
        rf"|{word_start(words)}(?:{alternation(words)})(?!\w)|\bот(?=\d)"  # "от2 процентов": glued to a digit
    )


def numeric_pattern(lexicon: Lexicon) -> str:
    low, high = (value_pattern(lexicon, t) for t in ("low", "high"))
    currency = currency_pattern(lexicon)
    percent, unit = alternation(lexicon.percent_signs), alternation(lexicon.units)
    sign = rf"(?P<currency>{currency})|(?P<percent>{percent})|(?P<unit>{unit})"
    vague = rf"(?:{alternation(lexicon.vague_amounts)}){H}+{alternation(lexicon.scales)}"
    vague_plural = rf"(?:{alternation(plural_scales(lexicon))})(?:{H}+{alternation(lexicon.scales)})?"
    spelled = rf"(?:{alternation(lexicon.numerals)}){H}[^()\d\n]{{0,200}}"
    minor = rf"(?P<minor>\d{{1,2}}){H}*(?P<minor_unit>{alternation(lexicon.minor_currencies)})"
    # One number, maybe the first of a range: the value pattern is tried once per position, not per branch.
    return rf"""
    (?: (?P<precur>{currency_pattern(lexicon, prefix_currency_forms(lexicon))}) {H}* )?
    {START}
    (?:   # the number first: most candidates are digits, and no other branch starts with one
        (?: (?P<from>(?<!\w)(?:(?P<from_ot>от)|с)) (?:{H}+|(?<=от)(?=\d)) )?   # "от 2", glued "от2"
        {low}
        (?: (?(from) (?(from_ot)(?:{H}*(?P<low_sign>{percent}){END})?) {H}+до{H}+ | {H}*-{H}* ) {high} )?
        # "от 2 до 3 млн", "от 2 процентов до 5 процентов" (not "с 70% до 60%": a change), "2–3 млрд", "5-7%"
        (?: {H}* \( (?P<spelled>{spelled}) \) )?     # "881 913 (Восемьсот … тринадцать) руб."
      | (?P<vague>(?<!\w){vague}){END}                                      # "несколько миллионов"
      | (?P<vague_plural>(?<![\d.,]{H}*)(?<!\w){vague_plural}){END}         # "сотни тысяч", "миллиарды долларов"
      | (?P<scale_only>(?<![\d.,]{H}*)(?<!\w)(?:{alternation(singular_scales(lexicon))})){END}   # "миллион долларов"
    )
    (?: (?: {H}* (?P<scaled_currency>{alternation(lexicon.scaled_currencies)}) (?!\w)   # "20 т. р."
          | {H}* (?: {sign} ) {ABBREVIATION_END} (?: {H}+ {minor} {ABBREVIATION_END} )?   # "рубль 50 копеек"
          | (?P<hyphen>-|{H}*) (?P<adjective>{alternation(lexicon.number_adjectives)}) {END}   # "70-процентное"
        )
    )?
    """


def qualifier_pattern(lexicon: Lexicon) -> str:
    """An approximator right before a number, maybe with "на" between: "более чем на 5%", "около 2 млрд"."""
    return rf"(?<!\w)(?P<qualifier>{alternation(lexicon.qualifiers)}){H}+(?:(?:на|в|за){H}+)?\Z"


# Numbers inside these are never facts: dates, times, phone numbers, document numbers, URLs.
BLOCKED = r"""
    \d{1,2}[./]\d{1,2}[./]\d{2,4}(?!\d)          # 14.08.2025
  | \d{4}-\d{2}-\d{2}(?!\d)                      # 2025-08-14
  | (?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)        # 10:30
  | \+\d[\d\- ()]{7,}\d                          # +7 (727) 123-45-67
  | (?<!\d)\d{3}-\d{2}-\d{2}(?!\d)               # 123-45-67
  | №\s*\d[\d\-/.]*                              # № 5
  | (?:https?://|www\.)\S+                       # URLs
"""
