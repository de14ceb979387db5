"""A progress bar with the time left, for commands that take a while (`careermap demo --people
100000`). Small enough to keep here rather than add a dependency for it.

On a terminal the bar redraws one line in place, at most ten times a second; elsewhere (a log,
a pipe) it writes a line at every tenth of the way, so logs stay short."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30


def duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


class ProgressBar:
    def __init__(
        self,
        total: int,
        *,
        stream: TextIO,
        label: str = "",
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total = max(1, total)
        self.stream = stream
        self.label = label
        self.clock = clock
        self.done = 0
        self.started = clock()
        self.drawn_at = float("-inf")
        self.tenths_written = -1
        self.live = bool(getattr(stream, "isatty", lambda: False)())

    def stage(self, label: str) -> None:
        """Name what is being done now; the bar and the time left go on across stages."""
        self.label = label
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        self._draw()

    def finish(self) -> None:
        self.done = self.total
        self.label = ""
        self._draw(force=True)
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        share = self.done / self.total
        filled = int(share * WIDTH)
        elapsed = self.clock() - self.started
        if self.done == self.total:
            left = f"done in {duration(elapsed)}"
        elif share >= 0.01 and elapsed > 0:
            left = f"about {duration(elapsed / share - elapsed)} left"
        else:
            left = "estimating time left"
        bar = "#" * filled + "-" * (WIDTH - filled)
        return f"[{bar}] {int(share * 100):3d}%  {left}  {self.label}".rstrip()

    def _draw(self, *, force: bool = False) -> None:
        now = self.clock()
        if self.live:
            if force or now - self.drawn_at >= 0.1 or self.done == self.total:
                # Padding wipes what a longer line before left behind.
                self.stream.write("\r" + self.line().ljust(100))
                self.stream.flush()
                self.drawn_at = now
            return
        tenths = self.done * 10 // self.total
        if force or tenths > self.tenths_written:
            self.tenths_written = tenths
            self.stream.write(self.line() + "\n")
            self.stream.flush()
