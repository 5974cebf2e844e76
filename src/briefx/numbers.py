"""Number text -> Decimal: "1 844 036 360", "2,6", "сто двадцать восемь", "полтора"; one parser for every fact."""

from __future__ import annotations

from decimal import Decimal

from briefx.morph import yo

_SPACES = str.maketrans("", "", " \u00a0\u2009\u202f\u2007")


def parse_digits(text: str) -> Decimal:
    """ "1 234 567" -> 1234567, "29,5" -> 29.5, "1.14" -> 1.14 (a comma or a point is the decimal mark)."""
    return Decimal(text.translate(_SPACES).replace(",", "."))


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
