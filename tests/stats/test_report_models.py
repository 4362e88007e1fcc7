"""The Qt models of the 统计报表 tab, without a view."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from sifasuo_desktop.domain import monthly_table as mt
from sifasuo_desktop.domain import statistics
from sifasuo_desktop.domain import table7 as t7
from sifasuo_desktop.ui.models.report_tables import (
    CHANGED_BRUSH, CODE_ROLE, ID_ROLE, ListColumn, ListModel, MonthlyTableModel, StatTableModel,
)

S, E = date(2026, 1, 1), date(2026, 6, 30)


def _table() -> statistics.StatTable:
    counts = dict.fromkeys(t7.COUNT_CODES, 0) | {"1": 9, "2": 4, "5": 3, "6": 2}
    return statistics.StatTable("table7", t7.TITLE, "测试镇司法所", S, E, t7.ROWS,
                                statistics.fill_rates(t7.ROWS, counts), parts=t7.PARTS)


def test_stat_model_lists_part_headings_and_rows(qapp):
    model = StatTableModel()
    model.set_table(_table())
    assert model.columnCount() == 3
    assert model.rowCount() == len(t7.ROWS) + 4
    assert model.heading_rows() == [0, 20, 29, 47]
    assert model.index(0, 0).data() == "二、帮教对象变动情况" and model.index(0, 0).data(CODE_ROLE) is None
    row = model.row_of("8")
    assert [model.index(row, c).data() for c in range(3)] == ["8", "衔接率 (%)", "66.67"]
    assert model.index(model.row_of("8.1"), 2).data() == "—"
    assert model.index(model.row_of("2.1"), 1).data() == "　　其中: 监狱刑满释放"
    assert model.index(row, 2).data(CODE_ROLE) == "8"
    assert not model.flags(model.index(row, 1)) & Qt.ItemIsEditable


def test_stat_model_with_a_frozen_copy_marks_the_differences(qapp):
    table = _table()
    frozen = dict(table.values) | {"2": 3, "8": Decimal("50.00")}
    model = StatTableModel()
    model.set_table(table, frozen, statistics.differences(table.rows, frozen, table.values))
    assert model.columnCount() == 4 and model.headerData(3, Qt.Horizontal) == "已报送"
    changed = model.index(model.row_of("2"), 2)
    assert changed.data(Qt.BackgroundRole) == CHANGED_BRUSH
    assert changed.data(Qt.ToolTipRole) == "已报送：3，现在：4"
    assert model.index(model.row_of("2"), 3).data() == "3"
    assert model.index(model.row_of("1"), 2).data(Qt.BackgroundRole) is None


def test_stat_model_relabels_through_its_callback(qapp):
    calls = []
    model = StatTableModel()
    model.on_relabel = lambda code, text: calls.append((code, text))
    model.set_table(_table())
    index = model.index(model.row_of("16"), 1)
    assert model.flags(index) & Qt.ItemIsEditable
    assert index.data(Qt.EditRole) == "走访谈话人次"
    assert model.setData(index, "走访人次")
    assert not model.setData(model.index(0, 1), "标题")
    assert calls == [("16", "走访人次")]


def test_monthly_model_has_months_and_total(qapp):
    cells = {key: dict.fromkeys(mt.COLUMN_CODES, 1) for key in ("2026-01", "2026-02")}
    table = mt.MonthlyTable(mt.TITLE, "所", date(2026, 1, 1), date(2026, 2, 28), mt.COLUMNS, ("2026-01", "2026-02"),
                            cells, dict.fromkeys(mt.COLUMN_CODES, 2))
    model = MonthlyTableModel()
    assert model.rowCount() == 0
    model.set_table(table)
    assert (model.rowCount(), model.columnCount()) == (3, 8)
    assert model.headerData(1, Qt.Horizontal) == "新增人数\n（人）"
    assert model.headerData(5, Qt.Horizontal) == "重新违法\n犯罪人数\n（人）"
    assert [model.index(2, c).data() for c in (0, 1)] == ["合计", "2"]
    assert model.index(0, 0).data() == "2026年1月"


def test_list_model_shows_declared_columns_and_ids(qapp):
    model = ListModel([ListColumn("名", lambda r: r[0]), ListColumn("空", lambda r: None)], lambda r: r[1])
    model.set_rows([("甲", "id1"), ("乙", "id2")])
    assert model.rowCount() == 2 and model.headerData(0, Qt.Horizontal) == "名"
    assert model.index(1, 0).data() == "乙" and model.index(1, 1).data() == ""
    assert model.index(1, 0).data(ID_ROLE) == "id2"
