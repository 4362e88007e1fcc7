from datetime import date

from PySide6.QtCore import Qt

from sifasuo_desktop.domain.mediation import LimitStatus
from sifasuo_desktop.services.mediation_query import CaseRow
from sifasuo_desktop.ui.tabs.mediation_model import COLUMNS, LIMIT_COLUMN, NEAR_COLOUR, PAST_COLOUR, SORT_ROLE, CaseTableModel


def _row(seq: int, limit: LimitStatus | None, state: str) -> CaseRow:
    return CaseRow(f"id{seq}", f"X〔2026〕第{seq}号", 2026, seq, date(2026, 10, seq), "当事人申请", "邻里",
                   "张三", "李四", "王调解", "调解中" if limit else "成功", None if limit else date(2026, 11, 1),
                   None, None, False, state, limit)


def test_model_shows_rows_sorts_by_raw_values_and_colours_the_limit(qtbot):
    model = CaseTableModel()
    rows = [_row(9, LimitStatus(date(2026, 11, 27), 3, "临近期限"), "临近期限"),
            _row(10, LimitStatus(date(2026, 11, 20), -4, "已超期"), "已超期"),
            _row(11, None, "已调结")]
    model.set_rows(rows)
    assert (model.rowCount(), model.columnCount()) == (3, len(COLUMNS))
    assert model.headerData(LIMIT_COLUMN, Qt.Horizontal) == "期限"
    cell = lambda r, c, role=Qt.DisplayRole: model.data(model.index(r, c), role)  # noqa: E731
    assert [cell(r, LIMIT_COLUMN) for r in range(3)] == ["剩3天", "超期4天", ""]
    assert [cell(r, LIMIT_COLUMN, SORT_ROLE) for r in range(3)] == [3, -4, 10**6]
    assert cell(0, 0, SORT_ROLE) < cell(1, 0, SORT_ROLE)          # 第9号 before 第10号 (not as text)
    assert cell(0, LIMIT_COLUMN, Qt.BackgroundRole).color() == NEAR_COLOUR
    assert cell(1, 0, Qt.BackgroundRole).color() == PAST_COLOUR
    assert cell(2, LIMIT_COLUMN, Qt.BackgroundRole) is None and cell(1, 3, Qt.BackgroundRole) is None
    assert cell(1, LIMIT_COLUMN, Qt.ToolTipRole) == "调解期限至 2026-11-20"
    assert cell(2, 8) == "2026-11-01"


def test_model_sorts_itself_by_raw_values_and_keeps_the_selection(qtbot):
    from PySide6.QtCore import QItemSelectionModel

    model = CaseTableModel()
    model.set_rows([_row(10, None, "已调结"), _row(9, LimitStatus(date(2026, 11, 27), 3, "临近期限"), "临近期限"),
                    _row(11, LimitStatus(date(2026, 11, 20), -4, "已超期"), "已超期")])
    selection = QItemSelectionModel(model)
    selection.setCurrentIndex(model.index(2, 0), QItemSelectionModel.SelectCurrent)     # 第11号
    model.sort(0, Qt.AscendingOrder)
    assert [r.seq for r in model.rows] == [9, 10, 11]                 # 第9号 before 第10号 (not as text)
    assert model.rows[selection.currentIndex().row()].seq == 11       # the selection moved with its row
    model.sort(LIMIT_COLUMN, Qt.AscendingOrder)
    assert [r.seq for r in model.rows] == [11, 9, 10]                 # 超期 first, then 剩3天, no limit last
    model.set_rows([_row(1, None, "已调结"), _row(3, None, "已调结"), _row(2, None, "已调结")])
    model.sort(0, Qt.DescendingOrder)
    model.set_rows([_row(1, None, "已调结"), _row(3, None, "已调结"), _row(2, None, "已调结")])
    assert [r.seq for r in model.rows] == [3, 2, 1]                   # new rows come in the chosen order
