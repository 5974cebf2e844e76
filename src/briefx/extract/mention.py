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
    percent: str | None = None
    unit: str | None = None
    scaled: bool = False  # has a scale word: "12 миллиардов"
    counted: Counted | None = None  # the noun phrase a number without a unit counts

    @property
    def bare(self) -> bool:
        """ "12 миллиардов" with nothing after it: money when its sentence is about money."""
        return not (self.currency or self.percent or self.unit or self.counted) and self.scaled and not self.in_words
