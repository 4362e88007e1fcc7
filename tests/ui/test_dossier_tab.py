"""一人一档 as a person uses it: create by typing, edit, search by pinyin initials, 回收站 and back."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from helpers import replace_text, type_text
from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import office, persons
from sifasuo_desktop.services.person_dossier import get_dossier
from sifasuo_desktop.services.persons import AftercareInput, PersonInput
from sifasuo_desktop.ui.tabs.dossiers import DossierTab

GOOD_ID = compose("410102", date(1985, 6, 15), 123)
BAD_ID = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Open the combo's list and click the item, as a user does."""
    combo.showPopup()
    view = combo.view()
    index = combo.model().index(combo.findText(text), 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    assert combo.currentText() == text


def activate(qtbot, widget) -> None:
    """Make the widget's window the active one: shortcuts (Ctrl+S, Ctrl+F) act only there."""
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())


@pytest.fixture
def tab(qtbot, ctx, no_dialogs):
    widget = DossierTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_new_form(qtbot, tab):
    qtbot.mouseClick(tab.buttons["new"], Qt.LeftButton)
    dialog = tab.form_dialog
    qtbot.waitExposed(dialog)
    return dialog


def names(tab):
    return [tab.model.rows[r].name for r in range(tab.model.rowCount())]


def create_zhang_san(qtbot, tab):
    dialog = open_new_form(qtbot, tab)
    type_text(dialog.field("name"), "张三")
    qtbot.keyClicks(dialog.field("id_number"), GOOD_ID)
    dialog.tabs.setCurrentIndex(1)
    choose(qtbot, dialog.field("aftercare.source"), "监狱刑满释放")
    qtbot.keyClicks(dialog.field("aftercare.release_date"), "2024-03-01")
    assert dialog.save_button.isEnabled(), dialog.summary.text()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.form_dialog is None)
    return persons.find_by_id_number(tab.ctx, GOOD_ID)


def test_create_person_by_typing(qtbot, tab):
    assert tab.model.rowCount() == 0 and tab.count.text() == "共 0 人"
    dialog = open_new_form(qtbot, tab)
    assert not dialog.save_button.isEnabled()
    type_text(dialog.field("name"), "张三")
    qtbot.keyClicks(dialog.field("id_number"), BAD_ID)
    error = dialog.forms["basic"].errors["id_number"]
    assert error.isVisible() and "校验位错误" in error.text()
    assert not dialog.save_button.isEnabled() and "校验位错误" in dialog.summary.text()
    replace_text(dialog.field("id_number"), GOOD_ID)
    assert not error.isVisible()
    assert dialog.field("sex").currentText() == "男"
    assert dialog.field("birth_date").text() == "1985-06-15"
    assert dialog.field("village_id").currentText() == "东街社区"
    # the release page: a release date in the future is refused beside the field
    dialog.tabs.setCurrentIndex(1)
    choose(qtbot, dialog.field("aftercare.source"), "监狱刑满释放")
    qtbot.keyClicks(dialog.field("aftercare.release_date"), "2026-12-01")
    assert "不能晚于今天" in dialog.forms["release"].errors["aftercare.release_date"].text()
    assert "刑事与释放" in dialog.summary.text() and not dialog.save_button.isEnabled()
    replace_text(dialog.field("aftercare.release_date"), "2024-03-01")
    assert "帮教期满 2029-03-01" in dialog.term_info.text() and "今日状态：未衔接" in dialog.term_info.text()
    dialog.tabs.setCurrentIndex(2)
    qtbot.keyClicks(dialog.field("aftercare.handover_date"), "2024-03-02")
    assert "今日状态：在册" in dialog.term_info.text()
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.form_dialog is None)
    assert names(tab) == ["张三"] and tab.current_id() is not None
    assert [tab.model.data(tab.model.index(0, c)) for c in (3, 4, 5)] == ["安置帮教", "一般", "在册"]
    saved = get_dossier(tab.ctx, tab.current_id())
    assert saved.current_aftercare.handover_date == date(2024, 3, 2) and saved.person.sex == "男"


def test_tab_order_follows_the_form_and_escape_cancels(qtbot, tab):
    dialog = open_new_form(qtbot, tab)
    dialog.field("name").setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)
        order.append(dialog.focusWidget().objectName())
    assert order == ["id_number", "sex", "birth_date"]   # the verified box is skipped while disabled
    type_text(dialog.field("name"), "王五")
    qtbot.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: tab.form_dialog is None)
    assert tab.model.rowCount() == 0 and persons.list_deleted(tab.ctx) == []


def test_edit_with_enter_and_ctrl_s_adds_a_placement(qtbot, tab):
    pid = create_zhang_san(qtbot, tab)
    tab.table.setFocus()
    tab.select(pid)
    qtbot.keyClick(tab.table, Qt.Key_Return)
    dialog = tab.form_dialog
    assert dialog.person_id == pid and dialog.field("name").text() == "张三"
    replace_text(dialog.field("phone"), "13800001111")
    dialog.tabs.setCurrentIndex(4)
    editor = dialog.history["placement"]
    qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    entry = editor.dialog
    assert not entry.ok_button.isEnabled()
    qtbot.keyClicks(entry.form.fields["placement_date"], "2024-04-01")
    choose(qtbot, entry.form.fields["method"], "灵活就业(务工)")
    type_text(entry.form.fields["employer"], "县建筑队")
    qtbot.mouseClick(entry.ok_button, Qt.LeftButton)
    assert editor.table.rowCount() == 1 and editor.table.item(0, 1).text() == "灵活就业(务工)"
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.field("phone"), Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: tab.form_dialog is None)
    saved = get_dossier(tab.ctx, pid)
    assert saved.person.phone == "13800001111"
    assert [(p.placement_date, p.method, p.employer) for p in saved.placements] == [(date(2024, 4, 1), "03", "县建筑队")]


def test_search_by_pinyin_initials_and_id_part(qtbot, tab):
    create_zhang_san(qtbot, tab)
    village = tab.village.itemData(1)
    persons.create_person(tab.ctx, PersonInput("李四", compose("410103", date(1990, 1, 2), 245), village),
                          aftercare=[AftercareInput("看守所刑满释放", date(2025, 1, 1))])
    tab.refresh()
    assert sorted(names(tab)) == ["张三", "李四"]
    activate(qtbot, tab)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key_F, Qt.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "zs")
    qtbot.waitUntil(lambda: names(tab) == ["张三"])
    assert tab.count.text() == "1 / 2 人"
    tab.search.clear()
    qtbot.keyClicks(tab.search, "02245")       # part of 李四's number (…0102 245…)
    qtbot.waitUntil(lambda: names(tab) == ["李四"])
    tab.search.clear()
    qtbot.waitUntil(lambda: len(names(tab)) == 2)
    choose(qtbot, tab.state, "已解除")
    assert names(tab) == [] and tab.count.text() == "0 / 2 人"
    choose(qtbot, tab.state, "未衔接")              # neither has been handed over
    assert sorted(names(tab)) == ["张三", "李四"]


def test_delete_to_recycle_bin_and_restore(qtbot, tab, no_dialogs):
    pid = create_zhang_san(qtbot, tab)
    tab.select(pid)
    qtbot.mouseClick(tab.buttons["delete"], Qt.LeftButton)
    assert "移入回收站" in no_dialogs[-1]
    assert tab.model.rowCount() == 0
    qtbot.mouseClick(tab.buttons["bin"], Qt.LeftButton)
    bin_dialog = tab.bin_dialog
    assert bin_dialog.table.rowCount() == 1 and bin_dialog.table.item(0, 0).text() == "张三"
    qtbot.mouseClick(bin_dialog.restore_button, Qt.LeftButton)
    assert bin_dialog.table.rowCount() == 0 and bin_dialog.empty.isVisible()
    bin_dialog.accept()
    qtbot.waitUntil(lambda: tab.bin_dialog is None)
    assert names(tab) == ["张三"] and tab.current_id() == pid


def test_duplicate_number_offers_the_existing_dossier(qtbot, tab, no_dialogs):
    pid = create_zhang_san(qtbot, tab)
    dialog = open_new_form(qtbot, tab)
    type_text(dialog.field("name"), "张叁")
    qtbot.keyClicks(dialog.field("id_number"), GOOD_ID)
    dialog.tabs.setCurrentIndex(1)
    choose(qtbot, dialog.field("aftercare.source"), "监狱刑满释放")
    qtbot.keyClicks(dialog.field("aftercare.release_date"), "2024-03-01")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "已在本所登记（张三）" in no_dialogs[-1] and "是否打开已有的档案" in no_dialogs[-1]
    qtbot.waitUntil(lambda: tab.form_dialog is not None and tab.form_dialog is not dialog)
    assert tab.form_dialog.person_id == pid and tab.form_dialog.field("name").text() == "张三"
    assert names(tab) == ["张三"]


def test_remove_history_row_and_attach_a_file(qtbot, tab, tmp_path, monkeypatch):
    pid = create_zhang_san(qtbot, tab)
    persons.add_history(tab.ctx, pid, persons.StatusEventInput(date(2025, 5, 1), "脱管"))
    tab.refresh()
    assert tab.model.rows[0].lost_contact
    tab.edit_person(pid)
    dialog = tab.form_dialog
    dialog.tabs.setCurrentIndex(2)
    editor = dialog.history["status_event"]
    assert editor.table.item(0, 1).text() == "脱管"
    editor.table.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.LeftButton)
    assert editor.table.rowCount() == 0
    scan = tmp_path / "释放通知书.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    dialog.tabs.setCurrentIndex(7)
    panel = dialog.attachments
    qtbot.mouseClick(panel.buttons[0], Qt.LeftButton)
    assert panel.model.data(panel.model.index(0, 0)) == "释放通知书.pdf"
    assert panel.model.data(panel.model.index(0, 1)) == "1 KB"
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.form_dialog is None)
    saved = get_dossier(tab.ctx, pid)
    assert saved.status_events == [] and [a.filename for a in saved.attachments] == ["释放通知书.pdf"]
    assert not tab.model.rows[0].lost_contact


def test_print_asks_which_form_warns_of_missing_glyphs_and_opens_the_pdf(qtbot, tab, monkeypatch, no_dialogs):
    village = tab.village.itemData(1)
    pid = persons.create_person(
        tab.ctx, PersonInput("𰻞明", GOOD_ID, village),
        aftercare=[AftercareInput("监狱刑满释放", date(2024, 3, 1), handover_date=date(2024, 3, 1))],
        corrections=[persons.CorrectionInput("缓刑", date(2025, 1, 1), date(2027, 1, 1))])
    opened, asked = [], []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()))

    def get_item(parent, title, label, items, *args):
        asked.append(list(items))
        return items[1], True

    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem", get_item)
    tab.refresh(select_id=pid)
    qtbot.mouseClick(tab.buttons["print"], Qt.LeftButton)
    assert asked == [["安置帮教对象基本情况登记表", "社区矫正对象基本信息表"]]
    assert "有字符无法打印" in no_dialogs[-1] and "𰻞" in no_dialogs[-1]
    assert len(opened) == 1 and opened[0].endswith(".pdf") and "社区矫正对象基本信息表" in opened[0]
    with open(opened[0], "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_a_number_failing_the_check_is_kept_only_when_confirmed(qtbot, tab):
    dialog = open_new_form(qtbot, tab)
    type_text(dialog.field("name"), "赵六")
    verified = dialog.field("id_number_verified")
    assert not verified.isEnabled()
    qtbot.keyClicks(dialog.field("id_number"), BAD_ID)
    assert verified.isEnabled() and dialog.forms["basic"].errors["id_number"].isVisible()
    qtbot.mouseClick(verified, Qt.LeftButton, pos=QPoint(40, verified.height() // 2))   # on its text
    assert verified.isChecked() and not dialog.forms["basic"].errors["id_number"].isVisible()
    dialog.tabs.setCurrentIndex(1)
    choose(qtbot, dialog.field("aftercare.source"), "看守所刑满释放")
    qtbot.keyClicks(dialog.field("aftercare.release_date"), "2025-01-01")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.form_dialog is None)
    saved = get_dossier(tab.ctx, tab.current_id())
    assert saved.person.id_number == BAD_ID and saved.person.id_number_verified


def test_a_large_list_shows_its_first_screen_then_loads_the_rest(qtbot, tab, monkeypatch):
    from sifasuo_desktop.ui.tabs import dossiers

    village = tab.village.itemData(1)
    for n, name in enumerate(["甲一", "乙二", "丙三"]):
        persons.create_person(tab.ctx, PersonInput(name, compose("410102", date(1980, 1, 1), 11 + 2 * n), village))
    monkeypatch.setattr(dossiers, "FIRST_PAGE", 2)
    tab.search.setText("bs")                  # typed before the whole list is there
    tab.apply_filters()
    tab.refresh()
    assert len(tab.model.all_rows) == 2 and not tab.complete
    qtbot.waitUntil(lambda: tab.complete and len(tab.model.all_rows) == 3)
    assert names(tab) == ["丙三"] and tab.count.text() == "1 / 3 人"
    qtbot.waitUntil(lambda: tab.loader is None)


@pytest.fixture
def staff(ctx):
    from sifasuo_desktop.services import auth

    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    return ctx.as_user(auth.sign_in(ctx, "li", "staff123"))


def make_tab(qtbot, ctx) -> DossierTab:
    widget = DossierTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_staff_cannot_delete_restore_or_unmask(qtbot, ctx, staff, no_dialogs):
    village = office.list_villages(ctx)[0].id
    kept = persons.create_person(ctx, PersonInput("张三", GOOD_ID, village))
    gone = persons.create_person(ctx, PersonInput("李四", compose("410103", date(1990, 1, 2), 245), village))
    persons.delete_person(ctx, gone)
    tab = make_tab(qtbot, staff)
    assert not tab.buttons["delete"].isEnabled() and tab.buttons["delete"].toolTip() == "只有管理员可以删除档案"
    assert not tab.full_id.isEnabled() and not tab.full_id.isChecked()
    assert tab.model.data(tab.model.index(0, 1)) == GOOD_ID[:6] + "********" + GOOD_ID[-4:]
    tab.select(kept)
    tab.table.setFocus()
    activate(qtbot, tab)
    qtbot.keyClick(tab.table, Qt.Key_Delete)                # the key, since the button is disabled
    assert no_dialogs == ["删除档案: 只有管理员可以删除档案"]
    assert names(tab) == ["张三"]
    qtbot.mouseClick(tab.buttons["bin"], Qt.LeftButton)     # staff may look into the 回收站
    bin_dialog = tab.bin_dialog
    assert bin_dialog.table.item(0, 0).text() == "李四" and not bin_dialog.restore_button.isEnabled()
    bin_dialog.restore_selected()                           # what a double-click on the row does
    assert no_dialogs[-1] == "无法恢复: 只有管理员可以从回收站恢复"
    assert [p.id for p in persons.list_deleted(ctx)] == [gone]
    bin_dialog.accept()


def test_an_administrator_shows_full_numbers_on_request(qtbot, ctx):
    persons.create_person(ctx, PersonInput("张三", GOOD_ID, office.list_villages(ctx)[0].id))
    tab = make_tab(qtbot, ctx)
    masked = GOOD_ID[:6] + "********" + GOOD_ID[-4:]
    assert tab.full_id.isEnabled() and not tab.full_id.isChecked()
    assert tab.model.data(tab.model.index(0, 1)) == masked
    qtbot.mouseClick(tab.full_id, Qt.LeftButton, pos=QPoint(10, tab.full_id.height() // 2))
    assert tab.full_id.isChecked() and tab.model.data(tab.model.index(0, 1)) == GOOD_ID
    tab.refresh()                                           # a reload keeps the choice
    assert tab.model.data(tab.model.index(0, 1)) == GOOD_ID
    qtbot.mouseClick(tab.full_id, Qt.LeftButton, pos=QPoint(10, tab.full_id.height() // 2))
    assert tab.model.data(tab.model.index(0, 1)) == masked
    office.save_settings(ctx, {"mask_id_numbers": False})  # the office switched masking off
    unmasked = make_tab(qtbot, ctx)
    assert unmasked.full_id.isChecked() and unmasked.model.data(unmasked.model.index(0, 1)) == GOOD_ID


def test_a_restore_refused_for_a_deleted_village_says_which(qtbot, tab, no_dialogs):
    pid = create_zhang_san(qtbot, tab)
    south = office.save_village(tab.ctx, None, name="南关村", sort_order=1)
    persons.update_person(tab.ctx, pid, PersonInput("张三", GOOD_ID, south))
    persons.delete_person(tab.ctx, pid)
    office.delete_village(tab.ctx, south)
    tab.refresh()
    qtbot.mouseClick(tab.buttons["bin"], Qt.LeftButton)
    bin_dialog = tab.bin_dialog
    assert bin_dialog.table.item(0, 2).text() == "南关村（已删除）"
    qtbot.mouseClick(bin_dialog.restore_button, Qt.LeftButton)
    assert no_dialogs[-1].startswith("无法恢复: 该档案所属的村(社区)“南关村”已被删除")
    assert bin_dialog.table.rowCount() == 1
    bin_dialog.accept()
    qtbot.waitUntil(lambda: tab.bin_dialog is None)
    assert names(tab) == []
