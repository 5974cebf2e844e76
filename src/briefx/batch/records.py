"""What flows through a batch run: a Document read from an archive, a Failure where no document could
be read, and the Result the run yields for each of them, in input order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from briefx.model import Brief

# Error codes, one per way a document can fail; `reason` says the rest in words.
UNREADABLE = "unreadable"  # the file or stream could not be read (missing, permissions, broken gzip)
BINARY = "binary"  # NUL bytes: not a text file
UNDECODABLE = "undecodable"  # not UTF-8, and neither cp1251 nor koi8-r is plausible
BAD_JSON = "bad_json"  # a JSON Lines line that is not a JSON object
BAD_CSV = "bad_csv"  # a CSV row the csv module rejects
MISSING_TEXT = "missing_text"  # the text field or column is absent or not a string
EMPTY = "empty"  # nothing but whitespace
TOO_LARGE = "too_large"  # over the size limit; never read whole
EXTRACT_FAILED = "extract_failed"  # the pipeline raised on this text
WORKER_CRASHED = "worker_crashed"  # the worker process died on this text
TIMEOUT = "timeout"  # the pipeline took longer than the time limit on this text


@dataclass(frozen=True, slots=True)
class Document:
    """One article read from an archive, decoded and ready for the pipeline."""

    text: str
    id: str | None  # None only for bare texts given to briefx.batch(texts=…)
    source: str  # the file or URL as found ("-" for standard input)
    line: int | None = None  # 1-based line of a JSON Lines or CSV record; None for a whole file
    published: dt.date | None = None
    encoding: str = "utf-8"  # the codec that decoded it
    markup: str | None = None  # "html" when the text was reduced from a saved page


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not become a Brief, with where it was and why."""

    code: str
    reason: str
    source: str
    line: int | None = None
    id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "reason": self.reason, "source": self.source, "line": self.line}


Item = Document | Failure


@dataclass(frozen=True, slots=True)
class Result:
    """What a batch run yields for each input, in input order: a Brief, or the Failure instead."""

    seq: int  # position in the input, counting failures too; resuming skips this many
    id: str | None
    source: str
    line: int | None
    brief: Brief | None = None
    error: Failure | None = None
    encoding: str | None = None
    markup: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    # Positional, not the default slot-state dict: a worker sends one per document (see Fact.__reduce__)
    def __reduce__(self) -> tuple[Any, ...]:
        return Result, tuple(getattr(self, name) for name in _RESULT_FIELDS)

    def record(self, *, meta: bool = False, text: bool = False, explain: bool = False) -> dict[str, Any]:
        """The JSON Lines record: Brief.as_dict(), or {"id", "error": {...}} for a failed document.

        `meta` adds {"meta": {source, line, encoding, markup}}; `text` adds the text the offsets index
        (useful for HTML input, whose text is the page reduced by briefx); `explain` adds each fact's rule.
        """
        if self.brief is not None:
            out = self.brief.as_dict(explain=explain)
        else:
            assert self.error is not None
            out = {"id": self.id, "error": self.error.as_dict()}
        if meta:
            out["meta"] = {
                "source": self.source,
                "line": self.line,
                "encoding": self.encoding,
                "markup": self.markup,
            }
        if text and self.brief is not None:
            out["text"] = self.brief.text
        return out

    @classmethod
    def of(cls, seq: int, item: Item, brief: Brief | None = None, error: Failure | None = None) -> Result:
        if isinstance(item, Failure):
            return cls(seq, item.id, item.source, item.line, error=item)
        return cls(seq, item.id, item.source, item.line, brief, error, item.encoding, item.markup)


_RESULT_FIELDS = tuple(f.name for f in dataclasses.fields(Result))


@dataclass
class Tally:
    """Counts for the end-of-run summary."""

    documents: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)
    encodings: dict[str, int] = field(default_factory=dict)  # documents not in UTF-8, by codec
    html: int = 0
    component_errors: dict[str, int] = field(default_factory=dict)  # documents a component failed on, by component

    def add(self, result: Result) -> None:
        self.documents += 1
        if result.error is not None:
            self.errors[result.error.code] = self.errors.get(result.error.code, 0) + 1
            return
        assert result.brief is not None
        for kind in result.brief.kinds():  # the built-in lists, the source, a user's kinds
            self.facts[kind] = self.facts.get(kind, 0) + len(result.brief.facts_of(kind))
        for error in result.brief.errors:
            self.component_errors[error.component] = self.component_errors.get(error.component, 0) + 1
        if result.encoding and result.encoding != "utf-8":
            self.encodings[result.encoding] = self.encodings.get(result.encoding, 0) + 1
        if result.markup == "html":
            self.html += 1

    @property
    def failed(self) -> int:
        return sum(self.errors.values())
