"""Driving the modal dialogs the visit screens open (``exec()`` blocks the test until closed)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

TRIES = 250          # 5 s


def when_dialog_opens(cls, action) -> None:
    """Run ``action(dialog)`` on the next shown dialog of class ``cls`` (looked up by class, not as
    "the active modal widget", which may be a stale window of an earlier test)."""
    tries = [0]

    def run():
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
        if found:
            action(found[-1])
        elif tries[0] < TRIES:
            tries[0] += 1
            QTimer.singleShot(20, run)

    QTimer.singleShot(0, run)


def double_click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=rect.center())
