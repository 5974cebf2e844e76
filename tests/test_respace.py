"""briefx.respace: glued pieces are cut where they stand, whether found one by one with str.find (a
few different glued pieces, the common case) or by a scan of every token (many, or a long one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefx import respace
from briefx.pipeline import NUMBERS, Pipeline

RESPACER = Pipeline(kinds=NUMBERS).respacer
PHRASES = Path(__file__).resolve().parents[1] / "fixtures" / "phrases"
MANY_GLUED = " ".join(f"словоСлово{n}" for n in range(respace.FIND_LIMIT + 5))

TEXTS = [
    "передаетTengrinews.kzсо ссылкой на акимат",
    # a glued piece inside a longer piece is not cut there: its own piece is cut where its glue is
    "12апреляЕвро и апреляЕвро, ..апреляЕвро.- апреляЕвро",
    "x.апреляЕвро апреляЕвроx апреляЕвро\u00a0апреляЕвро\n",
    "тенгезаа xтенгеза 5 тенгеза",  # "тенге|за", but not inside a longer piece that has no cut
    "составляет448 тенгекомпенсации",
    "A𗀀 ааааааа𗀀",  # a letter with no Unicode name (pymorphy3 asks for the names of letters)
    "",
    MANY_GLUED,  # more glued pieces than are looked up with str.find
    "передаетTengrinews.kz " + "а" * (respace.FIND_REACH + 1),  # a piece too long to remember
    "передаетTengrinews.kz " + "аБ" * respace.FIND_REACH,  # a long glued piece
]


def phrase_lines() -> list[str]:
    lines = []
    for path in sorted(PHRASES.glob("*.txt")):
        lines += [
            line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
        ]
    return lines


def cuts_both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[respace.Respaced, respace.Respaced]:
    by_find = RESPACER(text)
    with monkeypatch.context() as patch:
        patch.setattr(respace, "FIND_LIMIT", -1)
        return by_find, RESPACER(text)


@pytest.mark.parametrize("text", TEXTS)
def test_find_and_scan_give_the_same_cuts(text, monkeypatch):
    by_find, by_scan = cuts_both_ways(text, monkeypatch)
    assert by_find == by_scan
    assert by_find.text.replace(" ", "") == text.replace(" ", "")


def test_find_and_scan_agree_on_every_phrase_fixture(monkeypatch):
    differ = [text for text in phrase_lines() if len(set(cuts_both_ways(text, monkeypatch))) != 1]
    assert not differ


def test_a_glued_piece_is_cut_only_where_it_stands_whole():
    assert RESPACER("12апреляЕвро и апреляЕвро").text == "12 апреля Евро и апреля Евро"
    assert RESPACER("тенгезаа xтенгеза 5 тенгеза").text == "тенгезаа xтенгеза 5 тенге за"
    assert RESPACER("апреляЕвро\u00a0апреляЕвро").text == "апреля Евро\u00a0апреля Евро"


def test_many_glued_pieces_are_all_cut():
    assert RESPACER(MANY_GLUED).text.count("слово Слово") == respace.FIND_LIMIT + 5
