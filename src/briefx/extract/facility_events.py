"""What happens to a facility and when: "завершена реконструкция взлетно-посадочной полосы" -> action
"reconstruction", status "completed"; "будут построены до конца года" -> "construction", "planned",
deadline the last day of the year.

The action is the nearest action word before the facility in its clause, else a verb or participle
after it ("дамбы укрепляются", "Дорога, построенная в 1973 году"); a word counts only when at most
CUE_WORDS words stand between it and the facility, other facilities of an enumeration not counted
("строительство ГОКа, индустриального парка … и аэропорта"). The status is the nearest status word
or verbal action word, read from its grammar where the word itself does not say it: a past participle
or past tense is done, a present tense goes on, a future tense, an infinitive or a modal word before
it ("будут", "должны быть") is a plan. A status without an action says nothing of the facility. A
threat ("угроза прорыва плотин") happens to nothing yet. Every look-around is bounded by CUE_REACH.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import regex

from briefx.document import Document
from briefx.extract.shapes import FLAGS, WORD, H
from briefx.lexicon import Lexicon, alternation
from briefx.model import Period
from briefx.morph import parses

CUE_REACH = 250  # characters searched before and after a facility for its cues
NEAR_REACH = 120  # characters that hold CUE_WORDS words and the glue between them
CUE_WORDS = 4  # words that may stand between a cue and its facility: "мониторинг паводковой ситуации на реках и |водохранилищах"
PREDICATE_REACH = 80  # characters searched for the verb that governs an action noun
MODAL_REACH = 30  # characters before a cue searched for "будут", "должны быть"
THREAT_REACH = 25  # characters before an action word searched for "угроза", "риск"
VERBAL = ("VERB", "INFN", "PRTF", "PRTS", "GRND")
GLUE = ("CONJ", "PREP", "PRCL")  # "и", "а также", "по", "на": not counted between a cue and its facility
# Between the facilities of an enumeration: "домов, социальных и других объектов", "объектов: больницу"
_ENUMERATION = regex.compile(rf"(?:{H}*[,:]{H}*|{H}+(?:и|или|а{H}+также){H}+|{H}*,{H}*(?:а{H}+также|и){H}+)", regex.IGNORECASE)
_LOCATIVE = regex.compile(rf"(?<!\w)(?:в|во|на){H}+\Z", regex.IGNORECASE)
# "на ремонт дорог", "на ремонт и строительство дорог", "на восстановление, покупку и строительство жилья"
_PURPOSE_BEFORE = regex.compile(rf"(?<!\w)на{H}+(?:[^\W\d_]+(?:,|{H}и){H}+){{0,2}}\Z", regex.IGNORECASE)
_ACTIONS_JOINED = regex.compile(rf"{H}*(?:,|{H}и|{H}или){H}*", regex.IGNORECASE)
_ENUMERATION_END = regex.compile(rf"(?:,|{H}и|{H}или|а{H}+также){H}*\Z", regex.IGNORECASE)
# "вдоль проспекта", "на улице": a facility after a preposition of place is a landmark of the work
_PLACE_BEFORE = regex.compile(
    rf"(?<!\w)(?:в|во|на|вдоль|у|возле|около|рядом{H}+с|через|до|от|к|над|под|за|перед|между|вблизи|напротив|близ){H}+\Z",
    regex.IGNORECASE,
)
# "Дамба, построенная в 1973 году, …": a participle clause right after the facility still speaks of it
_PARTICIPLE_CLAUSE = regex.compile(rf",{H}*(?P<word>[^\W\d_]+)", regex.IGNORECASE)
TENSE = "tense"  # a status row whose status is the grammar of the word found ("проводится", "проведены")


class Event(NamedTuple):
    action: str | None
    status: str | None
    cue: tuple[int, int] | None  # the action word's span: a next facility of the same enumeration shares it


class Previous(NamedTuple):
    """The facility before, for enumerations: its span and the action word it took."""

    start: int
    stop: int
    cue: tuple[int, int] | None


class Events:
    """Reads action and status around a facility span; built once per pipeline."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.actions = lexicon.facility_actions
        self.statuses = lexicon.facility_status
        self.saying_verbs = lexicon.saying_verbs
        self._modal = regex.compile(rf"(?<!\w)(?:{alternation(lexicon.future_auxiliaries)})(?:{H}+\w+)?{H}+\Z", FLAGS)
        self._threat = regex.compile(rf"(?<!\w)(?:{alternation(lexicon.facility_threats)})\w*(?:{H}+\w+)?{H}+\Z", FLAGS)

    def around(
        self,
        doc: Document,
        start: int,
        stop: int,
        previous: Previous | None = None,
        attribute: regex.Match | None = None,
        *,
        named: bool = False,
        lowered: str | None = None,
        look: tuple[bool, bool] = (True, True),
    ) -> Event:
        """`attribute`: an action participle among the facility's adjectives ("затопленные" дома), its
        action when no word before the facility governs it. A `named` facility may have a status without
        an action ("Работы на трассе Костанай – Денисовка должны завершиться"). `look`: whether action
        words may stand before and after it at all (the caller's quick scan), else those scans are saved."""
        window = self.clause_start(doc, start)
        clause_end = self.clause_end(doc, stop)
        # a cue further back than a few words is too far, unless the facility before took it (an enumeration)
        chain = previous.cue[0] if previous is not None and previous.cue is not None and previous.cue[0] >= window else start
        near = max(window, min(start - NEAR_REACH, chain))
        cues = list(self.actions.finditer(doc.norm, near, start, lowered)) if look[0] or chain < start else []
        before = cues[-1] if cues else None
        if (
            previous is not None
            and previous.cue
            and (
                (before is not None and previous.start <= before.start() < previous.stop)
                or (before is None and self._enumerated(doc, previous, start))
            )
        ):
            # "восстановление поврежденной инфраструктуры и жилых домов": the participle was the first one's;
            # "посетила ряд медицинских объектов: районную больницу": an enumeration after a colon
            before = self.actions.pattern.match(doc.norm, previous.cue[0])
        if before is not None and (not self._near(doc, before.span(), start, previous) or self._landmark(doc, before, start)):
            before = None
        if before is not None and len(cues) > 1:
            before = self._governing(doc, cues[-2], before)
        before = before or attribute
        after_end = min(clause_end, stop + NEAR_REACH)
        after = None if before or not look[1] else _first_verbal(self.actions.finditer(doc.norm, stop, after_end, lowered))
        if after is not None and _content_words(doc.norm, stop, after.start()) > CUE_WORDS:
            after = None
        cue = before or after
        if cue is None and named:
            return Event(None, self._bare_status(doc, start, stop, window, clause_end, lowered), None)
        if cue is None or self._threat.search(doc.norm, max(0, cue.start() - THREAT_REACH), cue.start()):
            return Event(None, None, None)  # no action, or one that has not happened: "угроза прорыва"
        action = self.actions.key_of(cue.group())
        status_window = max(window, min(near, cue.start() - NEAR_REACH))
        status = self._status(doc, start, stop, status_window, clause_end, before, after, previous, lowered)
        return Event(action, status, cue.span())

    def clause_start(self, doc: Document, start: int) -> int:
        """Where cues before a facility may start: its sentence, at most CUE_REACH back, after ";", ":"
        or an open bracket ("субъекты бизнеса (рынки, кафе …)" names who takes part, not what is done)."""
        begin = max(doc.sentence_start(start), start - CUE_REACH)
        bracket = doc.norm.rfind("(", begin, start)
        if bracket >= 0 and doc.norm.find(")", bracket, start) >= 0:
            bracket = -1
        cut = max(doc.norm.rfind(";", begin, start), doc.norm.rfind(":", begin, start), bracket)
        return cut + 1 if cut >= 0 else begin

    def _bare_status(self, doc: Document, start: int, stop: int, window: int, clause_end: int, lowered: str | None) -> str | None:
        """A status word right before or after a named facility with no action word: "Работы на трассе
        Костанай – Денисовка должны завершиться". Not of a place where it happens: "В СЭЗ … реализуется 12
        проектов"."""
        if _LOCATIVE.search(doc.norm, max(0, start - 4), start):
            return None
        cue = _last(self.statuses.finditer(doc.norm, window, start, lowered))
        if cue is None or _content_words(doc.norm, cue.end(), start) > 1:
            cue = self.statuses.search(doc.norm, stop, clause_end, lowered)
            if cue is None or _content_words(doc.norm, stop, cue.start()) > 1:
                return None
        key = self.statuses.key_of(cue.group())
        return None if key in (TENSE, None) else self._with_modal(doc, cue, key)

    def _with_modal(self, doc: Document, cue: regex.Match, status: str | None) -> str | None:
        """ "будут построены", "должны быть закрыты", "завершить" (to be done): a plan."""
        if status in ("completed", "ongoing") and (
            tense_status(cue.group()) == "planned" or self._modal.search(doc.norm, max(0, cue.start() - MODAL_REACH), cue.start())
        ):
            return "planned"
        return status

    def clause_end(self, doc: Document, stop: int) -> int:
        """End of the clause after the facility: the next comma, ";" or the end of the sentence, at most
        CUE_REACH characters on; a participle clause right after it ("Дамба, построенная …") is in."""
        sentence_end = min(doc.sentence_stop(max(stop - 1, 0)), stop + CUE_REACH)
        participle = _PARTICIPLE_CLAUSE.match(doc.norm, stop, sentence_end)
        if participle and any(p.tag.POS == "PRTF" for p in parses(participle.group("word").lower())):
            stop = participle.end()
        ends = [i for i in (doc.norm.find(";", stop, sentence_end), doc.norm.find(",", stop, sentence_end)) if i >= 0]
        ends += [i for i in (doc.norm.find("(", stop, sentence_end), doc.norm.find(")", stop, sentence_end)) if i >= 0]
        return min(ends, default=sentence_end)

    def _predicate(self, doc: Document, action: regex.Match | None, stop: int, window: int, clause_end: int) -> str | None:
        """An action noun with no status word near it takes the tense of the verb that governs it, the
        nearest one before it or after the facility within PREDICATE_REACH characters: "проводится
        санитарная очистка города, …, уборка улиц" (ongoing), "помогают в восстановлении" (ongoing),
        "Работы по укреплению дамб … продолжаются" (ongoing). Verbs of saying are not that verb. Money or a
        design "на ремонт", "на строительство" is for work still to be done (planned)."""
        if action is None:
            return None
        if _PURPOSE_BEFORE.search(doc.norm, max(0, action.start() - 40), action.start()) and _accusative(action.group()):
            return "planned"  # "18,5 млрд тенге — на ремонт дорог", "ТЭО на строительство ЛРТ": work still to be done
        words = list(WORD.finditer(doc.norm, max(window, action.start() - PREDICATE_REACH), action.start()))
        for word in reversed(words):
            status = _predicate_status(word.group().lower())
            if status is not None and not self._said(word.group()):
                return self._with_modal(doc, word, status)
        for word in WORD.finditer(doc.norm, stop, min(clause_end, stop + PREDICATE_REACH)):
            status = _predicate_status(word.group().lower())
            if status is not None and not self._said(word.group()):
                return self._with_modal(doc, word, status)
        return None

    def _said(self, word: str) -> bool:
        return _lemma(word.lower()) in self.saying_verbs

    def _enumerated(self, doc: Document, previous: Previous, start: int) -> bool:
        """The facility before and this one are items of one list: "ряд медицинских объектов: районную
        больницу в поселке Каратобе и Сырымскую районную больницу" (a colon and a place in between)."""
        if _ENUMERATION.fullmatch(doc.norm, previous.stop, start):
            return True
        between = doc.norm[previous.stop : start]
        return (
            previous.stop >= doc.sentence_start(start)
            and ";" not in between
            and bool(_ENUMERATION_END.search(between))
            and _content_words(doc.norm, previous.stop, start) <= CUE_WORDS
        )

    def _landmark(self, doc: Document, cue: regex.Match, start: int) -> bool:
        """ "строительство линии ЛРТ вдоль проспекта Толе би": a facility after a preposition of place
        is where the work goes, unless the action word stands right before that preposition ("ремонт в
        школе")."""
        place = _PLACE_BEFORE.search(doc.norm, max(0, start - 20), start)
        return place is not None and bool(doc.norm[cue.end() : place.start()].strip())

    def _governing(self, doc: Document, outer: regex.Match, inner: regex.Match) -> regex.Match:
        """Of two action words in a row, the one that speaks of the facility: "ТЭО на строительство ЛРТ"
        is a design (or a financing) of the construction; of two joined by "и" the first
        (fixtures/dev/GUIDELINES.md)."""
        if _content_words(doc.norm, outer.end(), inner.start()) > 1 or outer.end() > inner.start():
            return inner
        if _ACTIONS_JOINED.fullmatch(doc.norm, outer.end(), inner.start()):
            return outer  # "ремонт и строительство дорог", "уборке и благоустройству": the first is the action
        return outer if self.actions.key_of(outer.group()) in ("design", "financing") else inner

    def _near(self, doc: Document, cue: tuple[int, int], start: int, previous: Previous | None) -> bool:
        """Few words between the cue and the facility, counted from the facility before when it took the
        same cue: "строительство ТРЦ, … торгового центра, отеля …, многоуровневого паркинга"."""
        begin = previous.stop if previous is not None and previous.cue == cue and previous.stop <= start else cue[1]
        return _content_words(doc.norm, begin, start) <= CUE_WORDS

    def _status(
        self,
        doc: Document,
        start: int,
        stop: int,
        window: int,
        clause_end: int,
        action_before: regex.Match | None,
        action_after: regex.Match | None,
        previous: Previous | None,
        lowered: str | None,
    ) -> str | None:
        """The status word or verbal action word nearest before the facility in its clause, else the first after it."""
        status_before = _last(self.statuses.finditer(doc.norm, window, start, lowered))
        if status_before is not None and not self._near(doc, status_before.span(), start, previous):
            # "проводится санитарная очистка города, сетей ливневой …": a status word governs the action word
            near_action = action_before is not None and _content_words(doc.norm, status_before.end(), action_before.start()) <= 2
            if not (near_action and status_before.end() <= action_before.start()):  # type: ignore[union-attr]
                status_before = None
        before = [c for c in (status_before, action_before) if c is not None and (c is not action_before or _verbal(c.group()))]
        if before:
            cue = max(before, key=lambda c: c.start())
        else:
            found = self.statuses.search(doc.norm, stop, min(clause_end, stop + NEAR_REACH), lowered)
            after = [c for c in (found, action_after) if c is not None and _content_words(doc.norm, stop, c.start()) <= CUE_WORDS]
            if not after:
                return self._predicate(doc, action_before, stop, window, clause_end)
            cue = min(after, key=lambda c: c.start())
        key = TENSE if cue is action_before or cue is action_after else self.statuses.key_of(cue.group())
        return self._with_modal(doc, cue, tense_status(cue.group()) if key == TENSE else key)


@lru_cache(maxsize=65536)
def _predicate_status(word: str) -> str | None:
    """The status a finite verb, short participle or infinitive gives ("проводится" -> ongoing); None for
    other words and for participles and gerunds, which describe rather than tell."""
    reading = parses(word)[0]
    return tense_status(word) if reading.tag.POS in ("VERB", "PRTS", "INFN") else None


@lru_cache(maxsize=65536)
def tense_status(word: str) -> str | None:
    """ "построены", "осмотрел" -> completed; "возводятся" -> ongoing; "построят", "ввести" -> planned."""
    reading = next((p for p in parses(word.split()[0].lower()) if p.tag.POS in VERBAL), None)
    if reading is None:
        return None
    if reading.tag.POS == "INFN" or reading.tag.tense == "futr":
        return "planned"
    if reading.tag.tense == "pres":
        return "ongoing"
    return "completed" if reading.tag.tense == "past" or reading.tag.POS == "PRTS" else None


def deadline(doc: Document, period: Period | None, status: str | None, start: int, stop: int):
    """A bound ("до конца 2025 года") or the period of a planned work ("в 2026 году запланировано").

    A single day is when something was said ("5 июля … поручил ускорить"), not a deadline; so is a year
    in another clause ("В 2021 году объявили, что в Астане появится квартал")."""
    if period is None or period.last is None:
        return None
    if period.bound == "until":
        return period.last
    between = doc.norm[period.stop : start] if period.stop <= start else doc.norm[stop : period.start]
    if status == "planned" and period.first != period.last and "," not in between:
        return period.last
    return None


def _content_words(text: str, start: int, stop: int) -> int:
    """Words between two points that are not conjunctions, prepositions or particles; more than
    CUE_WORDS of them (within CUE_REACH) count as too many."""
    count = 0
    for word in WORD.finditer(text, start, min(stop, start + CUE_REACH)):
        if not _glue(word.group().lower()):
            count += 1
            if count > CUE_WORDS:
                break
    return count if stop - start <= CUE_REACH else CUE_WORDS + 1


@lru_cache(maxsize=65536)
def _accusative(words: str) -> bool:
    """ "на ремонт" (what the money is for), not "на ремонте" (under repair)."""
    return any(p.tag.case == "accs" and p.tag.POS == "NOUN" for p in parses(words.split()[0].lower()))


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    return parses(word)[0].normal_form


@lru_cache(maxsize=65536)
def _glue(word: str) -> bool:
    return parses(word)[0].tag.POS in GLUE


@lru_cache(maxsize=65536)
def _verbal(word: str) -> bool:
    """A verb form: its likeliest reading, or the other reading of a short adjective ("закрыты")."""
    readings = parses(word.split()[0].lower())
    first = readings[0].tag.POS
    return first in VERBAL or (first in ("ADJS", "ADJF") and any(p.tag.POS in VERBAL for p in readings))


def _last(matches: Iterable[regex.Match]) -> regex.Match | None:
    last = None
    for last in matches:  # noqa: B007 - the last one is wanted
        pass
    return last


def _first_verbal(matches: Iterable[regex.Match]) -> regex.Match | None:
    """After a facility only a verb or participle speaks of it: a noun there has an object of its own."""
    return next((m for m in matches if _verbal(m.group())), None)
