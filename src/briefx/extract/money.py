"""Money: a number with a currency -> MoneyAmount with an ISO 4217 code, what it is and what it is for.

"из кредитов на 17 миллиардов рублей 12 миллиардов приходится на …": a scaled number with nothing
after it, in a sentence about money, is money in the currency of the nearest amount (rule "elliptic").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from typing import Any

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.mention import Mention
from briefx.extract.phrases import noun_phrase, purpose_after, purpose_before, words_after
from briefx.extract.subjects import Subject
from briefx.lexicon import lookup
from briefx.model import MoneyAmount


class Money(Component):
    name = "money"
    needs = ("mentions", "subjects")
    wants = ("periods",)
    produces = ("money",)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        mentions: list[Mention] = found["mentions"]
        self._subjects: Mapping[int, Subject] = found["subjects"]
        amounts = []
        for mention in mentions:
            currency = lookup(self.lexicon.currencies, mention.currency)
            if currency is not None:
                amounts.append(self._amount(mention, doc, currency, periods, mention.rule))
        amounts += self._elliptic([m for m in mentions if m.bare], amounts, doc, periods)
        return {"money": sorted(amounts, key=lambda m: m.start)}

    def _elliptic(
        self, bare: list[Mention], found: list[MoneyAmount], doc: Document, periods: PeriodIndex | None
    ) -> list[MoneyAmount]:
        ordered = sorted(found, key=lambda m: m.start)
        starts = [m.start for m in ordered]
        out = []
        for mention in bare:
            sentence = doc.sentence_of(mention.start)
            i = bisect_left(starts, mention.start)
            # the nearest amount of the same sentence, on either side (the earlier one on a tie)
            near = [m for m in ordered[max(i - 1, 0) : i + 1] if m.sentence == sentence]
            if near:
                nearest = min(near, key=lambda m: abs(m.start - mention.start))
                out.append(self._amount(mention, doc, nearest.currency, periods, "elliptic"))
        return out

    def _amount(self, mention: Mention, doc: Document, currency: str, periods: PeriodIndex | None, rule: str) -> MoneyAmount:
        span = doc.span(mention.start, mention.stop)
        subject = self._subjects.get(mention.start)
        # "5 млрд тенге инвестиций на …": a purpose after the genitive subject
        after_subject = noun_phrase(words_after(doc.norm, mention.stop), cases=("gent",))
        exclusions = self.lexicon.purpose_exclusions
        return MoneyAmount(
            **span,
            amount=mention.value,
            currency=currency,
            low=mention.low,
            high=mention.high,
            qualifier=mention.qualifier,
            subject=subject.phrase if subject else None,
            subject_head=subject.head if subject else None,
            purpose=purpose_after(doc, after_subject[0] if after_subject else mention.stop, exclusions)
            or purpose_before(doc, mention.start, doc.sentence_start(mention.start), exclusions),
            period=periods.governing(mention.start, mention.stop, span["sentence"]) if periods else None,
            rule=self.rule(rule),
        )
