"""The case list's table model: one row per ``CaseRow``, the days left coloured near/past the limit.

The model sorts itself (``sort``, by the raw values of ``COLUMNS``): a sort proxy asking ``data()``
for every comparison took seconds for a district's 20,000 cases (scripts/bench_district.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from sifasuo_desktop.domain.mediation import STATE_NEAR, STATE_PAST
from sifasuo_desktop.services.mediation_query import CaseRow

SORT_ROLE = Qt.UserRole + 1
NEAR_COLOUR = QColor("#fff1c2")     # amber: within due_soon_days of the limit
PAST_COLOUR = QColor("#f8c9c4")     # red: past the limit


def _date(value) -> str:
    return value.isoformat() if value else ""


# (header, display, sort value)
COLUMNS: list[tuple[str, Callable[[CaseRow], str], Callable[[CaseRow], Any]]] = [
    ("编号", lambda r: r.number, lambda r: r.year * 10000 + r.seq),
    ("受理日期", lambda r: _date(r.acceptance_date), lambda r: r.acceptance_date.isoformat()),
    ("纠纷类型", lambda r: r.dispute_type, lambda r: r.dispute_type),
    ("来源", lambda r: r.source, lambda r: r.source),
    ("申请人", lambda r: r.applicants, lambda r: r.applicants),
    ("被申请人", lambda r: r.respondents, lambda r: r.respondents),
    ("调解员", lambda r: r.mediators, lambda r: r.mediators),
    ("结果", lambda r: r.result, lambda r: r.result),
    ("结案日期", lambda r: _date(r.concluded_date), lambda r: _date(r.concluded_date)),
    ("期限", lambda r: r.limit.label if r.limit else "", lambda r: r.limit.days_left if r.limit else 10**6),
    ("状态", lambda r: r.state, lambda r: r.state),
]
LIMIT_COLUMN = 9


class CaseTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[CaseRow] = []
        self.sort_column, self.sort_order = -1, Qt.AscendingOrder

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self.rows = self._sorted(rows)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [(self.rows[i.row()].id, i.column()) for i in old]
        self.rows = self._sorted(self.rows)
        position = {r.id: n for n, r in enumerate(self.rows)} if old else {}
        self.changePersistentIndexList(old, [self.index(position[case_id], col) for case_id, col in kept])
        self.layoutChanged.emit()

    def _sorted(self, rows: list[CaseRow]) -> list[CaseRow]:
        if not 0 <= self.sort_column < len(COLUMNS):
            return list(rows)
        return sorted(rows, key=COLUMNS[self.sort_column][2], reverse=self.sort_order == Qt.DescendingOrder)

    def row_at(self, index: QModelIndex) -> CaseRow | None:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        _header, display, sort = COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return display(row)
        if role == SORT_ROLE:
            return sort(row)
        if role == Qt.BackgroundRole and row.limit is not None:
            colour = {STATE_PAST: PAST_COLOUR, STATE_NEAR: NEAR_COLOUR}.get(row.limit.state)
            if colour is not None and index.column() in (0, LIMIT_COLUMN):
                return QBrush(colour)
        if role == Qt.ToolTipRole and index.column() == LIMIT_COLUMN and row.limit is not None:
            return f"调解期限至 {row.limit.deadline.isoformat()}"
        return None
