"""The report's sections -> one HTML page that reads offline: the Vega, Vega-Lite and Vega-Embed
JavaScript (vl-convert-python's bundle) inline, the charts' specs inline, links to the per-document pages.

Building the bundle takes vl-convert a few seconds, so it is kept in a cache folder (BRIEFX_CACHE_DIR, else
$XDG_CACHE_HOME/briefx, else ~/.cache/briefx), one file per vl-convert version.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import logging
import os
import re
import sqlite3
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from briefx import __version__
from briefx.batch.sinks import safe_name
from briefx.dataframe import output_format, read
from briefx.lexicon import Lexicon
from briefx.report import sections as s

log = logging.getLogger("briefx")

KINDS = ("money", "percentages", "quantities", "facilities", "instructions")
LOCALE: Final = "ru-RU"  # numbers "1 234,5" and month names as in the articles
SNIPPET = "window.vegaEmbed = vegaEmbed;\n"  # what the bundle exports: the page needs vegaEmbed only
# What the page may do: run its own inline scripts (Vega compiles expressions with Function, hence
# 'unsafe-eval') and styles, show inline images; nothing else, and nothing from anywhere.
CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:"


def render(output: Path, *, out: Path, pages: Path | None = None, title: str | None = None, top: int = 15) -> tuple[str, str]:
    """The page for a run's output, and a one-line summary of what is in it."""
    facts = read(output, kinds=KINDS)
    documents, first, last = _documents(output)
    links = Links(pages, out.parent)
    anchors = s.Anchors()
    labels = {row.fields[0]: row.fields[1].lstrip("=") for row in Lexicon().rows("facilities.tsv", min_fields=2)}
    parts = [
        *s.money_sections(facts, anchors, links, top),
        s.percentage_section(facts, anchors, top),
        s.quantity_section(facts, anchors, top),
        s.facility_section(facts, anchors, links, labels, top),
        s.instruction_section(facts, anchors, links, top),
    ]
    numeric = facts[facts["cluster"].notna()]
    counts = {
        "documents": documents,
        "facts": len(facts),
        "reports": len(numeric),
        "clusters": numeric["cluster"].nunique(),
    }
    page = _page(title or output.name, parts, counts, (first, last), links)
    summary = (
        f"{documents} documents, {len(facts)} facts of {', '.join(KINDS)}; {counts['reports']} numbers in "
        f"{counts['clusters']} clusters; {sum(len(p.charts) for p in parts)} charts"
    )
    return page, summary


class Links:
    """Document id -> a link to its page in the folder of a `-f html` run (found through its index.html),
    or the id as text when there is no such page."""

    def __init__(self, pages: Path | None, here: Path):
        self.hrefs: dict[str, str] = {}
        self.pages = pages
        self.base = Path()
        if pages is not None:
            if not pages.is_dir():
                raise ValueError(f"--pages {pages}: not a folder (give the folder of briefx … -f html -o DIR)")
            self.base = Path(os.path.relpath(pages.resolve(), here.resolve()))  # links work wherever both are moved together
            for doc_id, href in _index(pages / "index.html"):
                self.hrefs[doc_id] = urllib.parse.quote((self.base / href).as_posix())
        self.cache: dict[str, str] = {}

    def __call__(self, docs: Sequence[str]) -> str:
        return " ".join(self.one(doc) for doc in docs)

    def one(self, doc: str) -> str:
        shown = self.cache.get(doc)
        if shown is None:
            href = self.hrefs.get(doc)
            if href is None and self.pages is not None and (self.pages / f"{safe_name(doc)}.html").is_file():
                href = urllib.parse.quote((self.base / f"{safe_name(doc)}.html").as_posix())
            text = html.escape(str(doc))
            shown = f'<a href="{html.escape(href)}">{text}</a>' if href else f"<span>{text}</span>"
            self.cache[doc] = shown
        return shown


# A document's row in the index.html that briefx.html.render_index writes: <a href="PAGE">ID</a>. A pattern
# over our own markup: html.parser spent seconds on the 140,000 tags of a 10^4-document index.
INDEX_LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')


def _index(path: Path) -> list[tuple[str, str]]:
    """(doc id, href) of every document in the index.html of a `-f html` run."""
    if not path.is_file():
        log.warning("%s not found: documents are linked by their file names where those pages exist", path)
        return []
    found = INDEX_LINK.findall(path.read_text(encoding="utf-8"))
    return [(html.unescape(doc_id), html.unescape(href).removeprefix("./")) for href, doc_id in found]


def _documents(output: Path) -> tuple[int, str | None, str | None]:
    """How many documents the run read successfully, and the first and last publication date."""
    if output_format(output) == "sqlite":
        with sqlite3.connect(f"{output.resolve().as_uri()}?mode=ro", uri=True) as db:
            row = db.execute("SELECT COUNT(*), MIN(published), MAX(published) FROM documents WHERE error_code IS NULL").fetchone()
        return int(row[0]), row[1], row[2]
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(output, columns=["doc_id", "published"])  # documents without facts are not in a Parquet output
    first, last = pc.min_max(table["published"]).values()
    return len(pc.unique(table["doc_id"])), _iso(first.as_py()), _iso(last.as_py())


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# --- the page ---------------------------------------------------------------------------------------


def vega_bundle() -> str:
    """vl-convert's bundle of Vega, Vega-Lite and Vega-Embed (window.vegaEmbed), from the cache if there."""
    import vl_convert

    version = importlib.metadata.version("vl-convert-python")
    digest = hashlib.sha256(SNIPPET.encode()).hexdigest()[:8]
    cache = _cache_dir() / f"vega-bundle-{version}-{digest}.js"
    try:
        bundle = cache.read_text(encoding="utf-8")
        if "window.vegaEmbed" in bundle:
            return bundle
    except OSError:
        pass
    bundle = vl_convert.javascript_bundle(SNIPPET)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(bundle, encoding="utf-8")
        os.replace(temporary, cache)
    except OSError as error:  # a read-only home: the next report builds it again
        log.info("cannot keep the Vega bundle in %s: %s", cache.parent, error)
    return bundle


def _cache_dir() -> Path:
    if os.environ.get("BRIEFX_CACHE_DIR"):
        return Path(os.environ["BRIEFX_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefx"


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no "<" can close it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _page(title: str, parts: list[s.Section], counts: dict[str, int], dates: tuple[str | None, str | None], links: Links) -> str:
    import vl_convert

    specs: dict[str, dict[str, Any]] = {}
    body = []
    nav = "".join(f'<li><a href="#{p.id}">{html.escape(p.title)}</a></li>' for p in parts)
    for part in parts:
        charts = []
        for number, spec in enumerate(part.charts):
            chart_id = f"c-{part.id}-{number}"
            specs[chart_id] = spec
            charts.append(f'<div class="bx-chart" id="{chart_id}" role="img" aria-label="{html.escape(part.title)}"></div>')
        groups = "\n".join(
            f'<details class="bx-group" id="{g.anchor}"><summary>{html.escape(g.label)} · {len(g.docs)} '
            f"{'article' if len(g.docs) == 1 else 'articles'}</summary><p>{links(g.docs)}</p></details>"
            for g in part.groups
        )
        behind = f'<div class="bx-groups"><h3>Documents behind the charts</h3>\n{groups}</div>' if groups else ""
        body.append(
            f'<section id="{part.id}"><h2>{html.escape(part.title)}</h2><p class="bx-intro">{html.escape(part.intro)}</p>\n'
            + "\n".join(charts)
            + "\n".join(part.blocks)
            + behind
            + "</section>"
        )
    first, last = dates
    span = f" · published {first} – {last}" if first and last else ""
    meta = (
        f"{counts['documents']} documents{span} · {counts['facts']} facts · {counts['reports']} numbers in "
        f"{counts['clusters']} distinct facts (clusters) · briefx {__version__}"
    )
    locale = {"formatLocale": vl_convert.get_format_locale(LOCALE), "timeFormatLocale": vl_convert.get_time_format_locale(LOCALE)}
    bundle = vega_bundle().replace("</script", "<\\/script")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header><h1>{html.escape(title)}</h1><p class="bx-meta">{html.escape(meta)}</p>
<p class="bx-intro">A number reported in several articles (the same kind, value, unit or currency, subject, region and
overlapping time) is one cluster: totals count it once, and its articles are listed with it.</p>
<nav><ul>{nav}</ul></nav></header>
<main>
{chr(10).join(body)}
</main>
<script type="application/json" id="bx-specs">{_script_json(specs)}</script>
<script type="application/json" id="bx-locale">{_script_json(locale)}</script>
<script type="module">{bundle}</script>
<script type="module">{SCRIPT}</script>
</body>
</html>
"""


# Draws every chart, opens the documents of a clicked mark, and says when it is done (data-charts on
# <body>: "done", or "failed" with the error in the console).
SCRIPT = """
const specs = JSON.parse(document.getElementById('bx-specs').textContent);
const locale = JSON.parse(document.getElementById('bx-locale').textContent);
const options = {actions: false, renderer: 'svg', ...locale};
function openTarget() {
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === 'DETAILS') target.open = true;
}
window.addEventListener('hashchange', openTarget);
openTarget();
let failed = 0;
for (const [id, spec] of Object.entries(specs)) {
  try {
    await window.vegaEmbed('#' + id, spec, options);
    document.getElementById(id).dataset.rendered = 'true';
  } catch (error) {
    failed += 1;
    console.error('chart ' + id + ': ' + error);
  }
}
document.body.dataset.charts = failed ? 'failed' : 'done';
"""

STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; background: #fff; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 1.2rem; }
h1 { font-size: 1.6rem; margin: 1.2rem 0 .2rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .3rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.bx-meta { color: #57606a; margin: 0 0 .4rem; }
.bx-intro { color: #3d444d; margin: .2rem 0 .6rem; }
.bx-note { color: #57606a; font-style: italic; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: .4rem 0 0; }
a { color: #0969da; }
.bx-chart { margin: .8rem 0; overflow-x: auto; }
.bx-scroll { overflow-x: auto; }
.bx-table { border-collapse: collapse; margin: .8rem 0; font-size: 14px; }
.bx-table caption { text-align: left; font-weight: 600; padding: .2rem 0; }
.bx-table th, .bx-table td { border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.bx-table th { background: #f6f8fa; }
.bx-num { white-space: nowrap; font-variant-numeric: tabular-nums; }
mark { background: #fff8c5; padding: 0 .1em; }
details.bx-docs summary, details.bx-group summary { cursor: pointer; color: #0969da; }
.bx-groups details { margin: .15rem 0; }
.bx-groups p, details.bx-docs { margin: .2rem 0 .4rem; word-break: break-word; }
details.bx-group:target { background: #fff8c5; }
@media (max-width: 40rem) { body { font-size: 14px; } .bx-table { font-size: 13px; } }
"""
