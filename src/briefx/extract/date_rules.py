"""The date rules: a pattern and a resolver each, "14 августа 2025 года" -> Span(2025-08-14, 2025-08-14).

A rule either scans the text itself (those that open with a digit or a fixed word, which the regex module
finds fast) or is anchored: tried only where one scan for the first words of every anchored rule found
one of its words (a month, a season, "прошлом", "Дню"). A resolver returns None when the text is not a
real date ("31 июня", "2008 тенге", "накануне выборов").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex

from briefx.document import Document
from briefx.extract import calendar_spans as cal
from briefx.extract.calendar_spans import Days
from briefx.extract.shapes import FLAGS, VERBOSE, H
from briefx.extract.tense import FUTURE, PAST, PRESENT, Tenses
from briefx.lexicon import Lexicon, alternation, form_key, lookup
from briefx.morph import parses

T = TypeVar("T")
YEAR = r"(?:19|20)\d{2}"  # a year with nothing to say it is one: "в 2008", "(2003)"
FULL_YEAR = r"(?:1\d{3}|20\d{2})"  # a year with "год" after it or in a full date: "29 ноября 1899 года"
# Where a form ends: where a word would, or where scraped text glued the next sentence on
END = r"(?:(?!\w)|(?-i:(?<=\p{Ll})(?=[\p{Lu}\d])))"  # "12 апреляПо", "12 апреля1 доллар"
ROMAN = r"(?-i:[IVXХ]+)"  # Latin, or Cyrillic Х for X ("ХХ век"); Cyrillic І is Latin I in the normalized text
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "Х": 10}
SATURDAY, WEEKEND = 5, 7  # data/weekdays.tsv: 7 is the weekend, Saturday and Sunday


class NotADate(Exception):
    """A matched word the tables do not know (case folding the regex and str.lower disagree on)."""


def key(table: Mapping[str, T], surface: str) -> T:
    value = lookup(table, surface)
    if value is None:
        raise NotADate(surface)
    return value


@dataclass(frozen=True)
class Span:
    """Resolved [first, last] of a match; None where the text leaves it open or unresolvable."""

    first: dt.date | None
    last: dt.date | None
    relative: bool = False  # resolved against the publication date
    yearless: bool = False  # the year is the publication's ("14 августа"): a range may give it its own
    start: int | None = None  # where the fact begins when words before the match are part of it
    bound: str | None = None  # a bound the match itself says ("более 30 лет назад")
    # a yearless date's days in any year: "с января по март 2024 года" gives January the year of March
    days_in: Callable[[int], Days] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, days: Days | None, **fields: Any) -> Span | None:
        return None if days is None else cls(days[0], days[1], **fields)


@dataclass
class Context:
    """What a resolver may consult besides its match: the document and the tense of a clause."""

    doc: Document
    tenses: Tenses

    @property
    def published(self) -> dt.date | None:
        return self.doc.published

    def direction(self, start: int, stop: int, default: str = cal.THIS, *, deadline: bool = False) -> str:
        """Which instance a yearless date means: a past tense the last one, a future tense the next. A
        deadline ("до 25 марта") is the next one unless its clause tells of the past with nothing left
        to do ("работы продолжались до 25 марта"; "поручил до 25 марта внести" has an infinitive)."""
        tense = self.tenses.at(start, stop)
        if deadline and (tense != PAST or self.tenses.to_do(start, stop)):
            return cal.COMING
        return cal.LATEST if tense == PAST else cal.COMING if tense == FUTURE else default


Resolver = Callable[[regex.Match, Context], "Span | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: regex.Pattern
    resolve: Resolver
    anchors: frozenset[str] = frozenset()  # first words it starts with; empty: it scans the text itself


def _roman(numeral: str) -> int | None:
    values = [ROMAN_VALUES[c] for c in numeral.upper().replace("Х", "X")]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 0 < total <= 30 else None


def _first_words(forms: Mapping[str, Any]) -> set[str]:
    return {form.split(" ")[0] for form in forms}


class DateRules:
    """Every rule, built once from the word lists."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.months = lexicon.months
        self.ordinals = lexicon.ordinals
        self.periods = lexicon.periods
        self.relative = lexicon.relative_dates
        self.weekdays = lexicon.weekdays
        self.ago_units = lexicon.ago_units
        self.seasons = lexicon.seasons
        self.month_adjectives = lexicon.month_adjectives
        self.decades = lexicon.decades
        self.determiners = lexicon.date_determiners
        self.parts = lexicon.period_parts
        self.holidays = lexicon.holidays
        self.numerals = lexicon.numerals
        self.year_word = rf"(?:{H}*(?:{alternation(lexicon.year_words)}){END})"
        relative_years = [f for f, (unit, _) in self.relative.items() if unit == "year" and " " in f]
        self.year_tail = (
            rf"(?:{H}+(?:(?P<year>{FULL_YEAR})(?!\d)(?:-?(?:го|й|м))?{self.year_word}?"
            rf"|(?P<relyear>{alternation(relative_years)}){END}))?"
        )
        century_word = r"(?:век|века|веке|веку|веком)"
        self.century_tail = (
            rf"(?:{H}+(?:(?P<roman>{ROMAN})(?:-?(?:го|й))?{H}*{century_word}"
            rf"|(?P<relcentury>прошлого|позапрошлого|нынешнего|этого|текущего){H}+века)(?!\w))?"
        )
        # what may stand before a lone month or decade word: a preposition, or a part ("в конце октября")
        self._preposition = regex.compile(
            rf"(?<!\w)(?:в|во|с|со|до|по|к|ко|за|на|от|после|между|около|начиная{H}+с|вплоть{H}+до"
            rf"|{alternation(self.parts)}){H}+\Z",
            FLAGS,
        )
        self._since_before = regex.compile(rf"(?<!\w)(?:с|со){H}+\Z", FLAGS)
        self._on_before = regex.compile(rf"(?<!\w)на{H}+\Z", FLAGS)
        self._night_since_before = regex.compile(rf"(?<!\w)ночь{H}+(?:с|со){H}+\Z", FLAGS)
        self._over_before = regex.compile(rf"(?<!\w)за{H}+\Z", FLAGS)
        self._determiner_before = regex.compile(rf"(?<!\w)(?P<determiner>{alternation(self.determiners)}){H}+\Z", FLAGS)
        self._weekday_before = regex.compile(
            rf"(?<!\w)(?P<preposition>в|во|на|к|ко|до|с|со|по|и){H}+(?:(?P<determiner>{alternation(self.determiners)}){H}+)?\Z",
            FLAGS,
        )
        numerals = [f for f in lexicon.numerals if " " not in f]
        self._ago_before = regex.compile(
            rf"(?:(?<!\w)(?P<qualifier>более|свыше|больше|менее|меньше|почти|около|примерно|порядка|приблизительно|чуть\s+более|чуть\s+больше){H}+)?"
            rf"(?:(?<![\w.,])(?P<count>\d{{1,3}}|{alternation(numerals)}){H}+)?"
            rf"(?<!\w)(?P<unit>{alternation(self.ago_units)})(?:{H}+тому)?{H}+\Z",
            FLAGS,
        )
        self._century_before = regex.compile(
            rf"(?:(?<![\w])(?P<roman>{ROMAN})(?:-?(?:го|й|м))?(?:{H}*-{H}*(?P<roman2>{ROMAN})(?:-?(?:го|й|м))?)?"
            rf"|(?<!\w)(?P<relcentury>прошлого|прошлом|прошлый|позапрошлого|позапрошлом|нынешнего|нынешнем|этого|этом|текущего|текущем)){H}*\Z",
            FLAGS,
        )
        self._deadline_before = regex.compile(rf"(?<!\w)(?:к|ко|до|не{H}+позднее|не{H}+позже){H}+\Z", FLAGS)
        self._before_christ = regex.compile(rf"{H}*до{H}*н\.{H}*э", FLAGS)
        self._next_word = regex.compile(rf"{H}*(?P<word>[^\W\d_][\w-]*)", FLAGS)
        self._amount_after = regex.compile(r"\s*(?:%|[.,]\d|\d)", FLAGS)
        self._bracket_open = regex.compile(r"(?:\(|,|\(р\.|\(г\.\s*р\.)\s*\Z", FLAGS)  # "(2003", "(р. 1993", ", 1997"
        self._bracket_close = regex.compile(r"\s*(?:[),;]|-\s)", FLAGS)  # "(1903 - физика, 1911 - химия)"
        self._season_before = regex.compile(rf"(?<!\w)сезон\w*{H}+\Z", FLAGS)
        self.scanning, self.anchored = self._rules()

    # --- the rules

    def _rules(self) -> tuple[list[Rule], list[Rule]]:
        month = alternation(self.months)
        period = alternation(self.periods)
        day = r"\d{1,2}(?:-?(?:го|е|ое))?"
        year_word, year_tail = self.year_word, self.year_tail

        def rule(name: str, pattern: str, resolve: Resolver, anchors: Mapping[str, Any] | set[str] | None = None) -> Rule:
            first = frozenset(form_key(w) for w in _first_words(dict.fromkeys(anchors or ())))
            return Rule(name, regex.compile(pattern, VERBOSE), resolve, first)

        scanning = [
            # "14 августа 2025 года", "14-15 августа", "1 января", "с 1 по 15 сентября", "в ночь с 15 на 16 апреля"
            rule(
                "day_month",
                rf"(?<![\d,])(?<!\d\.)(?P<day>\d{{1,2}})(?:-?(?:го|е|ое))?"
                rf"(?:{H}*-{H}*(?P<day2>{day})|{H}+(?P<link>по|на){H}+(?P<day2>{day}))?"
                rf"{H}+(?P<month>{month}){END}{year_tail}",
                self._day_month,
            ),
            # "14.08.2025", "24/06/2016", "2025-08-14"
            rule(
                "numeric_date",
                rf"(?<![\w.,/])(?P<day>\d{{1,2}})(?P<separator>[./])(?P<month_n>\d{{1,2}})(?P=separator)(?P<year>{FULL_YEAR})(?!\d)(?:{H}*г\.)?"
                rf"|(?<![\w/-])(?P<year>{FULL_YEAR})-(?P<month_n>\d{{2}})-(?P<day>\d{{2}})(?![\w/-])",
                self._numeric,
            ),
            # "2025 года", "2024-2026 годы", "в 2008", "(2003)", "Олимпиаде-2016", "2023-м", "1990-е годы",
            # "в 2003, 2004 и 2005 годах", "сезон 2016/17"
            rule(
                "year",
                rf"(?<![\d.,№/]|№{H}|\d{H}*-{H}*)(?P<year>{FULL_YEAR})(?!\d)"
                rf"(?:(?P<decade>-(?:е|х|ые|ых)(?!\w))"
                rf"|(?P<ordinal>-(?:й|го|м|му|ом)(?!\w))"
                rf"|{H}*-{H}*(?P<year2>{FULL_YEAR}|\d{{2}})(?!\d)(?P<decade2>-(?:е|х|ые|ых)(?!\w))?"
                rf"|(?P<list>(?:{H}*,{H}*{YEAR}(?!\d)){{0,8}}{H}*,?{H}+(?:и|или){H}+{YEAR}(?!\d))(?={year_word})"
                rf"|/(?P<season>\d{{2}}|\d{{4}})(?![\d/]))?"
                rf"(?P<word>{year_word})?",
                self._year,
            ),
            # "90-е годы", "в начале 90-х", "70-х годов прошлого века"
            rule(
                "short_decade",
                rf"(?<![\d.,-])(?P<decade>\d0)-(?P<suffix>е|х|ые|ых)(?!\w)(?P<word>{year_word})?{self.century_tail}",
                self._short_decade,
            ),
            # "1 квартале 2025 года", "1-м полугодии" (word and Roman ordinals are anchored below)
            rule(
                "part_of_year",
                rf"(?<![\w.,])(?P<ordinal>[1-4](?:-?(?:й|м|го|ом|ем))?){H}*(?P<period>{period}){END}{year_tail}",
                self._part_of_year,
            ),
            # "за 9 месяцев 2025 года" (months to date; the span leaves out "за")
            rule("months_to_date", rf"(?<![\w.,])(?P<count>\d{{1,2}}){H}+месяц\w*{year_tail}", self._months_to_date),
            # "год назад", "два года назад", "более полувека назад": the words before "назад" are read back
            rule("ago", r"\bназад(?!\w)", self._ago),
            # "XVII век", "в XIVвеке", "XIX-XX веков", "прошлого века"
            rule(
                "century",
                r"(?-i:век(?:а|е|у|ом|ов|ах)?|столети[еяи])(?!\w)",  # "человек" is passed over by the resolver
                self._century,
            ),
        ]
        ordinal_words = {f for f in self.ordinals if not f[0].isdigit()}
        anchored = [
            # "августе 2025 года", "в августе", "январь-июль 2025 года", "апреле следующего года"
            rule(
                "month",
                rf"(?P<month>{month}){END}(?:{H}*-{H}*(?P<month2>{month}){END})?{year_tail}",
                self._month,
                self.months,
            ),
            # "April 13, 2024" in a quoted post
            rule(
                "month_day_year",
                rf"(?P<month>{month}){H}+(?P<day>\d{{1,2}}),{H}*(?P<year>{FULL_YEAR})(?!\d)",
                self._month_day_year,
                self.months,
            ),
            # "І полугодии 2025 года", "во втором квартале", "III квартал"
            rule(
                "part_of_year",
                rf"(?P<ordinal>{alternation(ordinal_words)}){H}*(?P<period>{period}){END}{year_tail}",
                self._part_of_year,
                ordinal_words,
            ),
            # "в понедельник", "в прошлую пятницу", "на пятницу"
            rule("weekday", rf"(?P<weekday>{alternation(self.weekdays)}){END}", self._weekday, self.weekdays),
            # "в этом году", "вчера", "на прошлой неделе", "этой ночью", "прошлогодний"
            rule("relative", rf"(?P<relative>{alternation(self.relative)}){END}", self._relative, self.relative),
            # "летом 2023 года", "осенью", "до зимы", "следующей зимой", "в наступающие летние месяцы"
            rule("season", rf"(?P<season>{alternation(self.seasons)}){END}{year_tail}", self._season, self.seasons),
            # "ко Дню Победы"
            rule("holiday", rf"(?P<holiday>{alternation(self.holidays)}){END}{year_tail}", self._holiday, self.holidays),
            # "в январском интервью"
            rule(
                "month_adjective",
                rf"(?P<adjective>{alternation(self.month_adjectives)})(?!\w)",
                self._month_adjective,
                self.month_adjectives,
            ),
            # "девяностых годов", "в тридцатых-сороковых годах прошлого века"
            rule(
                "decade_word",
                rf"(?P<decade>{alternation(self.decades)})(?:{H}*-{H}*(?P<decade2>{alternation(self.decades)}))?(?!\w)"
                rf"(?P<word>{year_word})?{self.century_tail}",
                self._decade_word,
                self.decades,
            ),
            # "до конца года", "с начала года", "в середине месяца", "в конце недели": the current one
            rule(
                "part_of_current",
                rf"(?P<part>{alternation(self.parts)}){H}+(?P<unit>года|месяца|недели)(?!\w)(?!{H}*\d)",
                self._part_of_current,
                self.parts,
            ),
        ]
        return scanning, anchored

    # --- helpers

    def _before(self, pattern: regex.Pattern, doc: Document, start: int, reach: int = 40) -> regex.Match | None:
        """`pattern` (ending in \\Z) right before `start`, within its sentence and `reach` characters."""
        return pattern.search(doc.norm, max(doc.sentence_start(start), start - reach), start)

    def _in_year(self, days_in: Callable[[int], Days], match: regex.Match, ctx: Context, default: str = cal.THIS) -> Span | None:
        """A period named for a year: the year written after it ("2025 года"), a relative one ("следующего
        года"), else the one the tense of the clause points to, seen from the publication date."""
        try:
            if match.group("year"):
                return Span.of(days_in(int(match.group("year"))))
            if match.group("relyear"):
                shift = key(self.relative, match.group("relyear"))[1]
                if ctx.published is None:
                    return Span(None, None, relative=True)
                return Span.of(days_in(ctx.published.year + shift), relative=True)
        except ValueError:
            return None  # "31 июня 2025 года"
        if ctx.published is None:
            return Span(None, None, relative=True, yearless=True, days_in=days_in)
        deadline = self._before(self._deadline_before, ctx.doc, match.start(), 15) is not None
        direction = ctx.direction(match.start(), match.end(), default, deadline=deadline)
        return Span.of(cal.instance(days_in, ctx.published, direction), relative=True, yearless=True, days_in=days_in)

    def _bare_year_stands_alone(self, doc: Document, start: int, stop: int) -> bool:
        """A year with no "год" after it: after a preposition ("в 2008", "с 2006 являлся", "В 2021 Сагинтаев
        сообщил"), in brackets ("(2003)", "(р. 1993)", "(1994, 1997)") or joined to a name ("Олимпиаде-2016");
        never before a per cent, a digit or a noun it counts ("в 2008 тенге")."""
        norm = doc.norm
        if self._amount_after.match(norm, stop, stop + 40):
            return False
        before = norm[max(0, start - 80) : start]
        if before.endswith("-") and len(before) > 1 and before[-2].isalpha():
            # "Олимпиаде-2016"; "Кампус-2021" in quotes is a name
            return not (stop < len(norm) and (norm[stop].isalnum() or norm[stop] == '"'))
        if before.rfind("(") > before.rfind(")") and self._bracket_open.search(before):
            return self._bracket_close.match(norm, stop, stop + 40) is not None
        if self._season_before.search(before):  # "в сезоне 2017-2018"
            return True
        if not self._preposition.search(before):
            return False
        word = self._next_word.match(norm, stop, min(len(norm), stop + 40))
        if word is None or norm[stop : word.start("word")].strip():  # punctuation first: "в 2008."
            return True
        text = word.group("word")
        if text[0].isupper() and (len(text) == 1 or text[1].islower()):  # a name: "В 2021 Сагинтаев"
            return True
        return parses(text.lower())[0].tag.POS in ("VERB", "INFN", "PRTS", "GRND", "NPRO", "PREP", "CONJ", "PRCL", "ADVB", "PRED")

    def _noun_after(self, doc: Document, stop: int) -> bool:
        """A lowercase noun right after `stop`, with only spaces between."""
        word = self._next_word.match(doc.norm, stop, min(len(doc.norm), stop + 40))
        if word is None or doc.norm[stop : word.start("word")].strip() or not word.group("word")[0].islower():
            return False
        return parses(word.group("word").lower())[0].tag.POS == "NOUN"

    def _capitalized_inside(self, doc: Document, start: int) -> bool:
        """A capitalized word after other words of its sentence names something: "Октябрьской революции",
        "ИА Красная Весна", «Октябрьский» джамаат, not a date. Glued to a word before it ("мусореЛетом"),
        it opens a sentence the scraper ran on."""
        norm = doc.norm
        if not norm[start].isupper() or start and norm[start - 1].isalpha():
            return False
        head = norm[max(doc.sentence_start(start), start - 60) : start]
        return any(c.isalnum() for c in head)

    # --- resolvers: match + context -> Span, or None when the text is not a real date

    def _day_month(self, match: regex.Match, ctx: Context) -> Span | None:
        month = key(self.months, match.group("month"))
        first_day = int(match.group("day"))
        last_day = int(match.group("day2")[:2].rstrip("-гое")) if match.group("day2") else first_day
        start = None
        link = (match.group("link") or "").lower()
        if link:
            # "с 1 по 15 сентября" and "в ночь с 15 на 16 апреля" are one period; without the "с" only the
            # second number is the date ("перенесли с 15 на 16 апреля": the first is another date)
            opener = self._before(self._since_before if link == "по" else self._night_since_before, ctx.doc, match.start())
            if opener is None:
                first_day, start = last_day, match.start("day2")
            else:
                start = opener.start()
        if not 1 <= first_day <= last_day <= 31:
            return None
        span = self._in_year(lambda y: (dt.date(y, month, first_day), dt.date(y, month, last_day)), match, ctx)
        return span if span is None or start is None else _with(span, start=start)

    def _numeric(self, match: regex.Match, ctx: Context) -> Span | None:
        try:
            day = dt.date(int(match.group("year")), int(match.group("month_n")), int(match.group("day")))
        except ValueError:
            return None
        return Span(day, day)

    def _month_day_year(self, match: regex.Match, ctx: Context) -> Span | None:
        if not match.group("month")[0].isupper():
            return None
        try:
            day = dt.date(int(match.group("year")), key(self.months, match.group("month")), int(match.group("day")))
        except ValueError:
            return None
        return Span(day, day)

    def _month(self, match: regex.Match, ctx: Context) -> Span | None:
        first = key(self.months, match.group("month"))
        last = key(self.months, match.group("month2")) if match.group("month2") else first
        if first > last:
            return None
        named = match.group("year") or match.group("relyear") or match.group("month2")

        def days_in(year: int) -> Days:
            return dt.date(year, first, 1), cal.month_end(year, last)

        determiner = None if named else self._before(self._determiner_before, ctx.doc, match.start(), 20)
        if determiner is not None:  # "в прошлом октябре"
            if ctx.published is None:
                return Span(None, None, relative=True, start=determiner.start())
            direction = key(self.determiners, determiner.group("determiner"))
            if direction == cal.THIS:
                direction = ctx.direction(match.start(), match.end())
            return Span.of(cal.instance(days_in, ctx.published, direction), relative=True, start=determiner.start())
        if not named and not self._before(self._preposition, ctx.doc, match.start(), 20):
            return None  # a lone month word ("май" in a name) is a date after a preposition: "в августе"
        return self._in_year(days_in, match, ctx)

    def _months_to_date(self, match: regex.Match, ctx: Context) -> Span | None:
        count = int(match.group("count"))
        if not 1 <= count <= 12 or not self._before(self._over_before, ctx.doc, match.start(), 10):
            return None
        return self._in_year(lambda y: (dt.date(y, 1, 1), cal.month_end(y, count)), match, ctx)

    def _part_of_year(self, match: regex.Match, ctx: Context) -> Span | None:
        length = key(self.periods, match.group("period"))
        number = key(self.ordinals, match.group("ordinal"))
        if number * length > 12:
            return None  # "третье полугодие"
        return self._in_year(lambda y: (dt.date(y, (number - 1) * length + 1, 1), cal.month_end(y, number * length)), match, ctx)

    def _year(self, match: regex.Match, ctx: Context) -> Span | None:
        year = int(match.group("year"))
        said = bool(match.group("word") or match.group("ordinal"))
        if match.group("decade"):
            return Span.of(cal.decade_days(year)) if year % 10 == 0 else None
        if match.group("list"):
            years = [year] + [int(y) for y in regex.findall(r"\d{4}", match.group("list"))]
            return Span(dt.date(min(years), 1, 1), dt.date(max(years), 12, 31))
        if match.group("season"):  # "2016/17": a sports season, two years running
            if int(match.group("season")) not in (year + 1, (year + 1) % 100):
                return None
            return Span(dt.date(year, 1, 1), dt.date(year + 1, 12, 31))
        if match.group("year2"):
            text = match.group("year2")
            last = int(text) if len(text) == 4 else year // 100 * 100 + int(text)  # "1996-98"
            if last <= year or not said and not self._bare_year_stands_alone(ctx.doc, match.start(), match.end()):
                return None
            if match.group("decade2"):  # "1930-1940-х годах"
                return Span.of((cal.decade_days(year)[0], cal.decade_days(last)[1])) if year % 10 == last % 10 == 0 else None
            return Span(dt.date(year, 1, 1), dt.date(last, 12, 31))
        if not said and (year < 1900 or not self._bare_year_stands_alone(ctx.doc, match.start(), match.end())):
            return None
        return Span.of(cal.year_days(year))

    def _century_of(self, match: regex.Match, ctx: Context) -> tuple[int | None, bool] | None:
        """The century a tail names ("XX века", "прошлого века") and whether it is relative; None if none."""
        if match.group("roman"):
            number = _roman(match.group("roman"))
            return (number, False) if number else None
        if match.group("relcentury"):
            return _relative_century(match.group("relcentury"), ctx.published), True
        return None

    def _decade_in(self, digits: int, match: regex.Match, ctx: Context) -> tuple[int | None, bool]:
        """The first year of "90-е" (of the century a tail names, else the last such decade begun by
        publication) and whether the publication date decided it."""
        century = self._century_of(match, ctx)
        if century is not None:
            number, relative = century
            return ((number - 1) * 100 + digits if number else None), relative
        if ctx.published is None:
            return None, True
        return cal.latest_decade(digits, ctx.published), True

    def _short_decade(self, match: regex.Match, ctx: Context) -> Span | None:
        if not match.group("word") and match.group("suffix").lower() in ("е", "ые") and self._noun_after(ctx.doc, match.end()):
            return None  # "на 40-е место": an ordinal of the noun after it
        first, relative = self._decade_in(int(match.group("decade")), match, ctx)
        return Span(None, None, relative=True) if first is None else Span.of(cal.decade_days(first), relative=relative)

    def _decade_word(self, match: regex.Match, ctx: Context) -> Span | None:
        if not match.group("word") and not self._before(self._preposition, ctx.doc, match.start(), 20):
            return None  # "девяностых годов", "в девяностые"; a bare "девяностых" may count anything
        first, relative = self._decade_in(key(self.decades, match.group("decade")), match, ctx)
        last_digits = (
            key(self.decades, match.group("decade2")) if match.group("decade2") else key(self.decades, match.group("decade"))
        )
        if first is None:
            return Span(None, None, relative=True)
        last = first - first % 100 + last_digits
        return Span.of((cal.decade_days(first)[0], cal.decade_days(last)[1]), relative=relative) if last >= first else None

    def _century(self, match: regex.Match, ctx: Context) -> Span | None:
        if match.start() and ctx.doc.norm[match.start() - 1].islower():
            return None  # "человек"
        found = self._before(self._century_before, ctx.doc, match.start(), 20)
        if found is None or self._before_christ.match(ctx.doc.norm, match.end(), match.end() + 20):
            return None  # "человек", "V век до н. э."
        if found.group("relcentury"):
            number = _relative_century(found.group("relcentury"), ctx.published)
            if number is None:
                return Span(None, None, relative=True, start=found.start())
            return Span.of(cal.century_days(number), relative=True, start=found.start())
        first = _roman(found.group("roman"))
        last = _roman(found.group("roman2")) if found.group("roman2") else first
        if not first or not last or last < first:
            return None
        return Span(cal.century_days(first)[0], cal.century_days(last)[1], start=found.start())

    def _ago(self, match: regex.Match, ctx: Context) -> Span | None:
        """ "год назад" -> the day a year before publication: a point, not the whole year; "более 30 лет
        назад" -> until that day."""
        found = self._before(self._ago_before, ctx.doc, match.start(), 50)
        if found is None:
            return None
        qualifier = (found.group("qualifier") or "").lower()
        bound = "until" if qualifier in ("более", "свыше", "больше", "чуть более", "чуть больше") else None
        bound = "since" if qualifier in ("менее", "меньше") else bound
        start = found.start("qualifier") if bound else found.start("count") if found.group("count") else found.start("unit")
        unit, size = key(self.ago_units, found.group("unit"))
        count_text = found.group("count")
        if not count_text and not qualifier and size == 1 and not _one_of(found.group("unit")):
            return None  # "несколько лет назад": no number of years to count back
        if ctx.published is None:
            return Span(None, None, relative=True, start=start, bound=bound)
        count = int(count_text) if count_text and count_text.isdigit() else key(self.numerals, count_text) if count_text else 1
        amount = count * size
        if unit == "year" and amount != int(amount):  # "полтора года назад": 18 months
            unit, amount = "month", amount * 12
        day = _ago(ctx.published, unit, int(amount))
        if day is None:
            return None
        return Span(None if bound == "until" else day, None if bound == "since" else day, relative=True, start=start, bound=bound)

    def _weekday(self, match: regex.Match, ctx: Context) -> Span | None:
        found = self._before(self._weekday_before, ctx.doc, match.start(), 40)
        if found is None:
            return None
        start = found.start("determiner") if found.group("determiner") else None
        weekday = key(self.weekdays, match.group("weekday"))
        preposition = found.group("preposition").lower()
        if (
            weekday == WEEKEND
            and preposition not in ("в", "во", "на", "до")
            or weekday != WEEKEND
            and _plural(match.group("weekday"))
        ):
            return None  # "по субботам", "по выходным": every one; "в связи с выходными": the days off
        if ctx.published is None:
            return Span(None, None, relative=True, start=start)
        direction = key(self.determiners, found.group("determiner")) if found.group("determiner") else cal.THIS
        if direction == cal.THIS:
            tense = ctx.tenses.at(match.start(), match.end())
            plan = preposition in ("на", "к", "ко", "до")  # "назначено на пятницу"
            direction = cal.LATEST if tense == PAST and not plan else cal.COMING if tense == FUTURE or plan else cal.THIS
        day = cal.weekday_instance(SATURDAY if weekday == WEEKEND else weekday, ctx.published, direction)
        return Span(day, day + dt.timedelta(days=1) if weekday == WEEKEND else day, relative=True, start=start)

    def _relative(self, match: regex.Match, ctx: Context) -> Span | None:
        unit, shift = key(self.relative, match.group("relative"))
        word = form_key(match.group("relative"))
        nowadays = word == "сегодня" and ctx.tenses.at(match.start(), match.end()) == PRESENT
        if nowadays and not self._before(self._on_before, ctx.doc, match.start(), 5):
            return None  # "Сегодня никто не угрожает": nowadays; "на сегодня" is the day all the same
        if word == "накануне":
            after = self._next_word.match(ctx.doc.norm, match.end(), min(len(ctx.doc.norm), match.end() + 40))
            if after and not ctx.doc.norm[match.end() : after.start("word")].strip() and _genitive(after.group("word")):
                return None  # "накануне выборов": before an event, not the day before publication
        published = ctx.published
        if published is None:
            return Span(None, None, relative=True)
        if unit == "year":
            return Span.of(cal.year_days(published.year + shift), relative=True)
        if unit == "month":
            first = cal.shift_months(published.replace(day=1), shift)
            return Span.of(cal.month_days(first.year, first.month), relative=True)
        if unit == "week":
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=shift)
            return Span(monday, monday + dt.timedelta(days=6), relative=True)
        day = published + dt.timedelta(days=shift)
        return Span(day - dt.timedelta(days=1) if unit == "night" else day, day, relative=True)

    def _season(self, match: regex.Match, ctx: Context) -> Span | None:
        if self._capitalized_inside(ctx.doc, match.start()):
            return None
        first_month = key(self.seasons, match.group("season"))

        def days_in(year: int) -> Days:
            return cal.season_days(first_month, year)

        found = self._before(self._determiner_before, ctx.doc, match.start(), 30)
        if match.group("year") or match.group("relyear"):
            return self._in_year(days_in, match, ctx)
        if found is None:
            oblique = parses(match.group("season").lower())[0].tag.case in ("gent", "datv", "loct")
            if oblique and not self._before(self._preposition, ctx.doc, match.start(), 20):
                return None  # "17 мгновений весны", "запах осени": of a season, not when
            return self._in_year(days_in, match, ctx)
        direction = key(self.determiners, found.group("determiner"))
        if ctx.published is None:
            return Span(None, None, relative=True, start=found.start())
        if direction == cal.THIS:
            direction = ctx.direction(match.start(), match.end())
        return Span.of(cal.instance(days_in, ctx.published, direction), relative=True, start=found.start())

    def _holiday(self, match: regex.Match, ctx: Context) -> Span | None:
        if not match.group("holiday")[0].isupper():
            return None  # a holiday is a proper name: "День Победы", not "день победы над болезнью"
        (m1, d1), (m2, d2) = key(self.holidays, match.group("holiday"))
        return self._in_year(lambda y: (dt.date(y, m1, d1), dt.date(y, m2, d2)), match, ctx)

    def _month_adjective(self, match: regex.Match, ctx: Context) -> Span | None:
        if self._capitalized_inside(ctx.doc, match.start()):
            return None
        month = key(self.month_adjectives, match.group("adjective"))
        if ctx.published is None:
            return Span(None, None, relative=True, yearless=True)
        direction = ctx.direction(match.start(), match.end(), cal.LATEST)  # "в январском интервью": one that was
        return Span.of(cal.instance(lambda y: cal.month_days(y, month), ctx.published, direction), relative=True, yearless=True)

    def _part_of_current(self, match: regex.Match, ctx: Context) -> Span | None:
        part = key(self.parts, match.group("part"))
        published = ctx.published
        if published is None:
            return Span(None, None, relative=True)
        unit = match.group("unit").lower()
        if unit == "года":
            days = cal.year_days(published.year)
        elif unit == "месяца":
            days = cal.month_days(published.year, published.month)
        else:
            monday = published - dt.timedelta(days=published.weekday())
            days = (monday, monday + dt.timedelta(days=6))
        return Span.of(cal.part_of(days, part), relative=True)


def _with(span: Span, **changes: Any) -> Span:
    fields = {**span.__dict__, **changes}
    return Span(**fields)


def _relative_century(word: str, published: dt.date | None) -> int | None:
    """ "прошлого века" in a 2024 article -> 20; None without a publication date."""
    if published is None:
        return None
    word = word.lower()
    shift = -2 if word.startswith("позапрошл") else -1 if word.startswith("прошл") else 0
    return (published.year - 1) // 100 + 1 + shift


def _plural(word: str) -> bool:
    return all(p.tag.number == "plur" for p in parses(word.lower()) if p.tag.POS == "NOUN")


def _genitive(word: str) -> bool:
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO", "NUMR") for p in parses(word.lower()))


def _one_of(unit: str) -> bool:
    """ "год", "неделю", "сутки" name one unit; "лет", "дней", "года" need a number (or "более") before them."""
    tag = parses(unit.lower())[0].tag  # the likeliest reading: "лет" is the plural of "год", not "лёт"
    return tag.POS == "NOUN" and tag.case in ("nomn", "accs") and (tag.number == "sing" or "Pltm" in tag)


def _ago(published: dt.date, unit: str, count: int) -> dt.date | None:
    try:
        if unit == "year":
            return cal.replace_year(published, published.year - count)
        if unit == "month":
            first = cal.shift_months(published.replace(day=1), -count)
            return first.replace(day=min(published.day, cal.month_end(first.year, first.month).day))
        return published - dt.timedelta(days=count * (7 if unit == "week" else 1))
    except (ValueError, OverflowError):
        return None
