"""Brief -> one self-contained HTML page: the article with every fact marked by kind, then a table of facts.

No scripts, fonts or links to anything outside the page; every piece of text is escaped.
"""

from __future__ import annotations

import heapq
import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from briefx.model import Brief, Fact

__all__ = ["render_index", "render_page"]


class KindStyle(NamedTuple):
    label: str  # shown on the mark and in the legend
    colour: str  # mark background


# In the order of the legend and of the index columns. A kind missing here still renders, in NEUTRAL.
KINDS: dict[str, KindStyle] = {
    "money": KindStyle("MONEY", "#b7e4a1"),
    "percentages": KindStyle("PERCENT", "#ffe38a"),
    "quantities": KindStyle("QUANTITY", "#a9d6f5"),
    "dates": KindStyle("DATE", "#bfe1d9"),
    "facilities": KindStyle("FACILITY", "#f6b8c8"),
    "instructions": KindStyle("INSTRUCTION", "#ecd5f5"),
    "priorities": KindStyle("PRIORITY", "#f3e3c3"),
    "people": KindStyle("PERSON", "#b9c4ff"),
    "organizations": KindStyle("ORG", "#8ee8e8"),
    "places": KindStyle("PLACE", "#ffbf8f"),
    "source": KindStyle("SOURCE", "#c8d0d8"),
    "events": KindStyle("EVENT", "#e4e7d2"),
}
NEUTRAL = "#dddddd"

DASH = "\u2013"  # en dash between the ends of a range
GROUP = "\u202f"  # narrow no-break space between digit groups: "178 000 000 000"
DIRECTIONS = {"up": "\u2191", "down": "\u2193"}
OFFSET_KEYS = {"text", "start", "stop", "sentence", "fact_kind", "origin_start", "origin_stop"}  # a source's origin too
NO_BREAK_UPTO = 12  # characters of any value kept on one line ("↑ 29,5 %")
SHORT = 28  # characters of a value without spaces kept on one line
LABEL_MAX = 80  # characters of a value shown on a mark; the full value is in its title and the table

# Table columns after kind and text: (heading, keys of as_dict() tried in order).
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("unit / currency", ("currency", "unit")),
    ("subject", ("subject",)),
    ("period", ("period",)),
    ("status", ("status",)),
]
COLUMN_KEYS = {key for _, keys in COLUMNS for key in keys}


def kind_of(fact: Fact) -> str:
    """ "money", "dates", "facilities" …: the fact's key in Brief.as_dict()."""
    return str(getattr(fact, "fact_kind", None) or "facts")


def style_of(kind: str) -> KindStyle:
    return KINDS.get(kind, KindStyle(kind, NEUTRAL))


# --- values ---------------------------------------------------------------------------------------


def format_number(raw: Any) -> str:
    """ "178000000000" -> "178 000 000 000", "29.5" -> "29,5"; anything else as written."""
    try:
        number = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return str(raw)
    if not number.is_finite():
        return str(raw)
    whole, _, fraction = format(abs(number), "f").partition(".")
    grouped = re.sub(r"(?<=\d)(?=(\d{3})+$)", GROUP, whole) if len(whole) > 4 else whole
    return ("-" if number < 0 else "") + grouped + ("," + fraction if fraction else "")


def format_amount(data: Mapping[str, Any], key: str) -> str:
    """The value, or "low–high" for a range, after any qualifier ("около 5")."""
    if data.get(key) is not None:
        number = format_number(data[key])
    elif data.get("low") is not None or data.get("high") is not None:
        low, high = data.get("low"), data.get("high")
        number = DASH.join(format_number(x) if x is not None else "…" for x in (low, high))
    else:
        number = "?"
    qualifier = data.get("qualifier")
    return f"{qualifier} {number}" if qualifier else number


def format_period(value: Any) -> str:
    """A date fact or its summary -> "2025-01-01–2025-06-30", "…–2025-12-31" for "until", one date if
    first == last; what it says in the text if neither end is known."""
    data = value.as_dict() if hasattr(value, "as_dict") else value
    if not isinstance(data, Mapping):
        return format_plain(data)
    first, last = data.get("first"), data.get("last")
    if first is None and last is None:
        return str(data.get("text") or "?")
    if first == last:
        return str(first)
    return DASH.join(str(x) if x is not None else "…" for x in (first, last))


def format_plain(value: Any) -> str:
    if hasattr(value, "as_dict"):  # a fact inside a fact, e.g. the period of an amount
        return format_period(value) if kind_of(value) == "dates" else format_plain(value.as_dict())
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {format_plain(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, list | tuple):
        return ", ".join(format_plain(v) for v in value)
    return str(value)


def compact(data: Mapping[str, Any], skip: Iterable[str] = (), shown: str | None = None) -> str:
    """ "key: value · key: value" of the fields that say something: offsets, empty fields and, given the
    `shown` text of a mark, values that text already shows ("Касым-Жомарт Токаев") are left out."""
    left_out = OFFSET_KEYS | set(skip)

    def says_something(value: Any) -> bool:
        if value in (None, False, "", [], {}):
            return False
        if shown is None:
            return True
        if isinstance(value, str):
            return value not in shown
        return not (isinstance(value, list) and all(isinstance(v, str) and v in shown for v in value))

    return " · ".join(
        f"{key}: {format_plain(value)}" for key, value in data.items() if key not in left_out and says_something(value)
    )


def describe(fact: Fact) -> str:
    """The normalized value shown on a mark, with what it is the value of: "178 000 000 000 KZT ·
    инвестиции", "↑ 29,5 % · инвестиции", "540 000 t свекла"; an instruction's issuer, a person's role."""
    kind, data = kind_of(fact), fact.as_dict()
    subject = f" · {data['subject']}" if data.get("subject") else ""
    if kind == "money":
        return f"{format_amount(data, 'amount')} {data.get('currency') or ''}".strip() + subject
    if kind == "percentages":
        return " ".join(filter(None, [DIRECTIONS.get(data.get("direction") or ""), percent(data)])) + subject
    if kind == "quantities":
        return " ".join(filter(None, [format_amount(data, "value"), data.get("unit"), data.get("subject")]))
    if kind == "dates" and (data.get("first") or data.get("last")):
        return format_period(data)
    if kind == "facilities":
        return facility(data, name=str(data.get("name") or "") not in fact.text)
    return compact(data, shown=fact.text)


def table_value(fact: Fact) -> str:
    """The value column: what `describe` shows, less what has a column of its own."""
    kind, data = kind_of(fact), fact.as_dict()
    if kind == "money":
        return format_amount(data, "amount")
    if kind == "quantities":
        return format_amount(data, "value")
    if kind == "facilities":
        return facility(data, status=False)
    if kind in ("percentages", "dates"):
        return describe(fact)
    return compact(data, skip=COLUMN_KEYS)


def percent(data: Mapping[str, Any]) -> str:
    return f"{format_amount(data, 'value')} {'п.п.' if data.get('points') else '%'}"


def facility(data: Mapping[str, Any], *, name: bool = True, status: bool = True) -> str:
    """ "runway · «Ушарал» · reconstruction · completed", "564 × house · flooding · completed"; a deadline
    as "by 2025-12-31". A mark leaves out a name its text already shows."""
    deadline, count = data.get("deadline"), data.get("count")
    kind = f"{format_number(count)} × {data.get('type')}" if count is not None else data.get("type")
    parts = [kind, f"«{data['name']}»" if name and data.get("name") else None, data.get("action")]
    parts += [data.get("status") if status else None, f"by {deadline}" if deadline else None]
    return " · ".join(str(p) for p in parts if p)


def column(data: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    value = next((data[k] for k in keys if data.get(k) not in (None, "", [], {})), None)
    if value is None:
        return ""
    return format_period(value) if keys == ("period",) else format_plain(value)


# --- marks ----------------------------------------------------------------------------------------


@dataclass
class Span:
    """One mark on the page: a whole fact, or a piece of one that crosses another."""

    start: int
    stop: int
    index: int  # into brief.facts
    first: bool = True  # starts where the fact starts
    last: bool = True  # ends where the fact ends, and so carries the label
    children: list[Span] = field(default_factory=list)


def layout(facts: list[Fact], length: int) -> list[Span]:
    """Facts as a forest of nested spans. A fact that crosses an open span is cut at that span's end:
    the first piece nests inside it, the rest waits its turn by start offset like any other fact. Facts
    with offsets outside the text are left to the table."""
    # (start, -stop, fact index): longer first at the same start, so it becomes the parent
    waiting = [(f.start, -f.stop, i) for i, f in enumerate(facts) if 0 <= f.start < f.stop <= length]
    heapq.heapify(waiting)
    roots: list[Span] = []
    open_spans: list[Span] = []  # the chain of spans containing the current offset, outermost first
    while waiting:
        start, negative_stop, i = heapq.heappop(waiting)
        stop = -negative_stop
        while open_spans and open_spans[-1].stop <= start:
            open_spans.pop()
        parent = open_spans[-1] if open_spans else None
        end = stop if parent is None else min(stop, parent.stop)
        span = Span(start, end, i, first=start == facts[i].start, last=end == stop)
        (parent.children if parent else roots).append(span)
        open_spans.append(span)
        if end < stop:
            heapq.heappush(waiting, (end, -stop, i))
    return roots


def wrap_class(value: str) -> str:
    """A number or a date range ("2025-01-01–2025-06-30", "↑ 29,5 %") stays on one line; words may wrap."""
    return "bx-nowrap" if len(value) <= NO_BREAK_UPTO or (" " not in value and len(value) <= SHORT) else "bx-wrap"


def escape_text(text: str) -> str:
    """Escaped for element content; CR kept as a reference, or the parser would turn it into LF."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def attr(value: str) -> str:
    return html.escape(value, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


def class_of(kind: str) -> str:
    return "bx-k-" + re.sub(r"[^a-z0-9_-]", "_", kind.lower())


def mark_up(text: str, facts: list[Fact]) -> str:
    """The escaped text with every fact in a <mark>; its text content is `text` plus the marks' tags."""
    return render_spans(text, layout(facts, len(text)), 0, len(text), facts)


def render_spans(text: str, spans: list[Span], start: int, stop: int, facts: list[Fact]) -> str:
    out: list[str] = []
    at = start
    for span in spans:
        out.append(escape_text(text[at : span.start]))
        fact = facts[span.index]
        style = style_of(kind_of(fact))
        value = describe(fact)
        shown = value if len(value) <= LABEL_MAX else value[: LABEL_MAX - 1] + "…"
        classes = " ".join(
            ["bx-mark", class_of(kind_of(fact))] + ([] if span.first else ["bx-cont"]) + ([] if span.last else ["bx-cut"])
        )
        out.append(
            f'<mark class="{classes}" data-kind="{attr(kind_of(fact))}" data-fact="{span.index}"'
            f' title="{attr(style.label + ": " + value)}">'
        )
        out.append(render_spans(text, span.children, span.start, span.stop, facts))
        if span.last:
            out.append(
                f'<span class="bx-tag"><span class="bx-label">{escape_text(style.label)}</span>'
                + (f' <span class="bx-value {wrap_class(shown)}">{escape_text(shown)}</span>' if shown else "")
                + "</span>"
            )
        out.append("</mark>")
        at = span.stop
    out.append(escape_text(text[at:stop]))
    return "".join(out)


# --- pages ----------------------------------------------------------------------------------------

CSS = """
.briefx { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans",
  Arial, sans-serif; color: #1f2328; background: #fff; max-width: 62rem; margin: 0 auto;
  padding: 1rem 1.25rem 2rem; line-height: 1.5; -webkit-text-size-adjust: 100%; }
.briefx h1 { font-size: 1.35rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
.briefx .bx-meta { color: #57606a; font-size: .9rem; margin: 0 0 .75rem; }
.briefx .bx-legend { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; margin: 0 0 1rem;
  list-style: none; }
.briefx .bx-legend li { padding: .1rem .5rem; border-radius: .35rem; font-size: .8rem;
  font-weight: 600; background: NEUTRAL; }
.briefx .bx-article { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05rem;
  line-height: 2.1; margin: 0 0 1.5rem; }
.briefx mark { background: NEUTRAL; color: inherit; padding: .2em .3em; margin: 0 .1em;
  border-radius: .35em; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.briefx mark mark { padding: .1em .2em; margin: 0; box-shadow: 0 0 0 1px rgba(0,0,0,.25); }
/* a fact cut in pieces where it crosses another: a dashed edge where a piece goes on */
.briefx mark.bx-cut { border-top-right-radius: 0; border-bottom-right-radius: 0; margin-right: 0;
  border-right: 2px dashed rgba(0,0,0,.35); }
.briefx mark.bx-cont { border-top-left-radius: 0; border-bottom-left-radius: 0; margin-left: 0;
  border-left: 2px dashed rgba(0,0,0,.35); }
.briefx .bx-tag { font-size: .68em; line-height: 1; margin-left: .4em; vertical-align: .1em;
  white-space: nowrap; user-select: none; -webkit-user-select: none; }
.briefx .bx-label { font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
.briefx .bx-value { font-variant-numeric: tabular-nums; background: rgba(255,255,255,.6);
  border-radius: .25em; padding: 0 .3em; }
.briefx .bx-nowrap { white-space: nowrap; }
.briefx h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.briefx .bx-scroll { overflow-x: auto; }
.briefx table { border-collapse: collapse; width: 100%; font-size: .9rem; }
.briefx th, .briefx td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid #d0d7de; overflow-wrap: break-word; }
.briefx th { background: #f6f8fa; font-weight: 600; }
.briefx .bx-num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.briefx .bx-chip { display: inline-block; padding: 0 .4rem; border-radius: .3rem; font-size: .75rem;
  font-weight: 700; text-transform: uppercase; background: NEUTRAL; white-space: nowrap; }
.briefx a { color: #0969da; }
.briefx .bx-empty { color: #57606a; }
@media (max-width: 40rem) {
  .briefx { padding: .75rem .75rem 1.5rem; }
  .briefx .bx-article { font-size: 1rem; line-height: 2.1; }
  .briefx .bx-tag { white-space: normal; }
  .briefx table.bx-facts, .briefx .bx-facts tbody, .briefx .bx-facts tr, .briefx .bx-facts td {
    display: block; width: auto; }
  .briefx .bx-facts thead { display: none; }
  .briefx .bx-facts tr { border: 1px solid #d0d7de; border-radius: .4rem; margin: 0 0 .6rem;
    padding: .3rem .5rem; }
  .briefx .bx-facts td { border: 0; padding: .1rem 0; text-align: left; white-space: normal; }
  .briefx .bx-facts td:empty { display: none; }
  .briefx .bx-facts td.bx-num::before { content: "#"; }
  .briefx .bx-facts td[data-label]::before { content: attr(data-label) ": "; color: #57606a;
    font-size: .8rem; }
}
"""


def stylesheet() -> str:
    rules = [CSS.replace("NEUTRAL", NEUTRAL)]
    for kind, style in KINDS.items():
        cls = class_of(kind)
        rules.append(f".briefx mark.{cls}, .briefx .bx-chip.{cls}, .briefx .bx-legend .{cls} {{ background: {style.colour}; }}")
    return "\n".join(rules)


# Defense in depth: even if something slipped past escaping, the page may load and run nothing.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"


def document(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ru">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape_text(title)}</title>\n"
        f"<style>{stylesheet()}</style>\n"
        f'</head>\n<body style="margin:0">\n<div class="briefx">\n{body}\n</div>\n</body>\n</html>\n'
    )


def kind_order(kinds: Iterable[str]) -> list[str]:
    """Known kinds in table order, then the others alphabetically."""
    seen = set(kinds)
    return [k for k in KINDS if k in seen] + sorted(seen - KINDS.keys())


def legend(counts: Mapping[str, int]) -> str:
    items = [
        f'<li class="{class_of(kind)}" data-kind="{attr(kind)}">{escape_text(style_of(kind).label)} {counts.get(kind, 0)}</li>'
        for kind in kind_order(counts)
    ]
    return f'<ul class="bx-legend" aria-label="legend">{"".join(items)}</ul>' if items else ""


def chip(kind: str) -> str:
    return f'<span class="bx-chip {class_of(kind)}">{escape_text(style_of(kind).label)}</span>'


def fact_table(facts: list[Fact]) -> str:
    if not facts:
        return '<p class="bx-empty">No facts found.</p>'
    head = "".join(f"<th>{h}</th>" for h in ["#", "kind", "text", "value", *(h for h, _ in COLUMNS)])
    rows = []
    for number, fact in enumerate(facts, 1):
        data, value = fact.as_dict(), table_value(fact)
        cells = [
            f'<td class="bx-num">{number}</td>',
            f'<td data-label="kind">{chip(kind_of(fact))}</td>',
            f'<td data-label="text">{escape_text(fact.text)}</td>',
            f'<td data-label="value" class="{wrap_class(value)}">{escape_text(value)}</td>',
            *(
                f'<td data-label="{h}" class="{wrap_class(cell)}">{escape_text(cell)}</td>'
                for h, cell in ((h, column(data, keys)) for h, keys in COLUMNS)
            ),
        ]
        rows.append(f'<tr data-kind="{attr(kind_of(fact))}">{"".join(cells)}</tr>')
    return (
        f'<div class="bx-scroll"><table class="bx-facts"><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table></div>"
    )


def render_page(brief: Brief, *, title: str | None = None) -> str:
    """The whole page for one Brief: heading, legend, marked article text, table of facts."""
    facts = list(brief.facts)
    counts = Counter(kind_of(f) for f in facts)
    heading = title or brief.id or "briefx"
    meta = [f"published {brief.published.isoformat()}" if brief.published else "", f"{len(facts)} facts"]
    body = "\n".join(
        [
            f"<header><h1>{escape_text(heading)}</h1>",
            f'<p class="bx-meta">{escape_text(" · ".join(m for m in meta if m))}</p>',
            legend(counts),
            "</header>",
            f'<div class="bx-article">{mark_up(brief.text, facts)}</div>',
            "<h2>Facts</h2>",
            fact_table(facts),
        ]
    )
    return document(heading, body)


SAFE_HREF = re.compile(r"(?i)^(?:https?:|file:|[^:/?#]*(?:[/?#]|$))")  # a URL scheme or a relative path


def render_index(entries: Iterable[tuple[str, str, Mapping[str, int]]]) -> str:
    """A page listing documents: (doc id, href of its page, fact count per kind) -> one row each."""
    rows_in = list(entries)
    kinds = kind_order(k for _, _, counts in rows_in for k in counts)
    head = "".join(
        ["<th>document</th>"] + [f'<th class="bx-num">{chip(k)}</th>' for k in kinds] + ['<th class="bx-num">total</th>']
    )
    rows = []
    for doc_id, href, counts in rows_in:
        link = attr(href if SAFE_HREF.match(href) else "./" + href)  # "a:b.html" is a file, not a scheme
        cells = [f'<td><a href="{link}">{escape_text(doc_id)}</a></td>']
        cells += [f'<td class="bx-num">{counts.get(k, 0)}</td>' for k in kinds]
        cells.append(f'<td class="bx-num">{sum(counts.values())}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    total = sum(sum(c.values()) for _, _, c in rows_in)
    body = (
        f'<header><h1>briefx</h1><p class="bx-meta">{len(rows_in)} documents · {total} facts</p></header>\n'
        f'<div class="bx-scroll"><table class="bx-index"><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table></div>"
    )
    return document("briefx", body)
