"""What instructions and priorities share: their trigger words, where the clause a trigger opens ends,
and who issued it ("Президент поручил …", "Глава государства отметил важность …").

The triggers, clause marks and titles of a document are found once (`Statements.read`); every
trigger then finds its clause end and issuer by bisection, so a sentence of thousands of triggers
takes time linear in its length.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from briefx.document import Document
from briefx.extract.people import Named
from briefx.extract.shapes import END, FLAGS, WORD, H
from briefx.extract.spans import Ordered
from briefx.lexicon import Lexicon, alternation, form_key, word_start
from briefx.model import Person
from briefx.morph import parses

# Before a next trigger: ", а также потребовал …" ends the clause at the comma
JOINT = regex.compile(rf"{H}*(?:,{H}*)?(?:(?:а{H}+также|и){H}+)?\Z", regex.IGNORECASE)
SENTENCE_MARK = regex.compile(r"[.;!?\n]")
TITLE_PHRASE_WORDS = 8  # "Аким Карагандинской области": the genitives a title takes, at most


class Statements:
    """The trigger patterns of instructions and priorities, built once per pipeline."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.triggers = {form_key(t.phrase): t for t in lexicon.instruction_verbs}
        verbs = [t.phrase for t in lexicon.instruction_verbs]
        self.instruction = regex.compile(rf"{word_start(verbs)}(?:{alternation(verbs)}){END}", FLAGS)
        verbs = lexicon.priority_verbs
        self.priority = regex.compile(rf"{word_start(verbs)}(?:{alternation(verbs)}){END}", FLAGS)
        # The end of a statement's clause: punctuation, a quoted report ('…", - сказал он'), or a
        # subordinate clause that gives a reason rather than an instruction (", чтобы …", ", отметив …")
        breaks = alternation(lexicon.clause_breaks)
        self.clause_mark = regex.compile(rf"[.;!?\n]|\"\s*,?\s*-|,\s*(?:{breaks})(?!\w)", regex.IGNORECASE)

    def read(self, doc: Document, persons: Sequence[Person]) -> DocumentStatements:
        return DocumentStatements(self, doc, persons)


class DocumentStatements:
    """One document's triggers, clause marks, titles and people, found once."""

    def __init__(self, statements: Statements, doc: Document, persons: Sequence[Person]):
        self.doc = doc
        self.lexicon = statements.lexicon
        self.instructions = list(statements.instruction.finditer(doc.norm))
        self.priorities = list(statements.priority.finditer(doc.norm))
        self._triggers = Ordered([*self.instructions, *self.priorities], regex.Match.span)
        self._marks = Ordered(statements.clause_mark.finditer(doc.norm), regex.Match.span)
        self._titles = Ordered(self.lexicon.titles.finditer(doc.norm), regex.Match.span)
        self.people = Named(persons)

    def clause_end(self, pos: int) -> int:
        """Up to punctuation, a reason clause, or the next trigger ("…, а также потребовал …")."""
        doc = self.doc
        sentence_stop = doc.sentence_stop(pos)
        mark = self._marks.first_inside(pos, sentence_stop)
        cuts = [mark.start() if mark else sentence_stop]
        following = self._triggers.first_inside(pos, sentence_stop)
        if following:
            joint = JOINT.search(doc.norm, pos, following.start())
            cuts.append(joint.start() if joint else following.start())
        return min(cuts)

    def sentence_end(self, pos: int) -> int:
        """The next sentence mark after `pos` (".", ";", "!", "?", a line break) within its sentence."""
        sentence_stop = self.doc.sentence_stop(pos)
        end = SENTENCE_MARK.search(self.doc.norm, pos, sentence_stop)
        return end.start() if end else sentence_stop

    def issuer(self, trigger: int) -> str | None:
        """The person named or titled before the trigger in its sentence.

        A title resolves to its office holder when the text names him ("Глава государства" ->
        "Касым-Жомарт Токаев"); a bare title right after a sentence opened by a person is that person
        ("Олжас Бектенов провел заседание. Премьер-министр поручил …"); else the title as written,
        with its genitives ("Аким области").
        """
        doc = self.doc
        begin = doc.sentence_start(trigger)
        named = self.people.last_inside(begin, trigger)
        title = self._titles.last_inside(begin, trigger)
        if title is None or (named and title.start() < named.start):
            return named.name if named else None
        resolved = self.people.resolve(title.group(), self.lexicon.titles, self.lexicon.office_holders)
        if resolved != title.group():
            return resolved
        phrase_end = title.end()
        for n, word in enumerate(WORD.finditer(doc.norm, title.end(), trigger)):
            if n == TITLE_PHRASE_WORDS or word.group()[0].isupper() or not _genitive(word.group()):
                break
            phrase_end = word.end()
        if phrase_end == title.end():
            opener = self._previous_sentence_opener(title.start())
            if opener is not None and opener.title in (None, self.lexicon.titles.key_of(title.group())):
                return opener.name
        return doc.original[title.start() : phrase_end]

    def _previous_sentence_opener(self, offset: int) -> Person | None:
        index = self.doc.sentence_of(offset)
        if index == 0 or not self.doc.sentences:
            return None
        return self.people.starting_at(self.doc.sentences[index - 1].start)


def _genitive(word: str) -> bool:
    return any(p.tag.case == "gent" for p in parses(word.lower()))
