"""A table model over a list of plain row objects, declared as columns.

Like ``person_table`` it filters and sorts the Python list itself (no QSortFilterProxyModel:
at tens of thousands of rows the proxy's per-row calls into Python cost seconds).
``SORT_ROLE`` gives a cell's raw value, ``ROW_ROLE`` the row object.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView

SORT_ROLE = Qt.UserRole + 1
ROW_ROLE = Qt.UserRole + 2
# data() runs for every visible cell on every paint: compare roles with plain ints, not with
# PySide's Qt.DisplayRole-style attribute shortcuts (about 3 µs per lookup against 0.1 µs).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_SORT, _ROW = int(SORT_ROLE), int(ROW_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]                       # the raw value (sorting, SORT_ROLE)
    text: Callable[[Any], str] | None = None          # the shown text (default: the raw value as text)
    width: int = 100
    align_right: bool = False

    def shown(self, row: Any) -> str:
        return self.text(row) if self.text else _text(self.value(row))


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None,
                 brush: Callable[[Any], QBrush | None] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.brush = brush
        self.all_rows: list[Any] = []
        self.rows: list[Any] = []
        self.keep: Callable[[Any], bool] | None = None
        self.sort_column, self.sort_order = -1, Qt.AscendingOrder

    # --- data -----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.all_rows = list(rows)
        self._rebuild()

    def set_filter(self, keep: Callable[[Any], bool] | None) -> None:
        self.keep = keep
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        rows = [r for r in self.all_rows if self.keep(r)] if self.keep else list(self.all_rows)
        if self.sort_column >= 0:
            value = self.columns[self.sort_column].value
            rows.sort(key=lambda r: _sortable(value(r)), reverse=self.sort_order == Qt.DescendingOrder)
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # --- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == _DISPLAY:
            return column.shown(row)
        if role == _SORT:
            return column.value(row)
        if role == _ROW:
            return row
        if role == _ALIGN and column.align_right:
            return _RIGHT
        if role == _BACKGROUND and self.brush is not None:
            return self.brush(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._rebuild()


def _sortable(value: Any) -> tuple:
    """Empty values last, then by value (dates, numbers and texts each among themselves)."""
    return (value is None or value == "", value if value is not None else "")


def make_table(model: RowTableModel) -> QTableView:
    """A read-only, row-selecting, sortable view of ``model`` with the columns' widths."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    for number, column in enumerate(model.columns):
        header.resizeSection(number, column.width)
    header.setStretchLastSection(True)
    return table


def selected_row(table: QTableView) -> Any | None:
    index = table.currentIndex()
    return table.model().row_at(index.row()) if index.isValid() else None


def filter_combo(all_text: str, items: Sequence[tuple[Any, str]]) -> QComboBox:
    """A filter choice: "all" (data None) first, then ``(value, text)`` items."""
    box = QComboBox()
    box.addItem(all_text, None)
    for value, text in items:
        box.addItem(text, value)
    return box
