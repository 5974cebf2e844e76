"""Finds every number once ("178 млрд тенге", "29,5%", "от 2 до 3 млн", "540 тыс. тонн") and routes it.

A number followed by a currency becomes money, by a percent sign or word a percentage, by a unit or
a counted noun a quantity. Numbers in dates, times, phone and document numbers are masked first.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

import regex

from briefx.extract import money, percentages, quantities
from briefx.extract.document import Document
from briefx.extract.patterns import BLOCKED, candidate_pattern, numeric_pattern, qualifier_pattern
from briefx.lexicon import Lexicon
from briefx.model import MoneyAmount, Percentage, Quantity
from briefx.numbers import parse_digits, parse_words, scaled

FLAGS = regex.IGNORECASE | regex.VERBOSE | regex.V0
QUALIFIER_REACH = 30  # characters before a number searched for "около", "не менее чем на" …
MASK = "\x00"


@dataclass(frozen=True, slots=True)
class Mention:
    """A number as found: its span (without the qualifier), value or range, and what follows it."""

    start: int
    stop: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str | None
    in_words: bool  # "пять", not "5"
    currency: str | None = None  # the matched surface form, before or after the number
    percent: str | None = None
    unit: str | None = None
    scaled: bool = False  # has a scale word: "12 миллиардов"


class NumericExtractor:
    """Built once per pipeline; call it on a Document for (money, percentages, quantities)."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._numeric = regex.compile(numeric_pattern(lexicon), FLAGS)
        self._candidates = regex.compile(candidate_pattern(lexicon), FLAGS)
        self._currency_form: dict[str, str] = {}  # ISO code -> one of its forms, for elliptic amounts
        for form, code in lexicon.currencies.items():
            self._currency_form.setdefault(code, form)
        self._qualifier = regex.compile(qualifier_pattern(lexicon), FLAGS)
        self._blocked = regex.compile(BLOCKED, FLAGS)
        self.percentages = percentages.PercentageBuilder(lexicon)
        self.quantities = quantities.QuantityBuilder(lexicon)

    def __call__(self, doc: Document) -> tuple[list[MoneyAmount], list[Percentage], list[Quantity]]:
        found_money: list[MoneyAmount] = []
        found_percentages: list[Percentage] = []
        found_quantities: list[Quantity] = []
        bare: list[Mention] = []  # "12 миллиардов" with no unit: money if its sentence is about money
        text = self._blocked.sub(lambda m: MASK * len(m.group()), doc.norm)
        pos = 0
        while candidate := self._candidates.search(text, pos):
            match = self._numeric.match(text, candidate.start())
            if match is None:
                pos = candidate.end()
                continue
            pos = match.end()
            mention = self._mention(match, text)
            if mention is None and match.group("high_digits"):
                # "2024 – 150 млрд тенге" is a year, then an amount: read on from the second number
                pos = match.start("high_digits")
            if mention is None:
                continue
            if text[mention.stop - 1] == "." and self._ends_sentence(doc, mention.stop):
                # "… $12,4 млрд." : the dot closes the sentence, not the abbreviation
                mention = dataclasses.replace(mention, stop=mention.stop - 1)
            if mention.currency:
                found_money.append(money.build(mention, doc, self.lexicon, text))
            elif mention.percent:
                found_percentages.append(self.percentages.build(mention, doc, text))
            else:
                quantity = self.quantities.build(mention, doc, text)
                if quantity is not None:
                    found_quantities.append(quantity)
                elif mention.scaled and not mention.in_words:
                    bare.append(mention)
        found_money += self._elliptic_money(bare, found_money, doc, text)
        return sorted(found_money, key=lambda m: m.start), found_percentages, found_quantities

    def _elliptic_money(self, bare: list[Mention], found: list[MoneyAmount], doc: Document, text: str) -> list[MoneyAmount]:
        """ "из кредитов на 17 миллиардов рублей 12 миллиардов приходится на …": a scaled number with
        nothing after it, in a sentence about money, is money in the currency of the nearest amount."""
        out = []
        by_sentence: dict[int, list[MoneyAmount]] = {}
        for amount in found:
            by_sentence.setdefault(amount.sentence, []).append(amount)
        for mention in bare:
            near = by_sentence.get(doc.sentence_of(mention.start))
            if near:
                nearest = min(near, key=lambda m: abs(m.start - mention.start))
                form = self._currency_form[nearest.currency]
                out.append(money.build(dataclasses.replace(mention, currency=form), doc, self.lexicon, text))
        return out

    def _mention(self, match: regex.Match, text: str) -> Mention | None:
        if match.group("vague") or match.group("scale_only"):
            return self._magnitude(match, text)
        low = self._value(match, "low")
        high = self._value(match, "high") if match.group("high_digits") or match.group("high_words") else None
        if low is None or (high is None and (match.group("high_digits") or match.group("high_words"))):
            return None  # a word that only looks like a numeral ("СТО" the abbreviation)
        is_range = high is not None
        if is_range and match.group("low_scale") is None and match.group("high_scale"):
            # "2–3 млрд", "от 2 до 3 млн": the scale after the second number governs the first
            low = scaled(low, self.lexicon.lookup(self.lexicon.scales, match.group("high_scale")))
        if is_range and low >= high:
            return None  # "2024 – 150 млрд": not a range
        start = match.start()  # a prefix currency ("$1,5 млрд") and "от" of a range belong to the span
        if match.group("from") and not is_range:
            start = match.start("low_digits") if match.group("low_digits") else match.start("low_words")  # "от 5 млн"
        return Mention(
            start=start,
            stop=match.end(),
            value=None if is_range else low,
            low=low if is_range else None,
            high=high if is_range else None,
            qualifier=self._qualifier_before(text, start),
            in_words=bool(match.group("low_words")),
            currency=match.group("currency") or match.group("precur"),
            percent=match.group("percent"),
            unit=match.group("unit"),
            scaled=bool(match.group("low_scale") or match.group("high_scale")),
        )

    @staticmethod
    def _ends_sentence(doc: Document, stop: int) -> bool:
        sentence = doc.sentences[doc.sentence_of(stop - 1)] if doc.sentences else None
        return sentence is not None and sentence.stop == stop

    def _magnitude(self, match: regex.Match, text: str) -> Mention | None:
        """ "миллион долларов" (1000000), "несколько миллионов евро" (no amount): money only."""
        if not match.group("currency"):
            return None
        value = None
        if match.group("scale_only"):
            value = self.lexicon.lookup(self.lexicon.scales, match.group("scale_only"))
        return Mention(
            start=match.start(),
            stop=match.end(),
            value=value,
            low=None,
            high=None,
            qualifier=" ".join(match.group("vague").split()[:-1]).lower()
            if match.group("vague")
            else self._qualifier_before(text, match.start()),
            in_words=True,
            currency=match.group("currency"),
        )

    def _value(self, match: regex.Match, tag: str) -> Decimal | None:
        digits, words = match.group(f"{tag}_digits"), match.group(f"{tag}_words")
        if digits:
            value = parse_digits(digits)
        elif words and not (words.isupper() and len(words) > 1):
            value = parse_words(words, self.lexicon.numerals)
            if value is None:
                return None
        else:
            return None
        scale = match.group(f"{tag}_scale")
        value = scaled(value, self.lexicon.lookup(self.lexicon.scales, scale) if scale else None)
        if match.group(f"{tag}_digits2"):
            smaller = self.lexicon.lookup(self.lexicon.scales, match.group(f"{tag}_scale2"))
            value = value + scaled(parse_digits(match.group(f"{tag}_digits2")), smaller)
        return value

    def _qualifier_before(self, text: str, start: int) -> str | None:
        found = self._qualifier.search(text[max(0, start - QUALIFIER_REACH) : start])
        return " ".join(found.group("qualifier").lower().split()) if found else None
