"""The word lists of briefx/data/ (and a user's own folder) as one typed Lexicon: read, validated,
expanded into word forms, turned into regex alternations.

Every list an extractor reads goes through `Lexicon`; each is read and expanded on first use, so a
pipeline that needs only numbers never inflects the facility types.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

import regex

from briefx.morph import phrase_forms, yo

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
        node[_WILDCARD_END if form.endswith(WILDCARD) else _END] = True
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
    if node.get(_WILDCARD_END):
        branches.append(r"\w*")  # after the literal branches: they are tried first
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
class Trigger:
    """An instruction verb and the grammar around it (data/instruction_verbs.tsv)."""

    phrase: str  # "поручил", "дал поручение"
    passive: bool  # "поручено": the addressee stands before it
    case: str  # of the addressee after it: "datv" | "accs"
    noun_action: bool  # "указал на необходимость усиления …": a noun, not an infinitive, is instructed


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
        units = ("year", "month", "week", "day")
        return form_table(self.rows("relative_dates.tsv", min_fields=3), lambda r: (_choice(r, 0, units), _integer(r, 1)), 2)

    @cached_property
    def ago_units(self) -> dict[str, str]:
        return self.forms("ago_units.tsv")

    @cached_property
    def date_bounds(self) -> dict[str, str]:  # "до конца" -> until
        return self.forms("date_bounds.tsv")

    @cached_property
    def year_words(self) -> list[str]:  # "года", "г."
        return self.words("year_words.txt")

    # --- facilities

    @cached_property
    def facility_types(self) -> Cues:
        return Cues(self.forms("facilities.tsv"))

    @cached_property
    def facility_actions(self) -> Cues:
        return Cues(self.forms("facility_actions.tsv"))

    @cached_property
    def facility_status(self) -> Cues:
        return Cues(self.forms("facility_status.tsv"))

    @cached_property
    def facilities_named_only(self) -> frozenset[str]:
        return frozenset(self.words("facilities_named_only.txt"))

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
    def deputy_titles(self) -> frozenset[str]:
        return frozenset(w.split()[-1] for w in self.words("deputy_titles.txt"))

    @cached_property
    def office_holders(self) -> list[OfficeHolder]:
        return [OfficeHolder(*row.fields[:3]) for row in self.rows("office_holders.tsv", min_fields=3)]

    @cached_property
    def instruction_verbs(self) -> list[Trigger]:
        return [
            Trigger(
                phrase=row.fields[0],
                passive=_choice(row, 1, ("active", "passive")) == "passive",
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

    # --- places, sources

    @cached_property
    def place_types(self) -> Cues:
        return Cues(self.forms("place_types.tsv"))

    @cached_property
    def source_verbs(self) -> list[str]:
        return self.words("source_verbs.txt")


@lru_cache(maxsize=1)
def bundled() -> Lexicon:
    """The bundled lists, shared by every pipeline of a process that adds none of its own."""
    return Lexicon()
