"""Facts as a pandas DataFrame: Briefs, batch Results or JSON records -> one row per fact (`frame`), and a
run's SQLite or Parquet output -> the same frame (`read`).

The columns are those of the facts table the CSV, Parquet and SQLite outputs write (briefx.batch.table),
`cluster` included (briefx.clusters). pandas is an optional extra: pip install 'briefx[frame]'.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefx.batch.records import Result
from briefx.batch.table import DATES, DOCUMENT_COLUMNS, INTEGER, NAMES, NUMERIC, fact_rows, record_rows
from briefx.clusters import assign
from briefx.model import Brief

if TYPE_CHECKING:
    import pandas

Input = Brief | Result | Mapping[str, Any]


def frame(results: Input | Iterable[Input]) -> pandas.DataFrame:
    """One row per fact of `results`: a Brief, a batch Result, a JSON record (Brief.as_dict(), a line of
    a JSON Lines output), or an iterable of them. Failed documents have no facts and no rows.

    Numbers are float64 (like the Parquet output; the Brief and the JSON keep exact Decimals), dates
    datetime64, offsets and the cluster nullable integers."""
    pd = _pandas()
    items: Iterable[Input] = [results] if isinstance(results, Brief | Result | Mapping) else results
    rows: list[dict[str, Any]] = []
    for item in items:
        rows.extend(_rows(item))
    for row, cluster in zip(rows, assign(rows), strict=True):
        row["cluster"] = cluster
    return typed(pd.DataFrame(rows, columns=NAMES))


def read(path: str | Path, kinds: Sequence[str] | None = None) -> pandas.DataFrame:
    """The facts of a run's SQLite or Parquet output (`briefx … -o run.sqlite`), as `frame` gives them;
    `kinds` keeps only those fact kinds. An output of an older briefx lacks some columns: they are
    filled from its `extra`, and the clusters computed."""
    pd = _pandas()
    path = Path(path)
    if output_format(path) == "sqlite":
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
            where, parameters = "", list(kinds or ())
            if kinds is not None:
                where = f" WHERE kind IN ({', '.join('?' * len(parameters))})"
            table = pd.read_sql_query(f"SELECT * FROM facts{where} ORDER BY rowid", db, params=parameters)
        table = table.drop(columns=["seq"], errors="ignore")
    else:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise ImportError("reading a Parquet output needs pyarrow: pip install 'briefx[parquet]'") from None
        filters = [("kind", "in", list(kinds))] if kinds is not None else None
        table = pq.read_table(path, filters=filters).to_pandas()
    return typed(_complete(table))


def output_format(path: Path) -> str:
    """ "sqlite" or "parquet", from the file's first bytes; ValueError for anything else."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(16)
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror}") from None
    if head.startswith(b"SQLite format 3\0"):
        return "sqlite"
    if head.startswith(b"PAR1"):
        return "parquet"
    raise ValueError(f"{path} is neither a SQLite nor a Parquet output of briefx (-o run.sqlite or -o run.parquet)")


def typed(table: pandas.DataFrame) -> pandas.DataFrame:
    """The facts table's columns with their types: numbers float64, dates datetime64[s] (any year),
    offsets and cluster Int64, points boolean, the rest text (None where missing)."""
    import numpy as np

    pd = _pandas()
    out = {}
    for name in NAMES:
        column = table[name]
        if name in NUMERIC:
            out[name] = pd.to_numeric(column, errors="coerce").astype("float64")
        elif name in DATES:
            if pd.api.types.is_datetime64_any_dtype(column):
                out[name] = column.astype("datetime64[s]")
            else:  # ISO strings (SQLite, records) or dates (Parquet): numpy reads any year, pandas' ns would not
                iso = column.astype(object).where(column.notna(), "NaT").astype(str).str.slice(0, 10)
                out[name] = pd.Series(np.array(iso, dtype="datetime64[D]").astype("datetime64[s]"), index=table.index)
        elif name in INTEGER:
            out[name] = pd.to_numeric(column, errors="coerce").astype("Int64")
        elif name == "points":
            out[name] = pd.to_numeric(column.astype(object).where(column.notna(), None), errors="coerce").astype("boolean")
        else:
            out[name] = column.astype(object).where(column.notna(), None)
    return pd.DataFrame(out, index=table.index).reset_index(drop=True)


def _rows(item: Input) -> list[dict[str, Any]]:
    if isinstance(item, Result):
        return fact_rows(item.brief) if item.brief is not None else []
    if isinstance(item, Brief):
        return fact_rows(item)
    if isinstance(item, Mapping):
        return record_rows(item) if "error" not in item else []
    raise TypeError(f"briefx.frame takes Briefs, batch Results or JSON records, not {type(item).__name__}")


def _complete(table: pandas.DataFrame) -> pandas.DataFrame:
    """Columns an older output lacks: a fact's own field from its `extra`, the clusters computed."""
    missing = [name for name in NAMES if name not in table.columns]
    if not missing:
        return table
    extras = [json.loads(text) if isinstance(text, str) else {} for text in table.get("extra", [None] * len(table))]
    for name in missing:
        own = name not in DOCUMENT_COLUMNS
        table[name] = [extra.get(name) if own else None for extra in extras]
    if "cluster" in missing:
        table["cluster"] = assign(table.to_dict("records"))
    return table


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "briefx.frame needs pandas, which is not installed. Install it with: pip install 'briefx[frame]'"
        ) from None
    return pandas
