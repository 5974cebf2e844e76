"""Instructions: "Президент поручил Правительству обеспечить …" -> issuer, addressee, action, deadline.

A trigger from data/instruction_verbs.tsv, an addressee in the case the trigger governs right after it,
then the instructed clause from its infinitive to the end of the clause; "обеспечить X, а также
усилить Y" gives one instruction per infinitive. The issuer is the person or title before the trigger.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.links import PeriodIndex
from briefx.extract.names import MODIFIERS, phrase_to_nominative
from briefx.extract.phrases import words_before
from briefx.extract.shapes import WORD, H
from briefx.extract.statements import Statements, is_genitive
from briefx.extract.syntax_relations import RelationWords, instruction_parts
from briefx.lexicon import Lexicon, Trigger, alternation, form_key, lookup
from briefx.model import Instruction
from briefx.morph import parses
from briefx.syntax import DocumentSyntax

JOINTLY = frozenset({"совместно", "вместе"})
SUBJECT_WORDS = 6  # words of a subject between "по поручению X" and its verb
SUBJECT_LINKS = frozenset({"и", "его", "ее", "её", "их"})  # "премьер-министр и его заместители"
CIRCUMSTANCE_WORDS = 6  # words of an adverb or a time before the addressee: "до конца текущего месяца"
DEFAULT_TRIGGER = Trigger("", voice="active", case="datv", noun_action=False)  # the columns' defaults
PURPOSE_CLAUSE = regex.compile(rf",{H}*чтобы{H}+", regex.IGNORECASE)
NEGATION = regex.compile(rf"(?<!\w)не{H}+\Z", regex.IGNORECASE)
# Where one instructed action ends and the next begins: ", а также", ", и", " и", ", " before an infinitive
SEPARATOR = regex.compile(rf"(?:,{H}*(?:а{H}+также{H}+|и{H}+)?|{H}+и{H}+)(?=[^\W\d_])")


class Instructions(Component):
    name = "instructions"
    needs = ("people",)  # issuers
    wants = ("periods", "syntax")  # deadlines; with Pipeline(syntax=True) the parse's addressee where the rules find none
    produces = ("instructions",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        self.statements = Statements.of(lexicon)
        # "потребовал от акимов", "поставил задачу перед Правительством": the addressee after a preposition
        prepositions = alternation(lexicon.addressee_prepositions)
        self._preposition = regex.compile(rf"{H}+(?P<preposition>{prepositions}){H}+", regex.IGNORECASE)

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        periods: PeriodIndex | None = found.get("periods")
        statements = self.statements.read(doc, found["people"])
        drafts: list[dict[str, Any]] = []  # each instruction's fields, before the parse fills in addressees
        previous_issuer: str | None = None  # a passive "поручено" after "вице-премьер поручил …" is his too
        for match in statements.instructions:
            verb = self.statements.triggers.get(form_key(match.group()), DEFAULT_TRIGGER)
            clause_end = statements.clause_end(match.end())
            rule = "trigger"
            if verb.voice == "agent":  # "по поручению акима Алматы мы вносим …"
                issuer = statements.agent(match)
                action_start = self._after_agent(doc, match, clause_end)
                addressee = _subject(doc, action_start, clause_end) if action_start is not None else None
                rule = "agent"
            else:
                issuer = statements.issuer(match.start())
                addressee, action_start = self._addressee(doc, match, clause_end)
            if action_start is None:
                # "поставил задачу перед правительством, чтобы …": the purpose clause is the action
                purpose = PURPOSE_CLAUSE.match(doc.norm, clause_end)
                if purpose is None:
                    continue  # a trigger word with nothing instructed after it
                action_start, clause_end = purpose.end(), statements.sentence_end(purpose.end())
                rule = "purpose_clause"
            if issuer is None and verb.passive and previous_issuer is not None:
                issuer, rule = previous_issuer, "passive_after"
            previous_issuer = issuer or previous_issuer
            # a deadline is a bound inside the instruction: "до 1 декабря", "к 2027 году"
            inside = [p for p in periods.inside(match.start(), clause_end) if p.bound == "until" and p.last] if periods else []
            deadline = inside[0].last if inside else None
            for index, (start, stop) in enumerate(self._actions(doc, action_start, clause_end)):
                drafts.append(
                    {
                        **doc.span(match.start() if index == 0 else start, stop),
                        "issuer": issuer,
                        "addressee": addressee,
                        "action": doc.original[start:stop],
                        "deadline": deadline,
                        "rule": self.rule(rule if index == 0 else "another_action"),
                        "trigger": match.start(),
                    }
                )
        syntax: DocumentSyntax | None = found.get("syntax")
        if syntax is not None:
            self._parsed_addressees(doc, syntax, [d for d in drafts if d["addressee"] is None])
        for draft in drafts:
            del draft["trigger"]
        return {"instructions": [Instruction(**draft) for draft in drafts]}

    def _parsed_addressees(self, doc: Document, syntax: DocumentSyntax, drafts: list[dict[str, Any]]) -> None:
        """The addressee the parse gives an instruction the rules found none for ("поручил
        Министерству … совместно с акиматами"), its sentence parsed with the others in one batch."""
        parsed = syntax.at([d["trigger"] for d in drafts]) if drafts else {}
        for draft in drafts:
            parse = parsed.get(draft["trigger"])
            parts = instruction_parts(doc, parse, draft["trigger"], self._relation_words) if parse else None
            if parts is not None and parts.addressee is not None and parts.addressee.nominative:
                written, nominative = parts.addressee.text, parts.addressee.nominative
                # an addressee keeps its capital as written ("Правительство"), as the rules' do
                draft["addressee"] = nominative[:1].upper() + nominative[1:] if written[:1].isupper() else nominative

    @cached_property
    def _relation_words(self) -> RelationWords:
        return RelationWords.of(self.lexicon)

    @staticmethod
    def _after_agent(doc: Document, trigger: regex.Match, end: int) -> int | None:
        """Where the action starts after "по поручению акима Алматы": after the agent's genitives."""
        pos = trigger.end()
        for word in WORD.finditer(doc.norm, trigger.end(), end):
            # a capital keeps a name in the agent ("акима Алматы", "Президента РК"), not a subject after it
            # ("По поручению Главы государства | Правительство разработало")
            named = word.group()[:1].isupper() and not _only_nominative(word.group())
            if not (named or is_genitive(word.group())):
                return word.start()
            pos = word.end()
        return None if pos >= end else pos

    def _addressee(self, doc: Document, trigger: regex.Match, end: int) -> tuple[str | None, int | None]:
        """The addressee in the nominative and where the action starts (its infinitive; None: no action).

        "поручил акимам областей обеспечить" -> "акимы областей"; "потребовал от подрядчиков" ->
        "подрядчики"; "обязал руководителей больниц" -> "руководители больниц"; "Правительству
        поручено внести" -> "Правительство" (a passive trigger has its addressee before it).
        """
        verb = self.statements.triggers.get(form_key(trigger.group()), DEFAULT_TRIGGER)
        pos, case = trigger.end(), verb.case
        preposition = self._preposition.match(doc.norm, pos, end)
        if preposition and (governed := lookup(self.lexicon.addressee_prepositions, preposition.group("preposition"))):
            pos, case = preposition.end(), governed
        words = list(WORD.finditer(doc.norm, pos, end))
        # "указал на необходимость усиления контроля" instructs with a noun; the rest need an infinitive
        action_start = (words[0].start() if words else pos) if verb.noun_action else None
        phrase: list = words  # with no infinitive, every word up to the clause end may be the addressee
        for i, word in enumerate(words):
            if any(p.tag.POS == "INFN" for p in parses(word.group().lower())[:2]):
                negation = NEGATION.search(doc.norm, max(0, word.start() - 4), word.start())
                action_start = negation.start() if negation else word.start()  # "не допустить срыва"
                phrase = words[: i - 1] if negation else words[:i]
                break
        phrase = _up_to_adverb(_before_numbers(doc, _past_circumstance(phrase, case)))
        addressee = phrase_to_nominative(doc, _before_preposition(phrase, self.lexicon.name_prepositions), case)
        if addressee is None and verb.passive:
            addressee = self._addressee_before(doc, trigger.start())
        return addressee, action_start

    @staticmethod
    def _addressee_before(doc: Document, trigger: int) -> str | None:
        """ "По итогам совещания акимату области поручено" -> "акимат области"."""
        words = words_before(doc.norm, doc.sentence_start(trigger), trigger)
        jointly = [
            i for i, w in enumerate(words[:-1]) if w.group().lower() in JOINTLY and words[i + 1].group().lower() in ("с", "со")
        ]
        if jointly:  # "Службе безопасности совместно с Министерством обороны поручено": the addressee is before it
            words = words[: jointly[-1]]
        commas = [i for i in range(1, len(words)) if "," in doc.norm[words[i - 1].end() : words[i].start()]]
        if commas:  # "Согласно документу, Кабинету министров поручено": the addressee is after the comma
            words = words[commas[-1] :]
        while words and parses(words[-1].group().lower())[0].tag.POS in ("ADVB", "PRCL", "CONJ"):
            words = words[:-1]  # "МЧС также поручено"
        if words and words[-1].group().isupper() and len(words[-1].group()) > 1:
            return words[-1].group()  # an abbreviation stands for itself in any case: "МЧС"
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


def _past_circumstance(words: list, case: str) -> list:
    """ "в кратчайшие сроки Министерству финансов", "до конца месяца руководителям районов",
    "оперативно Правительству": an adverb or a prepositional phrase before the addressee is none of
    it; the addressee is the first word after it in the trigger's case (not the object of a
    preposition: "к 2025 году"). Nothing in that case: no addressee."""
    if not words or parses(words[0].group().lower())[0].tag.POS not in ("PREP", "ADVB"):
        return words
    for i in range(1, min(len(words), CIRCUMSTANCE_WORDS + 1)):
        readings = parses(words[i].group().lower())
        if parses(words[i - 1].group().lower())[0].tag.POS == "PREP" or readings[0].tag.POS in ("PREP", "CONJ", "PRCL"):
            continue  # "в связи с паводками": neither "с" nor the object of a preposition
        if any(p.tag.case == case and p.tag.POS in ("NOUN", *MODIFIERS) for p in readings):
            return words[i:]
    return []


def _before_numbers(doc: Document, words: list) -> list:
    """ "Правительству до 1 декабря 2025 года" -> "Правительству": a date is not part of the addressee."""
    for i in range(1, len(words)):
        if any(c.isdigit() for c in doc.norm[words[i - 1].end() : words[i].start()]):
            return words[: i - 1] if parses(words[i - 1].group().lower())[0].tag.POS == "PREP" else words[:i]
    return words


def _subject(doc: Document, start: int, end: int) -> str | None:
    """ "По моему поручению | премьер-министр и его заместители находятся …" -> "премьер-министр и его
    заместители": after "по поручению X" the clause's subject, a noun phrase in the nominative that
    opens the clause and runs, with no comma, to its finite verb, is the one instructed. A pronoun
    ("мы вносим") or a word pymorphy3 does not know ("Мамыр и Белшер эвакуировали": villages, the
    object) names no one."""
    words = list(WORD.finditer(doc.norm, start, end))
    if not words or not _nominative_noun(words[0].group()):
        return None
    for i, word in enumerate(words[1 : SUBJECT_WORDS + 1], 1):
        if "," in doc.norm[words[i - 1].end() : word.start()]:
            return None
        readings = parses(word.group().lower())
        if readings[0].tag.POS == "VERB":
            return phrase_to_nominative(doc, words[:i], "nomn")
        if word.group().lower() in SUBJECT_LINKS:
            continue
        if readings[0].tag.POS in ("PREP", "CONJ", "PRCL") or not any(
            p.tag.case in ("nomn", "gent") and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in readings
        ):
            return None
    return None


def _nominative_noun(word: str) -> bool:
    reading = parses(word.lower())[0]
    return reading.tag.POS == "NOUN" and reading.tag.case == "nomn" and reading.is_known and "Geox" not in reading.tag


def _only_nominative(word: str) -> bool:
    """A capitalized noun that can be nominative and not genitive ("Правительство"), and no abbreviation."""
    readings = parses(word.lower())
    return (
        not word.isupper()
        and any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in readings)
        and not any(p.tag.case == "gent" for p in readings)
    )


def _before_preposition(words: list, in_names: frozenset[str]) -> list:
    """ "акиматам регионов в недельный срок" -> "акиматам регионов": a prepositional phrase after the
    addressee is a circumstance, unless its preposition belongs in names ("Министерству по …")."""
    for i, word in enumerate(words[1:], 1):
        text = word.group().lower()
        if text not in in_names and parses(text)[0].tag.POS == "PREP":
            return words[:i]
    return words


def _up_to_adverb(words: list) -> list:
    """ "Правительству совместно с акиматами" -> "Правительству": the addressee ends before an adverb."""
    for i, word in enumerate(words):
        if parses(word.group().lower())[0].tag.POS in ("ADVB", "PRTS", "VERB"):
            return words[:i]
    return words
