"""The command line builds the pipeline the user asks for: --kinds, --data, --component, --explain, and
`briefx explain TEXT`; the configured pipeline reaches the worker processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefx.cli import main

ROOT = Path(__file__).resolve().parents[1]
USER_DATA = ROOT / "fixtures" / "user_data"
EXAMPLES = ROOT / "examples"
USER_TEXT = "Грузия выделила 5 млн лари на ремонт. Аким велел акимам районов завершить ремонт водонапорной башни."
SOWN = "В области засеяно 120 тыс. га пшеницы и 40 тыс. гектаров ячменя."


def archive(path: Path, texts: list[str]) -> Path:
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)) + "\n")
    return path


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_data_with_two_workers_adds_the_users_words(tmp_path: Path) -> None:
    source = archive(tmp_path / "in.jsonl", [USER_TEXT] * 6)
    out = tmp_path / "out.jsonl"
    assert main([str(source), "-o", str(out), "--data", str(USER_DATA), "--workers", "2", "-q"]) == 0
    for record in records(out):
        assert [(m["text"], m["currency"]) for m in record["money"]] == [("5 млн лари", "GEL")]
        assert [f["type"] for f in record["facilities"]] == ["water_tower"]
        assert [i["addressee"] for i in record["instructions"]] == ["акимы районов"]
    plain = tmp_path / "plain.jsonl"
    assert main([str(source), "-o", str(plain), "--workers", "2", "-q"]) == 0
    assert all(record["money"] == [] for record in records(plain))


def test_a_resume_with_other_word_lists_is_refused(tmp_path: Path, capsys) -> None:
    source = archive(tmp_path / "in.jsonl", [USER_TEXT] * 3)
    out = tmp_path / "out.jsonl"
    assert main([str(source), "-o", str(out), "--data", str(USER_DATA), "-q"]) == 0
    assert main([str(source), "-o", str(out), "--resume", "-q"]) == 2
    assert "data was" in capsys.readouterr().err


def test_kinds_limit_the_output(tmp_path: Path) -> None:
    source = archive(tmp_path / "in.jsonl", ["Выделено 5 млрд тенге в 2025 году."])
    out = tmp_path / "out.jsonl"
    assert main([str(source), "-o", str(out), "--kinds", "money", "-q", "-j", "1"]) == 0
    [record] = records(out)
    assert len(record["money"]) == 1 and record["dates"] == []


def test_no_subjects_leaves_them_out_and_a_resume_with_them_is_refused(tmp_path: Path, capsys) -> None:
    source = archive(tmp_path / "in.jsonl", ["Привлечено 178 млрд тенге инвестиций (рост – 29,5%)."] * 2)
    out = tmp_path / "out.jsonl"
    assert main([str(source), "-o", str(out), "--kinds", "money,percentages", "--no-subjects", "-q", "-j", "1"]) == 0
    for record in records(out):
        assert [(m["text"], m["subject"]) for m in record["money"]] == [("178 млрд тенге", None)]
        assert [p["subject"] for p in record["percentages"]] == [None]
    assert main([str(source), "-o", str(out), "--kinds", "money,percentages", "--resume", "-q"]) == 2
    assert "subjects" in capsys.readouterr().err


def test_explain_adds_every_facts_rule(tmp_path: Path) -> None:
    source = archive(tmp_path / "in.jsonl", ["Выделено 5 млрд тенге в 2025 году."])
    out = tmp_path / "out.jsonl"
    assert main([str(source), "-o", str(out), "--explain", "-q", "-j", "1"]) == 0
    [record] = records(out)
    assert record["money"][0]["rule"] == "money.number" and record["dates"][0]["rule"] == "dates.year"


def test_explain_is_refused_for_tables(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([str(archive(tmp_path / "in.jsonl", ["Текст."])), "-o", str(tmp_path / "out.csv"), "--explain"])
    assert exit_.value.code == 2


def test_a_component_that_cannot_be_loaded_is_a_usage_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([str(archive(tmp_path / "in.jsonl", ["Текст."])), "--component", "no_such_module:Thing"])
    assert exit_.value.code == 2
    assert "cannot load component 'no_such_module:Thing'" in capsys.readouterr().err


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES)}
    command = [sys.executable, "-m", "briefx", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.slow
def test_a_users_component_in_a_cli_run_with_two_workers(tmp_path: Path) -> None:
    source = archive(tmp_path / "in.jsonl", [SOWN] * 4)
    done = _cli(str(source), "-o", "out.jsonl", "--component", "sown_areas:SownAreas", "-j", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for record in records(tmp_path / "out.jsonl"):
        assert [(a["area"], a["crop"]) for a in record["sown_areas"]] == [("120000", "пшеница"), ("40000", "ячмень")]
    assert "sown_areas 8" in done.stderr  # the summary counts the new kind


def test_briefx_explain_prints_each_fact_with_its_rule(capsys) -> None:
    assert main(["explain", "Президент поручил Правительству до 1 декабря 2025 года обеспечить выплаты."]) == 0
    printed = capsys.readouterr().out
    assert "instructions.trigger" in printed and "dates.day_month" in printed
    assert "deadline=2025-12-01" in printed


def test_briefx_explain_takes_the_users_word_lists_and_a_file(tmp_path: Path, capsys) -> None:
    text = tmp_path / "article.txt"
    text.write_text("Выделено 5 млн лари.", encoding="utf-8")
    assert main(["explain", str(text), "--data", str(USER_DATA)]) == 0
    assert "currency=GEL" in capsys.readouterr().out
