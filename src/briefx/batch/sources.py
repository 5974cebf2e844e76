"""Archives -> a stream of Documents (or Failures), one at a time, in a fixed order.

Inputs: a .txt or .html file, a folder of them (recursive, sorted), JSON Lines (.jsonl, .ndjson,
optionally .gz), CSV/TSV with a text column, "-" for standard input, or a URL that fsspec opens
(s3://…, gcs://…, https://…). Nothing is read whole except a single document, and none over the size
limit.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from briefx.batch import records as r
from briefx.batch.decoding import DecodeError, declared_charset, decode, decode_line, html_to_text, looks_like_html, utf8_lines
from briefx.batch.records import Document, Failure, Item

FORMATS = ("txt", "html", "jsonl", "csv")
DATE_FIELDS = ("published", "date", "datetime")  # tried in order when no date field is named
TEXT_SUFFIXES = {".txt", ".html", ".htm"}  # what a folder walk picks up
_SUFFIX_FORMATS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html",
}  # fmt: skip
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")  # "2024-04-12T13:09:00" -> 2024-04-12
_HTML_TEXT = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read the archive; the defaults fit the Tengrinews dump and plain folders of .txt."""

    text_field: str = "text"
    id_field: str = "id"
    date_field: str | None = None  # None: the first of "published", "date", "datetime" present
    max_bytes: int = 10 * 2**20  # a larger file, line or row is an error record, never read whole
    input_format: str | None = None  # one of FORMATS; None: from the suffix (stdin: sniffed)
    markup: str = "auto"  # "auto": HTML pages are reduced to text; "html": always; "text": never

    def __post_init__(self) -> None:
        if self.input_format not in (None, *FORMATS):
            raise ValueError(f"input_format must be one of {FORMATS} or None, got {self.input_format!r}")
        if self.markup not in ("auto", "html", "text"):
            raise ValueError(f"markup must be 'auto', 'html' or 'text', got {self.markup!r}")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, got {self.max_bytes!r}")


@dataclass(frozen=True, slots=True)
class Input:
    """One file (or stream) to read: where it is, the id a whole-file document gets, its format; or a
    folder that could not be listed, with why (`error`), which reads as an "unreadable" record."""

    source: str
    id: str
    format: str
    error: str | None = None


def is_url(path: str) -> bool:
    return "://" in path


def format_of(name: str) -> str:
    """ "a.jsonl.gz" -> "jsonl", "b.tsv" -> "csv", anything unknown -> "txt"."""
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return _SUFFIX_FORMATS.get(suffixes[-1], "txt") if suffixes else "txt"


def expand(paths: Iterable[str | os.PathLike[str]], options: ReadOptions = ReadOptions()) -> Iterator[Input]:
    """Every file to read, in order: folders walked recursively and sorted, URL globs expanded."""
    for raw in paths:
        path = os.fspath(raw)
        if path == "-":
            yield Input("-", "-", options.input_format or "")  # "" = sniff
        elif is_url(path):
            yield from _expand_url(path, options)
        elif Path(path).is_dir():
            yield from _walk(Path(path), options)
        else:
            yield Input(path, Path(path).name, options.input_format or format_of(path))


def _walk(root: Path, options: ReadOptions) -> Iterator[Input]:
    """The text files under `root` (symlinked folders not followed), sorted by their paths relative to
    it; a folder that cannot be listed is an Input with the error, in its place, never a silent gap."""
    found: list[Input] = []

    def unlistable(error: OSError) -> None:
        rel = Path(error.filename).relative_to(root).as_posix()
        reason = f"the folder could not be read: {type(error).__name__}: {error.strerror}"
        found.append(Input(str(error.filename), f"{rel}/" if rel != "." else f"{root.name}/", "", reason))

    for folder, _, names in os.walk(root, onerror=unlistable):
        for name in names:
            file = Path(folder, name)
            if file.suffix.lower() in TEXT_SUFFIXES and (file.is_file() or file.is_symlink()):  # a broken link: a record
                found.append(Input(str(file), file.relative_to(root).as_posix(), options.input_format or format_of(name)))
    yield from sorted(found, key=lambda entry: entry.id)


def _expand_url(url: str, options: ReadOptions) -> Iterator[Input]:
    import fsspec  # comes with dask; only URLs need it

    files = fsspec.open_files(url)
    for file in files:
        source = file.fs.unstrip_protocol(file.path)
        name = PurePosixPath(file.path).name
        yield Input(source, name, options.input_format or format_of(name))


def read(paths: Iterable[str | os.PathLike[str]], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """A Document or a Failure for every article in the inputs, in order."""
    for entry in expand(paths, options):
        yield from read_input(entry, options)


def read_input(entry: Input, options: ReadOptions) -> Iterator[Item]:
    """The articles of one file or stream."""
    shown = Input(usable(entry.source), usable(entry.id), entry.format)  # a file name need not be UTF-8
    if entry.error is not None:
        yield Failure(r.UNREADABLE, usable(entry.error), shown.source, None, shown.id)
        return
    try:
        with open_binary(entry.source) as stream:
            fmt = entry.format or _sniff(stream)
            if fmt == "jsonl":
                yield from _read_jsonl(*utf8_lines(stream), shown, options)
            elif fmt == "csv":
                yield from _read_csv(*utf8_lines(stream), shown, options)
            else:
                yield _read_whole(stream, shown, options, fmt)
    except (OSError, EOFError, zlib.error) as error:  # a missing file, a truncated or corrupt .gz
        yield Failure(r.UNREADABLE, usable(f"{type(error).__name__}: {error}"), shown.source, None, shown.id)


def usable(name: str) -> str:
    """A name every output can write: lone surrogates (from a JSON escape such as "\\udfff", or a file
    name that is not UTF-8) become that escape as text, "a\\udfffb"; anything else is kept."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


@contextmanager
def open_binary(source: str) -> Iterator[BinaryIO]:
    """A binary stream of a path, "-" (stdin) or URL; .gz is decompressed."""
    if source == "-":
        yield sys.stdin.buffer
    elif is_url(source):
        import fsspec

        with fsspec.open(source, "rb", compression="infer") as stream:
            yield stream
    elif source.endswith(".gz"):
        with gzip.open(source, "rb") as stream:
            yield stream  # type: ignore[misc]
    else:
        with open(source, "rb") as stream:
            yield stream


def _sniff(stream: BinaryIO) -> str:
    """Standard input: JSON Lines when it starts with "{" (after a byte-order mark), otherwise one text."""
    head = stream.peek(64) if isinstance(stream, io.BufferedReader) else b""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "ignore").encode()
            break
    return "jsonl" if head.lstrip()[:1] == b"{" else "txt"


# --- one document per file -----------------------------------------------------------------------


def _read_whole(stream: BinaryIO, entry: Input, options: ReadOptions, fmt: str) -> Item:
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return Failure(r.TOO_LARGE, f"over the {options.max_bytes}-byte limit", entry.source, None, entry.id)
    html = options.markup == "html" or (options.markup == "auto" and (fmt == "html" or looks_like_html(data)))
    try:
        text, encoding = decode(data, declared_charset(data) if html else None)
    except DecodeError as error:
        return Failure(error.code, error.reason, entry.source, None, entry.id)
    return _document(text, entry.id, entry.source, None, None, encoding, html)


def _document(
    text: str, doc_id: str, source: str, line: int | None, published: dt.date | None, encoding: str, html: bool
) -> Item:
    if html:
        text = html_to_text(text)
    if not text.strip():
        return Failure(r.EMPTY, "empty document" + (" (no text in the page)" if html else ""), source, line, doc_id)
    return Document(text, doc_id, source, line, published, encoding, "html" if html else None)


# --- one document per line -----------------------------------------------------------------------


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the line end) for every line; None for a line over `limit`, whose
    bytes are skipped, not kept."""
    number = 0
    while raw := stream.readline(limit + 2):
        number += 1
        complete = raw.endswith(b"\n")
        content = raw.rstrip(b"\r\n")
        if len(content) <= limit and (complete or len(raw) <= limit):
            yield number, content
            continue
        while not complete and (rest := stream.readline(1 << 20)):
            complete = rest.endswith(b"\n")
        yield number, None


def _read_jsonl(stream: BinaryIO, wide: str, entry: Input, options: ReadOptions) -> Iterator[Item]:
    name = PurePosixPath(entry.source).name
    legacy: str | None = None  # a cp1251/koi8-r detected earlier in this file
    for number, content in _lines(stream, options.max_bytes):
        fallback_id = f"{name}:{number}"
        if content is None:
            reason = f"line over the {options.max_bytes}-byte limit"
            yield Failure(r.TOO_LARGE, reason, entry.source, number, fallback_id)
            continue
        if not content.strip():
            continue  # a blank line holds no document
        try:
            line, encoding = decode_line(content, legacy, wide)
        except DecodeError as error:
            yield Failure(error.code, error.reason, entry.source, number, fallback_id)
            continue
        legacy = encoding if encoding not in ("utf-8", wide) else legacy
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            reason = f"invalid JSON: {error.msg} at column {error.colno}"
            yield Failure(r.BAD_JSON, reason, entry.source, number, fallback_id)
            continue
        except (ValueError, RecursionError) as error:  # a 5000-digit number, [[[[… nested too deep
            yield Failure(r.BAD_JSON, f"invalid JSON: {error}", entry.source, number, fallback_id)
            continue
        if not isinstance(record, dict):
            reason = f"a JSON {type(record).__name__}, not an object"
            yield Failure(r.BAD_JSON, reason, entry.source, number, fallback_id)
            continue
        yield _from_fields(record, entry.source, number, fallback_id, encoding, options)


def _from_fields(record: dict, source: str, line: int, fallback_id: str, encoding: str, options: ReadOptions) -> Item:
    raw_id = record.get(options.id_field)
    doc_id = fallback_id if raw_id is None or raw_id == "" else usable(str(raw_id))
    text = record.get(options.text_field)
    if not isinstance(text, str):
        fields = ", ".join(map(str, record)) or "none"
        what = "missing" if text is None else f"a {type(text).__name__}, not text"
        reason = f"field {options.text_field!r} is {what} (fields: {fields})"
        return Failure(r.MISSING_TEXT, reason, source, line, doc_id)
    html = options.markup == "html" or (options.markup == "auto" and bool(_HTML_TEXT.match(text[:4096])))
    return _document(text, doc_id, source, line, _published(record, options), encoding, html)


def _published(record: dict, options: ReadOptions) -> dt.date | None:
    names = (options.date_field,) if options.date_field else DATE_FIELDS
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and (match := _ISO_DATE.match(value)):
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                return None  # "2024-13-45": no date rather than a wrong one
    return None


# --- CSV -----------------------------------------------------------------------------------------


MAX_FIELD_LINES = 1000  # a row over this many lines is taken for an unclosed quote (an article has tens)


@dataclass(frozen=True, slots=True)
class _Line:
    """A physical line of a CSV file, decoded, with what went wrong reading it."""

    number: int
    text: str  # ends with "\n"
    size: int  # bytes as stored
    problem: Failure | None = None
    encoding: str = "utf-8"


class _RunawayRow(Exception):
    """A row has taken more lines or bytes than a row can: a quote opened in it was never closed."""


class _CsvLines:
    """The lines of a CSV file fed to csv.reader one row at a time. The lines a row took are kept, so
    when it turns out to be a runaway quoted field it can be read again from its second line."""

    def __init__(self, lines: Iterator[_Line], max_bytes: int):
        self.lines = lines
        self.max_bytes = max_bytes
        self.again: deque[_Line] = deque()  # lines to read again, after a runaway row's first
        self.taken: list[_Line] = []  # by the current row
        self.size = 0
        self.ended = False  # the file ended inside the current row

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if len(self.taken) >= MAX_FIELD_LINES or self.size > self.max_bytes:
            raise _RunawayRow
        line = self.again.popleft() if self.again else next(self.lines, None)
        if line is None:
            self.ended = True
            raise StopIteration
        self.taken.append(line)
        self.size += line.size
        return line.text

    def next_row(self) -> None:
        self.taken, self.size, self.ended = [], 0, False

    def read_again(self) -> None:
        """Give back every line the current row took but its first."""
        self.again.extendleft(reversed(self.taken[1:]))


def _read_csv(stream: BinaryIO, wide: str, entry: Input, options: ReadOptions) -> Iterator[Item]:
    name = PurePosixPath(entry.source).name
    lines = _CsvLines(_csv_lines(stream, wide, entry, options), options.max_bytes)
    header_line = next(lines, None)
    if header_line is None:
        return
    delimiter = "\t" if ".tsv" in entry.source.lower() else _delimiter(header_line)
    csv.field_size_limit(max(options.max_bytes, csv.field_size_limit()))
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    if options.text_field not in header:
        reason = f"no column {options.text_field!r} in the header (columns: {', '.join(header) or 'none'})"
        yield Failure(r.MISSING_TEXT, reason, entry.source, 1, entry.id)
        return
    while True:
        lines.next_row()
        problem, runaway = None, False
        try:
            row: list[str] | None = next(csv.reader(lines, delimiter=delimiter))
        except StopIteration:
            return
        except _RunawayRow:
            row, runaway = None, True
            limit = f"{MAX_FIELD_LINES} lines" if len(lines.taken) >= MAX_FIELD_LINES else f"{options.max_bytes} bytes"
            problem = Failure(r.BAD_CSV, f"a quoted field runs over {limit}: a quote opened here is never closed?", entry.source)
        except csv.Error as error:
            row, problem = None, Failure(r.BAD_CSV, f"CSV: {error}", entry.source)
        if lines.ended and row is not None:  # the file ended inside a quoted field
            row, runaway = None, True
            problem = Failure(r.BAD_CSV, "a quote opened here is never closed", entry.source)
        taken = lines.taken
        if runaway:  # the lines it swallowed are rows of their own: read on from the next line
            lines.read_again()
            taken = taken[:1]
        number = taken[0].number
        problem = problem or next((line.problem for line in taken if line.problem), None)
        encoding = next((line.encoding for line in taken if line.encoding != "utf-8"), "utf-8")
        fallback_id = f"{name}:{number}"
        if problem is not None:
            yield Failure(problem.code, problem.reason, entry.source, number, fallback_id)
        elif row and any(cell.strip() for cell in row):  # a blank line holds no document
            record = dict(zip(header, row, strict=False))
            yield _from_fields(record, entry.source, number, fallback_id, encoding, options)


def _csv_lines(stream: BinaryIO, wide: str, entry: Input, options: ReadOptions) -> Iterator[_Line]:
    """Physical lines decoded one by one, so a bad line spoils only the row it belongs to."""
    legacy: str | None = None  # a cp1251/koi8-r detected earlier in this file
    for number, content in _lines(stream, options.max_bytes):
        if content is None:
            problem = Failure(r.TOO_LARGE, f"line over the {options.max_bytes}-byte limit", entry.source)
            yield _Line(number, "\n", options.max_bytes, problem)
            continue
        try:
            text, encoding = decode_line(content, legacy, wide)
        except DecodeError as error:
            yield _Line(number, "\n", len(content) + 1, Failure(error.code, error.reason, entry.source))
            continue
        legacy = encoding if encoding not in ("utf-8", wide) else legacy
        yield _Line(number, text + "\n", len(content) + 1, encoding=encoding)


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


# --- how many -----------------------------------------------------------------------------------


def estimate(paths: Iterable[str | os.PathLike[str]], options: ReadOptions = ReadOptions()) -> int | None:
    """About how many articles the inputs hold (for a progress bar's ETA); None when it would take a
    second pass over compressed or remote data."""
    total = 0
    for entry in expand(paths, options):
        if entry.source == "-" or is_url(entry.source) or entry.source.endswith(".gz"):
            return None
        if entry.format in ("jsonl", "csv"):
            try:
                with open(entry.source, "rb") as stream:
                    newlines = sum(chunk.count(b"\n") for chunk in iter(partial(stream.read, 1 << 20), b""))
            except OSError:
                continue
            total += max(newlines - (entry.format == "csv"), 0)
        else:
            total += 1
    return total
