"""设置 menu dialogs driven like a user: 单位信息, 规则参数, 程序设置, and what 工作人员 sees."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from dialog_driver import ModalHand, click, menu_action
from helpers import replace_text, type_text
from sifasuo_desktop.domain.rules import RuleSettings
from sifasuo_desktop.services import auth, office
from sifasuo_desktop.ui.dialogs.office_info import OfficeInfoDialog
from sifasuo_desktop.ui.dialogs.settings_pages import SettingsPagesDialog, program_settings_dialog, rules_dialog
from sifasuo_desktop.ui.main_window import MainWindow


@pytest.fixture
def staff(ctx):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    return ctx.as_user(auth.sign_in(ctx, "li", "staff123"))


def _set_spin(spin, number):
    spin.setFocus()
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin, str(number))


def _save_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)


def _field(dialog: SettingsPagesDialog, key):
    return next(form.fields[key] for form in dialog.forms if key in form.fields)


def _error(dialog: SettingsPagesDialog, key):
    return next(form.errors[key] for form in dialog.forms if key in form.fields)


def test_rules_dialog_shows_every_rule_with_its_label_and_current_value(qtbot, ctx):
    office.save_settings(ctx, {"due_soon_days": 10})
    dialog = rules_dialog(ctx)
    qtbot.addWidget(dialog)
    assert [dialog.pages.tabText(i) for i in range(dialog.pages.count())] == ["安置帮教", "社区矫正", "人民调解", "提醒与报表"]
    assert sorted(dialog.values()) == sorted(RuleSettings.keys())
    assert _field(dialog, "due_soon_days").value() == 10
    assert _field(dialog, "include_correction_ended").isChecked()
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"重点帮教对象走访间隔(月)", "半年报报送日(月-日)", "严管对象走访间隔(天)"} <= labels
    assert dialog.findChild(QLabel, "read_only_note") is None


def test_rules_are_typed_checked_and_saved(qtbot, ctx):
    dialog = rules_dialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    save = _save_button(dialog)
    _set_spin(_field(dialog, "visit_interval_key_months"), 2)
    _set_spin(_field(dialog, "visit_interval_general_months"), 99)   # capped by its range (1–12)
    assert _field(dialog, "visit_interval_general_months").value() == 9
    box = _field(dialog, "include_correction_ended")
    QTest.mouseClick(box, Qt.LeftButton, Qt.NoModifier, QPoint(8, box.height() // 2))   # on the box
    due = _field(dialog, "report_half_year_due")
    replace_text(due, "06-31")
    assert _error(dialog, "report_half_year_due").text() == "06-31 不是有效日期"
    assert not save.isEnabled()
    replace_text(due, "06-10")
    assert save.isEnabled()
    QTest.keyClick(due, Qt.Key_S, Qt.ControlModifier)                  # Ctrl+S saves
    assert dialog.result() == dialog.DialogCode.Accepted
    rules = office.rules(ctx)
    assert (rules.visit_interval_key_months, rules.visit_interval_general_months,
            rules.include_correction_ended, rules.report_half_year_due) == (2, 9, False, "06-10")
    assert rules.correction_visit_loose_months == 3                     # untouched


def test_restore_defaults_puts_the_defaults_back(qtbot, ctx):
    office.save_settings(ctx, {"mediation_limit_days": 45, "report_annual_due": "12-10"})
    dialog = rules_dialog(ctx)
    qtbot.addWidget(dialog)
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.RestoreDefaults))
    assert office.rules(ctx).mediation_limit_days == 45      # nothing stored before 保存
    click(_save_button(dialog))
    assert office.rules(ctx) == RuleSettings()


def test_program_settings_switch_the_idle_lock_off_at_once(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.idle_timer.isActive()
    hand = ModalHand()

    def switch_off(dialog: SettingsPagesDialog):
        assert dialog.windowTitle() == "程序设置"
        _set_spin(_field(dialog, "idle_lock_minutes"), 0)
        _set_spin(_field(dialog, "login_max_failures"), 3)
        click(_save_button(dialog))

    hand.when(SettingsPagesDialog, switch_off)
    menu_action(window, "设置", "程序设置").trigger()
    assert hand.done == 1 and not hand.missed
    assert not window.idle_timer.isActive()
    settings = office.app_settings(ctx)
    assert (settings.idle_lock_minutes, settings.login_max_failures) == (0, 3)


def test_office_info_is_edited_and_the_window_title_follows(qtbot, ctx, no_dialogs):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.status_label.text() == "测试镇司法所  |  张所长"
    hand = ModalHand()

    def edit(dialog: OfficeInfoDialog):
        fields, save = dialog.form.fields, _save_button(dialog)
        assert fields["name"].text() == "测试镇司法所" and fields["county"].text() == "测试县司法局"
        replace_text(fields["code"], "41010")
        assert dialog.form.errors["code"].text() == "6、9或12位行政区划代码" and not save.isEnabled()
        replace_text(fields["code"], "410101002")
        replace_text(fields["name"], "城关镇司法所")
        type_text(fields["committee_name"], "城关镇人民调解委员会")
        type_text(fields["head_name"], "陈建国")
        click(save)

    hand.when(OfficeInfoDialog, edit)
    menu_action(window, "设置", "单位信息").trigger()
    assert hand.done == 1 and not hand.missed
    info = office.get_office(ctx)
    assert (info.name, info.code, info.committee_name, info.head_name) == (
        "城关镇司法所", "410101002", "城关镇人民调解委员会", "陈建国")
    assert info.address is None                     # an untouched empty field stays empty
    assert window.windowTitle().endswith("城关镇司法所（张所长）")
    assert window.status_label.text() == "城关镇司法所  |  张所长"


def test_staff_sees_settings_read_only_and_admin_items_disabled(qtbot, staff):
    window = MainWindow(staff)
    qtbot.addWidget(window)
    users = menu_action(window, "设置", "用户")
    audit_log = menu_action(window, "设置", "操作日志")
    assert not users.isEnabled() and users.text().endswith("（仅管理员）")
    assert not audit_log.isEnabled() and audit_log.statusTip() == "只有管理员可以查看操作日志"
    assert menu_action(window, "设置", "修改我的密码").isEnabled()
    for make in (rules_dialog, program_settings_dialog):
        dialog = make(staff)
        qtbot.addWidget(dialog)
        note = dialog.findChild(QLabel, "read_only_note")
        assert note.text() == "当前为只读：只有管理员可以修改设置。"
        assert not _save_button(dialog).isVisible() and not any(f.isEnabled() for f in dialog.forms)
    info = OfficeInfoDialog(staff)
    qtbot.addWidget(info)
    assert info.findChild(QLabel, "read_only_note") is not None
    assert not info.form.isEnabled() and info.form.fields["name"].text() == "测试镇司法所"


def test_admin_menu_items_are_enabled(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    for prefix in ("单位信息", "村(社区)", "规则参数", "程序设置", "用户", "修改我的密码", "操作日志", "立即锁定"):
        assert menu_action(window, "设置", prefix).isEnabled()
