"""Who published a text and whose material it is: "передает Tengrinews.kz со ссылкой на пресс-службу
Акорды" -> Source(name "Tengrinews.kz", origin "пресс-служба Акорды"); glued "передаетTengrinews.kz.Как"
-> "Tengrinews.kz"; "сообщает обладминистрация" -> Source(name None, origin "обладминистрация")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.origins import Origins
from briefx.extract.shapes import FLAGS, H
from briefx.lexicon import Lexicon, alternation
from briefx.model import Source
from briefx.morph import parses, yo

# A Latin name: words in capitals ("New York Times", "Al Jazeera"), or one with a domain, lowercase or a short
# uppercase code ("Tengrinews.kz", "BAQ.KZ", not "Tengrinews.kz.Tengri…"); a name without a domain may go on
# in Cyrillic: "Sputnik Казахстан" (not "Tengrinews.kz Иван" Сухоруков)
LATIN = (
    r"(?-i:[A-Z][A-Za-z0-9-]*(?:(?:\.(?:[a-z]{2,6}|[A-Z]{2,3})(?![A-Za-z]))+"
    r"|(?:[ ][A-Z][A-Za-z0-9-]*)*(?:[ ][А-ЯЁ][а-яё]+)?))"
)
# An outlet's Cyrillic name: one capitalized word pymorphy3 does not know as anything else ("Казинформ")
CYRILLIC = r"(?-i:[А-ЯЁ][а-яё]+)"
# "передает корреспондент агентства Kazinform": a few lowercase words may stand before a Latin name
GAP = rf"(?:{H}+(?-i:[а-яё]+)){{1,3}}"


class Sources(Component):
    name = "source"
    needs = ("people",)  # a person's own post is its origin: "написал Ерлан Карин в своем Telegram-канале"
    produces = ("source",)  # one Source or None, not a tuple

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        verbs = alternation(lexicon.source_verbs)
        # "передаетTengrinews.kz" is glued in scraped text: no space is needed after the verb
        listed = alternation(lexicon.outlets)  # "РБК", "РИА Новости": after the verb, not the body an abbreviation is
        self._credit = regex.compile(
            rf"(?<!\w)(?:{verbs})(?:{H}*(?P<latin>{LATIN})|{GAP}{H}+(?P<latin>{LATIN})"
            rf'|(?:{GAP})?{H}+"?(?P<listed>(?-i:{listed}))(?![\w-])|{H}+(?P<cyrillic>{CYRILLIC})(?![\w-]))',
            FLAGS,
        )
        # "в беседе с корреспондентом Tengrinews.kz", "Редакция Tengrinews.kz": an outlet without a verb
        self._outlet = regex.compile(rf"\b(?:{alternation(lexicon.outlet_words)}){H}+(?P<latin>{LATIN})", FLAGS)
        self._origins = Origins(lexicon)
        self._bodies = lexicon.source_bodies

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        publisher = self._publisher(doc)
        origin = self._origins.find(doc, found["people"], publisher[:2] if publisher else None)
        if publisher is None and origin is None:
            return {"source": None}
        origin_fields: dict[str, Any] = {"origin": None, "origin_start": None, "origin_stop": None}
        if origin is not None:
            origin_fields = {"origin": origin.name, "origin_start": origin.start, "origin_stop": origin.stop}
        if publisher is None:
            assert origin is not None
            span = doc.span(origin.start, origin.stop)
            return {"source": Source(**span, name=None, **origin_fields, rule=self.rule(origin.strength))}
        start, stop, rule = publisher
        rules = f"{rule}+{origin.strength}" if origin is not None else rule
        name = doc.original[start:stop]
        return {"source": Source(**doc.span(start, stop), name=name, **origin_fields, rule=self.rule(rules))}

    def _publisher(self, doc: Document) -> tuple[int, int, str] | None:
        """(start, stop, rule) of the first outlet a verb credits, else of one credited without a verb."""
        for match in self._credit.finditer(doc.norm):
            if match.group("latin"):
                return (*match.span("latin"), "latin_name")
            if match.group("listed"):
                return (*match.span("listed"), "listed_outlet")
            if self._is_outlet(match.group("cyrillic")):
                return (*match.span("cyrillic"), "cyrillic_name")
        outlet = self._outlet.search(doc.norm)
        return (*outlet.span("latin"), "outlet_word") if outlet else None

    def _is_outlet(self, word: str) -> bool:
        """ "Казинформ": a capitalized word that is no body and that pymorphy3 knows as nothing but an
        organisation (not "Главной", "Центр", "Ерлан")."""
        if yo(word).lower() in self._bodies:
            return False
        readings = parses(word.lower())
        return any("Orgn" in p.tag for p in readings) or not any(p.is_known for p in readings)
