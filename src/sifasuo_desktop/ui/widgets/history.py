"""A table of dated history rows with 添加 / 删除, staged until the owning form is saved.

Existing rows (objects with an ``id``) and staged additions (input objects without one) are shown
together; the columns read attributes both share. ``additions()`` and ``removed_ids()`` give
what to write. A new row is entered in a small dialog built with the form kit; its problems come
from the ``check`` callable (field code -> reason) and are shown beside the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.ui.widgets.form import FormKit, form_buttons


@dataclass(frozen=True)
class HistorySpec:
    title: str                                              # e.g. 安置记录
    columns: list[tuple[str, Callable[[Any], str]]]         # header, text of a row object
    fields: Callable[[], list[tuple[str, str, QWidget, bool]]]  # code, label, widget, required
    to_input: Callable[[dict[str, Any]], Any]               # dialog values -> input object
    check: Callable[[Any], dict[str, str]]                  # input object -> problems


class HistoryItemDialog(QDialog):
    def __init__(self, spec: HistorySpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"添加{spec.title}")
        self.spec = spec
        self.form = FormKit()
        self.required = []
        for code, label, widget, required in spec.fields():
            self.form.add(code, label, widget, required)
            if required:
                self.required.append(code)
        self.form.validate = self._validate
        buttons = form_buttons(self, [self.form], self.accept, "添加", QDialogButtonBox.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        self.form.revalidate()

    def _validate(self, values: dict[str, Any]) -> dict[str, str]:
        missing = {code: "必填" for code in self.required if values.get(code) in (None, "")}
        return missing or self.spec.check(self.spec.to_input(values))

    def item(self) -> Any:
        return self.spec.to_input({k: (None if v == "" else v) for k, v in self.form.values().items()})


class HistoryEditor(QWidget):
    def __init__(self, spec: HistorySpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.existing: list[Any] = []
        self.pending: list[Any] = []
        self.removed: list[str] = []
        self.dialog: HistoryItemDialog | None = None
        self.table = QTableWidget(0, len(spec.columns))
        self.table.setHorizontalHeaderLabels([c[0] for c in spec.columns])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(f"添加{spec.title}")
        self.remove_button = QPushButton("删除所选")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_rows(self, rows: list[Any]) -> None:
        self.existing, self.pending, self.removed = list(rows), [], []
        self._show()

    def _visible(self) -> list[Any]:
        return [r for r in self.existing if r.id not in self.removed] + self.pending

    def _show(self) -> None:
        rows = self._visible()
        self.table.setRowCount(len(rows))
        for r, obj in enumerate(rows):
            for c, (_header, text) in enumerate(self.spec.columns):
                self.table.setItem(r, c, QTableWidgetItem(text(obj) or ""))

    def add_row(self) -> None:
        """Open the entry dialog (window-modal); an accepted entry is staged."""
        self.dialog = HistoryItemDialog(self.spec, self)
        self.dialog.accepted.connect(lambda: self.add_item(self.dialog.item()))
        self.dialog.open()

    def add_item(self, item: Any) -> None:
        self.pending.append(item)
        self._show()

    def remove_selected(self) -> None:
        index = self.table.currentRow()
        rows = self._visible()
        if not 0 <= index < len(rows):
            return
        obj = rows[index]
        if obj in self.pending:
            self.pending.remove(obj)
        else:
            self.removed.append(obj.id)
        self._show()

    def additions(self) -> list[Any]:
        return list(self.pending)

    def removed_ids(self) -> list[str]:
        return list(self.removed)
