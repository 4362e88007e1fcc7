"""The read-only table model over a list of frozen data objects, one ``Column`` per shown field.

``SORT_ROLE`` carries the raw value for sorting (dates sort as dates, numbers as numbers) when a
``QSortFilterProxyModel`` is put on top (``sorting_proxy``); the display text is what the
column's ``text`` returns. ``value_column`` makes a column from a raw value shown as plain text.
Used by the settings lists, the audit log, the backup list and the district views.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

SORT_ROLE = Qt.UserRole + 1


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None           # raw value; the text when None
    color: Callable[[Any], str | None] | None = None   # foreground colour name, or None
    align_right: bool = False


def plain_text(value: Any) -> str:
    """A raw value as shown: dates ISO, times to the minute, 是/否, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def value_column(title: str, value: Callable[[Any], Any], text: Callable[[Any], str] | None = None,
                 align_right: bool = False) -> Column:
    """A column of ``value(row)``, shown by ``text(value)`` (default ``plain_text``), sorted by the value."""
    shown = text or plain_text
    return Column(title, lambda row: shown(value(row)), sort=value, align_right=align_right)


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any], columns: Sequence[Column] | None = None) -> None:
        """New rows (and, when given, new columns)."""
        self.beginResetModel()
        self.rows = list(rows)
        if columns is not None:
            self.columns = list(columns)
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
        if role == Qt.TextAlignmentRole and column.align_right:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.columns[section].title
        if role == Qt.DisplayRole and orientation == Qt.Vertical:
            return section + 1
        return None


def sorting_proxy(model: RecordTableModel) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
