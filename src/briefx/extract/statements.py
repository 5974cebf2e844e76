"""What instructions and priorities share: their trigger words, where the clause a trigger opens ends,
and who issued it ("Президент поручил …", "Глава государства отметил важность …")."""

from __future__ import annotations

import regex

from briefx.document import Document
from briefx.extract.people import resolve_title
from briefx.extract.shapes import END, FLAGS, WORD, H
from briefx.lexicon import Lexicon, alternation, form_key, word_start
from briefx.model import Person
from briefx.morph import parses

# Before a next trigger: ", а также потребовал …" ends the clause at the comma
JOINT = regex.compile(rf"{H}*(?:,{H}*)?(?:(?:а{H}+также|и){H}+)?\Z", regex.IGNORECASE)
SENTENCE_MARK = regex.compile(r"[.;!?\n]")


class Statements:
    """The triggers of instructions and priorities, found and read the same way by both components."""

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
        self._clause_end = regex.compile(rf"[.;!?\n]|\"\s*,?\s*-|,\s*(?:{breaks})(?!\w)", regex.IGNORECASE)

    def clause_end(self, doc: Document, pos: int) -> int:
        """Up to punctuation, a reason clause, or the next trigger ("…, а также потребовал …")."""
        sentence_stop = doc.sentence_stop(pos)
        end = self._clause_end.search(doc.norm, pos, sentence_stop)
        cuts = [end.start() if end else sentence_stop]
        for trigger in (self.instruction, self.priority):
            following = trigger.search(doc.norm, pos, sentence_stop)
            if following:
                joint = JOINT.search(doc.norm, pos, following.start())
                cuts.append(joint.start() if joint else following.start())
        return min(cuts)

    @staticmethod
    def sentence_end(doc: Document, pos: int) -> int:
        """The next sentence mark after `pos` (".", ";", "!", "?", a line break) within its sentence."""
        sentence_stop = doc.sentence_stop(pos)
        end = SENTENCE_MARK.search(doc.norm, pos, sentence_stop)
        return end.start() if end else sentence_stop

    def issuer(self, doc: Document, trigger: int, persons: list[Person]) -> str | None:
        """The person named or titled before the trigger in its sentence.

        A title resolves to its office holder when the text names him ("Глава государства" ->
        "Касым-Жомарт Токаев"); a bare title right after a sentence opened by a person is that person
        ("Олжас Бектенов провел заседание. Премьер-министр поручил …"); else the title as written,
        with its genitives ("Аким области").
        """
        begin = doc.sentence_start(trigger)
        named = [p for p in persons if begin <= p.start < trigger]
        titles = list(self.lexicon.titles.finditer(doc.norm, begin, trigger))
        if not titles or (named and titles[-1].start() < named[-1].start):
            return named[-1].name if named else None
        title = titles[-1]
        resolved = resolve_title(title.group(), persons, self.lexicon.titles, self.lexicon.office_holders)
        if resolved != title.group():
            return resolved
        phrase_end = title.end()
        for word in WORD.finditer(doc.norm, title.end(), trigger):
            if word.group()[0].isupper() or not any(p.tag.case == "gent" for p in parses(word.group().lower())):
                break
            phrase_end = word.end()
        if phrase_end == title.end():
            opener = self._previous_sentence_opener(doc, title.start(), persons)
            if opener is not None and opener.role in (None, self.lexicon.titles.key_of(title.group())):
                return opener.name
        return doc.original[title.start() : phrase_end]

    @staticmethod
    def _previous_sentence_opener(doc: Document, offset: int, persons: list[Person]) -> Person | None:
        index = doc.sentence_of(offset)
        if index == 0 or not doc.sentences:
            return None
        previous = doc.sentences[index - 1]
        return next((p for p in persons if p.sentence == index - 1 and p.start == previous.start), None)
