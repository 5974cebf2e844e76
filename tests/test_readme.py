"""The README's ">>>" session is real: run it as a doctest, so the shown output cannot drift."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_session_prints_what_it_shows():
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
