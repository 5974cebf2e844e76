"""Ctrl-C in the middle of a run, at a chosen document: the tests of resume, locks and page names use it."""

from __future__ import annotations

import os
import signal


def interrupt_after(monkeypatch, sink_class: type, seq: int) -> None:
    """SIGINT to this process right after `sink_class` has written the result numbered `seq`."""
    real = sink_class.write

    def interrupted(self, result):
        real(self, result)
        if result.seq == seq:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(sink_class, "write", interrupted)
