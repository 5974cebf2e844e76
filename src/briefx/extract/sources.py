"""The credited source: "передает BAQ.KZ" -> Source("BAQ.KZ"), "со ссылкой на пресс-службу акимата" ->
Source("пресс-служба акимата"), glued "передаетTengrinews.kz.Как" -> Source("Tengrinews.kz")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.names import capitalized
from briefx.extract.shapes import FLAGS, LETTER_WORD, WORD, H
from briefx.lexicon import Lexicon, alternation
from briefx.model import Source
from briefx.morph import parses, yo

# A domain part is lowercase or a short uppercase code: "Tengrinews.kz", "BAQ.KZ", not "Tengrinews.kz.Tengri…";
# a Latin name may go on in Cyrillic: "Sputnik Казахстан"
LATIN = r"(?-i:[A-Z][A-Za-z0-9-]*(?:\.(?:[a-z]{2,6}|[A-Z]{2,3})(?![A-Za-z]))*(?:[ ][А-ЯЁ][а-яё]+)?)"
CYRILLIC = r"(?-i:[А-ЯЁ][\w-]+)"
# "передает корреспондент агентства Kazinform": a few lowercase words may stand before a Latin name
GAP = rf"(?:{H}+(?-i:[а-яё]+)){{1,3}}"
PRESS_SERVICE = r"пресс-служб\w*"
GENITIVES = rf"(?:{H}+{LETTER_WORD}){{0,4}}"  # words after a body, kept while they are genitives


class Sources(Component):
    name = "source"
    produces = ("source",)  # one Source or None, not a tuple

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        verbs = alternation(lexicon.source_verbs)
        # "передаетTengrinews.kz" is glued in scraped text: no space is needed after the verb
        self._source = regex.compile(
            rf"(?<!\w)(?:{verbs})(?:{H}*(?P<latin>{LATIN})|{GAP}{H}+(?P<latin>{LATIN})"
            rf"|{H}+(?:в{H}+)?(?P<body>(?:{PRESS_SERVICE}|{CYRILLIC}){GENITIVES}))",
            FLAGS,
        )

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        for match in self._source.finditer(doc.norm):
            source = self._latin(doc, match) if match.group("latin") else self._body(doc, match)
            if source is not None:
                return {"source": source}
        return {"source": None}

    def _latin(self, doc: Document, match: regex.Match) -> Source:
        start, stop = match.span("latin")
        return Source(**doc.span(start, stop), name=doc.original[start:stop], rule=self.rule("latin_name"))

    def _body(self, doc: Document, match: regex.Match) -> Source | None:
        """ "пресс-службу акимата" -> "пресс-служба акимата", "Бюро национальной статистики", "Минсельхоза" -> "Минсельхоз"."""
        words = list(WORD.finditer(doc.norm[: match.end("body")], pos=match.start("body")))
        head = words[0].group()
        first = parses(head.lower())[0]
        if first.tag.POS not in ("NOUN", None) and not head.isupper() or first.tag.case == "datv":
            return None  # "сообщает Главной …", "передает Узбекистану электроэнергию"
        stop = words[0].end()
        for word in words[1:]:
            if not any(p.tag.case == "gent" for p in parses(word.group().lower())) or parses(word.group().lower())[0].tag.POS in (
                "VERB",
                "INFN",
            ):
                break
            stop = word.end()
        start = words[0].start()
        rest = doc.original[words[0].end() : stop]
        if head.lower().startswith("пресс-служб"):
            name = "пресс-служба" + rest
        elif head.isupper():
            name = doc.original[start:stop]
        else:
            nominative = next((p.inflect({"nomn"}) for p in parses(head.lower()) if p.tag.case in ("gent", "accs", "loct")), None)
            name = (capitalized(yo(nominative.word)) if nominative else doc.original[start : words[0].end()]) + rest
        return Source(**doc.span(start, stop), name=" ".join(name.split()), rule=self.rule("body"))
