"""Brief -> flat rows, one per fact, for analysts' tables (CSV, Parquet, SQLite, briefx.frame).

Columns are fixed so every file has the same schema whatever kinds of fact the pipeline grows: a fact's
field with a column of its name goes there (numbers, subject, facility and instruction fields), a period
is split into text/first/last, the document's regions are on every row of it, and any other field goes,
as JSON, into `extra`. Rows are made from Brief.as_dict(), so a field a component adds flows through.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from briefx.model import Brief

# (column, SQLite type); the same names head the CSV and the Parquet schema. New columns go at the end,
# after `extra`, so that a reader of an older CSV by position still finds its columns.
COLUMNS: list[tuple[str, str]] = [
    ("doc_id", "TEXT"),
    ("published", "TEXT"),  # the document's date, ISO
    ("kind", "TEXT"),  # the key in Brief.as_dict() the fact is under: "money", "percentages", "source", …
    ("text", "TEXT"),
    ("start", "INTEGER"),
    ("stop", "INTEGER"),
    ("sentence", "INTEGER"),
    ("value", "NUMERIC"),  # `amount` of money, `value` of the others: "178 млрд" -> 178000000000
    ("low", "NUMERIC"),  # ends of a range ("от 5 до 7 млн")
    ("high", "NUMERIC"),
    ("currency", "TEXT"),  # ISO 4217
    ("unit", "TEXT"),
    ("subject", "TEXT"),
    ("qualifier", "TEXT"),
    ("direction", "TEXT"),
    ("points", "INTEGER"),  # percentage points: 1, else 0 or empty
    ("period_text", "TEXT"),  # the date that governs the fact, or the date fact itself
    ("period_first", "TEXT"),
    ("period_last", "TEXT"),
    ("extra", "TEXT"),  # every other non-empty field, as a JSON object
    ("subject_head", "TEXT"),  # the subject's head noun, its lemma: "инвестиция" (for grouping)
    ("purpose", "TEXT"),  # money's and facilities' purpose: "ремонт дорог"
    ("type", "TEXT"),  # a facility's type code ("airport"), a place's type ("озеро")
    ("name", "TEXT"),  # a facility's, person's, place's or source's name
    ("action", "TEXT"),  # a facility's action code ("construction"), an instruction's instructed clause
    ("status", "TEXT"),  # a facility's status: "planned", "ongoing", "completed"
    ("deadline", "TEXT"),  # a facility's or instruction's deadline, ISO
    ("issuer", "TEXT"),  # of an instruction or a priority
    ("addressee", "TEXT"),  # of an instruction
    ("region", "TEXT"),  # the document's most central region (Brief.regions[0].name), on every row of it
    ("regions", "TEXT"),  # all the document's regions, most central first, joined with "; "
    ("sentence_text", "TEXT"),  # the sentence of a value or statement (not of a mention: WITHOUT_SENTENCE)
    ("cluster", "INTEGER"),  # the same fact in several articles (briefx.clusters); set when the whole run is known
]
NAMES = [name for name, _ in COLUMNS]
NUMERIC = {name for name, kind in COLUMNS if kind == "NUMERIC"}
INTEGER = {name for name, kind in COLUMNS if kind == "INTEGER"} - {"points"}
DATES = {"published", "period_first", "period_last", "deadline"}
# Columns that are about the document or the run, not a field of the fact: a fact's own `region` (a
# place's) stays in `extra`.
DOCUMENT_COLUMNS = {"doc_id", "published", "kind", "extra", "region", "regions", "sentence_text", "cluster"}
STREAMED = [name for name in NAMES if name != "cluster"]  # what a row knows before the run ends (CSV)
SENTENCE_CHARS = 600  # of a longer "sentence" (glued paragraphs, a table) only this much around the fact
# Mentions, whose sentence rarely says more than their text: two thirds of the rows, and their sentences
# would double the size of an output.
WITHOUT_SENTENCE = frozenset({"people", "places", "dates", "source"})
_RENAMED = {"amount": "value", "first": "period_first", "last": "period_last"}
_OWN_COLUMNS = [name for name in NAMES if name not in DOCUMENT_COLUMNS]
_OWN = set(_OWN_COLUMNS) | set(_RENAMED)


def facts_of(data: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(kind, fact) for every fact in Brief.as_dict(): the lists of Brief.FACT_KINDS, and any other
    key that holds one fact (a dict with offsets), such as "source". The regions are about the whole
    document, not a stretch of it: they are no row."""
    for key, value in data.items():
        if key in ("errors", "regions"):
            continue  # the components that failed on the document, and what it is about: not facts
        if isinstance(value, list):
            yield from ((key, fact) for fact in value if isinstance(fact, dict) and "start" in fact)
        elif isinstance(value, dict) and "start" in value and "stop" in value:
            yield key, value


def fact_rows(brief: Brief) -> list[dict[str, Any]]:
    """One dict per fact, keyed by NAMES; values as in the JSON contract (decimal strings, ISO dates)."""
    return record_rows(brief.as_dict(), [s.text for s in brief.sentences])


def record_rows(data: Mapping[str, Any], sentences: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The rows of one JSON record (Brief.as_dict(), a line of a JSON Lines output); `sentences`, the
    texts of its sentences, fill `sentence_text` (a record alone does not have them)."""
    names = [str(r["name"]) for r in data.get("regions") or () if isinstance(r, dict) and r.get("name")]
    document = {
        "doc_id": data.get("id"),
        "published": data.get("published"),
        "region": names[0] if names else None,
        "regions": "; ".join(names) if names else None,
    }
    rows = []
    for kind, fact in facts_of(data):
        row: dict[str, Any] = dict.fromkeys(NAMES)
        row.update(document, kind=kind)
        extra = {}
        for key, value in fact.items():
            if key == "period" and isinstance(value, dict):
                row.update(period_text=value.get("text"), period_first=value.get("first"), period_last=value.get("last"))
            elif key in _OWN:
                column = _RENAMED.get(key, key)
                if row[column] is None:
                    row[column] = value
                elif value is not None:
                    extra[key] = value
            elif value is not None and key != "fact_kind":
                extra[key] = value
        if row["points"] is not None:
            row["points"] = int(bool(row["points"]))
        for column in _OWN_COLUMNS:  # a list or a dict (or a flag where a number or text belongs) goes to extra
            value = row[column]
            if isinstance(value, dict | list) or (isinstance(value, bool) and column != "points"):
                extra[column], row[column] = value, None
        row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
        if kind in WITHOUT_SENTENCE or sentences is None:
            pass
        elif isinstance(row["sentence"], int) and 0 <= row["sentence"] < len(sentences):
            row["sentence_text"] = _window(sentences[row["sentence"]], row["text"])
        rows.append(row)
    return rows


def _window(sentence: str, text: Any) -> str:
    """The sentence, or in a run-on "sentence" (glued paragraphs, a table) SENTENCE_CHARS around the fact."""
    sentence = sentence.strip()
    if len(sentence) <= SENTENCE_CHARS:
        return sentence
    at = sentence.find(text) if isinstance(text, str) and text else -1
    middle = at + len(text) // 2 if at >= 0 else 0
    start = max(0, min(middle - SENTENCE_CHARS // 2, len(sentence) - SENTENCE_CHARS))
    piece = sentence[start : start + SENTENCE_CHARS]
    return ("…" if start > 0 else "") + piece + ("…" if start + SENTENCE_CHARS < len(sentence) else "")
