"""The same fact in several articles: the cluster key (kind, value, unit or currency, subject head,
region, overlapping time), table by table, then end to end through briefx.frame."""

from __future__ import annotations

import datetime as dt

import pytest

import briefx
from briefx.clusters import assign


def money(doc, value="178000000000", currency="KZT", head="инвестиция", region="область Жетісу", first=None, last=None, **more):
    row = dict(kind="money", doc_id=doc, value=value, currency=currency, subject_head=head, region=region)
    row.update(period_first=first, period_last=last, published=more.pop("published", "2025-08-14"), **more)
    return row


def pct(value="5", **fields):
    return dict(kind="percentages", value=value, subject_head="цена", points=0, published="2025-01-01") | fields


def qty(value="540000", unit="t", head="свекла", **fields):
    return dict(kind="quantities", value=value, unit=unit, subject_head=head, published="2025-01-01") | fields


def same(rows) -> bool:
    ids = assign(rows)
    return None not in ids and len(set(ids)) == 1


H1 = dict(first="2025-01-01", last="2025-06-30")  # І полугодие 2025 года
Y24, Y25 = dict(first="2024-01-01", last="2024-12-31"), dict(first="2025-01-01", last="2025-12-31")

# (why, rows, same cluster?)
CASES = [
    ("the same amount, subject, region and period", [money("a", **H1), money("b", **H1)], True),
    ("overlapping periods: the half year inside the year", [money("a", **H1), money("b", **Y25)], True),
    ("periods that do not overlap", [money("a", **Y24), money("b", **Y25)], False),
    ("another currency", [money("a"), money("b", currency="USD")], False),
    ("another value", [money("a"), money("b", value="179000000000")], False),
    (
        "the value as JSON, SQLite and Parquet give it",
        [money("a", value="29.5"), money("b", value=29.5), money("c", value="29.50")],
        True,
    ),
    ("another subject head", [money("a"), money("b", head="бюджет")], False),
    ("no subject head in both", [money("a", head=None), money("b", head=None)], True),
    ("a subject head and none", [money("a"), money("b", head=None)], False),
    ("another region", [money("a"), money("b", region="Шымкент")], False),
    ("no region in both: national news", [money("a", region=None), money("b", region=None)], True),
    ("a region and none", [money("a"), money("b", region=None)], False),
    ("no period: the year of publication", [money("a", published="2025-03-01"), money("b", published="2025-11-30")], True),
    ("no period, published in other years", [money("a", published="2024-12-30"), money("b", published="2025-01-02")], False),
    ("no period and no date: no time, stays alone", [money("a", published=None), money("b", published=None)], False),
    ("no period vs a period in the year of publication", [money("a", published="2025-08-14"), money("b", **H1)], True),
    ("an open bound is its one day", [money("a", last="2025-12-31"), money("b", first="2025-12-31", last="2026-12-31")], True),
    ("a range: the same ends", [money("a", value=None, low="5", high="7"), money("b", value=None, low=5.0, high=7.0)], True),
    ("a range: other ends", [money("a", value=None, low="5", high="7"), money("b", value=None, low="5", high="8")], False),
    ("percentages: another direction", [pct(direction="up"), pct(direction="down")], False),
    ("percentages: per cent vs points", [pct(points=0), pct(points=True)], False),
    ("percentages: points as SQLite (1) and Parquet (True) give them", [pct(points=1), pct(points=True)], True),
    ("quantities: another unit", [qty(unit="t"), qty(unit="kg")], False),
    (
        "quantities: a count and the same count",
        [qty("128", None, "проект"), qty(128.0, None, "проект", published=dt.date(2025, 5, 1))],
        True,
    ),
    ("another kind", [money("a", value="5", currency=None), qty("5", None, "инвестиция", region="область Жетісу")], False),
]


@pytest.mark.parametrize(("why", "rows", "expected"), CASES, ids=[case[0] for case in CASES])
def test_cluster_key(why, rows, expected):
    assert same(rows) is expected, why


def test_overlap_is_transitive_and_ids_follow_first_appearance():
    rows = [
        money("z", first="2025-11-01", last="2025-11-30"),  # alone: after the chain ends
        money("a", first="2025-01-01", last="2025-03-31"),
        money("b", first="2025-03-01", last="2025-06-30"),  # overlaps a and c, which do not overlap each other
        money("c", first="2025-06-01", last="2025-09-30"),
        dict(kind="places", name="Ушарал"),  # no cluster for kinds without a value
    ]
    assert assign(rows) == [1, 2, 2, 2, None]
    assert assign(rows) == assign([dict(row) for row in rows])  # the same rows, the same ids


ARTICLE = "В І полугодии 2025 года в области Жетісу привлечено 178 млрд тенге инвестиций. Аким Ушарала провел встречу."


def test_the_same_report_in_two_articles_is_one_cluster_in_the_frame():
    briefs = [
        briefx.extract(ARTICLE, id="first", published=dt.date(2025, 8, 14)),
        briefx.extract("Напомним: " + ARTICLE, id="second", published=dt.date(2025, 8, 20)),
        briefx.extract(ARTICLE.replace("178", "179"), id="third", published=dt.date(2025, 8, 21)),
    ]
    frame = briefx.frame(briefs)
    money = frame[frame["kind"] == "money"]
    assert list(money["doc_id"]) == ["first", "second", "third"]
    assert list(money["region"]) == ["область Жетісу"] * 3
    assert list(money["cluster"]) == [1, 1, 2]
    assert frame[frame["kind"] != "money"]["cluster"].isna().all()
    assert money.groupby("cluster")["doc_id"].nunique().to_dict() == {1: 2, 2: 1}
