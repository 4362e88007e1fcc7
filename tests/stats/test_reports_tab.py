"""The 统计报表 tab driven like a user: pick report and period, click cells, submit, save files."""

import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from helpers import replace_text
from reports.pdfcheck import pdf_rows
from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import audit, report_freeze, report_settings
from sifasuo_desktop.ui.models.report_tables import CHANGED_BRUSH, CODE_ROLE, LABEL, VALUE
from sifasuo_desktop.ui.tabs import reports as reports_tab
from stats.factories import Factory


class FakeDossierTab:
    def __init__(self):
        self.opened = []

    def open_person(self, person_id):
        self.opened.append(person_id)


class FakeWindow:
    """The two methods of MainWindow the tab uses to reach another tab."""

    def __init__(self):
        self.tabs = {"DossierTab": FakeDossierTab()}
        self.shown = []

    def tab(self, name):
        return self.tabs.get(name)

    def show_tab(self, name):
        self.shown.append(name)
        return self.tabs[name]


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(reports_tab, "show_user_error", lambda parent, err, title="无法完成": shown.append(str(err)))
    return shown


@pytest.fixture
def tab(qtbot, ctx, errors):
    window = FakeWindow()
    widget = reports_tab.ReportsTab(ctx, window)
    widget.window_fake = window
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    yield widget
    computed(qtbot, widget)            # no worker may outlive the test's database


def computed(qtbot, tab):
    """Wait for the background computation (and any request queued behind it) to be shown."""
    qtbot.waitUntil(lambda: not tab.busy, timeout=10_000)


def first_half(qtbot, tab, year=2026):
    tab.year.setValue(year)
    qtbot.mouseClick(tab.buttons["half"], Qt.LeftButton)
    computed(qtbot, tab)


def value_index(tab, code, column=VALUE):
    model = tab.table.model()
    return model.index(model.row_of(code), column)


def shown(tab, code):
    return value_index(tab, code).data()


def test_defaults_to_the_annual_report_in_november_and_shows_the_first_half_on_request(qtbot, tab, scenario):
    assert (tab.start.text(), tab.end.text()) == ("2026-01-01", "2026-12-31")
    first_half(qtbot, tab)
    assert (tab.start.text(), tab.end.text()) == ("2026-01-01", "2026-06-30")
    assert "（半年报）" in tab.period_label.text()
    assert [shown(tab, c) for c in ("1", "2", "3", "4", "8", "18")] == ["9", "4", "6", "7", "66.67", "23.08"]
    assert "66.67%" in tab.rates["衔接率"].text() and "42.86%" in tab.rates["安置率"].text()
    assert "—" in tab.rates["调解成功率"].text()
    assert tab.checks.item(0).text() == "全部通过"
    assert tab.frozen_label.text() == "本时段尚未报送"


def test_explicit_dates_typed_and_computed(qtbot, tab, scenario):
    replace_text(tab.start, "2026-01-01")
    replace_text(tab.end, "2026-07-31")
    qtbot.mouseClick(tab.buttons["compute"], Qt.LeftButton)
    computed(qtbot, tab)
    assert shown(tab, "4") == "5"
    assert tab.period_label.text().endswith("2026年1月1日至2026年7月31日")


def test_a_bad_period_is_refused_with_a_message(qtbot, tab, scenario, errors):
    first_half(qtbot, tab)
    replace_text(tab.end, "2025-12-01")
    qtbot.mouseClick(tab.buttons["compute"], Qt.LeftButton)
    computed(qtbot, tab)
    assert errors == ["统计时段的结束日期不能早于开始日期"]
    assert shown(tab, "4") == "7"


def test_clicking_a_cell_lists_its_persons_and_double_click_opens_the_dossier(qtbot, tab, scenario):
    first_half(qtbot, tab)
    index = value_index(tab, "3.2")
    qtbot.mouseClick(tab.table.viewport(), Qt.LeftButton, pos=tab.table.visualRect(index).center())
    dialog = tab.drill_dialog
    assert dialog.isVisible()
    assert dialog.summary.text() == "第3.2行 死亡：共 1 人（双击打开）"
    model = dialog.view.model()
    assert [model.index(0, c).data() for c in (0, 6, 7)] == ["辛", "2026-02-01", "死亡 2026-02-01"]
    cell = dialog.view.visualRect(model.index(0, 0)).center()
    qtbot.mouseClick(dialog.view.viewport(), Qt.LeftButton, pos=cell)     # a double click starts with a press
    qtbot.mouseDClick(dialog.view.viewport(), Qt.LeftButton, pos=cell)
    assert tab.window_fake.tabs["DossierTab"].opened == [scenario["people"]["I"]]
    assert tab.window_fake.shown == ["DossierTab"]
    assert not dialog.isVisible()


def test_a_rate_cell_lists_its_numerator(qtbot, tab, scenario):
    first_half(qtbot, tab)
    index = value_index(tab, "8")
    qtbot.mouseClick(tab.table.viewport(), Qt.LeftButton, pos=tab.table.visualRect(index).center())
    assert tab.drill_dialog.view.model().rowCount() == 2


def test_freeze_then_later_edits_are_highlighted(qtbot, tab, scenario, no_dialogs):
    first_half(qtbot, tab)
    tab.part1_box.spins["volunteers"].setValue(0)
    tab.part1_box.spins["volunteers"].lineEdit().selectAll()
    qtbot.keyClicks(tab.part1_box.spins["volunteers"].lineEdit(), "12")
    qtbot.mouseClick(tab.part1_box.budget, Qt.LeftButton)
    qtbot.mouseClick(tab.buttons["freeze"], Qt.LeftButton)
    computed(qtbot, tab)
    assert any(text.startswith("已报送: 已报送并冻结") for text in no_dialogs)
    copy = report_freeze.latest(tab.ctx, "table7", date(2026, 1, 1), date(2026, 6, 30))
    assert copy.part1.volunteers == 12 and copy.part1.budget
    assert "由 张所长 报送。现数值与报送值一致" in tab.frozen_label.text()
    assert tab.table.model().columnCount() == 4
    f = Factory(tab.ctx)
    f.term(f.person("补录"), date(2026, 3, 1))
    qtbot.mouseClick(tab.buttons["compute"], Qt.LeftButton)
    computed(qtbot, tab)
    assert "12 项与报送值不同" in tab.frozen_label.text()
    assert value_index(tab, "2").data(Qt.BackgroundRole) == CHANGED_BRUSH
    assert value_index(tab, "2", 3).data() == "4" and shown(tab, "2") == "5"
    assert value_index(tab, "1").data(Qt.BackgroundRole) is None
    assert value_index(tab, "2").data(Qt.ToolTipRole) == "已报送：4，现在：5"
    assert tab.part1_box.spins["volunteers"].value() == 12


def test_a_failing_logic_check_is_shown_and_blocks_the_freeze(qtbot, tab, ctx):
    f = Factory(ctx)
    f.term(f.person("未分类"), date(2025, 1, 1), category=None)
    first_half(qtbot, tab)
    assert tab.checks.item(0).text() == "第4行（1）应等于第4.1行＋第4.2行（0）"
    assert not tab.buttons["freeze"].isEnabled()


def test_print_pdf_and_save_excel_write_the_chosen_files(qtbot, tab, scenario, no_dialogs, tmp_path, monkeypatch):
    first_half(qtbot, tab)
    tab.part1_box.spins["stations"].setValue(3)
    target = {"pdf": tmp_path / "半年报", "xlsx": tmp_path / "半年报.xlsx"}
    asked = []

    def choose(parent, title, name, filters):
        asked.append((title, name))
        return str(target["pdf" if "PDF" in filters else "xlsx"]), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(tab.buttons["pdf"], Qt.LeftButton)
    qtbot.mouseClick(tab.buttons["xlsx"], Qt.LeftButton)
    assert asked[0] == ("打印PDF", "7号表_2026-01-01_2026-06-30.pdf")
    pdf = tmp_path / "半年报.pdf"
    rows = pdf_rows(pdf.read_bytes())
    assert any("3个9个" in r or r.startswith("3个") for r in rows)
    assert (tmp_path / "半年报.xlsx").stat().st_size > 0
    assert report_settings.part1_defaults(tab.ctx, date(2026, 7, 1), date(2026, 12, 31)).stations == 3
    assert no_dialogs[-1].startswith("已保存: 已保存到")


def test_cancelled_file_dialog_writes_nothing(qtbot, tab, monkeypatch, no_dialogs):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    qtbot.mouseClick(tab.buttons["pdf"], Qt.LeftButton)
    assert no_dialogs == []
    assert not [e for e in audit.list_entries(tab.ctx) if e.action == "打印"]


def test_mediation_table_and_its_cases(qtbot, tab, cases):
    first_half(qtbot, tab)
    tab.report.setCurrentIndex(1)
    computed(qtbot, tab)
    assert not tab.part1_box.isVisible()
    assert shown(tab, "M1") == "5" and shown(tab, "M6") == "1.73"
    assert "75.00%" in tab.rates["调解成功率"].text()
    index = value_index(tab, "M1.邻里")
    assert index.siblingAtColumn(0).data() == "M1.2"
    qtbot.mouseClick(tab.table.viewport(), Qt.LeftButton, pos=tab.table.visualRect(index).center())
    dialog = tab.drill_dialog
    assert dialog.summary.text() == "第M1.2行 邻里：共 2 件"
    assert dialog.view.model().index(0, 2).data() == "邻里"


def test_monthly_table_has_months_and_no_freeze(qtbot, tab, scenario, cases):
    first_half(qtbot, tab)
    tab.report.setCurrentIndex(2)
    computed(qtbot, tab)
    model = tab.table.model()
    assert model.rowCount() == 7
    assert [model.index(0, c).data() for c in range(8)] == ["2026年1月", "1", "1", "9", "2", "1", "1", "2"]
    assert model.index(6, 0).data() == "合计"
    assert not tab.buttons["freeze"].isEnabled()
    assert tab.frozen_label.text() == "逐月统计表不需报送"


def test_charts_show_the_register_and_the_months(qtbot, tab, scenario, cases):
    first_half(qtbot, tab)
    register = tab.charts.chart(0).series()[0]
    assert sum(sum(bar_set.at(i) for i in range(bar_set.count())) for bar_set in register.barSets()) == 7
    visits = tab.charts.chart(1).series()[0].barSets()[0]
    assert [int(visits.at(i)) for i in range(visits.count())] == [2, 0, 2, 0, 0, 1]
    pie = tab.charts.chart(3).series()[0]
    assert sorted(s.label() for s in pie.slices()) == ["合同 1", "婚姻家庭 1", "损害赔偿 1", "邻里 2"]


def test_an_administrator_relabels_a_row_in_place(qtbot, tab, scenario):
    first_half(qtbot, tab)
    index = value_index(tab, "16", LABEL)
    tab.table.edit(index)
    editor = QApplication.focusWidget()
    replace_text(editor, "走访、谈话人次")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: value_index(tab, "16", LABEL).data() == "走访、谈话人次")
    assert value_index(tab, "16", LABEL).data() == "走访、谈话人次"
    assert report_settings.row_labels(tab.ctx, "table7") == {"16": "走访、谈话人次"}
    assert value_index(tab, "16").data(CODE_ROLE) == "16"


def test_the_tab_is_the_last_tab_of_the_main_window(qtbot, ctx):
    from sifasuo_desktop.ui.main_window import TABS, MainWindow

    assert TABS[-1] == ("sifasuo_desktop.ui.tabs.reports", "ReportsTab")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.tabs.tabText(window.tabs.count() - 1) == "统计报表"
    window.idle_timer.stop()


def test_the_window_stays_responsive_and_only_the_latest_request_is_shown(qtbot, tab, scenario, monkeypatch):
    release, asked, drawn = threading.Event(), [], []
    real_load, real_show = reports_tab.report_view.load, tab._show

    def slow_load(ctx, report, start, end, part1=None):
        asked.append((start, end))
        assert release.wait(10)
        return real_load(ctx, report, start, end, part1)

    monkeypatch.setattr(reports_tab.report_view, "load", slow_load)
    monkeypatch.setattr(tab, "_show", lambda data: (drawn.append(data.end), real_show(data)))
    qtbot.mouseClick(tab.buttons["annual"], Qt.LeftButton)
    assert tab.busy and tab.period_label.text() == "正在统计（2026年1月1日至2026年12月31日）…"
    assert not tab.buttons["freeze"].isEnabled()
    ticks = []
    QTimer.singleShot(10, lambda: ticks.append("tick"))
    qtbot.waitUntil(lambda: ticks == ["tick"])          # the event loop runs while the worker computes
    replace_text(tab.end, "2026-03-31")
    qtbot.mouseClick(tab.buttons["compute"], Qt.LeftButton)
    qtbot.mouseClick(tab.buttons["half"], Qt.LeftButton)
    assert asked == [(date(2026, 1, 1), date(2026, 12, 31))]   # one computation at a time
    release.set()
    computed(qtbot, tab)
    # the annual result came too late to be shown; the March request was overtaken before it started
    assert asked == [(date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 1, 1), date(2026, 6, 30))]
    assert drawn == [date(2026, 6, 30)]
    assert shown(tab, "4") == "7" and "（半年报）" in tab.period_label.text()
    assert tab.buttons["freeze"].isEnabled()


def test_a_failed_computation_keeps_the_table_shown_before(qtbot, tab, scenario, monkeypatch, errors):
    first_half(qtbot, tab)

    def refuse(*args):
        raise UserError("数据库文件被其他程序占用")

    monkeypatch.setattr(reports_tab.report_view, "load", refuse)
    qtbot.mouseClick(tab.buttons["annual"], Qt.LeftButton)
    computed(qtbot, tab)
    assert errors == ["数据库文件被其他程序占用"]
    assert shown(tab, "4") == "7" and "（半年报）" in tab.period_label.text()
