"""Dates and periods: "14 августа 2025 года", "І полугодие 2025 года", "в конце 2013 года", "летом 2023 года",
"на 2025-2027 годы", "до конца 2025 года", "в этом году", "два года назад" -> Period with first/last ISO dates
(relative ones against the publication date and the tense of their clause, never against the clock).

The rules (date_rules.py) find candidates; where two overlap, the longer wins. Then the words before each
date that belong to it are read: a part ("в конце"), a night ("в ночь на"), a bound ("до", "с"); "с X по Y"
and "X-Y" become one period; a date followed by a clock time is a pasted headline's timestamp, not a fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract import calendar_spans as cal
from briefx.extract.date_rules import END, Context, DateRules, NotADate, Rule, Span
from briefx.extract.links import PeriodIndex
from briefx.extract.shapes import VERBOSE, WORD, H
from briefx.extract.spans import longest_first
from briefx.extract.tense import Tenses
from briefx.lexicon import Lexicon, alternation, form_key, lookup, word_start
from briefx.model import Period
from briefx.morph import parses

NOT_A_BOUND = "none"
# "15 апреля 2024 12:08", "Вчера 07:30": the timestamp of a pasted headline, page furniture
CLOCK_AFTER = regex.compile(rf"{H}*\d{{1,2}}:\d{{2}}(?!\d)")
HYPHEN_BETWEEN = regex.compile(rf"{H}*-{H}*\Z")  # "сегодня-завтра", "в конце октября - начале ноября"
SPACE_BETWEEN = regex.compile(rf"{H}*\Z")
RANGE_END = regex.compile(rf"(?:по|до){H}", VERBOSE)
# How far a match at a given position may reach: a `match` without an end looks for the pattern's
# required letters ("15:25" needs ":") through the rest of the text, which on one long line makes
# the pass quadratic
REACH = 200


@dataclass(frozen=True)
class Found:
    """A date being read: where it stands, the rule that found it, its days and bound."""

    start: int
    stop: int
    rule: str
    span: Span
    bound: str | None = None


class Dates(Component):
    name = "dates"
    produces = ("dates",)
    provides = ("periods",)  # the dates indexed for finding the one that governs a fact

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.rules = DateRules(lexicon)
        self.bounds = lexicon.date_bounds
        self.parts = lexicon.period_parts
        self.plan_words = lexicon.plan_words
        self._bound = regex.compile(rf"(?<!\w)(?P<bound>{alternation(self.bounds)}){H}+\Z", VERBOSE)
        self._part_before = regex.compile(rf"(?<!\w)(?P<part>{alternation(self.parts)}){H}+\Z", VERBOSE)
        self._night_before = regex.compile(rf"(?<!\w)ночь{H}+на{H}+\Z", VERBOSE)
        self._continuation = regex.compile(
            rf"[\s\"'(-]*(?:{alternation(lexicon.continuations)})(?!\w)", VERBOSE
        )  # "Из них …": a sentence that continues the one before
        cues = alternation(lexicon.comparison_cues)
        self._comparison = regex.compile(rf"(?<!\w)(?:{cues})(?:{H}+(?:в|во|за|на))?{H}+\Z", VERBOSE)
        self._anchored: dict[str, list[Rule]] = {}
        for rule in self.rules.anchored:
            for word in rule.anchors:
                self._anchored.setdefault(word, []).append(rule)
        words = alternation(self._anchored)
        # One scan for the first words of every anchored rule; `\b` lets the regex module skip ahead
        self._anchor_scan = regex.compile(rf"{word_start(self._anchored)}(?:{words}){END}", VERBOSE)
        # a capitalized word glued to a word or a number before it; the capital first lets the scan skip ahead
        self._glued = regex.compile(r"(?-i:\p{Lu})(?<=(?-i:[\p{Ll}\d])(?-i:\p{Lu}))(?-i:\p{Ll}*)", VERBOSE)

    # --- the pass

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        ctx = Context(doc, Tenses(doc, self.plan_words))
        candidates = []
        for rule, match in self._matches(doc.norm):
            try:
                span = rule.resolve(match, ctx)
            except NotADate:
                continue
            if span is not None:
                start = match.start() if span.start is None else span.start
                candidates.append((start, match.end(), Found(start, match.end(), rule.name, span)))
        dates = [self._bounded(doc, self._modified(doc, f)) for _, _, f in sorted(longest_first(candidates), key=lambda c: c[0])]
        dates = [d for d in self._joined(doc, dates) if not CLOCK_AFTER.match(doc.norm, d.stop, d.stop + REACH)]
        periods = [self._period(doc, d) for d in dates]
        return {"dates": periods, "periods": PeriodIndex(periods, doc, self._continuation, self._comparison)}

    def _matches(self, norm: str) -> Iterator[tuple[Rule, regex.Match]]:
        for rule in self.rules.scanning:
            for match in rule.pattern.finditer(norm):
                yield rule, match
        hits = [(hit.start(), form_key(hit.group())) for hit in self._anchor_scan.finditer(norm)]
        # "ПрезидентСегодня", "15:47Сегодня": a sentence glued on by the scraper
        hits += [(glued.start(), form_key(glued.group())) for glued in self._glued.finditer(norm)]
        for start, word in hits:
            for rule in self._anchored.get(word, ()):
                found = rule.pattern.match(norm, start, start + REACH)
                if found and not _quoted(norm, found.start(), found.end()):
                    yield rule, found

    def _before(self, pattern: regex.Pattern, doc: Document, start: int, reach: int = 30) -> regex.Match | None:
        return pattern.search(doc.norm, max(doc.sentence_start(start), start - reach), start)

    def _modified(self, doc: Document, date: Found) -> Found:
        """Words before a date that narrow it: a part ("в конце 2013 года" = October-December 2013,
        "в первой половине апреля") or a night ("в ночь на 16 апреля" = 15-16 April)."""
        span, start = date.span, date.start
        part = self._before(self._part_before, doc, start)
        if part is not None:
            name = lookup(self.parts, part.group("part"))
            if name is not None:
                if span.first is not None and span.last is not None:
                    first, last = cal.part_of((span.first, span.last), name)
                    span = replace(span, first=first, last=last)
                start = part.start()
        night = self._before(self._night_before, doc, start)
        if night is not None and span.first is not None and span.first == span.last:
            span, start = replace(span, first=span.first - dt.timedelta(days=1)), night.start()
        return replace(date, start=start, span=span)

    def _bounded(self, doc: Document, date: Found) -> Found:
        """A bound word before the date ("до", "к", "с", "начиная с") makes it a bound: "until" keeps the
        named period's last day, "since" its first."""
        span, start, bound = date.span, date.start, date.span.bound
        if bound is None:
            found = self._bound.search(doc.norm, max(0, start - 20), start)
            if found:
                bound = lookup(self.bounds, found.group("bound"))
                if bound == NOT_A_BOUND or found.group("bound").lower() == "по" and _adjective(doc.norm, date.start, date.stop):
                    bound = None  # "по сравнению с 2023 годом", "по сегодняшнему заявлению"
                else:
                    start = found.start("bound")
        if bound == "until":
            span = replace(span, first=None)
        elif bound == "since":
            span = replace(span, last=None)
        return replace(date, start=start, span=span, bound=bound)

    def _joined(self, doc: Document, dates: list[Found]) -> list[Found]:
        """ "с 28 марта по 10 апреля", "с 1991 года по 2011 год", "сегодня-завтра": one period. A yearless
        first date takes the year of the second ("с 28 марта по 10 апреля 2024 года")."""
        out: list[Found] = []
        for date in dates:
            previous = out[-1] if out else None
            if previous is not None and self._one_range(doc, previous, date):
                out[-1] = _range(previous, date)
            else:
                out.append(date)
        return out

    def _one_range(self, doc: Document, first: Found, second: Found) -> bool:
        between = doc.norm[first.stop : second.start]
        if "\n" in between or len(between) > 5:
            return False
        hyphen = first.bound is None and second.bound is None and HYPHEN_BETWEEN.match(between)
        # "с 2017 по 2021 год", "с 1989 до 2014 года"; "с 2020 года к 2025 году" is a start and a deadline
        since_until = (
            first.bound == "since"
            and second.bound == "until"
            and SPACE_BETWEEN.match(between)
            and RANGE_END.match(doc.norm, second.start, second.start + REACH)
        )
        if not (hyphen or since_until):
            return False
        low, high = first.span.first, second.span.last
        return low is None or high is None or low <= high or first.span.yearless

    def _period(self, doc: Document, date: Found) -> Period:
        span = date.span
        return Period(
            **doc.span(date.start, date.stop),
            first=span.first,
            last=span.last,
            bound=date.bound,
            relative=span.relative,
            rule=self.rule(date.rule),
        )


def _range(first: Found, second: Found) -> Found:
    low, high = first.span.first, second.span.last
    relative = first.span.relative or second.span.relative
    if first.span.yearless and not second.span.yearless and first.span.days_in is not None and high is not None:
        # "с 28 марта по 10 апреля 2024 года": the first date is of the second's year (or the one before:
        # "с декабря по февраль 2024 года")
        try:
            low = first.span.days_in(high.year)[0]
            if low > high:
                low = first.span.days_in(high.year - 1)[0]
        except ValueError:  # "с 29 февраля" of a common year
            low = None
        relative = second.span.relative
    span = Span(low, high, relative=relative, yearless=first.span.yearless and second.span.yearless)
    return Found(first.start, second.stop, "range", span, None)


def _adjective(norm: str, start: int, stop: int) -> bool:
    """Whether the date is an adjective alone ("сегодняшнему" заявлению): "по" before it is no bound."""
    word = WORD.fullmatch(norm, start, stop)
    return word is not None and parses(word.group().lower())[0].tag.POS == "ADJF"


def _quoted(norm: str, start: int, stop: int) -> bool:
    """ "Сегодня", «Весна» between quotes is a name (a newspaper, a festival), not a date."""
    return start > 0 and stop < len(norm) and norm[start - 1] == '"' and norm[stop] == '"'
