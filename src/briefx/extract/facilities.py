"""Infrastructure objects and what happens to them: "подтоплено 27 частных жилых домов" -> Facility(type
"house", count 27, action "flooding", status "completed"); "Токаев осмотрел Петропавловский гидроузел"
-> Facility(type "hydro_node", name "Петропавловский", action "inspection", status "completed").

A type phrase from data/facilities.tsv anchors the fact. The span takes the agreeing adjectives
before it and a count before them ("57 новых домов"), genitive types after it ("полосы аэропорта"),
then a purpose, a quoted name, a route, "№ 5", "-2" or a proper noun. Names: facility_names; action,
status and deadline: facility_events. A typed object is reported when it has a name, an action or a
status; generic heads ("центр", "объект") need a qualifier, some types a name, and a named
institution ("театра "Современник"") something that happens to it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.facility_events import NEAR_REACH, Event, Events, Previous, deadline
from briefx.extract.facility_names import (
    GLUED_NUMBER,
    LEGAL_FORM,
    NUMBERED,
    PROPER_NAME,
    QUOTED,
    ROAD_CODE,
    ROUTE,
    adjective_name,
    glued,
    tail_name,
)
from briefx.extract.links import PeriodIndex
from briefx.extract.mention import Mention
from briefx.extract.shapes import LETTER_WORD, VERBOSE, WORD, H
from briefx.lexicon import Found, Lexicon, alternation
from briefx.model import Facility
from briefx.morph import parses, yo

PURPOSE_WORD = rf"(?!(?:и|или|а|в|на|с|для|по)(?!\w)){LETTER_WORD}"
NOT_A_FACILITY = "none"  # the type of rows that look like a type and are not one ("областной центр")
MODIFIER_REACH = 4  # adjectives taken before a type word: "5 837 [частных жилых] дома"
FRONT_REACH = 80  # characters before a type word read for them
MODIFIERS = ("ADJF", "PRTF")
_CASES = {
    "loc2": "loct",
    "gen2": "gent",
    "acc2": "accs",
    "gen1": "gent",
    "loc1": "loct",
}  # "в саду": adjectives have no second cases
PRONOUN_ADJECTIVE = "Apro"  # "все", "этих", "других": they point, they do not qualify
# Between a type and a genitive type after it: spaces, or a numeral or adjective ("кампусы трех университетов")
_NEXT_WORD = re.compile(r"[^\S\n]+([^\W\d_][\w-]*)")
_WORD_BEFORE = regex.compile(rf"(?P<word>{LETTER_WORD}){H}+\Z")
_COORDINATED = regex.compile(rf"(?<![\w-])(?P<adjective>[^\W\d_][\w-]*){H}*(?:,|{H}и){H}+\Z", regex.IGNORECASE)
_CLAUSE_TAIL = regex.compile(r"(?r)[^,.;:!?()\"\n]*\Z")  # the words before a point since the last punctuation
_DESTINATION = regex.compile(rf"{H}+(?:на|к|до|через|в{H}+сторону){H}+", regex.IGNORECASE)  # "дорога на аэропорт"


class Facilities(Component):
    name = "facilities"
    # a count in front ("2 моста", "57 новых домов") from the numbers, a deadline from the date that
    # governs the facility: both when the pipeline finds numbers and dates anyway
    wants = ("mentions", "periods")
    produces = ("facilities",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.types = lexicon.facility_types
        self.events = Events(lexicon)
        self.named_only = lexicon.facilities_named_only
        self.generic = lexicon.facilities_generic
        self.event_only = lexicon.facilities_event_only
        self.carriers = lexicon.facility_carriers
        self.place_named = lexicon.facilities_place_named
        self.named_after = lexicon.facilities_named_after
        self.parts = lexicon.facility_parts
        # "завод по производству ветряных электростанций"
        purpose = rf"(?P<purpose>по{H}+(?:{alternation(lexicon.purpose_nouns)})(?:{H}+{PURPOSE_WORD}){{1,3}})"
        # What follows the type and its genitive types (see _after_types): a purpose, then a name
        self._tail = regex.compile(
            rf"(?:{H}+{purpose})?"
            rf"(?:{GLUED_NUMBER}|{H}*(?:{LEGAL_FORM}{H}+)?{QUOTED}|{H}+{ROUTE}|{H}*{NUMBERED}|{H}+{ROAD_CODE}|{H}+{PROPER_NAME}"
            rf"(?:{H}+(?P<particle>{alternation(lexicon.facility_name_particles)})(?!\w))?)?",
            VERBOSE,
        )

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        mentions: list[Mention] = found.get("mentions", [])
        counts = {m.stop: m for m in mentions if m.value is not None and not (m.currency or m.percent or m.unit)}
        dates = DateSpans(periods.periods if periods else ())
        facilities: list[Facility] = []
        end_of_last = -1
        previous: Previous | None = None
        lowered = doc.norm.lower()
        lowered_or_none = lowered if len(lowered) == len(doc.norm) else None  # "İ" lowercases to two characters
        for match in self.types.finditer(doc.norm, lowered=lowered_or_none):
            if match.start < end_of_last or dates.covers(match.start):
                continue  # inside a facility already ("… полосы аэропорта"), or a date ("в первом квартале")
            if match.key == NOT_A_FACILITY:
                end_of_last = match.stop
                continue
            mention = self._mention(doc, match, counts, periods, end_of_last, previous, lowered_or_none)
            end_of_last, previous = mention.stop, Previous(mention.start, mention.stop, mention.cue)
            facilities.extend(mention.facts)
        return {"facilities": facilities}

    def _mention(
        self,
        doc: Document,
        match: Found,
        counts: dict[int, Mention],
        periods: PeriodIndex | None,
        floor: int,
        previous: Previous | None,
        lowered: str | None,
    ) -> _Mentioned:
        """The facts of one type mention: its own, and one for a coordinated adjective before it."""
        types_end, nested, last_nested = self._after_types(doc.norm, match.stop)
        tail = self._tail.match(doc.norm, types_end)
        assert tail is not None  # every part of the tail is optional: it always matches
        reach = self._reach(doc, match.start, types_end, tail, previous, lowered)
        if not reach.worth:
            return _Mentioned(match.start, types_end, [], None)
        if nested is not None and match.key in self.carriers:
            match = match._replace(key=nested)  # "помещений торгового центра", "объектов инфраструктуры": the specific type
        head = _head_reading(doc.norm[match.start : match.stop])
        front = Front.read(doc, match.start, head, max(floor, 0), self, counts, reach.before)
        named_after = match.key in self.named_after or front.after_action
        place_named = (last_nested or match.key) in self.place_named
        name = tail_name(doc, match.start, tail, named_after, place_named, self.lexicon.place_types)
        stop = (name.stop or tail.end()) if name.text else types_end
        purpose = None
        if tail.group("purpose"):
            purpose_stop = _purpose_end(doc, tail) if tail.end() == tail.end("purpose") else tail.end("purpose")
            stop, purpose = max(stop, purpose_stop), _purpose(doc, tail.start("purpose"), purpose_stop)
        count, start = self._count(doc, front.start, counts)
        # "81 перелив автодорог": the cue may stand after the count, so cues are read up to the adjectives
        named = bool(name.text or front.words)
        event = self.events.around(
            doc, front.start, stop, previous, front.attribute, named=named, lowered=lowered, look=(reach.before, reach.after)
        )
        facts = []
        coordinated = self._coordinated(doc, start, match, head)
        if coordinated is not None:
            adjective, type_ = coordinated
            first_name = adjective_name([doc.original[adjective.start("adjective") : adjective.end("adjective")]], False, head)
            if self._reported(type_, first_name, event, qualified=True, dependent=False):
                span = adjective.span("adjective")
                facts.append(self._fact(doc, periods, span, type_, first_name, None, None, event, None, "coordinated"))
        front_name = adjective_name(front.words, front.first_in_sentence, head)
        rule = name.rule if name.text or not front_name else "adjective_name"
        # "защитные сооружения", "инфраструктуры побережья", "по строительству объекта", "социальной инфраструктуры"
        qualified = (
            bool(front.qualifiers)
            or types_end > match.stop
            or front.after_action
            or len(doc.norm[match.start : match.stop].split()) > 1
        )
        destination = previous is not None and _DESTINATION.fullmatch(doc.norm, previous.stop, start) is not None
        text_name = name.text or front_name
        if not destination and self._reported(match.key, text_name, event, qualified=qualified, dependent=front.dependent):
            facts.append(self._fact(doc, periods, (start, stop), match.key, text_name, name.route, purpose, event, count, rule))
        return _Mentioned(start, max(stop, types_end), facts, event.cue)

    def _reach(
        self, doc: Document, start: int, stop: int, tail: regex.Match, previous: Previous | None, lowered: str | None
    ) -> Reach:
        """Could this mention be reported at all, and is there an action word before or after it? Most
        type words have no name and no action word near them ("в доме", "объекты"): two short scans
        tell, before the words around them are read."""
        sentence_start = doc.sentence_start(start)
        if previous is not None and previous.cue is not None and previous.cue[0] >= sentence_start:
            return Reach(True, True, True)  # an enumeration may share the cue of the facility before
        actions = self.events.actions
        before = actions.search(doc.norm, max(sentence_start, start - NEAR_REACH - FRONT_REACH), start, lowered) is not None
        after = actions.search(doc.norm, stop, min(doc.sentence_stop(start), stop + NEAR_REACH), lowered) is not None
        named = any(tail.group(g) for g in ("quoted", "route", "numbered", "code", "glued", "proper"))
        if not (named or before or after):
            front = _CLAUSE_TAIL.search(doc.norm, max(sentence_start, start - FRONT_REACH), start)
            named = front is not None and any(w[:1].isupper() for w in front.group().split()[-MODIFIER_REACH:])
        return Reach(named or before or after, before, after)

    def _reported(self, type_: str, name: str | None, event: Event, *, qualified: bool, dependent: bool) -> bool:
        """A facility is an object the text names or reports something about ("дорога на аэропорт": the
        destination is no object of its own)."""
        if type_ in self.named_only and not name:
            return False  # "общей площадью": a type word that names nothing without a name
        if type_ in self.generic and not (name or qualified):
            return False  # "в центре", "объекты": generic heads need an adjective, a name or an action on them
        if type_ in self.event_only and not event.action:
            return False  # "театра "Современник"" (an organization), "по улице Толе би" (an address)
        if not name and dependent:
            return False  # "уборка обочин дорог": the genitive of another noun, not the object
        return bool(name or event.action or event.status)

    def _fact(
        self,
        doc: Document,
        periods: PeriodIndex | None,
        span: tuple[int, int],
        type_: str,
        name: str | None,
        route: tuple[str, ...] | None,
        purpose: str | None,
        event: Event,
        count,
        rule: str,
    ) -> Facility:
        start, stop = span
        fields = doc.span(start, stop)
        # a facility's deadline reads further than a number's period: a bound anywhere after it in its sentence
        period = periods.governing(start, stop, fields["sentence"], deadlines=True) if periods else None
        return Facility(
            **fields,
            type=type_,
            name=name,
            action=event.action,
            status=event.status,
            deadline=deadline(doc, period, event.status, start, stop),
            route=route,
            purpose=purpose,
            count=count,
            rule=self.rule(rule),
        )

    def _after_types(self, text: str, pos: int) -> tuple[int, str | None, str | None]:
        """The end of the genitive types after a type, the first of them and the last: "полосы| аэропорта|"
        -> after "аэропорта", airport, airport."""
        first = last = None
        while nested := self._nested(text, pos):
            pos, first, last = nested.stop, first or nested.key, nested.key
        return pos, first, last

    def _nested(self, text: str, pos: int) -> Found | None:
        """A genitive type right after `pos`, or after a genitive numeral or adjective or two."""
        for _ in range(3):
            word = _NEXT_WORD.match(text, pos)
            if word is None:
                return None
            nested = self.types.match(text, word.start(1))
            if nested is not None:
                genitive = nested.key != NOT_A_FACILITY and _genitive(text[nested.start : nested.stop])
                return nested if genitive else None
            if not _genitive_modifier(word.group(1)):
                return None
            pos = word.end()
        return None

    def _count(self, doc: Document, start: int, counts: dict[int, Mention]) -> tuple[Any, int]:
        """A number right before the facility ("2 моста", "57 новых домов"), or before an event noun that
        governs it ("69 размывов автодорог")."""
        end = _before_spaces(doc.norm, start)
        mention = counts.get(end)
        if mention is None and end > 0 and doc.norm[end - 1].isalpha():
            cue = _WORD_BEFORE.search(doc.norm, max(0, start - 40), start)
            if cue and self.events.actions.key_of(cue.group("word")):
                end = _before_spaces(doc.norm, cue.start())
                mention = counts.get(end)
        return (mention.value, mention.start) if mention is not None else (None, start)

    def _coordinated(self, doc: Document, start: int, match: Found, head) -> tuple[regex.Match, str] | None:
        """ "Сергеевского и Петропавловского водохранилищ", "канализационных и электрических сетей": the
        first adjective shares the head noun; its type is the adjective with the head when that is a
        type ("канализационные сети"), else the head's."""
        tail = doc.norm[max(0, start - 4) : start]
        if not (tail.endswith((" и ", ", ")) or tail.rstrip().endswith(",")):
            return None  # most facilities: no "и" or comma right before
        before = _COORDINATED.search(doc.norm, max(0, start - 40), start)
        if before is None or not _agrees(before.group("adjective"), head) or glued(before.group("adjective")):
            return None
        words = doc.norm[match.start : match.stop].split()
        rest = words[1:] if len(words) > 1 and _is_modifier(words[0]) else words
        type_ = self.types.key_of(" ".join([before.group("adjective"), *rest]))
        return before, type_ or match.key


class Reach(NamedTuple):
    worth: bool  # a name or an action word is near: the mention is read
    before: bool  # an action word before it (within NEAR_REACH and its adjectives)
    after: bool  # an action word after it (within NEAR_REACH)


class _Mentioned(NamedTuple):
    start: int
    stop: int  # where the mention ends: the next type word is read from there
    facts: list[Facility]
    cue: tuple[int, int] | None  # its action word, which the next facility of an enumeration may share


class Front:
    """The words before a type word that belong to it: agreeing adjectives ("частных жилых" дома), and
    what stands right before them: an action word ("строительству" объекта) or a noun the facility
    depends on ("обочин" дорог)."""

    def __init__(
        self,
        start: int,
        words: list[str],
        qualifiers: int,
        first_in_sentence: bool,
        after_action: bool,
        dependent: bool,
        attribute: regex.Match | None,
    ):
        self.start, self.words, self.qualifiers = start, words, qualifiers
        self.first_in_sentence, self.after_action, self.dependent = first_in_sentence, after_action, dependent
        self.attribute = attribute  # an action participle among the adjectives: "затопленные" дома

    @classmethod
    def read(
        cls,
        doc: Document,
        start: int,
        head,
        floor: int,
        facilities: Facilities,
        counts: Mapping[int, Mention],
        cue_before: bool = True,
    ) -> Front:
        """`cue_before`: whether an action word stands within reach before the type word at all."""
        actions = facilities.events.actions
        sentence_start = doc.sentence_start(start)
        words = list(WORD.finditer(doc.norm, max(floor, sentence_start, start - FRONT_REACH), start))
        taken: list[regex.Match] = []
        pos = start
        attribute = None
        for word in reversed(words[-MODIFIER_REACH:]):
            between = doc.norm[word.end() : pos]
            written = doc.original[word.start() : word.end()]
            if between.strip() or "\n" in between or not _agrees(word.group(), head):
                break
            if written[:1].isupper() and glued(written):
                break
            if word.end() in counts:
                break  # "одно здание": a count, not an adjective
            if cue_before and attribute is None and actions.key_of(word.group()):
                attribute = actions.pattern.match(doc.norm, word.start())  # "затопленные дома": what happened to them
            taken.append(word)
            pos = word.start()
        taken.reverse()
        qualifiers = sum(1 for w in taken if not _pronominal(w.group()))
        # the first word of a sentence, also of one glued to the sentence before ("…kz.Затопленные улицы")
        first = bool(taken) and (
            not doc.norm[sentence_start : taken[0].start()].strip(" \"'(-") or not doc.norm[taken[0].start() - 1].isspace()
        )
        before = next((w for w in reversed(words) if w.end() <= pos), None)
        adjacent = before is not None and not doc.norm[before.end() : pos].strip()
        after_action = cue_before and _cue_ends_at(actions, doc.norm, [w for w in words if w.end() <= pos][-3:], pos)
        counted = _before_spaces(doc.norm, pos) in counts
        dependent = adjacent and not after_action and not counted and _dependent(before.group(), head, facilities.parts)  # type: ignore[union-attr]
        # an action participle says what happened, it does not name: "Затопленные улицы"
        named = [w for w in taken if attribute is None or w.start() != attribute.start()]
        words_text = [doc.original[w.start() : w.end()] for w in named]
        first = first and bool(named) and named[0] is taken[0]
        return cls(pos, words_text, qualifiers, first, after_action, dependent, attribute)


class DateSpans:
    """Is an offset inside a date? ("в первом квартале 2025 года" is no residential quarter)."""

    def __init__(self, periods: Sequence[Any]):
        self._starts = [p.start for p in periods]
        self._stops = [p.stop for p in periods]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self._stops[i] > pos


class Head(NamedTuple):
    """What the words around a type need of its head noun, read once per type phrase."""

    word: str
    cases: frozenset[str]  # "домов": genitive, accusative
    gender: str | None
    singular: bool
    plural_only: bool  # "очистные сооружения", "апартаменты"
    forms: frozenset[tuple[str, str | None]]  # (case, gender) an adjective takes to agree with it


@lru_cache(maxsize=65536)
def _head_reading(phrase: str) -> Head | None:
    """The head noun of a type phrase ("полосы" of "взлетно-посадочной полосы"), else its first word."""
    words = [w for w in phrase.split() if not w.isupper()]
    reading = next((parses(w.lower())[0] for w in words if parses(w.lower())[0].tag.POS == "NOUN"), None)  # "тепловых сетей"
    for word in words if reading is None else ():
        reading = next((p for p in parses(word.lower()) if p.tag.POS == "NOUN"), None)
        if reading is not None:
            break
    if reading is None and phrase.split():
        reading = parses(phrase.split()[0].lower())[0]
    if reading is None:
        return None
    same = [p for p in parses(reading.word) if p.normal_form == reading.normal_form and p.tag.POS == reading.tag.POS]
    cases = frozenset(_CASES.get(p.tag.case, p.tag.case) for p in same if p.tag.case)
    singular = "sing" in reading.tag
    return Head(
        reading.word, cases, reading.tag.gender, singular, "Pltm" in reading.tag, _agreeing(cases, singular, reading.tag.gender)
    )


def _agreeing(cases: frozenset[str], singular: bool, gender: str | None) -> frozenset[tuple[str, str | None]]:
    """(case, gender) an adjective may take to agree with a head: its own gender in the singular, any in
    the plural; after 2–4 a genitive singular head takes plural adjectives ("5 837 частных жилых дома")."""
    if not singular:  # "Сергеевского и Петропавловского водохранилищ": singular adjectives, one each
        return frozenset((case, g) for case in cases for g in (None, "masc", "femn", "neut"))
    forms = {(case, gender) for case in cases}
    if "gent" in cases:
        forms |= {("gent", None), ("nomn", None)}
    return frozenset(forms)


@lru_cache(maxsize=65536)
def _modifier_forms(word: str) -> frozenset[tuple[str, str | None]]:
    """(case, gender) of an adjective's readings; a plural one has no gender ("Тепличное" is no "дамба")."""
    return frozenset(
        (p.tag.case, p.tag.gender if "sing" in p.tag else None) for p in parses(word) if p.tag.POS in MODIFIERS and p.tag.case
    )


def _agrees(word: str, head: Head | None) -> bool:
    """An adjective or participle in a case, gender and number the head can have ("частных жилых" домов)."""
    return head is not None and not _modifier_forms(word.lower()).isdisjoint(head.forms)


def _cue_ends_at(actions, text: str, words: list[regex.Match], pos: int) -> bool:
    """An action word or phrase right before `pos`: "строительству" объекта, "аварийное состояние" зданий."""
    if not words or text[words[-1].end() : pos].strip():
        return False
    return any(actions.pattern.fullmatch(text, w.start(), words[-1].end()) for w in words)


def _before_spaces(text: str, pos: int) -> int:
    """Where the spaces before `pos` begin (a few at most): the end of the word before."""
    window = text[max(0, pos - 10) : pos]
    return pos - (len(window) - len(window.rstrip(" \t\u00a0")))


@lru_cache(maxsize=65536)
def _genitive_modifier(word: str) -> bool:
    return any(p.tag.POS in ("NUMR", *MODIFIERS) and p.tag.case == "gent" for p in parses(word.lower()))


@lru_cache(maxsize=65536)
def _is_modifier(word: str) -> bool:
    return parses(word.lower())[0].tag.POS in MODIFIERS


@lru_cache(maxsize=65536)
def _pronominal(word: str) -> bool:
    return any(PRONOUN_ADJECTIVE in p.tag for p in parses(word.lower())[:1]) or word.lower() in ("других", "другие", "другим")


@lru_cache(maxsize=65536)
def _genitive(phrase: str) -> bool:
    return any(p.tag.case == "gent" for w in phrase.split()[:1] for p in parses(w.lower()))


def _dependent(word: str, head, parts: frozenset[str]) -> bool:
    """ "обочин" дорог, "жителей" домов: a noun that the facility, only a genitive, depends on. Parts and
    measures ("участка", "км") leave it the object; so does an agent ("срезанных льдинами" линий)."""
    if head is None or word[:1].isupper() or not _only_genitive(head):
        return False
    reading = parses(word.lower())[0]
    return reading.tag.POS == "NOUN" and reading.tag.case != "ablt" and yo(reading.normal_form) not in parts


def _only_genitive(head: Head) -> bool:
    """ "домов", "дорог": no other case; "дома" may be a nominative plural."""
    return head.cases - {"nomn"} == {"gent"}


def _purpose(doc: Document, start: int, stop: int) -> str:
    """ "по производству ветряных электростанций" -> "производство ветряных электростанций"."""
    words = doc.original[start:stop].split()[1:]
    return " ".join([yo(parses(words[0].lower())[0].normal_form), *words[1:]])


def _purpose_end(doc: Document, tail: regex.Match) -> int:
    """What is produced stands in the genitive: "по производству удобрений | мощностью 1 млн тонн"."""
    words = list(WORD.finditer(doc.norm[: tail.end("purpose")], pos=tail.start("purpose")))[2:]
    end = words[0].end() if words else tail.end("purpose")
    for word in words[1:]:
        if not any(p.tag.case == "gent" for p in parses(word.group().lower())):
            break
        end = word.end()
    return end
