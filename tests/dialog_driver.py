"""Driving modal dialogs in pytest-qt tests: ``exec()`` blocks, so the test's hand in the dialog
runs from a timer inside the dialog's own event loop, once the dialog is really showing."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget


class ModalHand:
    """``hand.when(SomeDialog, fn)`` runs ``fn(dialog)`` when a ``SomeDialog`` is the active modal
    window; ``fn`` is expected to close it. If it never shows within ``timeout`` seconds, or is
    still open after ``fn``, the modal is rejected (so the test cannot hang) and ``hand.missed``
    says so; ``hand.done`` counts completed steps."""

    def __init__(self, timeout: float = 5.0):
        self.timeout = timeout
        self.done = 0
        self.missed: list[str] = []

    def when(self, cls: type[QDialog], fn: Callable[[QDialog], object]) -> None:
        deadline = time.monotonic() + self.timeout

        def poll() -> None:
            widget = QApplication.activeModalWidget()
            if isinstance(widget, cls) and widget.isVisible():
                try:
                    fn(widget)
                finally:
                    if widget.isVisible():
                        self.missed.append(f"{cls.__name__} stayed open")
                        widget.reject()
                self.done += 1
            elif time.monotonic() < deadline:
                QTimer.singleShot(20, poll)
            else:
                self.missed.append(cls.__name__)
                if isinstance(widget, QDialog):
                    widget.reject()

        QTimer.singleShot(0, poll)


def click_row(view: QAbstractItemView, row: int, column: int = 0) -> None:
    """Click a table row as a user would (selects it)."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(index).center())


def row_of(view: QAbstractItemView, text: str, column: int = 0) -> int:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, column).data() == text:
            return row
    raise AssertionError(f"{text!r} not in the table")


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier, QPoint(widget.width() // 2, widget.height() // 2))


def menu_action(window, menu: str, prefix: str):
    for action in window.menus[menu].actions():
        if action.text().startswith(prefix):
            return action
    raise AssertionError(f"no {prefix!r} in menu {menu}")
