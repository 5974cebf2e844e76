"""Batch runs over news archives: read (sources), extract on a process pool or Dask (runner,
cluster), write JSON Lines, CSV, Parquet, SQLite or HTML (sinks), resumably.

`briefx.batch(...)` is runner.batch; its submodules are imported as `briefx.batch.<module>`.
"""

from briefx.batch.records import Document, Failure, Result, Tally
from briefx.batch.runner import batch, run
from briefx.batch.sources import ReadOptions, read

__all__ = ["Document", "Failure", "ReadOptions", "Result", "Tally", "batch", "read", "run"]
