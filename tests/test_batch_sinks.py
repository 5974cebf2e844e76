"""Writing results: the flat facts table, CSV, SQLite (the README query), Parquet, HTML, and resuming
each of them after an interruption."""

from __future__ import annotations

import csv
import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest

from briefx.batch import Failure, run
from briefx.batch.sinks import CsvSink, JsonlSink, ParquetSink, Progress, ResumeError, SqliteSink, infer_format, open_sink
from briefx.batch.table import NAMES, STREAMED, fact_rows

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "fixtures" / "articles" / "000_874fe8aaadcc118b.txt").read_text(encoding="utf-8")
# The README's query: all money in KZT over 100 bn in 2025 (by the period a fact refers to, else the
# publication date).
README_QUERY = """
SELECT doc_id, text, value, period_text
FROM facts
WHERE kind = 'money' AND currency = 'KZT' AND value > 100e9
  AND COALESCE(period_first, published) <= '2025-12-31'
  AND COALESCE(period_last, published) >= '2025-01-01'
ORDER BY value DESC
"""


def results(n=6, failures=(2,)):
    """The seed article and short texts; Failures at the given positions."""
    items = []
    for i in range(n):
        if i in failures:
            items.append(Failure("bad_json", "invalid JSON: Expecting value at column 1", "in.jsonl", i + 1, f"in.jsonl:{i + 1}"))
        else:
            items.append(SEED if i == 0 else f"Выделено {i} млн тенге, рост на {i},5%.")
    return list(run(items, workers=1))


def write_all(sink, items, *, resume=False, finish=True, every=1):
    progress = sink.start(resume)
    for result in items:
        if result.seq < progress.done:
            continue
        sink.write(result)
        if (result.seq + 1) % every == 0:
            sink.checkpoint(result.seq + 1, result.id)
    if finish:
        sink.checkpoint(items[-1].seq + 1, items[-1].id)
        sink.finish()
    sink.close()
    return progress


# --- the flat table ------------------------------------------------------------------------------


def test_fact_rows_flatten_every_kind_with_fixed_columns():
    brief = results(1, ())[0].brief
    rows = fact_rows(brief)
    assert all(list(row) == NAMES for row in rows)
    money = next(r for r in rows if r["text"] == "178 млрд тенге")
    assert money["kind"] == "money" and money["value"] == "178000000000" and money["currency"] == "KZT"
    assert money["period_first"] == "2025-01-01" and money["period_last"] == "2025-06-30"
    assert money["published"] == "2025-08-14" and money["doc_id"] is None
    assert {r["kind"] for r in rows} <= set(brief.as_dict())
    assert len(rows) == len(brief.facts)
    for row in rows:
        assert SEED[row["start"] : row["stop"]] == row["text"]
        assert row["extra"] is None or isinstance(json.loads(row["extra"]), dict)


# --- formats -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "out, fmt",
    [
        (None, "jsonl"),
        ("a.jsonl", "jsonl"),
        ("f.csv", "csv"),
        ("f.PARQUET", "parquet"),
        ("f.sqlite", "sqlite"),
        ("x.db", "sqlite"),
    ],
)
def test_format_from_the_suffix(out, fmt):
    assert infer_format(out) == fmt


def test_a_folder_means_html(tmp_path):
    assert infer_format(str(tmp_path)) == "html"


def test_csv_has_one_row_per_fact_and_errors_beside_it(tmp_path):
    out = tmp_path / "facts.csv"
    items = results()
    write_all(CsvSink(str(out)), items)
    with open(out, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == sum(len(r.brief.facts) for r in items if r.ok)
    assert list(rows[0]) == STREAMED == [name for name in NAMES if name != "cluster"]  # no cluster: written as it goes
    errors = [json.loads(line) for line in (tmp_path / "facts.csv.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors == [{"id": "in.jsonl:3", "error": items[2].error.as_dict()}]
    assert not (tmp_path / "facts.csv.progress").exists()


def test_sqlite_answers_the_readme_query(tmp_path):
    out = tmp_path / "facts.sqlite"
    items = results()
    write_all(SqliteSink(str(out)), items)
    db = sqlite3.connect(out)
    found = db.execute(README_QUERY).fetchall()
    assert [(text, value) for _, text, value, _ in found] == [("2,6 трлн тенге", 2600000000000), ("178 млрд тенге", 178000000000)]
    documents = db.execute("SELECT seq, id, facts, error_code FROM documents ORDER BY seq").fetchall()
    assert [d[0] for d in documents] == list(range(6)) and documents[2][3] == "bad_json"
    assert db.execute("SELECT COUNT(*) FROM errors").fetchone() == (1,)
    plan = " ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + README_QUERY))
    assert "facts_kind_currency" in plan


def test_parquet_holds_the_same_facts_as_csv(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    items = results()
    write_all(ParquetSink(str(tmp_path / "facts.parquet")), items)
    table = pq.read_table(tmp_path / "facts.parquet")
    assert table.column_names == NAMES
    assert table.num_rows == sum(len(r.brief.facts) for r in items if r.ok)
    money = [row for row in table.to_pylist() if row["text"] == "178 млрд тенге"]
    assert money[0]["value"] == 178e9 and str(money[0]["period_first"]) == "2025-01-01"
    assert not (tmp_path / "facts.parquet.parts").exists()


@pytest.mark.skipif(importlib.util.find_spec("briefx.html") is None, reason="briefx.html is not there yet")
def test_html_writes_a_page_per_document_and_an_index(tmp_path):
    items = results()
    items_with_ids = [r if not r.ok else type(r)(**{**_fields(r), "id": f"doc/{r.seq}"}) for r in items]
    sink = open_sink("html", str(tmp_path / "pages"))
    write_all(sink, items_with_ids)
    names = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert names == ["doc_0.html", "doc_1.html", "doc_3.html", "doc_4.html", "doc_5.html", "errors.jsonl", "index.html"]
    index = (tmp_path / "pages" / "index.html").read_text(encoding="utf-8")
    assert 'href="doc_0.html"' in index and "5 documents" in index
    assert "178" in (tmp_path / "pages" / "doc_0.html").read_text(encoding="utf-8")


def _fields(result):
    return {name: getattr(result, name) for name in result.__dataclass_fields__}


# --- resuming ------------------------------------------------------------------------------------


def test_jsonl_resume_counts_lines_and_drops_a_half_written_one(tmp_path):
    out = tmp_path / "out.jsonl"
    items = results()
    write_all(JsonlSink(str(out)), items[:4], finish=False)
    with open(out, "ab") as stream:
        stream.write(b'{"id": null, "published": "2025-')  # the kill came mid-line
    sink = JsonlSink(str(out))
    assert sink.start(resume=True) == Progress(4, items[3].id)
    sink.close()
    write_all(JsonlSink(str(out)), items, resume=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [r.record() for r in items]


def test_jsonl_resume_refuses_what_is_not_briefx_output(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("hello\n", encoding="utf-8")
    with pytest.raises(ResumeError, match="not a briefx record"):
        JsonlSink(str(out)).start(resume=True)


@pytest.mark.parametrize(
    "sink_class, name", [(CsvSink, "facts.csv"), (SqliteSink, "facts.sqlite"), (ParquetSink, "facts.parquet")]
)
def test_tables_resume_from_their_last_checkpoint(tmp_path, sink_class, name):
    if sink_class is ParquetSink:
        pytest.importorskip("pyarrow")
    items = results(8, (2, 6))
    whole, part = tmp_path / "whole", tmp_path / "part"
    whole.mkdir(), part.mkdir()
    write_all(sink_class(str(whole / name)), items)
    # An interrupted run: a checkpoint after 4 inputs, then 2 more written but never made durable.
    sink = sink_class(str(part / name))
    sink.start(False)
    for result in items[:6]:
        sink.write(result)
        if result.seq == 3:
            sink.checkpoint(4, result.id)
    for stream in (getattr(sink, "stream", None), getattr(sink, "errors", None)):
        if stream is not None:
            stream.flush()  # the operating system got these bytes; the journal never heard of them
    if sink_class is SqliteSink:
        sink.db.close()  # uncommitted rows are lost, as in a kill
        sink.db = None
    progress = sink_class(str(part / name)).start(resume=True)
    assert progress == Progress(4, items[3].id)
    write_all(sink_class(str(part / name)), items, resume=True)
    assert _content(whole / name) == _content(part / name)
    assert sink_class(str(part / name)).start(resume=True).done in (8, 0)  # complete


def test_parquet_resumes_from_its_last_checkpoint_not_its_last_20000_rows(tmp_path):
    """A kill before about 1,300 documents (20,000 rows) used to restart from zero."""
    pq = pytest.importorskip("pyarrow.parquet")
    items = results(30, (5, 17))
    out = tmp_path / "facts.parquet"
    sink = ParquetSink(str(out))
    sink.start(False)
    for result in items[:20]:
        sink.write(result)
        sink.checkpoint(result.seq + 1, result.id)  # as the CLI does twice a second: not forced
    sink.errors.flush()  # (what the kill leaves: no finish, no close)
    assert ParquetSink(str(out)).start(resume=True) == Progress(20, items[19].id)
    write_all(ParquetSink(str(out)), items, resume=True)
    whole = tmp_path / "whole.parquet"
    write_all(ParquetSink(str(whole)), items)
    assert _content(out) == _content(whole)
    assert pq.ParquetFile(out).num_row_groups == 1  # the small parts are joined into whole row groups


def _content(path: Path):
    if path.suffix == ".sqlite":
        db = sqlite3.connect(path)
        return db.execute("SELECT * FROM documents").fetchall(), db.execute("SELECT * FROM facts").fetchall()
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist(), Path(f"{path}.errors.jsonl").read_bytes()
    return path.read_bytes(), Path(f"{path}.errors.jsonl").read_bytes()


def test_an_output_without_a_journal_is_complete(tmp_path):
    out = tmp_path / "facts.csv"
    write_all(CsvSink(str(out)), results())
    assert CsvSink(str(out)).start(resume=True).complete


def test_a_run_killed_before_its_first_checkpoint_starts_afresh(tmp_path):
    out = tmp_path / "facts.csv"
    out.write_text("doc_id,publ", encoding="utf-8")  # the header, half written
    Path(f"{out}.progress").write_text("", encoding="utf-8")
    write_all(CsvSink(str(out)), results(), resume=True)
    whole = tmp_path / "whole.csv"
    write_all(CsvSink(str(whole)), results())
    assert out.read_bytes() == whole.read_bytes()


def test_sqlite_of_an_older_briefx_is_not_resumed(tmp_path):
    """Its facts table has other columns: rows of the new width would not fit, so --resume says so."""
    out = tmp_path / "old.sqlite"
    db = sqlite3.connect(out)
    db.executescript(
        "CREATE TABLE documents (seq INTEGER PRIMARY KEY, id TEXT, published TEXT, source TEXT, line INTEGER,"
        " encoding TEXT, markup TEXT, facts INTEGER, error_code TEXT, error TEXT);"
        "CREATE TABLE facts (seq INTEGER, doc_id TEXT, published TEXT, kind TEXT, text TEXT, extra TEXT);"
    )
    db.close()
    with pytest.raises(ResumeError, match="other columns"):
        SqliteSink(str(out)).start(resume=True)
