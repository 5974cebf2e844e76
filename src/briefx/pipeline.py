"""Pipeline: text -> Brief. Build once (patterns, lexicon), call many times; pipe(texts) is lazy."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator

from briefx import lexicon as lexicon_module
from briefx.extract import links
from briefx.extract.dates import DateExtractor
from briefx.extract.document import Document
from briefx.extract.facilities import FacilityExtractor
from briefx.extract.instructions import InstructionExtractor
from briefx.extract.numeric import NumericExtractor
from briefx.extract.people import PeopleExtractor
from briefx.extract.places import PlaceExtractor
from briefx.extract.sources import SourceExtractor
from briefx.model import Brief
from briefx.text import SentenceIndex, normalize, read_header, sentences

log = logging.getLogger("briefx")

ALL_KINDS = (*Brief.FACT_KINDS, "source")
NUMBERS = ("money", "percentages", "quantities")  # the fastest configuration: Pipeline(kinds=NUMBERS)
NEEDS_PEOPLE = frozenset({"people", "instructions", "priorities", "places"})  # issuers; names are not places


class Pipeline:
    """Reusable extractor. `Pipeline()(text)` returns a Brief; it pickles, so process pools work.

    `kinds` picks the fact kinds to extract (keys of `Brief.as_dict()`: "money", "dates", …, "source");
    the rest stay empty and cost nothing. Numbers get their `period` only when "dates" is among the
    kinds: `Pipeline(kinds=NUMBERS)` is the fastest configuration.
    """

    def __init__(self, *, kinds: Iterable[str] | None = None) -> None:
        chosen = set(ALL_KINDS if kinds is None else kinds)
        unknown = chosen - set(ALL_KINDS)
        if isinstance(kinds, str) or unknown:
            raise ValueError(f"kinds must be a collection of {ALL_KINDS}, got {kinds!r}")
        self.kinds = frozenset(chosen)
        self._build()

    def _build(self) -> None:
        # Only the extractors the kinds need: compiling their patterns is most of the start-up time
        wanted = self.kinds.__contains__
        self.lexicon = lexicon_module.load()
        self.numeric = NumericExtractor(self.lexicon) if self.kinds & set(NUMBERS) else None
        self.dates = DateExtractor() if wanted("dates") else None
        self.facilities = FacilityExtractor() if wanted("facilities") or wanted("places") else None
        self.people = PeopleExtractor() if self.kinds & NEEDS_PEOPLE else None
        issuers = self.people if wanted("instructions") or wanted("priorities") else None
        self.instructions = InstructionExtractor(issuers) if issuers else None
        self.places = PlaceExtractor() if wanted("places") else None
        self.sources = SourceExtractor() if wanted("source") else None

    # Pickle the recipe, not the compiled state: a worker rebuilds it once.
    def __getstate__(self) -> dict:
        return {"kinds": sorted(self.kinds)}

    def __setstate__(self, state: dict) -> None:
        self.kinds = frozenset(state.get("kinds", ALL_KINDS))
        self._build()

    def __call__(self, text: str, *, published: dt.date | None = None, id: str | None = None) -> Brief:
        if not isinstance(text, str):
            hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, bytes | bytearray) else ""
            raise TypeError(f"briefx expects text as str, got {type(text).__name__}{hint}")
        if published is not None and not isinstance(published, dt.date):
            raise TypeError(f"published must be a datetime.date or None, got {type(published).__name__}")
        header_date, header_end = read_header(text)
        norm = normalize(text)
        if header_end:  # the header is metadata, never a source of facts
            norm = " " * header_end + norm[header_end:]
        spans = sentences(text)
        doc = Document(original=text, norm=norm, sentences=spans, sentence_of=SentenceIndex(spans))
        published = published if published is not None else header_date
        wanted = self.kinds.__contains__
        money, percentages, quantities = self.numeric(doc) if self.numeric else ([], [], [])
        dates = self.dates(doc, published) if self.dates else []
        periods = links.PeriodIndex(dates, doc)
        people = self.people.people(doc) if self.people else []
        facilities = self.facilities(doc, periods) if self.facilities else []
        money = links.with_periods(money, periods)
        quantities = links.with_periods(quantities, periods)
        percentages = links.with_periods(links.with_subjects(percentages, money + quantities, doc), periods)
        issued = self.instructions
        return Brief(
            text=text,
            published=published,
            id=id,
            sentences=spans,
            money=tuple(money) if wanted("money") else (),
            percentages=tuple(percentages) if wanted("percentages") else (),
            quantities=tuple(quantities) if wanted("quantities") else (),
            dates=tuple(dates),
            facilities=tuple(facilities) if wanted("facilities") else (),
            instructions=tuple(issued.instructions(doc, people, periods)) if issued and wanted("instructions") else (),
            priorities=tuple(issued.priorities(doc, people)) if issued and wanted("priorities") else (),
            people=tuple(people) if wanted("people") else (),
            places=tuple(self.places(doc, people, facilities)) if self.places else (),
            source=self.sources(doc) if self.sources else None,
        )

    def pipe(self, texts: Iterable[str]) -> Iterator[Brief]:
        """Lazily extract from many texts, in order."""
        for text in texts:
            yield self(text)


_DEFAULT: Pipeline | None = None


def extract(text: str, *, published: dt.date | None = None, id: str | None = None) -> Brief:
    """Facts of one text with the default pipeline (built on first use, then reused)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT(text, published=published, id=id)
