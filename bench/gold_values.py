"""Values of gold spans, parsed independently of briefx: "около 2,2 трлн руб." -> 2200000000000 RUB.

NEREL annotates spans, not values. For value-level agreement we parse the plain shapes here
(digits, a scale word, a currency or "%"), with regexes written apart from briefx so a shared bug
cannot agree with itself; a gold span outside these shapes ("полтора миллиона долларов",
"восьмизначную сумму") falls back to briefx run on the gold span alone, or is left unscored.
Also: the leading words both sides strip before exact matching ("более чем на 50%" -> "50%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Leading prepositions and approximators, stripped (repeatedly) before exact matching:
# "более чем на 50 %", "от 30 тыс. до 50 тыс. руб.", "около 2,2 трлн руб.".
LEADING = re.compile(
    r"""(?:
        (?:не\s+)?(?:более|менее|больше|меньше)(?:\s+чем)?|не\s+свыше|свыше|около|почти|порядка|примерно
        |приблизительно|ориентировочно|как\s+минимум|минимум|максимум|лишь|всего|только|уже|ещё|еще|целых
        |от|до|на|в|во|с|со|за|по|из|к|ко|под|при|о|об
    )(?=[\s\u00a0])[\s\u00a0]+""",
    re.IGNORECASE | re.VERBOSE,
)
TRAILING = re.compile(r"[\s\u00a0.,;:!?)»\"]+$")


def strip_span(text: str, start: int, stop: int) -> tuple[int, int]:
    """Offsets of text[start:stop] without leading qualifiers/prepositions and trailing punctuation."""
    while True:
        match = LEADING.match(text, start, stop)
        if not match or match.end() >= stop:
            break
        start = match.end()
    trailing = TRAILING.search(text[start:stop])
    if trailing and trailing.start() > 0:
        stop = start + trailing.start()
    return start, stop


# --- reference values -----------------------------------------------------------------------------

NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"  # "1 200,5", "2,6", "68 000"
SCALES = [  # (pattern, multiplier); "тыс." before "тысяч" does not matter with anchored alternation
    (r"тыс(?:яч[аиуеы]?|\.)?", Decimal(10) ** 3),
    (r"млн\.?|миллион(?:а|ов|ы|ам|ами|ах|у|ом|е)?", Decimal(10) ** 6),
    (r"млрд\.?|миллиард(?:а|ов|ы|ам|ами|ах|у|ом|е)?", Decimal(10) ** 9),
    (r"трлн\.?|триллион(?:а|ов|ы|ам|ами|ах|у|ом|е)?", Decimal(10) ** 12),
]
SCALE = "|".join(f"(?:{p})" for p, _ in SCALES)
CURRENCIES = [  # (pattern, ISO code); adjectives first so "канадских долларов" is not USD
    (r"канадск\w*\s+доллар\w*", "CAD"),
    (r"австралийск\w*\s+доллар\w*", "AUD"),
    (r"гонконгск\w*\s+доллар\w*", "HKD"),
    (r"сингапурск\w*\s+доллар\w*", "SGD"),
    (r"новозеландск\w*\s+доллар\w*", "NZD"),
    (r"белорусск\w*\s+рубл\w*", "BYN"),
    (r"швейцарск\w*\s+франк\w*", "CHF"),
    (r"(?:американск\w*\s+)?доллар\w*(?:\s+США)?|долл\.?(?:\s+США)?|\$|USD", "USD"),
    (r"(?:российск\w*\s+)?рубл\w*|руб\.?|р\.|₽|RUB", "RUB"),
    (r"евро|€|EUR", "EUR"),
    (r"(?:британск\w*\s+)?фунт\w*(?:\s+стерлинг\w*)?|£|GBP", "GBP"),
    (r"(?:китайск\w*\s+)?юан\w*|CNY", "CNY"),
    (r"(?:японск\w*\s+)?[ий]ен\w*|JPY", "JPY"),
    (r"тенге|тг\.?|₸|KZT", "KZT"),
    (r"гривен|гривн\w*|грн\.?|₴|UAH", "UAH"),
    (r"индийск\w*\s+рупи\w*", "INR"),
    (r"турецк\w*\s+лир\w*", "TRY"),
]
PERCENT = r"%|процент\w*|проц\.?"


@dataclass(frozen=True, slots=True)
class Value:
    amount: Decimal | None  # None for a range
    low: Decimal | None = None
    high: Decimal | None = None
    currency: str | None = None

    def __str__(self) -> str:
        number = f"{self.amount}" if self.amount is not None else f"{self.low}..{self.high}"
        return f"{number} {self.currency}" if self.currency else number


def _number(text: str) -> Decimal:
    return Decimal(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


def _scale(text: str | None) -> Decimal | None:
    if not text:
        return None
    for pattern, multiplier in SCALES:
        if re.fullmatch(pattern, text, re.IGNORECASE):
            return multiplier
    return None


def _norm(value: Decimal) -> Decimal:
    return value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))


_SP = r"(?:[\s\u00a0\u202f]|&nbsp;)*"  # one NEREL span keeps an HTML "&nbsp;"
_MONEY = re.compile(
    rf"""^(?P<pre>[$€£₽])?{_SP}
    (?:(?:от{_SP})?(?P<low>{NUMBER}){_SP}(?P<lowscale>{SCALE})?{_SP}(?:-|–|—|до){_SP}(?:(?P=pre)?){_SP})?
    (?P<number>{NUMBER}){_SP}(?P<scale>{SCALE})?{_SP}
    (?P<currency>{"|".join(f"(?:{p})" for p, _ in CURRENCIES)})?$""",
    re.IGNORECASE | re.VERBOSE,
)
_PERCENT = re.compile(
    rf"""^(?:(?:от{_SP})?(?P<low>{NUMBER}){_SP}(?:{PERCENT})?{_SP}(?:-|–|—|до){_SP})?
    (?P<number>{NUMBER}){_SP}(?:{PERCENT})$""",
    re.IGNORECASE | re.VERBOSE,
)


def _currency(text: str) -> str | None:
    for pattern, code in CURRENCIES:
        if re.fullmatch(pattern, text, re.IGNORECASE):
            return code
    return None


def money(text: str) -> Value | None:
    """ "около 2,2 трлн руб." -> 2200000000000 RUB; "от 400 до 500 тыс. рублей" -> range; else None."""
    start, stop = strip_span(text, 0, len(text))
    match = _MONEY.match(text[start:stop].strip())
    if not match:
        return None
    currency = _currency(match["pre"] or "") if match["pre"] else None
    if match["currency"]:
        currency = _currency(match["currency"])
    if currency is None:
        return None
    scale = _scale(match["scale"])
    high = _number(match["number"]) * (scale or 1)
    if match["low"] is None:
        return Value(_norm(high), currency=currency)
    low_scale = _scale(match["lowscale"]) or scale  # "от 400 до 500 тыс." -> 400 тыс.
    return Value(None, _norm(_number(match["low"]) * (low_scale or 1)), _norm(high), currency)


def percent(text: str) -> Value | None:
    """ "более 50 процентов" -> 50; "от 5 до 10%" -> range 5..10; else None."""
    start, stop = strip_span(text, 0, len(text))
    match = _PERCENT.match(text[start:stop].strip())
    if not match:
        return None
    value = _norm(_number(match["number"]))
    if match["low"] is None:
        return Value(value)
    return Value(None, _norm(_number(match["low"])), value)


def agrees(
    gold: Value, value: Decimal | None, low: Decimal | None, high: Decimal | None, currency: str | None, *, check_currency: bool
) -> bool:
    """Same amount (or the same range) and, for money, the same currency. Floats from natasha are
    compared to one part in 10^9 ("1,14 млн" -> 1140000.0000000002 counts as 1140000)."""
    if check_currency and gold.currency != currency:
        return False
    if gold.amount is not None:
        return _close(gold.amount, value)
    return _close(gold.low, low) and _close(gold.high, high)


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= abs(a) * Decimal("1e-9")
