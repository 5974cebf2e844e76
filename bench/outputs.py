"""Hash of `Brief.as_dict()` over every evaluation text: a refactor must leave it unchanged.

    python bench/outputs.py                      # prints one hash per corpus and a total
    python bench/outputs.py --dump out.jsonl     # also writes every document's output, to diff two runs
    python bench/outputs.py --diff a.jsonl b.jsonl   # which documents and fact kinds changed

Corpora: Tengrinews `text_respaced` and `text`, NEREL train (../shared/data, read in place).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import briefx
import corpora


def documents() -> list[tuple[str, str, str]]:
    """(corpus, id, text) for every evaluation text."""
    out = [("tengrinews.text_respaced", d.id, d.text) for d in corpora.tengrinews(field="text_respaced")]
    out += [("tengrinews.text", d.id, d.text) for d in corpora.tengrinews(field="text")]
    out += [("nerel.train", d.id, d.text) for d in corpora.nerel()]
    return out


def run(dump: Path | None) -> dict[str, str]:
    pipeline = briefx.Pipeline()
    hashes: dict[str, hashlib._Hash] = {}
    total = hashlib.sha256()
    sink = dump.open("w", encoding="utf-8") if dump else None
    try:
        for corpus, doc_id, text in documents():
            line = json.dumps({"corpus": corpus, **pipeline(text, id=doc_id).as_dict()}, ensure_ascii=False, sort_keys=True)
            hashes.setdefault(corpus, hashlib.sha256()).update(line.encode("utf-8"))
            total.update(line.encode("utf-8"))
            if sink:
                sink.write(line + "\n")
    finally:
        if sink:
            sink.close()
    return {**{k: h.hexdigest()[:16] for k, h in hashes.items()}, "total": total.hexdigest()[:16]}


def diff(a: Path, b: Path) -> None:
    def load(path: Path) -> dict[tuple[str, str], dict]:
        rows = (json.loads(line) for line in path.open(encoding="utf-8"))
        return {(r["corpus"], r["id"]): r for r in rows}

    old, new = load(a), load(b)
    changed: dict[str, int] = {}
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key, {}), new.get(key, {})
        for kind in sorted(before.keys() | after.keys()):
            if before.get(kind) != after.get(kind):
                changed[kind] = changed.get(kind, 0) + 1
                print(f"{key[0]} {key[1]} {kind}")
    print("documents changed per key:", changed or "none", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump", type=Path, help="write every document's output (JSON Lines) here")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"), help="compare two dumps")
    args = parser.parse_args()
    if args.diff:
        diff(*args.diff)
        return
    for corpus, digest in run(args.dump).items():
        print(f"{corpus}\t{digest}")


if __name__ == "__main__":
    main()
