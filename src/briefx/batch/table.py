"""Brief -> flat rows, one per fact, for analysts' tables (CSV, Parquet, SQLite).

Columns are fixed so every file has the same schema whatever kinds of fact the pipeline grows: the
numeric value fields get their own columns, a period is split into text/first/last, and any other
field goes, as JSON, into `extra`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from briefx.model import Brief

# (column, SQLite type); the same names head the CSV and the Parquet schema.
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
]
NAMES = [name for name, _ in COLUMNS]
NUMERIC = {name for name, kind in COLUMNS if kind == "NUMERIC"}
_RENAMED = {"amount": "value", "first": "period_first", "last": "period_last"}
_OWN_COLUMNS = [name for name in NAMES if name not in ("doc_id", "published", "kind", "extra")]
_OWN = set(_OWN_COLUMNS) | set(_RENAMED)


def facts_of(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(kind, fact) for every fact in Brief.as_dict(): the lists of Brief.FACT_KINDS, and any other
    key that holds one fact (a dict with offsets), such as "source". The regions are about the whole
    document, not a stretch of it: they are no row."""
    for key, value in data.items():
        if key == "errors":
            continue  # the components that failed on the document: not facts
        if isinstance(value, list):
            yield from ((key, fact) for fact in value if isinstance(fact, dict) and "start" in fact)
        elif isinstance(value, dict) and "start" in value and "stop" in value:
            yield key, value


def fact_rows(brief: Brief) -> list[dict[str, Any]]:
    """One dict per fact, keyed by NAMES; values as in the JSON contract (decimal strings, ISO dates)."""
    data = brief.as_dict()
    rows = []
    for kind, fact in facts_of(data):
        row: dict[str, Any] = dict.fromkeys(NAMES)
        row.update(doc_id=data.get("id"), published=data.get("published"), kind=kind)
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
        for column in _OWN_COLUMNS:  # a list or a dict (or a flag where a number belongs) goes to extra
            value = row[column]
            if isinstance(value, dict | list) or (isinstance(value, bool) and column in NUMERIC):
                extra[column], row[column] = value, None
        row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
        rows.append(row)
    return rows
