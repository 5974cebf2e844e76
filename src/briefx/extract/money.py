"""Money: a numeric mention with a currency -> MoneyAmount with an ISO 4217 code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefx.extract.document import Document
from briefx.extract.phrases import noun_phrase, purpose_after, purpose_before, words_after
from briefx.lexicon import Lexicon
from briefx.model import MoneyAmount

if TYPE_CHECKING:
    from briefx.extract.numeric import Mention


def build(mention: Mention, doc: Document, lexicon: Lexicon, text: str) -> MoneyAmount:
    subject = noun_phrase(words_after(text, mention.stop), cases=("gent",))
    return MoneyAmount(
        **doc.span(mention.start, mention.stop),
        amount=mention.value,
        currency=lexicon.lookup(lexicon.currencies, mention.currency),
        low=mention.low,
        high=mention.high,
        qualifier=mention.qualifier,
        subject=subject[1] if subject else None,
        purpose=purpose_after(text, subject[0] if subject else mention.stop)
        or purpose_before(text, mention.start, doc.clause_start(mention.start)),
    )
