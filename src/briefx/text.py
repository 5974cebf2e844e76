"""Text preparation that keeps offsets: a same-length normalized copy, the archive header, sentences.

Every normalization here maps one character to one character, so an offset in the normalized copy
is the same offset in the original text.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import regex
from razdel import tokenize
from razdel.segmenters.sentenize import DELIMITER, SentSegmenter, SentSplit, SentSplitter

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
QUOTES = "«»“”„‟″〝〞＂"
APOSTROPHES = "‘’‚‛′"
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
# Invisible characters seen in scraped news: emoji variation selector (the seed has U+FE0F),
# zero-width space/joiners, word joiner, BOM, soft hyphen. One char each, so they become a space.
INVISIBLE = "\ufe0f\ufe0e\u200b\u200c\u200d\u2060\ufeff\u00ad"

_REPLACEMENTS = {
    **{c: "-" for c in DASHES},
    **{c: '"' for c in QUOTES},
    **{c: "'" for c in APOSTROPHES},
    **{c: " " for c in SPACES + INVISIBLE},
    "ё": "е",
    "Ё": "Е",
}
# No replacement is itself replaced (tests/test_text.py), so one str.replace per character (each a
# fast scan, skipped when the character is absent) gives what str.translate would, in a tenth of its time
# on Cyrillic text.
_REPLACED = tuple(_REPLACEMENTS.items())

# "І полугодие" writes the Roman numeral with Cyrillic І (U+0406); inside a word ("Іле") it is a
# Kazakh letter and stays.
_ROMAN_WITH_CYRILLIC_I = regex.compile(r"(?<!\w)(?=[IVXІ]*І)[IVXІ]+(?!\w)")

# The archive header of our seed articles: "date 2025-08-14 " before the text, on the same line.
_HEADER = regex.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})(?!\d)")


def normalize(text: str) -> str:
    """Same-length copy for matching: dashes -> "-", quotes -> '"', odd spaces -> " ", ё -> е."""
    out = text
    for char, replacement in _REPLACED:
        if char in out:
            out = out.replace(char, replacement)
    if "І" in out:
        out = _ROMAN_WITH_CYRILLIC_I.sub(lambda m: m.group().replace("І", "I"), out)
    return out


def read_header(text: str) -> tuple[dt.date | None, int]:
    """The publication date in a leading "date YYYY-MM-DD" header and where the header ends."""
    match = _HEADER.match(text)
    if not match:
        return None, 0
    try:
        return dt.date(*(int(g) for g in match.groups())), match.end()
    except ValueError:  # "date 2025-13-45": not a date, so not a header
        return None, 0


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    stop: int
    text: str


_LINE = regex.compile(r"[^\n]+")
# razdel joins the pieces of a sentence by string concatenation, so a line made of thousands of
# delimiters ("." * n, "«" * n) takes time quadratic in its length. A line longer than this is segmented
# in chunks; no line of the evaluation corpora comes near it (the longest has 10,667 characters).
CHUNK = 20_000
# Where a long line is cut: after a sentence end before a capital, else at a space, else anywhere.
_SENTENCE_CUT = regex.compile(r"[.!?…][\s\"»)]*\s(?=[\p{Lu}\d\"«])")
_SPACE_CUT = regex.compile(r"\s")
# Scraped pages paste related headlines into the article, each with its time stamp and often a bullet:
# "…пропал свет13 апреля 2024 11:19■В Петропавловск будут …". A stamp ("13 апреля 2024 11:19": a day, a
# word, a year, a time) before a capital, a quote, a bullet or the line's end stands as a sentence of its
# own, and a bullet begins one, so a headline does not run into the text around it.
BULLETS = "■▪●►•"
_STAMP = regex.compile(rf"(?<!\d)\d{{1,2}}\s+\p{{Ll}}+\s+\d{{4}}\s+\d{{1,2}}:\d{{2}}(?!\d)(?=\s*(?:[\p{{Lu}}\"«“„{BULLETS}]|$))")
_BULLET = regex.compile(f"[{BULLETS}]")


class _SpacedSplitter(SentSplitter):
    """razdel's candidate splits, less those it always joins: its rules join at once at a delimiter that
    no space follows (empty_side, no_space_prefix), so such a delimiter stays inside the text around it
    and the rules run only where a sentence may end. The same sentences as razdel's sentenize
    (tests/test_sentences.py), in three fifths of the time. (A delimiter or smiley that no space follows
    hides no candidate inside it, so the look-ahead changes no match that is followed by one.)"""

    def __init__(self) -> None:
        super().__init__(pattern=DELIMITER + r"(?=\s)")

    def __call__(self, text: str) -> Iterator[str | SentSplit]:
        previous = 0
        for match in self.re.finditer(text):
            start, stop = match.span()
            yield text[previous:start]
            yield SentSplit(text[max(0, start - self.window) : start], match.group(1), text[stop : stop + self.window])
            previous = stop
        yield text[previous:]


sentenize = SentSegmenter(split=_SpacedSplitter())


def sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences by natasha's segmenter (razdel), with offsets into `text`.

    Each line is segmented on its own: a paragraph break always ends a sentence (razdel joins
    '…14,2 ц/га.\n\n«Урожай …' into one); so is each piece between pasted headlines' time stamps and
    bullets (_STAMP). A line longer than CHUNK characters is segmented in chunks.
    """
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        for piece_start, piece_stop in _pieces(text, line.start(), line.end()):
            for start, stop in _chunks(text, piece_start, piece_stop):
                out.extend(Sentence(start + s.start, start + s.stop, s.text) for s in sentenize(text[start:stop]))
    return tuple(out)


def _pieces(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """[start, stop) cut around pasted headlines' time stamps and before bullets."""
    cuts = {start, stop}
    for stamp in _STAMP.finditer(text, start, stop):
        cuts.update(stamp.span())
    cuts.update(bullet.start() for bullet in _BULLET.finditer(text, start, stop))
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b > a]


def _chunks(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """[start, stop) in pieces of at most CHUNK characters, cut where a sentence most likely ends."""
    pieces = []
    while stop - start > CHUNK:
        low, high = start + CHUNK // 2, start + CHUNK
        cut = _last(_SENTENCE_CUT, text, low, high) or _last(_SPACE_CUT, text, low, high) or high
        pieces.append((start, cut))
        start = cut
    pieces.append((start, stop))
    return pieces


def _last(pattern: regex.Pattern, text: str, low: int, high: int) -> int | None:
    """The end of the last match of `pattern` within [low, high)."""
    last = None
    for match in pattern.finditer(text, low, high):
        last = match.end()
    return last


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Tokens by razdel as (start, stop, text); computed on demand, the extractors do not need them."""
    return [(t.start, t.stop, t.text) for t in tokenize(text)]


class SentenceIndex:
    """Which sentence an offset falls in (the last one starting at or before it)."""

    def __init__(self, spans: tuple[Sentence, ...]):
        self._starts = [s.start for s in spans]

    def __call__(self, offset: int) -> int:
        return max(bisect_right(self._starts, offset) - 1, 0)
