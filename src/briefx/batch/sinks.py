"""Results -> files: JSON Lines, a CSV or Parquet facts table, SQLite, or an HTML page per document.

Every sink can be resumed after an interruption, even `kill -9`: it knows how many inputs it has
completely written (`Progress.done`) and cuts off anything written after that.
- JSON Lines counts its complete lines and drops a half-written last one.
- SQLite commits documents and their facts together; the highest committed `seq` says where it was.
- CSV, Parquet and HTML keep a small journal next to the output (`<out>.progress`, JSON Lines: inputs
  done, last id, byte size of each file at that moment); resuming truncates the files to those sizes.
  The journal is deleted when the run completes, so an output without one is complete.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from briefx.batch.records import Result
from briefx.batch.table import COLUMNS, DATES, NAMES, NUMERIC, STREAMED, fact_rows
from briefx.clusters import KEYS as CLUSTERED_KINDS
from briefx.clusters import assign as assign_clusters

FORMATS = ("jsonl", "csv", "parquet", "sqlite", "html")
_SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
    ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite",
    ".html": "html",  # one page ("-o page.html"); a folder of pages for an archive
}  # fmt: skip


class OutputError(RuntimeError):
    """The output cannot take what is being written (the message says why and what to do)."""


class ResumeError(OutputError):
    """The output cannot be continued (not ours, or from another input)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """How far an existing output got: `done` inputs written, the last one's id; `complete` when a
    finished run left it (and how many it holds is not recorded)."""

    done: int = 0
    last_id: str | None = None
    complete: bool = False


def infer_format(out: str | None) -> str:
    """ "facts.sqlite" -> "sqlite"; a folder or "x.html" (one page) -> "html"; no output or anything else -> jsonl."""
    if out is None:
        return "jsonl"
    path = Path(out)
    if path.is_dir() or out.endswith(("/", os.sep)):
        return "html"
    return _SUFFIXES.get(path.suffix.lower(), "jsonl")


def open_sink(
    fmt: str,
    out: str | None,
    *,
    meta: bool = False,
    text: bool = False,
    indent: int | None = None,
    spreadsheet_safe: bool = False,
    explain: bool = False,
) -> Sink:
    """The sink for a format; `out` None writes JSON Lines or CSV to standard output."""
    if fmt == "jsonl":
        return JsonlSink(out, meta=meta, text=text, indent=indent, explain=explain)
    if fmt == "csv":
        return CsvSink(out, spreadsheet_safe=spreadsheet_safe)
    if out is None:
        raise ValueError(f"{fmt} output needs a file (-o)")
    if fmt == "parquet":
        return ParquetSink(out)
    if fmt == "sqlite":
        return SqliteSink(out)
    if fmt == "html":
        single = out.lower().endswith(".html") and not Path(out).is_dir()
        return PageSink(out) if single else HtmlSink(out)
    raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")


class Sink:
    """start() once, write() every Result in order, checkpoint() now and then, finish() at the end of
    the input, close() always."""

    def targets(self) -> list[Path]:
        """Every file or folder this sink may create, overwrite or remove (none for standard output)."""
        return []

    def exists(self) -> bool:
        """Whether an earlier run left this output (complete or not)."""
        return bool(self.targets()) and self.targets()[0].exists()

    def lock_path(self) -> Path | None:
        """The file that locks the output for one run (briefx.batch.lock); None when there is nothing to
        lock: standard output, or a device such as /dev/null."""
        return self._beside(".lock")

    def record_path(self) -> Path | None:
        """The file that keeps the identity of the run that made the output (briefx.batch.identity)."""
        return self._beside(".run.json")

    def _beside(self, suffix: str) -> Path | None:
        main = self.targets()[0] if self.targets() else None
        return Path(f"{main}{suffix}") if main is not None and _lockable(main) else None

    def stored_identity(self) -> dict[str, Any] | None:
        """The identity stored by the run that made the output; None when there is none."""
        path = self.record_path()
        try:
            return json.loads(path.read_text(encoding="utf-8")) if path is not None else None
        except (OSError, ValueError):  # missing, or cut short: no usable record
            return None

    def store_identity(self, identity: dict[str, Any]) -> None:
        """Keep the identity of this run with the output, before any document is written."""
        path = self.record_path()
        if path is not None:
            temporary = Path(f"{path}.tmp")
            temporary.write_text(json.dumps(identity, indent=1) + "\n", encoding="utf-8")  # ASCII: paths may not be UTF-8
            os.replace(temporary, path)

    def start(self, resume: bool) -> Progress:
        raise NotImplementedError

    def write(self, result: Result) -> None:
        raise NotImplementedError

    def checkpoint(self, done: int, last_id: str | None, force: bool = False) -> None:
        """Make everything written so far survive a kill; `done` inputs are in it. A sink may wait
        for more (Parquet writes whole parts) unless `force`d, at the end or on an interruption."""

    def finish(self) -> None:
        """The input is exhausted: complete the output."""

    def close(self) -> None:
        """Release files; after an interruption the output stays resumable."""


def _lockable(path: Path) -> bool:
    """A regular file or one still to be made; not a device or a pipe."""
    return not path.exists() or path.is_file()


def _error_line(result: Result) -> bytes:
    return json.dumps(result.record(), ensure_ascii=False).encode("utf-8") + b"\n"


# --- JSON Lines ---------------------------------------------------------------------------------


class JsonlSink(Sink):
    """One line per input: Brief.as_dict(), or {"id", "error": {code, reason, source, line}}."""

    def __init__(
        self, out: str | None, *, meta: bool = False, text: bool = False, indent: int | None = None, explain: bool = False
    ):
        self.path = Path(out) if out is not None else None
        self.meta, self.text, self.indent, self.explain = meta, text, indent, explain
        self.stream: IO[bytes] | None = None

    def targets(self) -> list[Path]:
        return [self.path] if self.path is not None else []

    def start(self, resume: bool) -> Progress:
        if self.path is None:
            if resume:
                raise ResumeError("--resume needs an output file (-o)")
            self.stream = sys.stdout.buffer
            return Progress()
        if resume and self.indent is not None:
            raise ResumeError("--resume needs one line per document: drop --indent")
        progress = Progress()
        if resume and self.path.exists():
            progress = self._scan()
            self.stream = open(self.path, "ab")  # noqa: SIM115 - closed in close()
        else:
            self.stream = open(self.path, "wb")  # noqa: SIM115
        return progress

    def _scan(self) -> Progress:
        """Count the complete lines, read the last one, cut off a half-written line after it."""
        assert self.path is not None
        lines, last_start, end = 0, 0, 0  # end: just after the last newline
        with open(self.path, "rb") as stream:
            offset = 0
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                position = chunk.find(b"\n")
                while position != -1:
                    lines += 1
                    last_start, end = end, offset + position + 1
                    position = chunk.find(b"\n", position + 1)
                offset += len(chunk)
            if end == 0:
                last_id = None
            else:
                stream.seek(last_start)
                try:
                    last_id = json.loads(stream.read(end - last_start))["id"]
                except (ValueError, KeyError, TypeError) as error:
                    raise ResumeError(f"{self.path}: the last complete line is not a briefx record ({error})") from None
        if offset > end:
            os.truncate(self.path, end)  # a line cut off by the interruption
        return Progress(lines, last_id)

    def write(self, result: Result) -> None:
        assert self.stream is not None
        record = result.record(meta=self.meta, text=self.text, explain=self.explain)
        self.stream.write(json.dumps(record, ensure_ascii=False, indent=self.indent).encode("utf-8") + b"\n")

    def checkpoint(self, done: int, last_id: str | None, force: bool = False) -> None:
        assert self.stream is not None
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None:
            stream, self.stream = self.stream, None
            if stream is sys.stdout.buffer:
                stream.flush()
            else:
                stream.close()


# --- the journal of append-only outputs ------------------------------------------------------------


class Journal:
    """`<out>.progress`: one JSON line per checkpoint, {"done", "id", "sizes": {file: bytes}}."""

    def __init__(self, path: Path):
        self.path = path
        self.stream: IO[str] | None = None

    def last(self) -> dict[str, Any] | None:
        if not self.path.exists():
            return None
        entry = None
        with open(self.path, encoding="utf-8") as stream:
            for line in stream:
                if line.endswith("\n"):
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        continue
        return entry

    def open(self, fresh: bool) -> None:
        self.stream = open(self.path, "w" if fresh else "a", encoding="utf-8")  # noqa: SIM115

    def record(self, done: int, last_id: str | None, files: dict[str, Path]) -> None:
        assert self.stream is not None
        sizes = {name: path.stat().st_size if path.exists() else 0 for name, path in files.items()}
        self.stream.write(json.dumps({"done": done, "id": last_id, "sizes": sizes}, ensure_ascii=False) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


class _Journaled(Sink):
    """A sink whose files only grow, resumed by truncating them to the journal's last sizes."""

    journal: Journal
    output: Path  # exists once a run has started; without a journal, the run completed

    def files(self) -> dict[str, Path]:
        raise NotImplementedError

    def resume_point(self, resume: bool) -> Progress | None:
        """Where an earlier run stopped (files truncated to it), or None to start afresh."""
        if not resume or not self.output.exists():
            return None
        if not self.journal.path.exists():
            return Progress(complete=True)
        entry = self.journal.last()
        if entry is None:  # stopped before its first checkpoint
            return None
        for name, path in self.files().items():
            size = entry["sizes"].get(name, 0)
            if path.exists() and path.stat().st_size > size:
                os.truncate(path, size)
        self.journal.open(fresh=False)
        return Progress(int(entry["done"]), entry.get("id"))


# --- CSV ----------------------------------------------------------------------------------------


# A cell that starts with one of these is a formula to a spreadsheet ("=HYPERLINK(…)" in an id).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = [name for name, kind in COLUMNS if kind == "TEXT"]  # numbers stay numbers: "-5" is not a formula


def spreadsheet_safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """A facts row with every text cell that a spreadsheet would run as a formula prefixed with "'"
    (which spreadsheets show as text, as OWASP advises for CSV export)."""
    for name in _TEXT_COLUMNS:
        value = row[name]
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            row[name] = "'" + value
    return row


class CsvSink(_Journaled):
    """The facts table as CSV (exact decimal strings); failed inputs go to `<out>.errors.jsonl`.
    `spreadsheet_safe` neutralises cells a spreadsheet would take for formulas (spreadsheet_safe_row).
    A CSV is written as it goes (also to standard output), so it has no `cluster` column: clusters are
    known when the whole run is."""

    def __init__(self, out: str | None, *, spreadsheet_safe: bool = False):
        self.spreadsheet_safe = spreadsheet_safe
        self.path = Path(out) if out is not None else None
        self.output = self.path or Path()
        self.journal = Journal(Path(f"{out}.progress"))
        self.errors_path = Path(f"{out}.errors.jsonl")
        self.stream: IO[str] | None = None
        self.errors: IO[bytes] | None = None

    def files(self) -> dict[str, Path]:
        assert self.path is not None
        return {"main": self.path, "errors": self.errors_path}

    def targets(self) -> list[Path]:
        return [*self.files().values(), self.journal.path] if self.path is not None else []

    def start(self, resume: bool) -> Progress:
        import csv

        if self.path is None:
            if resume:
                raise ResumeError("--resume needs an output file (-o)")
            self.stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
            self.writer = csv.DictWriter(self.stream, STREAMED, lineterminator="\n", extrasaction="ignore")
            self.writer.writeheader()
            self.errors = sys.stderr.buffer
            return Progress()
        progress = self.resume_point(resume)
        if progress is not None and progress.complete:
            return progress
        if progress is None:
            self.journal.open(fresh=True)  # before the output: an output without a journal is complete
        self.stream = open(self.path, "a" if progress else "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.errors = open(self.errors_path, "ab" if progress else "wb")  # noqa: SIM115
        self.writer = csv.DictWriter(self.stream, STREAMED, lineterminator="\n", extrasaction="ignore")
        if progress is None:
            self.writer.writeheader()
            self.checkpoint(0, None)
        return progress or Progress()

    def write(self, result: Result) -> None:
        assert self.errors is not None
        if result.brief is not None:
            rows = fact_rows(result.brief)
            self.writer.writerows(map(spreadsheet_safe_row, rows) if self.spreadsheet_safe else rows)
        else:
            self.errors.write(_error_line(result))

    def checkpoint(self, done: int, last_id: str | None, force: bool = False) -> None:
        assert self.stream is not None and self.errors is not None
        self.stream.flush()
        self.errors.flush()
        if self.path is not None:
            self.journal.record(done, last_id, self.files())

    def finish(self) -> None:
        if self.path is not None:
            self.close()
            self.journal.remove()
            if self.errors_path.exists() and self.errors_path.stat().st_size == 0:
                self.errors_path.unlink()

    def close(self) -> None:
        if self.path is None:
            if self.stream is not None:
                self.stream.flush()
                assert isinstance(self.stream, io.TextIOWrapper)
                self.stream.detach()  # leave sys.stdout open
                self.stream = None
            return
        for stream in (self.stream, self.errors):
            if stream is not None:
                stream.close()
        self.stream = self.errors = None
        self.journal.close()


# --- Parquet ------------------------------------------------------------------------------------


def _parquet_schema() -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise ImportError("Parquet output needs pyarrow: pip install 'briefx[parquet]'") from None
    types = {"INTEGER": pa.int64(), "NUMERIC": pa.float64(), "TEXT": pa.string()}
    fields = []
    for name, kind in COLUMNS:
        if name in DATES:
            fields.append(pa.field(name, pa.date32()))
        elif name == "points":
            fields.append(pa.field(name, pa.bool_()))
        else:
            fields.append(pa.field(name, types[kind]))
    return pa.schema(fields)


class ParquetSink(_Journaled):
    """The facts table as Parquet: numbers as float64, dates as date32. While running, every checkpoint
    writes the rows since the last one as a part file in `<out>.parts/` (written whole, then renamed),
    so a kill loses only what came after the last checkpoint; at the end the parts are joined into
    `<out>` in row groups of about ROWS_PER_GROUP."""

    ROWS_PER_GROUP = 20_000

    def __init__(self, out: str):
        self.schema = _parquet_schema()
        self.path = Path(out)
        self.output = self.parts = Path(f"{out}.parts")
        self.journal = Journal(Path(f"{out}.progress"))
        self.errors_path = Path(f"{out}.errors.jsonl")
        self.errors: IO[bytes] | None = None
        self.rows: list[dict[str, Any]] = []
        self.count = 0  # part files written

    def files(self) -> dict[str, Path]:
        return {"errors": self.errors_path}

    def targets(self) -> list[Path]:
        return [self.path, Path(f"{self.path}.tmp"), self.parts, self.journal.path, self.errors_path]

    def exists(self) -> bool:
        return self.path.exists() or self.parts.exists()

    def start(self, resume: bool) -> Progress:
        progress = self.resume_point(resume)
        if progress is not None and progress.complete:  # stopped while cleaning up after the end
            shutil.rmtree(self.parts, ignore_errors=True)
        if (progress is None or progress.complete) and resume and self.path.exists():
            return Progress(complete=True)
        if progress is None or progress.complete:
            self.journal.open(fresh=True)  # first: parts without a journal mean a completed run
            shutil.rmtree(self.parts, ignore_errors=True)
            self.parts.mkdir(parents=True)
            self.errors = open(self.errors_path, "wb")  # noqa: SIM115
            self._record(0, None)
            return Progress()
        entry = self.journal.last() or {}
        self.count = int(entry.get("sizes", {}).get("parts", 0))
        for part in self.parts.glob("part-*"):  # written after the last journal entry
            if not part.name.endswith(".parquet") or int(part.name[5:-8]) >= self.count:
                part.unlink()
        self.errors = open(self.errors_path, "ab")  # noqa: SIM115
        return progress

    def write(self, result: Result) -> None:
        assert self.errors is not None
        if result.brief is not None:
            self.rows.extend(fact_rows(result.brief))
        else:
            self.errors.write(_error_line(result))

    def checkpoint(self, done: int, last_id: str | None, force: bool = False) -> None:
        self._write_part()
        self._record(done, last_id)

    def _part(self, index: int) -> Path:
        return self.parts / f"part-{index:08d}.parquet"

    def _write_part(self) -> None:
        import pyarrow.parquet as pq

        if self.rows:
            name = self._part(self.count)
            pq.write_table(self._table(self.rows), f"{name}.tmp")
            os.replace(f"{name}.tmp", name)
            self.count += 1
            self.rows = []

    def _record(self, done: int, last_id: str | None) -> None:
        assert self.errors is not None and self.journal.stream is not None
        self.errors.flush()
        sizes = {"errors": self.errors_path.stat().st_size, "parts": self.count}
        self.journal.stream.write(json.dumps({"done": done, "id": last_id, "sizes": sizes}, ensure_ascii=False) + "\n")
        self.journal.stream.flush()

    def _table(self, rows: list[dict[str, Any]]) -> Any:
        import datetime as dt

        import pyarrow as pa

        columns: dict[str, list[Any]] = {name: [] for name in NAMES}
        for row in rows:
            for name in NAMES:
                value = row[name]
                if value is not None and name in NUMERIC:
                    value = float(value)
                elif value is not None and name in DATES:
                    value = dt.date.fromisoformat(value)
                elif value is not None and name == "points":
                    value = bool(value)
                columns[name].append(value)
        return pa.table(columns, schema=self.schema)

    def finish(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._write_part()
        clusters = iter(self._clusters())
        temporary = Path(f"{self.path}.tmp")
        with pq.ParquetWriter(temporary, self.schema) as writer:
            group: list[Any] = []  # parts of a few seconds each, joined into row groups a reader likes
            for index in range(self.count):
                part = pq.read_table(self._part(index), schema=self.schema)
                ids = pa.array([next(clusters) for _ in range(part.num_rows)], pa.int64())
                group.append(part.set_column(part.schema.get_field_index("cluster"), "cluster", ids))
                if sum(table.num_rows for table in group) >= self.ROWS_PER_GROUP:
                    writer.write_table(pa.concat_tables(group))
                    group = []
            if group or self.count == 0:
                writer.write_table(pa.concat_tables(group) if group else self.schema.empty_table())
        os.replace(temporary, self.path)
        self.close()
        self.journal.remove()
        shutil.rmtree(self.parts, ignore_errors=True)
        if self.errors_path.exists() and self.errors_path.stat().st_size == 0:
            self.errors_path.unlink()

    def _clusters(self) -> list[int | None]:
        """The cluster of every row of every part, in order (briefx.clusters over the whole run)."""
        import pyarrow.parquet as pq

        ids: list[int | None] = []
        positions: list[int] = []  # where the rows of kinds that cluster are

        def rows() -> Iterator[dict[str, Any]]:  # one part at a time
            for index in range(self.count):
                for row in pq.read_table(self._part(index), columns=list(CLUSTER_COLUMNS)).to_pylist():
                    if row["kind"] in CLUSTERED_KINDS:
                        positions.append(len(ids))
                        yield row
                    ids.append(None)

        clusters = assign_clusters(rows())
        for position, cluster in zip(positions, clusters, strict=True):
            ids[position] = cluster
        return ids

    def close(self) -> None:
        if self.errors is not None:
            self.errors.close()
            self.errors = None
        self.journal.close()


# The columns briefx.clusters reads.
CLUSTER_COLUMNS = ("kind", "subject_head", "region", "value", "low", "high", "currency", "unit", "points", "direction",
                   "period_first", "period_last", "published")  # fmt: skip


# --- SQLite -------------------------------------------------------------------------------------


class SqliteSink(Sink):
    """`documents` (one row per input, failures with error_code/error) and `facts` (one row per fact,
    the columns of briefx.batch.table), indexed for kind/currency/value queries."""

    SCHEMA = f"""
    CREATE TABLE documents (
        seq INTEGER PRIMARY KEY,  -- position in the input
        id TEXT, published TEXT, source TEXT, line INTEGER, encoding TEXT, markup TEXT,
        facts INTEGER, error_code TEXT, error TEXT
    );
    CREATE TABLE facts (
        seq INTEGER NOT NULL REFERENCES documents(seq),
        {", ".join(f"{name} {kind}" for name, kind in COLUMNS)}
    );
    CREATE INDEX facts_kind_currency ON facts(kind, currency, value);
    CREATE INDEX facts_currency ON facts(currency);
    CREATE INDEX facts_seq ON facts(seq);
    CREATE INDEX facts_cluster ON facts(cluster);
    CREATE INDEX documents_id ON documents(id);
    CREATE VIEW errors AS
        SELECT seq, id, source, line, error_code, error FROM documents WHERE error_code IS NOT NULL;
    CREATE TABLE run (identity TEXT);  -- what the run was over (briefx.batch.identity), for --resume
    """

    def __init__(self, out: str):
        self.path = Path(out)
        self.db: sqlite3.Connection | None = None

    def targets(self) -> list[Path]:
        return [Path(f"{self.path}{suffix}") for suffix in ("", "-journal", "-wal", "-shm")]

    def record_path(self) -> None:
        return None  # the identity is kept in the database, table `run`

    def stored_identity(self) -> dict[str, Any] | None:
        if not self.path.exists():
            return None
        db = sqlite3.connect(self.path)
        try:
            row = db.execute("SELECT identity FROM run").fetchone()
            return json.loads(row[0]) if row else None
        except (sqlite3.DatabaseError, ValueError):  # an older briefx database, or not one of ours
            return None
        finally:
            db.close()

    def store_identity(self, identity: dict[str, Any]) -> None:
        assert self.db is not None
        self.db.execute("DELETE FROM run")
        self.db.execute("INSERT INTO run VALUES (?)", (json.dumps(identity),))
        self.db.commit()

    def start(self, resume: bool) -> Progress:
        if resume and self.path.exists():
            self.db = sqlite3.connect(self.path)
            try:
                done, last_id = self.db.execute(
                    "SELECT COALESCE(MAX(seq) + 1, 0), (SELECT id FROM documents ORDER BY seq DESC LIMIT 1) FROM documents"
                ).fetchone()
            except sqlite3.DatabaseError as error:
                raise ResumeError(f"{self.path}: not a briefx database ({error})") from None
            columns = [row[1] for row in self.db.execute("PRAGMA table_info(facts)")]
            if columns != ["seq", *NAMES]:
                raise ResumeError(f"{self.path}: its facts table has other columns (an older briefx made it); write a new output")
            self.db.execute("PRAGMA synchronous = NORMAL")
            return Progress(done, last_id)
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.executescript(self.SCHEMA)
        return Progress()

    def write(self, result: Result) -> None:
        assert self.db is not None
        brief, error = result.brief, result.error
        rows = fact_rows(brief) if brief is not None else []
        self.db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                result.seq,
                result.id,
                brief.as_dict()["published"] if brief is not None else None,
                result.source,
                result.line,
                result.encoding,
                result.markup,
                len(rows) if brief is not None else None,
                error.code if error else None,
                error.reason if error else None,
            ),
        )
        if rows:
            marks = ", ".join("?" * (len(NAMES) + 1))
            self.db.executemany(f"INSERT INTO facts VALUES ({marks})", [(result.seq, *row.values()) for row in rows])

    def checkpoint(self, done: int, last_id: str | None, force: bool = False) -> None:
        assert self.db is not None
        self.db.commit()

    def finish(self) -> None:
        assert self.db is not None
        self.db.commit()
        self._set_clusters()
        self.db.execute("ANALYZE")
        self.db.commit()

    def _set_clusters(self) -> None:
        """facts.cluster over the whole run (briefx.clusters), now that every fact is in."""
        assert self.db is not None
        kinds = sorted(CLUSTERED_KINDS)
        cursor = self.db.execute(
            f"SELECT rowid, {', '.join(CLUSTER_COLUMNS)} FROM facts WHERE kind IN ({', '.join('?' * len(kinds))}) ORDER BY rowid",
            kinds,
        )
        rowids: list[int] = []

        def rows() -> Iterator[dict[str, Any]]:  # one at a time: a large run's rows are not all kept
            for rowid, *values in cursor:
                rowids.append(rowid)
                yield dict(zip(CLUSTER_COLUMNS, values, strict=True))

        clusters = assign_clusters(rows())
        self.db.execute("UPDATE facts SET cluster = NULL WHERE cluster IS NOT NULL")
        self.db.executemany("UPDATE facts SET cluster = ? WHERE rowid = ?", zip(clusters, rowids, strict=True))

    def close(self) -> None:
        if self.db is not None:
            self.db.commit()
            self.db.close()
            self.db = None


# --- HTML ---------------------------------------------------------------------------------------


_UNSAFE = re.compile(r"[^\w.-]+")
NAME_BYTES = 200  # of a page's name before "~<seq>.html": file systems allow 255 bytes, not characters


def safe_name(doc_id: str | None) -> str:
    """A file name from an id: "news/2025/a b.txt" -> "news_2025_a_b.txt". A name over NAME_BYTES in
    UTF-8 is cut there and ends in a hash of the whole id, so ids that share a long start stay apart."""
    name = _UNSAFE.sub("_", doc_id or "").strip("._")
    if len(name.encode("utf-8")) > NAME_BYTES:
        digest = hashlib.sha256((doc_id or "").encode("utf-8", "surrogatepass")).hexdigest()[:12]
        head = name.encode("utf-8")[: NAME_BYTES - len(digest) - 1].decode("utf-8", "ignore")
        name = f"{head}~{digest}"
    return name or "document"


class PageSink(Sink):
    """`-o page.html`: the page of one article. A second document is refused (give a folder instead),
    a failed one goes to `<out>.errors.jsonl`."""

    def __init__(self, out: str):
        from briefx.html import render_page

        self.render_page = render_page
        self.path = Path(out)
        self.errors_path = Path(f"{out}.errors.jsonl")
        self.written = False

    def targets(self) -> list[Path]:
        return [self.path, self.errors_path]

    def start(self, resume: bool) -> Progress:
        if resume and self.path.exists():
            return Progress(complete=True)
        self.errors_path.unlink(missing_ok=True)
        return Progress()

    def write(self, result: Result) -> None:
        if self.written:
            raise OutputError(f"{self.path} holds one page, but the input has several documents: give a folder to -o")
        self.written = True
        if result.brief is None:
            self.errors_path.write_bytes(_error_line(result))
            return
        self.path.write_text(self.render_page(result.brief), encoding="utf-8")


class HtmlSink(_Journaled):
    """A folder: `<safe id>.html` per document (briefx.html.render_page), `index.html` linking them,
    failures in `errors.jsonl`."""

    def __init__(self, out: str):
        try:
            from briefx.html import kind_of, render_index, render_page
        except ImportError:
            raise ImportError("HTML output needs briefx.html, which this version of briefx lacks") from None
        self.kind_of, self.render_index, self.render_page = kind_of, render_index, render_page
        self.folder = Path(out)
        self.output = self.folder / ".briefx-started"
        self.journal = Journal(self.folder / ".briefx-progress")
        self.entries_path = self.folder / ".briefx-index.jsonl"
        self.errors_path = self.folder / "errors.jsonl"
        self.used: set[str] = set()
        self.entries: IO[bytes] | None = None
        self.errors: IO[bytes] | None = None

    def files(self) -> dict[str, Path]:
        return {"entries": self.entries_path, "errors": self.errors_path}

    def targets(self) -> list[Path]:
        return [self.folder]

    def lock_path(self) -> Path:
        return self.folder / ".briefx-lock"

    def record_path(self) -> Path:
        return self.folder / ".briefx-run.json"

    def exists(self) -> bool:
        return self.output.exists() or (self.folder / "index.html").exists()

    def start(self, resume: bool) -> Progress:
        self.folder.mkdir(parents=True, exist_ok=True)
        progress = self.resume_point(resume)
        if progress is not None and progress.complete:  # stopped while cleaning up after the end
            self.entries_path.unlink(missing_ok=True)
            self.output.unlink()
        if (progress is None or progress.complete) and resume and (self.folder / "index.html").exists():
            return Progress(complete=True)
        if progress is None or progress.complete:
            self.journal.open(fresh=True)  # first: a started run without a journal has completed
            self.output.touch()
            self.entries = open(self.entries_path, "wb")  # noqa: SIM115
            self.errors = open(self.errors_path, "wb")  # noqa: SIM115
            self.checkpoint(0, None)
            return Progress()
        with open(self.entries_path, "rb") as stream:
            self.used = {json.loads(line)[1].lower() for line in stream}
        self.entries = open(self.entries_path, "ab")  # noqa: SIM115
        self.errors = open(self.errors_path, "ab")  # noqa: SIM115
        return progress

    def write(self, result: Result) -> None:
        assert self.entries is not None and self.errors is not None
        if result.brief is None:
            self.errors.write(_error_line(result))
            return
        name = safe_name(result.id)
        if f"{name}.html".lower() in self.used or name.lower() == "index":
            name = f"{name}~{result.seq}"
        href = f"{name}.html"
        self.used.add(href.lower())
        (self.folder / href).write_text(self.render_page(result.brief), encoding="utf-8")
        counts = Counter(self.kind_of(fact) for fact in result.brief.facts)
        self.entries.write(json.dumps([result.id, href, dict(counts)], ensure_ascii=False).encode("utf-8") + b"\n")

    def checkpoint(self, done: int, last_id: str | None, force: bool = False) -> None:
        assert self.entries is not None and self.errors is not None
        self.entries.flush()
        self.errors.flush()
        self.journal.record(done, last_id, self.files())

    def finish(self) -> None:
        self.close()
        with open(self.entries_path, encoding="utf-8") as stream:
            entries = [tuple(json.loads(line)) for line in stream]
        (self.folder / "index.html").write_text(self.render_index(entries), encoding="utf-8")  # type: ignore[arg-type]
        self.journal.remove()
        self.entries_path.unlink()
        self.output.unlink(missing_ok=True)
        if self.errors_path.stat().st_size == 0:
            self.errors_path.unlink()

    def close(self) -> None:
        for stream in (self.entries, self.errors):
            if stream is not None:
                stream.close()
        self.entries = self.errors = None
        self.journal.close()
