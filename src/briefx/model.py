"""Every dataclass briefx returns. Facts are frozen views into the original text; no I/O, no regex."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from briefx.numbers import to_json
from briefx.text import Sentence


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """A stretch of the original text: `brief.text[fact.start:fact.stop] == fact.text`."""

    text: str
    start: int
    stop: int
    sentence: int  # index into Brief.sentences

    kind = "fact"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: Decimals become plain decimal strings, dates ISO strings."""
        return {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclass(frozen=True, slots=True, kw_only=True)
class MoneyAmount(Fact):
    """ "178 млрд тенге" -> amount 178000000000, currency "KZT". A range has amount None, low and high."""

    amount: Decimal | None
    currency: str  # ISO 4217
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None  # "около", "более", "до" … as written before the number, lowercased

    kind = "money"


@dataclass(frozen=True, slots=True, kw_only=True)
class Percentage(Fact):
    """ "рост – 29,5%" -> value 29.5, direction "up"; "3,5 п.п." -> points True."""

    value: Decimal | None
    points: bool = False  # процентные пункты, not per cent
    direction: str | None = None  # "up" | "down" | None, from the change words around it
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None

    kind = "percentage"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity(Fact):
    """ "540 тыс. тонн свеклы" -> 540000 t of "свекла"; "128 проектов" -> 128, unit None, "проект"."""

    value: Decimal | None
    unit: str | None  # canonical code from data/units.tsv; None for a count of things
    subject: str | None  # lemma of what is measured or counted
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None

    kind = "quantity"


@dataclass(frozen=True, slots=True)
class Brief:
    """One article and the facts in it. Owns the text; facts hold offsets into it."""

    text: str
    published: dt.date | None = None
    id: str | None = None
    sentences: tuple[Sentence, ...] = ()
    money: tuple[MoneyAmount, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    quantities: tuple[Quantity, ...] = field(default=())

    # Keys of as_dict() that hold lists of facts, in output order.
    FACT_KINDS = ("money", "percentages", "quantities")

    @property
    def facts(self) -> list[Fact]:
        """All facts in text order."""
        every: list[Fact] = [f for name in self.FACT_KINDS for f in getattr(self, name)]
        return sorted(every, key=lambda f: (f.start, f.stop))

    def tokens(self) -> list[tuple[int, int, str]]:
        """razdel tokens as (start, stop, text), computed when asked for."""
        from briefx.text import tokens

        return tokens(self.text)

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract: id, published, then one list per fact kind."""
        out: dict[str, Any] = {"id": self.id, "published": _jsonable(self.published)}
        for name in self.FACT_KINDS:
            out[name] = [f.as_dict() for f in getattr(self, name)]
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return to_json(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
