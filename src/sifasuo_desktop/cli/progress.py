"""A text progress bar for long work in the terminal (the window shows a dialog instead)."""

from __future__ import annotations

import sys


class TextProgress:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.cancelled = False

    def __call__(self, done: int, total: int, message: str = "") -> None:
        width = 30
        filled = int(width * done / total) if total else width
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {message[:40]:<40}")
        if total and done >= total:
            self.stream.write("\n")
        self.stream.flush()
