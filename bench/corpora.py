"""The evaluation corpora, read in place from ../shared/data (never copied into the repo): NEREL, Tengrinews.

See ../shared/data/README.md for their formats and licences (internal evaluation only).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# BRIEFX_DATA overrides the default ../shared/data next to the repository.
DATA = Path(os.environ.get("BRIEFX_DATA", REPO.parent / "shared" / "data"))
NEREL = DATA / "nerel" / "train.jsonl"
TENGRINEWS = DATA / "kz_news" / "tengrinews_dev.jsonl"

# NEREL types we score, and the name we give each kind in tables.
KINDS = ("MONEY", "PERCENT", "DATE", "FACILITY")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    kind: str
    start: int
    stop: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    gold: tuple[GoldSpan, ...] = ()
    others: tuple[GoldSpan, ...] = ()  # NEREL spans of the types we do not score (NUMBER, AGE …)


def _lines(path: Path, limit: int | None) -> Iterator[dict]:
    if not path.exists():
        raise SystemExit(f"bench: {path} not found (set BRIEFX_DATA to the folder holding nerel/ and kz_news/)")
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def nerel(limit: int | None = None) -> list[Document]:
    """NEREL train documents with their MONEY, PERCENT, DATE and FACILITY spans.

    A span nested inside another span of the same type ("500 тыс. рублей" inside "от 400 до 500 тыс.
    рублей") is dropped: we score the outermost mention, which is what an extractor reports.
    """
    docs = []
    for row in _lines(NEREL, limit):
        text = row["text"]
        spans = [GoldSpan(s["type"], s["start"], s["end"], s["text"]) for s in row["spans"] if s["type"] in KINDS]
        for span in spans:
            assert text[span.start : span.stop] == span.text, (row["id"], span)
        outer = [
            s
            for s in spans
            if not any(o is not s and o.kind == s.kind and o.start <= s.start and s.stop <= o.stop and o != s for o in spans)
        ]
        unique = sorted(set(outer), key=lambda s: (s.start, s.stop, s.kind))
        others = tuple(GoldSpan(s["type"], s["start"], s["end"], s["text"]) for s in row["spans"] if s["type"] not in KINDS)
        docs.append(Document(str(row["id"]), text, tuple(unique), others))
    return docs


def tengrinews(limit: int | None = None, field: str = "text_respaced") -> list[Document]:
    """Tengrinews articles (no gold); `field` is "text_respaced" (default) or the glued "text"."""
    return [Document(str(row["id"]), row[field]) for row in _lines(TENGRINEWS, limit)]


def prefix_by_bytes(docs: list[Document], max_bytes: int) -> list[Document]:
    """The first documents whose UTF-8 size adds up to at most `max_bytes` (at least one)."""
    out: list[Document] = []
    total = 0
    for doc in docs:
        size = len(doc.text.encode("utf-8"))
        if out and total + size > max_bytes:
            break
        out.append(doc)
        total += size
    return out
