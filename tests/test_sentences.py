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


# briefx.text.sentenize hands razdel's rules only the delimiters a space follows (it joins the others at
# once): the sentences must be razdel's own.
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from razdel import sentenize as razdel_sentenize  # noqa: E402

from briefx.text import sentenize  # noqa: E402

PIECES = [
    "т. е.", "и т.д.", "А. С. Пушкин", "г.", "Ивanov", ":)", ";-(", "=)))", ":))))", ";", ":", "=", "; ",
    '" ', "» ", ". —", ".", "?", "!", "…", "(", ")",
    "«", "»", "'", " ", "  ", "\u00a0", "\u3000", "а", "Б", "1", "2.5", "ст.", "млн.", "1)", "а)", "\n",
]  # fmt: skip


def spans(found) -> list[tuple[int, int, str]]:
    return [(s.start, s.stop, s.text) for s in found]


@pytest.mark.parametrize("number, line", cases(), ids=[f"line {n}" for n, _ in cases()])
def test_sentenize_is_razdels_on_the_fixtures(number, line):
    text = line.replace(MARK, "")
    assert spans(sentenize(text)) == spans(razdel_sentenize(text))


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_sentenize_is_razdels_on_any_mix_of_delimiters(text):
    assert spans(sentenize(text)) == spans(razdel_sentenize(text))
