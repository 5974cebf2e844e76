"""One id never stops a run: a lone surrogate (valid JSON, not encodable text) becomes an escaped id,
and ids too long for a file name are cut by bytes with a hash of the whole id, in every format."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import pytest

from briefx.batch.sinks import safe_name
from briefx.cli import main
from interrupt import interrupt_after

TEXT = "Выделено 5 млрд тенге."
OUTPUTS = ["out.jsonl", "out.csv", "out.parquet", "out.sqlite", "pages"]


def raw_archive(path: Path, ids: list[str]) -> Path:
    """ids as written into the JSON text: '"a\\udfffb"' is a lone surrogate once parsed."""
    path.write_text("".join(f'{{"id": {raw}, "text": "{TEXT}"}}\n' for raw in ids), encoding="utf-8")
    return path


def ids_in(out: Path) -> list[str]:
    if out.suffix == ".jsonl":
        return [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    if out.suffix == ".csv":
        with open(out, encoding="utf-8", newline="") as stream:
            return [row["doc_id"] for row in csv.DictReader(stream)]
    if out.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(out).column("doc_id").to_pylist()
    if out.suffix == ".sqlite":
        return [row[0] for row in sqlite3.connect(out).execute("SELECT id FROM documents ORDER BY seq")]
    entries = (out / "index.html").read_text(encoding="utf-8")
    return [name for name in ("before", "a\\udfffb", "after") if name in entries]


@pytest.mark.parametrize("name", OUTPUTS)
def test_a_lone_surrogate_in_an_id_is_escaped_and_the_run_goes_on(tmp_path, name):
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    source = raw_archive(tmp_path / "in.jsonl", ['"before"', '"a\\udfffb"', '"after"'])
    out = tmp_path / name
    assert main([str(source), "-o", str(out), "-q", "-j", "1", *(["-f", "html"] if name == "pages" else [])]) == 0
    assert ids_in(out) == ["before", "a\\udfffb", "after"]  # the JSON escape, as text


def test_an_escaped_id_is_stable_and_keeps_ids_apart(tmp_path):
    source = raw_archive(tmp_path / "in.jsonl", ['"a\\udfffb"', '"a\\udffeb"'])
    outputs = []
    for run in ("1", "2"):
        out = tmp_path / f"out{run}.jsonl"
        assert main([str(source), "-o", str(out), "-q", "-j", "1"]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert ids_in(tmp_path / "out1.jsonl") == ["a\\udfffb", "a\\udffeb"]


LONG_IDS = ["中" * 100, "𝔸" * 300, "𝔸" * 299 + "𝔹", "x" * 1000]


def test_long_ids_become_file_names_cut_by_bytes():
    names = [safe_name(doc_id) for doc_id in LONG_IDS]
    assert all(len(f"{name}~123456789.html".encode()) <= 255 for name in names)
    assert len(set(names)) == len(names)  # a shared prefix does not merge two documents
    assert names == [safe_name(doc_id) for doc_id in LONG_IDS]  # stable
    assert names[0].startswith("中" * 60)
    assert safe_name("news/2025/a b.txt") == "news_2025_a_b.txt"  # short ids as before


def test_html_pages_for_long_ids_are_written_and_resumed(tmp_path, monkeypatch):
    from briefx.batch import sinks

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": TEXT}, ensure_ascii=False) + "\n" for i in LONG_IDS), "utf-8")
    pages = tmp_path / "pages"
    interrupt_after(monkeypatch, sinks.HtmlSink, 1)
    assert main([str(source), "-f", "html", "-o", str(pages), "-q", "-j", "1"]) == 130
    monkeypatch.undo()
    assert main([str(source), "-f", "html", "-o", str(pages), "-q", "-j", "1", "--resume"]) == 0
    written = sorted(p.name for p in pages.iterdir() if p.name not in ("index.html", ".briefx-run.json"))
    assert written == sorted(f"{safe_name(doc_id)}.html" for doc_id in LONG_IDS)
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{safe_name(doc_id)}.html"' in index for doc_id in LONG_IDS)


def test_a_file_name_that_is_not_utf8_gives_an_escaped_id(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 on disk: a lone surrogate in Python
    (folder / name).write_text(TEXT, encoding="utf-8")
    (folder / os.fsdecode(b"nul\xe9.txt")).write_bytes(b"\x00binary")  # an error record names it too
    out = tmp_path / "out.jsonl"
    assert main([str(folder), "-o", str(out), "-q", "-j", "1", "--meta"]) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["caf\\udce9.txt", "nul\\udce9.txt"]
    assert records[1]["error"]["code"] == "binary" and records[1]["error"]["source"].endswith("nul\\udce9.txt")
