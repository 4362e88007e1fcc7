"""Counting long work for a progress callable ``(done, total, message)`` (the UI's progress dialog
or the CLI's text bar). The callable may raise ``core.errors.Cancelled``: the service lets it
propagate so its transaction rolls back."""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[int, int, str], None]


class Steps:
    """``step(message)`` counts one unit; the callable hears of it every ``every`` units."""

    def __init__(self, progress: ProgressFn | None, total: int, every: int = 500):
        self.progress = progress
        self.total = max(total, 1)
        self.every = every
        self.done = 0

    def __call__(self, message: str, units: int = 1) -> None:
        before = self.done // self.every
        self.done = min(self.done + units, self.total)
        if self.progress is not None and (self.done // self.every != before or self.done == self.total):
            self.progress(self.done, self.total, message)

    def report(self, message: str) -> None:
        """Tell the callable where the work stands now (a phase begins)."""
        if self.progress is not None:
            self.progress(self.done, self.total, message)

    def finish(self, message: str) -> None:
        self.done = self.total
        self.report(message)
