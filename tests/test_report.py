"""`briefx report`: a run's SQLite or Parquet output -> one page of charts that reads offline; every mark
links to the documents behind it, a number repeated across articles counts once; then in Chromium
(the charts render, nothing is logged as an error, no request leaves the page)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from briefx import cli
from briefx.report import page as report_page
from cdp import Browser
from test_html import ARTIFACTS, CHROMIUM_FLAGS, chromium  # noqa: F401 - the fixture, shared

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))


def run(*argv: str) -> int:
    return cli.main([*argv, "-q", "--workers", "1"]) if argv[0] != "report" else cli.main(list(argv))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The fixture articles, each twice under another id (a copy published a day later is the same news)."""
    folder = tmp_path_factory.mktemp("archive")
    path = folder / "news.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for copy in ("", "-copy"):
            for article in ARTICLES:
                out.write(
                    json.dumps({"id": article.stem + copy, "text": article.read_text(encoding="utf-8")}, ensure_ascii=False)
                    + "\n"
                )
    return path


@pytest.fixture(scope="module")
def outputs(archive) -> Path:
    folder = archive.parent
    assert run(str(archive), "-o", str(folder / "run.sqlite")) == 0
    assert run(str(archive), "-o", str(folder / "run.parquet")) == 0
    assert run(str(ARTICLES[0].parent), "-o", str(folder / "once.sqlite")) == 0  # each article once
    assert run(str(archive), "-f", "html", "-o", str(folder / "pages") + "/") == 0
    return folder


@pytest.fixture(scope="module")
def report(outputs) -> Path:
    out = outputs / "site" / "report.html"
    out.parent.mkdir()
    assert run("report", str(outputs / "run.sqlite"), "-o", str(out), "--pages", str(outputs / "pages"), "-q") == 0
    return out


class Links(HTMLParser):
    """Element ids, link targets and the chart specs of a page."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def specs_of(markup: str) -> dict:
    found = re.search(r'<script type="application/json" id="bx-specs">(.*?)</script>', markup, re.S)
    assert found
    return json.loads(found[1])


def marks(spec: dict) -> list[dict]:
    """The inline data rows of a chart (of each layer)."""
    rows = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        rows += layer.get("data", {}).get("values", [])
    return rows


def test_every_section_has_its_chart(report):
    markup = report.read_text(encoding="utf-8")
    specs = specs_of(markup)
    for section in ("money-region", "money-subject", "percentages", "quantities", "facilities", "instructions"):
        assert any(key.startswith(f"c-{section}-") for key in specs), section
    assert "The largest amounts" in markup and "Стоимость проекта оценивается в <mark>$1,5 млрд</mark>." in markup
    assert all(spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/") for spec in specs.values())


def test_every_mark_links_to_the_documents_behind_it(report, outputs):
    markup = report.read_text(encoding="utf-8")
    page = Links(markup)
    for chart_id, spec in specs_of(markup).items():
        rows = [row for row in marks(spec) if "href" in row]
        assert rows, chart_id
        for row in rows:
            assert row["href"].startswith("#") and row["href"][1:] in page.ids, (chart_id, row)
    documents = [href for href in page.hrefs if not href.startswith("#")]
    assert documents
    for href in documents:  # relative to the report, into the pages folder of the same run
        assert (report.parent / unquote(href)).resolve().is_file(), href
    every = {f"{a.stem}{copy}" for a in ARTICLES for copy in ("", "-copy")}
    assert {Path(unquote(href)).name.removesuffix(".html") for href in documents} <= every


def test_a_repeated_number_counts_once(outputs, tmp_path):
    twice, once = (tmp_path / "twice.html", tmp_path / "once.html")
    assert run("report", str(outputs / "run.sqlite"), "-o", str(twice), "-q") == 0
    assert run("report", str(outputs / "once.sqlite"), "-o", str(once), "-q") == 0
    twice_specs, once_specs = specs_of(twice.read_text(encoding="utf-8")), specs_of(once.read_text(encoding="utf-8"))
    totals = {key: sorted(row["shown"] for row in marks(spec)) for key, spec in once_specs.items() if key.startswith("c-money-")}
    assert totals and totals == {key: sorted(row["shown"] for row in marks(twice_specs[key])) for key in totals}
    for key, spec in twice_specs.items():
        if key.startswith("c-money-"):
            for twin, single in zip(marks(spec), marks(once_specs[key]), strict=True):
                assert twin["articles"] == 2 * single["articles"]
    assert "2 articles" in twice.read_text(encoding="utf-8")
    # without --pages documents are listed by their ids, not linked
    assert "<span>budget-copy</span>" in twice.read_text(encoding="utf-8")


def test_parquet_gives_the_same_charts(outputs, tmp_path):
    from_parquet = tmp_path / "parquet.html"
    assert run("report", str(outputs / "run.parquet"), "-o", str(from_parquet), "-q") == 0
    assert run("report", str(outputs / "run.sqlite"), "-o", str(tmp_path / "sqlite.html"), "-q") == 0
    parquet, sqlite = (specs_of(p.read_text(encoding="utf-8")) for p in (from_parquet, tmp_path / "sqlite.html"))
    assert parquet == sqlite


def test_the_page_fetches_nothing(report):
    markup = report.read_text(encoding="utf-8")
    assert "default-src 'none'" in markup and "connect-src" not in markup  # so no fetch, no XHR either
    outside_scripts = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", markup, flags=re.S)
    assert not re.search(r"<(?:script|link|img|iframe)[^>]*\s(?:src|href)=", outside_scripts, re.I)
    assert "@import" not in outside_scripts and "url(" not in outside_scripts


def test_an_empty_run_gives_a_page(tmp_path):
    (tmp_path / "empty.txt").write_text("Ничего не случилось.", encoding="utf-8")
    assert run(str(tmp_path / "empty.txt"), "-o", str(tmp_path / "run.sqlite")) == 0
    assert run("report", str(tmp_path / "run.sqlite"), "-o", str(tmp_path / "r.html"), "-q") == 0
    markup = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No money in this run." in markup and "No instructions in this run." in markup and specs_of(markup) == {}


def test_usage_errors(tmp_path, capsys, monkeypatch):
    (tmp_path / "x.jsonl").write_text("{}\n")
    assert run("report", str(tmp_path / "x.jsonl"), "-o", str(tmp_path / "r.html")) == 2
    assert "neither a SQLite nor a Parquet output" in capsys.readouterr().err
    assert run("report", str(tmp_path / "missing.sqlite"), "-o", str(tmp_path / "r.html")) == 2
    with pytest.raises(SystemExit):
        run("report", str(tmp_path / "x.jsonl"))  # -o is required
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "altair" else real(name, *a))
    assert run("report", str(tmp_path / "x.jsonl"), "-o", str(tmp_path / "r.html")) == 2
    assert "pip install 'briefx[report]'" in capsys.readouterr().err


def test_the_bundle_is_built_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFX_CACHE_DIR", str(tmp_path))
    calls = []
    import vl_convert

    monkeypatch.setattr(vl_convert, "javascript_bundle", lambda snippet: calls.append(snippet) or f"{snippet}/* bundle */")
    assert report_page.vega_bundle() == report_page.vega_bundle() == f"{report_page.SNIPPET}/* bundle */"
    assert len(calls) == 1 and len(list(tmp_path.glob("vega-bundle-*.js"))) == 1


# --- in a real browser ----------------------------------------------------------------------------


def test_browser_draws_every_chart_and_fetches_nothing(chromium, report, tmp_path):  # noqa: F811
    with Browser(chromium, CHROMIUM_FLAGS, tmp_path / "profile") as browser:
        browser.open(report.as_uri())
        assert browser.wait_for("document.body && document.body.dataset.charts") == "done"
        charts = browser.evaluate("document.querySelectorAll('.bx-chart').length")
        drawn = browser.evaluate(
            "[...document.querySelectorAll('.bx-chart')].filter(c => c.dataset.rendered && "
            "c.querySelectorAll('svg .mark-rect path, svg .mark-symbol path, svg .mark-rule line').length > 0).length"
        )
        assert charts == len(specs_of(report.read_text(encoding="utf-8"))) and drawn == charts
        # a click on a bar goes to the list of its articles and opens it
        label = browser.evaluate(
            "(() => { const bar = document.querySelector('.bx-chart .mark-rect path');"
            " bar.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}));"
            " return bar.getAttribute('aria-label'); })()"
        )
        anchor = re.search(r"href: (#g\d+)", label)[1]
        assert browser.wait_for(f"location.hash === '{anchor}' && document.getElementById('{anchor[1:]}').open")
        ARTIFACTS.mkdir(exist_ok=True)
        browser.screenshot(ARTIFACTS / "report.png", height=2400)
        assert browser.problems() == []
        assert browser.requests() == [report.as_uri()]
    shot = (ARTIFACTS / "report.png").read_bytes()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 50_000


def test_browser_blocks_what_the_data_would_inject(chromium, tmp_path):  # noqa: F811
    """An id and a subject holding markup stay text, in the tables and the charts."""
    hostile = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
    archive = tmp_path / "a.jsonl"
    text = (
        f"date 2025-05-01 Выделено 5 млрд тенге на {hostile} в Шымкенте. Аким Шымкента поручил акимату {hostile} построить школу."
    )
    archive.write_text(json.dumps({"id": f"</script>{hostile}", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(str(archive), "-o", str(tmp_path / "run.sqlite")) == 0
    assert run("report", str(tmp_path / "run.sqlite"), "-o", str(tmp_path / "r.html"), "-q") == 0
    with Browser(chromium, CHROMIUM_FLAGS, tmp_path / "profile") as browser:
        browser.open((tmp_path / "r.html").as_uri())
        assert browser.wait_for("document.body && document.body.dataset.charts") == "done"
        assert browser.evaluate("document.body.getAttribute('data-pwned')") is None
        assert browser.evaluate("document.querySelectorAll('main img').length") == 0
        assert browser.problems() == []


def test_the_pages_index_is_read_back_whatever_the_ids(tmp_path):
    from briefx.html import render_index

    ids = ['a&b "c" <d>.txt', "news/2025/x y.txt", "a:b"]
    entries = [(doc_id, f"page-{n}.html", {"money": 1}) for n, doc_id in enumerate(ids)]
    (tmp_path / "index.html").write_text(render_index(entries), encoding="utf-8")
    assert report_page._index(tmp_path / "index.html") == [(doc_id, f"page-{n}.html") for n, doc_id in enumerate(ids)]
