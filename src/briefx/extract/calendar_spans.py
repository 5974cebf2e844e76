"""Calendar arithmetic for dates: the days a month, a season, a part of a period, a decade or a century
covers, and which of several such periods a relative expression means. Pure functions of dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

Days = tuple[dt.date, dt.date]  # first and last day, inclusive

# Which instance of a recurring period ("осенью", "в пятницу", "ко Дню Победы") a text means:
PREVIOUS = "previous"  # the last one over before the publication date ("прошлым летом", "в прошлую пятницу")
NEXT = "next"  # the first one starting after it ("следующей зимой", "в следующую пятницу")
COMING = "coming"  # the first one not over by then ("в наступающие летние месяцы", "в ближайшую пятницу")
LATEST = "latest"  # the last one begun by then (a past tense: "осенью собрали урожай")
THIS = "this"  # no direction: the one of the publication year, or of its week ("этим летом", "в пятницу")
DIRECTIONS = (PREVIOUS, NEXT, COMING, LATEST, THIS)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_days(year: int, month: int) -> Days:
    return dt.date(year, month, 1), month_end(year, month)


def year_days(year: int) -> Days:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def replace_year(day: dt.date, year: int) -> dt.date:
    """The same day in another year (29 February becomes the 28th)."""
    return day.replace(year=year, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=year)


def shift_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` away from the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def in_year(days: Days, year: int) -> Days:
    """A yearless span ("14 августа", "весной") moved to `year` (its last day may fall in the next)."""
    shift = year - days[0].year
    return replace_year(days[0], days[0].year + shift), replace_year(days[1], days[1].year + shift)


def season_days(first_month: int, year: int) -> Days:
    """The season that begins in `first_month` and is named for `year`: winter 2024 is December 2023 to
    February 2024, spring 2024 March to May 2024."""
    start_year = year - 1 if first_month == 12 else year
    first = dt.date(start_year, first_month, 1)
    last = shift_months(first, 3) - dt.timedelta(days=1)
    return first, last


def century_days(number: int) -> Days:
    """XVII век -> 1601-01-01 .. 1700-12-31."""
    return dt.date((number - 1) * 100 + 1, 1, 1), dt.date(number * 100, 12, 31)


def decade_days(first_year: int) -> Days:
    return dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)


def latest_decade(digits: int, published: dt.date) -> int:
    """ "90-е" -> 1990, "20-е" -> 2020 (published in 2024): the last such decade begun by publication."""
    century = published.year // 100 * 100
    return century + digits if century + digits <= published.year else century - 100 + digits


def instance(days_in: Callable[[int], Days], published: dt.date, direction: str) -> Days | None:
    """Which yearly instance of a period (`days_in(year)` gives the one named for that year) a text
    means, seen from the publication date; None when no year has it ("29 февраля" twice in a row)."""
    named = {}
    for year in range(published.year - 2, published.year + 3):
        try:
            named[year] = days_in(year)
        except ValueError:  # "29 февраля" of a common year, "31 июня"
            continue
    years = list(named.values())
    if direction == THIS:
        return named.get(published.year)
    if direction == PREVIOUS:
        return next((d for d in reversed(years) if d[1] < published), None)
    if direction == NEXT:
        return next((d for d in years if d[0] > published), None)
    if direction == COMING:
        return next((d for d in years if d[1] >= published), None)
    return next((d for d in reversed(years) if d[0] <= published), None)  # LATEST


def weekday_instance(weekday: int, published: dt.date, direction: str) -> dt.date:
    """The day of the week a text means: "в пятницу" in a report is the last one on or before the
    publication date (LATEST or THIS), in a plan the next one on or after it (COMING)."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if direction == PREVIOUS:
        return published - dt.timedelta(days=back or 7)
    if direction == NEXT:
        return published + dt.timedelta(days=ahead or 7)
    if direction == COMING:
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


# --- parts of a period: "в начале 2020 года", "в конце апреля", "в первой половине 90-х"

BEGIN, MIDDLE, END, FIRST_HALF, SECOND_HALF = "begin", "middle", "end", "first_half", "second_half"
PARTS = (BEGIN, MIDDLE, END, FIRST_HALF, SECOND_HALF)
# A calendar year: начало = January-March, середина = May-August, конец = October-December
YEAR_PARTS = {BEGIN: (1, 3), MIDDLE: (5, 8), END: (10, 12), FIRST_HALF: (1, 6), SECOND_HALF: (7, 12)}
# A month: days 1-10, 11-20, 21 to the end; halves 1-15 and 16 to the end
MONTH_PARTS = {BEGIN: (1, 10), MIDDLE: (11, 20), END: (21, 31), FIRST_HALF: (1, 15), SECOND_HALF: (16, 31)}


def part_of(days: Days, part: str) -> Days:
    """The part of a period: of a year and of a month as the tables above; of a run of whole years
    (a decade, a century), whole months (a quarter, a season) or days (a week) its first, middle or
    last third, or half."""
    first, last = days
    if first.day == 1 and last == month_end(last.year, last.month):
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months == 12 and first.month == 1:
            low, high = YEAR_PARTS[part]
            return dt.date(first.year, low, 1), month_end(first.year, high)
        if months == 1:
            low, high = MONTH_PARTS[part]
            return first.replace(day=low), min(last, first.replace(day=min(high, last.day)))
        if months % 12 == 0 and first.month == 1:
            low, high = _fraction(months // 12, part)
            return dt.date(first.year + low, 1, 1), dt.date(first.year + high, 12, 31)
        if months % 3 == 0 or (months % 2 == 0 and part in (FIRST_HALF, SECOND_HALF)):
            low, high = _fraction(months, part)
            return shift_months(first, low), shift_months(first, high + 1) - dt.timedelta(days=1)
    low, high = _fraction((last - first).days + 1, part)
    return first + dt.timedelta(days=low), first + dt.timedelta(days=high)


def _fraction(units: int, part: str) -> tuple[int, int]:
    """Indices (from 0) of the first and last unit of a third or a half of `units` units; the first
    third takes the rounding ("начало 90-х" = 1990-1993)."""
    if units < 3:
        return 0, units - 1  # too short to have parts: the whole
    if part in (FIRST_HALF, SECOND_HALF):
        half = (units + 1) // 2
        return (0, half - 1) if part == FIRST_HALF else (half, units - 1)
    third = units // 3
    begin = units - 2 * third
    return {BEGIN: (0, begin - 1), MIDDLE: (begin, begin + third - 1), END: (begin + third, units - 1)}[part]
