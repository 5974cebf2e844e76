"""How long `briefx report` takes over a large run: the Tengrinews sample repeated (new ids) to about 10^4
documents, extracted once to SQLite (and to a folder of pages), then the report timed from the command
line as a user runs it, wall clock and CPU, with the Vega bundle cached and once with an empty cache.

    python bench/report_speed.py                      # 33 copies: 10,032 documents
    python bench/report_speed.py --folder /tmp/big    # keep (and reuse) the archive, run and pages there
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch_scaling import SAMPLE, write_archive


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of a command run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument(
        "--copies", type=int, default=33, help="the sample repeated this many times (default: 33, 10,032 documents)"
    )
    parser.add_argument(
        "--folder", type=Path, help="where to keep the archive, the run and the pages (default: a temporary folder)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-pages", action="store_true", help="time the report without --pages (and do not make the pages)")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="briefx-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    archive, run, pages, page = folder / "archive.jsonl", folder / "run.sqlite", folder / "pages", folder / "report.html"
    briefx = [sys.executable, "-m", "briefx"]
    if not archive.exists():
        documents = len(write_archive(args.sample, args.copies, archive))
        print(f"{archive}: {documents} documents")
    if not run.exists():
        wall, _ = timed([*briefx, str(archive), "-o", str(run), "-q"])
        print(f"extracted to {run} in {wall:.0f} s")
    if not args.no_pages and not (pages / "index.html").exists():
        wall, _ = timed([*briefx, str(archive), "-f", "html", "-o", f"{pages}/", "-q"])
        print(f"pages in {pages} in {wall:.0f} s")
    report = [*briefx, "report", str(run), "-o", str(page), *([] if args.no_pages else ["--pages", str(pages)])]
    with tempfile.TemporaryDirectory() as empty:
        wall, cpu = timed(report, env={**os.environ, "BRIEFX_CACHE_DIR": empty})
        print(f"empty bundle cache: {wall:.2f} s wall, {cpu:.2f} s CPU")
    timed(report)  # fills the cache the next rounds read
    for number in range(args.rounds):
        wall, cpu = timed(report)
        print(f"round {number + 1}, bundle cached: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"{page}: {page.stat().st_size / 1e6:.1f} MB; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
