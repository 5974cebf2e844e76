"""The facts of a run (briefx.dataframe) -> the report's sections: for each, Vega-Lite charts (built with
Altair), HTML tables, and the groups of documents behind every mark (a mark links to its group).

Numbers are counted once per cluster (briefx.clusters): the same amount for the same subject, region
and time in twelve articles adds to a total once, and says "12 articles".
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import altair as alt
import pandas as pd

from briefx.html import format_number

WIDTH = 680
NO_REGION = "(no region)"
OTHER = "(other)"
STATUS = {"planned": "planned", "ongoing": "ongoing", "completed": "completed"}
STATUS_COLOURS = {"planned": "#0969da", "ongoing": "#bf8700", "completed": "#1a7f37", "(unknown)": "#8c959f"}
SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]
TOP_CURRENCIES = 3
TOP_UNITS = 6
LARGEST = 10
GANTT_ROWS = 40


@dataclass
class Group:
    """The documents behind one mark or row: its anchor in the page and what it is."""

    anchor: str
    label: str
    docs: list[str]


@dataclass
class Section:
    id: str
    title: str
    intro: str
    charts: list[dict[str, Any]] = field(default_factory=list)  # Vega-Lite specs
    blocks: list[str] = field(default_factory=list)  # HTML: tables and notes, after the charts
    groups: list[Group] = field(default_factory=list)


class Anchors:
    """Hands out anchors for groups of documents, one namespace for the page."""

    def __init__(self) -> None:
        self.count = 0

    def group(self, section: Section, label: str, docs: Iterable[str]) -> str:
        self.count += 1
        anchor = f"g{self.count}"
        section.groups.append(Group(anchor, label, list(dict.fromkeys(docs))))
        return f"#{anchor}"


DocLinks = Callable[[Sequence[str]], str]  # doc ids -> HTML: links to their pages, or the ids


# --- clusters ---------------------------------------------------------------------------------------


def clusters(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster: the fields of its earliest report, `amount` (the value, or a range's
    midpoint), `articles` and `docs` (the documents that reported it, earliest first), `month`."""
    if facts.empty:
        return facts.assign(amount=[], articles=[], docs=[], month=[])
    ordered = facts.sort_values(["cluster", "published", "doc_id", "start"], kind="stable", na_position="last")
    first = ordered.drop_duplicates("cluster").set_index("cluster")
    docs = _lists(ordered, ["cluster"], "doc_id")
    first["docs"] = [docs[(key,)] for key in first.index]
    first["articles"] = first["docs"].str.len()
    first["amount"] = first["value"].fillna((first["low"] + first["high"]) / 2)
    first["month"] = first["published"].dt.to_period("M").dt.to_timestamp()
    return first.reset_index()


def _union(lists: Iterable[list[str]]) -> list[str]:
    return list(dict.fromkeys(chain.from_iterable(lists)))


def _lists(table: pd.DataFrame, keys: list[str], column: str) -> dict[tuple[Any, ...], list[Any]]:
    """Group key -> the distinct values of `column` in the group, in table order (a plain loop: pandas'
    aggregation with a Python function costs a call per group)."""
    found: dict[tuple[Any, ...], dict[Any, None]] = {}
    for key, value in zip(zip(*(table[k] for k in keys), strict=True), table[column], strict=True):
        found.setdefault(key, {})[value] = None
    return {key: list(values) for key, values in found.items()}


def _docs_of(table: pd.DataFrame, key: str, values: Iterable[Any]) -> list[list[str]]:
    """For each of `values` of `key`, the documents of the clusters that have it."""
    chosen = table[table[key].isin(list(values))]
    lists = _lists(chosen.explode("docs"), [key], "docs")
    return [lists.get((value,), []) for value in values]


def _scale(largest: float) -> tuple[float, str]:
    for divisor, word in SCALES:
        if largest >= divisor:
            return float(divisor), word
    return 1.0, ""


def _top(values: pd.Series, weights: pd.Series | None, n: int) -> list[Any]:
    """The n values with the largest weight (or count), most first."""
    counts = (weights.groupby(values).sum() if weights is not None else values.value_counts()).sort_values(ascending=False)
    return list(counts.index[:n])


def _records(table: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Rows for a chart's inline data: dates as ISO strings, missing as null."""
    out = []
    for row in table[list(columns)].itertuples(index=False):
        record = {}
        for name, value in zip(columns, row, strict=True):
            if isinstance(value, pd.Timestamp):
                value = value.strftime("%Y-%m-%d")
            elif value is pd.NaT or (isinstance(value, float) and value != value) or value is pd.NA:
                value = None
            elif hasattr(value, "item"):  # numpy scalars
                value = value.item()
            record[name] = value
        out.append(record)
    return out


def _band_width(months: int) -> int:
    """A chart of month bands: WIDTH for a year or more, narrower for a few months (one month is no wall)."""
    return max(240, min(WIDTH, 60 * months))


def _whole(counts: pd.Series) -> list[int]:
    """Legend values for a count: whole numbers from 1 to the largest (Vega would pick 0.5, 1.5 …)."""
    largest = int(counts.max())
    return sorted({1, (largest + 1) // 2, largest})


def _chart(chart: alt.TopLevelMixin) -> dict[str, Any]:
    return chart.to_dict(validate=False)


def _note(text: str) -> str:
    return f'<p class="bx-note">{html.escape(text)}</p>'


def _amount(value: float, unit: str) -> str:
    shown = format_number(f"{value:.2f}".rstrip("0").rstrip(".")) if value == value else "?"
    return f"{shown} {unit}".strip()


def _date(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) and value is not pd.NaT else ""


def _sentence(text: Any, sentence: Any) -> str:
    """The sentence with the fact marked; the fact alone when the sentence is not known."""
    if not isinstance(sentence, str) or not sentence:
        return f"<mark>{html.escape(str(text))}</mark>"
    at = sentence.find(text) if isinstance(text, str) and text else -1
    if at < 0:
        return html.escape(sentence)
    return html.escape(sentence[:at]) + f"<mark>{html.escape(text)}</mark>" + html.escape(sentence[at + len(text) :])


def _docs_cell(docs: list[str], links: DocLinks) -> str:
    word = "article" if len(docs) == 1 else "articles"
    return f'<details class="bx-docs"><summary>{len(docs)} {word}</summary>{links(docs)}</details>'


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    table = f'<table class="bx-table">{title}<thead><tr>{cells}</tr></thead><tbody>\n{body}\n</tbody></table>'
    return f'<div class="bx-scroll">{table}</div>'


def _region_labels(regions: pd.Series, amounts: pd.Series, n: int) -> pd.Series:
    named = regions.fillna(NO_REGION)
    keep = set(_top(named, amounts, n))
    return named.where(named.isin(keep), OTHER)


# --- money ------------------------------------------------------------------------------------------


def money_sections(facts: pd.DataFrame, anchors: Anchors, links: DocLinks, top: int) -> list[Section]:
    money = clusters(facts[facts["kind"] == "money"])
    by_region = Section(
        "money-region",
        "Money by region and month",
        "Amounts by the month of their first report and the region of the article (its most central region), "
        "a repeated amount counted once. One chart per currency; click a bar for its articles.",
    )
    by_subject = Section(
        "money-subject",
        "Money by subject",
        f"The {top} subjects (head nouns: инвестиция, бюджет, кредит …) with the largest totals, each amount counted once.",
    )
    largest = Section("money-largest", "The largest amounts", "With the sentence they stand in, each counted once.")
    sections = [by_region, by_subject, largest]
    if money.empty:
        for section in sections:
            section.blocks.append(_note("No money in this run."))
        return sections
    currencies = list(money["currency"].value_counts().index[:TOP_CURRENCIES])
    others = sorted(set(money["currency"].dropna()) - set(currencies))
    for currency in currencies:
        of = money[money["currency"] == currency].copy()
        _money_by_region(of, currency, by_region, anchors, top)
        _money_by_subject(of, currency, by_subject, anchors, top)
        _largest(of, currency, largest, links)
    if others:
        note = f"Other currencies, fewer reports: {', '.join(others)} (all of them are in the frame and the output)."
        for section in sections:
            section.blocks.append(_note(note))
    return sections


def _money_by_region(money: pd.DataFrame, currency: str, section: Section, anchors: Anchors, top: int) -> None:
    dated = money[money["month"].notna()].copy()
    if len(dated) < len(money):
        section.blocks.append(
            _note(f"{currency}: {len(money) - len(dated)} amounts without a publication date are not on the chart.")
        )
    if dated.empty:
        return
    dated["region_label"] = _region_labels(dated["region"], dated["amount"], min(top, 8))  # with "other" and "none": 10 colours
    groups = dated.groupby(["month", "region_label"], sort=True).agg(
        total=("amount", "sum"), reports=("cluster", "size"), articles=("articles", "sum"), docs=("docs", _union)
    )
    groups = groups.reset_index()
    divisor, word = _scale(groups.groupby("month")["total"].sum().max())
    groups["shown"] = groups["total"] / divisor
    groups["href"] = [
        anchors.group(section, f"{currency} · {row.region_label} · {row.month:%Y-%m}: {row.reports} amounts", row.docs)
        for row in groups.itertuples()
    ]
    order = [label for label in _top(groups["region_label"], groups["total"], len(groups)) if label not in (OTHER, NO_REGION)]
    order += [label for label in (OTHER, NO_REGION) if label in set(groups["region_label"])]
    values = _records(groups, ["month", "region_label", "shown", "total", "reports", "articles", "href"])
    chart = (
        alt.Chart(alt.Data(values=values), title=f"{currency}, by month of first report")
        .mark_bar(cursor="pointer")
        .encode(
            x=alt.X("month:O", timeUnit="utcyearmonth", title=None, axis=alt.Axis(format="%b %Y", labelAngle=-40)),
            y=alt.Y("sum(shown):Q", title=f"{word} {currency}".strip()),
            color=alt.Color("region_label:N", title="region", sort=order, scale=alt.Scale(scheme="tableau10")),
            order=alt.Order("total:Q", sort="descending"),
            href="href:N",
            tooltip=[
                alt.Tooltip("region_label:N", title="region"),
                alt.Tooltip("month:T", timeUnit="utcyearmonth", title="month", format="%b %Y"),
                alt.Tooltip("shown:Q", title=f"{word} {currency}".strip(), format=",.2~f"),
                alt.Tooltip("reports:Q", title="amounts"),
                alt.Tooltip("articles:Q", title="articles"),
            ],
        )
        .properties(width=_band_width(groups["month"].nunique()), height=280)
    )
    section.charts.append(_chart(chart))


def _money_by_subject(money: pd.DataFrame, currency: str, section: Section, anchors: Anchors, top: int) -> None:
    known = money[money["subject_head"].notna()]
    if len(known) < len(money):
        section.blocks.append(_note(f"{currency}: {len(money) - len(known)} amounts without a subject are left out."))
    if known.empty:
        return
    groups = known.groupby("subject_head").agg(
        total=("amount", "sum"), reports=("cluster", "size"), articles=("articles", "sum"), example=("subject", "first")
    )
    groups = groups.sort_values("total", ascending=False).head(top).reset_index()
    groups["docs"] = _docs_of(known, "subject_head", groups["subject_head"])
    divisor, word = _scale(groups["total"].max())
    groups["shown"] = groups["total"] / divisor
    groups["href"] = [
        anchors.group(section, f"{currency} · {row.subject_head}: {row.reports} amounts", row.docs) for row in groups.itertuples()
    ]
    values = _records(groups, ["subject_head", "example", "shown", "reports", "articles", "href"])
    chart = (
        alt.Chart(alt.Data(values=values), title=f"{currency}: top subjects")
        .mark_bar(cursor="pointer", color="#0969da")
        .encode(
            y=alt.Y("subject_head:N", title=None, sort="-x"),
            x=alt.X("shown:Q", title=f"{word} {currency}".strip()),
            href="href:N",
            tooltip=[
                alt.Tooltip("subject_head:N", title="subject"),
                alt.Tooltip("example:N", title="as written"),
                alt.Tooltip("shown:Q", title=f"{word} {currency}".strip(), format=",.2~f"),
                alt.Tooltip("reports:Q", title="amounts"),
                alt.Tooltip("articles:Q", title="articles"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(18))
    )
    section.charts.append(_chart(chart))


def _largest(money: pd.DataFrame, currency: str, section: Section, links: DocLinks) -> None:
    rows = []
    for row in money.sort_values("amount", ascending=False).head(LARGEST).itertuples():
        rows.append(
            [
                f'<span class="bx-num">{_amount(row.amount, currency)}</span>',
                html.escape(row.subject or ""),
                html.escape(row.region or NO_REGION),
                _date(row.published),
                _sentence(row.text, row.sentence_text),
                _docs_cell(row.docs, links),
            ]
        )
    section.blocks.append(_table(["amount", "subject", "region", "first reported", "sentence", "articles"], rows, currency))


# --- percentages and quantities -----------------------------------------------------------------------


def percentage_section(facts: pd.DataFrame, anchors: Anchors, top: int) -> Section:
    section = Section(
        "percentages",
        "Percentages by subject",
        f"Every per cent of the {top} most reported subjects, one dot per distinct figure; click a dot for its articles.",
    )
    shares = clusters(facts[facts["kind"] == "percentages"])
    shares = shares[shares["subject_head"].notna() & shares["amount"].notna()]
    if shares.empty:
        section.blocks.append(_note("No percentages with a subject in this run."))
        return section
    keep = _top(shares["subject_head"], None, top)
    shares = shares[shares["subject_head"].isin(keep)].copy()
    shares["change"] = shares["direction"].map({"up": "up", "down": "down"}).fillna("(none)")
    shares["measure"] = shares["points"].map({True: "percentage points"}).fillna("per cent")
    shares["href"] = [anchors.group(section, f"{row.subject_head}: {row.text}", row.docs) for row in shares.itertuples()]
    values = _records(shares, ["subject_head", "subject", "amount", "text", "change", "measure", "region", "articles", "href"])
    chart = (
        alt.Chart(alt.Data(values=values), title="Percentages by subject")
        .mark_point(filled=True, size=70, opacity=0.75, cursor="pointer")
        .encode(
            y=alt.Y("subject_head:N", title=None, sort=keep),
            x=alt.X("amount:Q", title="%"),
            color=alt.Color(
                "change:N",
                title="change",
                scale=alt.Scale(domain=["up", "down", "(none)"], range=["#1a7f37", "#cf222e", "#8c959f"]),
            ),
            shape=alt.Shape("measure:N", title=None),
            href="href:N",
            tooltip=[
                alt.Tooltip("text:N", title="as written"),
                alt.Tooltip("subject:N"),
                alt.Tooltip("region:N"),
                alt.Tooltip("articles:Q"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(20))
    )
    section.charts.append(_chart(chart))
    return section


def quantity_section(facts: pd.DataFrame, anchors: Anchors, top: int) -> Section:
    section = Section(
        "quantities",
        "Quantities by subject and unit",
        "Tonnages, areas, volumes, power and counts by what they measure, each distinct figure once; "
        "one chart per unit (a count has no unit).",
    )
    amounts = clusters(facts[facts["kind"] == "quantities"])
    amounts = amounts[amounts["subject_head"].notna() & amounts["amount"].notna()].copy()
    if amounts.empty:
        section.blocks.append(_note("No quantities with a subject in this run."))
        return section
    amounts["unit_label"] = amounts["unit"].fillna("count")
    for unit in list(amounts["unit_label"].value_counts().index[:TOP_UNITS]):
        of = amounts[amounts["unit_label"] == unit]
        groups = of.groupby("subject_head").agg(
            total=("amount", "sum"), reports=("cluster", "size"), articles=("articles", "sum")
        )
        groups = groups.sort_values("total", ascending=False).head(min(top, 10)).reset_index()
        groups["docs"] = _docs_of(of, "subject_head", groups["subject_head"])
        divisor, word = _scale(groups["total"].max())
        groups["shown"] = groups["total"] / divisor
        title = f"{word} {unit}".strip() if unit != "count" else f"{word} (count)".strip()
        groups["href"] = [
            anchors.group(section, f"{row.subject_head} ({unit}): {row.reports} figures", row.docs) for row in groups.itertuples()
        ]
        values = _records(groups, ["subject_head", "shown", "reports", "articles", "href"])
        chart = (
            alt.Chart(alt.Data(values=values), title=f"{unit}: top subjects")
            .mark_bar(cursor="pointer", color="#8250df")
            .encode(
                y=alt.Y("subject_head:N", title=None, sort="-x"),
                x=alt.X("shown:Q", title=title),
                href="href:N",
                tooltip=[
                    alt.Tooltip("subject_head:N", title="subject"),
                    alt.Tooltip("shown:Q", title=title, format=",.2~f"),
                    alt.Tooltip("reports:Q", title="figures"),
                    alt.Tooltip("articles:Q"),
                ],
            )
            .properties(width=WIDTH, height=alt.Step(18))
        )
        section.charts.append(_chart(chart))
    return section


# --- facilities -------------------------------------------------------------------------------------


FACILITY_KEY = ["type", "name", "action", "status", "region"]


def facility_items(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per facility as the run reports it (same type, name, action, status and region): first
    report, latest deadline, the documents."""
    rows = facts[facts["kind"] == "facilities"]
    if rows.empty:
        return rows.assign(first=[], docs=[], articles=[])
    keyed = rows.assign(**{name: rows[name].fillna("") for name in FACILITY_KEY})
    ordered = keyed.sort_values(["published", "doc_id", "start"], kind="stable", na_position="last")
    grouped = ordered.groupby(FACILITY_KEY, sort=False)
    items = grouped.agg(
        first=("published", "min"), deadline=("deadline", "max"), docs=("doc_id", lambda s: list(dict.fromkeys(s)))
    )
    items["articles"] = items["docs"].str.len()
    return items.reset_index().replace({name: {"": None} for name in FACILITY_KEY})


def facility_section(facts: pd.DataFrame, anchors: Anchors, links: DocLinks, labels: dict[str, str], top: int) -> Section:
    section = Section(
        "facilities",
        "Facilities by kind and status",
        "What is built, repaired or planned, by the month of its first report: one facility per type, name, action, "
        "status and region, however many articles name it. Then the planned ones with a deadline, soonest first.",
    )
    items = facility_items(facts)
    if items.empty:
        section.blocks.append(_note("No facilities in this run."))
        return section
    items["kind_label"] = items["type"].map(lambda code: labels.get(code, code))
    keep = set(_top(items["kind_label"], None, top))
    items["kind_label"] = items["kind_label"].where(items["kind_label"].isin(keep), OTHER)
    items["status_label"] = items["status"].map(STATUS).fillna("(unknown)")
    dated = items[items["first"].notna()].copy()
    dated["month"] = dated["first"].dt.to_period("M").dt.to_timestamp()
    groups = (
        dated.groupby(["month", "kind_label", "status_label"])
        .agg(facilities=("type", "size"), docs=("docs", _union))
        .reset_index()
    )
    groups["href"] = [
        anchors.group(
            section, f"{row.kind_label} · {row.status_label} · {row.month:%Y-%m}: {row.facilities} facilities", row.docs
        )
        for row in groups.itertuples()
    ]
    kinds = _top(items["kind_label"], None, len(items))
    values = _records(groups, ["month", "kind_label", "status_label", "facilities", "href"])
    timeline = (
        alt.Chart(alt.Data(values=values), title="Facilities on a timeline (first report)")
        .mark_circle(opacity=0.8, cursor="pointer")
        .encode(
            x=alt.X("month:O", timeUnit="utcyearmonth", title=None, axis=alt.Axis(format="%b %Y", labelAngle=-40)),
            y=alt.Y("kind_label:N", title=None, sort=kinds),
            color=alt.Color(
                "status_label:N",
                title="status",
                scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
            ),
            size=alt.Size(
                "facilities:Q",
                title="facilities",
                scale=alt.Scale(range=[40, 600]),
                legend=alt.Legend(values=_whole(groups["facilities"]), format="d"),
            ),
            xOffset=alt.XOffset("status_label:N", scale=alt.Scale(domain=list(STATUS_COLOURS))),
            href="href:N",
            tooltip=[
                alt.Tooltip("kind_label:N", title="facility"),
                alt.Tooltip("status_label:N", title="status"),
                alt.Tooltip("month:T", timeUnit="utcyearmonth", title="month", format="%b %Y"),
                alt.Tooltip("facilities:Q"),
            ],
        )
        .properties(width=_band_width(2 * groups["month"].nunique()), height=alt.Step(22))  # a dot per status side by side
    )
    section.charts.append(_chart(timeline))
    planned = items[(items["status"] == "planned") & items["deadline"].notna()].sort_values(["deadline", "first"])
    if planned.empty:
        section.blocks.append(_note("No planned facility with a deadline in this run."))
        return section
    planned = planned.copy()
    planned["label"] = [
        " · ".join(part for part in (labels.get(row.type, row.type), row.name, row.region) if part)
        for row in planned.itertuples()
    ]
    planned["start"] = planned["first"].fillna(planned["deadline"])
    planned["href"] = [
        anchors.group(section, f"{row.label}: due {row.deadline:%Y-%m-%d}", row.docs) for row in planned.itertuples()
    ]
    shown = planned.head(GANTT_ROWS)
    values = _records(shown, ["label", "start", "deadline", "articles", "href"])
    gantt_base = alt.Chart(alt.Data(values=values), title=f"Planned, with deadlines (the {len(shown)} soonest)")
    gantt = alt.layer(
        gantt_base.mark_rule(color="#0969da", strokeWidth=2, opacity=0.6).encode(
            y=alt.Y("label:N", title=None, sort=None),
            x=alt.X("start:T", title="first report → deadline", axis=alt.Axis(format="%b %Y", labelAngle=-40)),
            x2="deadline:T",
        ),
        gantt_base.mark_point(shape="diamond", filled=True, size=90, color="#0969da", cursor="pointer").encode(
            y=alt.Y("label:N", sort=None),
            x="deadline:T",
            href="href:N",
            tooltip=[
                alt.Tooltip("label:N", title="facility"),
                alt.Tooltip("start:T", title="first report", format="%d.%m.%Y"),
                alt.Tooltip("deadline:T", title="deadline", format="%d.%m.%Y"),
                alt.Tooltip("articles:Q"),
            ],
        ),
    ).properties(width=WIDTH - 160, height=alt.Step(18))
    section.charts.append(_chart(gantt))
    rows = [
        [
            _date(row.deadline),
            html.escape(labels.get(row.type, row.type)),
            html.escape(row.name or ""),
            html.escape(row.action or ""),
            html.escape(row.region or NO_REGION),
            _date(row.first),
            _docs_cell(row.docs, links),
        ]
        for row in planned.itertuples()
    ]
    section.blocks.append(_table(["deadline", "facility", "name", "action", "region", "first reported", "articles"], rows))
    return section


# --- instructions -----------------------------------------------------------------------------------


def instruction_section(facts: pd.DataFrame, anchors: Anchors, links: DocLinks, top: int) -> Section:
    section = Section(
        "instructions",
        "Instructions by issuer and addressee",
        "Who instructed whom (the same instruction in several articles counted once), then every instruction "
        "in the order it was first reported.",
    )
    rows = facts[facts["kind"] == "instructions"]
    if rows.empty:
        section.blocks.append(_note("No instructions in this run."))
        return section
    keyed = rows.assign(issuer=rows["issuer"].fillna("(no issuer)"), addressee=rows["addressee"].fillna("(no addressee)"))
    ordered = keyed.sort_values(["published", "doc_id", "start"], kind="stable", na_position="last")
    keys = ["issuer", "addressee", "text"]
    items = ordered.groupby(keys, sort=False).agg(first=("published", "min"), deadline=("deadline", "max"))
    docs = _lists(ordered, keys, "doc_id")
    items["docs"] = [docs[key] for key in items.index]
    items = items.reset_index()
    items["issuer_label"] = items["issuer"].where(items["issuer"].isin(set(_top(items["issuer"], None, min(top, 12)))), OTHER)
    items["addressee_label"] = items["addressee"].where(
        items["addressee"].isin(set(_top(items["addressee"], None, min(top, 12)))), OTHER
    )
    cells = (
        items.groupby(["issuer_label", "addressee_label"]).agg(instructions=("text", "size"), docs=("docs", _union)).reset_index()
    )
    cells["href"] = [
        anchors.group(section, f"{row.issuer_label} → {row.addressee_label}: {row.instructions} instructions", row.docs)
        for row in cells.itertuples()
    ]
    values = _records(cells, ["issuer_label", "addressee_label", "instructions", "href"])
    base = alt.Chart(alt.Data(values=values), title="Instructions: issuer → addressee")
    issuers = _top(items["issuer_label"], None, len(items))
    addressees = _top(items["addressee_label"], None, len(items))
    heat = alt.layer(
        base.mark_rect(cursor="pointer").encode(
            y=alt.Y("issuer_label:N", title="issuer", sort=issuers),
            x=alt.X("addressee_label:N", title="addressee", sort=addressees, axis=alt.Axis(labelAngle=-35, labelLimit=220)),
            color=alt.Color("instructions:Q", title="instructions", scale=alt.Scale(scheme="blues")),
            href="href:N",
            tooltip=[
                alt.Tooltip("issuer_label:N", title="issuer"),
                alt.Tooltip("addressee_label:N", title="addressee"),
                alt.Tooltip("instructions:Q"),
            ],
        ),
        base.mark_text(fontSize=11).encode(
            y=alt.Y("issuer_label:N", sort=issuers), x=alt.X("addressee_label:N", sort=addressees), text="instructions:Q"
        ),
    ).properties(width=alt.Step(44), height=alt.Step(26))
    section.charts.append(_chart(heat))
    listed = items.sort_values(["first", "issuer"], na_position="last")
    table_rows = [
        [
            _date(row.first),
            html.escape(row.issuer),
            html.escape(row.addressee),
            html.escape(row.text),
            _date(row.deadline),
            _docs_cell(row.docs, links),
        ]
        for row in listed.itertuples()
    ]
    section.blocks.append(_table(["first reported", "issuer", "addressee", "instruction", "deadline", "articles"], table_rows))
    return section
