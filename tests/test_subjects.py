"""briefx.extract.subjects: the clause searched before a number starts at a whole word, a phrase's case
is one its adjectives agree in, and who pays is no subject."""

from __future__ import annotations

import pytest

import briefx
from briefx.document import Document
from briefx.extract import subjects


@pytest.mark.parametrize("shift", range(0, 9))
def test_the_clause_before_a_point_never_starts_inside_a_word(shift):
    # no clause mark for far longer than the window: wherever the window starts, its first word is whole
    text = "Событие" + " событие" * 120 + " " + "ы" * (shift + 1) + " составил 4 килограмма"
    doc = Document.of(text)
    end = text.index("4 килограмма")
    tokens, mark = subjects._clause_before(doc, end)
    words = set(text.split())
    assert mark == ""
    assert tokens and all(token.group() in words for token in tokens)


@pytest.mark.parametrize(
    "phrase, case",
    [
        ("государственный долг", "nomn"),
        ("единовременную помощь", "accs"),
        ("магистрального газопровода", "gent"),
        # an accusative singular adjective before a noun read as an accusative plural is no phrase in that case
        ("устойчивого развития", "gent"),
        ("постоянного землепользования", "gent"),
    ],
)
def test_a_phrase_is_in_the_case_its_adjectives_agree_in(phrase, case):
    words = list(subjects.TOKEN.finditer(phrase))
    assert subjects._phrase_case(words, 0, len(words) - 1) == case


def test_who_pays_is_not_what_an_amount_measures():
    # "в 1,5 млрд" after a dative is the verb's ("обойдется бюджету в"), not the noun's
    brief = briefx.extract("Строительство обойдется областному бюджету в 1,5 млрд тенге.")
    assert brief.money and "бюджет" not in (brief.money[0].subject or "")
