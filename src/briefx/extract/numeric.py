"""Finds every number once ("178 млрд тенге", "29,5%", "от 2 до 3 млн", "540 тыс. тонн", "128 проектов")
with what follows it: a currency, a percent sign, a unit, or the noun it counts.

The money, percentage and quantity components build their facts from these mentions. Numbers in
dates, times, phone and document numbers are masked first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.mention import Counted, Mention
from briefx.extract.number_patterns import BLOCKED, candidate_pattern, numeric_pattern, qualifier_pattern
from briefx.extract.phrases import noun_phrase, words_after
from briefx.extract.shapes import VERBOSE
from briefx.lexicon import Lexicon, lookup
from briefx.numbers import parse_digits, parse_words, scaled

QUALIFIER_REACH = 30  # characters before a number searched for "около", "не менее чем на" …
MASK = "\x00"
COUNTED_CASES = ("gent", "nomn", "accs")  # "5 проектов", "21 проект", "две школы"


class NumberFinder(Component):
    name = "numbers"
    provides = ("mentions",)

    def __init__(self, lexicon: Lexicon):
        super().__init__(lexicon)
        self._numeric = regex.compile(numeric_pattern(lexicon), VERBOSE)
        self._candidates = regex.compile(candidate_pattern(lexicon), VERBOSE)
        self._qualifier = regex.compile(qualifier_pattern(lexicon), VERBOSE)
        self._blocked = regex.compile(BLOCKED, VERBOSE)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        mentions: list[Mention] = []
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
            if text[mention.stop - 1] == "." and doc.sentences and doc.sentence_stop(mention.stop - 1) == mention.stop:
                # "… $12,4 млрд." : the dot closes the sentence, not the abbreviation
                mention = dataclasses.replace(mention, stop=mention.stop - 1)
            if not (mention.currency or mention.percent or mention.unit):
                mention = dataclasses.replace(mention, counted=self._counted(mention, text))
            mentions.append(mention)
        return {"mentions": mentions}

    def _counted(self, mention: Mention, text: str) -> Counted | None:
        """The noun a bare number counts: "128 проектов" -> "проект"; "853 единицы техники" -> "техника"."""
        if mention.in_words and mention.value == 1:
            return None  # "один из", "одна школа": too often not a count
        phrase = noun_phrase(words_after(text, mention.stop), cases=COUNTED_CASES, exclude=self.lexicon.count_exclusions)
        if phrase is None:
            return None
        stop, subject = phrase
        if subject in self.lexicon.counter_words:  # what is counted is the genitive after the counter
            counted = noun_phrase(words_after(text, stop), cases=("gent",))
            if counted is not None:
                return Counted(*counted, via_counter=True)
        return Counted(stop, subject, via_counter=False)

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
            multiplier = lookup(self.lexicon.scales, match.group("high_scale"))
            if multiplier is None:
                return None
            low = scaled(low, multiplier)
        if high is not None and low >= high:
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
            rule="range" if is_range else "number",
            currency=match.group("currency") or match.group("precur"),
            percent=match.group("percent"),
            unit=match.group("unit"),
            scaled=bool(match.group("low_scale") or match.group("high_scale")),
        )

    def _magnitude(self, match: regex.Match, text: str) -> Mention | None:
        """ "миллион долларов" (1000000), "несколько миллионов евро" (no amount): money only."""
        if not match.group("currency"):
            return None
        value = None
        if match.group("scale_only"):
            value = lookup(self.lexicon.scales, match.group("scale_only"))
            if value is None:
                return None
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
            rule="scale_word" if value is not None else "magnitude",
            currency=match.group("currency"),
        )

    def _value(self, match: regex.Match, tag: str) -> Decimal | None:
        digits, words = match.group(f"{tag}_digits"), match.group(f"{tag}_words")
        if digits:
            value = parse_digits(digits)
        elif words and not (words.isupper() and len(words) > 1):
            parsed = parse_words(words, self.lexicon.numerals)
            if parsed is None:
                return None
            value = parsed
        else:
            return None
        # A scale word the table does not know (odd case folding) gives no value: never an unscaled one
        scale = match.group(f"{tag}_scale")
        multiplier = lookup(self.lexicon.scales, scale)
        if scale and multiplier is None:
            return None
        value = scaled(value, multiplier)
        if match.group(f"{tag}_digits2"):
            smaller = lookup(self.lexicon.scales, match.group(f"{tag}_scale2"))
            if smaller is None:
                return None
            value = value + scaled(parse_digits(match.group(f"{tag}_digits2")), smaller)
        return value

    def _qualifier_before(self, text: str, start: int) -> str | None:
        found = self._qualifier.search(text[max(0, start - QUALIFIER_REACH) : start])
        return " ".join(found.group("qualifier").lower().split()) if found else None
