"""Links between the tabs in the real main window: a report's drill-down opens the dossier, the
dossier lists its mediation cases and opens them, a case's party opens the dossier."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dialog_driver import click, click_row
from mediation_fixtures import ID_ZHANG, new_case
from sifasuo_desktop.domain.mediation import Party
from sifasuo_desktop.services import mediation, office, persons
from sifasuo_desktop.services.persons import AftercareInput, PersonInput
from sifasuo_desktop.ui.dialogs.mediation_case import MediationCaseDialog
from sifasuo_desktop.ui.dialogs.person_form import PersonFormDialog
from sifasuo_desktop.ui.main_window import MainWindow
from sifasuo_desktop.ui.models.report_tables import VALUE
from sifasuo_desktop.ui.tabs.dossiers import DossierTab


def double_click(qtbot, view, row: int) -> None:
    cell = view.visualRect(view.model().index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=cell)        # a double click starts with a press
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=cell)


@pytest.fixture
def window(qtbot, ctx, no_dialogs):
    main = MainWindow(ctx)
    main.idle_timer.stop()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    reports, dossiers = main.tab("ReportsTab"), main.tab("DossierTab")
    qtbot.waitUntil(lambda: not reports.busy and dossiers.loader is None, timeout=10_000)


@pytest.fixture
def zhang(ctx) -> str:
    """张三: released 2026-03-01 (new on the register this year), a party in mediation cases."""
    village = office.list_villages(ctx)[0].id
    return persons.create_person(ctx, PersonInput("张三", ID_ZHANG, village),
                                 aftercare=[AftercareInput("监狱刑满释放", date(2026, 3, 1))])


def test_double_click_in_a_drill_down_opens_the_dossier(qtbot, window, zhang):
    reports = window.show_tab("ReportsTab")
    qtbot.waitUntil(lambda: not reports.busy and reports.view_data is not None, timeout=10_000)
    model = reports.table.model()
    index = model.index(model.row_of("2"), VALUE)                     # 本期新增人数
    assert index.data() == "1"
    qtbot.mouseClick(reports.table.viewport(), Qt.LeftButton, pos=reports.table.visualRect(index).center())
    drill = reports.drill_dialog
    assert drill.isVisible() and drill.summary.text().endswith("共 1 人（双击打开）")
    double_click(qtbot, drill.view, 0)
    dossiers = window.tab("DossierTab")
    assert window.tabs.currentWidget() is dossiers
    form = dossiers.form_dialog
    assert isinstance(form, PersonFormDialog) and form.person_id == zhang
    qtbot.waitExposed(form)
    assert form.field("name").text() == "张三" and not drill.isVisible()
    form.reject()
    qtbot.waitUntil(lambda: dossiers.form_dialog is None)


def test_the_dossier_lists_its_cases_and_opens_one_in_the_mediation_tab(qtbot, window, zhang, ctx, no_dialogs):
    case = mediation.create_case(ctx, new_case())
    mediation.create_case(ctx, new_case(parties=(Party(role="申请人", name="王五"), new_case().parties[1])))
    dossiers = window.show_tab("DossierTab")
    form = dossiers.open_person(zhang)
    qtbot.waitExposed(form)
    titles = [form.tabs.tabText(i) for i in range(form.tabs.count())]
    assert titles[-1] == "相关调解案件"
    form.tabs.setCurrentIndex(len(titles) - 1)
    panel = form.cases
    assert panel.summary.text() == "该人员是以下 1 件调解案件的当事人（按公民身份号码查找，双击打开）："
    assert panel.model.index(0, 0).data() == case.number
    double_click(qtbot, panel.table, 0)
    cases_tab = window.tab("MediationTab")
    assert window.tabs.currentWidget() is cases_tab
    case_form = cases_tab.case_dialog
    assert case_form.isVisible() and case_form.case.id == case.id
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is case_form)   # above the person form
    # the party 张三 links back to the dossier, which is already open beneath
    parties = case_form.acceptance.parties
    click_row(parties.table, 1)
    assert parties.dossier_button.isVisible() and not parties.dossier_button.isEnabled()   # 李四: no dossier
    click_row(parties.table, 0)
    assert parties.dossier_button.isEnabled()
    click(parties.dossier_button)
    assert no_dialogs[-1] == "档案已打开: 该人员的档案已经打开。"
    assert dossiers.form_dialog is form
    # a case added meanwhile shows in the list once the case form is closed
    later = mediation.create_case(ctx, new_case(date(2026, 11, 10)))
    case_form.reject()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert {panel.model.rows[r].id for r in range(2)} == {case.id, later.id}
    form.reject()
    qtbot.waitUntil(lambda: dossiers.form_dialog is None)


def test_a_party_with_a_dossier_opens_it_from_the_case_form(qtbot, window, zhang, ctx, no_dialogs):
    case = mediation.create_case(ctx, new_case())
    other = mediation.create_case(ctx, new_case(date(2026, 11, 2)))
    cases_tab = window.show_tab("MediationTab")
    case_form = cases_tab.open_record(case.id)
    qtbot.waitExposed(case_form)
    assert cases_tab.open_record(other.id) is None                  # one case form at a time
    assert no_dialogs[-1] == "案件已打开: 正在编辑另一件案件，请先保存或关闭它，再打开这件案件。"
    parties = case_form.acceptance.parties
    click_row(parties.table, 0)
    click(parties.dossier_button)
    dossiers = window.tab("DossierTab")
    assert window.tabs.currentWidget() is dossiers
    form = dossiers.form_dialog
    assert form.person_id == zhang and form.field("name").text() == "张三"
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is form)
    form.reject()
    qtbot.waitUntil(lambda: dossiers.form_dialog is None)
    assert case_form.isVisible()                                    # back to the case
    case_form.reject()


def test_without_the_other_tab_no_link_is_offered(qtbot, ctx, zhang):
    case = mediation.create_case(ctx, new_case())
    tab = DossierTab(ctx)                                           # no main window
    qtbot.addWidget(tab)
    form = PersonFormDialog(ctx, zhang, tab)
    qtbot.addWidget(form)
    assert form.cases.model.rowCount() == 1 and not form.cases.open_button.isVisibleTo(form.cases)
    assert "双击" not in form.cases.summary.text()
    form.cases.open_selected()                                      # a double-click does nothing
    case_form = MediationCaseDialog(ctx, case.id, None)
    qtbot.addWidget(case_form)
    assert not case_form.acceptance.parties.dossier_button.isVisibleTo(case_form)
    new_form = PersonFormDialog(ctx, None, tab)
    qtbot.addWidget(new_form)
    assert new_form.cases is None and new_form.tabs.tabText(new_form.tabs.count() - 1) == "附件"

