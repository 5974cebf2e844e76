"""A number as the number finder found it, before it becomes money, a percentage or a quantity."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple


class Counted(NamedTuple):
    """What a bare number counts: "128 проектов" -> (end of "проектов", "проект")."""

    stop: int
    subject: str  # lemma of the counted noun phrase
    via_counter: bool  # "853 единицы техники": the genitive after a counter word is what is counted


@dataclass(frozen=True, slots=True)
class Mention:
    """ "178 млрд тенге": its span (without the qualifier), value or range, and what follows it."""

    start: int
    stop: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str | None
    in_words: bool  # "пять", not "5"
    rule: str  # how it was read: "number", "magnitude" ("несколько миллионов"), "scale_only" ("миллион")
    currency: str | None = None  # the matched surface form, before or after the number
    code: str | None = None  # the ISO code, where the finder read it itself ("100-долларовой", "20 т. р.")
    percent: str | None = None
    unit: str | None = None
    scaled: bool = False  # has a scale word: "12 миллиардов"
    counted: Counted | None = None  # the noun phrase a number without a unit counts
    price: bool = False  # digits with two decimals and no scale ("479,80"): an amount when its neighbours are
    label: bool = False  # "статьи 52", "пункта 3": a number that names something, never a fact

    @property
    def vague(self) -> bool:
        """ "сотни тысяч", "несколько миллионов": an order of magnitude, no value."""
        return self.rule in ("vague_plural", "magnitude")

    @property
    def untyped(self) -> bool:
        """Nothing after it says what it is: no currency, per cent sign, unit or counted noun."""
        return not (self.currency or self.percent or self.unit or self.counted or self.label)

    @property
    def bare(self) -> bool:
        """ "12 миллиардов", "сотни тысяч", "479,80" with nothing after them: money when an amount
        stands next to them (the currency stated once for several)."""
        return self.untyped and ((self.scaled and not self.in_words) or self.vague or (self.price and self.low is None))
