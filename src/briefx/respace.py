"""Glued words in scraped text: "12 апреляЕвро", "передаетTengrinews.kz", "составляет448",
"Токаевподдержал". HTML stripped without separators glues the end of one block to the start of the
next; the extractors would read "апреляЕвро" as one word.

`respace(text)` finds the boundaries inside glued tokens and returns the text with a space at each
and the positions of those spaces; `Respaced.to_original` maps an offset back, so every fact keeps
exact offsets into the text as given. What must stay whole does: a word pymorphy3 knows,
abbreviations and units with inner capitals ("МВт", "кВт·ч", "КоАП", "КамАЗ"), Latin brands and
domains ("iPhone", "Tengrinews.kz"), codes ("А380", "ТЭЦ-2").
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import regex

from briefx.lexicon import Lexicon
from briefx.model import Fact
from briefx.morph import analyzer, parses
from briefx.text import Sentence

F = TypeVar("F", bound=Fact)

CYRILLIC_LOWER = "а-яёәғқңөұүһі"
CYRILLIC_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
# A token: letters, digits and the joiners that keep a word whole ("кВт·ч", "ТЭЦ-2", "Tengrinews.kz").
TOKEN = regex.compile(r"\w+(?:[·'’.-]+\w+)*")  # starts with a letter or digit: a run of dots is skipped in one step
# The cuts are looked up by the text's whitespace-separated pieces (no token holds a space): str.split
# and a set difference in C leave only the new pieces and those with cuts, two or three an article. Up to
# FIND_LIMIT different glued pieces, each at most FIND_REACH long, are then found with str.find (every
# hit checked in constant time); more, or longer, with one scan of every token. Either is linear.
FIND_LIMIT = 16
FIND_REACH = 64
# Boundaries that the letters alone show, tried at every position of a token:
SHAPE_BOUNDARY = regex.compile(
    rf"""
      (?<=[{CYRILLIC_LOWER}])(?=[A-Z{CYRILLIC_UPPER}])   # апреля|Евро, передает|Tengrinews, на|РИА
    | (?<=[a-z]{{2}})(?=[{CYRILLIC_LOWER}{CYRILLIC_UPPER}])   # Tengrinews.kz|со, .kz|Как (not a Latin "с" in "раcсказала")
    | (?<=[{CYRILLIC_LOWER}])(?=\d)                      # составляет|448, Бишимбаеве|15
    | (?<=\d)(?=[{CYRILLIC_LOWER}])                      # 448|тенге, G7|выпустили, 5|млн
    | (?<=\d)(?=[{CYRILLIC_UPPER}][{CYRILLIC_LOWER}])    # 2024|Касым
    """,
    regex.VERBOSE,
)
# A sentence end glued to the next sentence: "декларации.Напомним", "Tengrinews.kz.Как", '2024 года."Мы'
# (two letters before the mark: "А.Иванов" is an initial). Within a Latin domain nothing is cut.
_BEFORE_MARK = rf"(?:[{CYRILLIC_LOWER}{CYRILLIC_UPPER}\d]{{2}}|[a-z]{{2}})"
_CAPITALIZED = rf"[{CYRILLIC_UPPER}][{CYRILLIC_LOWER}]"
# The cut is where a match ends (a match starts at the mark, so the scan skips text without one quickly).
SENTENCE_GLUE = regex.compile(
    rf"(?<={_BEFORE_MARK}[»”)\"]{{0,3}})[.!?…](?=[\"«„“(]{{0,3}}{_CAPITALIZED})"  # right after the mark, before any opening quote
    rf"|(?<={_BEFORE_MARK})[.!?…][»”)]{{1,3}}(?={_CAPITALIZED})"  # after a closing quote or bracket
)
# "КоАП", "КамАЗа", "КазМунайГаз", "СевКаз": a token that starts with a capital and changes to a capital
# again within a few letters is an abbreviation, not two words; a long first part is a word
# ("Казахстане|В", "Акорды|Президент").
CAMEL_FIRST_PART = 6
MIN_SPLIT_TOKEN = 6  # letters: a shorter unknown word is left alone
MAX_SPLIT_TOKEN = 40  # letters: a longer "word" is no two glued words (and trying every cut would be slow)
MIN_GLUED_WORD = 3  # letters of a word glued after a unit ("МВт|строительство")
MIN_LEFT = 4  # letters of the first of two glued words ("тенге|за"; "гос|измена", "Рон|алду" are whole words)
MAX_GLUED_PREPOSITION = 3  # letters: "в", "на", "для" glued to the next word
MIN_RIGHT = 5  # letters of the second, unless it is a preposition ("боливар|скую", "Сноу|дену" are whole words)
VERB_FORMS = {"VERB", "INFN", "GRND", "PRTS"}
FUNCTION_WORDS = {"PREP", "CONJ", "PRCL"}
PROTECTED_REACH = 8  # letters: the longest unit or abbreviation with an inner capital ("ГВт·ч")
SURNAME_ENDING = regex.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|ский|цкий|ская|цкая|ұлы|улы|қызы|кызы|баев|бек|дзе|швили|ян)$")
NAME_TAGS = ("Name", "Surn", "Geox", "Patr")
LATIN = regex.compile(r"[A-Za-z]")
CYRILLIC_WORD = regex.compile(rf"[{CYRILLIC_LOWER}]+")
SEEN_MAX = 200_000  # pieces and tokens (of at most FIND_REACH characters) whose cuts are remembered; then the memory starts again


@dataclass(frozen=True)
class Respaced:
    """A text with a space inserted at every boundary found inside a glued token."""

    text: str
    inserted: tuple[int, ...]  # positions in `text` of the inserted spaces, ascending

    def to_original(self, offset: int) -> int:
        """An offset into `text` as an offset into the text as given."""
        return offset - bisect_left(self.inserted, offset) if self.inserted else offset

    def fact_to_original(self, fact: F, given: str) -> F:
        """A fact found in `text` as a fact of the text as given: offsets mapped, `text` its slice of
        the given text, and so every fact inside it (a number's period)."""
        changes: dict[str, Any] = {}
        for name in _field_names(type(fact)):
            value = getattr(fact, name)
            if isinstance(value, Fact):
                changes[name] = self.fact_to_original(value, given)
            elif isinstance(value, tuple) and value and all(isinstance(v, Fact) for v in value):
                changes[name] = tuple(self.fact_to_original(v, given) for v in value)
        for name in fact.offset_fields:  # a source's origin_start/origin_stop
            if (offset := getattr(fact, name)) is not None:
                changes[name] = self.to_original(offset)
        start, stop = self.to_original(fact.start), self.to_original(fact.stop)
        if start == fact.start and stop == fact.stop and all(value == getattr(fact, name) for name, value in changes.items()):
            return fact  # no space was inserted before its end (nor before its inner facts'): the fact as it is
        return dataclasses.replace(fact, start=start, stop=stop, text=given[start:stop], **changes)

    def sentences_to_original(self, sentences: Iterable[Sentence], given: str) -> tuple[Sentence, ...]:
        """Sentences of `text` as sentences of the text as given (one bisection each, no call per
        offset: an article has hundreds)."""
        inserted = self.inserted
        out = []
        for sentence in sentences:
            start = sentence.start - bisect_left(inserted, sentence.start)
            stop = sentence.stop - bisect_left(inserted, sentence.stop)
            out.append(sentence if stop == sentence.stop else Sentence(start, stop, given[start:stop]))
        return tuple(out)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """A fact class's fields, read once (dataclasses.fields builds them anew at every call)."""
    if (names := _FIELD_NAMES.get(kind)) is None:
        names = _FIELD_NAMES[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return names


class Respacer:
    """Finds glued words. `known` says whether a word is a whole word of the language (pymorphy3's
    dictionary, and the forms of the word lists: "тенге" is not in pymorphy3's); `protected` are
    tokens kept whole as written (units and abbreviations with inner capitals)."""

    def __init__(
        self,
        known_forms: Iterable[str] = (),
        protected: Iterable[str] = (),
        glue_words: Iterable[str] = (),
        compound_stems: Iterable[str] = (),
        place_types: Iterable[str] = (),
        is_place: Callable[[str], bool] = lambda name: False,
    ) -> None:
        self._is_place = is_place  # a place name as written with a capital (the gazetteer)
        self._place_types = frozenset(f.lower() for f in place_types)
        self._forms = frozenset(f.lower() for f in known_forms) | self._place_types
        self._protected = frozenset(p.lower() for p in protected)
        # the pairs of letters a protected form has side by side: a boundary between any other two is
        # inside none of them, and needs no look at the forms around it
        self._protected_pairs = frozenset(f[k - 1 : k + 1] for f in self._protected for k in range(1, len(f)))
        self._glue_words = frozenset(w.lower() for w in glue_words)
        self._stems = frozenset(w.lower() for w in compound_stems)
        # what was found, by piece and by token: the same words come back in every article, and most have
        # no cut, so those pieces are a set the pieces of a text are taken from in one step
        self._whole: set[str] = set()
        self._glued: dict[str, tuple[int, ...]] = {}
        self._token_memo: dict[str, tuple[int, ...]] = {}

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> Respacer:
        """Known: the forms of the currencies, units, scales and percent signs ("тенге" is not in
        pymorphy3's dictionary). Protected: those with a sign, a dot or a capital inside, and the short
        ones ("кВт·ч", "МВт", "млрд", "тыс."), which a rule of shape would cut."""
        forms = [*lexicon.currencies, *lexicon.units, *lexicon.scales, *lexicon.percent_signs]
        protected = [f for f in forms if not f.isalpha() or len(f) <= PROTECTED_REACH]
        # place types glue to the next word as often: "Туркестанской областидождь"
        places = [f for f in lexicon.place_types.table if f.isalpha() and len(f) >= MIN_LEFT + 1]
        # lexicon.gazetteer is read on first use: only a capitalized glued word asks for it
        return cls(forms, protected, lexicon.glue_words, lexicon.compound_stems, places, lambda name: name in lexicon.gazetteer)

    def __call__(self, text: str) -> Respaced:
        cuts = [m.end() for m in SENTENCE_GLUE.finditer(text)]
        new = set(text.split()) - self._whole
        if any(len(piece) > FIND_REACH for piece in new):  # a long piece is not remembered: scan it
            cuts += self._scanned(text)
        else:
            glued = self._glued_among(new)
            cuts += self._scanned(text) if len(glued) > FIND_LIMIT else self._found(text, glued)
        if not cuts:
            return Respaced(text, ())
        cuts = sorted(set(cuts))
        pieces, inserted, previous = [], [], 0
        for shift, cut in enumerate(cuts):
            pieces.append(text[previous:cut])
            inserted.append(cut + shift)
            previous = cut
        pieces.append(text[previous:])
        return Respaced(" ".join(pieces), tuple(inserted))

    def _glued_among(self, pieces: set[str]) -> dict[str, tuple[int, ...]]:
        """The pieces with cuts, and their cuts (offsets into the piece); the others are remembered whole."""
        glued = {}
        for piece in pieces:
            found = self._glued.get(piece)
            if found is None:
                found = self._scanned(piece)
                self._forget_if_full()
                if found:
                    self._glued[piece] = found
                else:
                    self._whole.add(piece)
            if found:
                glued[piece] = found
        return glued

    def _found(self, text: str, glued: dict[str, tuple[int, ...]]) -> list[int]:
        """The cuts of every whole piece of the text that is a glued one, found with str.find."""
        cuts = []
        for piece, found in glued.items():
            at = text.find(piece)
            while at >= 0:
                end = at + len(piece)
                if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
                    cuts += [at + cut for cut in found]
                at = text.find(piece, at + 1)
        return cuts

    def _scanned(self, text: str) -> tuple[int, ...]:
        """The cuts of every token of the text."""
        cuts: list[int] = []
        for token in TOKEN.finditer(text):
            word = token.group()
            found = self._token_memo.get(word)
            if found is None:
                found = self._token_cuts(word)
                if len(word) <= FIND_REACH:  # a huge token is not kept: memory stays bounded
                    self._forget_if_full()
                    self._token_memo[word] = found
            if found:
                start = token.start()
                cuts += [start + cut for cut in found]
        return tuple(cuts)

    def _forget_if_full(self) -> None:
        if len(self._whole) + len(self._glued) + len(self._token_memo) >= SEEN_MAX:
            self._whole.clear()
            self._glued.clear()
            self._token_memo.clear()

    def _token_cuts(self, word: str) -> tuple[int, ...]:
        """Offsets (into the token) of the boundaries inside it."""
        if len(word) < 2 or word.isascii() or word.lower() in self._protected:
            return ()
        if word.isalpha() and word[1:].islower() and not LATIN.search(word):
            # no change of shape inside (the common case): only two known words glued may be cut
            if len(word) < MIN_SPLIT_TOKEN or self.known(word):
                return ()
            return self._inner_cuts(word)
        return tuple(self._cuts(word, 0))

    def _cuts(self, word: str, start: int) -> list[int]:
        """Offsets (into the text) of the boundaries inside one token."""
        cuts = []
        camel = False  # "КазМунай|Газ": once a capital inside is an abbreviation's, the later ones are too
        for boundary in SHAPE_BOUNDARY.finditer(word):
            at = boundary.start()
            inner_capital = word[at].isupper() and word[at - 1].isalpha() and word[:1].isupper()
            if inner_capital and (camel or not self._shape_cut(word, at)):
                camel = True
                continue
            if self._shape_cut(word, at):
                cuts.append(at)
        # each piece between those may be two words glued without a change of shape: "тенге|компенсации|В"
        out = []
        for begin, end in zip([0, *cuts], [*cuts, len(word)], strict=True):
            out += [start + begin + inner for inner in self._inner_cuts(word[begin:end])]
            if end < len(word):
                out.append(start + end)
        return out

    def _shape_cut(self, word: str, at: int) -> bool:
        # (the prefix is looked at only when short: slicing it for every boundary of a huge token would
        # make the time quadratic)
        if at < CAMEL_FIRST_PART and word[0].isupper() and word[at].isupper() and word[:at].isalpha():
            return False  # "КоАП", "КамАЗа", "СевКаз": a capital again within a few letters of the first one
        # "кВт", "МВт·ч": a boundary inside a unit or abbreviation of the word lists is none
        if word[at - 1 : at + 1].lower() not in self._protected_pairs:
            return True
        return not any(
            word[s:e].lower() in self._protected
            for s in range(max(0, at - PROTECTED_REACH), at)
            for e in range(at + 1, min(len(word), at + PROTECTED_REACH) + 1)
        )

    def _inner_cuts(self, piece: str) -> tuple[int, ...]:
        """Offsets (into the piece) of glued words that no change of shape shows."""
        if _form_of_known_word(piece):
            return ()
        inner = self._after_listed(piece) or self._dictionary_cut(piece) or self._before_place_type(piece)
        return (inner,) if inner else self._after_preposition(piece)

    def _after_listed(self, word: str) -> int | None:
        """ "МВтстроительство" -> МВт|строительство, "тенгекомпенсации" -> тенге|компенсации: a currency,
        unit or scale word glued to a known word. Three letters at least, or an inner capital: "Трамп"
        is not "т" (tonnes) + "рамп"."""
        if self.known(word):
            return None
        for at in range(min(len(word) - MIN_GLUED_WORD, PROTECTED_REACH + 2), 1, -1):
            prefix = word[:at]
            listed = prefix.lower() in self._forms and prefix.lower() not in self._stems
            long_enough = len(prefix) >= MIN_LEFT - 1 or any(c.isupper() for c in prefix[1:])
            if listed and long_enough and self.known(word[at:]):
                return at
        return None

    def _dictionary_cut(self, word: str) -> int | None:
        """ "тенгеза" -> тенге|за, "провестидезинфекцию" -> провести|дезинфекцию, "поручениясформировать" ->
        поручения|сформировать, "Токаевподдержал" -> Токаев|поддержал: an unknown word that is two
        known words, one of them a verb or a preposition. Compounds ("телеобращение", "госизмена",
        "авиакампания") and names ("Линдберг", "Роналду") are unknown words of two known parts too, but
        neither part is a verb: they stay whole."""
        if (
            not MIN_SPLIT_TOKEN <= len(word) <= MAX_SPLIT_TOKEN
            or not word.isalpha()
            or self.known(word)
            or not word[1:].islower()
        ):
            return None
        capital = word[0].isupper()
        best: tuple[tuple[int, int], int] | None = None  # (score, cut)
        for at in range(MIN_LEFT, len(word) - 1):
            left, right = word[:at], word[at:]
            if not self.known(right) or not self._glued_pair(left, right, capital):
                continue
            # "тенге|за" over "тен|геза": a long known word and a short one glued is the likelier cut
            score = (len(left) ** 2 + len(right) ** 2, len(left))
            if best is None or score > best[0]:
                best = (score, at)
        return best[1] if best else None

    def _before_place_type(self, word: str) -> int | None:
        """ "Мангистаускойобласти" -> Мангистауской|области, "востокеобласти" -> востоке|области: an
        adjective glued to the place type it names (pymorphy3 reads an unknown "-ской" word as an
        adjective by its ending), or a noun to the place type of its genitive."""
        if not MIN_SPLIT_TOKEN <= len(word) <= MAX_SPLIT_TOKEN or not word.isalpha() or self.known(word):
            return None
        lower = word.lower()
        for at in range(MIN_LEFT, len(word) - MIN_RIGHT + 1):
            if lower[at:] in self._place_types and (
                _is_adjective(lower[:at]) or self.known(lower[:at]) and _governed(lower[:at])
            ):
                return at
        return None

    def _after_preposition(self, word: str) -> tuple[int, ...]:
        """ "насайтправительства" -> на|сайт|правительства, "втечение" -> в|течение: a preposition glued
        to the word it governs, and that word perhaps to its genitive. Only in lowercase unknown words,
        and only before a noun or adjective in an oblique case, so "доукомплектовать" stays whole."""
        if not MIN_SPLIT_TOKEN <= len(word) <= MAX_SPLIT_TOKEN or not word.isalpha() or not word.islower() or self.known(word):
            return ()
        for at in range(1, MAX_GLUED_PREPOSITION + 1):
            if "PREP" not in _parts_of_speech(word[:at]):
                continue
            rest = word[at:]
            if len(rest) >= MIN_RIGHT and self.known(rest) and _governed(rest, nouns_only=True):
                return (at,)  # a noun only: "при|дворовых" is as likely a prefixed adjective
            inner = self._genitive_cut(rest)
            if inner:
                return (at, at + inner)
        return ()

    def _genitive_cut(self, word: str) -> int | None:
        """ "сайтправительства" -> сайт|правительства: a noun and the genitive that completes it."""
        for at in range(MIN_LEFT, len(word) - MIN_RIGHT + 1):
            left, right = word[:at], word[at:]
            if left not in self._stems and self.known(left) and self.known(right) and _governed(left) and _genitive(right):
                return at
        return None

    def _glued_pair(self, left: str, right: str, capital: bool) -> bool:
        if len(left) < MIN_LEFT:
            return False  # "уже|сточится", "зам|секретаря": short first parts are prefixes
        right_pos = _parts_of_speech(right)
        if capital:  # a name and the verb after it: "Токаев|поддержал", "Алматы|мужчина" (a place and a subject)
            if len(right) < MIN_RIGHT:
                return False
            if self._is_place(left) and right_pos & {"nomn-noun", "nomn-adjective"} and not _name_like(right):
                return True  # a place the gazetteer knows and the subject after it: "Абай|дождь", "Улытау|небольшие"
            if not _name_like(left):
                return False
            return bool(right_pos & VERB_FORMS) or (_is_place(left) and "nomn-noun" in right_pos and len(right) > MIN_RIGHT)
        left_pos = _parts_of_speech(left)
        if not self.known(left) or left_pos & FUNCTION_WORDS:
            return False  # "при|стыковался" is a prefix
        if right in self._glue_words:
            return True  # "тенге|за", "посмотреть|здесь"
        if len(right) < MIN_RIGHT:
            return False
        # a verb on either side: "провести|дезинфекцию", "поручения|сформировать"; a short verb form on
        # the left is a compound's stem as often ("опер|штаб", "полит|обозреватель")
        return bool(right_pos & VERB_FORMS) or (len(left) >= MIN_RIGHT and bool(left_pos & {"VERB", "INFN"}))

    def known(self, word: str) -> bool:
        return word.lower() in self._forms or _in_dictionary(word.lower())


@lru_cache(maxsize=65536)
def _in_dictionary(word: str) -> bool:
    return bool(analyzer().word_is_known(word))


def _form_of_known_word(word: str) -> bool:
    """A form pymorphy3 does not list but reads first as a form of a word it knows: "подтоплений" of
    "подтопление", which its dictionary has in the singular only. (Two glued words read as one have a
    lemma it does not know: "тенгеза", "насайтправительства".)"""
    lower = word.lower()
    if not CYRILLIC_WORD.fullmatch(lower) or _in_dictionary(lower):
        return False  # (pymorphy3 reads other scripts by the names of their letters, and some have none: "𗀀")
    lemma = parses(lower)[0].normal_form
    return lemma != lower and _in_dictionary(lemma)


def _name_like(word: str) -> bool:
    """A first name, surname or place pymorphy3 knows, or a word shaped like a surname ("Сагинтаев")."""
    if any(any(tag in p.tag for tag in NAME_TAGS) and p.is_known for p in parses(word.lower())):
        return True
    return bool(SURNAME_ENDING.search(word.lower()))


def _parts_of_speech(word: str) -> set[str]:
    """The parts of speech pymorphy3 reads a known word as, and "nomn-noun" for a nominative noun."""
    readings = [p for p in parses(word.lower()) if p.is_known]
    found = {str(p.tag.POS) for p in readings}
    if any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in readings):
        found.add("nomn-noun")
    if any(p.tag.POS == "ADJF" and p.tag.case == "nomn" for p in readings):
        found.add("nomn-adjective")
    return found


def _is_adjective(word: str) -> bool:
    return any(p.tag.POS == "ADJF" for p in parses(word))


def _governed(word: str, nouns_only: bool = False) -> bool:
    """A noun (or adjective) form in an oblique case: what a preposition governs."""
    parts = ("NOUN",) if nouns_only else ("NOUN", "ADJF")
    return any(p.tag.POS in parts and p.tag.case not in (None, "nomn") and p.is_known for p in parses(word))


def _genitive(word: str) -> bool:
    return any(p.tag.POS == "NOUN" and p.tag.case == "gent" and p.is_known for p in parses(word))


def _is_place(word: str) -> bool:
    return any("Geox" in p.tag and p.is_known for p in parses(word.lower()))
