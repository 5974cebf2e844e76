"""The paths a run writes and the paths it reads -> a refusal when they meet.

`briefx s.jsonl -o s.jsonl` would empty the archive before reading it, and pages written into the
folder being read would be read back as articles on the next run. Paths are compared after resolving
symlinks and relative parts, and existing files also by inode (a hard link is the same file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


class OverlapError(ValueError):
    """An output would overwrite an input, lie inside an input folder, or hold an input."""


def check_disjoint(outputs: Iterable[str | os.PathLike[str]], inputs: Iterable[str]) -> None:
    """Raise OverlapError when any output is, lies inside, or holds any input. Standard input ("-")
    and URLs are not paths here and never overlap."""
    sources = [Path(path) for path in inputs if path != "-" and "://" not in path]
    for output in outputs:
        for source in sources:
            relation = _relation(Path(output), source)
            if relation is not None:
                raise OverlapError(f"the output {os.fspath(output)} {relation} the input {source}: choose another output")


def _relation(target: Path, source: Path) -> str | None:
    target, source = target.resolve(), source.resolve()
    if target == source or _same_file(target, source):
        return "is"
    if source in target.parents:
        return "lies inside"
    if target in source.parents:  # an output folder that holds the input
        return "holds"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): not the same file
        return False
