"""The shared read-only table model, without a view."""

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from sifasuo_desktop.ui.widgets.record_model import SORT_ROLE, Column, RecordTableModel


@dataclass(frozen=True)
class Row:
    name: str
    day: date
    count: int


ROWS = [Row("乙", date(2026, 1, 10), 9), Row("甲", date(2025, 12, 31), 10), Row("丙", date(2026, 1, 2), 2)]


def _model():
    model = RecordTableModel([
        Column("名称", lambda r: r.name),
        Column("日期", lambda r: f"{r.day:%Y-%m-%d}", sort=lambda r: r.day),
        Column("数量", lambda r: str(r.count), sort=lambda r: r.count, color=lambda r: "red" if r.count > 9 else None),
    ])
    model.set_rows(ROWS)
    return model


def test_shape_headers_and_text(qtbot):
    model = _model()
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    assert model.rowCount(model.index(0, 0)) == 0           # a table, not a tree
    assert [model.headerData(c, Qt.Horizontal) for c in range(3)] == ["名称", "日期", "数量"]
    assert model.headerData(2, Qt.Vertical) == 3
    assert model.index(1, 1).data() == "2025-12-31"
    assert model.index(1, 1).data(Qt.ToolTipRole) == "2025-12-31"
    assert model.data(QModelIndex()) is None
    assert model.row_object(2) is ROWS[2]


def test_colour_only_where_the_column_says(qtbot):
    model = _model()
    assert model.index(1, 2).data(Qt.ForegroundRole) == QColor("red")
    assert model.index(0, 2).data(Qt.ForegroundRole) is None
    assert model.index(0, 0).data(Qt.ForegroundRole) is None


def test_sorting_uses_raw_values_not_text(qtbot):
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(_model())
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(2)
    assert [proxy.index(r, 2).data() for r in range(3)] == ["2", "9", "10"]   # text order would be 10, 2, 9
    proxy.sort(1)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["甲", "丙", "乙"]


def test_set_rows_replaces_everything(qtbot):
    model = _model()
    model.set_rows([])
    assert model.rowCount() == 0
