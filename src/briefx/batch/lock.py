"""An output path -> an exclusive lock on it for the whole run, so two runs never write one output.

The lock is a file beside the output (`<out>.lock`; `.briefx-lock` inside an HTML folder) held with
flock(2). The kernel drops the lock when its owner exits in any way, `kill -9` included, so a lock file
left behind is stale and simply taken over; the file only names the owner for the message a second
writer gets. Processes forked while a lock is held (the worker pool) close their copy of it: they
never write the output, and an orphaned worker must not keep the lock after its parent was killed.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class LockedError(RuntimeError):
    """Another process holds the lock of this output."""


_HELD: set[int] = set()  # descriptors of the locks this process holds


def _close_in_child() -> None:
    for descriptor in _HELD:
        os.close(descriptor)  # the parent's lock lives on: flock belongs to the open file, not the descriptor
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


class OutputLock:
    """`with OutputLock(path, output):` holds the lock file `path` for `output` (named in messages)."""

    def __init__(self, path: str | os.PathLike[str], output: str | os.PathLike[str]):
        self.path = Path(path)
        self.output = os.fspath(output)
        self.descriptor: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise LockedError naming its owner."""
        while True:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(descriptor):
                owner = os.read(descriptor, 200).decode("utf-8", "replace").strip() or "owner unknown"
                os.close(descriptor)
                raise LockedError(
                    f"{self.output} is being written by another briefx run ({owner}; lock {self.path}): "
                    "wait for it to finish, or choose another output"
                )
            if _same_file(descriptor, self.path):
                break
            os.close(descriptor)  # its owner removed it as we opened it: lock the file now at that path
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"pid {os.getpid()} on {socket.gethostname()}\n".encode())
        self.descriptor = descriptor
        _HELD.add(descriptor)

    def release(self) -> None:
        """Remove the lock file and let go; safe to call twice."""
        if self.descriptor is None:
            return
        descriptor, self.descriptor = self.descriptor, None
        _HELD.discard(descriptor)
        if fcntl is not None:
            # Removed while still held: a process that opened this file meanwhile finds it gone and retries.
            self.path.unlink(missing_ok=True)
            os.close(descriptor)
        else:
            os.close(descriptor)  # Windows cannot remove an open file
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        self.release()


def _try_lock(descriptor: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
    except OSError:  # BlockingIOError where flock exists; PermissionError from msvcrt
        return False
    return True


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except FileNotFoundError:
        return False
