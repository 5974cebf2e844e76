"""Priorities: "отметил важность развития сахарной отрасли, …" -> issuer and the topics as written."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.shapes import WORD, H
from briefx.extract.statements import Statements
from briefx.lexicon import Lexicon, alternation
from briefx.model import Priority
from briefx.morph import parses, yo

TOPIC_HEAD_WORDS = 8  # the noun that opens a topic stands among its first words
TOPIC_SEPARATOR = regex.compile(rf",{H}*(?:а{H}+также{H}+|и{H}+)?|{H}+(?:а{H}+также|и){H}+")


class Priorities(Component):
    name = "priorities"
    needs = ("people",)  # issuers
    produces = ("priorities",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.statements = Statements.of(lexicon)
        # "обратил внимание на необходимость ремонта школ": the topic is "ремонта школ"
        self._intro = regex.compile(rf"{H}*(?:(?:{alternation(lexicon.topic_intros)}){H}+)?", regex.IGNORECASE)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        statements = self.statements.read(doc, found["people"])
        out = []
        for match in statements.priorities:
            stop = statements.clause_end(match.end())
            body = self._intro.match(doc.norm, match.end(), stop)
            remark = match.group().lower().endswith(" на") and body is not None and not body.group().strip()
            if remark and not self._task_follows(doc, match.end(), stop):
                continue  # "обратил внимание на важный посыл": a remark on what was said, no emphasis of a task
            topics = self._topics(doc, body.end() if body else match.end(), stop)
            out.append(
                Priority(
                    **doc.span(match.start(), stop),
                    issuer=statements.issuer(match.start()),
                    topics=topics,
                    rule=self.rule("trigger"),
                )
            )
        return {"priorities": out}

    def _topics(self, doc: Document, start: int, stop: int) -> tuple[str, ...]:
        """Split at ", " / " и " / ", а также " where the next item opens with a topic noun."""
        cuts = [start]
        for sep in TOPIC_SEPARATOR.finditer(doc.norm, start, stop):
            head = _first_noun(doc, sep.end(), stop)
            if head is not None and self._is_topic_head(head.group()):
                cuts += [sep.start(), sep.end()]
        cuts.append(stop)
        return tuple(doc.original[a:b].strip() for a, b in zip(cuts[::2], cuts[1::2], strict=True) if b > a)

    def _task_follows(self, doc: Document, start: int, stop: int) -> bool:
        """After "обратил внимание на": the first noun is a task or field ("обеспечение", "ремонт",
        "защита"), an abstract noun of topic_suffixes.txt or topic_heads.txt, in the accusative."""
        first = _first_noun(doc, start, stop)
        return first is not None and self._is_topic_head(first.group(), "accs")

    def _is_topic_head(self, word: str, case: str = "gent") -> bool:
        """A topic is a genitive after "важность": "…, здравоохранения"; "… и созданию …" depends on "по".
        (After "обратил внимание на" it is in the accusative.)"""
        reading = next((p for p in parses(word.lower()) if p.tag.POS == "NOUN" and p.tag.case == case), None)
        if reading is None:
            return False
        lemma = yo(reading.normal_form)
        return lemma.endswith(self.lexicon.topic_suffixes) or lemma in self.lexicon.topic_heads


def _first_noun(doc: Document, start: int, stop: int) -> regex.Match | None:
    """The first noun among the TOPIC_HEAD_WORDS words from `start`: what opens a topic."""
    words = islice(WORD.finditer(doc.norm, start, stop), TOPIC_HEAD_WORDS)
    return next((w for w in words if parses(w.group().lower())[0].tag.POS == "NOUN"), None)
