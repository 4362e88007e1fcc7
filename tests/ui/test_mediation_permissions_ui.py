"""The 人民调解 tab and case form mirror the roles: 工作人员 see 删除 and 恢复 disabled, with the reason."""

from datetime import date
from decimal import Decimal

import pytest
from helpers import type_text
from mediation_fixtures import new_case, staff_of
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from sifasuo_desktop.domain.mediation import Followup, Record
from sifasuo_desktop.services import mediation
from sifasuo_desktop.services import mediation_records as records
from sifasuo_desktop.ui.tabs.mediation import MediationTab


def buttons(widget, text: str) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton) if b.text() == text]


def only(widget, text: str) -> QPushButton:
    [found] = buttons(widget, text)
    return found


def show_tab(qtbot, ctx) -> MediationTab:
    tab = MediationTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    return tab


@pytest.fixture
def agreed_case(ctx):
    """A closed case with an agreement, a record and a follow-up (entered by the 管理员)."""
    case = mediation.create_case(ctx, new_case(
        result="成功", concluded_date=date(2026, 11, 10), agreement_form="书面", clauses=("李四疏通排水沟",),
        agreement_amount=Decimal("500"), performance_method="李四自行施工"))
    case = records.save_record(ctx, case.id, Record("调查", date(2026, 11, 2), "东街社区", "张三", "孙记录", "查看"))
    case = records.save_followup(ctx, case.id, Followup(date(2026, 11, 20), "电话回访", "王调解", "已疏通", "满意"))
    return mediation.close_case(ctx, case.id)


def test_staff_sees_delete_and_restore_disabled_with_the_reason(qtbot, ctx, no_dialogs):
    staff = staff_of(ctx)
    mediation.create_case(staff, new_case())
    tab = show_tab(qtbot, staff)
    delete = only(tab, "删除")
    assert delete.isVisible() and not delete.isEnabled() and delete.toolTip() == "只有管理员可以删除记录"
    assert only(tab, "新建案件").isEnabled() and only(tab, "打开").isEnabled()
    tab.table.selectRow(0)
    qtbot.mouseClick(delete, Qt.LeftButton)         # a click on a disabled button does nothing
    assert tab.model.rowCount() == 1 and no_dialogs == []
    qtbot.mouseClick(tab.deleted, Qt.LeftButton)    # the 回收站
    restore = only(tab, "恢复")
    assert restore.isVisible() and not restore.isEnabled()
    assert restore.toolTip() == "只有管理员可以从回收站恢复"


def test_admin_has_delete_and_restore(qtbot, ctx):
    tab = show_tab(qtbot, ctx)
    assert only(tab, "删除").isEnabled() and only(tab, "删除").toolTip() == ""
    qtbot.mouseClick(tab.deleted, Qt.LeftButton)
    assert only(tab, "恢复").isEnabled()


def test_staff_case_form_keeps_delete_disabled_after_reopening(qtbot, ctx, agreed_case, no_dialogs):
    tab = show_tab(qtbot, staff_of(ctx))
    dialog = tab.open_record(agreed_case.id)
    pages = (dialog.records, dialog.performance)
    for page in pages:            # archived: everything that edits is disabled
        assert not only(page, "删除").isEnabled() and not only(page, "修改").isEnabled()
    qtbot.mouseClick(only(dialog, "重新打开…"), Qt.LeftButton)
    type_text(dialog.child_dialog.field("reason"), "当事人反映未履行")
    qtbot.mouseClick(dialog.child_dialog.ok_button, Qt.LeftButton)
    assert not dialog.case.closed
    for page in pages:            # open again: 工作人员 edit, only 管理员 delete
        assert only(page, "修改").isEnabled()
        assert not only(page, "删除").isEnabled() and only(page, "删除").toolTip() == "只有管理员可以删除记录"
    assert len(mediation.get_case(ctx, agreed_case.id).records) == 1


def test_admin_case_form_deletes_a_record(qtbot, ctx, agreed_case, no_dialogs):
    mediation.reopen_case(ctx, agreed_case.id, "补充材料")
    tab = show_tab(qtbot, ctx)
    dialog = tab.open_record(agreed_case.id)
    for page in (dialog.records, dialog.performance):
        assert only(page, "删除").isEnabled()
    dialog.records.list.table.selectRow(0)
    qtbot.mouseClick(only(dialog.records, "删除"), Qt.LeftButton)
    assert dialog.records.list.table.rowCount() == 0
    assert mediation.get_case(ctx, agreed_case.id).records == ()
