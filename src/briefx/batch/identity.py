"""The inputs and options of a run -> its identity, a small JSON object stored with the output, so that
--resume continues only the run that made it.

A file is identified by its resolved path, size and a hash of its first and last SAMPLE_BYTES; a folder
by the names and sizes of every file it holds and a hash of its first and last file's samples. Two
archives of one name, an archive that has grown or an option that changes the output (another text
field, --meta, a time limit, …) make another identity. Standard input and URLs are only named: for
them the CLI still checks the first document after the cut against the output.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from briefx.batch.sources import ReadOptions, expand, is_url

SAMPLE_BYTES = 64 * 1024


def describe(paths: Iterable[str], options: ReadOptions, settings: Mapping[str, Any], version: str) -> dict[str, Any]:
    """The identity of a run over `paths`; `settings` are the output options that change what is
    written (format, --meta, --timeout, …), `version` the briefx that writes it."""
    reading = {field.name: getattr(options, field.name) for field in dataclasses.fields(options)}
    return {
        "briefx": version,
        "inputs": [_input(path, options) for path in paths],
        "settings": {**reading, **settings},
    }


def differences(stored: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """What differs between two identities, in words: ["input s.jsonl: size 1200, now 1500", …]."""
    found = []
    if stored.get("briefx") != current["briefx"]:
        found.append(f"written by briefx {stored.get('briefx')}, this is {current['briefx']}")
    before, now = stored.get("inputs", []), current["inputs"]
    if [i.get("path") for i in before] != [i["path"] for i in now]:
        names = ", ".join(str(i.get("path")) for i in before) or "nothing"
        found.append(f"made from {names}")
    else:
        for old, new in zip(before, now, strict=True):
            changed = [f"{key} {old.get(key)!r}, now {new[key]!r}" for key in new if old.get(key) != new[key]]
            if changed:
                found.append(f"input {new['path']}: " + "; ".join(changed))
    old_settings, new_settings = stored.get("settings", {}), current["settings"]
    for key in sorted(set(old_settings) | set(new_settings)):
        if old_settings.get(key) != new_settings.get(key):
            found.append(f"{key} was {old_settings.get(key)!r}, now {new_settings.get(key)!r}")
    return found


def _input(path: str, options: ReadOptions) -> dict[str, Any]:
    if path == "-" or is_url(path):
        return {"path": path}
    resolved = Path(path).resolve()
    if not resolved.is_dir():
        return {"path": str(resolved), **_file(resolved)}
    files = [Path(entry.source) for entry in expand([path], options)]
    listing = hashlib.sha256()
    total = 0
    for file in files:
        size = _size(file)
        total += size
        listing.update(f"{file.relative_to(path)}\0{size}\n".encode("utf-8", "surrogateescape"))
    ends = hashlib.sha256()
    for file in files[:1] + files[-1:]:
        ends.update(_file(file)["sample"].encode())
    return {"path": str(resolved), "files": len(files), "size": total, "listing": listing.hexdigest(), "sample": ends.hexdigest()}


def _file(path: Path) -> dict[str, Any]:
    """Size and a hash of the first and last SAMPLE_BYTES (of the stored bytes: a .gz is not unpacked)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            digest.update(stream.read(SAMPLE_BYTES))
            if size > SAMPLE_BYTES:
                stream.seek(max(size - SAMPLE_BYTES, SAMPLE_BYTES))
                digest.update(stream.read(SAMPLE_BYTES))
    except OSError as error:  # unreadable: its documents become error records; name why here
        return {"size": None, "sample": f"unreadable: {error.strerror}"}
    return {"size": size, "sample": digest.hexdigest()}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1
