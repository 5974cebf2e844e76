"""Named infrastructure: "завершена реконструкция взлетно-посадочной полосы аэропорта Ушарал" ->
Facility(kind "runway", name "Ушарал", action "reconstruction", status "completed").

A facility type from data/facilities.tsv anchors the fact; genitive types after it ("полосы
аэропорта") join it, then a quoted name, a route, "№ 5", "-2" or a proper noun. Action and status
come from cue words in the same clause. A bare type with no name, action or status is not reported
("мост между культурами").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.names import proper_nominative
from briefx.extract.shapes import CAP_WORD, FLAGS, LETTER_WORD, VERBOSE, WORD, H
from briefx.lexicon import Lexicon, alternation
from briefx.model import Facility, Period
from briefx.morph import parses, yo

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
PURPOSE_WORD = rf"(?!(?:и|или|а|в|на|с|для|по)(?!\w)){LETTER_WORD}"
ROUTE_DASH = regex.compile(rf"{H}+-{H}+")
_GAP = regex.compile(rf"{H}+")
_LAST_WORD = regex.compile(rf"{LETTER_WORD}(?=\W*\Z)")
CUE_REACH = 250  # enumerations share one cue: "строительство ГОКа, индустриального парка … и аэропорта"
# "В СЭЗ … реализуется 12 проектов": a clause that opens with the facility as a place
LOCATIVE = regex.compile(rf"(?<!\w)(?:в|во|на){H}+\Z", regex.IGNORECASE)


class Facilities(Component):
    name = "facilities"
    wants = ("periods",)  # a deadline from the date that governs the facility
    produces = ("facilities",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.types = lexicon.facility_types
        self.actions = lexicon.facility_actions
        self.statuses = lexicon.facility_status
        self.named_only = lexicon.facilities_named_only
        # "завод по производству ветряных электростанций"
        purpose = rf"(?P<purpose>по{H}+(?:{alternation(lexicon.purpose_nouns)})(?:{H}+{PURPOSE_WORD}){{1,3}})"
        # What follows the type and its genitive types (see _after_types): a purpose, then a name
        self._tail = regex.compile(
            rf"(?:{H}+{purpose})?"
            rf"(?:{GLUED_NUMBER}|{H}*(?:{LEGAL_FORM}{H}+)?{QUOTED}|{H}+{ROUTE}|{H}*{NUMBERED}|{H}+{ROAD_CODE}|{H}+{PROPER_NAME})?",
            VERBOSE,
        )
        self._coordinated = regex.compile(rf"(?<!\w)(?P<adjective>[^\W\d_]+){H}+и{H}+\Z", VERBOSE)
        self._future = regex.compile(rf"(?<!\w)(?:{alternation(lexicon.future_auxiliaries)})\s+\Z", FLAGS)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        facilities: list[Facility] = []
        end_of_last = -1
        for match in self.types.finditer(doc.norm):
            if match.start() < end_of_last:
                continue  # already inside a facility ("… полосы аэропорта")
            tail = self._tail.match(doc.norm, self._after_types(doc.norm, match.end()))
            if tail is None:  # every part of the tail is optional: it always matches
                continue
            end_of_last = tail.end()
            # "канализационных и электрических сетей": the first adjective shares the head noun
            coordinated = self._coordinated_type(doc.norm, match)
            if coordinated:
                type_, adjective = coordinated
                facilities.append(self._facility(doc, periods, *adjective.span("adjective"), type_, None))
            type_ = self.types.key_of(match.group()) or ""
            facilities.append(self._facility(doc, periods, match.start(), tail.end(), type_, tail))
        return {"facilities": [f for f in facilities if f.name or (f.type not in self.named_only and (f.action or f.status))]}

    def _after_types(self, text: str, pos: int) -> int:
        """The end of the genitive types after a type: "полосы| аэропорта|" -> after "аэропорта".

        A loop over the compiled type pattern, not the types alternation inside _tail: that would
        compile the largest pattern of the pipeline a second time, a tenth of its start-up."""
        while (gap := _GAP.match(text, pos)) and (nested := self.types.pattern.match(text, gap.end())):
            pos = nested.end()
        return pos

    def _coordinated_type(self, text: str, match: regex.Match) -> tuple[str, regex.Match] | None:
        words = match.group().split()
        if len(words) < 2:
            return None
        before = self._coordinated.search(text, max(0, match.start() - 40), match.start())
        if not before:
            return None
        type_ = self.types.key_of(" ".join([before.group("adjective"), *words[1:]]))
        return (type_, before) if type_ else None

    def _facility(
        self, doc: Document, periods: PeriodIndex | None, start: int, stop: int, type_: str, tail: regex.Match | None
    ) -> Facility:
        name, route, purpose, rule = self._name(doc, start, tail) if tail else (None, None, None, "coordinated")
        if tail is not None and purpose and tail.end() == tail.end("purpose"):
            stop = self._purpose_end(doc, tail)
            purpose = self._purpose(doc, tail.start("purpose"), stop)
        span = doc.span(start, stop)
        period = periods.governing(start, stop, span["sentence"], deadlines=True) if periods else None
        status = self._status(doc, start, stop)
        return Facility(
            **span,
            type=type_,
            name=name,
            action=self._action(doc, start, stop),
            status=status,
            deadline=self._deadline(period, status),
            route=route,
            purpose=purpose,
            rule=self.rule(rule),
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
    def _name(doc: Document, start: int, tail: regex.Match) -> tuple[str | None, tuple[str, ...] | None, str | None, str]:
        """(name, route, purpose, the rule that named it) from what follows the type."""
        name: str | None = None
        route, purpose, rule = None, None, "type"
        if tail.group("quoted"):
            name, rule = doc.original[tail.start("quoted") : tail.end("quoted")].strip(), "quoted"
        elif tail.group("route"):
            begin, end = tail.span("route")
            cuts = [begin] + [x for d in ROUTE_DASH.finditer(doc.norm, begin, end) for x in d.span()] + [end]
            route = tuple(" ".join(doc.original[a:b].split()) for a, b in zip(cuts[::2], cuts[1::2], strict=True))
            name, rule = doc.original[begin:end], "route"
        elif tail.group("numbered") or tail.group("code"):
            name, rule = tail.group("numbered") or tail.group("code"), "numbered"
        elif tail.group("glued"):
            name, rule = doc.original[start : tail.end("glued")], "glued_number"
        elif tail.group("proper"):
            words = doc.original[tail.start("proper") : tail.end("proper")].split()
            reading = parses(words[0].lower())[0]
            if any(g in reading.tag for g in ("Name", "Surn", "Patr")):
                if not Facilities._named_after(doc, start, tail.start("proper"), reading):
                    return None, None, None, "person_after"  # "театра Игорь Вербицкий": a person after the type, not its name
                name, rule = " ".join(words), "named_after"  # "Музее Анны Ахматовой": the name is the genitive, as written
            else:
                name, rule = " ".join(proper_nominative(w) for w in words), "proper_name"
        if tail.group("purpose"):
            purpose = Facilities._purpose(doc, tail.start("purpose"), tail.end("purpose"))
        return name, route, purpose, rule

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
        words = list(WORD.finditer(doc.norm[: tail.end("purpose")], pos=tail.start("purpose")))[2:]
        end = words[0].end() if words else tail.end("purpose")
        for word in words[1:]:
            if not any(p.tag.case == "gent" for p in parses(word.group().lower())):
                break
            end = word.end()
        return end

    def _clause_window(self, doc: Document, start: int) -> int:
        begin = max(doc.sentence_start(start), start - CUE_REACH)
        cut = max(doc.norm.rfind(";", begin, start), doc.norm.rfind(":", begin, start))
        return cut + 1 if cut >= 0 else begin

    def _clause_end(self, doc: Document, stop: int) -> int:
        """End of the clause after the facility: the next comma, ";" or the end of the sentence, at most
        CUE_REACH characters on (a sentence of many facilities is not rescanned for each)."""
        sentence_end = min(doc.sentence_stop(max(stop - 1, 0)), stop + CUE_REACH)
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
            self._future.search(doc.norm, max(0, cue.start() - 12), cue.start())
            or parses(cue.group().lower())[0].tag.POS == "INFN"
        ):
            return "planned"
        return status
