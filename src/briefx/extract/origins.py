"""Whose material a text is, its primary source: "со ссылкой на пресс-службу Акорды" -> "пресс-служба
Акорды", "Материал предоставлен акиматом города" -> "акимат города", "По данным МЧС" -> "МЧС".

The cues are data (data/origin_cues.tsv), each with a strength; the strongest cue of a text gives the
origin, and of two alike the first. The phrase a cue governs is read word by word with pymorphy3 and
put in the nominative with names.phrase_to_nominative.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from briefx.document import Document
from briefx.extract.names import phrase_to_nominative, to_nominative
from briefx.extract.shapes import FLAGS, H
from briefx.extract.spans import Ordered
from briefx.lexicon import ORIGIN_STRENGTHS, Lexicon, OriginCue, alternation
from briefx.model import Person
from briefx.morph import parses, yo

LEAD_PARAGRAPHS = 2  # the lead: where a news item says where its facts come from
LEAD_REACH = 600  # characters: glued scraped text has no breaks; two paragraphs end by 550 characters in 3 articles of 4
PHRASE_TOKENS = 14  # tokens of an origin's phrase, at most: "пресс-службу департамента полиции города Алматы"
PHRASE_REACH = 200  # characters of an origin's phrase, about: the verb after "в …" is looked for that far
QUOTED_REACH = 60  # characters of a quoted name: 'фонд "Самрук-Қазына"'
PERSON_REACH = 80  # characters of a person's name: "Касым-Жомарт Кемелевич Токаев"
OPENER_REACH = PHRASE_REACH  # characters before "сообщает" where the body that says it may start
# What each strength takes: any phrase where the text cites a source outright; a body or a named person
# where one speaks in its own name; a body or a name ("по данным Казгидромета") where the lead attributes
# the facts, never a person or a title there ("сообщил аким города …" is the correspondent's reporting).
ANY = frozenset({"body", "person", "name", "title", "other"})
ACCEPTED = {
    "material": ANY,
    "citation": ANY,
    "statement": frozenset({"body", "person"}),
    "lead": frozenset({"body", "name"}),
}
# One token of a phrase, after spaces (or none: "на"Рустави 2"" is glued): a word, with the domain of a
# Latin name ("Ranking.kz", "BAQ.KZ"), a quoted name, or a comma (a list of genitives: "архитектуры,
# градостроительства и земельных отношений").
TOKEN = regex.compile(
    rf"{H}*(?:(?P<word>[^\W\d_][\w-]*(?:\.(?:[a-z]{{2,6}}|[A-Z]{{2,3}})(?![A-Za-z]))*)"
    rf'|"(?P<quoted>[^"\n]{{1,{QUOTED_REACH}}})"|(?P<comma>,))'
)
LATIN = regex.compile(r"[A-Za-z]")
ABBREVIATION = regex.compile(r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,8}|[A-ZА-ЯЁ][a-zа-яё]?[A-ZА-ЯЁ]{1,6})")  # "МЧС", "ДЧС", "КазТАГ"
BARE_ABBREVIATION = rf"(?<![\w-])(?-i:{ABBREVIATION.pattern})(?![\w-])"  # "МВД сообщает"
SENTENCE_MARK_REACH = 4  # characters looked at before a phrase for the end of the previous sentence
GLUED_QUOTE = regex.compile(r'(?<=[^\W\d_])(?=["«][^\W\d_])')  # an opening quote glued to the word before
HEAD_POS = ("NOUN",)
MODIFIER_POS = ("ADJF", "PRTF")
# A word whose likeliest reading is one of these ends a phrase: "пресс-службу Акорды [сообщает]"
STOP_POS = ("VERB", "INFN", "PRTS", "GRND", "ADVB", "PREP", "CONJ", "PRCL", "NPRO", "PRED", "COMP", "INTJ")


@dataclass(frozen=True)
class Token:
    kind: str  # "word" | "quoted" | "comma"
    start: int  # of the word, or of the text inside the quotes
    stop: int
    text: str  # from the normalized text
    end: int  # after the token, closing quote included


@dataclass(frozen=True)
class Phrase:
    """The words a cue governs, as they stand, and what they name."""

    start: int
    stop: int
    kind: str  # "body" | "person" | "name" (quoted, Latin, capitalized) | "title" | "other"
    spell: Callable[[], str]  # the name in the nominative: inflecting is costly, so only the kept one is spelt

    @property
    def name(self) -> str:
        return " ".join(self.spell().split())


@dataclass(frozen=True)
class Origin:
    """The origin's phrase as written (start, stop), its name in the nominative, and the strength of
    the cue that gave it ("citation", "lead" …), which is also the rule that made it."""

    start: int
    stop: int
    name: str
    strength: str


@dataclass(frozen=True)
class _CueGroup:
    """The cues that share the words before their phrase ("в" of "в … рассказали", "в … сообщили")."""

    strength: str
    case: str
    afters: tuple[str, ...]  # words that must follow the phrase; () when none need to


class Origins:
    """The primary source of one document: `find(doc, people)` -> Origin or None."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.bodies = lexicon.source_bodies
        self.carriers = lexicon.origin_carriers
        self.titles = lexicon.titles
        cues = list(lexicon.origin_cues)
        # a body after a verb that credits an outlet published its own material: "сообщает обладминистрация"
        cues += [OriginCue("statement", "nomn", yo(verb).lower(), "") for verb in lexicon.source_verbs]
        self._groups = _grouped([c for c in cues if c.before])
        # "… сообщает": the phrase opens the cue, and a body or an abbreviation opens the phrase
        self._opener = _grouped([c for c in cues if not c.before]).get("")
        # the cues of the lead are looked for in the lead only ("в" of "в … рассказали" is everywhere)
        self._before_anywhere = _cue_pattern(b for b, g in self._groups.items() if g.strength != "lead")
        self._before_lead = _cue_pattern(b for b, g in self._groups.items() if g.strength == "lead")
        afters = {a for group in self._groups.values() for a in group.afters} | set(self._opener.afters if self._opener else ())
        # "В Комитете уголовно-исполнительной системы (КУИС) рассказали": a bracket may come between
        self._after = {a: regex.compile(rf"{H}*(?:\([^)\n]{{1,30}}\){H}*)?(?:{alternation([a])})(?!\w)", FLAGS) for a in afters}
        self._any_after = regex.compile(rf"\b(?:{alternation(afters)})(?!\w)", FLAGS)
        opener_verbs = alternation(self._opener.afters) if self._opener else "(?!)"
        self._opener_verbs = regex.compile(rf"\b(?:{opener_verbs})(?!\w)", FLAGS)
        self._body_heads = regex.compile(rf"\b(?:{alternation(self.bodies)})(?!\w)|{BARE_ABBREVIATION}", FLAGS)

    def find(self, doc: Document, people: Sequence[Person] = (), publisher: tuple[int, int] | None = None) -> Origin | None:
        """The origin the strongest cue gives (of two alike, the first in the text), or None. The
        `publisher`'s own name is never the origin: "сообщает агентство Reuters" credits an outlet."""
        named = Ordered(people, lambda p: (p.start, p.stop))
        lead_end = _lead_end(doc.norm)
        best: dict[str, Phrase] = {}
        for strength, phrase in self._candidates(doc, named, lead_end):
            if publisher is not None and phrase.start < publisher[1] and publisher[0] < phrase.stop:
                continue
            if strength not in best or phrase.start < best[strength].start:
                best[strength] = phrase
        strongest = next((s for s in ORIGIN_STRENGTHS if s in best), None)
        if strongest is None:
            return None
        kept = best[strongest]
        return Origin(kept.start, kept.stop, yo(kept.name), strongest)

    def _candidates(self, doc: Document, named: Ordered[Person], lead_end: int) -> Iterator[tuple[str, Phrase]]:
        text = doc.norm
        cues = [*self._before_anywhere.finditer(text), *self._before_lead.finditer(text, 0, lead_end)]
        for cue in cues:
            group = self._groups.get(" ".join(cue.group().lower().split()))
            if group is None or group.afters and not self._any_after.search(text, cue.end(), cue.end() + PHRASE_REACH):
                continue  # "в" with no "рассказали" near it: no phrase to read
            origin = self._origin(doc, named, cue.end(), group)
            if origin is not None:
                yield origin
        if self._opener is None:
            return
        # "Министерство … сообщает": the bodies a little before each such verb, whose phrase ends at it
        for verb in self._opener_verbs.finditer(text):
            for head in self._body_heads.finditer(text, max(0, verb.start() - OPENER_REACH), verb.start()):
                origin = self._origin(doc, named, head.start(), self._opener)
                if origin is not None:
                    yield origin

    def _origin(self, doc: Document, named: Ordered[Person], pos: int, group: _CueGroup) -> tuple[str, Phrase] | None:
        phrase = self.read(doc, pos, group.case, named)
        if phrase is None or phrase.kind not in ACCEPTED[group.strength]:
            return None
        if group.afters and not any(self._after[a].match(doc.norm, phrase.stop) for a in group.afters):
            return None
        return group.strength, phrase

    # --- the phrase a cue governs

    def read(self, doc: Document, pos: int, case: str, named: Ordered[Person] | None = None) -> Phrase | None:
        """The noun phrase at `pos` in `case`, with the genitives and names that depend on it.

        "пресс-службу департамента полиции города Алматы" (accs) -> "пресс-служба департамента полиции
        города Алматы"; a carrier leads to its genitive ("сообщение Акорды" -> "Акорда")."""
        tokens = _tokens(doc.norm, pos)
        if not tokens:
            return None
        first = tokens[0]
        if first.kind == "quoted":
            return self._quoted(doc, first, case)
        if first.kind != "word":
            return None
        if LATIN.match(first.text):
            return _latin(doc, tokens)
        head = self._head(tokens, case)
        if head is None:
            return _proper(doc, tokens)
        body = yo(tokens[head].text).lower() in self.bodies or _is_abbreviation(tokens[head].text)
        stop = self._dependents(tokens, head + 1, body, named)
        if tokens[head].text.lower() in self.carriers and stop > head + 1:
            return self.read(doc, tokens[head + 1].start, "gent", named)
        start, end = tokens[0].start, tokens[stop - 1].end
        person = named.last_inside(start, end) if named is not None else None
        if person is not None and person.stop == end and (person.start == start or _one_person(tokens[head].text)):
            name = person.name
            return Phrase(person.start, person.stop, "person", lambda: name)  # "заявлении комиссара … Кадри Симсон"

        def spell() -> str:
            if _is_abbreviation(tokens[head].text):  # "украинских СМИ" -> "украинские СМИ"
                modifiers = [to_nominative(doc.original[t.start : t.stop], case) for t in tokens[:head]]
                head_name = " ".join([*modifiers, doc.original[tokens[head].start : tokens[head].stop]])
            else:
                inflected = phrase_to_nominative(doc, [_Word(t) for t in tokens[: head + 1]], case)
                head_name = inflected.rstrip('"') if inflected else doc.original[start : tokens[head].stop]
            name = " ".join((head_name + doc.original[tokens[head].stop : end]).split())
            return GLUED_QUOTE.sub(" ", name)  # 'издание"Мой город"' -> 'издание "Мой город"'

        return Phrase(start, end, self._kind(doc, tokens[:stop], head), spell)

    def _kind(self, doc: Document, tokens: list[Token], head: int) -> str:
        """ "body" for an abbreviation or a listed head that names one ("акимат Алматы", "Генеральная
        прокуратура", "обладминистрация"; not "акимат" alone); "title" for "Президент"; "name" for a
        capitalized head inside a sentence ("по данным Бюро национальной статистики"); else "other"."""
        if _is_abbreviation(tokens[head].text):
            return "body"
        alone = self.bodies.get(yo(tokens[head].text).lower())
        if alone is not None and (alone or len(tokens) > 1):
            return "body"
        if self.titles.key_of(" ".join(t.text for t in tokens[: head + 1])) or self.titles.key_of(tokens[head].text):
            return "title"  # "сообщил Президент"
        before = doc.norm[max(0, tokens[0].start - SENTENCE_MARK_REACH) : tokens[0].start].rstrip(' "')
        opens_sentence = not before[-1:].isalnum()
        return "name" if tokens[head].text[:1].isupper() and not opens_sentence else "other"

    def _quoted(self, doc: Document, token: Token, case: str) -> Phrase:
        """ "Уральскую неделю" -> "Уральская неделя": a quoted name without its quotes, in the nominative."""

        def spell() -> str:
            words = [_Word(t) for t in _tokens(doc.norm, token.start, token.stop) if t.kind == "word"]
            # a name pymorphy3 knows every word of declines ("Уральскую неделю"); "КазТрансОйле" stays as written
            known = bool(words) and all(any(p.is_known for p in parses(w.group().lower())) for w in words)
            inflected = phrase_to_nominative(doc, words, case) if known and not LATIN.match(words[0].group()) else None
            if inflected:
                return inflected.strip('"') + doc.original[words[-1].end() : token.stop]  # "Хабар 24"
            return doc.original[token.start : token.stop]

        return Phrase(token.start, token.stop, "name", spell)

    def _head(self, tokens: list[Token], case: str) -> int | None:
        """Index of the head noun after its adjectives ("оперативный штаб"), or of an abbreviation."""
        for i, token in enumerate(tokens):
            if token.kind != "word":
                return None
            if _is_abbreviation(token.text):
                return i  # "МЧС", "зарубежные СМИ"
            readings = [p for p in parses(token.text.lower()) if p.tag.case == case]
            noun = any(p.tag.POS in HEAD_POS for p in readings)
            modifier = any(p.tag.POS in MODIFIER_POS for p in readings)
            if token.text[:1].isupper() and i == 0 and not readings:
                return None  # "Яндекс" after "предоставлен": a name that does not decline here
            if noun and not (modifier and i + 1 < len(tokens) and _has_noun_in(tokens[i + 1], case)):
                return i
            if not modifier:
                return None
        return None

    def _dependents(self, tokens: list[Token], i: int, body: bool, named: Ordered[Person] | None) -> int:
        """Index after the genitives, names and "по"-phrases that depend on the head: "департамента
        полиции города Алматы", "по защите и развитию конкуренции", 'фонд "Самрук-Қазына"'. After a
        body, a person's name ends them: "представитель Казгидромета [Алина Исмагулова]" speaks for it."""
        cases: tuple[str, ...] = ("gent",)
        while i < len(tokens):
            token = tokens[i]
            if body and _starts_name(token, named):
                return i
            if token.kind == "quoted":
                return i + 1
            if token.kind == "comma":
                listed = _listed(tokens, i, cases)
                if listed is None:
                    return i
                i = listed
                continue
            word = token.text.lower()
            joined = cases + ("datv",) if word == "по" else cases
            if word in ("и", "по") and i + 1 < len(tokens) and _dependent(tokens[i + 1], joined, names=False):
                cases = cases + ("datv",) if word == "по" else cases
                i += 2
                continue
            if not _dependent(token, cases):
                return i
            if LATIN.match(token.text):  # "издание Hürriyet": the Latin name ends the phrase
                return _latin_end(tokens, i)
            i += 1
        return i


class _Word:
    """A token as the regex match names.phrase_to_nominative reads."""

    def __init__(self, token: Token) -> None:
        self._token = token

    def group(self) -> str:
        return self._token.text

    def start(self) -> int:
        return self._token.start

    def end(self) -> int:
        return self._token.stop


def _cue_pattern(befores: Iterable[str]) -> regex.Pattern:
    """The words before a phrase, as whole words; "на" may be glued to a Latin name: "со ссылкой наstopfake.kz"."""
    return regex.compile(rf"\b(?:{alternation(befores)})(?:(?!\w)|(?=[A-Za-z]))", FLAGS)


def _grouped(cues: list[OriginCue]) -> dict[str, _CueGroup]:
    groups: dict[str, _CueGroup] = {}
    for cue in cues:
        known = groups.get(cue.before)
        if known is None:
            groups[cue.before] = _CueGroup(cue.strength, cue.case, (cue.after,) if cue.after else ())
        elif (known.strength, known.case) != (cue.strength, cue.case):
            continue  # the first row of a cue decides its strength and case
        elif cue.after and known.afters:
            groups[cue.before] = _CueGroup(known.strength, known.case, (*known.afters, cue.after))
        else:
            groups[cue.before] = _CueGroup(known.strength, known.case, ())  # one row needs nothing after
    return groups


def _lead_end(text: str) -> int:
    """Where the lead ends: after its first LEAD_PARAGRAPHS paragraphs, LEAD_REACH characters at most."""
    end = -1
    for _ in range(LEAD_PARAGRAPHS):
        end = text.find("\n", end + 1, LEAD_REACH)
        while end >= 0 and text[end + 1 : end + 2] == "\n":
            end += 1  # a blank line is one break
        if end < 0:
            return min(len(text), LEAD_REACH)
    return end


def _tokens(text: str, pos: int, end: int | None = None) -> list[Token]:
    """The tokens from `pos` on the same line, up to PHRASE_TOKENS."""
    tokens: list[Token] = []
    end = len(text) if end is None else end
    while len(tokens) < PHRASE_TOKENS and (match := TOKEN.match(text, pos, end)):
        kind = match.lastgroup or "word"
        start, stop = match.span(kind)
        tokens.append(Token(kind, start, stop, match.group(kind), match.end()))
        pos = match.end()
    return tokens


def _latin(doc: Document, tokens: list[Token]) -> Phrase:
    """ "The Jerusalem Post", "Ranking.kz", "DW": Latin words, as written."""
    start, end = tokens[0].start, tokens[_latin_end(tokens, 0) - 1].stop
    return Phrase(start, end, "name", lambda: doc.original[start:end])


def _latin_end(tokens: list[Token], i: int) -> int:
    """Index after the Latin name starting at tokens[i]: "Jerusalem Post", "CITIC Construction Co"."""
    j = i + 1
    while j < len(tokens) and tokens[j].kind == "word" and LATIN.match(tokens[j].text) and tokens[j].text[:1].isupper():
        j += 1
    return j


def _proper(doc: Document, tokens: list[Token]) -> Phrase | None:
    """Capitalized words that do not decline here ("Яндекс Казахстан" after "предоставлен"), as written."""
    j = 0
    while j < len(tokens) and tokens[j].kind == "word" and tokens[j].text[:1].isupper():
        j += 1
    if j == 0:
        return None
    start, end = tokens[0].start, tokens[j - 1].stop
    return Phrase(start, end, "name", lambda: doc.original[start:end])


def _starts_name(token: Token, named: Ordered[Person] | None) -> bool:
    """A person's name starts at the token: one the text names, or a first name pymorphy3 knows that
    is no place ("Алина", not "Астана")."""
    if token.kind != "word" or not token.text[:1].isupper():
        return False
    person = named.first_inside(token.start, len(token.text) + token.start + PERSON_REACH) if named is not None else None
    if person is not None and person.start == token.start:
        return True
    readings = parses(token.text.lower())
    return any("Name" in p.tag and p.is_known for p in readings) and not any("Geox" in p.tag for p in readings)


def _one_person(word: str) -> bool:
    """ "комиссара": a lowercase noun for one person, whose name may close the phrase ("комиссара по
    энергетике ЕС Кадри Симсон"); not "представителей администрации … Барака Обамы"."""
    readings = parses(word.lower())
    return word.islower() and readings[0].tag.POS == "NOUN" and "anim" in readings[0].tag and "sing" in readings[0].tag


def _is_abbreviation(word: str) -> bool:
    return bool(ABBREVIATION.fullmatch(word)) and not LATIN.match(word)


def _has_noun_in(token: Token, case: str) -> bool:
    return token.kind == "word" and any(p.tag.POS in HEAD_POS and p.tag.case == case for p in parses(token.text.lower()))


def _dependent(token: Token, cases: tuple[str, ...], names: bool = True) -> bool:
    """A word that can hang on the head: a genitive (or a dative after "по"), an abbreviation, a Latin
    name, with `names` a place name in apposition ("города Алматы", "области Жетісу") or an unknown
    capitalized word. After "и" a genitive it must be: "ДЧС Алматы и [Казселезащите]" is another body."""
    if token.kind != "word":
        return token.kind == "quoted"
    word = token.text
    if _is_abbreviation(word) or LATIN.match(word):
        return True
    readings = parses(word.lower())
    if readings[0].tag.POS in STOP_POS and readings[0].is_known:
        return False
    if any(p.tag.case in cases and p.tag.POS in (*HEAD_POS, *MODIFIER_POS, "NUMR") for p in readings):
        return True
    capitalized = word[:1].isupper() and names
    return capitalized and (not any(p.is_known for p in readings) or any("Geox" in p.tag or "Fixd" in p.tag for p in readings))


def _listed(tokens: list[Token], comma: int, cases: tuple[str, ...]) -> int | None:
    """ ", градостроительства и земельных отношений": genitives after a comma belong to the phrase only when
    the list closes with "и" and a genitive; returns the index after the list, else None."""
    i = comma
    while i < len(tokens) and tokens[i].kind == "comma":
        if i + 1 >= len(tokens) or not _dependent(tokens[i + 1], cases) or tokens[i + 1].text[:1].isupper():
            return None
        i += 2
        while i < len(tokens) and tokens[i].kind == "word" and tokens[i].text.lower() != "и" and _dependent(tokens[i], cases):
            i += 1
    if i + 1 < len(tokens) and tokens[i].text.lower() == "и" and _dependent(tokens[i + 1], cases):
        i += 2
        while i < len(tokens) and tokens[i].kind == "word" and _dependent(tokens[i], cases):
            i += 1
        return i
    return None
