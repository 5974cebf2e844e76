"""Named infrastructure: "завершена реконструкция взлетно-посадочной полосы аэропорта Ушарал" ->
Facility(kind "runway", name "Ушарал", action "reconstruction", status "completed").

A facility type from data/facilities.tsv anchors the fact; genitive types after it ("полосы
аэропорта") join it, then a quoted name, a route, "№ 5", "-2" or a proper noun. Action and status
come from cue words in the same clause. A bare type with no name, action or status is not reported
("мост между культурами").
"""

from __future__ import annotations

import regex

from briefx.extract.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.names import proper_nominative
from briefx.extract.patterns import H
from briefx.lexicon import Cues, word_list
from briefx.model import Facility, Fact, Period
from briefx.morph import parses, yo

FLAGS = regex.IGNORECASE | regex.VERBOSE | regex.V0
CAPITAL = r"(?-i:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])"
CAP_WORD = rf"{CAPITAL}[\w-]*"
# "Алматы – Усть-Каменогорск – Лепсы – Актогай", "Лепсы – побережье озера Балхаш"
ROUTE = rf"(?P<route>{CAP_WORD}(?:{H}+-{H}+(?:[^\W\d_]+{H}+){{0,2}}{CAP_WORD})+)"
QUOTED = r'"(?P<quoted>[^"\n]{1,120})"'
NUMBERED = rf"(?P<numbered>№{H}*\d+)"
GLUED_NUMBER = r"(?P<glued>-\d+)"  # "ТЭЦ-2"
# "USB" after "порт" is not a name: a proper name has a lowercase letter or is Cyrillic
# A name word has a lowercase letter: "USB", "ТОО" (a legal form) are not names
PROPER_WORD = rf"(?=[\w-]*(?-i:[a-zа-яёәғқңөұүһі])){CAP_WORD}"
PROPER_NAME = rf"(?P<proper>{PROPER_WORD}(?:{H}+{PROPER_WORD})?)"
ROAD_CODE = r"(?P<code>(?-i:[А-ЯЁA-Z]{1,2})-?\d{1,4})(?![\w-])"  # "трассы Р-7", "А2", "М-51"
LEGAL_FORM = r"(?-i:[А-ЯЁ]{2,4})"  # "водозабора ТОО "Кызылжар Су"": the name is the quoted one
PURPOSE_WORD = r"(?!(?:и|или|а|в|на|с|для|по)(?!\w))[^\W\d_][\w-]*"
PURPOSE = rf"(?P<purpose>по{H}+(?:производству|выпуску|переработке|сборке|хранению|изготовлению)(?:{H}+{PURPOSE_WORD}){{1,3}})"
ROUTE_DASH = regex.compile(rf"{H}+-{H}+")
_GAP = regex.compile(rf"{H}+")
_LAST_WORD = regex.compile(r"[^\W\d_][\w-]*(?=\W*\Z)")
CUE_REACH = 250  # enumerations share one cue: "строительство ГОКа, индустриального парка … и аэропорта"
FUTURE = regex.compile(r"(?<!\w)(?:будет|будут)\s+\Z", regex.IGNORECASE)
# "В СЭЗ … реализуется 12 проектов": a clause that opens with the facility as a place
LOCATIVE = regex.compile(rf"(?<!\w)(?:в|во|на){H}+\Z", regex.IGNORECASE)


class FacilityExtractor:
    def __init__(self) -> None:
        self.types = Cues("facilities.tsv")
        self.actions = Cues("facility_actions.tsv")
        self.statuses = Cues("facility_status.tsv")
        self.named_only = frozenset(word_list("facilities_named_only.txt"))
        # What follows the type and its genitive types (see _after_types): a purpose, then a name
        self._tail = regex.compile(
            rf"(?:{H}+{PURPOSE})?"
            rf"(?:{GLUED_NUMBER}|{H}*(?:{LEGAL_FORM}{H}+)?{QUOTED}|{H}+{ROUTE}|{H}*{NUMBERED}|{H}+{ROAD_CODE}|{H}+{PROPER_NAME})?",
            FLAGS,
        )
        self._coordinated = regex.compile(rf"(?<!\w)(?P<adjective>[^\W\d_]+){H}+и{H}+\Z", FLAGS)

    def __call__(self, doc: Document, periods: PeriodIndex) -> list[Facility]:
        found: list[Facility] = []
        end_of_last = -1
        for match in self.types.finditer(doc.norm):
            if match.start() < end_of_last:
                continue  # already inside a facility ("… полосы аэропорта")
            tail = self._tail.match(doc.norm, self._after_types(doc.norm, match.end()))
            end_of_last = tail.end()
            # "канализационных и электрических сетей": the first adjective shares the head noun
            coordinated = self._coordinated_kind(doc.norm, match)
            if coordinated:
                kind, adjective = coordinated
                found.append(self._facility(doc, periods, *adjective.span("adjective"), kind, None))
            found.append(self._facility(doc, periods, match.start(), tail.end(), self.types.key_of(match.group()), tail))
        return [f for f in found if f.name or (f.kind not in self.named_only and (f.action or f.status))]

    def _after_types(self, text: str, pos: int) -> int:
        """The end of the genitive types after a type: "полосы| аэропорта|" -> after "аэропорта".

        A loop over the compiled type pattern, not the types alternation inside _tail: that would
        compile the largest pattern of the pipeline a second time, a tenth of its start-up."""
        while (gap := _GAP.match(text, pos)) and (nested := self.types.pattern.match(text, gap.end())):
            pos = nested.end()
        return pos

    def _coordinated_kind(self, text: str, match: regex.Match) -> tuple[str, regex.Match] | None:
        words = match.group().split()
        if len(words) < 2:
            return None
        before = self._coordinated.search(text, max(0, match.start() - 40), match.start())
        if not before:
            return None
        kind = self.types.key_of(" ".join([before.group("adjective"), *words[1:]]))
        return (kind, before) if kind else None

    def _facility(self, doc: Document, periods, start: int, stop: int, kind: str, tail) -> Facility:
        name, route, purpose = self._name(doc, start, tail) if tail else (None, None, None)
        if purpose and tail.end() == tail.end("purpose"):
            stop = self._purpose_end(doc, tail)
            purpose = self._purpose(doc, tail.start("purpose"), stop)
        period = periods.governing(Fact(**doc.span(start, stop)))  # the span alone decides
        status = self._status(doc, start, stop)
        return Facility(
            **doc.span(start, stop),
            kind=kind,
            name=name,
            action=self._action(doc, start, stop),
            status=status,
            deadline=self._deadline(period, status),
            route=route,
            purpose=purpose,
        )

    @staticmethod
    def _deadline(period: Period | None, status: str | None):
        """A bound ("до конца 2025 года") or the period of a planned work ("в 2026 году запланировано").

        A single day is when something was said ("5 июля … поручил ускорить"), not a deadline.
        """
        if period is None or period.last is None:
            return None
        if period.bound == "until" or (status == "planned" and period.first != period.last):
            return period.last
        return None

    @staticmethod
    def _name(doc: Document, start: int, tail) -> tuple[str | None, tuple[str, ...] | None, str | None]:
        name, route, purpose = None, None, None
        if tail.group("quoted"):
            name = doc.original[tail.start("quoted") : tail.end("quoted")].strip()
        elif tail.group("route"):
            begin, end = tail.span("route")
            cuts = [begin] + [x for d in ROUTE_DASH.finditer(doc.norm, begin, end) for x in d.span()] + [end]
            route = tuple(" ".join(doc.original[a:b].split()) for a, b in zip(cuts[::2], cuts[1::2], strict=True))
            name = doc.original[begin:end]
        elif tail.group("numbered") or tail.group("code"):
            name = tail.group("numbered") or tail.group("code")
        elif tail.group("glued"):
            name = doc.original[start : tail.end("glued")]
        elif tail.group("proper"):
            words = doc.original[tail.start("proper") : tail.end("proper")].split()
            reading = parses(words[0].lower())[0]
            if any(g in reading.tag for g in ("Name", "Surn", "Patr")):
                if not FacilityExtractor._named_after(doc, start, tail.start("proper"), reading):
                    return None, None, None  # "театра Игорь Вербицкий": a person after the type, not its name
                name = " ".join(words)  # "Музее Анны Ахматовой": the name is the genitive, as written
            else:
                name = " ".join(proper_nominative(w) for w in words)
        if tail.group("purpose"):
            purpose = FacilityExtractor._purpose(doc, tail.start("purpose"), tail.end("purpose"))
        return name, route, purpose

    @staticmethod
    def _named_after(doc: Document, start: int, name_start: int, reading) -> bool:
        """ "в Музее Анны Ахматовой", "аэропорту Джона Кеннеди": a person's name in the genitive after
        a type word in another case names the facility. After a genitive type ("директора театра
        Сергея Филина") it may as well be a person in apposition, so it is not taken."""
        if "gent" not in reading.tag:
            return False
        type_word = _LAST_WORD.search(doc.norm, start, name_start)
        return type_word is not None and not any("gent" in p.tag for p in parses(type_word.group().lower()))

    @staticmethod
    def _purpose(doc: Document, start: int, stop: int) -> str:
        """ "по производству ветряных электростанций" -> "производство ветряных электростанций"."""
        words = doc.original[start:stop].split()[1:]
        return " ".join([yo(parses(words[0].lower())[0].normal_form), *words[1:]])

    @staticmethod
    def _purpose_end(doc: Document, tail) -> int:
        """What is produced stands in the genitive: "по производству удобрений | мощностью 1 млн тонн"."""
        words = list(regex.finditer(r"[^\W\d_][\w-]*", doc.norm[: tail.end("purpose")], pos=tail.start("purpose")))[2:]
        end = words[0].end() if words else tail.end("purpose")
        for word in words[1:]:
            if not any(p.tag.case == "gent" for p in parses(word.group().lower())):
                break
            end = word.end()
        return end

    def _clause_window(self, doc: Document, start: int) -> int:
        begin = max(doc.clause_start(start), start - CUE_REACH)
        cut = max(doc.norm.rfind(";", begin, start), doc.norm.rfind(":", begin, start))
        return cut + 1 if cut >= 0 else begin

    def _clause_end(self, doc: Document, stop: int) -> int:
        """End of the clause after the facility: the next comma, ";" or the end of the sentence."""
        sentence_end = doc.sentences[doc.sentence_of(max(stop - 1, 0))].stop if doc.sentences else len(doc.norm)
        ends = [i for i in (doc.norm.find(";", stop, sentence_end), doc.norm.find(",", stop, sentence_end)) if i >= 0]
        return min(ends, default=sentence_end)

    def _action(self, doc: Document, start: int, stop: int) -> str | None:
        """The nearest action word before it in its clause; else one after it ("… реконструирована")."""
        before = list(self.actions.finditer(doc.norm, self._clause_window(doc, start), start))
        cue = before[-1] if before else self.actions.search(doc.norm, stop, self._clause_end(doc, stop))
        return self.actions.key_of(cue.group()) if cue else None

    def _status(self, doc: Document, start: int, stop: int) -> str | None:
        """The cue nearest before it in its clause, else the first after it up to a comma.

        "будет завершена" and "завершить" (an infinitive: to be done) are still planned.
        """
        before = list(self.statuses.finditer(doc.norm, self._clause_window(doc, start), start))
        if before:
            cue = before[-1]
        elif (place := LOCATIVE.search(doc.norm, max(0, start - 4), start)) and not doc.norm[
            self._clause_window(doc, start) : place.start()
        ].strip():
            return None  # "В СЭЗ … реализуется 12 проектов": the verb is about what is inside it
        else:
            cue = self.statuses.search(doc.norm, stop, self._clause_end(doc, stop))
        if cue is None:
            return None
        status = self.statuses.key_of(cue.group())
        if status == "completed" and (
            FUTURE.search(doc.norm, max(0, cue.start() - 12), cue.start()) or parses(cue.group().lower())[0].tag.POS == "INFN"
        ):
            return "planned"
        return status
