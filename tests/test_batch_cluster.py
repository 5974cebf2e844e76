"""A Dask cluster (distributed.LocalCluster, two worker processes) gives the local run record for record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from briefx.batch import batch  # noqa: E402
from briefx.batch.cluster import partitions  # noqa: E402
from briefx.batch.sources import ReadOptions  # noqa: E402
from briefx.cli import main  # noqa: E402

pytestmark = pytest.mark.slow  # a LocalCluster of two processes starts in a second or two


def news(i: int) -> str:
    return f"Аким области {i} сообщил: на строительство школ выделено {i + 2} млрд тенге, рост на {i % 20},5%."


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as local:
        yield local


@pytest.fixture
def archive(tmp_path):
    lines = [json.dumps({"id": f"j{i}", "text": news(i), "published": "2025-05-01"}, ensure_ascii=False) for i in range(30)]
    lines[12] = '{"id": "broken", "text": '
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b0", "text": news(99)}) + "\n", encoding="utf-8")
    folder = tmp_path / "txt"
    (folder / "deep").mkdir(parents=True)
    for i in range(5):
        (folder / ("deep" if i % 2 else "") / f"{i}.txt").write_text(f"date 2025-0{i + 1}-10 {news(i)}", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return [str(tmp_path / "a.jsonl"), str(folder), str(tmp_path / "b.jsonl")]


def records(results):
    return [json.dumps(r.record(meta=True), ensure_ascii=False) for r in results]


def test_partitions_keep_files_whole_and_in_order(archive):
    groups = partitions(archive, ReadOptions())
    assert [[entry.id for entry in group] for group in groups] == [
        ["a.jsonl"],
        ["0.txt", "2.txt", "4.txt", "deep/1.txt", "deep/3.txt", "empty.txt"],
        ["b.jsonl"],
    ]


def test_the_cluster_gives_the_local_results_record_for_record(cluster, archive):
    local = list(batch(archive, workers=1))
    with distributed.Client(cluster) as client:
        remote = list(batch(archive, scheduler=client))
    assert records(remote) == records(local)
    assert [r.seq for r in remote] == list(range(len(local))) and len(local) == 37
    assert [r.error.code for r in remote if not r.ok] == ["bad_json", "empty"]


def test_the_cli_on_a_scheduler_address_writes_the_same_bytes(cluster, archive, tmp_path):
    here, there = tmp_path / "here.jsonl", tmp_path / "there.jsonl"
    assert main([*archive, "-o", str(here), "-j", "1", "-q"]) == 1
    assert main([*archive, "-o", str(there), "--scheduler", cluster.scheduler_address, "-q"]) == 1
    assert there.read_bytes() == here.read_bytes()
    # Resuming on the cluster: cut the output, and it completes it again.
    lines = there.read_bytes().splitlines(keepends=True)
    there.write_bytes(b"".join(lines[:20]) + lines[20][:15])
    assert main([*archive, "-o", str(there), "--scheduler", cluster.scheduler_address, "--resume", "-q"]) == 1
    assert there.read_bytes() == here.read_bytes()


def test_a_configured_pipeline_reaches_the_cluster_workers(cluster, tmp_path):
    from briefx.pipeline import Pipeline

    user_data = Path(__file__).resolve().parents[1] / "fixtures" / "user_data"
    source = tmp_path / "georgia.jsonl"
    source.write_text(json.dumps({"id": "g", "text": "Грузия выделила 5 млн лари на ремонт."}, ensure_ascii=False) + "\n")
    pipeline = Pipeline(data=user_data)
    [result] = batch([str(source)], scheduler=cluster.scheduler_address, pipeline=pipeline)
    assert [(m.text, m.currency) for m in result.brief.money] == [("5 млн лари", "GEL")]
    [default] = batch([str(source)], scheduler=cluster.scheduler_address)
    assert default.brief.money == ()
