"""The command line: JSON Lines by default, other formats by suffix, error records and exit status,
deterministic output whatever the workers, and resuming after `kill -9`."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefx.cli import main, size

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "articles" / "000_874fe8aaadcc118b.txt"
TENGRINEWS = ROOT.parent / "shared" / "data" / "kz_news" / "tengrinews_dev.jsonl"


def news(i: int) -> str:
    return f"Аким района {i} сообщил: на ремонт дорог выделено {i + 1},5 млрд тенге, это на {i % 30} процентов больше."


def archive(path: Path, n: int, corrupt: dict[int, bytes] | None = None) -> Path:
    lines = [json.dumps({"id": f"doc-{i}", "text": news(i), "date": "2025-03-01"}, ensure_ascii=False).encode() for i in range(n)]
    for index, line in (corrupt or {}).items():
        lines[index] = line
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.split("\n") if line]  # not splitlines(): U+2028 is text


def test_a_txt_file_prints_one_json_line_with_its_name_as_id(capsys):
    assert main([str(SEED), "-q"]) == 0
    [record] = json_lines(capsys.readouterr().out)
    assert record["id"] == SEED.name and record["published"] == "2025-08-14"
    assert list(record)[:3] == ["id", "published", "money"]
    assert record["money"][0]["text"] == "178 млрд тенге"


def test_a_folder_gives_relative_ids_and_a_summary_on_stderr(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(news(2), encoding="utf-8")
    (tmp_path / "a.txt").write_text(news(1), encoding="utf-8")
    assert main([str(tmp_path), "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert [r["id"] for r in json_lines(captured.out)] == ["a.txt", "sub/b.txt"]
    assert "2 documents (0 failed)" in captured.err and "documents/s" in captured.err and "money 2" in captured.err
    assert "\r" not in captured.err  # no progress bar when stderr is not a terminal


def test_standard_input_is_one_text_or_json_lines(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(news(1).encode()))))
    assert main(["-", "-q"]) == 0
    assert [r["id"] for r in json_lines(capsys.readouterr().out)] == ["-"]
    lines = "".join(json.dumps({"id": f"s{i}", "text": news(i)}) + "\n" for i in range(3))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(lines.encode()))))
    assert main(["-", "-q"]) == 0
    assert [r["id"] for r in json_lines(capsys.readouterr().out)] == ["s0", "s1", "s2"]


def test_three_corrupted_lines_give_three_error_records_and_exit_1(tmp_path, capsys):
    path = archive(
        tmp_path / "in.jsonl",
        20,
        {3: b'{"id": "doc-3", "text": "cut', 9: b"\x00\x01\x02 binary", 15: b'{"id": "doc-15", "body": "no text"}'},
    )
    out = tmp_path / "out.jsonl"
    assert main([str(path), "-o", str(out), "--workers", "2"]) == 1
    records = json_lines(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [f"doc-{i}" if i not in (3, 9) else f"in.jsonl:{i + 1}" for i in range(20)]
    errors = {r["id"]: r["error"] for r in records if "error" in r}
    assert [(e["code"], e["line"], e["source"]) for e in errors.values()] == [
        ("bad_json", 4, str(path)),
        ("binary", 10, str(path)),
        ("missing_text", 16, str(path)),
    ]
    assert all("money" in r for r in records if "error" not in r)
    assert "3 failed" in capsys.readouterr().err


def test_one_and_two_workers_write_the_same_bytes(tmp_path):
    path = archive(tmp_path / "in.jsonl", 80, {40: b"{broken"})
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        assert main([str(path), "-o", str(out), "-j", workers, "-q", "--meta"]) == 1
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 80


def test_the_format_follows_the_output_suffix(tmp_path):
    path = archive(tmp_path / "in.jsonl", 5)
    assert main([str(path), "-o", str(tmp_path / "f.csv"), "-q"]) == 0
    assert (tmp_path / "f.csv").read_text(encoding="utf-8").startswith("doc_id,published,kind,text,start,stop")
    assert main([str(path), "-o", str(tmp_path / "f.sqlite"), "-q"]) == 0
    db = sqlite3.connect(tmp_path / "f.sqlite")
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone() == (5,)
    assert db.execute("SELECT COUNT(*) FROM facts WHERE kind = 'money' AND currency = 'KZT'").fetchone() == (5,)


def test_resume_on_another_input_is_refused(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main([str(archive(tmp_path / "a.jsonl", 5)), "-o", str(out), "-q"]) == 0
    other = tmp_path / "b.jsonl"
    other.write_text(json.dumps({"id": "other", "text": news(1)}) + "\n" * 6, encoding="utf-8")
    assert main([str(other), "-o", str(out), "-q", "--resume"]) == 2
    assert "does not continue this input" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main([str(tmp_path / "missing.jsonl")])
    assert caught.value.code == 2 and "no such file" in capsys.readouterr().err
    assert main([str(SEED), "-f", "sqlite", "-q"]) == 2  # sqlite needs -o
    assert main([str(SEED), "--resume", "-q"]) == 2  # resume needs -o


@pytest.mark.parametrize("text, value", [("10MB", 10 * 2**20), ("512k", 512 * 1024), ("1000", 1000), ("1.5KiB", 1536)])
def test_sizes(text, value):
    assert size(text) == value


def test_one_article_to_a_page_file(tmp_path, capsys):
    page = tmp_path / "page.html"
    assert main([str(SEED), "-f", "html", "-o", str(page), "-q"]) == 0
    assert page.is_file() and "178" in page.read_text(encoding="utf-8")
    # an archive does not fit one page: a usage error that says to give a folder
    assert main([str(SEED.parent), "-o", str(tmp_path / "all.html"), "-q", "--workers", "1"]) == 2
    assert "give a folder" in capsys.readouterr().err


def test_html_pages_when_the_renderer_exists(tmp_path):
    pytest.importorskip("briefx.html")
    assert main([str(SEED), "-f", "html", "-o", str(tmp_path / "pages"), "-q"]) == 0
    pages = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert pages == [".briefx-run.json", f"{SEED.name}.html", "index.html"]  # the run's identity, for --resume


@pytest.mark.slow
@pytest.mark.skipif(not TENGRINEWS.exists(), reason="the Tengrinews sample (../shared/data) is not here")
def test_a_slice_of_tengrinews(tmp_path):
    sample = tmp_path / "tengrinews.jsonl"
    with open(TENGRINEWS, "rb") as stream:
        sample.write_bytes(b"".join(stream.readline() for _ in range(24)))
    out = tmp_path / "out.sqlite"
    assert main([str(sample), "-o", str(out), "-j", "2", "-q"]) == 0
    db = sqlite3.connect(out)
    assert db.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM documents WHERE error IS NULL").fetchone() == (24, 24)
    assert db.execute("SELECT MIN(published), MAX(published) FROM documents").fetchone()[0].startswith("2024-")


# --- interrupted runs ----------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-m", "briefx", *args], env=env, stderr=subprocess.PIPE)


def _wait_for_lines(path: Path, lines: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= lines:
            return
        time.sleep(0.05)
    raise AssertionError(f"no {lines} lines in {path} (exit status {process.poll()})")


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").exists(), reason="finds worker processes through /proc")
def test_kill_9_then_resume_gives_every_document_exactly_once(tmp_path):
    path = archive(tmp_path / "in.jsonl", 400, {7: b"not json", 250: b"\xc0\xc1 garbage"})
    out = tmp_path / "out.jsonl"
    process = _cli(str(path), "-o", str(out), "--workers", "2", "-q")
    _wait_for_lines(out, 40, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = out.read_bytes().count(b"\n")
    assert written < 400, "finished before the kill: make the archive bigger"
    deadline = time.monotonic() + 5  # the orphaned workers notice and exit
    while _processes_with(str(out)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(str(out)) == []
    # The resumed run's status counts the documents it processed: 1 while the bad line 251 is still to
    # come, 0 when the kill landed after it (line 8 is always written before the 40th line).
    status = 1 if written <= 250 else 0
    assert main([str(path), "-o", str(out), "--workers", "2", "--resume", "-q"]) == status
    ids = [r["id"] for r in json_lines(out.read_text(encoding="utf-8"))]
    expected = [f"doc-{i}" for i in range(400)]
    expected[7], expected[250] = "in.jsonl:8", "in.jsonl:251"
    assert ids == expected


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_resume_completes_a_csv(tmp_path):
    path = archive(tmp_path / "in.jsonl", 300)
    out = tmp_path / "facts.csv"
    process = _cli(str(path), "-o", str(out), "--workers", "2")
    deadline = time.monotonic() + 60
    while not (out.exists() and out.stat().st_size > 2000) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode()
    assert b"rerun with --resume" in err
    assert Path(f"{out}.progress").exists()
    assert main([str(path), "-o", str(out), "--resume", "-q"]) == 0
    whole = tmp_path / "whole.csv"
    assert main([str(path), "-o", str(whole), "-q"]) == 0
    assert out.read_bytes() == whole.read_bytes()
    assert not Path(f"{out}.progress").exists()


def test_ctrl_c_between_two_rows_of_one_document_resumes_without_duplicates(tmp_path, monkeypatch):
    """The failure seen once in a full run: Ctrl-C landed between two CSV rows of one document, the
    journal kept the first rows, and --resume wrote them again. A signal now waits for the document."""
    import csv

    path = archive(tmp_path / "in.jsonl", 40)
    out = tmp_path / "facts.csv"
    real_writerows = None
    calls = {"n": 0}

    def writerows_then_signal(self, rows):
        rows = list(rows)
        calls["n"] += 1
        if calls["n"] == 20 and len(rows) > 1:  # the 20th document: signal after its first row
            real_writerows(self, rows[:1])
            os.kill(os.getpid(), signal.SIGINT)
            real_writerows(self, rows[1:])
        else:
            real_writerows(self, rows)

    real_writerows = csv.DictWriter.writerows
    monkeypatch.setattr(csv.DictWriter, "writerows", writerows_then_signal)
    assert main([str(path), "-o", str(out), "-q", "--workers", "1"]) == 130
    monkeypatch.undo()
    assert main([str(path), "-o", str(out), "--resume", "-q", "--workers", "1"]) == 0
    whole = tmp_path / "whole.csv"
    assert main([str(path), "-o", str(whole), "-q", "--workers", "1"]) == 0
    assert out.read_bytes() == whole.read_bytes()


# --- clean errors and arguments ------------------------------------------------------------------


@pytest.mark.parametrize("where", ["missing/out.sqlite", "file.txt/sub/out.sqlite", "folder.sqlite"])
def test_an_sqlite_path_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, capsys, where):
    (tmp_path / "file.txt").write_text("not a folder", encoding="utf-8")
    (tmp_path / "folder.sqlite").mkdir()  # a folder where the database would go
    assert main([str(SEED), "-o", str(tmp_path / where), "-f", "sqlite", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"briefx: cannot write {tmp_path / where}: ") and err.count("\n") == 1, err


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to fill the disk")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_full_disk_is_one_line_and_exit_2(tmp_path, workers):
    path = archive(tmp_path / "in.jsonl", 30)
    done = subprocess.run(
        [sys.executable, "-m", "briefx", str(path), "-o", "/dev/full", "-j", workers],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr.decode()
    assert done.stderr.decode() == "briefx: cannot write /dev/full: No space left on device\n"


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "-0.5", "abc"])
def test_a_timeout_that_is_not_a_positive_number_of_seconds_is_refused(value, capsys):
    with pytest.raises(SystemExit) as caught:
        main([str(SEED), "--timeout", value, "-q"])
    assert caught.value.code == 2 and "--timeout" in capsys.readouterr().err


@pytest.mark.parametrize("value", [-1, 0, float("nan"), float("inf"), "5"])
def test_run_refuses_a_timeout_that_is_not_a_positive_number_of_seconds(value):
    from briefx.batch import run

    with pytest.raises((ValueError, TypeError), match="timeout"):
        run(["Выделено 5 млрд тенге."], workers=1, timeout=value)


def test_version_prints_the_package_version(capsys):
    import briefx

    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0 and capsys.readouterr().out == f"briefx {briefx.__version__}\n"


def test_spreadsheet_safe_csv_keeps_cells_from_being_read_as_formulas(tmp_path):
    import csv

    ids = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(1)", "\tTAB", "plain"]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": "Выделено 5 млрд тенге."}) + "\n" for i in ids), "utf-8")

    def cells(*options):
        out = tmp_path / f"out{len(options)}.csv"
        assert main([str(source), "-o", str(out), "-q", "-j", "1", *options]) == 0
        with open(out, encoding="utf-8", newline="") as stream:
            return [(row["doc_id"], row["value"]) for row in csv.DictReader(stream)]

    assert cells() == [(i, "5000000000") for i in ids]
    safe = ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(1)", "'\tTAB", "plain"]
    assert cells("--spreadsheet-safe") == [(i, "5000000000") for i in safe]


def test_spreadsheet_safe_is_for_csv_only(capsys):
    with pytest.raises(SystemExit) as caught:
        main([str(SEED), "--spreadsheet-safe", "-q"])
    assert caught.value.code == 2 and "CSV" in capsys.readouterr().err
