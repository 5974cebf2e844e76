"""Money: a numeric mention with a currency -> MoneyAmount with an ISO 4217 code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefx.extract.document import Document
from briefx.lexicon import Lexicon
from briefx.model import MoneyAmount

if TYPE_CHECKING:
    from briefx.extract.numeric import Mention


def build(mention: Mention, doc: Document, lexicon: Lexicon) -> MoneyAmount:
    return MoneyAmount(
        **doc.span(mention.start, mention.stop),
        amount=mention.value,
        currency=lexicon.lookup(lexicon.currencies, mention.currency),
        low=mention.low,
        high=mention.high,
        qualifier=mention.qualifier,
    )
