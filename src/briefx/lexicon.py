"""Loads the word lists in briefx/data/, validates them, expands word forms, builds regex alternations."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import regex

from briefx.morph import phrase_forms, yo

WILDCARD = "*"


class LexiconError(ValueError):
    """A data file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    fields: tuple[str, ...]

    def where(self) -> str:
        return f"{self.file}:{self.line}"


def read_rows(name: str, *, min_fields: int = 1) -> list[Row]:
    """Non-empty, non-comment lines of a data file, split on TAB."""
    text = resources.files("briefx").joinpath("data").joinpath(name).read_text(encoding="utf-8")
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


def expand(entry: str) -> set[str]:
    """All surface forms of one entry: "=тыс." -> {"тыс."}; "рубль" -> {"рубль", "рубля", ...}."""
    if entry.startswith("="):
        return {yo(entry[1:])}
    return phrase_forms(entry)


def decimal_field(row: Row, index: int = 0) -> Decimal:
    try:
        return Decimal(row.fields[index])
    except InvalidOperation:
        raise LexiconError(f"{row.where()}: {row.fields[index]!r} is not a number") from None


def form_table(name: str, *, numeric_key: bool = False) -> dict[str, object]:
    """Surface form (lowercased) -> key of its row, for files of the shape `key<TAB>form<TAB>form…`."""
    table: dict[str, object] = {}
    for row in read_rows(name, min_fields=2):
        key: object = decimal_field(row) if numeric_key else row.fields[0]
        for entry in row.fields[1:]:
            for form in expand(entry):
                previous = table.setdefault(form.lower(), key)
                if previous != key:
                    raise LexiconError(f"{row.where()}: {form!r} already means {previous}")
    return table


def word_list(name: str) -> list[str]:
    return [row.fields[0] for row in read_rows(name)]


def alternation(forms) -> str:
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
        node[_WILDCARD_END if form.endswith(WILDCARD) else _END] = True
    return _tree_pattern(root) or "(?!)"


_END, _WILDCARD_END = "", "*"
_WORD_CHAR = regex.compile(r"\w")  # the regex module's own idea of a word character, as `\b` has it


def word_start(forms, *, after_hyphen: bool = True) -> str:
    r"""What a regex puts before an alternation of `forms`: no letter or digit before (`(?<!\w)`), and
    with `after_hyphen=False` no hyphen either (`(?<![\w-])`: not "взлетно-|посадочной").

    When every form begins with a word character this is written `\b`, which then means the same.
    The regex module scans for a pattern that opens with `\b` about twice as fast as for one that
    opens with a lookbehind: it can skip ahead to the forms' first letters.
    """
    if forms and all(_WORD_CHAR.match(f) for f in forms):
        return r"\b" if after_hyphen else r"\b(?<!-)"
    return r"(?<!\w)" if after_hyphen else r"(?<![\w-])"


def _tree_pattern(node: dict) -> str:
    branches = []
    for char in sorted(k for k in node if k not in (_END, _WILDCARD_END)):
        piece = r"\s+" if char == " " else regex.escape(char)
        branches.append(piece + _tree_pattern(node[char]))
    if node.get(_WILDCARD_END):
        branches.append(r"\w*")  # after the literal branches: they are tried first
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if node.get(_END):
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body


class Cues:
    """Words that signal something ("рост" -> up, "заверш*" -> completed), with "*" prefix forms.

    Built from a `key<TAB>form…` file; `pattern` finds any of them, `key_of` names what one means.
    """

    def __init__(self, name: str):
        self.table: dict[str, str] = form_table(name)  # type: ignore[assignment]
        self._prefixes = sorted(((f[:-1], k) for f, k in self.table.items() if f.endswith(WILDCARD)), key=lambda p: -len(p[0]))
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
        endpos = len(text) if endpos is None else endpos
        while start := self._starts.search(text, pos, endpos):
            match = self.pattern.match(text, start.start(), endpos)
            if match:
                pos = match.end()
                yield match
            else:
                pos = start.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return next(self.finditer(text, pos, endpos), None)

    def key_of(self, word: str) -> str | None:
        key = form_key(word)
        if key in self.table:
            return self.table[key]
        return next((k for stem, k in self._prefixes if key.startswith(stem)), None)


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors read from data/, loaded once per process."""

    currencies: dict[str, str]  # form -> ISO code
    scales: dict[str, Decimal]  # form -> multiplier
    numerals: dict[str, Decimal]  # form -> value
    units: dict[str, str]  # form -> canonical unit
    percent_signs: dict[str, str]  # form -> "percent" | "points"
    qualifiers: list[str]
    count_exclusions: frozenset[str]
    counter_words: frozenset[str]  # "единица": the genitive after it is what is counted

    def lookup(self, table: dict, surface: str):
        """Find a matched surface form in a table, with spaces and case folded as the regex did."""
        return table[form_key(surface)]


@lru_cache(maxsize=1)
def load() -> Lexicon:
    return Lexicon(
        currencies=form_table("currencies.tsv"),  # type: ignore[arg-type]
        scales=form_table("scales.tsv", numeric_key=True),  # type: ignore[arg-type]
        numerals=form_table("numerals.tsv", numeric_key=True),  # type: ignore[arg-type]
        units=form_table("units.tsv"),  # type: ignore[arg-type]
        percent_signs=form_table("percent_signs.tsv"),  # type: ignore[arg-type]
        qualifiers=word_list("qualifiers.txt"),
        count_exclusions=frozenset(yo(w) for w in word_list("count_exclusions.txt")),
        counter_words=frozenset(yo(w) for w in word_list("counter_words.txt")),
    )
