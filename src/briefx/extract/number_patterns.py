"""Named regex sub-patterns for numeric facts, composed from the lexicon. Matched on normalized text."""

from __future__ import annotations

from briefx.extract.shapes import CAPITAL, END, H
from briefx.lexicon import Lexicon, alternation, word_start
from briefx.morph import parses

# "178", "1 844 036 360", "29,5", "1.14". Not a part of "14.08.2025", "COVID-19", "Ту-154", "А380";
# glued to a lowercase word it still counts ("сумму90 млн").
# At most 18 integer digits: a longer run is an identifier or junk, and would overflow Decimal's context.
DIGITS = r"""
    (?: \d{1,3} (?: [ ]\d{3} ){1,5} (?!\d) | \d{1,18} )
    (?: [.,]\d{1,10} )?
    (?! \d | [.,]\d | -[^\W\d] )    # not "14.08.2025", not "5-й", "10-летие"
"""
# What may stand right before a fact's first number: not a digit, a separator, a hyphen after a word
# or an uppercase letter; a lowercase letter may ("сумму90 млн" is glued text, not an identifier).
START = rf"(?<! [\d.,/] | \w- | {CAPITAL} )"


def words_pattern(lexicon: Lexicon) -> str:
    """ "сто двадцать восемь", "двух", "полтора": numerals in a row."""
    word = alternation(lexicon.numerals)
    return rf"(?<!\w)(?:{word})(?:{H}+(?:{word}))*{END}"


def value_pattern(lexicon: Lexicon, tag: str) -> str:
    """A number with an optional scale word: "2,6 трлн", "10,6 тыс.", "двух миллиардов", "90млн"."""
    scale = alternation(lexicon.scales)
    # "5 млрд 200 млн": a second, smaller part after the first scale word
    rest = rf"(?:{H}+(?P<{tag}_digits2>\d{{1,3}}){H}*(?P<{tag}_scale2>{scale}){END})?"
    return (
        rf"(?:(?P<{tag}_digits>{DIGITS})|(?P<{tag}_words>{words_pattern(lexicon)}))"
        rf"(?:{H}*(?P<{tag}_scale>{scale}){END}{rest})?"
    )


def prefix_currency_forms(lexicon: Lexicon) -> list[str]:
    """Forms written before the number: "$1,5 млрд", "₸500", "USD 20 млн" (symbols and codes)."""
    return [f for f in lexicon.currencies if not any("а" <= c <= "я" for c in f)]


def singular_scales(lexicon: Lexicon) -> list[str]:
    """ "миллион", "миллиона", "миллиард": a scale word that means one of itself ("миллион долларов")."""
    return [f for f in lexicon.scales if f.isalpha() and all("plur" not in p.tag for p in parses(f)[:1])]


def candidate_pattern(lexicon: Lexicon) -> str:
    """Where a numeric fact can start: a digit, a currency sign or code, a numeral or scale word,
    "от"/"с" of a range, "несколько". Found first with one cheap scan, so the full pattern is tried
    at a few places per article instead of at every word."""
    signs = [f for f in prefix_currency_forms(lexicon) if not f.isalnum()]
    codes = [f for f in prefix_currency_forms(lexicon) if f.isalnum()]
    words = [*lexicon.numerals, *(f for f in lexicon.scales if f.isalpha()), "от", "с", *lexicon.vague_amounts]
    return (
        rf"\d|{alternation(signs)}|(?<![A-Za-z])(?:{alternation(codes)})(?![A-Za-z])"
        rf"|{word_start(words)}(?:{alternation(words)})(?!\w)"
    )


def numeric_pattern(lexicon: Lexicon) -> str:
    low, high = (value_pattern(lexicon, t) for t in ("low", "high"))
    # One number, maybe the first of a range: the value pattern is tried once per position, not per branch.
    return rf"""
    (?: (?P<precur>{alternation(prefix_currency_forms(lexicon))}) {H}* )?
    {START}
    (?:
        (?P<vague>(?<!\w)(?:{alternation(lexicon.vague_amounts)}){H}+{alternation(lexicon.scales)}){END}   # "несколько миллионов"
      | (?P<scale_only>(?<![\d.,]{H}*)(?<!\w)(?:{alternation(singular_scales(lexicon))})){END}   # "миллион долларов"
      | (?: (?P<from>(?<!\w)(?:от|с)) {H}+ )?
        {low}
        (?: (?(from){H}+до{H}+|{H}*-{H}*) {high} )?      # "от 2 до 3 млн", "с 10,63 до 11,29 млрд", "2–3 млрд", "5-7%"
    )
    (?: {H}*
        (?: (?P<currency>{alternation(lexicon.currencies)})
          | (?P<percent>{alternation(lexicon.percent_signs)})
          | (?P<unit>{alternation(lexicon.units)})
        ) {END}
    )?
    """


def qualifier_pattern(lexicon: Lexicon) -> str:
    """An approximator right before a number, maybe with "на" between: "более чем на 5%", "около 2 млрд"."""
    return rf"(?<!\w)(?P<qualifier>{alternation(lexicon.qualifiers)}){H}+(?:(?:на|в){H}+)?\Z"


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
