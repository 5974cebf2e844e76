"""The README's ">>>" session is real: run it as a doctest, so the shown output cannot drift."""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

from briefx import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def run_the_answers_commands(folder: Path) -> None:
    """The shell block of "From an archive to answers", run in `folder` (where `fixtures` is the repo's):
    its sessions query the run it makes."""
    section = README.read_text(encoding="utf-8").split("## From an archive to answers", 1)[1]
    commands = re.search(r"```sh\n(.*?)```", section, flags=re.S)[1]
    (folder / "fixtures").symlink_to(README.parent / "fixtures")
    ran = 0
    for line in commands.splitlines():
        words = shlex.split(line, comments=True)
        if words[:1] == ["briefx"]:
            quiet = ["-q"] if words[1] == "report" else ["-q", "--workers", "1"]
            with_paths = [str(folder / w) if w.startswith(("run.", "pages/", "report.html")) else w for w in words[1:]]
            assert cli.main(with_paths + quiet) == 0, line
            ran += 1
    assert ran == 4 and (folder / "report.html").exists()


def test_the_readme_session_prints_what_it_shows(tmp_path, monkeypatch):
    run_the_answers_commands(tmp_path)
    monkeypatch.chdir(tmp_path)  # the sessions open run.sqlite and run.parquet
    blocks = re.findall(r"```pycon\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "README.md has no ```pycon block"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"README pycon block {number}", str(README), 0))
    assert runner.failures == 0, f"{runner.failures} README example(s) print something else (see the output above)"


def test_the_readme_shows_the_example_component_as_it_is_in_examples():
    example = (README.parent / "examples" / "sown_areas.py").read_text(encoding="utf-8")
    body = example.split("\n", 2)[2]  # after the module docstring and the blank line
    assert body in README.read_text(encoding="utf-8")
    assert len([line for line in body.splitlines() if line.strip()]) < 30  # "a new fact kind in under 30 lines"
