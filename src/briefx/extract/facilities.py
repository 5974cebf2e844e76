"""Named infrastructure: "завершена реконструкция взлетно-посадочной полосы аэропорта Ушарал" ->
Facility(kind "runway", name "Ушарал", action "reconstruction", status "completed").

A facility type from data/facilities.tsv anchors the fact; genitive types after it ("полосы
аэропорта") join it, then a quoted name, a route or a proper noun. Action and status come from
cue words in the same clause. A bare type with no name, action or status is not reported
("мост между культурами").
"""

from __future__ import annotations

import regex

from briefx.extract.document import Document
from briefx.extract.links import governing_period
from briefx.extract.patterns import H
from briefx.lexicon import Cues
from briefx.model import Facility, Period
from briefx.morph import parses, proper_nominative, yo

FLAGS = regex.IGNORECASE | regex.VERBOSE | regex.V0
CAPITAL = r"(?-i:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])"
CAP_WORD = rf"{CAPITAL}[\w-]*"
# "Алматы – Усть-Каменогорск – Лепсы – Актогай", "Лепсы – побережье озера Балхаш"
ROUTE = rf"(?P<route>{CAP_WORD}(?:{H}+-{H}+(?:[^\W\d_]+{H}+){{0,2}}{CAP_WORD})+)"
QUOTED = r'"(?P<quoted>[^"\n]{1,120})"'
NUMBERED = rf"(?P<numbered>№{H}*\d+)"
PROPER_NAME = rf"(?P<proper>{CAP_WORD}(?:{H}+{CAP_WORD})?)"
PURPOSE_WORD = r"(?!(?:и|или|а|в|на|с|для|по)(?!\w))[^\W\d_][\w-]*"
PURPOSE = rf"(?P<purpose>по{H}+(?:производству|выпуску|переработке|сборке|хранению|изготовлению)(?:{H}+{PURPOSE_WORD}){{1,3}})"
ROUTE_DASH = regex.compile(rf"{H}+-{H}+")
CUE_REACH = 250  # enumerations share one cue: "строительство ГОКа, индустриального парка … и аэропорта"
FUTURE = regex.compile(r"(?<!\w)(?:будет|будут)\s+\Z", regex.IGNORECASE)


class FacilityExtractor:
    def __init__(self) -> None:
        self.types = Cues("facilities.tsv")
        self.actions = Cues("facility_actions.tsv")
        self.statuses = Cues("facility_status.tsv")
        types = self.types.pattern.pattern
        self._tail = regex.compile(
            rf"(?:{H}+(?P<nested>{types}))*(?:{H}+{PURPOSE})?(?:{H}*{QUOTED}|{H}+{ROUTE}|{H}*{NUMBERED}|{H}+{PROPER_NAME})?",
            FLAGS,
        )
        self._coordinated = regex.compile(rf"(?<!\w)(?P<adjective>[^\W\d_]+){H}+и{H}+\Z", FLAGS)

    def __call__(self, doc: Document, periods: list[Period]) -> list[Facility]:
        found: list[Facility] = []
        end_of_last = -1
        for match in self.types.finditer(doc.norm):
            if match.start() < end_of_last:
                continue  # already inside a facility ("… полосы аэропорта")
            kind = self.types.key_of(match.group())
            tail = self._tail.match(doc.norm, match.end())
            start, stop = match.start(), tail.end()
            kinds = [(kind, start)]
            coordinated = self._coordinated_kind(doc.norm, match)
            if coordinated:
                kinds.insert(0, coordinated)
                start = coordinated[1]
            end_of_last = stop
            for each_kind, _ in kinds:
                fact = self._facility(doc, periods, start, stop, each_kind, tail)
                if fact.name or fact.action or fact.status:
                    found.append(fact)
        return found

    def _coordinated_kind(self, text: str, match: regex.Match) -> tuple[str, int] | None:
        """ "канализационных и электрических сетей": the first adjective shares the head noun."""
        words = match.group().split()
        if len(words) < 2:
            return None
        before = self._coordinated.search(text, max(0, match.start() - 40), match.start())
        if not before:
            return None
        kind = self.types.key_of(" ".join([before.group("adjective"), *words[1:]]))
        return (kind, before.start("adjective")) if kind else None

    def _facility(self, doc, periods, start, stop, kind, tail) -> Facility:
        name, route = None, None
        if tail.group("quoted"):
            name = tail.group("quoted").strip()
        elif tail.group("route"):
            begin, end = tail.span("route")
            cuts = [begin] + [x for d in ROUTE_DASH.finditer(doc.norm, begin, end) for x in d.span()] + [end]
            route = [" ".join(doc.original[a:b].split()) for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
            name = doc.original[begin:end]
        elif tail.group("numbered"):
            name = tail.group("numbered")
        elif tail.group("proper"):
            name = " ".join(proper_nominative(w) for w in doc.original[tail.start("proper") : tail.end("proper")].split())
        purpose = None
        if tail.group("purpose"):
            words = tail.group("purpose").split()[1:]
            head = parses(words[0].lower())[0].normal_form
            purpose = " ".join([yo(head), *words[1:]])
        fact = Facility(
            **doc.span(start, stop), kind=kind, name=name, action=None, status=None, deadline=None, route=route, purpose=purpose
        )
        period = governing_period(fact, periods, doc)
        return Facility(
            **doc.span(start, stop),
            kind=kind,
            name=name,
            action=self._action(doc, start),
            status=self._status(doc, start, stop),
            deadline=period.last if period and period.last else None,
            route=route,
            purpose=purpose,
        )

    def _clause_window(self, doc: Document, start: int) -> int:
        begin = max(doc.clause_start(start), start - CUE_REACH)
        cut = doc.norm.rfind(";", begin, start)
        return cut + 1 if cut >= 0 else begin

    def _action(self, doc: Document, start: int) -> str | None:
        cues = list(self.actions.finditer(doc.norm, self._clause_window(doc, start), start))
        return self.actions.key_of(cues[-1].group()) if cues else None

    def _status(self, doc: Document, start: int, stop: int) -> str | None:
        """The cue nearest to the facility in its clause; "будет завершена" is still planned."""
        begin = self._clause_window(doc, start)
        end = doc.norm.find(";", stop)
        sentence_end = doc.sentences[doc.sentence_of(start)].stop if doc.sentences else len(doc.norm)
        end = sentence_end if end < 0 else min(end, sentence_end)
        comma = doc.norm.find(",", stop, end)
        before = list(self.statuses.finditer(doc.norm, begin, start))
        after = self.statuses.search(doc.norm, stop, comma if comma >= 0 else end)
        nearest = before[-1] if before else after  # "завершена реконструкция X, реализуется …": the cue before wins
        if nearest is None:
            return None
        status = self.statuses.key_of(nearest.group())
        if status == "completed" and FUTURE.search(doc.norm, max(0, nearest.start() - 12), nearest.start()):
            return "planned"
        return status
