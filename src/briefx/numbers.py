"""Number text -> Decimal: "1 844 036 360", "2,6", "сто двадцать восемь", "полтора"; one parser for every fact."""

from __future__ import annotations

from decimal import Decimal

import regex

from briefx.morph import yo

_SPACES = str.maketrans("", "", " \u00a0\u2009\u202f\u2007")


def parse_digits(text: str, thousands: str | None = None) -> Decimal:
    """ "1 234 567" -> 1234567, "29,5" -> 29.5, "1.14" -> 1.14 (a comma or a point is the decimal mark);
    "1.599.059" and "1,599,059" -> 1599059 (a mark repeated between groups of three separates thousands);
    with `thousands` given, that mark separates thousands: "20.000" -> 20000."""
    text = text.translate(_SPACES)
    if text.isdigit():
        return Decimal(text)  # most numbers: no mark to read
    thousands = thousands or thousands_mark(text)
    if thousands:
        text = text.replace(thousands, "")
    return Decimal(text.replace(",", "."))


def thousands_mark(text: str) -> str | None:
    """ "." for "1.599.059", "," for "1,599,059.5"; None when no mark repeats."""
    for mark in ".,":
        if text.count(mark) > 1 and _GROUPED[mark].fullmatch(text):
            return mark
    return None


def one_group(text: str) -> str | None:
    """The mark of "20.000" or "20,000" (one mark, then exactly three digits): a thousands separator or a
    decimal mark, which the number alone cannot tell; None for any other number."""
    match = _ONE_GROUP.fullmatch(text)
    return match.group(1) if match else None


_GROUPED = {mark: regex.compile(rf"\d{{1,3}}(?:{regex.escape(mark)}\d{{3}})+(?:[.,]\d+)?") for mark in ".,"}
_ONE_GROUP = regex.compile(r"[1-9]\d{0,2}([.,])\d{3}")


def parse_words(text: str, numerals: dict[str, Decimal]) -> Decimal | None:
    """ "двадцать пять" -> 25, "сто двадцать восемь" -> 128; None if a word is not a numeral.

    Russian cardinals below a thousand are written largest part first, so their values add up;
    thousands and above are scale words, handled by the caller.
    """
    total = Decimal(0)
    for word in text.split():
        value = numerals.get(yo(word).lower())
        if value is None:
            return None
        total += value
    return total


def parse_spelled(text: str, numerals: dict[str, Decimal], scales: dict[str, Decimal]) -> Decimal | None:
    """ "восемьсот восемьдесят одна тысяча девятьсот тринадцать" -> 881913: numerals add up within a group,
    a scale word multiplies the group before it. None if a word is neither."""
    total, group = Decimal(0), Decimal(0)
    for word in text.replace("-", " ").split():
        key = yo(word).lower()
        if key in numerals:
            group += numerals[key]
        elif key in scales:
            total += (group or Decimal(1)) * scales[key]
            group = Decimal(0)
        else:
            return None
    return total + group


def scaled(value: Decimal, multiplier: Decimal | None) -> Decimal:
    """ "1,14 млн" -> exactly 1140000: Decimal arithmetic, never a float in between."""
    return plain(value * multiplier) if multiplier is not None else plain(value)


def plain(value: Decimal) -> Decimal:
    """Drop trailing zeros but keep plain notation: 1140000.00 -> 1140000, 29.50 -> 29.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def to_json(value: Decimal | None) -> str | None:
    """A decimal string in plain notation, never an exponent: "178000000000", "29.5"."""
    return None if value is None else format(plain(value), "f")
