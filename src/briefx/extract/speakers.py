"""Who speaks where in one article, and whom a title, a surname or a pronoun means.

    "Поручаю министру науки заняться этим вопросом", - отметил Президент Казахстана.
        -> the quote's speaker is the President, "Касым-Жомарт Токаев" where the article names him;
    "Я поручил выработать механизм …" inside that quote -> the same speaker;
    "Токаев поручил …" -> the full name the article gives ("Касым-Жомарт Токаев");
    "Он также считает необходимым …" -> the person last named before it.

Quotes are found once per document with the attribution that follows them ('…", - сказал X') or
precedes them ('X: "…"', 'X заявил: "…"'); every question after that is a bisection or a lookup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from briefx.document import Document
from briefx.extract.people import Named
from briefx.extract.shapes import FLAGS, H
from briefx.extract.spans import Ordered
from briefx.lexicon import Lexicon, alternation, verb_forms, word_start
from briefx.model import Person

TITLE_REACH = 1000  # characters back a pronoun looks for the title it stands for
QUOTE_REACH = 3000  # characters a quoted speech may run back from its closing quote
SPEAKER_REACH = 80  # characters of the phrase naming the speaker after "- сказал"
FIRST_PERSON = frozenset({"я", "мною", "мной", "меня", "мне", "моему", "моим", "мы", "нами", "наш", "нашему"})
THIRD_PERSON = frozenset({"он", "она", "его", "ее", "её", "ему", "ей"})


@dataclass(frozen=True)
class Quote:
    start: int  # the opening quote
    stop: int  # after the closing quote
    speaker: str | None  # resolved: a full name, or a title as written


class Speakers:
    """The quotes of a document and their speakers, and the resolution of titles, surnames, pronouns."""

    def __init__(self, doc: Document, people: Sequence[Person], lexicon: Lexicon, speech: regex.Pattern):
        self.doc = doc
        self.lexicon = lexicon
        self.named = Named(people)
        self.people = sorted(people, key=lambda p: p.start)
        self._starts = [p.start for p in self.people]
        self.titles = Ordered(lexicon.titles.finditer(doc.norm), regex.Match.span)
        self._fullest = _fullest_names(self.people)
        self.quotes = self._quotes(speech)
        self._quote_starts = [q.start for q in self.quotes]

    # --- questions

    def quote_at(self, offset: int) -> Quote | None:
        i = bisect_right(self._quote_starts, offset) - 1
        if i >= 0 and self.quotes[i].start < offset < self.quotes[i].stop:
            return self.quotes[i]
        return None

    def resolve(self, start: int, stop: int) -> str | None:
        """Whom the words in [start, stop) name: a person mentioned there (by the fullest name the
        article gives), a title (the person holding it in this article, else the title as written), a
        first-person pronoun inside a quote (its speaker), a third-person one (the person last named)."""
        person = self.named.last_inside(start, stop)
        if person is not None:
            return self.full_name(person)
        title = self.titles.last_inside(start, stop)
        if title is not None:
            return self.title_holder(title)
        word = self.doc.norm[start:stop].strip().lower()
        if word in FIRST_PERSON:
            quote = self.quote_at(start)
            return quote.speaker if quote else None
        if word in THIRD_PERSON:
            return self.last_named_before(start)
        return None

    def title_holder(self, title: regex.Match) -> str:
        """ "Глава государства" -> "Касым-Жомарт Токаев" when the article names him; else the title with
        the genitives it takes ("аким Алматы")."""
        resolved = self.named.resolve(title.group(), self.lexicon.titles, self.lexicon.office_holders)
        if resolved != title.group():
            return self._fullest.get(resolved.split()[-1], resolved)
        return self.doc.original[title.start() : title.end()]

    def full_name(self, person: Person) -> str:
        """ "Токаев" -> "Касым-Жомарт Токаев" when the article names him in full."""
        return self._fullest.get(person.name.split()[-1], person.name)

    def surname(self, word: str) -> str | None:
        """ "Токаев", "Токаева" -> the fullest name the article gives that surname, if it names him."""
        lowered = word.lower()
        for surname, name in self._fullest.items():
            key = surname.lower()
            if lowered == key or (lowered.startswith(key) and len(lowered) - len(key) <= 2):
                return name
        return None

    def last_named_before(self, offset: int) -> str | None:
        """The person or title named last before `offset` ("Президент сообщил, что по его поручению …")."""
        i = bisect_right(self._starts, offset) - 1
        person = self.people[i] if i >= 0 else None
        title = self.titles.last_inside(max(0, offset - TITLE_REACH), offset)
        if title is not None and (person is None or title.start() > person.start):
            return self.title_holder(title)
        return self.full_name(person) if person is not None else None

    # --- finding the quotes

    def _quotes(self, speech: regex.Pattern) -> list[Quote]:
        """Speech in quotes with its attribution: '"…", - отметил Президент', 'Вячеслав Ким: "…"'."""
        text = self.doc.norm
        marks = [m.start() for m in regex.finditer('"', text)]
        found: list[Quote] = []
        for attribution in speech.finditer(text):
            close = attribution.start()
            opening = _opening(text, marks, close)
            if opening is None:
                continue
            speaker = self.resolve(attribution.start("speaker"), attribution.end("speaker"))
            found.append(Quote(opening, close + 1, speaker))
        for lead in _LEAD.finditer(text):  # "Вячеслав Ким:"Вместе …"" : the speaker before the colon
            closing = _closing(text, marks, lead.end() - 1)
            if closing is None or any(q.start <= lead.end() - 1 < q.stop for q in found[-3:]):
                continue
            start = max(self.doc.sentence_start(lead.start()), lead.start() - SPEAKER_REACH)
            speaker = self.resolve(start, lead.start() + 1)
            found.append(Quote(lead.end() - 1, closing + 1, speaker))
        return sorted(found, key=lambda q: q.start)


# An attribution after a closing quote: '…", - отметил Глава государства', '…" – сказал он'
def attribution_pattern(lexicon: Lexicon) -> regex.Pattern:
    verbs = sorted({form for verb in lexicon.speech_verbs for form in verb_forms(verb)})
    return regex.compile(
        rf'"{H}*,?{H}*-{H}*{word_start(verbs)}(?:{alternation(verbs)})(?!\w){H}+(?P<speaker>[^.,;:!?"\n]{{1,{SPEAKER_REACH}}})',
        FLAGS,
    )


_LEAD = regex.compile(rf'[^\W\d_][\w-]*{H}*:{H}*"')  # 'Вячеслав Ким: "', 'Ким:"'


def _opening(text: str, marks: list[int], close: int) -> int | None:
    """The quote that opens the speech closed at `close`: the nearest one before it with an even
    number of quotes between (names in quotes inside the speech) that stands where a speech starts."""
    i = bisect_right(marks, close - 1) - 1
    between = 0
    while i >= 0 and close - marks[i] <= QUOTE_REACH:
        position = marks[i]
        before = text[position - 1] if position > 0 else "\n"
        if between % 2 == 0 and (before.isspace() or before in ":(") and position + 1 < close:
            return position
        between += 1
        i -= 1
    return None


def _closing(text: str, marks: list[int], opening: int) -> int | None:
    """The quote that closes the speech opened at `opening` (quotes of names inside it come in pairs)."""
    i = bisect_right(marks, opening)
    between = 0
    while i < len(marks) and marks[i] - opening <= QUOTE_REACH:
        position = marks[i]
        after = text[position + 1] if position + 1 < len(text) else "\n"
        if between % 2 == 0 and (after.isspace() or after in ",.;-"):
            return position
        between += 1
        i += 1
    return None


def _fullest_names(people: Sequence[Person]) -> dict[str, str]:
    """Surname -> the longest name the article gives it: "Токаев" -> "Касым-Жомарт Токаев"."""
    out: dict[str, str] = {}
    for person in people:
        surname = person.name.split()[-1]
        if len(person.name.split()) > len(out.get(surname, "").split()):
            out[surname] = person.name
    return out
