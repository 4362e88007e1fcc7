"""Qt models of the 统计报表 tab: a statistics table, the 逐月统计表, and drill-down lists.

``StatTableModel`` lists part headings and rows (行次 | 项目 | 数值, plus 已报送 once the period
has a frozen copy); cells whose live value differs from the frozen copy are highlighted.
``CODE_ROLE`` gives the row code (None on headings). The 项目 column is editable when the model
is given an ``on_relabel`` callback (administrators: the office's own row labels).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sifasuo_desktop.domain.monthly_table import TOTAL_KEY, MonthlyTable, month_label
from sifasuo_desktop.domain.statistics import Difference, StatTable, format_value

CODE_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
CHANGED_BRUSH = QBrush(QColor("#fde2c4"))
HEADING_BRUSH = QBrush(QColor("#e8eef7"))
CODE, LABEL, VALUE, FROZEN = range(4)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_CENTER = int(Qt.AlignCenter)
Index = QModelIndex | QPersistentModelIndex


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class StatTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: StatTable | None = None
        self.lines: list[tuple[str, Any]] = []        # ("part", text) or ("row", RowDef)
        self.frozen: dict[str, Any] | None = None
        self.changed: dict[str, Difference] = {}
        self.on_relabel: Callable[[str, str], None] | None = None

    def set_table(self, table: StatTable, frozen_values: dict[str, Any] | None = None,
                  differences: Sequence[Difference] = ()) -> None:
        self.beginResetModel()
        self.table, self.frozen = table, frozen_values
        self.changed = {d.code: d for d in differences}
        self.lines = []
        current = None
        for row in table.rows:
            if row.part != current and row.part in table.parts:
                current = row.part
                self.lines.append(("part", table.parts[row.part]))
            self.lines.append(("row", row))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else (4 if self.frozen is not None else 3)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return ("行次", "项目", "数值", "已报送")[section]
        return None

    def heading_rows(self) -> list[int]:
        return [i for i, (kind, _) in enumerate(self.lines) if kind == "part"]

    def row_of(self, code: str) -> int:
        return next(i for i, (kind, r) in enumerate(self.lines) if kind == "row" and r.code == code)

    def flags(self, index: Index) -> Qt.ItemFlags:
        kind, _ = self.lines[index.row()]
        if kind == "part":
            return Qt.ItemIsEnabled
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsEditable if index.column() == LABEL and self.on_relabel else base

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        kind, item = self.lines[index.row()]
        column = index.column()
        if kind == "part":
            if role == Qt.DisplayRole and column == CODE:
                return item
            return {Qt.FontRole: _bold(), Qt.BackgroundRole: HEADING_BRUSH}.get(role)
        return self._row_data(item, column, role)

    def _row_data(self, row, column: int, role: int):
        if role == Qt.DisplayRole:
            if column == CODE:
                return row.shown_code
            if column == LABEL:
                return "　" * 2 * row.level + row.label
            if column == VALUE:
                return self.table.text(row.code)
            return format_value(self.frozen.get(row.code)) if self.frozen is not None else None
        if role == Qt.EditRole and column == LABEL:
            return row.label
        if role == CODE_ROLE:
            return row.code
        if role == Qt.TextAlignmentRole:
            return _RIGHT if column in (VALUE, FROZEN) else (_CENTER if column == CODE else None)
        if role == Qt.BackgroundRole and column in (VALUE, FROZEN) and row.code in self.changed:
            return CHANGED_BRUSH
        if role == Qt.ToolTipRole and row.code in self.changed:
            d = self.changed[row.code]
            return f"已报送：{format_value(d.frozen)}，现在：{format_value(d.live)}"
        if role == Qt.ToolTipRole and column == VALUE:
            return "单击查看名单"
        if role == Qt.FontRole and row.level == 0:
            return _bold()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.EditRole) -> bool:  # noqa: N802
        kind, row = self.lines[index.row()]
        if kind != "row" or index.column() != LABEL or role != Qt.EditRole or not self.on_relabel:
            return False
        self.on_relabel(row.code, str(value))
        return True


class MonthlyTableModel(QAbstractTableModel):
    """Months down, the columns of the 逐月统计表 across, 合计 last."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: MonthlyTable | None = None
        self.keys: list[str] = []

    def set_table(self, table: MonthlyTable) -> None:
        self.beginResetModel()
        self.table, self.keys = table, [*table.month_keys, TOTAL_KEY]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.table is None else len(self.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.table is None else len(self.table.columns) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and self.table is not None:
            if section == 0:
                return "月份"
            column = self.table.columns[section - 1]
            lines = [column.label[i:i + 4] for i in range(0, len(column.label), 4)]
            return "\n".join([*lines, f"（{column.unit}）"])
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        key = self.keys[index.row()]
        if role == Qt.DisplayRole:
            if index.column() == 0:
                return TOTAL_KEY if key == TOTAL_KEY else month_label(key)
            values = self.table.totals if key == TOTAL_KEY else self.table.cells[key]
            return str(values[self.table.columns[index.column() - 1].code])
        if role == Qt.TextAlignmentRole:
            return _CENTER if index.column() == 0 else _RIGHT
        if role == Qt.FontRole and key == TOTAL_KEY:
            return _bold()
        return None


@dataclass(frozen=True)
class ListColumn:
    header: str
    value: Callable[[Any], Any]


class ListModel(QAbstractTableModel):
    """Read-only rows of data objects with declared columns; ``ID_ROLE`` is ``id_of(row)``."""

    def __init__(self, columns: Sequence[ListColumn], id_of: Callable[[Any], str], parent=None):
        super().__init__(parent)
        self.columns, self.id_of = list(columns), id_of
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            value = self.columns[index.column()].value(row)
            return "" if value is None else str(value)
        if role == ID_ROLE:
            return self.id_of(row)
        return None
