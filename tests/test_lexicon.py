"""Word lists expand into their inflected forms: the same forms pymorphy3 itself would choose."""

from __future__ import annotations

import platform
import sys
from importlib import resources

import pytest
import regex

from briefx import lexicon
from briefx.morph import CASES, NUMBERS, _dictionary_form, inflect, phrase_forms

GRAMMEMES = [{case, number} for case in (*CASES, "gen2", "loc2") for number in NUMBERS]
GRAMMEMES += [{case, "sing", gender} for case in CASES for gender in ("masc", "femn", "neut")]


def _words_of_phrases() -> list[str]:
    """Every word of every multi-word entry in data/: the words phrase_forms inflects one by one."""
    words = set()
    for path in resources.files("briefx").joinpath("data").iterdir():
        if not path.name.endswith(".tsv"):
            continue
        for row in lexicon.DataFiles().rows(path.name):
            words.update(w for entry in row.fields[1:] if " " in entry and not entry.startswith("=") for w in entry.split(" "))
    return sorted(words)


def test_inflect_chooses_what_pymorphy3_chooses_for_every_word_of_the_word_lists():
    words = [(w, p) for w in _words_of_phrases() if (p := _dictionary_form(w)) is not None]
    assert len(words) > 100
    for word, parse in words:
        for grammemes in GRAMMEMES:
            ours, theirs = inflect(parse, grammemes), parse.inflect(grammemes)
            assert (ours and ours.word) == (theirs and theirs.word), (word, grammemes)


@pytest.mark.parametrize(
    ("phrase", "present", "absent"),
    [
        ("американский доллар", {"американских долларов", "американскому доллару", "американских доллара"}, set()),
        ("фунт стерлингов", {"фунтов стерлингов", "фунта стерлингов"}, {"фунтов стерлинга"}),
        ("взлетно-посадочная полоса", {"взлетно-посадочной полосы", "взлетно-посадочных полос"}, set()),
    ],
)
def test_phrase_forms_inflect_agreeing_words_together(phrase, present, absent):
    forms = phrase_forms(phrase)
    assert present <= forms and not absent & forms


@pytest.mark.skipif(
    platform.python_implementation() != "CPython" or (platform.machine() not in ("x86_64", "AMD64") and sys.platform != "darwin"),
    reason="PyPI has no DAWG2 wheel for this platform, so pyproject does not ask for it",
)
def test_pymorphy3_uses_its_compiled_dictionary_lookup_where_pyproject_installs_it():
    import pymorphy3.dawg

    assert pymorphy3.dawg.EXTENSION_AVAILABLE  # twice as fast per word parse as the pure-Python lookup


@pytest.mark.parametrize("after_hyphen", [True, False])
def test_word_start_finds_exactly_what_the_lookbehind_finds_from_any_position(after_hyphen):
    forms = ["район", "района", "взлетно-посадочной", "посадочной", "1-го", "го"]
    body = rf"(?:{lexicon.alternation(forms)})(?!\w)"
    fast = regex.compile(lexicon.word_start(forms, after_hyphen=after_hyphen) + body, regex.IGNORECASE)
    slow = regex.compile((r"(?<!\w)" if after_hyphen else r"(?<![\w-])") + body, regex.IGNORECASE)
    assert fast.pattern.startswith(r"\b")
    text = "В районе подрайона, взлетно-посадочной полосы; 1-го и 21-го; Алмалинскому РАЙОНУ, х-района"
    for pos in range(len(text)):
        found = [m.span() for m in fast.finditer(text, pos)]
        assert found == [m.span() for m in slow.finditer(text, pos)], pos
        assert [m.span() for m in fast.finditer(text, 0, pos)] == [m.span() for m in slow.finditer(text, 0, pos)]


def test_word_start_keeps_the_lookbehind_for_forms_that_begin_with_a_sign():
    assert lexicon.word_start(["$", "доллар"]) == r"(?<!\w)"
    assert lexicon.word_start(["«ведомости»"], after_hyphen=False) == r"(?<![\w-])"


def _lemma_cues(*rows: str) -> lexicon.LemmaCues:
    return lexicon.LemmaCues(lexicon._parse("test.tsv", "\n".join(rows), 2))


def test_lemma_cues_find_every_form_of_a_phrase_and_the_longest_phrase_first():
    cues = _lemma_cues("house\tдом", "nursing_home\tдом престарелых", "reservoir\tводохранилище", "chp\t=ТЭЦ")
    text = "Дома престарелых, домов, водохранилищами, ТЭЦ-2 и домохозяйства"
    assert [(text[f.start : f.stop], f.key) for f in cues.finditer(text)] == [
        ("Дома престарелых", "nursing_home"),
        ("домов", "house"),
        ("водохранилищами", "reservoir"),
        ("ТЭЦ", "chp"),
    ]


def test_lemma_cues_check_the_lemma_not_only_the_stem():
    cues = _lemma_cues("palace\tдворец", "parking\tпарковка")
    assert [f.key for f in cues.finditer("дворами и двором, дворцами, парка")] == ["palace"]
    assert cues.key_of("дворцами") == "palace" and cues.key_of("дворами") is None


def test_lemma_cues_take_a_literal_word_inside_a_phrase():
    cues = _lemma_cues("light_rail\tлиния =ЛРТ")
    assert [(f.start, f.stop) for f in cues.finditer("первой линии ЛРТ Алматы")] == [(7, 16)]


def test_lemma_cues_refuse_one_phrase_with_two_keys():
    with pytest.raises(lexicon.LexiconError, match="test.tsv:2"):
        _lemma_cues("house\tдом", "building\tдома")


def test_stem_alternation_matches_any_ending_of_every_stem():
    pattern = regex.compile(lexicon.stem_alternation([("жил*", "дом*"), ("дом*",), ("тэц",)]) + r"(?!\w)")
    assert [m.group() for m in pattern.finditer("жилых домов, доме")] == ["жилых домов", "доме"]
