"""Tabs that read their lists only when they are the current tab of the main window.

Building the main window constructs every tab; a hidden tab that read its list then (20,000
mediation cases, thousands of visits) slowed the start for nothing (scripts/bench_district.py).
A tab with this mixin implements ``load()``; ``refresh()`` skips it while another tab of the
main window is in front, as selecting a tab refreshes it (``MainWindow._on_tab_changed``). A tab
used on its own (``window_`` None: tests, a dialog) always loads.
"""

from __future__ import annotations


class LoadsWhenCurrent:
    """Mixin for a QWidget tab with ``window_`` (the main window or None) and ``load()``."""

    def load(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        window = self.window_
        front = window.tabs.currentWidget() if window is not None else None
        if front is None or front is self:
            self.load()
