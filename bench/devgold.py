"""The Tengrinews dev gold (fixtures/dev/): choose its articles, turn annotations into offsets, check them.

    python bench/devgold.py select                       # (re)write fixtures/dev/articles.tsv
    python bench/devgold.py build LAYER ANNOTATIONS.jsonl  # snippets -> fixtures/dev/LAYER.jsonl (offsets)
    python bench/devgold.py check [LAYER …]              # every span inside its article, fields valid
    python bench/devgold.py show LAYER [ID]              # the gold with its text, for review

Annotators write JSON Lines, one article a line: {"id": …, "facts": [{"kind": …, "text": "exact
substring", "nth": 1, …fields}]} where `text` is the span as it stands in `text_respaced` and `nth`
the occurrence (1-based, default 1). `build` replaces text/nth with start/stop: the stored gold keeps
offsets and values, never the article text (its licence allows internal evaluation only). Article-level
annotations (source, regions) are facts without text. See fixtures/dev/GUIDELINES.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import corpora

DEV = corpora.REPO / "fixtures" / "dev"
ARTICLES = DEV / "articles.tsv"
SIZE, HELDOUT_EVERY = 80, 4  # every 4th article (in hash order) is held out: measured, never tuned on
# Articles with these cues are taken first (in hash order, up to a quota each), then any, up to SIZE:
# a random sample would hold too few instructions and amounts to measure them.
CUES = {
    "instruction": (r"поруч|распоряж|указани", 18),
    "money": (r"тенге|рубл|доллар|евро", 24),
    "percent": (r"%|процент", 16),
    "facility": (r"строительств|ремонт|реконструкц|водохранилищ|дамб|мост|дорог|школ|больниц", 24),
}
LAYERS = ("numbers", "dates", "people", "facilities")
ARTICLE_KINDS = {"source", "regions"}  # facts about the whole article: no span


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def rows() -> list[dict[str, Any]]:
    with corpora.TENGRINEWS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def select() -> None:
    by_hash = sorted(rows(), key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
    chosen: list[str] = []
    for pattern, quota in CUES.values():
        matching = [r["id"] for r in by_hash if re.search(pattern, r["text_respaced"], re.IGNORECASE)]
        chosen += [i for i in matching[:quota] if i not in chosen]
    chosen += [r["id"] for r in by_hash if r["id"] not in chosen][: max(0, SIZE - len(chosen))]
    keep = set(chosen[:SIZE])
    DEV.mkdir(parents=True, exist_ok=True)
    with ARTICLES.open("w", encoding="utf-8") as out:
        out.write("# id\tsplit\tpublished\tsha1 of text_respaced (first 12 hex digits)\n")
        for n, row in enumerate(r for r in by_hash if r["id"] in keep):
            split = "heldout" if n % HELDOUT_EVERY == HELDOUT_EVERY - 1 else "dev"
            out.write(f"{row['id']}\t{split}\t{row['datetime'][:10]}\t{digest(row['text_respaced'])}\n")
    print(f"{len(keep)} articles -> {ARTICLES}")


def articles() -> dict[str, dict[str, str]]:
    """id -> {split, published, sha1} from articles.tsv."""
    out = {}
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            doc_id, split, published, sha1 = line.split("\t")
            out[doc_id] = {"split": split, "published": published, "sha1": sha1}
    return out


def texts(field: str = "text_respaced") -> dict[str, str]:
    wanted = articles()
    return {r["id"]: r[field] for r in rows() if r["id"] in wanted}


def build(layer: str, annotations: Path) -> None:
    known, text_of = articles(), texts()
    out, problems = [], []
    for number, line in enumerate(annotations.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        entry = json.loads(line)
        doc_id = entry["id"]
        if doc_id not in known:
            problems.append(f"line {number}: {doc_id} is not a dev article")
            continue
        text, facts = text_of[doc_id], []
        for fact in entry["facts"]:
            fact = dict(fact)
            if fact["kind"] not in ARTICLE_KINDS:
                snippet, nth = fact.pop("text"), fact.pop("nth", 1)
                start = _nth(text, snippet, nth)
                if start < 0:
                    problems.append(f"{doc_id}: {snippet!r} (occurrence {nth}) not in the text")
                    continue
                fact = {"kind": fact.pop("kind"), "start": start, "stop": start + len(snippet), **fact}
            facts.append(fact)
        facts.sort(key=lambda f: (f.get("start", -1), f.get("stop", -1)))
        out.append({"id": doc_id, "sha1": known[doc_id]["sha1"], "facts": facts})
    if problems:
        raise SystemExit("\n".join(problems))
    path = DEV / f"{layer}.jsonl"
    with path.open("w", encoding="utf-8") as sink:
        for entry in sorted(out, key=lambda e: e["id"]):
            sink.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"{len(out)} articles, {sum(len(e['facts']) for e in out)} facts -> {path}")


def _nth(text: str, snippet: str, nth: int) -> int:
    pos = -1
    for _ in range(nth):
        pos = text.find(snippet, pos + 1)
        if pos < 0:
            return -1
    return pos


def load(layer: str) -> dict[str, list[dict[str, Any]]]:
    """id -> facts of one gold layer."""
    path = DEV / f"{layer}.jsonl"
    with path.open(encoding="utf-8") as lines:
        return {e["id"]: e["facts"] for e in map(json.loads, lines)}


def check(layers: list[str]) -> int:
    known, text_of = articles(), texts()
    bad = 0
    for doc_id, info in known.items():
        if digest(text_of[doc_id]) != info["sha1"]:
            print(f"{doc_id}: the text changed since it was annotated")
            bad += 1
    for layer in layers:
        path = DEV / f"{layer}.jsonl"
        if not path.exists():
            print(f"{layer}: not annotated yet")
            continue
        for doc_id, facts in load(layer).items():
            text = text_of.get(doc_id)
            for fact in facts:
                if "start" in fact and (text is None or not 0 <= fact["start"] < fact["stop"] <= len(text)):
                    print(f"{layer} {doc_id}: span {fact['start']}:{fact['stop']} outside the text")
                    bad += 1
        print(f"{layer}: {sum(len(f) for f in load(layer).values())} facts in {len(load(layer))} articles")
    return 1 if bad else 0


def show(layer: str, only: str | None) -> None:
    text_of = texts()
    for doc_id, facts in load(layer).items():
        if only and doc_id != only:
            continue
        print(f"== {doc_id}")
        for fact in facts:
            fields = {k: v for k, v in fact.items() if k not in ("start", "stop", "kind")}
            quoted = text_of[doc_id][fact["start"] : fact["stop"]] if "start" in fact else ""
            print(f"  {fact['kind']:<12} {quoted!r:<45} {json.dumps(fields, ensure_ascii=False)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("select")
    b = sub.add_parser("build")
    b.add_argument("layer", choices=LAYERS)
    b.add_argument("annotations", type=Path)
    c = sub.add_parser("check")
    c.add_argument("layers", nargs="*", default=list(LAYERS))
    s = sub.add_parser("show")
    s.add_argument("layer", choices=LAYERS)
    s.add_argument("id", nargs="?")
    args = parser.parse_args()
    if args.command == "select":
        select()
    elif args.command == "build":
        build(args.layer, args.annotations)
    elif args.command == "check":
        sys.exit(check(args.layers))
    else:
        show(args.layer, args.id)


if __name__ == "__main__":
    main()
