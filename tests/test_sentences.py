"""Sentence boundaries from fixtures/sentences.txt: razdel's, plus a paragraph break, and pasted
headlines' time stamps and bullets (briefx.text.sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefx

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "sentences.txt"
MARK = "¦"


def cases() -> list[tuple[int, str]]:
    """(line number, line) for every case; a case may go on over the next lines (a paragraph break)."""
    out: list[tuple[int, str]] = []
    lines = CASES.read_text(encoding="utf-8").split("\n")
    joined: list[str] = []
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        if joined and joined[-1].endswith(MARK):
            joined[-1] += "\n" + line
            continue
        joined.append(line)
        out.append((number, line))
    return [(number, text) for (number, _), text in zip(out, joined, strict=True)]


@pytest.mark.parametrize("number, line", cases(), ids=[f"line {n}" for n, _ in cases()])
def test_sentences(number, line):
    text = line.replace(MARK, "")
    expected = [piece.strip() for piece in line.split(MARK)]
    brief = briefx.extract(text)
    assert [s.text for s in brief.sentences] == expected
    assert all(text[s.start : s.stop] == s.text for s in brief.sentences)
