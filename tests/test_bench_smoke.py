"""The bench scripts start and print their tables (briefx only, two texts). Not a measurement."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
DATA = Path(os.environ.get("BRIEFX_DATA", BENCH.parents[1] / "shared" / "data"))

pytestmark = [
    pytest.mark.skipif(
        not (DATA / "nerel" / "train.jsonl").exists() or not (DATA / "kz_news" / "tengrinews_dev.jsonl").exists(),
        reason=f"evaluation data not found under {DATA} (set BRIEFX_DATA)",
    ),
    pytest.mark.slow,  # each runs a bench script in a subprocess
]


def run(script: str, *args: str, tmp_path: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--limit", "2", "--out", str(tmp_path), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_accuracy_prints_its_table(tmp_path: Path) -> None:
    out = run("accuracy.py", "--systems", "briefx", "--no-cache", tmp_path=tmp_path)
    assert "| kind | system |" in out
    assert "| MONEY | briefx |" in out
    assert (tmp_path / "nerel_errors_briefx.txt").exists()
    assert (tmp_path / "accuracy.json").exists()


def test_speed_prints_its_table(tmp_path: Path) -> None:
    out = run("speed.py", "--systems", "briefx", "--passes", "1", tmp_path=tmp_path)
    assert "| system | configuration |" in out
    assert "| briefx " in out
    assert (tmp_path / "speed.json").exists()


def test_profile_prints_top_functions(tmp_path: Path) -> None:
    out = run("profile.py", "--top", "5", tmp_path=tmp_path)
    assert "Top 5 by own time" in out


def test_batch_scaling_prints_its_table(tmp_path: Path) -> None:
    out = run("batch_scaling.py", "--copies", "1", "--rounds", "1", tmp_path=tmp_path)
    assert "end to end       steady           CLI              split            CPU loop" in out
    assert "round 1 workers 2: 2 docs" in out
    assert (tmp_path / "batch_scaling.json").exists()


def test_devscore_prints_its_tables(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "devscore.py"), "--limit", "3", "--out", str(tmp_path), "--json", str(tmp_path / "d.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| kind | gold | pred | P | R | F1 | exact F1 |" in done.stdout
    assert "| money |" in done.stdout
    assert "| facilities | type |" in done.stdout
    assert (tmp_path / "devscore_errors_text_respaced.txt").exists()
    assert (tmp_path / "d.json").exists()


def test_relations_prints_both_routes_and_their_speed(tmp_path: Path) -> None:
    out = run("relations.py", "--passes", "1", tmp_path=tmp_path)
    assert "| relation | gold | rules P / R |" in out and "rules + syntax P / R" in out
    assert "| instruction issuer |" in out and "| rules + syntax |" in out
    assert (tmp_path / "relations.json").exists()


def test_relations_syntax_prints_its_tables(tmp_path: Path) -> None:
    out = run("relations_syntax.py", "--split", "all", tmp_path=tmp_path)
    assert "| relation | route | gold | pred | P | R | lenient P | lenient R |" in out
    assert "| instructions.issuer | syntax |" in out or "| money.subject | syntax |" in out
    assert (tmp_path / "relations_syntax_errors.txt").exists()


def test_relations_syntax_measures_its_cost(tmp_path: Path) -> None:
    out = run("relations_syntax.py", "--cost", "--passes", "1", tmp_path=tmp_path)
    assert "| briefx+syntax-all | 2 |" in out
    assert "the parser alone, in a fresh process:" in out


def test_report_speed_prints_its_times(tmp_path: Path) -> None:
    import json

    articles = sorted((BENCH.parent / "fixtures" / "articles").glob("*.txt"))[:2]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps({"id": a.stem, "text": a.read_text(encoding="utf-8")}) + "\n" for a in articles))
    command = [sys.executable, str(BENCH / "report_speed.py"), "--sample", str(sample), "--copies", "2", "--rounds", "1"]
    done = subprocess.run([*command, "--folder", str(tmp_path / "run")], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "empty bundle cache:" in done.stdout and "round 1, bundle cached:" in done.stdout
    assert (tmp_path / "run" / "report.html").stat().st_size > 100_000 and (tmp_path / "run" / "pages" / "index.html").exists()


def _in_git_checkout() -> bool:
    done = subprocess.run(["git", "-C", str(BENCH), "rev-parse", "HEAD"], capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.skipif(not _in_git_checkout(), reason="bench/against.py compares git commits: no git checkout here")
def test_against_prints_both_codes(tmp_path: Path) -> None:
    out = run("against.py", "HEAD", "--rounds", "1", "--passes", "1", tmp_path=tmp_path)
    assert "| HEAD | " in out
    assert "| this checkout | " in out
    assert "this checkout / HEAD: " in out
    assert (tmp_path / "against.json").exists()
