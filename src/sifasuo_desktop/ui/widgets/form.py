"""The shared form kit: fields with their problem shown beside them, Save enabled only when valid.

A form declares its fields once (``add``), supplies a ``validate`` callable returning
``{field code: Chinese reason}``, and reads values with ``values()``. Dates are typed as
``YYYY-MM-DD`` (an office clerk types faster than she clicks a calendar) and may stay empty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from sifasuo_desktop.domain.dates import parse_iso

ERROR_STYLE = "color: #b3261e;"


class DateField(QLineEdit):
    """A date typed as YYYY-MM-DD; ``value()`` is a date, None when empty, or raises ValueError."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaxLength(10)

    def value(self) -> date | None:
        text = self.text().strip()
        return parse_iso(text) if text else None

    def set_value(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")


def make_combo(items: list[str] | dict[str, str], editable: bool = False, allow_empty: bool = True) -> QComboBox:
    """A combo of texts, or of ``{value: text}`` whose ``FormKit.value`` is the value (e.g. an id)."""
    combo = QComboBox()
    combo.setEditable(editable)
    if allow_empty:
        combo.addItem("")
    if isinstance(items, dict):
        for value, text in items.items():
            combo.addItem(text, value)
    else:
        combo.addItems(items)
    return combo


class FormKit(QWidget):
    """A QFormLayout whose rows carry an error label; emits ``validity_changed(bool)``."""

    validity_changed = Signal(bool)
    edited = Signal()  # any field changed (before this form revalidates)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.validate: Callable[[dict[str, Any]], dict[str, str]] = lambda values: {}
        self.problems: dict[str, str] = {}

    def add(self, code: str, label: str, widget: QWidget, required: bool = False) -> QWidget:
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setObjectName(f"error_{code}")
        error.setWordWrap(True)
        error.hide()
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget, 3)
        box.addWidget(error, 2)
        widget.setObjectName(code)
        self.layout_.addRow(("* " if required else "") + label, row)
        self.fields[code] = widget
        self.errors[code] = error
        self._connect(widget)
        return widget

    def add_section(self, title: str) -> None:
        label = QLabel(f"<b>{title}</b>")
        self.layout_.addRow(label)

    def _connect(self, widget: QWidget) -> None:
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QComboBox):
            widget.currentTextChanged.connect(self._changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._changed)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        self.edited.emit()
        self.revalidate()

    def set_row_visible(self, code: str, visible: bool) -> None:
        """Show or hide one field with its label (e.g. a field that only applies to new records)."""
        self.layout_.setRowVisible(self.fields[code].parentWidget(), visible)

    def value(self, code: str) -> Any:
        widget = self.fields[code]
        if isinstance(widget, DateField):
            try:
                return widget.value()
            except ValueError:
                return widget  # marker: unparsable, reported by revalidate
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, QComboBox):
            data = widget.currentData()
            return data if data is not None else widget.currentText().strip()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value()
        raise TypeError(widget)

    def values(self) -> dict[str, Any]:
        return {code: self.value(code) for code in self.fields}

    def set_value(self, code: str, value: Any) -> None:
        widget = self.fields[code]
        if isinstance(widget, DateField):
            widget.set_value(value)
        elif isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QComboBox):
            index = widget.findData(value) if value else -1
            index = index if index >= 0 else widget.findText(value or "")
            if index < 0 and value:
                widget.addItem(value)
                index = widget.findText(value)
            widget.setCurrentIndex(max(index, 0))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value or 0))

    def revalidate(self) -> bool:
        problems: dict[str, str] = {}
        for code, widget in self.fields.items():
            if isinstance(widget, DateField):
                try:
                    widget.value()
                except ValueError as err:
                    problems[code] = str(err)
        values = {k: (None if isinstance(v, DateField) else v) for k, v in self.values().items()}
        for code, reason in self.validate(values).items():
            problems.setdefault(code, reason)
        self.show_problems(problems)
        return not problems

    def show_problems(self, problems: dict[str, str]) -> None:
        self.problems = problems
        for code, label in self.errors.items():
            text = problems.get(code, "")
            label.setText(text)
            label.setVisible(bool(text))
        self.validity_changed.emit(not problems)


def text_box(height: int = 90) -> QPlainTextEdit:
    """A multi-line text field ``height`` px high; Tab moves on to the next field."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def button_row(dialog: QDialog, ok: QPushButton, *left: QWidget) -> QHBoxLayout:
    """``left`` widgets, then ``ok`` and 取消 (which rejects ``dialog``) at the right."""
    cancel = QPushButton("取消")
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    row.addWidget(ok)
    row.addWidget(cancel)
    return row


def form_buttons(dialog: QDialog, forms: list[FormKit], on_ok: Callable[[], None], text: str = "保存",
                 standard: QDialogButtonBox.StandardButton = QDialogButtonBox.Save) -> QDialogButtonBox:
    """``standard`` (shown as ``text``) and 取消 for a form dialog: the first bound with
    ``bind_save`` to ``forms`` and ``on_ok``, 取消 rejects ``dialog``."""
    buttons = QDialogButtonBox(standard | QDialogButtonBox.Cancel)
    buttons.button(standard).setText(text)
    buttons.rejected.connect(dialog.reject)
    bind_save(buttons.button(standard), forms, dialog, on_ok)
    return buttons


def bind_save(button: QPushButton, forms: list[FormKit], owner: QWidget, on_save: Callable[[], None]) -> None:
    """Save is enabled only while every form is valid; Ctrl+S saves, like the button."""

    def refresh(_valid: bool = True) -> None:
        button.setEnabled(all(not f.problems for f in forms))

    for form in forms:
        form.validity_changed.connect(refresh)
    button.clicked.connect(on_save)
    shortcut = QShortcut(QKeySequence.Save, owner)
    shortcut.activated.connect(lambda: button.isEnabled() and on_save())
    refresh()
