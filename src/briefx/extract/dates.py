"""Dates and periods: "14 августа 2025 года", "І полугодие 2025 года", "на 2025-2027 годы", "до конца
2025 года", "в этом году" -> Period with first/last ISO dates (relative ones against the publication date).

Rules are small named objects tried in order; where two match overlapping text, the longer wins.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.shapes import END, VERBOSE, H
from briefx.extract.spans import longest_first
from briefx.lexicon import Lexicon, alternation, lookup, word_start
from briefx.model import Period

T = TypeVar("T")
YEAR = r"(?:19|20)\d{2}"
# A bare year stands alone: no digit, per cent or decimal after it, and no word ("2008 тенге" is money)
ALONE = rf"(?![\d%]|[.,-]\d|{H}*[^\W\d_])"


def after(prepositions: str) -> str:
    """Matches only right after one of the prepositions (which stay out of the span): "в 2008"."""
    return rf"(?<=(?<!\w)(?:{prepositions}){H}+)"


NOT_A_BOUND = "none"


class _NotADate(Exception):
    """A matched word the tables do not know (case folding the regex and str.lower disagree on)."""


def _key(table: Mapping[str, T], surface: str) -> T:
    value = lookup(table, surface)
    if value is None:
        raise _NotADate(surface)
    return value  # data/date_bounds.tsv: words that look like a bound and are not


@dataclass(frozen=True)
class Span:
    """Resolved [first, last] of a match; None where the text leaves it open or unresolvable."""

    first: dt.date | None
    last: dt.date | None
    relative: bool = False


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: regex.Pattern
    resolve: Callable[[regex.Match, dt.date | None], Span | None]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _replace_year(day: dt.date, year: int) -> dt.date:
    return day.replace(year=year, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=year)


def shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class Dates(Component):
    name = "dates"
    produces = ("dates",)
    provides = ("periods",)  # the dates indexed for finding the one that governs a fact

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.months = lexicon.months
        self.ordinals = lexicon.ordinals
        self.periods = lexicon.periods
        self.relative = lexicon.relative_dates
        self.weekdays = lexicon.weekdays
        self.ago_units = lexicon.ago_units
        self.bounds = lexicon.date_bounds
        self._bound = regex.compile(rf"(?<!\w)(?P<bound>{alternation(self.bounds)}){H}+\Z", VERBOSE)
        self.rules = self._rules()

    def _rules(self) -> list[Rule]:
        # "2025 года", "2024–2026 гг.": a year word after the number
        year_word = rf"(?:{H}*(?:{alternation(self.lexicon.year_words)})(?!\w))"
        month = alternation(self.months)
        months_start = word_start(self.months)  # `\b` where it means `(?<!\w)`: a faster scan
        ordinal = alternation(self.ordinals)
        period = alternation(self.periods)
        year_tail = rf"(?:{H}+(?P<year>{YEAR}){year_word}?)?"

        def rule(name: str, pattern: str, resolve) -> Rule:
            return Rule(name, regex.compile(pattern, VERBOSE), resolve)

        return [
            # "14 августа 2025 года", "14-15 августа", "1 января"
            rule(
                "day_month",
                rf"(?:(?<!\w)с{H}+(?P<day>\d{{1,2}}){H}+по{H}+(?P<day2>\d{{1,2}})"  # "с 1 по 15 сентября"
                rf"|(?<![\d.,])(?P<day>\d{{1,2}})(?:{H}*-{H}*(?P<day2>\d{{1,2}}))?)"
                rf"{H}+(?P<month>{month}){END}{year_tail}",
                self._day_month,
            ),
            # "14.08.2025", "2025-08-14"
            rule(
                "numeric_date",
                rf"(?<![\d.])(?P<day>\d{{1,2}})\.(?P<month_n>\d{{1,2}})\.(?P<year>{YEAR})(?!\d)(?:{H}*г\.)?"
                rf"|(?<![\d-])(?P<year>{YEAR})-(?P<month_n>\d{{2}})-(?P<day>\d{{2}})(?![\d-])",
                self._numeric,
            ),
            # "январь–июль 2025 года", "январе-марте"
            rule(
                "month_range",
                rf"{months_start}(?P<month>{month}){H}*-{H}*(?P<month2>{month}){END}{year_tail}",
                self._month_range,
            ),
            # "за 9 месяцев 2025 года" (months to date: the span leaves out "за")
            rule("months_to_date", rf"{after('за')}(?P<count>\d{{1,2}}){H}+месяц\w*{year_tail}", self._months_to_date),
            # "І полугодии 2025 года", "во втором квартале", "III квартал"
            rule(
                "part_of_year",
                rf"{word_start(self.ordinals)}(?P<ordinal>{ordinal}){H}*(?P<period>{period}){END}{year_tail}",
                self._part_of_year,
            ),
            # "августе 2025 года", "в августе"
            rule(
                "month",
                rf"{months_start}(?P<month>{month}){END}{H}+(?P<year>{YEAR}){year_word}?|{after('в|во|с|до|по|к|за')}(?P<month>{month}){END}",
                self._month,
            ),
            # "2025-2027 годы", "2024–2026 годах", "с 2024 по 2026 год"
            rule(
                "year_range",
                rf"(?<![\d.,-])(?P<year>{YEAR}){H}*-{H}*(?P<year2>{YEAR}){year_word}"
                rf"|(?<!\w)с{H}+(?P<year>{YEAR}){H}+по{H}+(?P<year2>{YEAR}){year_word}",
                self._year_range,
            ),
            # "2025 года", "в 2025 г."
            rule("year", rf"(?<![\d.,№-]|№{H})(?P<year>{YEAR}){year_word}", self._year),
            # "в 2008", "с 2014": a bare year after a preposition, with no unit after it
            rule(
                "bare_year",
                rf"{after('в|во|с|со|до|к|по|от|после')}(?P<year>{YEAR}){ALONE}",
                self._year,
            ),
            # "в 2005—2007"
            rule(
                "bare_year_range",
                rf"{after('в|во|с|со')}(?P<year>{YEAR}){H}*-{H}*(?P<year2>{YEAR}){ALONE}",
                self._year_range,
            ),
            # "в 1990-е годы", "в начале 2000-х годов"
            rule("decade", rf"(?<![\d.,-])(?P<decade>(?:19|20)\d0)-(?:е|х){year_word}?", self._decade),
            # "в понедельник"
            rule("weekday", rf"{after('в|во')}(?P<weekday>{alternation(self.weekdays)}){END}", self._weekday),
            # "год назад", "3 месяца назад"
            rule(
                "ago",
                rf"(?<![\d.,])(?:(?P<count>\d{{1,3}}){H}+)?(?P<unit>{alternation(self.ago_units)}){H}+назад{END}",
                self._ago,
            ),
            # "в этом году", "вчера"
            rule("relative", rf"{word_start(self.relative)}(?P<relative>{alternation(self.relative)}){END}", self._relative),
        ]

    # --- resolvers: match (+ publication date) -> Span, or None when the text is not a real date

    def _year_of(self, match: regex.Match, published: dt.date | None) -> tuple[int | None, bool]:
        if match.group("year"):
            return int(match.group("year")), False
        return (published.year if published else None), True

    def _day_month(self, match, published):
        year, relative = self._year_of(match, published)
        month = _key(self.months, match.group("month"))
        day, day2 = int(match.group("day")), int(match.group("day2") or match.group("day"))
        if year is None:
            return Span(None, None, relative) if day <= 31 else None
        try:
            return Span(dt.date(year, month, day), dt.date(year, month, day2), relative)
        except ValueError:
            return None  # "31 июня"

    def _numeric(self, match, published):
        try:
            day = dt.date(int(match.group("year")), int(match.group("month_n")), int(match.group("day")))
        except ValueError:
            return None
        return Span(day, day)

    def _month_range(self, match, published):
        year, relative = self._year_of(match, published)
        first, last = (_key(self.months, match.group(g)) for g in ("month", "month2"))
        if year is None:
            return Span(None, None, relative)
        return Span(dt.date(year, first, 1), month_end(year, last), relative) if first <= last else None

    def _months_to_date(self, match, published):
        count = int(match.group("count"))
        if not 1 <= count <= 12:
            return None
        year, relative = self._year_of(match, published)
        return Span(dt.date(year, 1, 1), month_end(year, count), relative) if year else Span(None, None, relative)

    def _part_of_year(self, match, published):
        length = _key(self.periods, match.group("period"))
        number = _key(self.ordinals, match.group("ordinal"))
        if number * length > 12:
            return None  # "третье полугодие"
        year, relative = self._year_of(match, published)
        if year is None:
            return Span(None, None, relative)
        return Span(dt.date(year, (number - 1) * length + 1, 1), month_end(year, number * length), relative)

    def _month(self, match, published):
        year, relative = self._year_of(match, published)
        month = _key(self.months, match.group("month"))
        return Span(dt.date(year, month, 1), month_end(year, month), relative) if year else Span(None, None, relative)

    def _year_range(self, match, published):
        first, last = int(match.group("year")), int(match.group("year2"))
        return Span(dt.date(first, 1, 1), dt.date(last, 12, 31)) if first < last else None

    def _year(self, match, published):
        year = int(match.group("year"))
        return Span(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def _decade(self, match, published):
        first = int(match.group("decade"))
        return Span(dt.date(first, 1, 1), dt.date(first + 9, 12, 31))

    def _weekday(self, match, published):
        if published is None:
            return Span(None, None, True)
        weekday = _key(self.weekdays, match.group("weekday"))
        day = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
        return Span(day, day, True)

    def _ago(self, match, published):
        """ "год назад" -> the day a year before publication: a point, not the whole year."""
        if published is None:
            return Span(None, None, True)
        count = int(match.group("count") or 1)
        unit = _key(self.ago_units, match.group("unit"))
        if unit == "year":
            day = _replace_year(published, published.year - count)
        elif unit == "month":
            first = shift_months(published.replace(day=1), -count)
            day = first.replace(day=min(published.day, month_end(first.year, first.month).day))
        else:
            day = published - dt.timedelta(days=count * (7 if unit == "week" else 1))
        return Span(day, day, True)

    def _relative(self, match, published):
        unit, shift = _key(self.relative, match.group("relative"))
        if published is None:
            return Span(None, None, True)
        if unit == "year":
            return Span(dt.date(published.year + shift, 1, 1), dt.date(published.year + shift, 12, 31), True)
        if unit == "month":
            first = shift_months(published.replace(day=1), shift)
            return Span(first, month_end(first.year, first.month), True)
        if unit == "week":
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
            return Span(monday, monday + dt.timedelta(days=6), True)
        day = published + dt.timedelta(days=shift)
        return Span(day, day, True)

    # --- the pass

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        candidates = []
        for rule in self.rules:
            for match in rule.pattern.finditer(doc.norm):
                try:
                    span = rule.resolve(match, doc.published)
                except _NotADate:
                    continue
                if span is not None:
                    candidates.append((match.start(), match.end(), (rule.name, span)))
        periods = [self._period(doc, start, stop, *found) for start, stop, found in longest_first(candidates)]
        periods.sort(key=lambda p: p.start)
        return {"dates": periods, "periods": PeriodIndex(periods, doc)}

    def _period(self, doc: Document, start: int, stop: int, rule: str, span: Span) -> Period:
        first, last, bound = span.first, span.last, None
        found = self._bound.search(doc.norm, max(0, start - 20), start)
        if found:
            bound = lookup(self.bounds, found.group("bound"))
            if bound == NOT_A_BOUND:  # "по сравнению с 2023 годом"
                bound = None
            else:
                start = found.start("bound")
            if bound == "until":
                first = None
            elif bound == "since":
                last = None
        return Period(**doc.span(start, stop), first=first, last=last, bound=bound, relative=span.relative, rule=self.rule(rule))
