"""briefx.text.normalize: a same-length copy with each listed character replaced, whatever else the
text holds."""

from __future__ import annotations

import pytest

from briefx.text import normalize

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefx import text as text_module  # noqa: E402

REPLACEMENTS = text_module._REPLACEMENTS


def by_character(text: str) -> str:
    return "".join(REPLACEMENTS.get(char, char) for char in text)


def test_no_replacement_is_itself_replaced():
    # normalize replaces one character after another: a replacement replaced later would be changed twice
    assert not set(REPLACEMENTS.values()) & set(REPLACEMENTS)


@pytest.mark.parametrize(
    "given_text, expected",
    [
        ("Рост\u00a0– 29,5%", "Рост - 29,5%"),
        ("«Ёлка» и ‘ёж’", "\"Елка\" и 'еж'"),
        ("стоп\ufe0f\u200bслово", "стоп  слово"),
        ("", ""),
    ],
)
def test_normalize_replaces_listed_characters(given_text, expected):
    assert normalize(given_text) == expected


@given(st.text(alphabet=st.sampled_from([*REPLACEMENTS, "а", "Б", "1", " ", "І", "\n", "x"]), max_size=60))
def test_normalize_is_the_replacement_of_each_character(text):
    out = normalize(text)
    assert len(out) == len(text)
    if "І" not in text:  # a Roman numeral written with the Cyrillic І becomes Latin I (tested in the articles)
        assert out == by_character(text)
