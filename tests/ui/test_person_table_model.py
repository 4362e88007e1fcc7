"""The 一人一档 table model without a view: cells, colours, raw sort values, sort and filter."""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex, Qt

from sifasuo_desktop.services.person_list import PersonFilters, PersonRow
from sifasuo_desktop.ui.models.person_table import (
    ENDING_BRUSH,
    ID_ROLE,
    LOST_BRUSH,
    SORT_ROLE,
    UNCONNECTED_BRUSH,
    PersonTableModel,
)


def row(pid, name, initials, pinyin, number, state="在册", days=100, soon=False, lost=False, village=("东街社区", 0),
        population="安置帮教", category="一般"):
    return PersonRow(pid, name, number, number[:6] + "********" + number[-4:], "v" + str(village[1]), village[0],
                     village[1], population, category, state, days, soon, lost, initials, pinyin,
                     f"{name}\x00{initials}\x00{pinyin}\x00{number}".lower())


ROWS = [
    row("a", "张三", "zs", "zhangsan", "410102198506151234", days=30, soon=True),
    row("b", "李四", "ls", "lisi", "410102198506151250", state="未衔接", days=900, village=("西街社区", 1)),
    row("c", "王五", "ww", "wangwu", "41010219850615127X", state="已解除", days=None, category=""),
    row("d", "赵六", "zl", "zhaoliu", "410102198506151296", lost=True, days=400, population="社区矫正",
        category="严管", state="在矫"),
]


def model_with_rows():
    model = PersonTableModel()
    model.set_rows(list(ROWS))
    return model


def cell(model, r, c, role=Qt.DisplayRole):
    return model.data(model.index(r, c), role)


def test_shape_headers_and_cells():
    model = model_with_rows()
    assert (model.rowCount(), model.columnCount()) == (4, 8)
    assert [model.headerData(c, Qt.Horizontal) for c in range(8)] == [
        "姓名", "公民身份号码", "村(社区)", "人员类别", "帮教类别/管理等级", "状态", "剩余天数", "提示"]
    assert [cell(model, 0, c) for c in range(8)] == [
        "张三", "410102********1234", "东街社区", "安置帮教", "一般", "在册", "30", "即将期满"]
    assert cell(model, 2, 6) == "" and cell(model, 3, 7) == "脱管" and cell(model, 1, 7) == "未衔接"
    assert cell(model, 0, 0, ID_ROLE) == "a"


def test_warning_colours_and_tooltips():
    model = model_with_rows()
    assert cell(model, 0, 3, Qt.BackgroundRole) is ENDING_BRUSH
    assert cell(model, 1, 0, Qt.BackgroundRole) is UNCONNECTED_BRUSH
    assert cell(model, 3, 5, Qt.BackgroundRole) is LOST_BRUSH
    assert cell(model, 2, 0, Qt.BackgroundRole) is None and cell(model, 2, 0, Qt.ToolTipRole) is None
    assert cell(model, 0, 0, Qt.ToolTipRole) == "即将期满"


def test_sort_roles_give_raw_values():
    model = model_with_rows()
    assert cell(model, 0, 0, SORT_ROLE) == "zhangsan"          # names sort by pinyin
    assert cell(model, 0, 1, SORT_ROLE) == "410102198506151234"  # the real number, not the mask
    assert cell(model, 0, 6, SORT_ROLE) == 30 and cell(model, 2, 6, SORT_ROLE) == 10**9
    assert cell(model, 1, 2, SORT_ROLE) == (1, "西街社区", "lisi")


def test_sort_by_days_and_name_keeps_persistent_indexes():
    model = model_with_rows()
    kept = QPersistentModelIndex(model.index(3, 0))            # 赵六
    model.sort(6, Qt.AscendingOrder)
    assert [cell(model, r, 0) for r in range(4)] == ["张三", "赵六", "李四", "王五"]  # empty days last
    assert kept.row() == 1 and kept.data() == "赵六"
    model.sort(0, Qt.DescendingOrder)
    assert [cell(model, r, 0) for r in range(4)] == ["赵六", "张三", "王五", "李四"]
    assert kept.row() == 0


def test_filters_and_sort_survive_new_rows():
    model = model_with_rows()
    model.sort(0, Qt.AscendingOrder)
    model.set_filters(PersonFilters(text="z"))
    assert [cell(model, r, 0) for r in range(model.rowCount())] == ["张三", "赵六"]
    model.set_filters(PersonFilters(text="1250"))
    assert [r.id for r in model.rows] == ["b"]
    model.set_filters(PersonFilters(population="社区矫正", category="严管"))
    assert [r.id for r in model.rows] == ["d"]
    model.set_filters(PersonFilters(state="在册"))
    model.set_rows(ROWS + [row("e", "艾一", "ay", "aiyi", "410102198506151318")])
    assert [r.name for r in model.rows] == ["艾一", "张三"]        # filter and name sort kept
    assert model.index_of("e") == 0 and model.row_at(5) is None


def test_typing_narrows_deleting_widens_and_order_is_kept():
    model = model_with_rows()
    model.sort(6, Qt.DescendingOrder)                          # days left, most first (empty first)
    order = [r.name for r in model.rows]
    assert order == ["王五", "李四", "赵六", "张三"]
    for text, expected in (("z", ["赵六", "张三"]), ("zs", ["张三"]), ("zsx", []), ("z", ["赵六", "张三"]),
                           ("", order), ("s", ["李四", "张三"])):
        model.set_filters(PersonFilters(text=text))
        assert [r.name for r in model.rows] == expected, text
    model.set_filters(PersonFilters(text="s", state="未衔接"))
    assert [r.name for r in model.rows] == ["李四"]
    model.set_filters(PersonFilters(text="s"))
    assert [r.name for r in model.rows] == ["李四", "张三"]
