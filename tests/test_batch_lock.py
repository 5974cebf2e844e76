"""One output, one writer: a run holds `<out>.lock` (`.briefx-lock` in an HTML folder) from start to
exit; a second writer gets a clear message and exit status 2, and a lock left by a killed run is
taken over."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefx.batch.lock import OutputLock
from briefx.cli import main
from interrupt import interrupt_after

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {
    "out.jsonl": "out.jsonl.lock",
    "out.csv": "out.csv.lock",
    "out.parquet": "out.parquet.lock",
    "out.sqlite": "out.sqlite.lock",
    "pages": "pages/.briefx-lock",
}


def archive(path: Path, n: int, tag: str = "a") -> Path:
    texts = (f"Выделено {i + 1} млрд тенге, рост на {i % 9} процентов." for i in range(n))
    path.write_text("".join(json.dumps({"id": f"{tag}-{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    return path


def output_args(tmp_path: Path, name: str) -> list[str]:
    return ["-o", str(tmp_path / name), *(["-f", "html"] if name == "pages" else [])]


def held_elsewhere(path: Path) -> bool:
    """Whether another open file holds the flock of `path` (as a second process would see it)."""
    with open(path, "a+b") as stream:
        try:
            fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(stream, fcntl.LOCK_UN)
        return False


@pytest.mark.parametrize("name", list(LOCKS))
def test_a_second_writer_is_refused_and_the_output_left_alone(tmp_path, capsys, name):
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    source = archive(tmp_path / "in.jsonl", 3)
    out = tmp_path / name
    lock_file = tmp_path / LOCKS[name]
    lock_file.parent.mkdir(exist_ok=True)
    with open(lock_file, "wb") as other:  # the first writer
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main([str(source), *output_args(tmp_path, name), "-q", "-j", "1"]) == 2
    assert "is being written by another briefx run" in capsys.readouterr().err
    assert not out.exists() or (out.is_dir() and [p.name for p in out.iterdir()] == [".briefx-lock"])


@pytest.mark.parametrize("name", list(LOCKS))
def test_the_lock_is_held_for_the_whole_run_and_removed_at_the_end(tmp_path, monkeypatch, name):
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    from briefx.batch import sinks

    seen = []
    lock_file = tmp_path / LOCKS[name]
    for sink_class in (sinks.JsonlSink, sinks.CsvSink, sinks.ParquetSink, sinks.SqliteSink, sinks.HtmlSink):
        real = sink_class.write

        def write(self, result, real=real):
            seen.append(lock_file.exists() and held_elsewhere(lock_file))
            real(self, result)

        monkeypatch.setattr(sink_class, "write", write)
    assert main([str(archive(tmp_path / "in.jsonl", 3)), *output_args(tmp_path, name), "-q", "-j", "1"]) == 0
    assert seen == [True, True, True]
    assert not lock_file.exists()


def test_the_lock_is_released_on_ctrl_c_and_on_an_error(tmp_path, monkeypatch, capsys):
    from briefx.batch import sinks

    source = archive(tmp_path / "in.jsonl", 5)
    out = tmp_path / "out.jsonl"
    interrupt_after(monkeypatch, sinks.JsonlSink, 2)
    assert main([str(source), "-o", str(out), "-q", "-j", "1"]) == 130
    monkeypatch.undo()
    assert not Path(f"{out}.lock").exists()
    # an error in the middle of the run: several documents for one page
    assert main([str(source), "-o", str(tmp_path / "page.html"), "-q", "-j", "1"]) == 2
    assert "give a folder" in capsys.readouterr().err
    assert not (tmp_path / "page.html.lock").exists()
    assert main([str(source), "-o", str(out), "-q", "-j", "1", "--resume"]) == 0


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path):
    out = tmp_path / "out.jsonl"
    Path(f"{out}.lock").write_text("pid 999999999 on gone-host\n", encoding="utf-8")  # nobody holds it
    assert main([str(archive(tmp_path / "in.jsonl", 2)), "-o", str(out), "-q", "-j", "1"]) == 0
    assert out.read_text(encoding="utf-8").count("\n") == 2
    assert not Path(f"{out}.lock").exists()


def test_a_forked_worker_does_not_keep_the_lock(tmp_path):
    lock = OutputLock(tmp_path / "out.lock", "out")
    lock.acquire()
    child = os.fork()
    if child == 0:  # a pool worker: lives on for a while, writes nothing
        time.sleep(5)
        os._exit(0)
    try:
        lock.release()
        with OutputLock(tmp_path / "out.lock", "out"):  # the child is still alive
            assert held_elsewhere(tmp_path / "out.lock")
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


def _cli(*args: str, stdin: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "briefx", *args], env=env, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _wait_until_locked_by(process: subprocess.Popen, path: Path, seconds: float = 60) -> None:
    """Wait until `process` holds the lock `path`: it writes its pid there once locked. The file is only
    read, never flocked here, so the wait cannot itself refuse the process its lock."""
    deadline = time.monotonic() + seconds
    while not (path.exists() and path.read_text().startswith(f"pid {process.pid} ")):
        assert process.poll() is None, process.communicate()[1].decode()
        assert time.monotonic() < deadline, f"{path} was never locked"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["c.csv", "c.jsonl"])
def test_two_runs_started_together_one_writes_the_other_is_refused(tmp_path, name):
    """The issue's case: two runs into one output, from different archives. The first reads standard
    input, which the test holds open until the second has been refused: a head start in seconds was
    flaky, since a fast machine finished the first run before the second one asked for the lock."""
    first_input, second_input = archive(tmp_path / "a.jsonl", 600, "a"), archive(tmp_path / "b.jsonl", 600, "b")
    out = tmp_path / name
    first = _cli("-", "-o", str(out), "-q", "-j", "2", stdin=subprocess.PIPE)
    _wait_until_locked_by(first, tmp_path / f"{name}.lock")
    second = _cli(str(second_input), "-o", str(out), "-q", "-j", "2")
    _, second_err = second.communicate(timeout=120)
    _, first_err = first.communicate(first_input.read_bytes(), timeout=120)
    assert first.returncode == 0, first_err.decode()
    assert second.returncode == 2 and b"is being written by another briefx run" in second_err
    reference = tmp_path / f"reference-{name}"
    assert main([str(first_input), "-o", str(reference), "-q", "-j", "1"]) == 0
    assert out.read_bytes() == reference.read_bytes()
