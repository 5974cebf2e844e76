"""Every dataclass briefx returns. Facts are frozen views into the original text; no I/O, no regex."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from briefx.numbers import to_json
from briefx.text import Sentence


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """A stretch of the original text: `brief.text[fact.start:fact.stop] == fact.text`."""

    text: str
    start: int
    stop: int
    sentence: int  # index into Brief.sentences
    # "component.rule" that made it ("money.elliptic", "dates.day_month"): why the fact is there
    rule: str | None = field(default=None, compare=False, repr=False)

    fact_kind: ClassVar[str] = "facts"  # its key in Brief.as_dict(): "money", "dates", "facilities" …
    # Fields besides start/stop that are offsets into the text (mapped back with them after respacing)
    offset_fields: ClassVar[tuple[str, ...]] = ()

    def as_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """JSON-ready: Decimals become plain decimal strings, dates ISO strings; `explain` adds "rule"."""
        out = {name: _jsonable(getattr(self, name)) for name in _field_names(type(self)) if name != "rule"}
        if explain:
            out["rule"] = self.rule
        return out

    # Pickled as (class, field values), not the default slot-state dict: batch workers send every fact
    # to the parent, and this loads faster. A pickle is for passing facts between processes of one
    # briefx version, not for storage (the JSON contract is).
    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (type(self), tuple(getattr(self, name) for name in _field_names(type(self))))


@dataclass(frozen=True, slots=True, kw_only=True)
class Period(Fact):
    """ "І полугодии 2025 года" -> 2025-01-01..2025-06-30; "до конца 2025 года" -> last 2025-12-31, bound "until".

    first/last are None where the text leaves them open (a bound) or where a relative date
    ("в этом году") has no publication date to resolve against; never guessed from the clock.
    """

    first: dt.date | None
    last: dt.date | None
    bound: str | None = None  # "until" | "since" | None
    relative: bool = False  # resolved against the publication date

    fact_kind = "dates"

    def summary(self) -> dict[str, Any]:
        """How a numeric fact shows the period that governs it."""
        return {"text": self.text, "first": _jsonable(self.first), "last": _jsonable(self.last)}


@dataclass(frozen=True, slots=True, kw_only=True)
class MoneyAmount(Fact):
    """ "178 млрд тенге" -> amount 178000000000, currency "KZT". A range has amount None, low and high."""

    amount: Decimal | None
    currency: str  # ISO 4217
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None  # "около", "более", "до" … as written before the number, lowercased
    subject: str | None = None  # what it is the value of, nominative: "государственный долг", "инвестиции"
    subject_head: str | None = None  # the subject's head noun, its lemma: "долг", "инвестиция" (for grouping)
    purpose: str | None = None  # "5 млрд тенге на ремонт дорог" -> "ремонт дорог"
    period: Period | None = None  # the date that governs it in its clause

    fact_kind = "money"


@dataclass(frozen=True, slots=True, kw_only=True)
class Percentage(Fact):
    """ "рост – 29,5%" -> value 29.5, direction "up"; "3,5 п.п." -> points True."""

    value: Decimal | None
    points: bool = False  # процентные пункты, not per cent
    direction: str | None = None  # "up" | "down" | None, from the change words around it
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None
    subject: str | None = None  # what it is the value of: "ставка вознаграждения", "инвестиции"
    subject_head: str | None = None  # its head noun's lemma: "ставка", "инвестиция"
    period: Period | None = None

    fact_kind = "percentages"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity(Fact):
    """ "540 тыс. тонн свеклы" -> 540000 t of "свекла"; "128 проектов" -> 128, unit None, "проект"."""

    value: Decimal | None
    unit: str | None  # canonical code from data/units.tsv; None for a count of things
    subject: str | None  # what is measured or counted, nominative: "свекла", "новые дома", "уровень воды"
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None
    subject_head: str | None = None  # its head noun's lemma: "свекла", "дом", "уровень"
    period: Period | None = None

    fact_kind = "quantities"


@dataclass(frozen=True, slots=True, kw_only=True)
class Facility(Fact):
    """ "реконструкция взлетно-посадочной полосы аэропорта Ушарал" -> runway "Ушарал", reconstruction."""

    type: str  # code from data/facilities.tsv: airport, runway, road, mining_plant …
    name: str | None = None  # quoted name, proper noun (nominative), route or "№ 5"
    action: str | None = None  # code from data/facility_actions.tsv: construction, reconstruction …
    status: str | None = None  # "planned" | "ongoing" | "completed" | None
    deadline: dt.date | None = None  # last day of the date that governs it
    count: Decimal | None = None  # how many objects: "2 моста" -> 2, "57 новых домов" -> 57
    route: tuple[str, ...] | None = None  # points of a road or line, in order
    purpose: str | None = None  # "завод по производству ветряных электростанций" -> "производство …"

    fact_kind = "facilities"


@dataclass(frozen=True, slots=True, kw_only=True)
class Instruction(Fact):
    """ "Президент поручил Правительству обеспечить …" -> issuer, addressee (nominative), action, deadline."""

    issuer: str | None  # the person; a title resolves to the person the text names ("Президент" -> "Касым-Жомарт Токаев")
    addressee: str | None  # "Правительство", "акимы областей"
    action: str  # the instructed clause as written
    deadline: dt.date | None = None

    fact_kind = "instructions"


@dataclass(frozen=True, slots=True, kw_only=True)
class Priority(Fact):
    """ "отметил важность развития сахарной отрасли, …" -> issuer and the topics as written."""

    issuer: str | None
    topics: tuple[str, ...]

    fact_kind = "priorities"


@dataclass(frozen=True, slots=True, kw_only=True)
class Person(Fact):
    """ "Касым-Жомарт Токаев" with the role the text gives him ("Президент")."""

    name: str  # nominative
    role: str | None = None

    fact_kind = "people"


@dataclass(frozen=True, slots=True, kw_only=True)
class Place(Fact):
    """ "озера Балхаш" -> name "Балхаш", type "озеро"; "Алаколя" -> "Алаколь"."""

    name: str
    type: str | None = None  # from data/place_types.tsv: "озеро", "область" …
    region: str | None = None  # the region it is in, official name ("Ушарал" -> "область Жетісу"), when known
    country: str | None = None  # ISO 3166-1 alpha-2 ("KZ"), when known

    fact_kind = "places"


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Fact):
    """Who published the text and whose material it is: "передает Tengrinews.kz со ссылкой на
    пресс-службу Акорды" -> name "Tengrinews.kz", origin "пресс-служба Акорды".

    The span is the publisher's name as written; with no outlet credited (an akimat's own release) it
    is the origin's phrase and `name` is None. `origin_start`/`origin_stop` are the offsets of the
    origin's phrase as written ("пресс-службу Акорды"), None with no origin.
    """

    name: str | None  # the outlet credited: the publisher
    origin: str | None = None  # the primary source, nominative: "пресс-служба Акорды", "МЧС", "The Guardian"
    origin_start: int | None = None
    origin_stop: int | None = None

    fact_kind = "source"
    offset_fields = ("origin_start", "origin_stop")


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    """A region the article is about, with the place mentions it rests on: "область Жетісу" from "Ушарал",
    "Лепсы"; "Карагандинская область" from "аким Карагандинской области". Not a stretch of text."""

    name: str  # official Russian name: "область Жетісу", "Астана", "Оренбургская область", "Китай"
    code: str | None  # ISO 3166-2 ("KZ-33", "RU-ORE"), a country's ISO 3166-1 alpha-2 ("CN"), "EU"
    country: str | None  # ISO 3166-1 alpha-2; None for a union
    score: int  # weight of the evidence: a mention counts 1, in the first two sentences 2
    method: str  # "named" (the text names the region or country) | "inferred from places"
    evidence: tuple[Place, ...]  # the place mentions, in text order
    rule: str | None = field(default=None, compare=False, repr=False)

    fact_kind: ClassVar[str] = "regions"

    def as_dict(self, *, explain: bool = False) -> dict[str, Any]:
        out = {
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "score": self.score,
            "method": self.method,
            "evidence": [{"text": p.text, "start": p.start, "stop": p.stop} for p in self.evidence],
        }
        if explain:
            out["rule"] = self.rule
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (type(self), tuple(getattr(self, name) for name in _field_names(type(self))))


@dataclass(frozen=True, slots=True)
class ComponentError:
    """A component that raised on a document (a bug in it): the document keeps every other component's
    facts; this says which kinds are missing and why."""

    component: str
    error: str

    def as_dict(self) -> dict[str, str]:
        return {"component": self.component, "error": self.error}


@dataclass(frozen=True, slots=True)
class Brief:
    """One article and the facts in it. Owns the text; facts hold offsets into it."""

    text: str
    published: dt.date | None = None
    id: str | None = None
    sentences: tuple[Sentence, ...] = ()
    money: tuple[MoneyAmount, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[Period, ...] = ()
    facilities: tuple[Facility, ...] = ()
    instructions: tuple[Instruction, ...] = ()
    priorities: tuple[Priority, ...] = ()
    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    source: Source | None = None
    regions: tuple[Region, ...] = ()  # what the article is about, most central first
    # The fact kinds of a user's own components (Pipeline(extra=…)), by name: {"sown_areas": (…)}
    extra: Mapping[str, tuple[Fact, ...]] = field(default_factory=dict)
    errors: tuple[ComponentError, ...] = ()  # components that failed on this document

    # Keys of as_dict() that hold lists of facts, in output order.
    FACT_KINDS: ClassVar[tuple[str, ...]] = (
        "money",
        "percentages",
        "quantities",
        "dates",
        "facilities",
        "instructions",
        "priorities",
        "people",
        "places",
    )

    def kinds(self) -> tuple[str, ...]:
        """Every fact kind of this Brief: the built-in lists, "source", then the extra kinds."""
        return (*self.FACT_KINDS, "source", *self.extra)

    def facts_of(self, kind: str) -> tuple[Fact, ...]:
        """The facts of one kind ("money", "source", a user's kind), in text order."""
        if kind in self.extra:
            return tuple(self.extra[kind])
        if kind == "source":
            return () if self.source is None else (self.source,)
        if kind not in self.FACT_KINDS:
            raise KeyError(f"no fact kind {kind!r}; this Brief has {', '.join(self.kinds())}")
        return tuple(getattr(self, kind))

    @property
    def facts(self) -> list[Fact]:
        """All facts in text order."""
        every = [f for kind in self.kinds() for f in self.facts_of(kind)]
        return sorted(every, key=lambda f: (f.start, f.stop))

    def tokens(self) -> list[tuple[int, int, str]]:
        """razdel tokens as (start, stop, text), computed when asked for."""
        from briefx.text import tokens

        return tokens(self.text)

    def as_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """The JSON contract: id, published, one list per fact kind, the source, the regions, then any extra kinds.

        `explain` adds to every fact the "rule" that made it."""
        out: dict[str, Any] = {"id": self.id, "published": _jsonable(self.published)}
        for name in self.FACT_KINDS:
            out[name] = [f.as_dict(explain=explain) for f in getattr(self, name)]
        out["source"] = self.source.as_dict(explain=explain) if self.source else None
        out["regions"] = [r.as_dict(explain=explain) for r in self.regions]
        for name, facts in self.extra.items():
            out[name] = [f.as_dict(explain=explain) for f in facts]
        if self.errors:  # only when a component failed: a clean document's record has no "errors"
            out["errors"] = [e.as_dict() for e in self.errors]
        return out

    # Sentences travel as offsets: their text is a slice of the text, which travels anyway (a third
    # of a batch worker's pickled output was sentence text). See Fact.__reduce__.
    def __reduce__(self) -> tuple[Any, ...]:
        values = [getattr(self, name) for name in _field_names(Brief)]
        values[_SENTENCES] = tuple(x for s in self.sentences for x in (s.start, s.stop))
        return _restore_brief, (tuple(values),)

    def to_frame(self) -> Any:
        """Its facts as a pandas DataFrame, one row per fact (briefx.frame; needs pip install 'briefx[frame]')."""
        from briefx.dataframe import frame

        return frame(self)

    def to_html(self) -> str:
        """A self-contained HTML page: the text with every fact marked, then a table of facts."""
        from briefx.html import render_page

        return render_page(self)

    def _repr_html_(self) -> str:
        """Jupyter shows a Brief as its HTML page."""
        from briefx.html import render_page

        return render_page(self)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """dataclasses.fields() names, cached per class: as_dict and pickling ask for them per fact."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _restore(cls: type, values: tuple[Any, ...]) -> Any:
    """Unpickle a frozen, slotted fact or Brief: set the fields its pickle holds, in order."""
    fact: Any = object.__new__(cls)
    for name, value in zip(_field_names(cls), values, strict=True):
        object.__setattr__(fact, name, value)
    return fact


_TEXT, _SENTENCES = _field_names(Brief).index("text"), _field_names(Brief).index("sentences")


def _restore_brief(values: tuple[Any, ...]) -> Brief:
    offsets, text = values[_SENTENCES], values[_TEXT]
    bounds = zip(offsets[::2], offsets[1::2], strict=True)
    sentences = tuple([Sentence(start, stop, text[start:stop]) for start, stop in bounds])
    return _restore(Brief, (*values[:_SENTENCES], sentences, *values[_SENTENCES + 1 :]))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Period):
        return value.summary()
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return to_json(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
