"""briefx.frame and Brief.to_frame: one row per fact with the facts table's columns, from Briefs,
batch Results or JSON records; the same frame read back from a run's SQLite and Parquet outputs."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import briefx
from briefx.batch import Failure, run
from briefx.batch.sinks import ParquetSink, SqliteSink
from briefx.batch.table import NAMES
from briefx.dataframe import read

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
SEED = ARTICLES[0]


@pytest.fixture(scope="module")
def seed() -> briefx.Brief:
    return briefx.extract(SEED.read_text(encoding="utf-8"), id=SEED.name)


@pytest.fixture(scope="module")
def results():
    items = [path.read_text(encoding="utf-8") for path in ARTICLES]
    items.insert(2, Failure("bad_json", "invalid JSON", "in.jsonl", 3, "in.jsonl:3"))
    return list(run(items, workers=1))


def test_one_row_per_fact_with_the_table_columns(seed):
    frame = seed.to_frame()
    assert list(frame.columns) == NAMES
    assert len(frame) == len(seed.facts)
    assert frame["kind"].value_counts().to_dict() == {
        kind: len(seed.facts_of(kind)) for kind in seed.kinds() if seed.facts_of(kind)
    }
    for row in frame.itertuples():
        assert seed.text[row.start : row.stop] == row.text
        if row.kind in ("people", "places", "dates", "source"):  # mentions: their sentence is left out
            assert row.sentence_text is None
        else:
            assert row.text in row.sentence_text
    assert set(frame["region"]) == {"область Жетісу"} and set(frame["regions"]) == {"область Жетісу"}
    assert set(frame["doc_id"]) == {SEED.name} and set(frame["published"]) == {pd.Timestamp("2025-08-14")}


def test_fields_have_their_columns_and_types(seed):
    frame = seed.to_frame()
    money = frame[frame["text"] == "178 млрд тенге"].iloc[0]
    assert money["value"] == 178e9 and money["currency"] == "KZT"
    assert money["subject"] == "инвестиции" and money["subject_head"] == "инвестиция"
    assert money["period_first"] == pd.Timestamp("2025-01-01") and money["period_last"] == pd.Timestamp("2025-06-30")
    road = frame[(frame["kind"] == "facilities") & (frame["deadline"].notna())].iloc[0]
    assert (road["type"], road["action"], road["status"]) == ("road", "reconstruction", "planned")
    assert road["deadline"] == pd.Timestamp("2025-12-31") and "Лепсы" in road["name"]
    assert json.loads(road["extra"])["route"][0] == "Алматы"  # a list stays in extra
    instruction = frame[frame["kind"] == "instructions"].iloc[0]
    assert instruction["issuer"] == "Касым-Жомарт Токаев" and instruction["action"]
    place = frame[(frame["kind"] == "places") & (frame["name"] == "Ушарал")].iloc[0]
    assert json.loads(place["extra"])["region"] == "область Жетісу"  # a place's own region, not the document's column
    assert str(frame["value"].dtype) == "float64" and str(frame["published"].dtype) == "datetime64[s]"
    assert str(frame["start"].dtype) == "Int64" and str(frame["cluster"].dtype) == "Int64"
    assert str(frame["points"].dtype) == "boolean"


def test_results_records_and_briefs_give_the_same_frame(results):
    briefs = [r.brief for r in results if r.ok]
    from_results = briefx.frame(results)
    assert len(from_results) == sum(len(b.facts) for b in briefs)  # the failure has no rows
    pd.testing.assert_frame_equal(from_results, briefx.frame(briefs))
    from_records = briefx.frame(r.record() for r in results)  # JSON Lines records: no sentences in them
    pd.testing.assert_frame_equal(from_records.drop(columns="sentence_text"), from_results.drop(columns="sentence_text"))
    assert from_records["sentence_text"].isna().all()
    one = briefx.frame(results[0])
    assert set(one["doc_id"]) == {results[0].id}


def test_new_fields_flow_through_generically():
    record = {
        "id": "x",
        "published": "2025-01-01",
        "facilities": [
            {"text": "3 школы", "start": 0, "stop": 7, "sentence": 0, "type": "school", "count": 3, "status": "planned"}
        ],
        "source": {"text": "BAQ.KZ", "start": 8, "stop": 14, "sentence": 0, "name": "BAQ.KZ", "origin": "пресс-служба"},
        "sown_areas": [
            {"text": "120 тыс. га", "start": 15, "stop": 26, "sentence": 0, "area": "120000", "unit": "ha", "crop": "пшеница"}
        ],
        "regions": [{"name": "Шымкент", "code": "KZ-79"}, {"name": "Туркестанская область"}],
    }
    frame = briefx.frame(record)
    assert list(frame["kind"]) == ["facilities", "source", "sown_areas"]
    facility, source, area = (frame.iloc[i] for i in range(3))
    assert facility["type"] == "school" and facility["status"] == "planned" and json.loads(facility["extra"]) == {"count": 3}
    assert source["name"] == "BAQ.KZ" and json.loads(source["extra"]) == {"origin": "пресс-служба"}
    assert area["unit"] == "ha" and json.loads(area["extra"]) == {"area": "120000", "crop": "пшеница"}
    assert set(frame["regions"]) == {"Шымкент; Туркестанская область"} and set(frame["region"]) == {"Шымкент"}


def test_empty_input_and_wrong_types():
    empty = briefx.frame([])
    assert list(empty.columns) == NAMES and len(empty) == 0
    assert len(briefx.extract("").to_frame()) == 0
    with pytest.raises(TypeError, match="not int"):
        briefx.frame([1])


def test_a_helpful_message_without_pandas(monkeypatch, seed):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'briefx\[frame\]'"):
        seed.to_frame()


# --- a run's outputs --------------------------------------------------------------------------------


def write(sink, results):
    sink.start(False)
    for result in results:
        sink.write(result)
    sink.checkpoint(len(results), results[-1].id, force=True)
    sink.finish()
    sink.close()


def test_sqlite_and_parquet_outputs_read_back_as_the_frame(results, tmp_path):
    expected = briefx.frame(results)
    write(SqliteSink(str(tmp_path / "run.sqlite")), results)
    write(ParquetSink(str(tmp_path / "run.parquet")), results)
    db = sqlite3.connect(tmp_path / "run.sqlite")
    assert [row[1] for row in db.execute("PRAGMA table_info(facts)")] == ["seq", *NAMES]
    for path in (tmp_path / "run.sqlite", tmp_path / "run.parquet"):
        pd.testing.assert_frame_equal(read(path), expected, check_exact=False)
    kinds = read(tmp_path / "run.sqlite", kinds=["money", "instructions"])
    assert set(kinds["kind"]) == {"money", "instructions"}
    pd.testing.assert_frame_equal(
        kinds.reset_index(drop=True), expected[expected["kind"].isin(["money", "instructions"])].reset_index(drop=True)
    )
    assert set(read(tmp_path / "run.parquet", kinds=["money"])["kind"]) == {"money"}


def test_an_older_output_is_completed_from_extra(results, tmp_path):
    """Parquet as briefx wrote it before these columns: their fields were in `extra`, no cluster."""
    old = ["doc_id", "published", "kind", "text", "start", "stop", "sentence", "value", "low", "high", "currency", "unit"]
    old += ["subject", "qualifier", "direction", "points", "period_text", "period_first", "period_last", "extra"]
    write(ParquetSink(str(tmp_path / "new.parquet")), results)
    table = pq.read_table(tmp_path / "new.parquet").to_pandas()
    moved = ["subject_head", "purpose", "type", "name", "action", "status", "deadline", "issuer", "addressee"]
    extras = []
    for row in table.itertuples():
        extra = json.loads(row.extra) if isinstance(row.extra, str) else {}
        extra.update({name: getattr(row, name) for name in moved if pd.notna(getattr(row, name))})
        extras.append(
            json.dumps({k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in extra.items()}, ensure_ascii=False)
        )
    table["extra"] = extras
    pq.write_table(pa.Table.from_pandas(table[old], preserve_index=False), tmp_path / "old.parquet")
    frame = read(tmp_path / "old.parquet")
    expected = briefx.frame(results)
    for name in ["subject_head", "type", "status", "issuer", "deadline", "cluster"]:
        pd.testing.assert_series_equal(frame[name], expected[name], check_names=False)
    assert frame["region"].isna().all()  # the document's regions were in no older table


def test_read_refuses_what_is_not_an_output(tmp_path):
    path = tmp_path / "run.jsonl"
    path.write_text("{}\n")
    with pytest.raises(ValueError, match="neither a SQLite nor a Parquet output"):
        read(path)


def test_a_run_on_sentence_gives_a_window_around_the_fact():
    text = "Слово, " * 400 + "выделено 5 млрд тенге на ремонт дорог, " + "и ещё слово, " * 400 + "конец."
    row = briefx.extract(text).to_frame().iloc[0]
    assert row["kind"] == "money" and row["text"] in row["sentence_text"]
    assert len(row["sentence_text"]) <= 602 and row["sentence_text"].startswith("…") and row["sentence_text"].endswith("…")
