"""A person's position or profession from the words next to a name, in the nominative:
"министра финансов Мади Такиева" -> "министр финансов", "Глава государства Касым-Жомарт Токаев" ->
"президент", "Данияр Сагынгалиулы, директор областной филармонии" -> "директор областной филармонии",
"Батырхан Сулейменов назначен временно исполняющим обязанности руководителя управления" -> "временно
исполняющий обязанности руководителя управления".

The head of a role is a noun for a person in the case of the name ("политолога Эдуарда Полетаева"), a
title of data/titles.tsv, or an acting word ("врио", "исполняющий обязанности") that takes the office in
the genitive; before it stand its qualifiers ("бывший", "главный научный"), after it its genitives,
prepositional phrases and proper names, as written ("совета директоров Kaspi.kz", "по энергетике ЕС").
Kin is no role; nationality and plain words for people are skipped (data/role_exclusions.tsv). Each
look reads at most ROLE_TOKENS tokens next to the name.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

import regex

from briefx.document import Document
from briefx.extract.name_words import FUNCTION_WORDS
from briefx.extract.shapes import whole_words
from briefx.lexicon import Lexicon
from briefx.morph import inflected, parses, yo

# Words, quoted names and brackets, numbers, and single marks of punctuation (each of which ends a role)
# ("Kaspi.kz" is one word; "Tengrinews.kz.15 апреля" is a sentence glued to the next)
TOKEN = regex.compile(r"\"[^\"\n]{1,80}\"|\([^()\n]{1,80}\)|[^\W_](?:[\w-]|\.(?=[^\W\d_]))*|№|[^\w\s]")
TOKEN_BACKWARDS = regex.compile("(?r)" + TOKEN.pattern)  # the last tokens before a name, read from it
ROLE_TOKENS = 16  # "заместитель руководителя Республиканского штаба по координации … паводков"
REACH = 300  # characters next to a name that a look reads
PREPOSITIONS = frozenset({"по", "в", "во", "при", "на", "для", "из", "с", "со", "от", "до", "имени", "им"})
CONJUNCTIONS = frozenset({"и"})
PLACE_PREPOSITIONS = frozenset({"в", "во", "на"})  # after a name they say where, not which office
OBLIQUE = ("gent", "datv", "ablt", "loct", "gen2", "loc2")
PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")
MIN_HEAD = 3  # letters: "и" reads as an abbreviation of a person
AGENT_SUFFIXES = ("ист", "лог", "ник", "тель", "мен", "ер", "ор", "ант", "ент", "арь")
ENDS_APPOSITION = frozenset({",", ".", ";", ")", "!", "?"})
MIN_GLUED_PART = 3  # letters of each word of a glued pair: "что|бывший", "временем|президент"
MIN_GLUED_WORD = 9  # letters: shorter unknown words are names or rare words, not two glued ones


@dataclass(frozen=True, slots=True)
class Role:
    text: str  # "министр финансов": nominative, lowercase except proper names
    title: str | None  # "министр": the office of data/titles.tsv, null for a former or acting one
    start: int  # where the role phrase stands in the text
    stop: int
    case: str  # the case its head is in, which the name shares
    plural: bool  # "Корреспонденты Tengrinews.kz Иван Сухоруков и Турар Казангапов": shared


@dataclass(frozen=True, slots=True)
class _Head:
    start: int  # first token index of the head (a title may take two: "Глава государства")
    stop: int  # one past its last token index
    reading: Any  # pymorphy3 reading of its first word, in the agreeing case (None for "врио")
    title: str | None  # key in titles.tsv
    acting: bool
    cut: int = 0  # letters glued before the head in its token: "временем|президент"


class Roles:
    """The role patterns of a pipeline, built once; `read(doc)` finds one document's titles once."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.titles = lexicon.titles
        self.acting = lexicon.acting_titles
        self.exclusions = lexicon.role_exclusions
        self.former = lexicon.former_titles
        self.verbs = lexicon.role_verbs

    def read(self, doc: Document) -> DocumentRoles:
        return DocumentRoles(self, doc)


class DocumentRoles:
    """The roles next to the names of one document."""

    def __init__(self, roles: Roles, doc: Document) -> None:
        self.roles = roles
        self.doc = doc
        self._heads: dict[int, tuple[regex.Match, bool]] = {}  # end -> (match, acting)
        self._head_starts: dict[int, tuple[regex.Match, bool]] = {}
        for cues, acting in ((roles.titles, False), (roles.acting, True)):
            for match in cues.finditer(doc.norm):
                end = match.end() - 1 if match.group().endswith(".") else match.end()  # "и.о." ends a token at "о"
                self._heads[end] = self._head_starts[match.start()] = (match, acting)

    def mentioned_titles(self) -> set[str]:
        """The offices of titles.tsv the text names anywhere ("Глава государства" -> "Президент")."""
        return {self.roles.titles.key_of(m.group()) or "" for m, acting in self._heads.values() if not acting} - {""}

    # --- before a name

    def before(self, start: int, cases: Set[str], plural: bool, blocked: Callable[[int, int], bool]) -> Role | None:
        """The role whose phrase ends right before a name at `start`: "Министр энергетики | Алмасадам …".

        `cases` are the cases the name can be in; `plural` allows a plural head shared by names joined
        with "и"; `blocked(start, stop)` says a token belongs to another name (a role never crosses one).
        """
        doc = self.doc
        # within the line, not the sentence: razdel ends one at «партии "Дроа!"»; punctuation stops the look
        line = doc.norm.rfind("\n", max(0, start - REACH), start) + 1
        begin = max(line, start - REACH)
        tokens = list(islice(TOKEN_BACKWARDS.finditer(doc.norm, begin, start), ROLE_TOKENS))[::-1]
        tokens = whole_words(tokens, doc.norm, begin, line)
        end = len(tokens) - 1  # the last token of the role: a description after it is left out
        fallback = None  # a head after a preposition: "с Президентом Узбекистана", unless one governs it
        for i in range(len(tokens) - 1, -1, -1):
            word = tokens[i].group()
            if blocked(*tokens[i].span()):
                break
            excluded = self.roles.exclusions.get(yo(word.lower()))
            if excluded == "description" and self._in_case(word, cases, plural):
                end = i - 1  # "… в Конгрессе США | республиканец | Майк Джонсон"
                continue
            if excluded is not None or end < 0 or tokens[end].group().lower() in PREPOSITIONS | CONJUNCTIONS:
                break  # "матери Салтанат …": someone else's name
            head = self._head_ending(tokens, i, cases, plural)
            if head is not None and head.start > 0 and tokens[head.start - 1].group().lower() in PREPOSITIONS:
                fallback = fallback or (head, end)  # "комиссара по энергетике ЕС": энергетике is no head
                continue
            if head is not None:
                return self._finished(tokens, head, end, cases, plural)
            if not self._dependent(word):
                break  # "заявил …": no role
        return self._finished(tokens, *fallback, cases, plural) if fallback is not None else None

    def _finished(self, tokens: list, head: _Head, end: int, cases: Set[str], plural: bool) -> Role:
        head = self._governing(tokens, head, cases)
        first, cut = self._qualifiers(tokens, head)
        inflected = {*range(first, head.start + 1)}
        if head.stop - 1 == end and first >= 2 and tokens[first - 1].group().lower() in CONJUNCTIONS:
            # "Общественный деятель и эколог Дмитрий Калмыков": both heads, when nothing follows the second
            other = self._head_ending(tokens, first - 2, {head.reading.tag.case} if head.reading else cases, plural)
            if other is not None and not other.acting:
                other_first, cut = self._qualifiers(tokens, other)
                inflected |= {*range(other_first, other.start + 1)}
                first = other_first
        return self._role(tokens, first, end, inflected, head, cut or (head.cut if first == head.start else 0))

    # --- after a name

    def after(self, stop: int, cases: Set[str], blocked: Callable[[int, int], bool]) -> Role | None:
        """A role after a name: in apposition ("Данияр Сагынгалиулы, директор областной филармонии.") or
        after a verb of data/role_verbs.tsv ("… назначен временно исполняющим обязанности руководителя")."""
        doc = self.doc
        end = min(doc.sentence_stop(stop), stop + REACH)
        tokens = []
        for token in TOKEN.finditer(doc.norm, stop, end):
            tokens.append(token)
            if len(tokens) > ROLE_TOKENS + 4:
                break
        if len(tokens) < 2 or doc.norm[stop : tokens[0].start()].strip():
            return None
        verb = self.roles.verbs.pattern.match(doc.norm, tokens[0].start())
        if verb is not None:
            rest = [t for t in tokens if t.start() >= verb.end()]
            key = self.roles.verbs.key_of(verb.group())
            return self._phrase_after(rest, {key} if key else cases, blocked, apposition=False)
        if tokens[0].group() != ",":
            return None
        return self._phrase_after(tokens[1:], cases, blocked, apposition=True)

    def _phrase_after(self, tokens: list, cases: Set[str], blocked: Callable[[int, int], bool], apposition: bool) -> Role | None:
        head = None
        for i, token in enumerate(tokens):
            if token.group()[:1].isupper() and token.start() not in self._head_starts:
                return None  # "сел Кустовое, Вагулина, Красноярка": a list of names, not a role
            head = self._head_starting(tokens, i, cases)
            if head is not None or not self._qualifier_word(token.group()):
                break
        if head is None:
            return None
        last = head.stop - 1
        for j in range(head.stop, len(tokens)):
            word = tokens[j].group()
            if blocked(*tokens[j].span()) or yo(word.lower()) in self.roles.exclusions or not self._dependent(word):
                break
            if word.lower() in PLACE_PREPOSITIONS or word.lower() in PREPOSITIONS and _dated(tokens, j):
                break  # "работает учителем | в сельской школе", "директора | с 2020 года": where or when, not what
            last = j
        while last >= head.stop and tokens[last].group().lower() in PREPOSITIONS | CONJUNCTIONS:
            last -= 1
        following = tokens[last + 1].group() if last + 1 < len(tokens) else "."
        if apposition and following not in ENDS_APPOSITION:
            return None  # ", министр отметил …": the start of a clause, not an apposition
        first = next((k for k in range(head.start) if self._qualifier_word(tokens[k].group())), head.start)
        return self._role(tokens, first, last, {*range(first, head.start + 1)}, head, 0)

    # --- heads

    def _head_ending(self, tokens: list, i: int, cases: Set[str], plural: bool) -> _Head | None:
        """A head whose last token is tokens[i]."""
        token = tokens[i]
        known = self._heads.get(token.end())
        if known is not None:
            match, acting = known
            first = next((k for k in range(i, -1, -1) if tokens[k].start() <= match.start()), i)
            lead = self.doc.norm[tokens[first].start() : match.start()].lower()
            # not "президент" inside "вице-президент"; but "аким" inside "экс-аким" (a former office)
            if not lead or lead.endswith("-") and lead[:-1] in self.roles.former:
                head = self._known_head(tokens, first, i + 1, match, acting, cases, plural)
                if head is not None:
                    return head
        return self._noun_head(tokens, i, cases, plural)

    def _head_starting(self, tokens: list, i: int, cases: Set[str]) -> _Head | None:
        """A head whose first token is tokens[i] (read forward, after a name)."""
        known = self._head_starts.get(tokens[i].start())
        if known is not None:
            match, acting = known
            last = next((k for k in range(i, len(tokens)) if tokens[k].end() >= match.end() - 1), i)
            head = self._known_head(tokens, i, last + 1, match, acting, cases, plural=False)
            if head is not None:
                return head
        return self._noun_head(tokens, i, cases, plural=False)

    def _known_head(
        self, tokens: list, first: int, stop: int, match: regex.Match, acting: bool, cases: Set[str], plural: bool
    ) -> _Head | None:
        """A title of titles.tsv or an acting word, when it agrees with the name ("врио" always does)."""
        reading = self._agreeing(tokens[first].group(), cases, plural, any_noun=True)
        if acting:
            return _Head(first, stop, reading, None, True)
        if reading is None:
            return None
        return _Head(first, stop, reading, self.roles.titles.key_of(match.group()), False)

    def _noun_head(self, tokens: list, i: int, cases: Set[str], plural: bool) -> _Head | None:
        word = tokens[i].group()
        if word[:1].isupper() and not self._opens_segment(tokens[i].start()):
            return None  # "села Большая Малышка": a capitalized noun inside a sentence is a name
        cut = _glued(word) if word.islower() else 0
        reading = self._agreeing(word[cut:], cases, plural)
        return _Head(i, i + 1, reading, None, False, cut) if reading is not None else None

    def _opens_segment(self, start: int) -> bool:
        """Nothing but punctuation, a digit or the sentence start before a word: "2024 Генеральный"."""
        before = self.doc.norm[max(0, start - 3) : start].rstrip()
        return not before or not before[-1].isalpha() or start == self.doc.sentence_start(start)

    def _agreeing(self, word: str, cases: Set[str], plural: bool, any_noun: bool = False) -> Any:
        """The reading of `word` as a role noun in one of `cases`, or None. A title of titles.tsv
        (`any_noun`) needs only a noun reading; any other head must read first as an animate noun
        ("политолог", not "уголовного" or "городской") that is no name, kin or nationality."""
        lower = word.lower()
        if not any_noun and (yo(lower) in self.roles.exclusions or yo(lower.rpartition("-")[2]) in self.roles.exclusions):
            return None  # "экс-супругом" is kin as "супругом" is
        return _role_reading(lower, frozenset(cases), plural, any_noun)

    def _in_case(self, word: str, cases: Set[str], plural: bool) -> bool:
        return any(p.tag.case in cases and (plural or p.tag.number != "plur") for p in parses(word.lower()))

    def _governing(self, tokens: list, head: _Head, cases: Set[str]) -> _Head:
        """ "помощник Президента Ерлан Карин", "заместителя председателя Нацбанка Ивана …", "врио
        губернатора Андрея …": a role noun that can be a genitive after another role noun which also
        agrees with the name is that one's dependent; the first of the chain is the head."""
        while head.start > 0 and not head.acting and not head.cut and _can_be_genitive(tokens[head.start].group()):
            before = self._head_ending(tokens, head.start - 1, cases, plural=False)
            if before is None:
                break
            head = before
        return head

    # --- qualifiers and dependents

    def _qualifiers(self, tokens: list, head: _Head) -> tuple[int, int]:
        """Index of the first qualifier before the head ("бывший", "главный научный", "временно"), and the
        letters glued before it in its token ("что|бывший")."""
        first = head.start
        if head.cut:
            return first, head.cut
        while first > 0:
            word = tokens[first - 1].group()
            if head.acting and any(p.tag.POS == "ADVB" for p in parses(word.lower())[:1]):
                first -= 1  # "временно исполняющий обязанности"
                continue
            if head.reading is None:
                break
            cut = _glued(word) if word.islower() else 0
            if cut:  # "чтобывший министр": pymorphy3 reads "бывший" with an unknown prefix, as one word
                return (first - 1, cut) if self._agrees(word[cut:], head.reading) else (first, 0)
            if not self._agrees(word, head.reading):
                break
            first -= 1
        return first, 0

    @staticmethod
    def _agrees(word: str, head: Any) -> bool:
        """An adjective or participle in the head's case and number, not a pronoun ("этому акиму")."""
        return any(
            p.tag.POS in ("ADJF", "PRTF")
            and "Apro" not in p.tag
            and p.tag.case == head.tag.case
            and p.tag.number == head.tag.number
            for p in parses(word.lower())
        )

    @staticmethod
    def _qualifier_word(word: str) -> bool:
        return _qualifier_word(word.lower())

    @staticmethod
    @lru_cache(maxsize=65536)
    def _dependent(word: str) -> bool:
        """What may stand between a head and the name: a genitive or other oblique word, a proper name,
        an abbreviation, a quoted name, a number, a preposition or "и"."""
        if len(word) > 1 and word[:1] in '"(' or word == "№" or word[:1].isdigit():
            return True  # a quoted name, an aside in brackets, a number
        if not word[:1].isalpha():
            return False
        if word[:1].isupper() or not word.replace("-", "").isalpha():
            return True  # "Национального", "ЕС", "Kaspi.kz"
        lower = word.lower()
        if lower in PREPOSITIONS or lower in CONJUNCTIONS:
            return True
        return any(p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") and p.tag.case in OBLIQUE for p in parses(lower))

    # --- the text of a role

    def _role(self, tokens: list, first: int, last: int, inflected: set[int], head: _Head, cut: int) -> Role:
        """The role as text: qualifiers and heads in the nominative, the rest as written, asides in
        brackets left out; lowercase except proper names."""
        doc = self.doc
        reading = head.reading
        case = reading.tag.case if reading is not None else "nomn"
        number = reading.tag.number if reading is not None else "sing"
        gender = reading.tag.gender if reading is not None and reading.tag.gender in ("masc", "femn", "neut") else "masc"
        pieces: list[str] = []
        for k in range(first, last + 1):
            token = tokens[k]
            start = token.start() + (cut if k == first else 0)
            written = doc.original[start : token.end()]
            if written.startswith("(") and k > first:
                continue  # "("Настало время!")": an aside
            pieces.append(_nominative(written, case, number, gender) if k in inflected else written)
            if k < last and tokens[k + 1].start() > token.end():
                pieces.append(" ")
        text = "".join(pieces).strip()
        qualifiers = [
            yo(parses(tokens[k].group().lower()[cut if k == first else 0 :])[0].normal_form) for k in range(first, head.start)
        ]
        former = any(q in self.roles.former for q in qualifiers)
        former = former or any(
            yo(t.group().lower()).startswith(f + "-") for t in tokens[head.start : head.stop] for f in self.roles.former
        )
        if first == head.start and last == head.stop - 1 and head.title is not None and not former:
            text = head.title.lower()  # the title itself: "Глава государства" -> "президент"
        elif text[:1].isupper() and not text[1:2].isupper():
            text = text[:1].lower() + text[1:]  # "Министр финансов" -> "министр финансов", not "ЕС" -> "еС"
        title = None if former or head.acting else head.title
        return Role(text, title, tokens[first].start() + cut, tokens[last].end(), case, number == "plur")


def _nominative(word: str, case: str, number: str, gender: str) -> str:
    """A qualifier or the head to the nominative singular: "министра" -> "министр", "Британского" ->
    "Британский", "Корреспонденты" -> "Корреспондент"; a word with no reading in `case` ("врио") stays."""
    if case == "nomn" and number == "sing":
        return word
    for p in parses(word.lower()):
        if p.tag.case == case and p.tag.number == number and p.tag.POS in ("NOUN", "ADJF", "PRTF"):
            grammemes = {"nomn", "sing"} | ({gender} if p.tag.POS != "NOUN" else set())
            form = inflected(p, frozenset(grammemes)) or inflected(p, frozenset({"nomn"}))
            if form is not None:
                out = form.word if "ё" in word.lower() else yo(form.word)
                return out[:1].upper() + out[1:] if word[:1].isupper() else out
    return word


@lru_cache(maxsize=65536)
def _role_reading(lower: str, cases: frozenset[str], plural: bool, any_noun: bool) -> Any:
    prefix, hyphen, tail = lower.rpartition("-")
    if hyphen and prefix and not parses(lower)[0].is_known and parses(tail)[0].is_known:
        # "экс-министром", "экс-акима": pymorphy3 guesses the whole word (a name, for "экс-аким"); the
        # word after the prefix says what it is, in which case and number
        return _role_reading(tail, cases, plural, any_noun)
    readings = parses(lower)
    if len(lower) < MIN_HEAD or readings[0].tag.POS in FUNCTION_WORDS:
        return None  # "После" reads as "посол", "и" as an abbreviation
    if not any_noun and (readings[0].tag.POS != "NOUN" or not _person_word(lower)):
        return None
    for p in readings:
        if p.tag.POS not in ("NOUN", "PRTF") or "Abbr" in p.tag or p.tag.case not in cases:
            continue
        if p.tag.number == "plur" and not plural:
            continue
        if any_noun or p.tag.POS == "NOUN" and "anim" in p.tag and not any(t in p.tag for t in PROPER):
            return p
    return None


@lru_cache(maxsize=65536)
def _qualifier_word(lower: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF", "ADVB") for p in parses(lower)[:2])


@lru_cache(maxsize=65536)
def _person_word(lower: str) -> bool:
    """A noun for a person that pymorphy3 knows, or an unknown one built like one: "политобозреватель",
    "врач-педиатр" (a known word for a person before the hyphen)."""
    first = parses(lower)[0]
    if "anim" not in first.tag:
        return False
    if first.is_known:
        return True
    head = lower.split("-")[0]
    if head != lower and any(p.is_known and "anim" in p.tag and p.tag.POS == "NOUN" for p in parses(head)):
        return True
    return lower.endswith(AGENT_SUFFIXES)


def _dated(tokens: list, j: int) -> bool:
    """A number after tokens[j]: "с 2020 года", "с 10 июня"."""
    return j + 1 < len(tokens) and tokens[j + 1].group()[:1].isdigit()


@lru_cache(maxsize=65536)
def _can_be_genitive(word: str) -> bool:
    return any(p.tag.case == "gent" for p in parses(word.lower()))


@lru_cache(maxsize=4096)
def _glued(lower: str) -> int:
    """Where a known word starts inside a word the scrape glued to the one before ("чтобывший",
    "временемпрезидент"): the longest known tail after a known word, or 0."""
    if len(lower) < MIN_GLUED_WORD or "-" in lower or parses(lower)[0].is_known:
        return 0
    for i in range(MIN_GLUED_PART, len(lower) - MIN_GLUED_PART):
        left, right = lower[:i], lower[i:]
        if parses(left)[0].is_known and parses(right)[0].is_known and len(right) > MIN_GLUED_PART:
            return i
    return 0
