"""Visits from the dossier, as a person uses them in the real main window: 新增走访 and 打印档案案卷
for the selected person (buttons and shortcuts), the person form's 走访与到期 page, and the 工作台
opening a dossier through the 一人一档 tab."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
import visit_factories as f
from helpers import replace_text, type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from visit_ui_helpers import double_click_row, when_dialog_opens

from sifasuo_desktop.services import due, visits
from sifasuo_desktop.services.visits import VisitData
from sifasuo_desktop.ui.dialogs import visit_print
from sifasuo_desktop.ui.dialogs.visit_form import VisitDialog
from sifasuo_desktop.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from pdfcheck import pdf_text  # noqa: E402

RED, YELLOW = "#f8d7d3", "#fff2b3"


@pytest.fixture
def people(ctx):
    """张三 (重点, released 2026-06-01, visited 2026-10-20): 定期走访 due 11-20 (overdue on 11-24),
    跟踪考察 due 12-01 (6 months from the term start: due soon, 7 days ahead); 李四 not taken over."""
    zhang = f.person(ctx, "张三", initials="zs")
    f.aftercare(ctx, zhang, date(2026, 6, 1), category="重点", agreement=date(2026, 6, 10))
    f.status_event(ctx, zhang, date(2026, 6, 5))
    visits.save_visit(ctx, None, VisitData(zhang, date(2026, 10, 20), "家访", place="张家"))
    li = f.person(ctx, "李四", initials="ls")
    f.aftercare(ctx, li, date(2026, 11, 10), handover=None)
    return {"张三": zhang, "李四": li}


@pytest.fixture
def window(qtbot, ctx, people, no_dialogs):
    main = MainWindow(ctx)
    main.idle_timer.stop()
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.tab("WorkbenchTab").wait_loaded()
    yield main
    dossiers = main.tab("DossierTab")
    if dossiers.form_dialog is not None:
        dossiers.form_dialog.reject()
    qtbot.waitUntil(lambda: dossiers.loader is None and not main.tab("ReportsTab").busy, timeout=10_000)
    main.tab("WorkbenchTab").wait_loaded()


@pytest.fixture
def opened(monkeypatch):
    files = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: files.append(url.toLocalFile()) or True)
    return files


def dossier_tab(qtbot, window):
    tab = window.show_tab("DossierTab")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    return tab


def open_form(qtbot, window, person_id):
    tab = dossier_tab(qtbot, window)
    tab.edit_person(person_id)
    form = tab.form_dialog
    qtbot.waitExposed(form)
    form.tabs.setCurrentWidget(form.visits)
    return form


def cells(model, row: int, columns: int) -> list[str]:
    return [model.index(row, c).data() for c in range(columns)]


def background(model, row: int) -> str | None:
    brush = model.index(row, 0).data(Qt.BackgroundRole)
    return brush.color().name() if brush is not None else None


def test_the_page_lists_due_items_coloured_like_the_workbench_and_the_visits(qtbot, window, people):
    form = open_form(qtbot, window, people["张三"])
    assert form.tabs.tabText(form.tabs.currentIndex()) == "走访与到期"
    page = form.visits
    rows = [cells(page.due_model, r, 4) for r in range(page.due_model.rowCount())]
    assert rows == [
        ["定期走访", "2026-11-20", "逾期", "逾期4天"],
        ["跟踪考察", "2026-12-01", "即将到期", "还有7天"],
        ["衔接后首次家访", "2026-06-08", "已完成", ""],
        ["落户核查", "2026-06-21", "已完成", "2026-06-05完成"],
        ["签订帮教协议", "2026-07-01", "已完成", "2026-06-10完成"],
    ]
    assert [background(page.due_model, r) for r in range(5)] == [RED, YELLOW, None, None, None]
    assert page.due_model.index(0, 4).data() == "自2026-10-20起计"
    assert "待办 2 项，其中逾期 1 项" in page.due_summary.text()
    assert cells(page.visit_model, 0, 4) == ["2026-10-20", "家访", "", "张家"]
    assert "共 1 次，最近一次 2026-10-20" in page.visit_summary.text()


def test_recording_a_visit_on_the_page_refreshes_it_and_the_other_tabs(qtbot, window, people):
    workbench = window.tab("WorkbenchTab")
    assert workbench.count(due.GROUP_OVERDUE) == 1
    form = open_form(qtbot, window, people["张三"])
    page = form.visits
    seen = {}

    def fill(dialog):
        seen["person"], seen["type"] = dialog.person.currentText(), dialog.basic.value("visit_type")
        type_text(dialog.basic.fields["place"], "村委会")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_dialog_opens(VisitDialog, fill)
    qtbot.mouseClick(page.buttons["new"], Qt.LeftButton)
    assert seen == {"person": "张三（东街社区，安置帮教）", "type": "走访"}    # the overdue item asks for 走访
    assert cells(page.due_model, 0, 4) == ["跟踪考察", "2026-12-01", "即将到期", "还有7天"]
    assert cells(page.due_model, 1, 4) == ["定期走访", "2026-12-24", "未到期", "还有30天"]
    assert [background(page.due_model, r) for r in (0, 1)] == [YELLOW, None]
    assert cells(page.visit_model, 0, 4) == ["2026-11-24", "走访", "张所长", "村委会"]
    workbench.wait_loaded()
    assert workbench.count(due.GROUP_OVERDUE) == 0
    assert window.show_tab("VisitsTab").visits.model.rowCount() == 2     # a hidden tab reads when selected

    when_dialog_opens(VisitDialog, lambda dialog: (seen.update(type=dialog.basic.value("visit_type")),
                                                   dialog.reject()))
    qtbot.mouseClick(page.buttons["new"], Qt.LeftButton)
    assert seen["type"] == "跟踪考察"                                    # now the most urgent one
    assert page.visit_model.rowCount() == 2


def test_double_click_on_a_visit_edits_it(qtbot, window, people):
    form = open_form(qtbot, window, people["张三"])
    page = form.visits

    def edit(dialog):
        assert dialog.windowTitle() == "修改走访记录"
        replace_text(dialog.basic.fields["place"], "张三家中")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_dialog_opens(VisitDialog, edit)
    double_click_row(qtbot, page.visit_table, 0)
    assert cells(page.visit_model, 0, 4) == ["2026-10-20", "家访", "", "张三家中"]
    assert window.show_tab("VisitsTab").visits.model.index(0, 5).data() == "张三家中"


def test_a_new_person_form_has_no_visit_page(qtbot, window):
    tab = dossier_tab(qtbot, window)
    qtbot.mouseClick(tab.buttons["new"], Qt.LeftButton)
    form = tab.form_dialog
    assert form.visits is None
    assert "走访与到期" not in [form.tabs.tabText(i) for i in range(form.tabs.count())]


def test_dossier_buttons_need_a_selection_and_name_their_shortcuts(qtbot, window, no_dialogs):
    tab = dossier_tab(qtbot, window)
    assert tab.buttons["visit"].toolTip() == "为所选人员记录一次走访（Ctrl+Shift+V）"
    assert tab.buttons["bundle"].toolTip().endswith("（Ctrl+Shift+P）")
    tab.table.clearSelection()
    tab.table.setCurrentIndex(tab.model.index(-1, -1))
    qtbot.mouseClick(tab.buttons["visit"], Qt.LeftButton)
    qtbot.mouseClick(tab.buttons["bundle"], Qt.LeftButton)
    assert no_dialogs == ["新增走访: 请先在列表中选择一个人。", "打印档案案卷: 请先在列表中选择一个人。"]


def test_ctrl_shift_v_records_a_visit_of_the_selected_person(qtbot, window, people):
    tab = dossier_tab(qtbot, window)
    tab.select(people["张三"])
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.table.setFocus()
    seen = {}

    def fill(dialog):
        seen["person"], seen["type"] = dialog.person.currentText(), dialog.basic.value("visit_type")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_dialog_opens(VisitDialog, fill)
    qtbot.keyClick(tab.table, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)
    assert seen == {"person": "张三（东街社区，安置帮教）", "type": "走访"}
    workbench = window.tab("WorkbenchTab")
    workbench.wait_loaded()
    assert workbench.count(due.GROUP_OVERDUE) == 0
    assert [r.visit_date for r in window.show_tab("VisitsTab").visits.model.rows] == [date(2026, 11, 24),
                                                                                       date(2026, 10, 20)]


def test_ctrl_shift_p_prints_the_bundle_with_its_progress_dialog(qtbot, window, people, opened, monkeypatch):
    ran = []
    real = visit_print.run_with_progress
    monkeypatch.setattr(visit_print, "run_with_progress",
                        lambda parent, title, fn: ran.append((parent, title)) or real(parent, title, fn))
    tab = dossier_tab(qtbot, window)
    tab.select(people["张三"])
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key_P, Qt.ControlModifier | Qt.ShiftModifier)
    assert ran == [(tab, "打印档案案卷")]
    [pdf] = opened
    text = pdf_text(Path(pdf).read_bytes())
    assert "档案案卷" in Path(pdf).name and "卷内目录" in text and "张三" in text


def test_the_workbench_opens_the_dossier_through_the_dossier_tab(qtbot, window, people, no_dialogs):
    workbench = window.show_tab("WorkbenchTab")
    workbench.wait_loaded()
    assert workbench.count(due.GROUP_UNCONNECTED) == 1
    qtbot.mouseClick(workbench.cards["unconnected"], Qt.LeftButton)
    double_click_row(qtbot, workbench.table, 0)                  # 未衔接 asks for no visit: the dossier
    dossiers = window.tab("DossierTab")
    assert window.tabs.currentWidget() is dossiers
    form = dossiers.form_dialog
    assert form is not None and form.person_id == people["李四"]
    qtbot.waitExposed(form)

    window.show_tab("WorkbenchTab")                               # another dossier while one is open
    workbench.wait_loaded()
    qtbot.mouseClick(workbench.cards["overdue"], Qt.LeftButton)
    workbench.table.selectRow(0)
    workbench.open_dossier()
    assert no_dialogs[-1] == "档案已打开: 正在编辑另一份档案，请先保存或关闭它，再打开这份档案。"
    assert dossiers.form_dialog is form and form.person_id == people["李四"]

    form.tabs.setCurrentIndex(2)                                  # 衔接: record the handover
    type_text(form.field("aftercare.handover_date"), "2026-11-20")
    assert form.save_button.isEnabled(), form.summary.text()
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dossiers.form_dialog is None)
    workbench.wait_loaded()                                       # the counts follow the closed form
    assert workbench.count(due.GROUP_UNCONNECTED) == 0
