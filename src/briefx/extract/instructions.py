"""Instructions ("Президент поручил держать на контроле …") and priorities ("отметил важность …").

A trigger from data/instruction_verbs.txt, an addressee in the dative right after it, then the
instructed clause from its infinitive to the end of the clause; "обеспечить X, а также усилить Y"
gives one instruction per infinitive. The issuer is the person or title before the trigger.
"""

from __future__ import annotations

import regex

from briefx.extract.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.patterns import END, H
from briefx.extract.people import PeopleExtractor
from briefx.lexicon import alternation, word_list, word_start
from briefx.model import Instruction, Person, Priority
from briefx.morph import parses, yo

FLAGS = regex.IGNORECASE | regex.V0
WORD = regex.compile(r"[^\W\d_][\w-]*")
# The end of the instructed clause: punctuation, a quoted report ('…", - сказал он'), or a subordinate
# clause that gives a reason rather than an instruction (", чтобы …", ", отметив …")
CLAUSE_END = regex.compile(
    r"[.;!?\n]|\"\s*,?\s*-|,\s*(?:чтобы|поскольку|так как|потому что|отметив|подчеркнув|который|которая|которые)(?!\w)",
    regex.IGNORECASE,
)
# "потребовал от акимов", "поставил задачу перед Правительством": the addressee after a preposition
ADDRESSEE_PREPOSITION = regex.compile(rf"{H}+(?P<preposition>от|перед){H}+", regex.IGNORECASE)
PREPOSITION_CASES = {"от": "gent", "перед": "ablt"}
ACCUSATIVE_TRIGGERS = ("обязал",)  # "обязал руководителей" (the others take a dative)
PASSIVE_TRIGGERS = ("поручено", "даны", "дано", "поставлена")
NOUN_ACTION_TRIGGERS = ("необходимость",)
PURPOSE_CLAUSE = regex.compile(rf",{H}*чтобы{H}+", regex.IGNORECASE)
MODIFIERS = ("ADJF", "PRTF")
JOINT = regex.compile(rf"{H}*(?:,{H}*)?(?:(?:а{H}+также|и){H}+)?\Z", regex.IGNORECASE)  # before a next trigger
NEGATION = regex.compile(
    rf"(?<!\w)не{H}+\Z", regex.IGNORECASE
)  # Where one instructed action ends and the next begins: ", а также", ", и", " и", ", " before an infinitive
SEPARATOR = regex.compile(rf"(?:,{H}*(?:а{H}+также{H}+|и{H}+)?|{H}+и{H}+)(?=[^\W\d_])")
TOPIC_SEPARATOR = regex.compile(rf",{H}*(?:а{H}+также{H}+|и{H}+)?|{H}+(?:а{H}+также|и){H}+")
# "обратил внимание на необходимость ремонта школ": the topic is "ремонта школ"
TOPIC_INTRO = regex.compile(rf"{H}*(?:(?:необходимость|важность){H}+)?", regex.IGNORECASE)
ABSTRACT_SUFFIXES = ("ние", "тие", "ство", "ция", "сть", "ка", "изм")


class InstructionExtractor:
    def __init__(self, people: PeopleExtractor) -> None:
        self.people = people
        verbs = word_list("instruction_verbs.txt")
        self._trigger = regex.compile(rf"{word_start(verbs)}(?:{alternation(verbs)}){END}", FLAGS)
        self.topic_heads = frozenset(word_list("topic_heads.txt"))
        verbs = word_list("priority_verbs.txt")
        self._priority = regex.compile(rf"{word_start(verbs)}(?:{alternation(verbs)}){END}", FLAGS)

    def instructions(self, doc: Document, persons: list[Person], periods: PeriodIndex) -> list[Instruction]:
        found = []
        for match in self._trigger.finditer(doc.norm):
            clause_end = self._clause_end(doc, match.end())
            addressee, action_start = self._addressee(doc, match, clause_end)
            if action_start is None:
                # "поставил задачу перед правительством, чтобы …": the purpose clause is the action
                purpose = PURPOSE_CLAUSE.match(doc.norm, clause_end)
                if purpose is None:
                    continue  # a trigger word with nothing instructed after it
                action_start, clause_end = purpose.end(), self._sentence_end(doc, purpose.end())
            issuer = self._issuer(doc, match.start(), persons)
            for index, (start, stop) in enumerate(self._actions(doc, action_start, clause_end)):
                span_start = match.start() if index == 0 else start
                # a deadline is a bound inside the instruction: "до 1 декабря", "к 2027 году"
                inside = [p for p in periods.inside(match.start(), clause_end) if p.bound == "until"]
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
            body = TOPIC_INTRO.match(doc.norm, match.end(), stop)
            topics = self._topics(doc, body.end(), stop)
            found.append(
                Priority(**doc.span(match.start(), stop), issuer=self._issuer(doc, match.start(), persons), topics=topics)
            )
        return found

    def _topics(self, doc: Document, start: int, stop: int) -> tuple[str, ...]:
        """Split at ", " / " и " / ", а также " where the next item opens with a topic noun."""
        cuts = [start]
        for sep in TOPIC_SEPARATOR.finditer(doc.norm, start, stop):
            head = next(
                (w for w in WORD.finditer(doc.norm, sep.end(), stop) if parses(w.group().lower())[0].tag.POS == "NOUN"), None
            )
            if head is not None and self._is_topic_head(head.group()):
                cuts += [sep.start(), sep.end()]
        cuts.append(stop)
        return tuple(doc.original[a:b].strip() for a, b in zip(cuts[::2], cuts[1::2], strict=True) if b > a)

    def _is_topic_head(self, word: str) -> bool:
        """A topic is a genitive after "важность": "…, здравоохранения"; "… и созданию …" depends on "по"."""
        reading = next((p for p in parses(word.lower()) if p.tag.POS == "NOUN" and p.tag.case == "gent"), None)
        if reading is None:
            return False
        lemma = yo(reading.normal_form)
        return lemma.endswith(ABSTRACT_SUFFIXES) or lemma in self.topic_heads

    @staticmethod
    def _sentence_end(doc: Document, pos: int) -> int:
        sentence_stop = doc.sentences[doc.sentence_of(pos)].stop if doc.sentences else len(doc.norm)
        end = regex.search(r"[.;!?\n]", doc.norm[pos:sentence_stop])
        return pos + end.start() if end else sentence_stop

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

    def _addressee(self, doc: Document, trigger: regex.Match, end: int) -> tuple[str | None, int | None]:
        """The addressee in the nominative and where the action starts (its infinitive; None: no action).

        "поручил акимам областей обеспечить" -> "акимы областей"; "потребовал от подрядчиков" ->
        "подрядчики"; "обязал руководителей больниц" -> "руководители больниц"; "Правительству
        поручено внести" -> "Правительство" (a passive trigger has its addressee before it).
        """
        pos, case = trigger.end(), "datv"
        preposition = ADDRESSEE_PREPOSITION.match(doc.norm, pos, end)
        verb = " ".join(trigger.group().lower().split())
        if preposition:
            pos, case = preposition.end(), PREPOSITION_CASES[preposition.group("preposition").lower()]
        elif verb.startswith(ACCUSATIVE_TRIGGERS):
            case = "accs"
        words = list(WORD.finditer(doc.norm, pos, end))
        # "указал на необходимость усиления контроля" instructs with a noun; the rest need an infinitive
        action_start = (words[0].start() if words else pos) if verb.endswith(NOUN_ACTION_TRIGGERS) else None
        phrase: list = words  # with no infinitive, every word up to the clause end may be the addressee
        for i, word in enumerate(words):
            if any(p.tag.POS == "INFN" for p in parses(word.group().lower())[:2]):
                negation = NEGATION.search(doc.norm, max(0, word.start() - 4), word.start())
                action_start = negation.start() if negation else word.start()  # "не допустить срыва"
                phrase = words[: i - 1] if negation else words[:i]
                break
        addressee = phrase_to_nominative(doc, _up_to_adverb(_before_numbers(doc, phrase)), case)
        if addressee is None and verb.startswith(PASSIVE_TRIGGERS):
            addressee = self._addressee_before(doc, trigger.start())
        return addressee, action_start

    @staticmethod
    def _addressee_before(doc: Document, trigger: int) -> str | None:
        """ "По итогам совещания акимату области поручено" -> "акимат области"."""
        words = list(WORD.finditer(doc.norm, doc.clause_start(trigger), trigger))
        head = None  # the leftmost dative noun of the chain that ends at the trigger
        for i in range(len(words) - 1, max(len(words) - 6, -1), -1):
            readings = parses(words[i].group().lower())
            if any(p.tag.POS == "NOUN" and p.tag.case == "datv" for p in readings):
                head = i  # "области" may be dative too; "акимату" before it is the better head
            elif head is not None or not any(p.tag.case == "gent" for p in readings):
                break
        if head is None:
            return None
        while head > 0 and any(p.tag.POS in MODIFIERS and p.tag.case == "datv" for p in parses(words[head - 1].group().lower())):
            head -= 1
        return phrase_to_nominative(doc, words[head:], "datv")

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
        """The person named or titled before the trigger in its sentence.

        A title resolves to its office holder when the text names him ("Глава государства" ->
        "Касым-Жомарт Токаев"); a bare title right after a sentence opened by a person is that person
        ("Олжас Бектенов провел заседание. Премьер-министр поручил …"); else the title as written,
        with its genitives ("Аким области").
        """
        begin = doc.clause_start(trigger)
        named = [p for p in persons if begin <= p.start < trigger]
        titles = list(self.people.titles.finditer(doc.norm, begin, trigger))
        if not titles or (named and titles[-1].start() < named[-1].start):
            return named[-1].name if named else None
        title = titles[-1]
        resolved = self.people.resolve(title.group(), persons)
        if resolved != title.group():
            return resolved
        phrase_end = title.end()
        for word in WORD.finditer(doc.norm, title.end(), trigger):
            if word.group()[0].isupper() or not any(p.tag.case == "gent" for p in parses(word.group().lower())):
                break
            phrase_end = word.end()
        if phrase_end == title.end():
            opener = self._previous_sentence_opener(doc, title.start(), persons)
            if opener is not None and opener.role in (None, self.people.titles.key_of(title.group())):
                return opener.name
        return doc.original[title.start() : phrase_end]

    @staticmethod
    def _previous_sentence_opener(doc: Document, offset: int, persons: list[Person]) -> Person | None:
        index = doc.sentence_of(offset)
        if index == 0 or not doc.sentences:
            return None
        previous = doc.sentences[index - 1]
        return next((p for p in persons if p.sentence == index - 1 and p.start == previous.start), None)


def _before_numbers(doc: Document, words: list) -> list:
    """ "Правительству до 1 декабря 2025 года" -> "Правительству": a date is not part of the addressee."""
    for i in range(1, len(words)):
        if any(c.isdigit() for c in doc.norm[words[i - 1].end() : words[i].start()]):
            return words[: i - 1] if parses(words[i - 1].group().lower())[0].tag.POS == "PREP" else words[:i]
    return words


def _up_to_adverb(words: list) -> list:
    """ "Правительству совместно с акиматами" -> "Правительству": the addressee ends before an adverb."""
    for i, word in enumerate(words):
        if parses(word.group().lower())[0].tag.POS in ("ADVB", "PRTS", "VERB"):
            return words[:i]
    return words


def phrase_to_nominative(doc: Document, words: list, case: str) -> str | None:
    """Head noun phrases in `case` to the nominative, the rest as written.

    "коммунальным службам" -> "коммунальные службы", "Правительству и акиматам" -> "Правительство и
    акиматы", "Агентству по защите … конкуренции" -> "Агентство по защите … конкуренции".
    """
    if not words:
        return None
    out: list[str] = []
    i = 0
    while i < len(words):
        group_end = _inflect_group(doc, words, i, case, out)
        if group_end == i:
            break
        i = group_end
        if i + 1 < len(words) and words[i].group().lower() == "и" and _reading(words[i + 1].group(), case):
            out.append("и")
            i += 1
            continue
        break
    if not out:
        return None
    rest = doc.original[words[i - 1].end() : words[-1].end()] if i < len(words) else ""
    closing = doc.original[words[-1].end() : words[-1].end() + 1]
    if closing == '"' or closing in "»”":  # "фонду "Самрук-Казына"": keep the closing quote
        rest += closing
    return (" ".join(out) + rest).strip()


def _reading(word: str, case: str):
    if word.isupper() and len(word) > 1:
        return "abbreviation"
    return next((p for p in parses(word.lower()) if p.tag.case == case and p.tag.POS in ("NOUN", *MODIFIERS)), None)


def _inflect_group(doc: Document, words: list, i: int, case: str, out: list[str]) -> int:
    """Adjectives and their noun from words[i]: appends their nominative forms, returns the next index."""
    modifiers = []
    j = i
    while j < len(words):
        text = doc.original[words[j].start() : words[j].end()]
        reading = _reading(text, case)
        if reading is None:
            return i
        if reading == "abbreviation":
            out.extend(m[0] for m in modifiers)
            out.append(text)
            return j + 1
        noun = next((p for p in parses(text.lower()) if p.tag.case == case and p.tag.POS == "NOUN"), None)
        next_is_noun = j + 1 < len(words) and any(
            p.tag.case == case and p.tag.POS == "NOUN" for p in parses(words[j + 1].group().lower())
        )
        if noun is not None and not (reading.tag.POS in MODIFIERS and next_is_noun):
            number = "plur" if "plur" in noun.tag else "sing"
            for modifier_text, modifier in modifiers:
                grammemes = {"nomn", number} | ({noun.tag.gender} if number == "sing" and noun.tag.gender else set())
                form = modifier.inflect(grammemes)
                out.append(_cased(form.word if form else modifier_text, modifier_text))
            form = noun.inflect({"nomn", number})
            out.append(_cased(form.word if form else text, text))
            return j + 1
        modifiers.append((text, reading))
        j += 1
    return i


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word
