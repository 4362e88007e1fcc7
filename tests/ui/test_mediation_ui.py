"""人民调解 as a clerk uses it: a case from acceptance to agreement to follow-up to close."""

import re
import subprocess
from datetime import date

import pytest
from helpers import replace_text, type_text
from mediation_fixtures import ID_LI, ID_ZHANG, new_case
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLineEdit, QPushButton

from sifasuo_desktop.services import audit, mediation
from sifasuo_desktop.ui.tabs.mediation import MediationTab


@pytest.fixture
def opened(monkeypatch):
    """The PDF files the program hands to the system viewer."""
    files: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: files.append(url.toLocalFile()) or True)
    return files


@pytest.fixture
def tab(qtbot, ctx, no_dialogs):
    widget = MediationTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def button(widget, text: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert found, f"no visible button {text}"
    return found[0]


def click(qtbot, widget, text: str) -> None:
    target = button(widget, text)
    assert target.isEnabled(), f"{text} is disabled"
    qtbot.mouseClick(target, Qt.LeftButton)


def add_party(qtbot, editor, name: str, id_number: str = "", phone: str = ""):
    click(qtbot, editor, "添加当事人")
    dialog = editor.dialog
    type_text(dialog.field("name"), name)
    if id_number:
        type_text(dialog.field("id_number"), id_number)
    if phone:
        type_text(dialog.field("phone"), phone)
    type_text(dialog.field("address"), "东街社区")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    return dialog


def pdf_text(path: str) -> str:
    """The PDF's text in drawing order, without white space."""
    text = subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def test_case_from_acceptance_to_agreement_to_followup_to_close(qtbot, ctx, tab, no_dialogs, opened):
    click(qtbot, tab, "新建案件")
    dialog = tab.case_dialog
    acceptance = dialog.acceptance
    assert "2026年第1号" in dialog.number_label.text()
    assert not dialog.save_button.isEnabled()                      # no type, no parties, no mediators yet

    # 受理
    replace_text(acceptance.form.fields["acceptance_date"], "2026-11-02")
    acceptance.form.fields["dispute_type"].setCurrentText("邻里")
    type_text(acceptance.form.fields["mediators"], "王明、李红")
    type_text(acceptance.form.fields["summary"], "两家因院墙排水发生争执。")
    party = add_party(qtbot, acceptance.parties, "张三", ID_ZHANG, "13800000001")
    assert party.form.value("sex") == "男" and party.form.value("birth_date") == date(1980, 3, 15)
    assert "一名申请人和一名被申请人" in acceptance.parties.error.text()
    second = add_party(qtbot, acceptance.parties, "李四", phone="13800000002")
    assert second.party().role == "被申请人"                       # the second party is on the other side
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog, "保存")
    assert dialog.number_label.text() == "测试镇人调字〔2026〕第1号"
    assert "剩8天" in dialog.state_label.text()                    # 11-02 + 30 = 12-02, today 11-24

    # 调解记录
    dialog.tabs.setCurrentWidget(dialog.records)
    click(qtbot, dialog.records, "添加调解记录")
    record = dialog.records.dialog
    type_text(record.field("place"), "司法所调解室")
    type_text(record.field("text"), "调解员讲解相邻关系的规定，双方同意改道排水沟。")
    qtbot.mouseClick(record.ok_button, Qt.LeftButton)
    assert dialog.records.list.table.rowCount() == 1

    # 结果与协议
    outcome = dialog.outcome
    dialog.tabs.setCurrentWidget(outcome)
    outcome.form.fields["result"].setCurrentText("成功")
    replace_text(outcome.form.fields["concluded_date"], "2026-11-10")
    outcome.form.fields["agreement_form"].setCurrentText("书面")
    assert not dialog.save_button.isEnabled()
    assert "至少需要一条" in outcome.clauses.error.text()
    for clause in ("李四于2026年11月30日前将排水沟改道至自家院内", "张三予以配合，双方不再追究"):
        click(qtbot, outcome, "添加条款")
        editor = [e for e in outcome.clauses.table.findChildren(QLineEdit) if e.isVisible()][0]
        type_text(editor, clause)
        qtbot.keyClick(editor, Qt.Key_Return)
        qtbot.wait(1)   # the view commits the edit from its event loop
    assert outcome.clauses.clauses() == ("李四于2026年11月30日前将排水沟改道至自家院内", "张三予以配合，双方不再追究")
    type_text(outcome.form.fields["performance_method"], "李四自行施工")
    type_text(outcome.form.fields["agreement_amount"], "800")
    click(qtbot, dialog, "保存")
    assert "调解成功" in dialog.state_label.text()

    # 回访
    dialog.tabs.setCurrentWidget(dialog.performance)
    assert "2026-12-10" in dialog.performance.due_label.text()     # 30 days after the agreement
    dialog.performance.form.fields["performance_status"].setCurrentText("已履行")
    replace_text(dialog.performance.form.fields["performance_date"], "2026-11-20")
    click(qtbot, dialog.performance, "添加回访")                   # saves the form first
    followup = dialog.performance.dialog
    replace_text(followup.field("followup_date"), "2026-11-21")
    type_text(followup.field("content"), "排水沟已改道，双方满意。")
    qtbot.mouseClick(followup.ok_button, Qt.LeftButton)
    assert dialog.performance.list.table.rowCount() == 1

    # print the agreement
    dialog.print_form("人民调解协议书")
    text = pdf_text(opened[-1])
    for expected in ("人民调解协议书", "张三", "李四", "一、李四于2026年11月30日前将排水沟改道至自家院内",
                     "二、张三予以配合，双方不再追究", "本协议一式三份，当事人、人民调解委员会各持一份。",
                     "测试镇人调字〔2026〕第1号", "王明、李红"):
        assert expected in text, expected

    # 结案归档: locked
    click(qtbot, dialog, "结案归档")
    assert any("结案归档" in shown for shown in no_dialogs)
    assert dialog.case.closed and dialog.lock_label.isVisible()
    assert not dialog.save_button.isEnabled() and not dialog.acceptance.form.isEnabled()
    assert not button(dialog.performance, "添加回访").isEnabled()
    stored = mediation.get_case(ctx, dialog.case.id)
    assert stored.closed and stored.performance_status == "已履行" and len(stored.followups) == 1
    assert [p.name for p in stored.parties] == ["张三", "李四"] and stored.mediators == ("王明", "李红")
    assert tab.model.rows[0].state == "已归档"

    # 重新打开 with a reason
    click(qtbot, dialog, "重新打开…")
    reopen = dialog.child_dialog
    assert not reopen.ok_button.isEnabled()
    type_text(reopen.field("reason"), "当事人反映排水沟再次堵塞")
    qtbot.mouseClick(reopen.ok_button, Qt.LeftButton)
    assert not dialog.case.closed and dialog.acceptance.form.isEnabled()
    assert "当事人反映排水沟再次堵塞" in audit.list_entries(ctx, record_id=dialog.case.id)[0].summary


def test_party_dialog_refuses_a_wrong_id_number(qtbot, tab):
    click(qtbot, tab, "新建案件")
    editor = tab.case_dialog.acceptance.parties
    click(qtbot, editor, "添加当事人")
    dialog = editor.dialog
    type_text(dialog.field("name"), "王五")
    type_text(dialog.field("id_number"), ID_LI[:-1] + ("0" if ID_LI[-1] != "0" else "1"))
    assert not dialog.ok_button.isEnabled()
    assert "校验位" in dialog.form.errors["id_number"].text()
    replace_text(dialog.field("id_number"), ID_LI)
    assert dialog.ok_button.isEnabled() and dialog.form.value("sex") == "女"


def test_list_search_filters_and_limit_colours(qtbot, ctx, tab):
    from sifasuo_desktop.ui.tabs.mediation_model import LIMIT_COLUMN, NEAR_COLOUR, PAST_COLOUR

    mediation.create_case(ctx, new_case(date(2026, 10, 28)))                      # 3 days left
    mediation.create_case(ctx, new_case(date(2026, 10, 1), dispute_type="合同"))  # past
    tab.refresh()
    assert tab.model.rowCount() == 2
    assert "临近期限 1 件，已超期 1 件" in tab.summary.text()
    colours = {r.limit.label: tab.model.data(tab.model.index(i, LIMIT_COLUMN), Qt.BackgroundRole).color()
               for i, r in enumerate(tab.model.rows)}
    assert colours == {"剩3天": NEAR_COLOUR, "超期24天": PAST_COLOUR}
    tab.dispute_type.setCurrentText("合同")
    assert [r.dispute_type for r in tab.model.rows] == ["合同"]
    tab.dispute_type.setCurrentText("")
    type_text(tab.search, "zs")
    assert tab.model.rowCount() == 2
    replace_text(tab.search, "王五")
    assert tab.model.rowCount() == 0
    replace_text(tab.search, "")
    tab.state.setCurrentText("已超期")
    assert [r.limit.days_left for r in tab.model.rows] == [-24]


def test_closed_case_opens_read_only_and_cannot_be_deleted(qtbot, ctx, tab, no_dialogs):
    case = mediation.create_case(ctx, new_case(result="不成功", concluded_date=date(2026, 11, 5),
                                               failure_reason="被申请人拒绝调解", suggested_route="诉讼"))
    mediation.close_case(ctx, case.id)
    tab.refresh()
    tab.table.selectRow(0)
    tab.open_selected()
    dialog = tab.case_dialog
    assert dialog.lock_label.isVisible() and button(dialog, "重新打开…").isEnabled()
    assert not dialog.save_button.isEnabled() and not dialog.outcome.form.isEnabled()
    dialog.reject()
    click(qtbot, tab, "删除")
    assert any("重新打开" in shown for shown in no_dialogs)
    assert tab.model.rowCount() == 1


def test_extension_with_both_parties_consent(qtbot, ctx, tab):
    case = mediation.create_case(ctx, new_case(date(2026, 10, 28)))     # deadline 11-27
    dialog = tab.open_record(case.id)
    assert "剩3天" in dialog.state_label.text()
    click(qtbot, dialog, "延长期限…")
    extension = dialog.child_dialog
    assert not extension.ok_button.isEnabled()                          # consent not ticked, no reason
    qtbot.mouseClick(extension.field("both_consent"), Qt.LeftButton)
    type_text(extension.field("reason"), "等待房屋鉴定结论")
    assert extension.ok_button.isEnabled()
    qtbot.mouseClick(extension.ok_button, Qt.LeftButton)
    assert "剩18天" in dialog.state_label.text() and "已延长15天" in dialog.state_label.text()
    assert mediation.get_case(ctx, case.id).extension_days == 15
    assert tab.model.rows[0].limit.days_left == 18


def test_party_of_a_dossier_person_is_marked(qtbot, ctx, tab):
    from sifasuo_desktop.db.models import Person

    with ctx.transaction() as session:
        session.add(Person(office_id=ctx.office_id, name="张三", id_number=ID_ZHANG))
    case = mediation.create_case(ctx, new_case())
    dialog = tab.open_record(case.id)
    table = dialog.acceptance.parties.table
    assert [table.item(r, 8).text() for r in range(table.rowCount())] == ["在档人员", ""]


def test_main_window_has_the_tab_and_its_print_actions(qtbot, ctx, opened):
    from sifasuo_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "人民调解" in titles
    actions = {a.text(): a for a in window.menus["打印"].actions()}
    assert "人民调解案件登记簿…" in actions
    blanks = {a.text(): a for a in actions["空白人民调解文书"].menu().actions()}
    blanks["人民调解协议书"].trigger()
    assert opened and "空白人民调解协议书" in opened[-1]
    assert "本协议一式" in pdf_text(opened[-1])


def test_register_view_lists_the_period_and_prints(qtbot, ctx, tab, opened):
    mediation.create_case(ctx, new_case(date(2025, 12, 30)))
    mediation.create_case(ctx, new_case(date(2026, 1, 2)))
    register = tab.show_register()
    assert register.table.rowCount() == 1 and register.table.item(0, 0).text() == "城关镇人调字〔2026〕第1号"
    replace_text(register.start, "2025-01-01")
    assert register.table.rowCount() == 2
    replace_text(register.end, "2025-13-01")
    assert not register.print_button.isEnabled()
    replace_text(register.end, "2026-12-31")
    click(qtbot, register, "打印登记簿")
    assert "〔2025〕第1号" in pdf_text(opened[-1]) and "〔2026〕第1号" in pdf_text(opened[-1])


def test_delete_to_the_recycle_bin_and_restore(qtbot, ctx, tab, no_dialogs):
    mediation.create_case(ctx, new_case())
    tab.refresh()
    tab.table.selectRow(0)
    click(qtbot, tab, "删除")
    assert tab.model.rowCount() == 0 and any("回收站" in shown for shown in no_dialogs)
    qtbot.mouseClick(tab.deleted, Qt.LeftButton)
    assert tab.model.rowCount() == 1 and not button(tab, "恢复").isHidden()
    tab.table.selectRow(0)
    click(qtbot, tab, "恢复")
    assert tab.model.rowCount() == 0
    qtbot.mouseClick(tab.deleted, Qt.LeftButton)
    assert tab.model.rowCount() == 1
