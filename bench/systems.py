"""The systems we compare, behind one shape: build() once, then text -> list[Found] with offsets.

briefx, natasha (its rule-based MoneyExtractor/DatesExtractor, optionally its NER tagger) and Pullenti.
Each library is imported inside build(), so a benchmark can time start-up and a missing optional tool
is reported, not fatal. Pullenti is non-commercial freeware: a bench-only extra (`.[bench]`), never a
runtime dependency of briefx.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

# Bump when the mapping of a tool's output to Found changes: cached NEREL results are then rerun.
ADAPTER_VERSION = 1


@dataclass(frozen=True, slots=True)
class Found:
    """One extracted mention, mapped to a NEREL kind; `value`/`low`/`high` are the amount or per cent."""

    kind: str  # MONEY | PERCENT | DATE | FACILITY
    start: int
    stop: int
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    currency: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            f.name: (str(v) if isinstance(v, Decimal) else v)
            for f in dataclasses.fields(self)
            if (v := getattr(self, f.name)) is not None
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Found:
        numbers = {k: Decimal(data[k]) for k in ("value", "low", "high") if data.get(k) is not None}
        return cls(data["kind"], data["start"], data["stop"], currency=data.get("currency"), **numbers)


class Unavailable(RuntimeError):
    """The tool is not installed; the message says how to install it."""


class System:
    """A named extractor. Subclasses set `kinds` (what they report) in build()."""

    name = "system"
    note = ""
    kinds: tuple[str, ...] = ()
    version = "?"

    def build(self) -> None:
        raise NotImplementedError

    def __call__(self, text: str) -> list[Found]:
        raise NotImplementedError

    def raw(self, text: str) -> Any:
        """The tool's own call, without mapping to Found: what the speed benchmark times."""
        return self(text)


def maximal(found: list[Found]) -> list[Found]:
    """Drop mentions contained in another mention of the same kind (nested dates, repeated spans)."""
    unique = sorted(set(found), key=lambda f: (f.start, -f.stop, f.kind))
    out: list[Found] = []
    for f in unique:
        if any(o.kind == f.kind and o.start <= f.start and f.stop <= o.stop for o in out):
            continue
        out.append(f)
    return out


# --- briefx ---------------------------------------------------------------------------------------

# Brief attribute -> NEREL kind. A kind is scored as soon as Brief has the attribute ("dates",
# "facilities" arrive while this bench is written), so nothing here needs editing when they land.
BRIEFX_KINDS = {"money": "MONEY", "percentages": "PERCENT", "dates": "DATE", "facilities": "FACILITY"}


def briefx_configs() -> dict[str, dict[str, Any]]:
    """Keyword arguments of the lighter Pipeline configurations, by system name: the numeric facts with
    their subjects (`Pipeline(kinds=NUMBERS)`), and without them, the fastest briefx offers
    (`Pipeline(kinds=NUMBERS, subjects=False)`: money, percentages, quantities, the values alone)."""
    from briefx.pipeline import NUMBERS

    return {"briefx-numbers": {"kinds": NUMBERS}, "briefx-fast": {"kinds": NUMBERS, "subjects": False}}


class Briefx(System):
    def __init__(self, name: str = "briefx") -> None:
        self.name = name

    def build(self) -> None:
        import briefx

        self.version = briefx.__version__
        config = briefx_configs().get(self.name, {})
        if config:
            self.note = "Pipeline(" + ", ".join(f"{k}={v!r}" for k, v in config.items()) + ")"
        self.pipeline = briefx.Pipeline(**config)
        names = {f.name for f in dataclasses.fields(briefx.Brief)}
        self.attributes = [a for a in BRIEFX_KINDS if a in names]
        self.kinds = tuple(BRIEFX_KINDS[a] for a in self.attributes)

    def raw(self, text: str) -> Any:
        return self.pipeline(text)

    def __call__(self, text: str) -> list[Found]:
        brief = self.pipeline(text)
        out: list[Found] = []
        for attribute in self.attributes:
            kind = BRIEFX_KINDS[attribute]
            for fact in getattr(brief, attribute, ()):
                value = getattr(fact, "amount", None) if kind == "MONEY" else getattr(fact, "value", None)
                out.append(
                    Found(
                        kind,
                        fact.start,
                        fact.stop,
                        value=value if isinstance(value, Decimal) else None,
                        low=getattr(fact, "low", None) if kind in ("MONEY", "PERCENT") else None,
                        high=getattr(fact, "high", None) if kind in ("MONEY", "PERCENT") else None,
                        currency=getattr(fact, "currency", None),
                    )
                )
        return out


# --- natasha --------------------------------------------------------------------------------------


def _pymorphy2_shim() -> None:
    """pymorphy2 0.9.1 (natasha's MorphVocab) calls inspect.getargspec, removed in Python 3.11.

    Only its analyzer units' __repr__ reaches it, but a repr in a traceback would then crash; give it
    the 3.11 equivalent. Bench only: briefx itself uses pymorphy3 and never needs this.
    """
    if not hasattr(inspect, "getargspec"):

        def getargspec(func: Any) -> tuple:
            spec = inspect.getfullargspec(func)
            return spec.args, spec.varargs, spec.varkw, spec.defaults

        inspect.getargspec = getargspec  # type: ignore[attr-defined]


class Natasha(System):
    """natasha's MoneyExtractor + DatesExtractor; with `ner`, also Segmenter + NewsNERTagger per text."""

    def __init__(self, ner: bool = True) -> None:
        self.ner = ner
        self.name = "natasha" if ner else "natasha-extractors"
        self.note = "segmenter + NER + money + dates" if ner else "money + dates extractors"

    def build(self) -> None:
        _pymorphy2_shim()
        try:
            import natasha
        except ImportError as error:
            raise Unavailable(f"natasha is not installed ({error})") from error
        from natasha import DatesExtractor, MoneyExtractor, MorphVocab

        self.version = getattr(natasha, "__version__", "1.6")
        vocab = MorphVocab()
        self.money = MoneyExtractor(vocab)
        self.dates = DatesExtractor(vocab)
        if self.ner:
            from natasha import NewsEmbedding, NewsNERTagger, Segmenter

            self.segmenter = Segmenter()
            self.tagger = NewsNERTagger(NewsEmbedding())
        self.kinds = ("MONEY", "DATE")

    def __call__(self, text: str) -> list[Found]:
        if self.ner:
            from natasha import Doc

            doc = Doc(text)
            doc.segment(self.segmenter)
            doc.tag_ner(self.tagger)  # PER/LOC/ORG: timed, but NEREL kinds we score have no match here
        out = []
        for match in self.money(text):
            # natasha's amounts are floats ("1,14 млн" -> 1140000.0000000002); repr keeps what it said.
            out.append(
                Found("MONEY", match.start, match.stop, value=Decimal(repr(match.fact.amount)), currency=match.fact.currency)
            )
        out.extend(Found("DATE", m.start, m.stop) for m in self.dates(text))
        return out


# --- Pullenti -------------------------------------------------------------------------------------

# Pullenti has no FACILITY type; these are the nearest: named buildings and monuments, streets, and
# organizations that are places (profile TRANSPORT or HOTEL: "аэропорту Шереметьево", "«Лужники»"; or a
# type word naming a building: "гостинице «Россия»", "больницу имени …").
PULLENTI_FACILITY_NAMED_KINDS = {"building", "monument"}
PULLENTI_FACILITY_ORG_PROFILES = {"transport", "hotel"}
PULLENTI_FACILITY_ORG_TYPES = re.compile(
    r"аэропорт|вокзал|станци|стадион|арена|гостиниц|отель|больниц|госпитал|клиник|театр|музей|храм|собор"
    r"|церк|монастыр|мечет|дворец|мост|тюрьм|колони|изолятор|порт|завод|комбинат|шахт|месторожд"
    r"|электростанц|аэс|гэс|тэц|космодром",
    re.IGNORECASE,
)


class Pullenti(System):
    """Pullenti 4.x, all standard analyzers plus MEASURE (for per cents); `lite`: MONEY, DATE, MEASURE only."""

    def __init__(self, lite: bool = False) -> None:
        self.lite = lite
        self.name = "pullenti-lite" if lite else "pullenti"
        self.note = "money + date + measure analyzers" if lite else "all standard analyzers + MEASURE"

    def build(self) -> None:
        try:
            from pullenti.ner.ProcessorService import ProcessorService
        except ImportError as error:
            raise Unavailable("pullenti is not installed (pip install -e '.[bench]')") from error
        from pullenti.ner.SourceOfAnalysis import SourceOfAnalysis

        self.source = SourceOfAnalysis
        if self.lite:
            from pullenti.morph.MorphLang import MorphLang
            from pullenti.ner.date.DateAnalyzer import DateAnalyzer
            from pullenti.ner.measure.MeasureAnalyzer import MeasureAnalyzer
            from pullenti.ner.money.MoneyAnalyzer import MoneyAnalyzer

            analyzers = (MoneyAnalyzer, DateAnalyzer, MeasureAnalyzer)
            ProcessorService.initialize(MorphLang.RU)
            for analyzer in analyzers:
                analyzer.initialize()
            self.processor = ProcessorService.create_empty_processor()
            for analyzer in analyzers:
                self.processor.add_analyzer(analyzer())
            self.kinds = ("MONEY", "PERCENT", "DATE")
        else:
            from pullenti.Sdk import Sdk

            Sdk.initialize_all()
            self.processor = ProcessorService.create_specific_processor("MEASURE")
            self.kinds = ("MONEY", "PERCENT", "DATE", "FACILITY")
        self.version = ProcessorService.get_version()
        self.skipped: list[str] = []  # sentences Pullenti raised on (see __call__)

    def __call__(self, text: str) -> list[Found]:
        try:
            return maximal(self._process(text, 0))
        except (ValueError, OverflowError):
            # Pullenti 4.1's Python port raises "year 0 is out of range" or "date value out of range"
            # on some relative dates (64 of 746 NEREL documents). Rather than score the whole document as empty, run
            # it again sentence by sentence and drop only the sentences it still raises on.
            from razdel import sentenize

            out: list[Found] = []
            for sentence in sentenize(text):
                try:
                    out.extend(self._process(sentence.text, sentence.start))
                except (ValueError, OverflowError) as error:
                    self.skipped.append(f"skipped a sentence ({error}): {sentence.text[:60]!r}")
            return maximal(out)

    def _process(self, text: str, offset: int) -> list[Found]:
        result = self.processor.process(self.source(text))
        if len(result.sofa.text) != len(text):  # its corrections are char-for-char; check, never guess
            raise RuntimeError("Pullenti changed the text length; offsets would be wrong")
        out = []
        for entity in result.entities:
            kind, extra = self._classify(entity)
            if kind is None:
                continue
            for occurrence in entity.occurrence:
                out.append(Found(kind, offset + occurrence.begin_char, offset + occurrence.end_char + 1, **extra))
        return out

    @staticmethod
    def _classify(entity: Any) -> tuple[str | None, dict[str, Any]]:
        type_name = entity.type_name
        if type_name == "MONEY":
            value = _decimal(entity.get_string_value("VALUE"))
            rest = _decimal(entity.get_string_value("REST"))
            if value is not None and rest:
                value += rest / 100
            return "MONEY", {"value": value, "currency": entity.get_string_value("CURRENCY")}
        if type_name == "MEASURE":
            unit = entity.get_slot_value("UNIT")
            if unit is None or not hasattr(unit, "get_string_value") or unit.get_string_value("NAME") != "%":
                return None, {}
            values = [_decimal(v) for v in entity.get_string_values("VALUE")]
            if len(values) == 2:  # "от 5 до 10%"
                return "PERCENT", {"low": values[0], "high": values[1]}
            return "PERCENT", {"value": values[0] if values else None}
            return None, {}
        if type_name in ("DATE", "DATERANGE"):
            return "DATE", {}
        if type_name == "STREET":
            return "FACILITY", {}
        if type_name == "NAMEDENTITY":
            if (entity.get_string_value("KIND") or "").lower() in PULLENTI_FACILITY_NAMED_KINDS:
                return "FACILITY", {}
            return None, {}
        if type_name == "ORGANIZATION":
            profiles = {getattr(p, "name", str(p)).lower() for p in entity.profiles}
            types = " ".join(entity.get_string_values("TYPE") or ())
            if profiles & PULLENTI_FACILITY_ORG_PROFILES or PULLENTI_FACILITY_ORG_TYPES.search(types):
                return "FACILITY", {}
        return None, {}


def _decimal(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


FACTORIES = {
    "briefx": lambda: Briefx(),
    "briefx-numbers": lambda: Briefx("briefx-numbers"),
    "briefx-fast": lambda: Briefx("briefx-fast"),
    "natasha": lambda: Natasha(ner=True),
    "natasha-extractors": lambda: Natasha(ner=False),
    "pullenti": lambda: Pullenti(),
    "pullenti-lite": lambda: Pullenti(lite=True),
}


def make(name: str) -> System:
    try:
        return FACTORIES[name]()
    except KeyError:
        raise SystemExit(f"bench: unknown system {name!r}; choose from {', '.join(FACTORIES)}") from None
