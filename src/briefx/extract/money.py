"""Money: a number with a currency -> MoneyAmount with an ISO 4217 code, what it is and what it is for.

"из кредитов на 17 миллиардов рублей 12 миллиардов приходится на …": a scaled number with nothing
after it, in a sentence about money, is money in the currency of the nearest amount (rule "elliptic");
so is one a sentence or two after an amount of its paragraph, and a price "479,80" next to "483,09 тенге".
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.mention import Mention
from briefx.extract.paragraphs import Paragraphs
from briefx.extract.phrases import noun_phrase, purpose_after, purpose_before, words_after
from briefx.extract.subjects import Subject
from briefx.lexicon import lookup
from briefx.model import MoneyAmount
from briefx.morph import parses

# after "сотни тысяч": a punctuation mark or a conjunction, not a word that says what there are hundreds of
VAGUE_END = regex.compile(r"[^\S\n]*(?:[^\w\"«(\s]|\Z|(?:и|а|или)(?!\w))")
CARRY_SENTENCES = 2  # how far back an amount lends its currency to a bare scaled number of its paragraph


class Money(Component):
    name = "money"
    needs = ("mentions",)
    wants = ("subjects", "periods")  # Pipeline(subjects=False) leaves the subjects out
    produces = ("money",)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        mentions: list[Mention] = found["mentions"]
        self._subjects: Mapping[int, Subject] = found.get("subjects", {})
        amounts = []
        for k, mention in enumerate(mentions):
            currency = mention.code or lookup(self.lexicon.currencies, mention.currency)
            after = mentions[k + 1] if k + 1 < len(mentions) else None
            if after is not None and after.unit and not doc.norm[mention.stop : after.start].strip():
                continue  # "8 фунтов 6 унций": pounds of a weight
            if currency is not None:
                amounts.append(self._amount(mention, doc, currency, periods, mention.rule))
        amounts += self._elliptic(mentions, amounts, doc, periods)
        amounts.sort(key=lambda m: m.start)
        return {"money": _without_rate_bases(amounts, doc.norm)}

    def _elliptic(
        self, mentions: list[Mention], found: list[MoneyAmount], doc: Document, periods: PeriodIndex | None
    ) -> list[MoneyAmount]:
        """Bare numbers that are amounts in a currency stated once for several: the nearest amount of the
        same sentence gives it ("на продажу - 483,09 тенге, покупку - 479,80"), else, for a scaled number,
        the last typed number before it, when that is an amount of the sentence before or of the same
        paragraph CARRY_SENTENCES sentences back ("… 35 миллионов евро в год. Лавесси зарабатывает 30
        миллионов").
        One pass with the last typed number carried forward: linear in the mentions."""
        ordered = sorted(found, key=lambda m: m.start)
        starts = [m.start for m in ordered]
        by_start = {m.start: m for m in ordered}
        out = []
        last: MoneyAmount | None = None  # the last amount, unless a count or measure came after it
        paragraphs = Paragraphs(doc.norm)
        for mention in mentions:
            if mention.start in by_start:
                last = by_start[mention.start]
                continue
            if not mention.bare:
                if mention.counted or mention.unit or mention.percent:
                    last = None  # "22 тысяч человек, из них 12 тысяч": the 12 thousand are people
                continue
            sentence = doc.sentence_of(mention.start)
            i = bisect_left(starts, mention.start)
            # the nearest amount of the same sentence, on either side (the earlier one on a tie)
            near = [m for m in ordered[max(i - 1, 0) : i + 1] if m.sentence == sentence]
            source = min(near, key=lambda m: abs(m.start - mention.start)) if near else None
            if mention.vague:
                # "тысячи коренных американцев", 'через тысячи "компаний"': people and things, not money;
                # an order of magnitude takes its currency from its own sentence only
                if not VAGUE_END.match(doc.norm, mention.stop):
                    source = None
            # the last amount of the sentence before, or of the paragraph two sentences back; never onto
            # "7 млн лет": a noun after it says it is not money
            elif source is None and mention.scaled and last is not None and not _noun_follows(doc.norm, mention.stop):
                back = sentence - last.sentence
                if back <= 1 or (back == CARRY_SENTENCES and paragraphs.same(last.stop, mention.start)):
                    source = last
            if source is not None:
                amount = self._amount(mention, doc, source.currency, periods, "elliptic")
                out.append(amount)
                last = amount
        return out

    def _amount(self, mention: Mention, doc: Document, currency: str, periods: PeriodIndex | None, rule: str) -> MoneyAmount:
        span = doc.span(mention.start, mention.stop)
        subject = self._subjects.get(mention.start)
        # "5 млрд тенге инвестиций на …": a purpose after the genitive subject
        after_subject = noun_phrase(words_after(doc.norm, mention.stop), cases=("gent",))
        exclusions = self.lexicon.purpose_exclusions
        purpose = purpose_after(doc, after_subject[0] if after_subject else mention.stop, exclusions) or purpose_before(
            doc, mention.start, doc.sentence_start(mention.start), exclusions, self.lexicon.subject_complements
        )
        if purpose is not None and subject is not None and _complement_of(purpose, subject.phrase):
            purpose = None  # "Цены на газ упали ниже 30 евро": "на газ" says what the price is of
        return MoneyAmount(
            **span,
            amount=mention.value,
            currency=currency,
            low=mention.low,
            high=mention.high,
            qualifier=mention.qualifier,
            subject=subject.phrase if subject else None,
            subject_head=subject.head if subject else None,
            purpose=purpose,
            period=periods.governing(mention.start, mention.stop, span["sentence"]) if periods else None,
            rule=self.rule(rule),
        )


RATE_DASH = regex.compile(r"[^\S\n]*(?:-|=)[^\S\n]*")


def _without_rate_bases(amounts: list[MoneyAmount], text: str) -> list[MoneyAmount]:
    """ "1 доллар - 448,41 тенге" is an exchange rate: the amount is 448,41 тенге, and "1 доллар" (one unit
    of another currency, right before a dash and the rate) is not an amount of its own."""
    out = []
    for i, amount in enumerate(amounts):
        after = amounts[i + 1] if i + 1 < len(amounts) else None
        if (
            after is not None
            and amount.amount == 1
            and after.currency != amount.currency
            and (dash := RATE_DASH.match(text, amount.stop)) is not None
            and dash.end() == after.start
        ):
            continue
        out.append(amount)
    return out


def _noun_follows(text: str, stop: int) -> bool:
    """A noun or its adjective right after a number: it names what the number is ("2 млн лет")."""
    words = words_after(text, stop)
    return bool(words) and parses(words[0][0].lower())[0].tag.POS in ("NOUN", "ADJF", "PRTF")


def _complement_of(purpose: str, subject: str) -> bool:
    """The purpose's first word right after "на" in the subject: "газ" in "цены на газ"."""
    words = subject.lower().split()
    first = purpose.lower().split()[0]
    return any(word == "на" and words[i + 1] == first for i, word in enumerate(words[:-1]))
