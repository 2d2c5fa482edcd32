"""Progress lines on stderr for long work: at most one line a second, only after the first two seconds."""

from __future__ import annotations

import sys
import time


class Progress:
    """Call ``tick(done, **figures)`` often; it prints ``label: done/total ...`` now and then."""

    def __init__(self, label: str, total: int | None = None, enabled: bool = True, stream=None):
        self.label, self.total, self.enabled = label, total, enabled
        self.stream = stream or sys.stderr
        self.start = self.last = time.perf_counter()
        self.printed = False

    def tick(self, done: int, **figures) -> None:
        now = time.perf_counter()
        if not self.enabled or now - self.start < 2.0 or now - self.last < 1.0:
            return
        self.last = now
        self._line(done, now, figures)

    def _line(self, done, now, figures):
        rate = done / max(now - self.start, 1e-9)
        total = f"/{self.total}" if self.total else ""
        extra = "".join(f", {k.replace('_', ' ')} {v}" for k, v in figures.items())
        print(
            f"{self.label}: {done}{total}{extra} ({rate:.0f}/s, {now - self.start:.0f} s)", file=self.stream, flush=True
        )
        self.printed = True

    def done(self, done: int, **figures) -> None:
        if self.enabled and self.printed:
            self._line(done, time.perf_counter(), figures)
