"""--resume continues only the run that made the output: the inputs (paths, sizes, a hash of their
first and last bytes) and the options that change the output are recorded with it, and a resume over
anything else is refused in every format, complete or not."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from briefx.cli import main

FORMATS = {"jsonl": "out.jsonl", "csv": "out.csv", "parquet": "out.parquet", "sqlite": "out.sqlite", "html": "pages"}


def archive(path: Path, n: int, word: str) -> Path:
    """Records without ids: every id is the FILE:LINE fallback, the same for two archives of one name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = (f"{word}: выделено {i + 1} млрд тенге." for i in range(n))
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    return path


def run(*args: str) -> int:
    return main([*args, "-q", "-j", "1"])


def test_resuming_onto_another_archive_of_the_same_name_is_refused(tmp_path, capsys):
    """The issue's case: documents 1-5 of one archive, then 6-10 of another, exit 0."""
    first, second = archive(tmp_path / "a" / "s.jsonl", 10, "Первый"), archive(tmp_path / "b" / "s.jsonl", 10, "Второй")
    out = tmp_path / "out.jsonl"
    assert run(str(first), "-o", str(out)) == 0
    lines = out.read_bytes().split(b"\n")
    out.write_bytes(b"\n".join(lines[:5]) + b"\n")  # killed after 5 documents
    assert run(str(second), "-o", str(out), "--resume") == 2
    err = capsys.readouterr().err
    assert "does not continue this input" in err and "s.jsonl" in err
    assert out.read_bytes() == b"\n".join(lines[:5]) + b"\n"
    assert run(str(first), "-o", str(out), "--resume") == 0  # the same archive resumes
    assert out.read_bytes() == b"\n".join(lines)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_complete_output_of_another_input_is_not_complete_for_this_one(tmp_path, capsys, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    first, second = archive(tmp_path / "a" / "s.jsonl", 3, "Первый"), archive(tmp_path / "b" / "s.jsonl", 3, "Второй")
    out = ["-o", str(tmp_path / FORMATS[fmt]), "-f", fmt]
    assert run(str(first), *out) == 0
    assert run(str(second), *out, "--resume") == 2
    assert "does not continue this input" in capsys.readouterr().err
    assert run(str(first), *out, "--resume") == 0
    assert "nothing to resume" not in capsys.readouterr().err  # -q


def test_the_same_input_by_another_path_resumes(tmp_path, monkeypatch):
    source = archive(tmp_path / "s.jsonl", 6, "Текст")
    out = tmp_path / "out.jsonl"
    assert run(str(source), "-o", str(out)) == 0
    whole = out.read_bytes()
    out.write_bytes(b"\n".join(whole.split(b"\n")[:2]) + b"\n")
    monkeypatch.chdir(tmp_path)
    assert run("s.jsonl", "-o", "out.jsonl", "--resume") == 0
    assert out.read_bytes() == whole


@pytest.mark.parametrize(
    "change, named",
    [
        (["--text-field", "body"], "text_field"),
        (["--meta"], "meta"),
        (["--max-size", "1MB"], "max_bytes"),
        (["--markup", "text"], "markup"),
    ],
)
def test_a_resume_with_options_that_change_the_output_is_refused(tmp_path, capsys, change, named):
    source = archive(tmp_path / "s.jsonl", 4, "Текст")
    out = tmp_path / "out.jsonl"
    assert run(str(source), "-o", str(out)) == 0
    assert run(str(source), "-o", str(out), "--resume", *change) == 2
    assert named in capsys.readouterr().err


def test_an_archive_that_changed_since_is_refused(tmp_path, capsys):
    source = archive(tmp_path / "s.jsonl", 4, "Текст")
    out = tmp_path / "out.csv"
    assert run(str(source), "-o", str(out)) == 0
    with open(source, "a", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": "Ещё 7 млрд тенге."}, ensure_ascii=False) + "\n")
    assert run(str(source), "-o", str(out), "--resume") == 2
    assert "size" in capsys.readouterr().err


def test_a_folder_with_other_files_is_another_input(tmp_path, capsys):
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Выделено {i + 1} млрд тенге.", encoding="utf-8")
    out = tmp_path / "out.sqlite"
    assert run(str(folder), "-o", str(out)) == 0
    (folder / "1.txt").rename(folder / "1b.txt")  # the same bytes under another name
    assert run(str(folder), "-o", str(out), "--resume") == 2
    (folder / "1b.txt").rename(folder / "1.txt")
    assert run(str(folder), "-o", str(out), "--resume") == 0


def test_an_output_without_a_record_of_its_run_is_not_resumed(tmp_path, capsys):
    source = archive(tmp_path / "s.jsonl", 4, "Текст")
    out = tmp_path / "out.sqlite"
    assert run(str(source), "-o", str(out)) == 0
    db = sqlite3.connect(out)
    db.execute("DROP TABLE IF EXISTS run")  # as an older briefx wrote it
    db.commit()
    db.close()
    assert run(str(source), "-o", str(out), "--resume") == 2
    assert "rerun without --resume" in capsys.readouterr().err
