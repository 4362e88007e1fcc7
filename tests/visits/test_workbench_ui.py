"""The 工作台 driven like a person would: counts, lists, recording a visit, postponing."""

from datetime import date

import pytest
import visit_factories as f
from helpers import type_text
from PySide6.QtCore import Qt
from visit_ui_helpers import double_click_row, when_dialog_opens

from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.services import due, visits
from sifasuo_desktop.services.visits import VisitData
from sifasuo_desktop.ui.dialogs.postpone import PostponeDialog
from sifasuo_desktop.ui.dialogs.visit_form import VisitDialog
from sifasuo_desktop.ui.tabs.workbench import WorkbenchTab


@pytest.fixture
def people(ctx):
    zhang = f.person(ctx, "张三", initials="zs")
    f.aftercare(ctx, zhang, date(2026, 6, 1), category="重点", agreement=date(2026, 6, 10))
    f.status_event(ctx, zhang, date(2026, 6, 5))
    visits.save_visit(ctx, None, VisitData(zhang, date(2026, 10, 20), "家访"))       # 走访 due 11-20
    visits.save_visit(ctx, None, VisitData(zhang, date(2026, 10, 1), "跟踪考察"))
    li = f.person(ctx, "李四")
    f.aftercare(ctx, li, date(2026, 11, 10), handover=None)                           # 未衔接
    return {"张三": zhang, "李四": li}


def open_tab(qtbot, ctx, window=None) -> WorkbenchTab:
    tab = WorkbenchTab(ctx, window)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    tab.wait_loaded()
    return tab


def test_counts_and_their_lists(qtbot, ctx, people):
    tab = open_tab(qtbot, ctx)
    assert tab.cards["overdue"].text() == "1\n逾期"
    assert tab.cards["due_soon"].text() == "0\n本周到期"
    assert tab.cards["unconnected"].text() == "1\n未衔接人员"
    assert tab.cards["ending"].text() == "0\n30天内期满"
    assert tab.cards["overdue"].isChecked()
    shown = [tab.model.data(tab.model.index(0, c)) for c in range(7)]
    assert shown == ["张三", "东街社区", "定期走访", "2026-11-20", "逾期", "逾期4天", "2026-10-20"]
    qtbot.mouseClick(tab.cards["unconnected"], Qt.LeftButton)
    assert tab.model.rowCount() == 1 and tab.model.data(tab.model.index(0, 2)) == "未衔接"
    type_text(tab.search, "王")
    assert tab.model.rowCount() == 0


def test_recording_a_visit_from_the_workbench_drops_the_overdue_count(qtbot, ctx, people):
    tab = open_tab(qtbot, ctx)
    assert tab.count(due.GROUP_OVERDUE) == 1
    seen = {}

    def fill(dialog):
        seen["person"] = dialog.person.currentText()
        seen["type"] = dialog.basic.value("visit_type")
        seen["date"] = dialog.basic.value("visit_date")
        type_text(dialog.content.fields["content_thought"], "思想稳定，按时报到")
        type_text(dialog.basic.fields["place"], "本人家中")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_dialog_opens(VisitDialog, fill)
    double_click_row(qtbot, tab.table, 0)
    tab.wait_loaded()
    assert seen == {"person": "张三（东街社区，安置帮教）", "type": "走访", "date": date(2026, 11, 24)}
    assert tab.count(due.GROUP_OVERDUE) == 0
    assert tab.cards["overdue"].text() == "0\n逾期"
    [row] = visits.list_visits(ctx, visits.VisitFilter(start=date(2026, 11, 24)))
    assert (row.person_name, row.visit_type, row.place) == ("张三", "走访", "本人家中")
    assert visits.get_visit(ctx, row.id).data.content_thought == "思想稳定，按时报到"


def test_cancelled_visit_form_changes_nothing(qtbot, ctx, people):
    tab = open_tab(qtbot, ctx)
    when_dialog_opens(VisitDialog, lambda dialog: dialog.reject())
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.buttons["visit"], Qt.LeftButton)
    assert tab.count(due.GROUP_OVERDUE) == 1
    assert len(visits.list_visits(ctx)) == 2


def test_postpone_asks_for_a_date_and_a_reason(qtbot, ctx, people):
    tab = open_tab(qtbot, ctx)
    seen = {}

    def fill(dialog):
        seen["enabled_without_reason"] = dialog.save_button.isEnabled()
        seen["reason_problem"] = dialog.form.errors["reason"].text()
        dialog.new_date.clear()
        type_text(dialog.new_date, "2026-12-05")
        type_text(dialog.reason, "本人在外地务工，12月初返乡")
        seen["enabled"] = dialog.save_button.isEnabled()
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_dialog_opens(PostponeDialog, fill)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.buttons["postpone"], Qt.LeftButton)
    tab.wait_loaded()
    assert seen == {"enabled_without_reason": False, "reason_problem": "请填写延期原因", "enabled": True}
    assert tab.count(due.GROUP_OVERDUE) == 0
    item = {i.rule: i for i in due.person_due(ctx, people["张三"])}[r.AFTERCARE_VISIT]
    assert (item.due_date, item.postpone_reason) == (date(2026, 12, 5), "本人在外地务工，12月初返乡")


def test_unconnected_person_opens_the_dossier_when_there_is_one(qtbot, ctx, people):
    opened = []

    class FakeDossierTab:
        def open_person(self, person_id):
            opened.append(person_id)
            return None                  # as when another dossier is being edited

    class Window:
        tabs = {"DossierTab": FakeDossierTab()}

        def tab(self, name):
            return self.tabs.get(name)

        def show_tab(self, name):
            return self.tabs[name]

    tab = open_tab(qtbot, ctx, Window())
    qtbot.mouseClick(tab.cards["unconnected"], Qt.LeftButton)
    double_click_row(qtbot, tab.table, 0)
    assert opened == [people["李四"]]
