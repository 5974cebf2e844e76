"""Instructions ("Президент поручил держать на контроле …") and priorities ("отметил важность …").

A trigger from data/instruction_verbs.txt, an addressee in the dative right after it, then the
instructed clause from its infinitive to the end of the clause; "обеспечить X, а также усилить Y"
gives one instruction per infinitive. The issuer is the person or title before the trigger.
"""

from __future__ import annotations

import regex

from briefx.extract.document import Document
from briefx.extract.patterns import END, H
from briefx.extract.people import PeopleExtractor
from briefx.lexicon import alternation, word_list
from briefx.model import Instruction, Period, Person, Priority
from briefx.morph import parses

FLAGS = regex.IGNORECASE | regex.V0
WORD = regex.compile(r"[^\W\d_][\w-]*")
# The end of the instructed clause: punctuation, a quoted report ('…", - сказал он'), or a subordinate
# clause that gives a reason rather than an instruction (", чтобы …", ", отметив …")
CLAUSE_END = regex.compile(
    r"[.;!?\n]|\"\s*,?\s*-|,\s*(?:чтобы|поскольку|так как|потому что|отметив|подчеркнув|который|которая|которые)(?!\w)",
    regex.IGNORECASE,
)
# "потребовал от акимов", "поставил задачу перед Правительством": the addressee after a preposition
ADDRESSEE_PREPOSITION = regex.compile(rf"{H}+(?:от|перед){H}+", regex.IGNORECASE)
JOINT = regex.compile(rf"(?:,{H}*)?(?:(?:а{H}+также|и){H}+)?\Z", regex.IGNORECASE)  # before a next trigger
NEGATION = regex.compile(
    rf"(?<!\w)не{H}+\Z", regex.IGNORECASE
)  # Where one instructed action ends and the next begins: ", а также", ", и", " и", ", " before an infinitive
SEPARATOR = regex.compile(rf"(?:,{H}*(?:а{H}+также{H}+|и{H}+)?|{H}+и{H}+)(?=[^\W\d_])")
TOPIC_SEPARATOR = regex.compile(rf",{H}*(?:а{H}+также{H}+)?|{H}+а{H}+также{H}+")


class InstructionExtractor:
    def __init__(self, people: PeopleExtractor) -> None:
        self.people = people
        self._trigger = regex.compile(rf"(?<!\w)(?:{alternation(word_list('instruction_verbs.txt'))}){END}", FLAGS)
        self._priority = regex.compile(rf"(?<!\w)(?:{alternation(word_list('priority_verbs.txt'))}){END}", FLAGS)

    def instructions(self, doc: Document, persons: list[Person], periods: list[Period]) -> list[Instruction]:
        found = []
        for match in self._trigger.finditer(doc.norm):
            clause_end = self._clause_end(doc, match.end())
            addressee, action_start = self._addressee(doc, match.end(), clause_end)
            issuer = self._issuer(doc, match.start(), persons)
            for index, (start, stop) in enumerate(self._actions(doc, action_start, clause_end)):
                span_start = match.start() if index == 0 else start
                inside = [p for p in periods if match.start() <= p.start < clause_end and p.last]
                period = inside[0] if inside else None
                found.append(
                    Instruction(
                        **doc.span(span_start, stop),
                        issuer=issuer,
                        addressee=addressee,
                        action=doc.original[start:stop],
                        deadline=period.last if period else None,
                    )
                )
        return found

    def priorities(self, doc: Document, persons: list[Person]) -> list[Priority]:
        found = []
        for match in self._priority.finditer(doc.norm):
            stop = self._clause_end(doc, match.end())
            body_start = match.end() + len(doc.norm[match.end() : stop]) - len(doc.norm[match.end() : stop].lstrip())
            cuts = [body_start]
            for sep in TOPIC_SEPARATOR.finditer(doc.norm, body_start, stop):
                cuts += [sep.start(), sep.end()]
            cuts.append(stop)
            topics = [doc.original[a:b].strip() for a, b in zip(cuts[::2], cuts[1::2], strict=True) if b > a]
            found.append(
                Priority(**doc.span(match.start(), stop), issuer=self._issuer(doc, match.start(), persons), topics=topics)
            )
        return found

    def _clause_end(self, doc: Document, pos: int) -> int:
        """Up to punctuation, a reason clause, or the next trigger ("…, а также потребовал …")."""
        sentence_stop = doc.sentences[doc.sentence_of(pos)].stop if doc.sentences else len(doc.norm)
        end = CLAUSE_END.search(doc.norm, pos, sentence_stop)
        cuts = [end.start() if end else sentence_stop]
        for trigger in (self._trigger, self._priority):
            following = trigger.search(doc.norm, pos, sentence_stop)
            if following:
                joint = JOINT.search(doc.norm, pos, following.start())
                cuts.append(joint.start() if joint else following.start())
        return min(cuts)

    def _addressee(self, doc: Document, pos: int, end: int) -> tuple[str | None, int]:
        """Dative words up to the first infinitive, in the nominative: "акимам областей" -> "акимы областей"."""
        preposition = ADDRESSEE_PREPOSITION.match(doc.norm, pos, end)
        if preposition:
            pos = preposition.end()
        words = list(WORD.finditer(doc.norm, pos, end))
        for i, word in enumerate(words):
            if any(p.tag.POS == "INFN" for p in parses(word.group().lower())[:2]):
                start = word.start()
                negation = NEGATION.search(doc.norm, max(0, start - 4), start)
                start = negation.start() if negation else start  # "не допустить срыва"
                if i == 0 or (negation and i == 1):
                    return None, start
                return self._nominative(doc, self._noun_phrase(words[:i])), start
        first = words[0].start() if words else pos
        return None, first

    @staticmethod
    def _noun_phrase(words: list) -> list:
        """The leading noun phrase and its genitives: "акимам областей" of "акимам областей совместно с …"."""
        kept = []
        for word in words:
            readings = parses(word.group().lower())
            if not any(
                p.tag.case in ("datv", "gent", "ablt", "accs") and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in readings
            ):
                break
            kept.append(word)
        return kept

    @staticmethod
    def _nominative(doc: Document, words: list) -> str | None:
        """The head words (those in the first word's case) to the nominative; their dependents as written."""
        if not words:
            return None
        head = next((p for p in parses(words[0].group().lower()) if p.tag.case in ("datv", "ablt", "gent", "accs")), None)
        out, rest_from = [], words[0].start()
        for word in words:
            text = doc.original[word.start() : word.end()]
            reading = next((p for p in parses(text.lower()) if head and p.tag.case == head.tag.case), None)
            if reading is None or text.isupper() or reading.tag.POS not in ("NOUN", "ADJF", "PRTF"):
                break
            form = reading.inflect({"nomn", "plur" if "plur" in reading.tag else "sing"})
            word_text = form.word if form else text
            out.append(word_text[:1].upper() + word_text[1:] if text[:1].isupper() else word_text)
            rest_from = word.end()
            if reading.tag.POS == "NOUN":
                break  # after the head noun come its dependents: "акимам | областей"
        rest = doc.original[rest_from : words[-1].end()].strip()
        if rest.startswith('"') or '"' in doc.norm[rest_from : words[-1].end() + 1]:
            rest = doc.original[rest_from : words[-1].end() + 1].strip()
        return " ".join(part for part in (" ".join(out), rest) if part) or None

    def _actions(self, doc: Document, start: int, stop: int) -> list[tuple[int, int]]:
        """Split "обеспечить X, а также усилить Y" before each further infinitive."""
        cuts = [start]
        for sep in SEPARATOR.finditer(doc.norm, start, stop):
            following = WORD.match(doc.norm, sep.end())
            if following and any(p.tag.POS == "INFN" for p in parses(following.group().lower())[:1]):
                cuts += [sep.start(), sep.end()]
        cuts.append(stop)
        return [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True) if b > a]

    def _issuer(self, doc: Document, trigger: int, persons: list[Person]) -> str | None:
        """The person named or titled before the trigger in its sentence."""
        begin = doc.clause_start(trigger)
        named = [p for p in persons if begin <= p.start < trigger]
        titles = list(self.people.titles.finditer(doc.norm, begin, trigger))
        if titles and (not named or titles[-1].start() > named[-1].start):
            return self.people.resolve(titles[-1].group(), persons)
        if named:
            return named[-1].name
        return None
