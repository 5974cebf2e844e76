"""Bytes -> text: UTF-8, else cp1251 or KOI8-R when the Cyrillic letters read as Russian; saved HTML
pages -> their visible text.

The encoding rule, in order:
1. a byte-order mark decides (UTF-8, UTF-16);
2. a NUL byte means a binary file, not text;
3. bytes that decode as strict UTF-8 are UTF-8;
4. otherwise each of cp1251 and koi8-r decodes the bytes strictly, and a decoding is *plausible* when
   it has at least MIN_LETTERS Cyrillic letters, mostly lowercase, making up most of the non-ASCII
   characters, no box-drawing characters (KOI8-R puts them where cp1251 has punctuation), and their
   mean log-frequency under Russian letter frequencies is at least MIN_SCORE. The plausible decoding
   that scores higher wins if it beats the other by MARGIN; anything else is an error, never a guess.
   Reading one 8-bit encoding as the other permutes the alphabet and swaps the cases, so frequent
   letters turn into rare ones and lowercase into capitals.
5. a line of a JSON Lines or CSV file with too few letters to judge takes the legacy encoding found
   earlier in the same file, unless its bytes look like UTF-8.
"""

from __future__ import annotations

import codecs
import io
import math
import re
from html.parser import HTMLParser
from typing import Any, BinaryIO, cast


class DecodeError(ValueError):
    """Bytes that are not text briefx can read; `code` is an error code from records.py."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


# Letter frequencies of Russian, per cent (Russian National Corpus, as quoted in the Russian Wikipedia
# article "Частотность"). Only their logarithms are used.
RUSSIAN_LETTER_FREQUENCIES = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04,
}  # fmt: skip
_LOG_FREQUENCY = {c: math.log(p / 100) for c, p in RUSSIAN_LETTER_FREQUENCIES.items()}
CANDIDATES = ("cp1251", "koi8-r")
MIN_LETTERS = 20  # fewer Cyrillic letters than this are too few to tell the encodings apart
MIN_SCORE = -3.5  # Russian text scores about -3.0 (its letter entropy), a whole article never below -3.2;
#                   the other 8-bit reading of the same bytes scores below -3.55
MARGIN = 0.3  # nats per letter the winner must lead by
MIN_LOWERCASE = 0.5  # share of lowercase among the Cyrillic letters (news text: over 0.9)
MIN_LETTER_SHARE = 0.8  # share of Cyrillic letters among non-ASCII characters (the rest: « » — № …)
# A lead byte and its continuation bytes: UTF-8 with a stray byte elsewhere, not an 8-bit encoding
# (in cp1251 Russian a capital is rarely followed by punctuation from 0x80-0xBF).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BOX_DRAWING = re.compile("[\u2500-\u259f]")
_CYRILLIC = re.compile("[А-яЁё]")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def plausibility(text: str) -> float | None:
    """Mean log-frequency of the Cyrillic letters as Russian; None when there are too few to judge,
    -inf when the text cannot be Russian: mostly capitals, or mostly symbols among non-ASCII characters
    (UTF-8 read as cp1251 gives "РЎРѕ…": capitals between symbols)."""
    letters = _CYRILLIC.findall(text)
    if len(letters) < MIN_LETTERS:
        return None
    lower = sum(c.islower() for c in letters)
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if lower < MIN_LOWERCASE * len(letters) or len(letters) < MIN_LETTER_SHARE * non_ascii:
        return -math.inf
    return sum(_LOG_FREQUENCY[c.lower()] for c in letters) / len(letters)


def decode(data: bytes, declared: str | None = None, fallback: str | None = None) -> tuple[str, str]:
    """(text, encoding used) for the bytes of one document; DecodeError when they are not text.

    `declared` is an encoding the container names (an HTML <meta charset>); it is used when it decodes
    the bytes strictly. `fallback` is the encoding detected earlier in the same file, used for a line
    with too few Cyrillic letters to judge on its own and nothing that looks like UTF-8.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), "utf-8" if codec == "utf-8-sig" else codec
            except UnicodeDecodeError as error:
                raise DecodeError("undecodable", f"a {codec} byte-order mark, then invalid bytes: {error}") from None
    if b"\x00" in data:
        raise DecodeError("binary", f"binary content (a NUL byte at offset {data.index(0)})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    if declared:
        try:
            name = codecs.lookup(declared).name
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    scores: dict[str, tuple[float, str]] = {}
    judged = False
    for codec in CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        judged = judged or score is not None
        if score is not None and score >= MIN_SCORE and not _BOX_DRAWING.search(text):
            scores[codec] = (score, text)
    if not judged and fallback and not _UTF8_SEQUENCE.search(data):
        try:
            return data.decode(fallback), fallback
        except UnicodeDecodeError:
            pass
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    if ranked and (len(ranked) == 1 or ranked[0][1][0] - ranked[1][1][0] >= MARGIN):
        codec, (_, text) = ranked[0]
        return text, codec
    position = utf8_error.start
    raise DecodeError(
        "undecodable",
        f"invalid UTF-8 at byte {position} ({data[position : position + 4]!r}…) and no confident cp1251/koi8-r reading",
    )


# --- files of lines in UTF-16 ---------------------------------------------------------------------


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-16 -> lone surrogates, which no line decodes as UTF-8: that line becomes an
    error record, and the lines around it are read."""
    assert isinstance(error, UnicodeDecodeError)
    return "".join(chr(0xDC00 + byte) for byte in error.object[error.start : error.end]), error.end


codecs.register_error("briefx-escape", _escape_bytes)


class _Recoded(io.RawIOBase):
    """A UTF-16 stream read as UTF-8 bytes."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-16")(errors="briefx-escape")  # the BOM says the byte order
        self.pending = b""
        self.ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending and not self.ended:
            chunk = self.stream.read(1 << 16)
            self.ended = not chunk
            self.pending = self.decoder.decode(chunk, final=self.ended).encode("utf-8", "surrogatepass")
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def utf8_lines(stream: BinaryIO) -> tuple[BinaryIO, str]:
    """A JSON Lines or CSV stream as bytes whose lines end in b"\\n", and the encoding the file is in.
    A UTF-16 file (it starts with a byte-order mark) has a NUL in every other byte, so it is decoded
    here, as a whole, and read as UTF-8; any other file is returned as it is, its lines decoded one by
    one (decode())."""
    buffered: Any = stream if hasattr(stream, "peek") else io.BufferedReader(cast(Any, stream))  # fsspec's files
    if buffered.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return io.BufferedReader(_Recoded(buffered)), "utf-16"
    return buffered, "utf-8"


def decode_line(data: bytes, fallback: str | None, encoding: str) -> tuple[str, str]:
    """One line of a file utf8_lines() said is in `encoding` -> (text, encoding used)."""
    if encoding == "utf-8":
        return decode(data, fallback=fallback)
    try:
        return data.decode("utf-8"), encoding  # decoded from UTF-16 as the file was read
    except UnicodeDecodeError:
        raise DecodeError("undecodable", f"invalid {encoding} in this line") from None


# --- HTML ----------------------------------------------------------------------------------------

_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def looks_like_html(data: bytes) -> bool:
    """A saved page: it starts with <!DOCTYPE html> or <html> (after a BOM, spaces, comments)."""
    return bool(_HTML_START.match(data[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The <meta charset> of a page, from its first 4 KB."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


# Content that is not article text.
_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "iframe", "object", "canvas"}
# Elements that end a paragraph: a blank line between them keeps sentences apart.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []  # open elements whose content is skipped
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping.append(tag)
        elif tag == "br":
            self.current.append("\n")
        elif tag in _BLOCKS:
            self.end_paragraph()
            self.pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP:  # <br/>, <hr/>; a self-closed <script/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:  # tolerate unclosed elements inside the skipped one
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]
            return
        if tag in _BLOCKS:
            self.end_paragraph()
            self.pre -= tag == "pre" and self.pre > 0

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data if self.pre else _WHITESPACE.sub(" ", data))

    def end_paragraph(self) -> None:
        text = "".join(self.current)
        lines = [line.strip(" ") for line in text.split("\n")] if not self.pre else [text.strip("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []


# "<![" opens a marked section; Python's parser raises AssertionError on one whose keyword is not one
# it knows ("<![0", "<![a"). Such a "<![" is text.
_BAD_MARKED_SECTION = re.compile(r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9]))", re.IGNORECASE)


def html_to_text(page: str) -> str:
    """The visible text of a page: paragraphs separated by a blank line, runs of spaces collapsed,
    entities decoded; scripts, styles and the <head> dropped. Facts' offsets index this text."""
    parser = _TextParser()
    parser.feed(_BAD_MARKED_SECTION.sub("&lt;![", page))
    parser.close()
    parser.end_paragraph()
    return "\n\n".join(parser.paragraphs)
