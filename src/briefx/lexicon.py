"""The word lists of briefx/data/ (and a user's own folder) as one typed Lexicon: read, validated,
expanded into word forms, turned into regex alternations.

Every list an extractor reads goes through `Lexicon`; each is read and expanded on first use, so a
pipeline that needs only numbers never inflects the facility types.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import regex

from briefx.morph import _dictionary_form, parses, phrase_forms, yo

if TYPE_CHECKING:
    from briefx.gazetteer import Gazetteer

WILDCARD = "*"
AMBIGUOUS = "?"  # the code of a currency word that names several currencies ("крона", "франк")
REPLACE = "#!replace"  # the first line of a user's file that replaces the bundled list instead of extending it
DATA_SUFFIXES = (".tsv", ".txt")
T = TypeVar("T")


class LexiconError(ValueError):
    """A data file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    fields: tuple[str, ...]

    def where(self) -> str:
        return f"{self.file}:{self.line}"


class DataFiles:
    """Where the lists come from: the bundled data/ folder and, on top of it, a user's files.

    `user` maps a file name to its text. A user's file named like a bundled one extends it (its rows
    come after the bundled ones); one whose first line is "#!replace" replaces it. Texts, not paths:
    a pipeline carries them into worker processes and onto cluster machines that lack the folder.
    """

    def __init__(self, user: Mapping[str, str] | None = None) -> None:
        self.user = dict(user or {})

    @staticmethod
    def read_folder(folder: str | os.PathLike[str]) -> dict[str, str]:
        """Every .tsv and .txt file of a folder, by name."""
        path = Path(folder)
        if not path.is_dir():
            raise LexiconError(f"{folder}: not a folder of word lists")
        return {
            f.name: f.read_text(encoding="utf-8") for f in sorted(path.iterdir()) if f.is_file() and f.suffix in DATA_SUFFIXES
        }

    def bundled_names(self) -> list[str]:
        folder = resources.files("briefx").joinpath("data")
        return sorted(f.name for f in folder.iterdir() if f.name.endswith(DATA_SUFFIXES))

    def rows(self, name: str, *, min_fields: int = 1) -> list[Row]:
        """Non-empty, non-comment lines of a list, split on TAB: the bundled ones, then the user's."""
        user = self.user.get(name)
        replaced = user is not None and user.lstrip().startswith(REPLACE)
        out = []
        if not replaced:
            bundled = resources.files("briefx").joinpath("data").joinpath(name)
            if bundled.is_file():
                out += _parse(name, bundled.read_text(encoding="utf-8"), min_fields)
            elif user is None:
                raise LexiconError(f"{name}: no such word list")
        if user is not None:
            out += _parse(f"{name} (user)", user, min_fields)
        return out


def _parse(name: str, text: str, min_fields: int) -> list[Row]:
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        fields = tuple(f.strip() for f in line.split("\t") if f.strip())
        if len(fields) < min_fields:
            raise LexiconError(f"{name}:{number}: expected at least {min_fields} TAB-separated fields")
        rows.append(Row(name, number, fields))
    return rows


def form_key(surface: str) -> str:
    """How a matched text is looked up in a table: "ё" as "е", lowercase, runs of spaces as one.

    The tables' keys are made the same way, so "Этом  году" and "этом году" find the same row."""
    return " ".join(yo(surface).lower().split())


def lookup(table: Mapping[str, T], surface: str | None) -> T | None:
    """Find a matched surface form in a table, with spaces and case folded as the regex did; None where
    the regex's case folding and `str.lower` disagree on some odd character, so the caller drops the
    match instead of failing."""
    return None if surface is None else table.get(form_key(surface))


def expand(entry: str) -> set[str]:
    """All surface forms of one entry: "=тыс." -> {"тыс."}; "рубль" -> {"рубль", "рубля", ...}."""
    if entry.startswith("="):
        return {yo(entry[1:])}
    return phrase_forms(entry)


def verb_forms(infinitive: str) -> set[str]:
    """Every form of a verb ("составлять" -> составляет, составил, составило …), its participles included."""
    reading = next((p for p in parses(infinitive) if p.tag.POS == "INFN"), None)
    if reading is None:
        return {yo(infinitive)}
    return {yo(form.word) for form in reading.lexeme}


def _number(row: Row, index: int = 0) -> Decimal:
    try:
        return Decimal(row.fields[index])
    except InvalidOperation:
        raise LexiconError(f"{row.where()}: {row.fields[index]!r} is not a number") from None


def _integer(row: Row, index: int = 0) -> int:
    try:
        return int(row.fields[index])
    except ValueError:
        raise LexiconError(f"{row.where()}: {row.fields[index]!r} is not a whole number") from None


def form_table(rows: Iterable[Row], key: Callable[[Row], T], first_form: int = 1) -> dict[str, T]:
    """Surface form (lowercased) -> key of its row, for rows of the shape `key<TAB>form<TAB>form…`."""
    table: dict[str, T] = {}
    for row in rows:
        value = key(row)
        for entry in row.fields[first_form:]:
            for form in expand(entry):
                previous = table.setdefault(form.lower(), value)
                if previous != value:
                    raise LexiconError(f"{row.where()}: {form!r} already means {previous}")
    return table


def _month_days(row: Row) -> tuple[tuple[int, int], tuple[int, int]]:
    """ "05-09" -> ((5, 9), (5, 9)); "03-21/03-23" -> ((3, 21), (3, 23)): the first and last day of a holiday."""
    try:
        days = [tuple(int(n) for n in day.split("-")) for day in row.fields[0].split("/")]
        if len(days) not in (1, 2) or any(len(d) != 2 or not (1 <= d[0] <= 12 and 1 <= d[1] <= 31) for d in days):
            raise ValueError
    except ValueError:
        raise LexiconError(f"{row.where()}: {row.fields[0]!r} is not MM-DD or MM-DD/MM-DD") from None
    return (days[0][0], days[0][1]), (days[-1][0], days[-1][1])


def _choice(row: Row, index: int, allowed: tuple[str, ...]) -> str:
    """Column `index` of a row, one of `allowed`; a missing column is the first of them."""
    value = row.fields[index] if index < len(row.fields) else allowed[0]
    if value not in allowed:
        raise LexiconError(f"{row.where()}: {value!r} must be one of {', '.join(allowed)}")
    return value


def alternation(forms: Iterable[str]) -> str:
    """A regex that matches any of the literal forms, preferring the longest ("долларов США" over "долларов").

    The forms are folded into a prefix tree ("дв(?:а|е|у(?:х|м(?:я)?)|…)"): a regex engine tries a
    flat alternation of hundreds of inflected forms one by one at every word, a tree once per letter.
    Greedy optional tails keep the longest form first. Spaces inside a form match any run of spaces;
    a trailing "*" becomes "any word ending".
    """
    root: dict = {}
    for form in set(forms):
        node = root
        stem = form[:-1] if form.endswith(WILDCARD) else form
        for char in stem:
            node = node.setdefault(char, {})
        if form.endswith(WILDCARD):
            node = node.setdefault(_WILDCARD_END, {})
        node[_END] = True
    return _tree_pattern(root) or "(?!)"


def stem_alternation(phrases: Iterable[tuple[str, ...]]) -> str:
    """A regex for phrases whose words may be stems: ("водохранилищ*",) matches "водохранилищами",
    ("жил*", "дом*") matches "жилых домов". Words without "*" are literal; the tree is alternation()'s."""
    root: dict = {}
    for words in set(phrases):
        node = root
        for i, word in enumerate(words):
            if i:
                node = node.setdefault(" ", {})
            for char in word.removesuffix(WILDCARD):
                node = node.setdefault(char, {})
            if word.endswith(WILDCARD):
                node = node.setdefault(_WILDCARD_END, {})
        node[_END] = True
    return _tree_pattern(root) or "(?!)"


# Markers in the prefix tree, longer than one character so that no character of a form is taken for one
# ("кВт*ч" has a literal "*": it must not become "any word ending")
_END, _WILDCARD_END = "<end>", "<any ending>"
_WORD_CHAR = regex.compile(r"\w")  # the regex module's own idea of a word character, as `\b` has it


def word_start(forms: Iterable[str], *, after_hyphen: bool = True) -> str:
    r"""What a regex puts before an alternation of `forms`: no letter or digit before (`(?<!\w)`), and
    with `after_hyphen=False` no hyphen either (`(?<![\w-])`: not "взлетно-|посадочной").

    When every form begins with a word character this is written `\b`, which then means the same.
    The regex module scans for a pattern that opens with `\b` about twice as fast as for one that
    opens with a lookbehind: it can skip ahead to the forms' first letters.
    """
    forms = list(forms)
    if forms and all(_WORD_CHAR.match(f) for f in forms):
        return r"\b" if after_hyphen else r"\b(?<!-)"
    return r"(?<!\w)" if after_hyphen else r"(?<![\w-])"


def _tree_pattern(node: dict) -> str:
    branches = []
    for char in sorted(k for k in node if k not in (_END, _WILDCARD_END)):
        piece = r"\s+" if char == " " else regex.escape(char)
        branches.append(piece + _tree_pattern(node[char]))
    if _WILDCARD_END in node:  # "any word ending", then whatever the stem's phrases go on with
        branches.append(r"\w*" + _tree_pattern(node[_WILDCARD_END]))  # after the literal branches: tried first
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if node.get(_END):
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body


def words_pattern(forms: Iterable[str]) -> regex.Pattern:
    """Any of the forms as whole words, case-insensitive: "поручил", "дал поручения"."""
    forms = list(forms)
    return regex.compile(rf"{word_start(forms)}(?:{alternation(forms)})(?!\w)", regex.IGNORECASE | regex.V0)


class Cues:
    """Words that signal something ("рост" -> up, "заверш*" -> completed), with "*" prefix forms.

    Built from a form table (`key<TAB>form…` rows); `pattern` finds any of them, `key_of` names what
    one means.
    """

    def __init__(self, table: dict[str, str]):
        self.table = table
        self._prefixes = _prefix_index(table)
        self.pattern = regex.compile(rf"{word_start(self.table)}(?:{alternation(self.table)})(?!\w)", regex.IGNORECASE)
        # The first words of every form ("взлетно-посадочной" of "взлетно-посадочной полосы"): one quick
        # scan finds them, and the full alternation is tried only there
        first_words = {f.split(" ")[0] for f in self.table}
        starts = word_start(first_words, after_hyphen=False)
        self._starts = regex.compile(rf"{starts}(?:{alternation(first_words)})(?!\w)", regex.IGNORECASE)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """Like `pattern.finditer`, but tries the pattern only where the first word of a form starts.

        A case-insensitive alternation of hundreds of inflected forms is slow to try at every
        position; a scan for first words is not.
        """
        return _matches_at_starts(self._starts, text, self.pattern, text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return next(self.finditer(text, pos, endpos), None)

    def key_of(self, word: str) -> str | None:
        """What a matched form means; a word that only a "*" form matches, by its longest such stem."""
        key = form_key(word)
        if key in self.table:
            return self.table[key]
        # a stem shorter than two letters is filed under itself: look there too
        candidates = [*self._prefixes.get(key[:2], ()), *self._prefixes.get(key[:1], ())]
        matching = [(stem, k) for stem, k in candidates if key.startswith(stem)]
        return max(matching, key=lambda m: len(m[0]))[1] if matching else None


def _matches_at_starts(starts: Any, scanned: str, pattern: Any, text: str, pos: int, endpos: int | None) -> Iterator[Any]:
    """`pattern`'s matches in `text`, tried only where `starts` finds a first word in `scanned` (the
    text, or its same-length lowercase copy)."""
    endpos = len(text) if endpos is None else endpos
    while start := starts.search(scanned, pos, endpos):
        match = pattern.match(text, start.start(), endpos)
        if match:
            pos = match.end()
            yield match
        else:
            pos = start.end()


def _prefix_index(table: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """ "заверш*" -> completed, filed by the first two letters of the stem (longest stems first): Cues.key_of
    tries only those that can match."""
    index: dict[str, list[tuple[str, str]]] = {}
    for stem, key in sorted(((f[:-1], k) for f, k in table.items() if f.endswith(WILDCARD)), key=lambda p: -len(p[0])):
        index.setdefault(stem[:2], []).append((stem, key))
    return index


class PrefixCues(Cues):
    """Cues compiled with the standard library's re and scanned by the prefixes of their first words.

    re compiles a large alternation of inflected forms three times faster than the regex module and
    tries it three times faster; a scan for plain prefixes (no "any ending" or word end after them) is
    faster again, most of all over lowercased text. For the cue lists read only in short windows
    around facilities, where every scan is a new call."""

    def __init__(self, table: dict[str, str]):  # noqa: D107 - Cues'
        self.table = table
        self._prefixes = _prefix_index(table)
        self.pattern = re.compile(rf"{word_start(table)}(?:{alternation(table)})(?!\w)", re.IGNORECASE)  # type: ignore[assignment]
        firsts = {form.split(" ")[0].removesuffix(WILDCARD) for form in table}
        starts = rf"{word_start(firsts, after_hyphen=False)}(?:{alternation(firsts)})"
        self._starts = re.compile(starts, re.IGNORECASE)  # type: ignore[assignment]
        self._lowercase_starts = re.compile(starts)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, lowered: str | None = None):
        """`lowered`: `text.lower()` of the same length, if the caller has it (a faster scan)."""
        scan, scanned = (self._lowercase_starts, lowered) if lowered is not None else (self._starts, text)
        return _matches_at_starts(scan, scanned, self.pattern, text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None, lowered: str | None = None):
        return next(self.finditer(text, pos, endpos, lowered), None)


class Found(NamedTuple):
    """An entry of a LemmaCues list found in a text: its span and the key of its row."""

    start: int
    stop: int
    key: str


class LemmaCues:
    """A `key<TAB>phrase…` list matched by lemma: "водохранилище" finds "Сергеевского водохранилища",
    "жилой дом" finds "жилых домов", "=ТЭЦ" finds "ТЭЦ" as written, "линия =ЛРТ" finds "линии ЛРТ".

    Hundreds of phrases inflected into every case and number make an alternation that takes a large
    share of a pipeline's start-up to compile. This one compiles only the stems of the phrases' first
    words (the longest prefix of all forms of a word: "двор" for "дворец", "дворца"), so it stays small;
    at each candidate the next words are read and the longest phrase whose words have the list's
    lemmas wins ("дворами" is not "дворец": its lemma is "двор").
    """

    def __init__(self, rows: Iterable[Row]) -> None:
        self._phrases: dict[tuple[tuple[str, str], ...], str] = {}
        # The phrases as a tree of their words' lemmas: "жилой" -> "дом" -> (end) residential_building
        self._tree: dict = {}
        stems: set[str] = set()
        for row in rows:
            for entry in row.fields[1:]:
                # "=ТЭЦ" keeps the whole phrase as written, "линия =ЛРТ" one word of it
                words = [f"={w}" for w in entry[1:].split()] if entry.startswith("=") else entry.split()
                keys = tuple((form_key(w[1:]), LITERAL) if w.startswith("=") else _word_lemma(w.lower()) for w in words)
                _register(self._phrases, keys, row)
                node = self._tree
                for key in keys:
                    node = node.setdefault(key, {})
                node[_PHRASE_END] = row.fields[0]
                stems.add(form_key(words[0][1:]) if words[0].startswith("=") else _word_stem(words[0].lower()))
        # Only where a word starts with a stem: no "any ending" after it (the regex module scans several
        # times faster for plain prefixes), the words themselves are read by _longest_at
        starts = rf"{word_start(stems, after_hyphen=False)}(?:{alternation(stems)})"
        self.pattern = re.compile(starts, re.IGNORECASE)
        # the standard library's re scans a plain prefix tree two to three times faster than the regex
        # module, and faster still on lowercased text
        self._lowercase_pattern = re.compile(starts)
        self._starts_a_phrase = lru_cache(maxsize=65536)(self._first_word)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Found | None:
        """The longest phrase of the list that starts at `pos`."""
        endpos = len(text) if endpos is None else endpos
        candidate = self.pattern.match(text, pos, endpos)
        return self._longest_at(text, pos, endpos) if candidate else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, lowered: str | None = None) -> Iterator[Found]:
        """`lowered`: `text.lower()` if the caller has it; it is made here otherwise."""
        endpos = len(text) if endpos is None else endpos
        lowered = text.lower() if lowered is None else lowered
        # lowercasing keeps offsets unless some odd character changes length; then the slower pattern
        scan = self._lowercase_pattern if len(lowered) == len(text) else self.pattern
        scanned = lowered if scan is self._lowercase_pattern else text
        while candidate := scan.search(scanned, pos, endpos):
            word = _WORD.match(scanned, candidate.start(), endpos)
            if word is None or not self._starts_a_phrase(word.group().lower()):
                pos = candidate.end()  # most candidates: a word that only starts like a type ("дворами")
                continue
            found = self._longest_at(text, candidate.start(), endpos)
            if found:
                yield found
            pos = found.stop if found else candidate.end()

    def key_of(self, phrase: str) -> str | None:
        """The key of a phrase as a whole ("канализационных сетей" -> sewer_network), or None."""
        phrase = " ".join(phrase.split())
        found = self._longest_at(phrase, 0, len(phrase))
        return found.key if found and found.stop == len(phrase) else None

    def _first_word(self, word: str) -> bool:
        """Can a phrase of the list start with `word`?"""
        return any(k in self._tree for k in _lemma_keys(word))

    def _longest_at(self, text: str, start: int, endpos: int) -> Found | None:
        """Walk the tree of lemmas along the words from `start`; the longest phrase it passes wins."""
        first = _WORD.match(text, start, endpos)
        if first is None:
            return None
        nodes = [self._tree[k] for k in _lemma_keys(first.group().lower()) if k in self._tree]
        found, pos = None, first.end()
        while nodes:
            key = next((node[_PHRASE_END] for node in nodes if _PHRASE_END in node), None)
            if key is not None:
                found = Found(start, pos, key)
            word = _NEXT_WORD.match(text, pos, endpos)
            if word is None:
                break
            keys = _lemma_keys(word.group(1).lower())
            nodes = [node[k] for node in nodes for k in keys if k in node]
            pos = word.end()
        return found


_PHRASE_END = ""  # the tree's mark of a phrase's end: no lemma key is a plain string
# A phrase's words: letters, spaces between them on one line; a hyphen joins words ("ясли-сад"), not a
# number ("ТЭЦ|-2", "гидроузел|16 апреля" in glued text)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NEXT_WORD = re.compile(r"[^\S\n]+([^\W\d_]+(?:-[^\W\d_]+)*)")


def _register(table: dict, key: Any, row: Row) -> None:
    previous = table.setdefault(key, row.fields[0])
    if previous != row.fields[0]:
        raise LexiconError(f"{row.where()}: {key!r} already means {previous}")


@lru_cache(maxsize=4096)
def _entry_reading(word: str):
    """The reading of a list word: the one in which it is its own nominative ("жилой"), else the likeliest
    ("электропередачи", "престарелых": genitives that do not agree with the head)."""
    return _dictionary_form(word) or parses(word)[0]


def _word_lemma(word: str) -> tuple[str, str]:
    return _lemma_key(_entry_reading(word))


def _lemma_key(reading) -> tuple[str, str]:
    """What a word must share with a list word: its lemma and part of speech (adjectives and participles
    as one: "насосная" станция)."""
    pos = "ADJF" if reading.tag.POS in ("ADJF", "PRTF", "ADJS", "PRTS") else str(reading.tag.POS)
    return yo(reading.normal_form), pos


LITERAL = "="  # the "part of speech" of a word a list keeps as written


@lru_cache(maxsize=65536)
def _lemma_keys(word: str) -> frozenset[tuple[str, str]]:
    return frozenset([(yo(word), LITERAL), *(_lemma_key(p) for p in parses(word))])


@lru_cache(maxsize=4096)
def _word_stem(word: str) -> str:
    """The longest prefix of every form of a word: "двор" of "дворец", "дворца" …; the word itself when
    its forms share fewer than three letters."""
    reading = _entry_reading(word)
    # an adjective's lexeme holds "наи…" superlatives: a prefix, not another ending
    forms = [yo(f.word) for f in reading.lexeme if f.word[:2] == reading.word[:2]] + [yo(reading.word)]
    prefix = os.path.commonprefix(forms)
    return prefix if len(prefix) >= 3 else yo(reading.word)


@dataclass(frozen=True)
class Trigger:
    """An instruction verb and the grammar around it (data/instruction_verbs.tsv)."""

    phrase: str  # "поручил", "дал поручение"
    voice: str  # "active"; "passive" ("поручено": the addressee before it); "agent" ("по поручению акима")
    case: str  # of the addressee after it: "datv" | "accs"
    noun_action: bool  # "указал на необходимость усиления …": a noun, not an infinitive, is instructed

    @property
    def passive(self) -> bool:
        return self.voice == "passive"


@dataclass(frozen=True)
class OriginCue:
    """Where a text names whose material it is (data/origin_cues.tsv): "со ссылкой на" + accusative."""

    strength: str  # "material" | "citation" | "statement" | "lead": the stronger cue wins
    case: str  # of the phrase: "accs" for "со ссылкой на пресс-службу …"
    before: str  # the words before the phrase ("в" of "в … рассказали"); "" when the phrase opens the cue
    after: str  # the words after it ("рассказали"); "" when the phrase ends the cue


ORIGIN_STRENGTHS = ("material", "citation", "statement", "lead")  # strongest first
PHRASE_MARK = "…"  # where the phrase stands inside a cue of origin_cues.tsv


@dataclass(frozen=True)
class OfficeHolder:
    """Who holds an office (data/office_holders.tsv): a title resolves to them when the text names them."""

    role: str
    person: str
    surname: str


class Lexicon:
    """Every word list of briefx/data/, extended by a user's files, read and expanded on first use.

    `Lexicon()` is the bundled data; `Lexicon(DataFiles(user))` adds a user's lists. One attribute
    per list, typed; `rows(name)` reads any list, including a user component's own.
    """

    def __init__(self, files: DataFiles | None = None) -> None:
        self.files = files or DataFiles()

    def rows(self, name: str, *, min_fields: int = 1) -> list[Row]:
        return self.files.rows(name, min_fields=min_fields)

    def words(self, name: str) -> list[str]:
        """The first field of every row, as written."""
        return [row.fields[0] for row in self.rows(name)]

    def forms(self, name: str) -> dict[str, str]:
        """A `key<TAB>form…` list as surface form -> key."""
        return form_table(self.rows(name, min_fields=2), lambda row: row.fields[0])

    def forms_of_rows(self, name: str) -> dict[str, str]:
        """Like `forms`, but a form listed under two keys keeps the first (word lists of lemmas whose
        forms coincide: "супруг" and "супруга")."""
        table: dict[str, str] = {}
        for row in self.rows(name, min_fields=2):
            for entry in row.fields[1:]:
                for form in expand(entry):
                    table.setdefault(form.lower(), row.fields[0])
        return table

    # --- numbers

    @cached_property
    def currencies(self) -> dict[str, str | None]:  # form -> ISO 4217 code; None: several currencies ("крона")
        # our rules first (bare nouns, "тг", ambiguous words), then every CLDR name that does not clash with them
        table: dict[str, str | None] = {
            form: None if code == AMBIGUOUS else code for form, code in self.forms("currencies.tsv").items()
        }
        for form, code in self.forms("currencies_cldr.tsv").items():
            table.setdefault(form, code)
        return table

    @cached_property
    def own_currency_forms(self) -> frozenset[str]:  # the forms of currencies.tsv, not of CLDR's list
        return frozenset(self.forms("currencies.tsv"))

    @cached_property
    def minor_currencies(self) -> dict[str, Decimal]:  # "копеек" -> 0.01 of the currency before it
        return form_table(self.rows("minor_currencies.tsv", min_fields=2), _number)

    @cached_property
    def scaled_currencies(self) -> dict[str, tuple[str, Decimal]]:  # "т. р." -> ("RUB", 1000)
        return form_table(self.rows("scaled_currencies.tsv", min_fields=3), lambda r: (r.fields[0], _number(r, 1)), 2)

    @cached_property
    def number_adjectives(self) -> dict[str, str]:  # "процентное" -> "percent", "долларовой" -> "USD"
        return self.forms("number_adjectives.tsv")

    @cached_property
    def scales(self) -> dict[str, Decimal]:  # form -> multiplier
        return form_table(self.rows("scales.tsv", min_fields=2), _number)

    @cached_property
    def numerals(self) -> dict[str, Decimal]:  # form -> value
        return form_table(self.rows("numerals.tsv", min_fields=2), _number)

    @cached_property
    def units(self) -> dict[str, str]:  # form -> canonical unit code
        table = self.forms("units.tsv")
        for form, code in self.forms("units_cldr.tsv").items():
            table.setdefault(form, code)
        return table

    @cached_property
    def percent_signs(self) -> dict[str, str]:  # form -> "percent" | "points"
        return self.forms("percent_signs.tsv")

    @cached_property
    def qualifiers(self) -> list[str]:
        return self.words("qualifiers.txt")

    @cached_property
    def vague_amounts(self) -> list[str]:  # "несколько сотен" миллионов
        return [yo(w) for w in self.words("vague_amounts.txt")]

    @cached_property
    def count_exclusions(self) -> frozenset[str]:
        return frozenset(yo(w) for w in self.words("count_exclusions.txt"))

    @cached_property
    def number_labels(self) -> frozenset[str]:  # every form of "статья": "статьи 52 закона" numbers an article
        return frozenset(form.lower() for w in self.words("number_labels.txt") for form in expand(w))

    @cached_property
    def count_set_phrases(self) -> dict[str, frozenset[str]]:  # "государство" -> forms of "глава", …: "глав двух государств"
        return {
            yo(row.fields[0]): frozenset(form.lower() for head in row.fields[1:] for form in expand(head))
            for row in self.rows("count_set_phrases.tsv", min_fields=2)
        }

    @cached_property
    def counter_words(self) -> frozenset[str]:  # "единица": the genitive after it is what is counted
        return frozenset(yo(w) for w in self.words("counter_words.txt"))

    @cached_property
    def changes(self) -> Cues:  # "рост" -> up
        return Cues(self.forms("changes.tsv"))

    @cached_property
    def subject_verbs(self) -> list[str]:  # "составляет": the subject of a number stands before it
        return sorted({form for verb in self.words("subject_verbs.txt") for form in verb_forms(verb)})

    @cached_property
    def subject_carriers(self) -> dict[str, list[str]]:  # "before" / "empty" / "gap" / … -> forms
        out: dict[str, list[str]] = {
            "before": [],
            "before_amount": [],
            "before_money": [],
            "empty": [],
            "gap": [],
            "object": [],
            "object_by": [],
            "exceed": [],
            "rate": [],
            "rate_noun": [],
            "self": [],
        }
        for row in self.rows("subject_carriers.tsv", min_fields=2):
            role = _choice(row, 0, tuple(out))
            if role in ("object", "object_by", "exceed", "rate"):  # verbs: every form
                out[role] += sorted({form for verb in row.fields[1:] for form in verb_forms(verb)})
            elif role == "self":  # nouns: every form
                out[role] += sorted({form for noun in row.fields[1:] for form in expand(noun)})
            else:
                out[role] += [yo(f[1:]) if f.startswith("=") else yo(f) for f in row.fields[1:]]
        return out

    @cached_property
    def subject_complements(self) -> dict[str, frozenset[str]]:  # "цена" -> {"на"}: "цены на газ"
        return {
            yo(row.fields[0]): frozenset(f.lower() for f in row.fields[1:])
            for row in self.rows("subject_complements.tsv", min_fields=2)
        }

    @cached_property
    def subject_circumstances(self) -> frozenset[str]:  # "на данный момент": no complement of a subject
        return frozenset(yo(w) for w in self.words("subject_circumstances.txt"))

    @cached_property
    def purpose_exclusions(self) -> frozenset[str]:
        return frozenset(yo(w) for w in self.words("purpose_exclusions.txt"))

    # --- dates

    def _numbered(self, name: str) -> dict[str, int]:
        return form_table(self.rows(name, min_fields=2), _integer)

    @cached_property
    def months(self) -> dict[str, int]:
        return self._numbered("months.tsv")

    @cached_property
    def ordinals(self) -> dict[str, int]:
        return self._numbered("ordinals.tsv")

    @cached_property
    def periods(self) -> dict[str, int]:  # "квартал" -> 3 (months)
        return self._numbered("periods.tsv")

    @cached_property
    def weekdays(self) -> dict[str, int]:
        return self._numbered("weekdays.tsv")

    @cached_property
    def relative_dates(self) -> dict[str, tuple[str, int]]:  # "прошлом году" -> ("year", -1)
        units = ("year", "month", "week", "day", "night")
        return form_table(self.rows("relative_dates.tsv", min_fields=3), lambda r: (_choice(r, 0, units), _integer(r, 1)), 2)

    @cached_property
    def ago_units(self) -> dict[str, tuple[str, int]]:  # "полвека" -> ("year", 50)
        units = ("year", "month", "week", "day")
        return form_table(self.rows("ago_units.tsv", min_fields=3), lambda r: (_choice(r, 0, units), _integer(r, 1)), 2)

    @cached_property
    def month_adjectives(self) -> dict[str, int]:  # "январском" -> 1
        return self._numbered("month_adjectives.tsv")

    @cached_property
    def seasons(self) -> dict[str, int]:  # "летом" -> 6 (the season's first month)
        return self._numbered("seasons.tsv")

    @cached_property
    def decades(self) -> dict[str, int]:  # "девяностых" -> 90
        return self._numbered("decades.tsv")

    @cached_property
    def date_determiners(self) -> dict[str, str]:  # "прошлым" -> "previous"
        directions = ("previous", "next", "coming", "this")
        return form_table(self.rows("date_determiners.tsv", min_fields=2), lambda r: _choice(r, 0, directions))

    @cached_property
    def period_parts(self) -> dict[str, str]:  # "конце" -> "end"
        parts = ("begin", "middle", "end", "first_half", "second_half")
        return form_table(self.rows("period_parts.tsv", min_fields=2), lambda r: _choice(r, 0, parts))

    @cached_property
    def holidays(self) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:  # "дню победы" -> ((5, 9), (5, 9))
        return form_table(self.rows("holidays.tsv", min_fields=2), _month_days)

    @cached_property
    def continuations(self) -> list[str]:  # "Из них": a sentence that continues the one before
        return self.words("continuations.txt")

    @cached_property
    def comparison_cues(self) -> list[str]:  # "по сравнению с" 2023 годом: a base, not a period
        return self.words("comparison_cues.txt")

    @cached_property
    def plan_words(self) -> frozenset[str]:  # "планируется": a clause about the future
        return frozenset(yo(w).lower() for w in self.words("plan_words.txt"))

    @cached_property
    def date_bounds(self) -> dict[str, str]:  # "до конца" -> until
        return self.forms("date_bounds.tsv")

    @cached_property
    def year_words(self) -> list[str]:  # "года", "г."
        return self.words("year_words.txt")

    # --- facilities

    @cached_property
    def facility_types(self) -> LemmaCues:
        return LemmaCues(self.rows("facilities.tsv", min_fields=2))

    @cached_property
    def facility_actions(self) -> PrefixCues:
        return PrefixCues(self.forms("facility_actions.tsv"))

    @cached_property
    def facility_status(self) -> PrefixCues:
        return PrefixCues(self.forms("facility_status.tsv"))

    @cached_property
    def facilities_named_only(self) -> frozenset[str]:
        return frozenset(self.words("facilities_named_only.txt"))

    @cached_property
    def facilities_generic(self) -> frozenset[str]:  # "центр", "объект": a facility when qualified
        return frozenset(self.words("facilities_generic.txt"))

    @cached_property
    def facility_name_particles(self) -> list[str]:  # "улица Толе би": the name goes on after it
        return self.words("facility_name_particles.txt")

    @cached_property
    def facilities_place_named(self) -> frozenset[str]:  # "побережья Алаколя": the genitive place is its name
        return frozenset(self.words("facilities_place_named.txt"))

    @cached_property
    def facility_carriers(self) -> frozenset[str]:  # "помещений" торгового центра: the nested type is the type
        return frozenset(self.words("facility_carriers.txt"))

    @cached_property
    def facilities_event_only(self) -> frozenset[str]:  # "театр "Современник"", "улица Абая": named is not enough
        return frozenset(self.words("facilities_event_only.txt"))

    @cached_property
    def facilities_named_after(self) -> frozenset[str]:  # "улица Абая", "памятник Ленину": a person names it
        return frozenset(self.words("facilities_named_after.txt"))

    @cached_property
    def facility_parts(self) -> frozenset[str]:  # "участок" дороги, "км" сетей: the facility is still the object
        return frozenset(yo(w) for w in self.words("facility_parts.txt"))

    @cached_property
    def saying_verbs(self) -> frozenset[str]:  # "сообщили" о строительстве: the saying is no status of the work
        return frozenset(yo(w) for w in self.words("saying_verbs.txt"))

    @cached_property
    def facility_threats(self) -> list[str]:  # "угроза" подтопления: nothing has happened yet
        return self.words("facility_threats.txt")

    @cached_property
    def purpose_nouns(self) -> list[str]:  # "по производству" удобрений
        return self.words("purpose_nouns.txt")

    @cached_property
    def future_auxiliaries(self) -> list[str]:  # "будет" завершена
        return self.words("future_auxiliaries.txt")

    # --- people, instructions, priorities

    @cached_property
    def titles(self) -> Cues:
        return Cues(self.forms("titles.tsv"))

    @cached_property
    def acting_titles(self) -> Cues:  # "врио", "исполняющий обязанности": the office follows in the genitive
        return Cues(self.forms("acting_titles.tsv"))

    @cached_property
    def role_exclusions(self) -> dict[str, str]:  # form -> relation|description: "матери", "француз" are no role
        return {yo(form): kind for form, kind in self.forms_of_rows("role_exclusions.tsv").items()}

    @cached_property
    def role_verbs(self) -> Cues:  # "назначен" -> ablt: the position after it, in that case
        return Cues(self.forms("role_verbs.tsv"))

    @cached_property
    def former_titles(self) -> frozenset[str]:  # "бывший" министр holds no office
        return frozenset(yo(w.removeprefix("=")) for w in self.words("former_titles.txt"))

    @cached_property
    def preposition_cases(self) -> dict[str, str]:  # "у" -> gent: the case of a name after it
        return {
            row.fields[0]: _choice(row, 1, ("gent", "datv", "accs", "ablt", "loct"))
            for row in self.rows("preposition_cases.tsv", min_fields=2)
        }

    @cached_property
    def place_prepositions(self) -> frozenset[str]:  # "в" Козлове: a lone name after it is a place
        return frozenset(
            row.fields[0] for row in self.rows("preposition_cases.tsv", min_fields=2) if row.fields[2:3] == ("place",)
        )

    @cached_property
    def named_after(self) -> frozenset[str]:  # forms: "имени", "улицы" Абая name a thing
        return frozenset(form.lower() for w in self.words("named_after.txt") for form in expand(w))

    @cached_property
    def office_holders(self) -> list[OfficeHolder]:
        return [OfficeHolder(*row.fields[:3]) for row in self.rows("office_holders.tsv", min_fields=3)]

    @cached_property
    def instruction_verbs(self) -> list[Trigger]:
        return [
            Trigger(
                phrase=row.fields[0],
                voice=_choice(row, 1, ("active", "passive", "agent")),
                case=_choice(row, 2, ("datv", "accs")),
                noun_action=_choice(row, 3, ("infinitive", "noun")) == "noun",
            )
            for row in self.rows("instruction_verbs.tsv")
        ]

    @cached_property
    def addressee_prepositions(self) -> dict[str, str]:  # "от" -> gent
        return {
            row.fields[0]: _choice(row, 1, ("gent", "datv", "accs", "ablt", "loct"))
            for row in self.rows("addressee_prepositions.tsv", min_fields=2)
        }

    @cached_property
    def clause_breaks(self) -> list[str]:  # ", чтобы": the instructed clause ends
        return self.words("clause_breaks.txt")

    @cached_property
    def speech_verbs(self) -> list[str]:  # '"…", - отметил он': infinitives
        return self.words("speech_verbs.txt")

    @cached_property
    def priority_verbs(self) -> list[str]:
        return self.words("priority_verbs.txt")

    @cached_property
    def topic_heads(self) -> frozenset[str]:
        return frozenset(self.words("topic_heads.txt"))

    @cached_property
    def topic_suffixes(self) -> tuple[str, ...]:
        return tuple(self.words("topic_suffixes.txt"))

    @cached_property
    def topic_intros(self) -> list[str]:  # "важность" before the topics
        return self.words("topic_intros.txt")

    @cached_property
    def glue_words(self) -> list[str]:  # "тенге|за": short words a scrape glues to the word before
        return [yo(w) for w in self.words("glue_words.txt")]

    @cached_property
    def name_prepositions(self) -> frozenset[str]:  # "Министерству по чрезвычайным ситуациям": "по" is in the name
        return frozenset(yo(w) for w in self.words("name_prepositions.txt"))

    @cached_property
    def compound_stems(self) -> list[str]:  # "евро|майдан" is one word
        return [yo(w) for w in self.words("compound_stems.txt")]

    # --- places, sources

    @cached_property
    def place_types(self) -> Cues:
        return Cues(self.forms("place_types.tsv"))

    @cached_property
    def source_verbs(self) -> list[str]:
        return self.words("source_verbs.txt")

    @cached_property
    def gazetteer(self) -> Gazetteer:  # place name -> region; read when places or regions are first asked for
        from briefx.gazetteer import Gazetteer

        return Gazetteer(self.rows("regions.tsv", min_fields=4), self.rows("gazetteer.tsv", min_fields=3))

    @cached_property
    def home_countries(self) -> frozenset[str]:  # news about one of them as a whole has no region
        return frozenset(self.words("home_countries.txt"))

    @cached_property
    def origin_cues(self) -> list[OriginCue]:
        cues = []
        for row in self.rows("origin_cues.tsv", min_fields=3):
            strength, case = _choice(row, 0, ORIGIN_STRENGTHS), _choice(row, 1, ("nomn", "gent", "datv", "accs", "ablt", "loct"))
            parts = row.fields[2].split(PHRASE_MARK)
            if len(parts) > 2 or not "".join(parts).strip():
                raise LexiconError(f"{row.where()}: a cue is words with at most one {PHRASE_MARK!r} for the phrase")
            before, after = (parts[0], "") if len(parts) == 1 else parts
            cues.append(OriginCue(strength, case, " ".join(yo(before).lower().split()), " ".join(yo(after).lower().split())))
        return cues

    @cached_property
    def source_bodies(self) -> dict[str, bool]:  # every form of "пресс-служба", "акимат" … -> names a body alone
        return {
            form.lower(): _choice(row, 1, ("", "alone")) == "alone"
            for row in self.rows("source_bodies.tsv")
            for form in expand(row.fields[0])
        }

    @cached_property
    def origin_carriers(self) -> frozenset[str]:  # "сообщение" of "со ссылкой на сообщение Акорды"
        return frozenset(form.lower() for word in self.words("origin_carriers.txt") for form in expand(word))

    @cached_property
    def outlets(self) -> list[str]:  # "РБК", "РИА Новости": outlets that are no Latin name, as written
        return [yo(w) for w in self.words("outlets.txt")]

    @cached_property
    def outlet_words(self) -> list[str]:  # "корреспондент*" before an outlet's name, without a verb
        return [yo(w).lower() for w in self.words("outlet_words.txt")]


@lru_cache(maxsize=1)
def bundled() -> Lexicon:
    """The bundled lists, shared by every pipeline of a process that adds none of its own."""
    return Lexicon()
