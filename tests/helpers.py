"""Typing like a person in pytest-qt tests.

``qtbot.keyClicks`` with Chinese text aborts the process (STACK.md): each character is sent as
a key event that carries its text with an unknown key code instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for ch in text:
        if ch.isascii() and ch.isprintable():
            key = Qt.Key(ord(ch.upper())) if ch.isalnum() else Qt.Key_unknown
        else:
            key = Qt.Key_unknown
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.NoModifier, ch))
    QApplication.processEvents()


def replace_text(widget: QWidget, text: str) -> None:
    """Select all, then type (what a user does to overwrite a field)."""
    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_Delete, Qt.NoModifier))
    type_text(widget, text)
