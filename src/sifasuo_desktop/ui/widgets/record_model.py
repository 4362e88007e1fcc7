"""A read-only table model over a list of frozen data objects, one ``Column`` per shown field.

``SORT_ROLE`` carries the raw value for sorting (dates sort as dates, numbers as numbers) when a
``QSortFilterProxyModel`` is put on top; the display text is what the column's ``text`` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

SORT_ROLE = Qt.UserRole + 1


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None           # raw value; the text when None
    color: Callable[[Any], str | None] | None = None   # foreground colour name, or None


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self.rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        obj, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return column.text(obj)
        if role == SORT_ROLE:
            value = column.sort(obj) if column.sort else column.text(obj)
            # Qt cannot compare Python dates inside a QVariant; ISO text sorts the same way.
            return value.isoformat() if isinstance(value, (date, datetime)) else value
        if role == Qt.ForegroundRole and column.color:
            name = column.color(obj)
            return QColor(name) if name else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.columns[section].title
        if role == Qt.DisplayRole and orientation == Qt.Vertical:
            return section + 1
        return None
