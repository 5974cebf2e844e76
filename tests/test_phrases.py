"""Every line of fixtures/phrases/*.txt: the facts of that kind, their spans and their values."""

from __future__ import annotations

import pytest

import briefx
from gold import Case, cases


def spans_of(brief: briefx.Brief, kind: str) -> list[tuple[str, int, dict]]:
    """(text, start, as_dict()) of every fact of one kind.

    `brief.source` is one Source or None, and draws as up to two spans, in text order: the publisher's
    name and the origin's phrase ("передает [BAQ.KZ] со ссылкой на [пресс-службу акимата]"), each
    checked against the fields of the one Source."""
    if kind != "source":  # a Region has no span: (None, None, its fields)
        return [(getattr(f, "text", None), getattr(f, "start", None), f.as_dict()) for f in getattr(brief, kind)]
    source = brief.source
    if source is None:
        return []
    data = source.as_dict()
    spans = [(source.text, source.start, data)]
    if source.name is None:  # no outlet credited: the Source's span is the origin's phrase
        assert (source.origin_start, source.origin_stop) == (source.start, source.stop)
    elif source.origin_start is not None and source.origin_stop is not None:
        spans.append((brief.text[source.origin_start : source.origin_stop], source.origin_start, data))
    return sorted(spans, key=lambda span: span[1])


def check(case: Case, kinds: list[str]) -> None:
    brief = briefx.extract(case.text, published=case.published)
    # text order; a Region has no span
    found = sorted(
        (span for kind in kinds for span in spans_of(brief, kind)), key=lambda span: span[1] if span[1] is not None else -1
    )
    got = [(text, start) for text, start, _ in found]
    want = [(e.text, e.start) for e in case.expected]
    assert got == want, f"{case.file}:{case.line}: {case.text!r}"
    for (text, _, data), expected in zip(found, case.expected, strict=True):
        for key, value in expected.fields.items():
            got_value = list(data[key]) if isinstance(data[key], tuple) else data[key]
            if key == "period" and isinstance(got_value, dict):
                got_value = got_value["text"]  # a number's period is named by its text: period="2024 году"
            assert got_value == value, f"{case.file}:{case.line}: {text!r} {key}"


# Each table and the fact kinds its brackets stand for.
TABLES = {
    "money": ["money"],
    "percentages": ["percentages"],
    "quantities": ["quantities"],
    "no_numeric_facts": ["money", "percentages", "quantities"],  # years, dates, identifiers: none at all
    "dates": ["dates"],
    "periods": ["money", "percentages", "quantities"],  # the date that governs each number
    "facilities": ["facilities"],
    "instructions": ["instructions"],
    "priorities": ["priorities"],
    "people": ["people"],
    "places": ["places"],
    "sources": ["source"],  # one Source per text, or none: its publisher and its origin
    "regions": ["regions"],  # facts about the whole text: "[| name=…]" at the end of the line
}


@pytest.mark.parametrize("case", [param for table in TABLES for param in cases(table)])
def test_phrase_table(case: Case) -> None:
    check(case, TABLES[case.file.removesuffix(".txt")])


def test_every_table_is_run():
    from gold import PHRASES

    assert sorted(path.stem for path in PHRASES.glob("*.txt")) == sorted(TABLES)
