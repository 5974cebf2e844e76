"""Scores briefx against the Tengrinews dev gold (fixtures/dev/): spans and fields per fact kind.

    python bench/devscore.py                             # dev, heldout and all, on text_respaced
    python bench/devscore.py --field text --split dev    # the raw scrape; gold spans mapped onto it
    python bench/devscore.py --limit 3 --json bench/out/devscore.json

Every article goes once through `briefx.Pipeline()` with its publication date. Gold and predicted facts
of a kind are paired one to one by span overlap, the largest overlap first. Prints two markdown tables
per split: spans (P/R/F1 by overlap, F1 of exact spans after stripping punctuation at the ends) and
fields (a gold fact's non-null field is a gold relation, a paired prediction's non-null field a
predicted one; unpaired gold counts as missed). Strings are compared normalized ("strict") and, for
names, roles, subjects and the like, by surname or by lemmas ("lenient"). Instructions marked
`"implicit": true` count neither as missed nor, when found, as false positives. The errors file lists
every miss, false positive and field disagreement with the text around it; held-out articles are
measured, never read (fixtures/dev/GUIDELINES.md), so it covers the dev split unless --split says
otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import devgold

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
SPLITS = ("dev", "heldout", "all")
CONTEXT = 100  # characters shown either side of a span in the errors file
# gold kind -> the key of Brief.as_dict() that holds that kind, in table order
BRIEF_KEYS = {
    "money": "money",
    "percentage": "percentages",
    "quantity": "quantities",
    "date": "dates",
    "person": "people",
    "instruction": "instructions",
    "priority": "priorities",
    "facility": "facilities",
}
QUOTES = "«»\"'“”„‘’"


# --- aligning text_respaced with the raw text ------------------------------------------------------


def respaced_to_raw(respaced: str, raw: str) -> list[int]:
    """Position in `raw` of every position of `respaced`, and of its end.

    `respaced` is `raw` with whitespace inserted; an inserted character maps to the next raw position,
    so a span [start, stop) of `respaced` is [positions[start], positions[stop]) of `raw`.
    """
    positions, j = [], 0
    for i, char in enumerate(respaced):
        positions.append(j)
        if j < len(raw) and raw[j] == char:
            j += 1
        elif not char.isspace():
            raise ValueError(f"not the raw text with whitespace inserted: {char!r} at {i}, raw {raw[j : j + 1]!r} at {j}")
    if j != len(raw):
        raise ValueError(f"the raw text runs on after the respaced one ends: {raw[j : j + 20]!r}")
    positions.append(j)
    return positions


def without_inserted(respaced: str, positions: list[int]) -> str:
    """The characters of `respaced` that the alignment found in the raw text: the raw text itself."""
    return "".join(char for i, char in enumerate(respaced) if positions[i + 1] > positions[i])


def _check_alignment() -> None:
    raw, respaced = "передаетTengrinews.kz.Как  сообщил", "передает Tengrinews.kz.\nКак  сообщил"
    positions = respaced_to_raw(respaced, raw)
    assert without_inserted(respaced, positions) == raw
    assert positions[8] == positions[9] == 8  # the inserted space points at "T"
    start, stop = respaced.index("Tengrinews"), respaced.index("Как") + 3
    assert raw[positions[start] : positions[stop]] == "Tengrinews.kz.Как"
    assert raw[positions[0] : positions[8]] == "передает"  # a span that ends at an inserted space
    assert respaced_to_raw("a b", "a b") == [0, 1, 2, 3]


_check_alignment()


# --- reading gold and running briefx --------------------------------------------------------------


@dataclass
class Article:
    id: str
    split: str
    published: datetime.date
    text: str  # the scored field
    gold: list[dict[str, Any]]  # span facts, offsets into `text`
    source: dict[str, Any] | None  # the gold source fact (publisher, origin)
    regions: list[str] | None
    predicted: dict[str, Any]  # Brief.as_dict(), {} when briefx raised
    error: str | None = None


def gold_by_article() -> dict[str, list[dict[str, Any]]]:
    facts: dict[str, list[dict[str, Any]]] = {}
    for layer in devgold.LAYERS:
        for doc_id, layer_facts in devgold.load(layer).items():
            facts.setdefault(doc_id, []).extend(layer_facts)
    return facts


def mapped(fact: dict[str, Any], positions: list[int]) -> dict[str, Any]:
    if "start" not in fact:
        return fact  # article-level: source, regions
    return {**fact, "start": positions[fact["start"]], "stop": positions[fact["stop"]]}


def aligned_gold(doc_id: str, facts: list[dict[str, Any]], respaced: str, raw: str) -> list[dict[str, Any]]:
    """The gold facts with their spans moved from `respaced` into `raw`, checked on the way."""
    positions = respaced_to_raw(respaced, raw)
    assert without_inserted(respaced, positions) == raw, doc_id
    out = []
    for fact in facts:
        moved = mapped(fact, positions)
        if "start" in fact:
            start, stop = fact["start"], fact["stop"]
            kept = without_inserted(respaced[start:stop], positions[start : stop + 1])
            assert raw[moved["start"] : moved["stop"]] == kept, (doc_id, fact)
        out.append(moved)
    return out


def read_articles(field: str, limit: int | None, pipeline: Any = None) -> list[Article]:
    """The gold articles (in articles.tsv order), each run once through `pipeline` (default: briefx's
    default pipeline) on `field`."""
    import briefx

    info = devgold.articles()
    ids = list(info)[:limit] if limit is not None else list(info)
    raw = devgold.texts(field)
    respaced = devgold.texts("text_respaced") if field != "text_respaced" else raw
    gold = gold_by_article()
    pipeline = pipeline or briefx.Pipeline()
    articles = []
    for doc_id in ids:
        facts = gold.get(doc_id, [])
        if field != "text_respaced":
            facts = aligned_gold(doc_id, facts, respaced[doc_id], raw[doc_id])
        published = datetime.date.fromisoformat(info[doc_id]["published"])
        predicted, error = run_briefx(pipeline, raw[doc_id], published, doc_id)
        articles.append(
            Article(
                doc_id,
                info[doc_id]["split"],
                published,
                raw[doc_id],
                [f for f in facts if f["kind"] in BRIEF_KEYS],
                next((f for f in facts if f["kind"] == "source"), None),
                next((f["regions"] for f in facts if f["kind"] == "regions"), None),
                predicted,
                error,
            )
        )
    return articles


def run_briefx(pipeline: Any, text: str, published: datetime.date, doc_id: str) -> tuple[dict[str, Any], str | None]:
    try:
        return pipeline(text, published=published, id=doc_id).as_dict(), None
    except Exception as error:  # noqa: BLE001 - scored as finding nothing, and reported
        return {}, f"{type(error).__name__}: {error}"


# --- comparing strings and values -----------------------------------------------------------------


def is_edge_junk(char: str) -> bool:
    """Punctuation or space that a span or a string may carry at its ends without meaning anything."""
    return char.isspace() or (unicodedata.category(char).startswith("P") and char != "%")


def normalize(value: Any) -> str:
    text = str(value).lower().replace("ё", "е").translate({ord(q): None for q in QUOTES})
    text = " ".join(text.split())
    start, stop = 0, len(text)
    while start < stop and is_edge_junk(text[start]):
        start += 1
    while stop > start and is_edge_junk(text[stop - 1]):
        stop -= 1
    return text[start:stop]


@functools.cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.cache
def lemma(word: str) -> str:
    return _morph().parse(word)[0].normal_form


def lemmas(value: Any) -> tuple[str, ...]:
    return tuple(lemma(word) for word in re.findall(r"\w+(?:-\w+)*", normalize(value)))


def same_text(gold: Any, pred: Any) -> bool:
    return normalize(gold) == normalize(pred)


def same_span_text(gold: Any, pred: Any) -> bool:
    """Period texts: spaces left out, as the glued raw text may lack some that the gold has."""
    return normalize(gold).replace(" ", "") == normalize(pred).replace(" ", "")


def same_surname(gold: Any, pred: Any) -> bool:
    gold_words, pred_words = normalize(gold).split(), normalize(pred).split()
    return bool(gold_words and pred_words) and gold_words[-1] == pred_words[-1]


def same_lemmas(gold: Any, pred: Any) -> bool:
    """Word by word the same lemmas, or the prediction is the gold's first words ("министр" of "министр финансов")."""
    gold_lemmas, pred_lemmas = lemmas(gold), lemmas(pred)
    return bool(pred_lemmas) and gold_lemmas[: len(pred_lemmas)] == pred_lemmas


def equal(gold: Any, pred: Any) -> bool:
    return gold == pred


@functools.cache
def facility_forms() -> dict[str, tuple[str, ...]]:
    """briefx's facility type code -> its nominative forms, normalized (data/facilities.tsv)."""
    table = resources.files("briefx").joinpath("data", "facilities.tsv").read_text(encoding="utf-8")
    forms = {}
    for line in table.splitlines():
        if line.strip() and not line.startswith("#"):
            code, *written = line.split("\t")
            forms[code.strip()] = tuple(normalize(form.removeprefix("=")) for form in written if form.strip())
    return forms


def type_agrees(gold: Any, code: Any) -> bool:
    """The gold lemma is one of the code's forms, or ends in the same word as one of them."""
    forms = facility_forms().get(str(code), ())
    gold_text = normalize(gold)
    return gold_text in forms or any(gold_text.split()[-1:] == form.split()[-1:] for form in forms)


def type_agrees_by_lemmas(gold: Any, code: Any) -> bool:
    return type_agrees(gold, code) or any(same_lemmas(gold, form) for form in facility_forms().get(str(code), ()))


# --- the fields scored ----------------------------------------------------------------------------


def key(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda fact: fact.get(name)


def number(value_key: str) -> Callable[[dict[str, Any]], Any]:
    """A fact's value as Decimal, or its range as (low, high); None when it has neither."""

    def read(fact: dict[str, Any]) -> Any:
        if fact.get(value_key) is not None:
            return Decimal(str(fact[value_key]))
        if fact.get("low") is None and fact.get("high") is None:
            return None
        return tuple(Decimal(str(fact[k])) if fact.get(k) is not None else None for k in ("low", "high"))

    return read


def true_or_none(name: str) -> Callable[[dict[str, Any]], Any]:
    """A flag is a relation only when set: "points": false on every percentage is no finding."""
    return lambda fact: True if fact.get(name) else None


def period_text(fact: dict[str, Any]) -> Any:
    period = fact.get("period")
    return period.get("text") if isinstance(period, dict) else period


def facility_type(fact: dict[str, Any]) -> Any:
    return fact.get("type") or fact.get("kind")  # the README calls briefx's key `kind`, as_dict() says `type`


@dataclass(frozen=True)
class Field:
    name: str
    gold: Callable[[dict[str, Any]], Any]
    pred: Callable[[dict[str, Any]], Any]
    same: Callable[[Any, Any], bool]
    lenient: Callable[[Any, Any], bool] | None = None

    def read(self, gold: dict[str, Any], pred: dict[str, Any] | None) -> tuple[Any, Any]:
        return self.gold(gold), (self.pred(pred) if pred is not None else None)


def plain(name: str, same: Callable[[Any, Any], bool] = equal, lenient: Callable[[Any, Any], bool] | None = None) -> Field:
    return Field(name, key(name), key(name), same, lenient)


def value_field(name: str, pred_key: str) -> Field:
    return Field(name, number("value"), number(pred_key), equal)


def period_field() -> Field:
    return Field("period", key("period"), period_text, same_span_text)


FIELDS: dict[str, tuple[Field, ...]] = {
    "money": (
        value_field("amount", "amount"),
        plain("currency"),
        plain("qualifier", same_text),
        plain("subject", same_text, same_lemmas),
        plain("purpose", same_text, same_lemmas),
        period_field(),
    ),
    "percentage": (
        value_field("value", "value"),
        plain("direction"),
        Field("points", true_or_none("points"), true_or_none("points"), equal),
        plain("subject", same_text, same_lemmas),
        period_field(),
    ),
    "quantity": (
        value_field("value", "value"),
        plain("unit"),
        plain("subject", same_text, same_lemmas),
        period_field(),
    ),
    "date": (plain("first"), plain("last"), plain("bound")),
    "person": (plain("name", same_text, same_surname), plain("role", same_text, same_lemmas)),
    "instruction": (plain("issuer", same_text, same_surname), plain("addressee", same_text, same_lemmas)),
    "priority": (plain("issuer", same_text, same_surname),),
    "facility": (
        Field("type", key("type"), facility_type, type_agrees, type_agrees_by_lemmas),
        plain("name", same_text, same_surname),
        plain("action"),
        plain("status"),
        plain("deadline"),
        Field("count", number("count"), number("count"), equal),
    ),
}
# Article-level: the gold source fact against briefx's `source` object.
SOURCE_FIELDS = (
    Field("publisher", key("publisher"), key("name"), same_text),
    Field("origin", key("origin"), key("origin"), same_text, same_lemmas),
)


# --- pairing and scoring --------------------------------------------------------------------------


def overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return max(0, min(a["stop"], b["stop"]) - max(a["start"], b["start"]))


def pair(golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[int, int]:
    """Gold index -> predicted index, one to one, overlapping spans only, the largest overlap first."""
    candidates = sorted(
        ((overlap(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds) if overlap(g, p) > 0),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in pairs and pi not in taken:
            pairs[gi] = pi
            taken.add(pi)
    return pairs


def stripped(text: str, fact: dict[str, Any]) -> tuple[int, int]:
    start, stop = fact["start"], fact["stop"]
    while start < stop and is_edge_junk(text[start]):
        start += 1
    while stop > start and is_edge_junk(text[stop - 1]):
        stop -= 1
    return start, stop


@dataclass
class Problem:
    """One entry of the errors file."""

    category: str  # miss | false positive | field | regions | briefx raised
    kind: str
    span: tuple[int, int] | None
    detail: str


def describe(fact: dict[str, Any] | None) -> str:
    """ "value=450 qualifier=около period=«2024 году»": a fact's non-null fields, nested facts by their text."""
    if fact is None:
        return "null"
    parts = []
    for name, value in fact.items():
        if name in ("kind", "text", "start", "stop", "sentence") or value in (None, False, [], ""):
            continue
        if isinstance(value, dict) and "text" in value:
            value = f"«{value['text']}»"
        parts.append(f"{name}={value}")
    return " ".join(parts)


def shown(value: Any) -> str:
    return "null" if value is None else f"«{value}»"


class Scorer:
    """Counts for one article: ("span", kind, what) and ("field", kind, field, what), plus its problems."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.counts: Counter = Counter()
        self.problems: list[Problem] = []

    def score(self) -> Scorer:
        if self.article.error:
            self.problems.append(Problem("briefx raised", "", None, self.article.error))
        for kind, brief_key in BRIEF_KEYS.items():
            golds = [f for f in self.article.gold if f["kind"] == kind]
            self.score_kind(kind, golds, list(self.article.predicted.get(brief_key) or []))
        self.score_source()
        self.score_regions()
        return self

    def score_kind(self, kind: str, golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> None:
        text, pairs = self.article.text, pair(golds, preds)
        beside_implicit = {pi for gi, pi in pairs.items() if golds[gi].get("implicit")}
        counted = [g for g in golds if not g.get("implicit")]
        self.counts["span", kind, "gold"] += len(counted)
        self.counts["span", kind, "pred"] += len(preds) - len(beside_implicit)
        for gi, gold in enumerate(golds):
            if gold.get("implicit"):
                continue
            pred = preds[pairs[gi]] if gi in pairs else None
            if pred is None:
                self.problems.append(Problem("miss", kind, (gold["start"], gold["stop"]), f"gold {describe(gold)}"))
            else:
                self.counts["span", kind, "paired"] += 1
                self.counts["span", kind, "exact"] += stripped(text, gold) == stripped(text, pred)
            self.score_fields(kind, FIELDS[kind], gold, pred)
        paired = set(pairs.values())
        for pi, pred in enumerate(preds):
            if pi not in paired:
                span = (pred["start"], pred["stop"])
                self.problems.append(Problem("false positive", kind, span, f"predicted {describe(pred)}"))

    def score_fields(self, kind: str, fields: Iterable[Field], gold: dict[str, Any], pred: dict[str, Any] | None) -> None:
        for field in fields:
            gold_value, pred_value = field.read(gold, pred)
            strict, lenient = self.tally(kind, field, gold_value, pred_value)
            if strict or (gold_value is None and pred_value is None) or pred is None:
                continue  # an unpaired gold fact is listed once, as a miss
            verdict = "; lenient: agrees" if lenient else ""
            span = (pred["start"], pred["stop"]) if "start" in pred else None
            detail = f"{field.name}: gold {shown(gold_value)}, predicted {shown(pred_value)}{verdict}"
            self.problems.append(Problem("field", kind, span, detail))

    def tally(self, kind: str, field: Field, gold_value: Any, pred_value: Any) -> tuple[bool, bool]:
        """(strict, lenient) agreement of one gold relation with its paired prediction, counted."""
        both = gold_value is not None and pred_value is not None
        strict = both and field.same(gold_value, pred_value)
        lenient = strict or (both and field.lenient is not None and field.lenient(gold_value, pred_value))
        self.counts["field", kind, field.name, "gold"] += gold_value is not None
        self.counts["field", kind, field.name, "pred"] += pred_value is not None
        self.counts["field", kind, field.name, "correct"] += strict
        self.counts["field", kind, field.name, "lenient"] += lenient
        return strict, lenient

    def score_source(self) -> None:
        if self.article.source is not None:
            self.score_fields("source", SOURCE_FIELDS, self.article.source, self.article.predicted.get("source") or {})

    def score_regions(self) -> None:
        gold, predicted = self.article.regions, self.article.predicted.get("regions")
        if gold is None or predicted is None:
            return  # briefx has no `regions` key yet (or the article has no gold regions)
        names = [r.get("name") if isinstance(r, dict) else r for r in predicted]
        self.counts["regions", "scored"] += 1
        if gold:
            self.counts["regions", "with"] += 1
            right = bool(names) and same_text(gold[0], names[0])
            self.counts["regions", "first right"] += right
        else:
            self.counts["regions", "without"] += 1
            right = not names
            self.counts["regions", "none right"] += right
        if not right:
            self.problems.append(Problem("regions", "", None, f"gold {gold}, predicted {names}"))


# --- tables ---------------------------------------------------------------------------------------


def prf(correct_pred: int, pred: int, correct_gold: int, gold: int) -> tuple[float | None, float | None, float | None]:
    """Precision and recall (None when nothing to divide by), F1 with a missing one taken as 0."""
    p = correct_pred / pred if pred else None
    r = correct_gold / gold if gold else None
    if p is None and r is None:
        return p, r, None
    both = (p or 0.0) + (r or 0.0)
    return p, r, (2 * (p or 0.0) * (r or 0.0) / both if both else 0.0)


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def span_scores(counts: Counter) -> dict[str, dict[str, Any]]:
    out = {}
    for kind, brief_key in BRIEF_KEYS.items():
        gold, pred = counts["span", kind, "gold"], counts["span", kind, "pred"]
        paired, exact = counts["span", kind, "paired"], counts["span", kind, "exact"]
        p, r, f = prf(paired, pred, paired, gold)
        ep, er, ef = prf(exact, pred, exact, gold)
        out[brief_key] = {"gold": gold, "pred": pred, "paired": paired, "exact": exact, "precision": p, "recall": r, "f1": f}
        out[brief_key] |= {"exact_precision": ep, "exact_recall": er, "exact_f1": ef}
    return out


def field_scores(counts: Counter) -> dict[str, dict[str, Any]]:
    out = {}
    for kind, fields in [*FIELDS.items(), ("source", SOURCE_FIELDS)]:
        for field in fields:
            gold, pred, correct, lenient = (
                counts["field", kind, field.name, what] for what in ("gold", "pred", "correct", "lenient")
            )
            p, r, f = prf(correct, pred, correct, gold)
            row = {"gold": gold, "pred": pred, "correct": correct, "precision": p, "recall": r, "f1": f}
            if field.lenient is not None:
                lp, lr, lf = prf(lenient, pred, lenient, gold)
                row |= {"lenient_correct": lenient, "lenient_precision": lp, "lenient_recall": lr, "lenient_f1": lf}
            out[f"{BRIEF_KEYS.get(kind, kind)}.{field.name}"] = row
    return out


def region_scores(counts: Counter) -> dict[str, Any] | None:
    if not counts["regions", "scored"]:
        return None
    with_, without = counts["regions", "with"], counts["regions", "without"]
    return {
        "articles_with_regions": with_,
        "first_region_right": counts["regions", "first right"],
        "first_region_accuracy": counts["regions", "first right"] / with_ if with_ else None,
        "articles_without_regions": without,
        "no_region_right": counts["regions", "none right"],
        "no_region_accuracy": counts["regions", "none right"] / without if without else None,
    }


def span_table(spans: dict[str, dict[str, Any]]) -> str:
    rows = ["| kind | gold | pred | P | R | F1 | exact F1 |", "|---|--:|--:|--:|--:|--:|--:|"]
    for name, s in spans.items():
        rows.append(
            f"| {name} | {s['gold']} | {s['pred']} | {_f(s['precision'])} | {_f(s['recall'])} | **{_f(s['f1'])}** "
            f"| {_f(s['exact_f1'])} |"
        )
    return "\n".join(rows)


def field_table(fields: dict[str, dict[str, Any]]) -> str:
    rows = [
        "| kind | field | gold | pred | correct | P | R | F1 | lenient P | lenient R |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, s in fields.items():
        kind, field = name.split(".")
        lenient = f"{_f(s['lenient_precision'])} | {_f(s['lenient_recall'])}" if "lenient_correct" in s else "— | —"
        rows.append(
            f"| {kind} | {field} | {s['gold']} | {s['pred']} | {s['correct']} | {_f(s['precision'])} | {_f(s['recall'])} "
            f"| **{_f(s['f1'])}** | {lenient} |"
        )
    return "\n".join(rows)


def region_line(regions: dict[str, Any] | None) -> str:
    if regions is None:
        return "regions: not scored (briefx has no `regions` key yet)"
    return (
        f"regions: first region right {regions['first_region_right']}/{regions['articles_with_regions']} "
        f"({_f(regions['first_region_accuracy'])}) of the articles whose gold has regions; no region "
        f"{regions['no_region_right']}/{regions['articles_without_regions']} ({_f(regions['no_region_accuracy'])}) "
        "of those whose gold has none"
    )


# --- the errors file ------------------------------------------------------------------------------


def around(text: str, span: tuple[int, int]) -> str:
    start, stop = span
    left, right = max(0, start - CONTEXT), min(len(text), stop + CONTEXT)
    marked = f"{'…' * (left > 0)}{text[left:start]}⟦{text[start:stop]}⟧{text[stop:right]}{'…' * (right < len(text))}"
    return " ".join(marked.split())


def write_errors(path: Path, field: str, scored: list[Scorer]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(f"# briefx against the dev gold on `{field}`: per article every missed gold fact, false positive\n")
        out.write("# and field disagreement. [start:stop] «span» detail, then the text around it with the span in ⟦…⟧.\n")
        for scorer in scored:
            article = scorer.article
            if not scorer.problems:
                continue
            out.write(f"\n== {article.id} ({article.split}, published {article.published}): {len(scorer.problems)}\n")
            for problem in sorted(scorer.problems, key=lambda p: (p.span or (-1, -1), p.category)):
                out.write(entry(article.text, problem))


def entry(text: str, problem: Problem) -> str:
    kind = f" {problem.kind}" if problem.kind else ""
    if problem.span is None:
        return f"{problem.category.upper()}{kind}: {problem.detail}\n"
    start, stop = problem.span
    head = f"{problem.category.upper()}{kind} [{start}:{stop}] «{text[start:stop]}» {problem.detail}"
    return f"{head}\n    {around(text, problem.span)}\n"


# --- main -----------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--field", choices=("text_respaced", "text"), default="text_respaced", help="the article text scored")
    parser.add_argument("--split", choices=SPLITS, default=None, help="print one split (default: dev, heldout and all)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of articles.tsv")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of the default errors file")
    parser.add_argument("--errors", type=Path, default=None, help="errors file (default OUT/devscore_errors_<field>.txt)")
    parser.add_argument("--json", type=Path, default=None, help="write every number to this file")
    parser.add_argument("--syntax", action="store_true", help="score Pipeline(syntax=True): relations also read off the parse")
    return parser


def in_split(article: Article, split: str) -> bool:
    return split == "all" or article.split == split


def summed(scored: list[Scorer], split: str) -> Counter:
    total: Counter = Counter()
    for scorer in scored:
        if in_split(scorer.article, split):
            total.update(scorer.counts)
    return total


def split_results(scored: list[Scorer]) -> dict[str, dict[str, Any]]:
    results = {}
    for split in SPLITS:
        counts = summed(scored, split)
        results[split] = {
            "articles": sum(in_split(s.article, split) for s in scored),
            "spans": span_scores(counts),
            "fields": field_scores(counts),
            "regions": region_scores(counts),
        }
    return results


def print_split(split: str, result: dict[str, Any]) -> None:
    print(f"\n## {split}: {result['articles']} articles\n\n### spans (overlap, paired one to one)\n")
    print(span_table(result["spans"]))
    print("\n### fields (over paired facts; unpaired gold counts as missed)\n")
    print(field_table(result["fields"]))
    print(f"\n{region_line(result['regions'])}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    import briefx

    articles = read_articles(args.field, args.limit, briefx.Pipeline(syntax=args.syntax))
    scored = [Scorer(article).score() for article in articles]
    results = split_results(scored)
    route = " with Pipeline(syntax=True)" if args.syntax else ""
    print(
        f"briefx{route} on the dev gold, field `{args.field}`: {len(articles)} articles in {time.perf_counter() - started:.1f} s"
    )
    for split in [args.split] if args.split else SPLITS:
        print_split(split, results[split])
    failed = [f"{a.id}: {a.error}" for a in articles if a.error]
    for line in failed:
        print(f"briefx raised on {line} (scored as finding nothing)")
    # Held-out articles are measured, never read: their errors are written only when asked for.
    listed = [s for s in scored if in_split(s.article, args.split or "dev")]
    errors = args.errors or args.out / f"devscore_errors_{args.field}.txt"
    write_errors(errors, args.field, listed)
    print(f"\nerrors ({args.split or 'dev'} articles): {errors}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        document = {"date": time.strftime("%Y-%m-%d"), "field": args.field, "limit": args.limit, "briefx_raised": failed}
        args.json.write_text(json.dumps({**document, "splits": results}, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"numbers: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
