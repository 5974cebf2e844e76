"""An output that is, lies inside, or holds an input is refused before anything is written: `-o` the
input itself, through a symlink, a relative detour or a hard link, or pages written into the folder
being read."""

from __future__ import annotations

import json
import os

import pytest

from briefx.cli import main


def archive(path, n=5):
    path.write_text("".join(json.dumps({"text": f"Выделено {i} млрд тенге."}, ensure_ascii=False) + "\n" for i in range(n)))
    return path


def listing(folder):
    return sorted((p.relative_to(folder).as_posix(), p.read_bytes() if p.is_file() else None) for p in folder.rglob("*"))


@pytest.mark.parametrize("how", ["same", "symlink", "relative", "hardlink"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_an_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path, capsys, monkeypatch, how, fmt):
    source = archive(tmp_path / "s.jsonl")
    out = {
        "same": str(source),
        "symlink": str(tmp_path / "link.jsonl"),
        "relative": os.path.join("sub", "..", "s.jsonl"),
        "hardlink": str(tmp_path / "hard.jsonl"),
    }[how]
    if how == "symlink":
        (tmp_path / "link.jsonl").symlink_to(source)
    elif how == "hardlink":
        os.link(source, tmp_path / "hard.jsonl")
    elif how == "relative":
        (tmp_path / "sub").mkdir()
        monkeypatch.chdir(tmp_path)
    before = listing(tmp_path)
    assert main([str(source), "-o", out, "-f", fmt, "-q"]) == 2
    assert "is the input" in capsys.readouterr().err
    assert listing(tmp_path) == before  # not emptied, and no side file either


def test_pages_written_into_the_folder_being_read_are_refused(tmp_path, capsys):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_text("Выделено 5 млрд тенге.", encoding="utf-8")
    before = listing(folder)
    assert main([str(folder), "-f", "html", "-o", str(folder), "-q"]) == 2
    assert main([str(folder), "-f", "html", "-o", str(folder / "pages"), "-q"]) == 2
    assert main([str(folder), "-o", str(folder / "facts.csv"), "-q"]) == 2
    assert "lies inside the input" in capsys.readouterr().err
    assert listing(folder) == before


def test_an_output_folder_that_holds_an_input_is_refused(tmp_path, capsys):
    (tmp_path / "pages").mkdir()
    source = archive(tmp_path / "pages" / "errors.jsonl")  # the name of the pages' own error file
    assert main([str(source), "-f", "html", "-o", str(tmp_path / "pages"), "-q"]) == 2
    assert "holds the input" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8").count("\n") == 5


def test_a_separate_output_still_works(tmp_path):
    source = archive(tmp_path / "s.jsonl")
    assert main([str(source), "-o", str(tmp_path / "s.out.jsonl"), "-q", "-j", "1"]) == 0
    assert (tmp_path / "s.out.jsonl").read_text(encoding="utf-8").count("\n") == 5
