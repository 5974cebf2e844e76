"""What instructions and priorities share: their trigger words, where the clause a trigger opens ends,
and who issued it ("Президент поручил …", "Глава государства отметил важность …").

The triggers, clause marks and titles of a document are found once (`Statements.read`); every
trigger then finds its clause end and issuer by bisection, so a sentence of thousands of triggers
takes time linear in its length.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from itertools import islice

import regex

from briefx.document import Document
from briefx.extract.names import phrase_to_nominative
from briefx.extract.phrases import words_before
from briefx.extract.shapes import END, FLAGS, WORD, H
from briefx.extract.spans import Ordered
from briefx.extract.speakers import FIRST_PERSON, THIRD_PERSON, Speakers, attribution_pattern
from briefx.lexicon import Lexicon, alternation, form_key, word_start
from briefx.model import Person
from briefx.morph import parses

# Before a next trigger: ", а также потребовал …" ends the clause at the comma
JOINT = regex.compile(rf"{H}*(?:,{H}*)?(?:(?:а{H}+также|и){H}+)?\Z", regex.IGNORECASE)
SENTENCE_MARK = regex.compile(r"[.;!?\n]")
TITLE_PHRASE_WORDS = 8  # "Аким Карагандинской области": the genitives a title takes, at most
SUBJECT_WORDS = 6  # words before a trigger searched for a pronoun or surname: "Токаев также поручил"
AGENT_WORDS = 4  # words after "по поручению" that name who gave it: "акима Алматы", "Президента РК"


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
        # ", передает Tengrinews.kz", ", сообщает пресс-служба": the attribution of the report ends it too
        credits = alternation(lexicon.source_verbs)
        self.clause_mark = regex.compile(
            rf"[.;!?\n\p{{So}}]|\"\s*,?\s*-|,\s*(?:{breaks})(?!\w)|,\s*(?:{credits})(?!\w)", regex.IGNORECASE
        )
        self.attribution = attribution_pattern(lexicon)
        self._last: DocumentStatements | None = None

    @classmethod
    def of(cls, lexicon: Lexicon) -> Statements:
        """The one of a lexicon: instructions and priorities share its patterns and the document it
        read last, so a document's triggers, quotes and speakers are found once, not once each."""
        shared = _SHARED.get(lexicon)
        if shared is None:
            shared = _SHARED[lexicon] = cls(lexicon)
        return shared

    def read(self, doc: Document, persons: Sequence[Person]) -> DocumentStatements:
        last = self._last
        if last is not None and last.doc is doc and last.persons is persons:
            return last
        self._last = read = DocumentStatements(self, doc, persons)
        return read


_SHARED: weakref.WeakKeyDictionary[Lexicon, Statements] = weakref.WeakKeyDictionary()


class DocumentStatements:
    """One document's triggers, clause marks, titles and people, found once."""

    def __init__(self, statements: Statements, doc: Document, persons: Sequence[Person]):
        self.doc = doc
        self.persons = persons
        self.lexicon = statements.lexicon
        self.instructions = list(statements.instruction.finditer(doc.norm))
        self.priorities = list(statements.priority.finditer(doc.norm))
        self._triggers = Ordered([*self.instructions, *self.priorities], regex.Match.span)
        self._marks = Ordered(statements.clause_mark.finditer(doc.norm), regex.Match.span)
        self.speakers = Speakers(doc, persons, self.lexicon, statements.attribution)

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
        """Who gave the instruction or stressed the priority at `trigger`.

        The subject before the trigger in its sentence: a person (by the fullest name the article gives:
        "Токаев поручил" -> "Касым-Жомарт Токаев"), a title (the person holding it in this article:
        "Глава государства" -> "Касым-Жомарт Токаев"; else the title with its genitives, "Аким
        области"), a pronoun ("Он отметил", "Я поручил" in a quote: its speaker). Failing that, the
        speaker of the quote the trigger stands in ('"Поручаю …", - отметил Президент'). A bare title
        right after a sentence opened by a person is that person ("Олжас Бектенов провел заседание.
        Премьер-министр поручил …").
        """
        doc = self.doc
        begin = doc.sentence_start(trigger)
        quote = self.speakers.quote_at(trigger)
        if quote is not None:  # a subject before the trigger counts only inside the quote
            begin = max(begin, quote.start)
        subject = self._subject_before(begin, trigger)
        if subject is not None:
            return subject
        return quote.speaker if quote is not None else None

    def agent(self, trigger: regex.Match) -> str | None:
        """ "по поручению акима Алматы" -> "аким Алматы"; "по моему поручению" in a quote -> its speaker;
        "по его поручению" -> the person last named."""
        doc = self.doc
        words = trigger.group().split()
        if len(words) > 2 and words[1].lower() in FIRST_PERSON | THIRD_PERSON:  # "по моему поручению"
            return self.speakers.resolve(trigger.start() + len(words[0]) + 1, trigger.start() + len(words[0]) + 1 + len(words[1]))
        after = list(islice(WORD.finditer(doc.norm, trigger.end(), doc.sentence_stop(trigger.end())), AGENT_WORDS))
        if not after:
            return None
        person = self.speakers.named.last_inside(trigger.end(), after[-1].end())
        if person is not None and person.start == after[0].start():
            return self.speakers.full_name(person)
        title = self.speakers.titles.first_inside(trigger.end(), after[-1].end())
        if title is not None and title.start() == after[0].start():
            return self._title_phrase(title, after[-1].end())
        return None

    def _subject_before(self, begin: int, trigger: int) -> str | None:
        """The last person, title, pronoun or known surname before the trigger within [begin, trigger)."""
        person = self.speakers.named.last_inside(begin, trigger)
        title = self.speakers.titles.last_inside(begin, trigger)
        if title is not None and not _can_be_subject(title.group().split()[0]):
            title = None  # "Кабинету министров поручено": a title in the genitive or dative issues nothing
        word = self._pronoun_or_surname(begin, trigger)
        starts = {
            "person": person.start if person else -1,
            "title": title.start() if title else -1,
            "word": word.start() if word else -1,
        }
        last = max(starts, key=lambda k: starts[k])
        if starts[last] < 0:
            return None
        if last == "person" and person is not None:
            return self.speakers.full_name(person)
        if last == "title" and title is not None:
            return self._title_phrase(title, trigger)
        assert word is not None
        resolved = self.speakers.resolve(word.start(), word.end())
        if resolved is None and word.group()[:1].isupper():
            return self.speakers.surname(word.group()) or word.group()
        return resolved

    def _pronoun_or_surname(self, begin: int, trigger: int) -> regex.Match | None:
        """ "Он поручил", "Я поручил", "Токаев поручил": the last such word shortly before the trigger."""
        for word in reversed(words_before(self.doc.norm, begin, trigger)[-SUBJECT_WORDS:]):
            text = word.group()
            if text.lower() in FIRST_PERSON | THIRD_PERSON and len(text) > 1:
                return word
            if text[:1].isupper() and self.speakers.surname(text) is not None:
                return word
        return None

    def _title_phrase(self, title: regex.Match, end: int) -> str:
        """The person holding the title in this article, else the title with its genitives."""
        resolved = self.speakers.title_holder(title)
        if resolved != self.doc.original[title.start() : title.end()]:
            return resolved
        words = [title]
        for n, word in enumerate(WORD.finditer(self.doc.norm, title.end(), end)):
            gap = self.doc.norm[words[-1].end() : word.start()]
            if n == TITLE_PHRASE_WORDS or not is_genitive(word.group()) or any(c.isdigit() or c in ",;:" for c in gap):
                break  # "аким Алматы", "Аким области"; not "министра | 11 эвакуированных лиц"
            words.append(word)
        if len(words) == 1:
            opener = self._previous_sentence_opener(title.start())
            if opener is not None and opener.title in (None, self.lexicon.titles.key_of(title.group())):
                return self.speakers.full_name(opener)
        # the title in the nominative, its genitives as written: "по поручению акима Алматы" -> "аким Алматы"
        title_words = list(WORD.finditer(self.doc.norm, title.start(), title.end()))
        nominative = phrase_to_nominative(self.doc, title_words, None) if title_words else None
        head = nominative if nominative else self.doc.original[title.start() : title.end()]
        rest = self.doc.original[title.end() : words[-1].end()]
        return head + rest

    def _previous_sentence_opener(self, offset: int) -> Person | None:
        index = self.doc.sentence_of(offset)
        if index == 0 or not self.doc.sentences:
            return None
        return self.speakers.named.starting_at(self.doc.sentences[index - 1].start)


def is_genitive(word: str) -> bool:
    """A word that can be a genitive and is no preposition, conjunction or particle ("акима", "Алматы")."""
    readings = parses(word.lower())
    return readings[0].tag.POS not in ("PREP", "CONJ", "PRCL") and any(p.tag.case == "gent" for p in readings)


def _can_be_subject(word: str) -> bool:
    """A word that may stand as the subject of an active trigger (nominative) or the agent of a passive
    one ("Главой государства поручено": instrumental)."""
    return any(p.tag.case in ("nomn", "ablt") for p in parses(word.lower())) or word.isupper()
