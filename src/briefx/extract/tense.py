"""The tense of the clause around a date, from pymorphy3's reading of its verbs: "осенью собрали урожай"
is past (the last autumn), "осенью начнется стройка" future (the next one), "сегодня никто не угрожает"
present (nowadays, not a day).
"""

from __future__ import annotations

import regex

from briefx.document import Document
from briefx.extract.shapes import FLAGS
from briefx.morph import parses

PAST, PRESENT, FUTURE = "past", "present", "future"

# A clause ends at these (a dash between spaces too: "Осенью – выборы"); the window is bounded, so every
# date costs at most a few dozen words
_CLAUSE_BREAK = regex.compile(r"[,;:()\"\n!?]|\s-\s|\.(?=\s|$)", FLAGS)
_WORD = regex.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", FLAGS)
WINDOW = 160  # characters each side of the date


class Tenses:
    """Tense of the clause around a position; `plan_words` ("планируется", "предстоит") make a clause
    about the future whatever the grammar says. One per document; clauses are read once."""

    def __init__(self, doc: Document, plan_words: frozenset[str]) -> None:
        self.doc = doc
        self.plan_words = plan_words
        self._cache: dict[tuple[int, int], tuple[str | None, bool]] = {}

    def at(self, start: int, stop: int) -> str | None:
        """PAST, PRESENT or FUTURE for the clause around [start, stop), else for its sentence; None
        when neither has a finite verb (or a participle) to say."""
        clause = self._clause(start, stop)
        tense = self._read(*clause)[0]
        if tense is None:
            sentence = (max(self.doc.sentence_start(start), start - WINDOW), min(self.doc.sentence_stop(start), stop + WINDOW))
            if sentence != clause:
                tense = self._read(*sentence)[0]
        return tense

    def to_do(self, start: int, stop: int) -> bool:
        """Whether the clause around [start, stop) has an infinitive: something still to be done, whatever
        the tense of the verb that asks for it ("поручил до 25 марта внести предложения")."""
        return self._read(*self._clause(start, stop))[1]

    def _clause(self, start: int, stop: int) -> tuple[int, int]:
        norm = self.doc.norm
        low = max(self.doc.sentence_start(start), start - WINDOW)
        high = min(self.doc.sentence_stop(start), stop + WINDOW)
        begin = low
        for found in _CLAUSE_BREAK.finditer(norm, low, start):
            begin = found.end()
        end = _CLAUSE_BREAK.search(norm, stop, high)
        return begin, end.start() if end else high

    def _read(self, begin: int, end: int) -> tuple[str | None, bool]:
        key = (begin, end)
        if key not in self._cache:
            self._cache[key] = self._tense(begin, end)
        return self._cache[key]

    def _tense(self, begin: int, end: int) -> tuple[str | None, bool]:
        """A plan or a future verb wins over a past one, a past one over the present: "заявил, что
        будет" has both, and the clause that says "будет" is about the future."""
        seen = set()
        infinitive = False
        for word in _WORD.finditer(self.doc.norm, begin, end):
            lower = word.group().lower()
            if lower in self.plan_words:
                seen.add(FUTURE)
                continue
            best = parses(lower)[0].tag
            infinitive = infinitive or best.POS == "INFN"
            if best.POS == "VERB":
                seen.add({"past": PAST, "pres": PRESENT, "futr": FUTURE}.get(best.tense or "", PRESENT))
            elif best.POS == "PRTS":  # "построен", "завершены": done
                seen.add(PAST)
            elif best.POS == "PRED" and lower in ("нет", "есть"):  # "сегодня нет": a state now
                seen.add(PRESENT)
        for tense in (FUTURE, PAST, PRESENT):
            if tense in seen:
                return tense, infinitive
        return None, infinitive
