"""Finds every number once ("178 млрд тенге", "29,5%", "от 2 до 3 млн", "540 тыс. тонн", "128 проектов")
with what follows it: a currency, a percent sign, a unit, or the noun it counts.

The money, percentage and quantity components build their facts from these mentions. Numbers in
dates, times, phone and document numbers are masked first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.mention import Counted, Mention
from briefx.extract.number_patterns import BLOCKED, CASE_ENDING, CYRILLIC, candidate_pattern, numeric_pattern, qualifier_pattern
from briefx.extract.phrases import MODIFIERS, noun_phrase, words_after
from briefx.extract.shapes import LETTER_WORD, VERBOSE, WORD, H
from briefx.lexicon import Lexicon, form_key, lookup
from briefx.morph import noun_parse, noun_phrase_lemma, parses, yo
from briefx.numbers import one_group, parse_digits, parse_spelled, parse_words, plain, scaled

QUALIFIER_REACH = 30  # characters before a number searched for "около", "не менее чем на" …
FIRST_WORD_REACH = 40  # characters after a number read for the first word of a currency's name
NAME_WORDS = 4  # the longest currency name looked up after a number ("нового туркменского маната" and more)
OBLIQUE_LOOKAHEAD = 4  # words after a number within which an oblique noun may stand ("39 маломерных судах")
LABEL_REACH = 40  # characters before a number searched for the word it may be a label of ("статьи 52")
MASK = "\x00"
COUNTED_CASES = ("gent", "nomn", "accs")  # "5 проектов", "21 проект", "две школы"
ELIDED_ADJECTIVES = 2  # adjectives of a count whose noun stands after the next count: "873 водооткачивающих и 308 …"
NUMBER_AFTER_AND = regex.compile(r"[^\S\n]+\d[\d\s.,]*?(?=[^\S\n]+[^\W\d_])")  # "и | 308 плавательных"
OBLIQUE_CASES = ("datv", "ablt", "loct")  # "119 домам", "четырьмя эшелонами", "в шести районах": must agree
PERCENT_ADJECTIVE = "percent"  # data/number_adjectives.tsv: "70-процентное" is a percentage
NEXT_LETTER_WORD = regex.compile(rf"{H}{{0,3}}({LETTER_WORD})")  # the word after a number, for a quick test
CASE_ENDED = regex.compile(rf"-{CASE_ENDING}\Z")  # "54-х", "5-ти"
BRACKET = regex.compile(r"[^\S\n]*\([^\S\n]*")  # "1 триллиона (тенге - прим.)"
GLUED = regex.compile(r"[а-яёa-z](?=[А-ЯЁA-Z])")
# "29,5", "1,14": a comma followed by one, two or four and more digits is a decimal mark
COMMA_DECIMAL = regex.compile(r"(?<![\d,.])\d{1,3},(?:\d{1,2}|\d{4,})(?![\d,])")
# "1,234,567" or a point before one or two digits ("1.5 млрд"): the comma separates thousands
COMMA_THOUSANDS = regex.compile(r"\d,\d{3},\d{3}|(?<![\d.])\d{1,3}\.\d{1,2}(?![\d.])")


class NumberFinder(Component):
    name = "numbers"
    provides = ("mentions",)

    def __init__(self, lexicon: Lexicon):
        super().__init__(lexicon)
        self._numeric = regex.compile(numeric_pattern(lexicon), VERBOSE)
        self._candidates = regex.compile(candidate_pattern(lexicon), VERBOSE)
        self._qualifier = regex.compile(qualifier_pattern(lexicon), VERBOSE)
        self._blocked = regex.compile(BLOCKED, VERBOSE)
        self._name_starts = frozenset(form.split()[0] for form in lexicon.currencies if CYRILLIC.search(form))

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        mentions: list[Mention] = []
        text = self._blocked.sub(lambda m: MASK * len(m.group()), doc.norm)
        marks = _DecimalMarks(text)
        pos = 0
        while candidate := self._candidates.search(text, pos):
            match = self._numeric.match(text, candidate.start())
            if match is None:
                pos = candidate.end()
                continue
            pos = match.end()
            mention = self._mention(match, text, marks)
            if mention is None and match.group("high_digits"):
                # "2024 – 150 млрд тенге" is a year, then an amount: read on from the second number
                pos = match.start("high_digits")
            if mention is None:
                continue
            if text[mention.stop - 1] == "." and doc.sentences and doc.sentence_stop(mention.stop - 1) == mention.stop:
                # "… $12,4 млрд." : the dot closes the sentence, not the abbreviation
                mention = dataclasses.replace(mention, stop=mention.stop - 1)
            if mention.currency and lookup(self.lexicon.currencies, mention.currency) is None and not mention.code:
                # "дирхамов ОАЭ": a word several currencies share, then what says which one
                at = text.rfind(mention.currency, mention.start, mention.stop)
                if at >= 0 and (named := self._named_currency(text, at)):
                    mention = dataclasses.replace(mention, currency=named[1], stop=max(named[0], mention.stop))
            if mention.untyped:
                mention = self._typed(mention, text)
            if mention.untyped and (counted := self._counted(mention, text)) is not None:
                # "статьи 52 закона": a label, looked for only where a count would otherwise be
                label = self._is_label(text, mention.start)
                mention = dataclasses.replace(mention, label=True) if label else dataclasses.replace(mention, counted=counted)
            mentions.append(mention)
        return {"mentions": mentions}

    def _typed(self, mention: Mention, text: str) -> Mention:
        """A currency the pattern does not match: a full name after the number ("100 млн гонконгских
        долларов"), or one in brackets ("больше 1 триллиона (тенге - прим.)", the span without it)."""
        if named := self._named_currency(text, mention.stop):
            return dataclasses.replace(mention, currency=named[1], stop=named[0])
        after = text[mention.stop : mention.stop + 2]
        if (
            "(" in after
            and (bracket := BRACKET.match(text, mention.stop))
            and (named := self._named_currency(text, bracket.end()))
        ):
            return dataclasses.replace(mention, currency=named[1])
        return mention

    def _named_currency(self, text: str, stop: int) -> tuple[int, str] | None:
        """(end, words) of a currency's full name right after a number ("гонконгских долларов",
        "дирхамов ОАЭ"), the longest that CLDR's names know."""
        first = NEXT_LETTER_WORD.match(text, stop, stop + FIRST_WORD_REACH)
        if first is None or form_key(first.group(1)) not in self._name_starts:
            return None  # one set lookup for the many numbers that no currency name follows
        words = words_after(text, stop)[:NAME_WORDS]
        for n in range(len(words), 0, -1):
            name = text[words[0][1] - len(words[0][0]) : words[n - 1][1]]
            if CYRILLIC.search(name.lower()) and lookup(self.lexicon.currencies, name):  # codes only in capitals
                return words[n - 1][1], name
        return None

    def _is_label(self, text: str, start: int) -> bool:
        """ "статьи 52 закона", "пункта 3": the word before the number is a label noun."""
        word = _word_before(text, start)
        return word is not None and yo(word) in self.lexicon.number_labels

    def _counted(self, mention: Mention, text: str) -> Counted | None:
        """The noun a bare number counts, in any case: "128 проектов", "119 домам", "в шести районах";
        "853 единицы техники" -> "техника"."""
        if mention.in_words and mention.value == 1:
            return None  # "один из", "одна школа": too often not a count
        if mention.low is None and mention.value is None:
            return None  # "тысячи людей": a vague plural is not a count
        words = _unglued(words_after(text, mention.stop))
        exclude = self.lexicon.count_exclusions
        phrase = noun_phrase(words, cases=COUNTED_CASES, exclude=exclude) or _elided_head(words, text, exclude)
        if phrase is None:
            if not _oblique_noun_ahead(words):
                return None
            phrase = noun_phrase(words, cases=OBLIQUE_CASES, exclude=exclude)
            if phrase is None or not _agrees(words, phrase[0], mention):
                return None
        stop, subject = phrase
        if self._set_phrase(text, mention.start, subject):
            return None
        if CASE_ENDED.search(text, mention.start, mention.stop) and not _plural(words, stop):
            return None  # "54-х домах" counts houses; "в 90-х шага" is no count of steps
        if subject in self.lexicon.counter_words:  # what is counted is the genitive after the counter
            counted = noun_phrase(_unglued(words_after(text, stop)), cases=("gent",))
            if counted is not None:
                return Counted(*counted, via_counter=True)
        return Counted(stop, subject, via_counter=False)

    def _set_phrase(self, text: str, start: int, subject: str) -> bool:
        """ "главы двух государств": the noun and the word before the number make a set phrase."""
        heads = self.lexicon.count_set_phrases.get(subject)
        if not heads:
            return False
        word = _word_before(text, start)
        return word is not None and yo(word) in heads

    def _mention(self, match: regex.Match, text: str, marks: _DecimalMarks) -> Mention | None:
        g = match.groupdict()  # one call; the groups are read many times below
        if g["vague"] or g["scale_only"] or g["vague_plural"]:
            return self._magnitude(match, g, text)
        low = self._value(g, "low", marks)
        high = self._value(g, "high", marks) if g["high_digits"] or g["high_words"] else None
        if low is None or (high is None and (g["high_digits"] or g["high_words"])):
            return None  # a word that only looks like a numeral ("СТО" the abbreviation)
        is_range = high is not None
        if is_range and g["low_scale"] is None and g["high_scale"]:
            # "2–3 млрд", "от 2 до 3 млн": the scale after the second number governs the first
            multiplier = lookup(self.lexicon.scales, g["high_scale"])
            if multiplier is None:
                return None
            low = scaled(low, multiplier)
        if high is not None and low >= high:
            return None  # "2024 – 150 млрд": not a range
        sign = self._sign(g, is_range)
        if sign is None:
            return None
        currency, code, percent, multiplier = sign
        spelled = g["spelled"]
        # "881 913 (Восемьсот восемьдесят одна тысяча девятьсот тринадцать) руб.": the words must say the same
        if spelled and not is_range and parse_spelled(spelled, self.lexicon.numerals, self.lexicon.scales) != low:
            return None
        if multiplier is not None:
            low, high = scaled(low, multiplier), scaled(high, multiplier) if high is not None else None
        if g["minor"] and not is_range:
            fraction = lookup(self.lexicon.minor_currencies, g["minor_unit"])
            if fraction is None:
                return None
            low = plain(low + Decimal(g["minor"]) * fraction)  # "124 451 рубль 50 копеек"
        start = match.start()  # a prefix currency ("$1,5 млрд") and "от" of a range belong to the span
        if g["from"] and not is_range:
            start = match.start("low_digits") if g["low_digits"] else match.start("low_words")  # "от 5 млн"
        qualifier = self._qualifier_before(text, start)
        if qualifier is None and g["from_ot"] and not is_range and (percent or currency):
            qualifier = "от"  # "от 20 процентов", "от 5 млн тенге": a lower bound; "от четырех компаний" is a source
        digits = g["low_digits"] or ""
        return Mention(
            start=start,
            stop=match.end(),
            value=None if is_range else low,
            low=low if is_range else None,
            high=high if is_range else None,
            qualifier=qualifier,
            in_words=bool(g["low_words"]),
            rule="range" if is_range else "number",
            currency=currency,
            code=code,
            percent=percent,
            unit=g["unit"],
            scaled=bool(g["low_scale"] or g["high_scale"]),
            price=len(digits) > 3 and digits[-3] == "," and digits[-2:].isdigit() and not g["low_scale"],
        )

    def _sign(self, g: dict[str, Any], is_range: bool) -> tuple[str | None, str | None, str | None, Decimal | None] | None:
        """(currency as written, its code when known here, per cent sign, multiplier) of the words after
        the number; None when they contradict each other ("от 2 процентов до 5 млн")."""
        currency, code, percent = g["currency"] or g["precur"], None, g["percent"]
        multiplier = None
        if g["scaled_currency"]:
            found = lookup(self.lexicon.scaled_currencies, g["scaled_currency"])
            if found is None or g["low_scale"] or g["high_scale"]:
                return None
            currency, (code, multiplier) = g["scaled_currency"], found
        elif g["adjective"]:
            meaning = lookup(self.lexicon.number_adjectives, g["adjective"])
            if meaning == PERCENT_ADJECTIVE:
                percent = g["adjective"]
            elif meaning is not None and g["hyphen"] == "-":
                currency, code = g["adjective"], meaning  # "100-долларовой" купюры
            else:
                return None  # "5 долларовых купюр" counts banknotes: not an amount, not a count of dollars
        low_sign = g["low_sign"]
        if low_sign and is_range:  # "от 2 процентов до 5 процентов": both ends say the same
            if currency:
                return None
            percent = percent or low_sign
        return currency, code, percent, multiplier

    def _magnitude(self, match: regex.Match, g: dict[str, Any], text: str) -> Mention | None:
        """ "миллион долларов" and "более тысячи посещений" (a scale word alone: one of it), "несколько
        миллионов евро" and "сотни тысяч тенге" (an order of magnitude: no value)."""
        qualifier = self._qualifier_before(text, match.start())
        currency = g["currency"]
        if g["percent"] or g["unit"] or g["adjective"] or g["scaled_currency"]:
            return None
        words = g["scale_only"] or g["vague_plural"]
        value = None
        if words and (g["scale_only"] or (qualifier and _also_singular(words))):
            # "более тысячи": after a qualifier "тысячи" is one thousand, not thousands
            value = lookup(self.lexicon.scales, words)
            if value is None:
                return None
        if g["vague"]:
            qualifier = " ".join(g["vague"].split()[:-1]).lower()
        elif value is None:
            qualifier = " ".join(words.split()[:1]).lower()  # "сотни тысяч": "сотни" stands for the number
        rule = "scale_word" if value is not None else ("vague_plural" if g["vague_plural"] else "magnitude")
        return Mention(
            start=match.start(),
            stop=match.end(),
            value=value,
            low=None,
            high=None,
            qualifier=qualifier,
            in_words=True,
            rule=rule,
            currency=currency,
            scaled=True,
        )

    def _value(self, g: dict[str, Any], tag: str, marks: _DecimalMarks) -> Decimal | None:
        digits, words = g[f"{tag}_digits"], g[f"{tag}_words"]
        scale = g[f"{tag}_scale"]
        if digits:
            mark = one_group(digits) if "." in digits or "," in digits else None
            thousands = None
            if mark == "." and not scale:
                thousands = "."  # "20.000 руб.": the decimal mark of Russian texts is a comma
            elif mark == "." or (mark == "," and not scale and _money(g) and marks.comma_is_thousands() is None):
                # "2.500 млн", or "20,000 руб" in a text that does not say which: no guess (amounts are
                # copied from English texts; a measure "3,526 кг" keeps the Russian decimal comma)
                return None
            elif mark == "," and not scale and marks.comma_is_thousands():
                thousands = ","
            try:
                value = parse_digits(digits, thousands)
            except InvalidOperation:
                return None  # a digit of a script newer than Python's Unicode tables ("\U00010d40")
        elif words and not (words.isupper() and len(words) > 1):
            parsed = parse_words(words, self.lexicon.numerals)
            if parsed is None:
                return None
            value = parsed
        else:
            return None
        # A scale word the table does not know (odd case folding) gives no value: never an unscaled one
        multiplier = lookup(self.lexicon.scales, scale)
        if scale and multiplier is None:
            return None
        value = scaled(value, multiplier)
        if g[f"{tag}_digits2"]:
            smaller = lookup(self.lexicon.scales, g[f"{tag}_scale2"])
            if smaller is None:
                return None
            digits2 = g[f"{tag}_digits2"]
            if not digits2.isascii():
                return None  # as above: Decimal reads the digits it knows
            value = value + scaled(parse_digits(digits2), smaller)
        return value

    def _qualifier_before(self, text: str, start: int) -> str | None:
        found = self._qualifier.search(text[max(0, start - QUALIFIER_REACH) : start])
        return " ".join(found.group("qualifier").lower().replace(",", " ").split()) if found else None


class _DecimalMarks:
    """Which mark a text uses for decimals, read from its unambiguous numbers ("29,5" and "1,14" say
    comma; "1.5" and "1,234,567" say the comma separates thousands), once and only when asked."""

    def __init__(self, text: str):
        self.text = text
        self._answer: bool | None = None
        self._asked = False

    def comma_is_thousands(self) -> bool | None:
        if not self._asked:
            self._asked = True
            comma_decimal = COMMA_DECIMAL.search(self.text) is not None
            comma_thousands = COMMA_THOUSANDS.search(self.text) is not None
            if comma_decimal != comma_thousands:
                self._answer = comma_thousands
        return self._answer


def _money(g: dict[str, Any]) -> bool:
    return bool(g["currency"] or g["precur"] or g["scaled_currency"])


def _word_before(text: str, start: int) -> str | None:
    """The word right before a number, lowercased, when only spaces stand between: "статьи" of "статьи 52"."""
    begin = max(0, start - LABEL_REACH)
    window = text[begin:start]
    if not window or window[-1] not in " \t\u00a0":
        return None
    words = window.split()
    if not words or (len(words) == 1 and begin > 0 and not window[0].isspace()):
        return None  # the window cut the word
    word = words[-1]
    return word.lower() if WORD.fullmatch(word) else None


def _unglued(words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Cut the words at one glued to the next sentence ("апреляИран" -> "апреля"): scraped text loses
    the space there, and the capital shows where it was."""
    out = []
    for word, end in words:
        glue = None if word[1:].islower() else GLUED.search(word)  # most words have no capital inside
        if glue:
            out.append((word[: glue.start() + 1], end - len(word) + glue.start() + 1))
            break
        out.append((word, end))
    return out


def _elided_head(words: list[tuple[str, int]], text: str, exclude: frozenset[str]) -> tuple[int, str] | None:
    """ "873 водооткачивающих и 308 плавательных средств": adjectives, "и", and a count whose noun they
    share -> (end of the adjectives, "водооткачивающее средство")."""
    if len(words) < 2 or words[-1][0] != "и" or len(words) > ELIDED_ADJECTIVES + 1:
        return None
    if not all(parses(w.lower())[0].tag.POS in MODIFIERS for w, _ in words[:-1]):
        return None
    number = NUMBER_AFTER_AND.match(text, words[-1][1])
    if number is None:
        return None
    second = _unglued(words_after(text, number.end()))[: ELIDED_ADJECTIVES + 1]
    # the noun after the second count's adjectives ("пожарных" reads as a noun too, "поездов" is the noun)
    i = 0
    while i + 1 < len(second) and any(p.tag.POS in MODIFIERS for p in parses(second[i][0].lower())):
        i += 1
    noun = noun_parse(second[i][0], COUNTED_CASES) if i < len(second) and i > 0 else None
    if noun is None or yo(noun.normal_form) in exclude:
        return None
    return words[-2][1], noun_phrase_lemma(tuple(w.lower() for w, _ in words[:-1]) + (second[i][0].lower(),), COUNTED_CASES)


def _oblique_noun_ahead(words: list[tuple[str, int]]) -> bool:
    """Some word of the next few can be a noun in the dative, instrumental or prepositional."""
    return any(_oblique_noun(word.lower()) for word, _ in words[:OBLIQUE_LOOKAHEAD])


@lru_cache(maxsize=65536)
def _oblique_noun(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and p.tag.case in OBLIQUE_CASES for p in parses(word))


def _plural(words: list[tuple[str, int]], stop: int) -> bool:
    """The noun ending at `stop` can be plural ("домах"), as it is after a case ending ("54-х")."""
    head = next((w for w, end in words if end == stop), "")
    return any(p.tag.POS == "NOUN" and "plur" in p.tag for p in parses(head.lower()))


def _agrees(words: list[tuple[str, int]], stop: int, mention: Mention) -> bool:
    """A noun in the dative, instrumental or prepositional after a number agrees with it in number:
    plural ("119 домам", "четырьмя эшелонами"), singular only after a number ending in 1 ("21 району")."""
    head = next((w for w, end in words if end == stop), None)
    if head is None:
        return False
    value = mention.value if mention.value is not None else mention.high
    singular = value is not None and value == value.to_integral_value() and value % 10 == 1 and value % 100 != 11
    wanted = "sing" if singular else "plur"
    return any(p.tag.POS == "NOUN" and p.tag.case in OBLIQUE_CASES and wanted in p.tag for p in parses(head.lower()))


def _also_singular(words: str) -> bool:
    """ "тысячи", "сотни": the genitive singular as well as the plural."""
    return any({"sing", "gent"} <= p.tag.grammemes for p in parses(words.split()[0].lower()))
