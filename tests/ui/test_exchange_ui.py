"""The 文件 menu of exchange: export, backup, restore, import (district), driven like a person."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime

import pytest
from exchange_data import fill_office, new_office, table_rows
from helpers import type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog, QPushButton

from sifasuo_desktop.core import paths
from sifasuo_desktop.services import backups, district, package, package_format
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.ui import exchange_actions
from sifasuo_desktop.ui.dialogs.export_package import ExportPackageDialog
from sifasuo_desktop.ui.dialogs.restore_backup import backup_model
from sifasuo_desktop.ui.widgets.record_model import SORT_ROLE
from sifasuo_desktop.ui.main_window import MainWindow


def on_modal(action, kind=None):
    """Run ``action(dialog)`` as soon as a modal dialog (of ``kind``) is showing."""
    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None or (kind and not isinstance(dialog, kind)):
            QTimer.singleShot(10, attempt)
            return
        action(dialog)
    QTimer.singleShot(0, attempt)


def menu_action(window, menu, text):
    return next(a for a in window.menus[menu].actions() if a.text() == text)


@pytest.fixture
def window(ctx, qtbot):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.rebuilding = True      # no exit backup when the test closes it (tests below check that path)
    return win


def test_export_dialog_enables_export_only_when_valid(qtbot, tmp_path):
    dialog = ExportPackageDialog("测试镇司法所", date(2026, 11, 24))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok.isEnabled()
    assert dialog.form.errors["folder"].text() == "请选择保存数据包的文件夹（如U盘）"
    type_text(dialog.form.fields["folder"], str(tmp_path))
    type_text(dialog.form.fields["passphrase"], "abc12")
    assert dialog.form.errors["passphrase"].text() == "密码至少6位" and not dialog.ok.isEnabled()
    type_text(dialog.form.fields["passphrase"], "3")
    type_text(dialog.form.fields["passphrase2"], "abc124")
    assert dialog.form.errors["passphrase2"].text() == "两次输入的密码不一致"
    dialog.form.fields["passphrase2"].clear()
    type_text(dialog.form.fields["passphrase2"], "abc123")
    assert dialog.ok.isEnabled() and dialog.passphrase() == "abc123"
    qtbot.mouseClick(dialog.form.fields["protect"], Qt.LeftButton)
    assert dialog.passphrase() is None and not dialog.form.fields["passphrase"].isEnabled()
    assert not dialog.form.fields["period_start"].isEnabled()
    dialog.form.fields["period"].setChecked(True)
    dialog.form.fields["period_end"].setText("2025-12-31")
    assert dialog.form.errors["period_end"].text() == "结束日期不能早于开始日期" and not dialog.ok.isEnabled()
    dialog.form.fields["period_end"].setText("2026-06-30")
    dialog.form.fields["attachments"].setChecked(False)
    options = dialog.options()
    assert (options.period_start, options.period_end, options.attachments) == (
        date(2026, 1, 1), date(2026, 6, 30), False)


def test_export_from_the_menu_writes_the_package(ctx, window, tmp_path, monkeypatch, no_dialogs):
    fill_office(ctx, persons=4)
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))

    def fill(dialog):
        qtbot_click(dialog.browse)
        type_text(dialog.form.fields["passphrase"], "secret99")
        type_text(dialog.form.fields["passphrase2"], "secret99")
        qtbot_click(dialog.ok)

    on_modal(fill, ExportPackageDialog)
    menu_action(window, "文件", "导出U盘数据包…").trigger()
    [pkg] = list(stick.glob("*.sfpkg"))
    assert pkg.name.startswith("410101001-测试镇司法所-")
    assert no_dialogs[-1].startswith("导出完成: 数据包已保存") and "已用密码保护" in no_dialogs[-1]
    manifest = package_format.unpack(pkg, tmp_path / "x.sqlite3", "secret99")
    assert manifest["counts"]["person"] == 4


def qtbot_click(button):
    button.click()
    QApplication.processEvents()


def test_backup_to_a_chosen_file(window, tmp_path, monkeypatch, no_dialogs):
    target = tmp_path / "备份.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    menu_action(window, "文件", "备份…").trigger()
    assert target.exists() and no_dialogs == [f"备份完成: 已备份到：\n{target}"]


def test_closing_the_window_backs_up(ctx, qtbot):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.close()
    assert [b.reason for b in backups.list_backups(ctx)] == ["exit"]


def test_backup_list_model_without_a_view(ctx):
    fill_office(ctx, persons=2, cases=1)
    backups.backup_now(ctx, backups.IMPORT, datetime(2026, 11, 20, 9, 5))
    model = backup_model(backups.list_backups(ctx))
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert headers == ["备份时间", "原因", "人员", "走访记录", "调解案件", "文件"]
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[:5] == ["2026-11-20 09:05", "导入前", "2", "8", "1"]
    assert model.data(model.index(0, 2), SORT_ROLE) == 2
    assert model.data(model.index(0, 0), SORT_ROLE) == "2026-11-20T09:05:00"


def test_restore_from_the_menu_rebuilds_the_window(ctx, window, monkeypatch, no_dialogs):
    fill_office(ctx, persons=3)
    backups.backup_now(ctx, backups.EXIT, datetime(2026, 11, 20, 17))
    fill_office(ctx, persons=2, seed=4)
    monkeypatch.setattr(exchange_actions, "sign_in_again", lambda c, name, username: c.user)

    def choose(dialog):
        assert dialog.table.model().rowCount() == 1
        dialog.restore_button.click()

    on_modal(choose)
    menu_action(window, "文件", "从备份恢复…").trigger()
    assert no_dialogs[0].startswith("从备份恢复: 将把全部数据恢复为 2026-11-20 17:00（人员3、走访记录12")
    assert no_dialogs[1].startswith("恢复完成")
    assert len(table_rows(ctx.path, "person")) == 3
    fresh = exchange_actions._windows[-1]
    assert fresh is not window and fresh.isVisible() and not window.isVisible()
    assert fresh.ctx.path == ctx.path and fresh.ctx.user.username == "admin"
    fresh.rebuilding = True
    fresh.close()
    fresh.ctx.dispose()
    exchange_actions._windows.clear()


# --- district ------------------------------------------------------------------------------

@pytest.fixture
def district_window(tmp_path, _template_db, qtbot):
    path = tmp_path / "district.sqlite3"
    shutil.copyfile(_template_db, path)
    ctx = district.create_district(open_database(path, today=date(2026, 11, 24)), code="410101", name="测试县司法局")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.rebuilding = True
    yield win
    ctx.dispose()


def _packages(tmp_path, _template_db):
    out = tmp_path / "stick"
    out.mkdir()
    files = []
    for i, (code, name) in enumerate((("410101001", "城关镇司法所"), ("410101002", "河湾乡司法所"))):
        office_ctx = new_office(_template_db, tmp_path, code, name)
        fill_office(office_ctx, persons=5 + i, seed=i,
                    id_numbers=["410101199001011237"] if True else None)
        con = sqlite3.connect(office_ctx.path)
        con.execute("UPDATE aftercare_term SET register_start = '2024-01-01', end_date = '2029-01-01'")
        con.commit()
        con.close()
        files.append(package.export_package(office_ctx, out, passphrase="区县密码123" if i else None,
                                            now=datetime(2026, 11, 20, 8, i)).path)
        office_ctx.dispose()
    return files


def test_district_window_shows_district_tabs_and_imports(district_window, tmp_path, _template_db, monkeypatch,
                                                         no_dialogs):
    win = district_window
    assert win.windowTitle().startswith("司法所桌面系统（区县汇总） — 测试县司法局")
    assert [win.tabs.tabText(i) for i in range(win.tabs.count())] == ["各所数据", "统计报表", "重复列管"]
    texts = [a.text() for a in win.menus["文件"].actions()]
    assert "导入数据包…" in texts and "导出U盘数据包…" not in texts
    files = _packages(tmp_path, _template_db)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files], ""))
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda parent, title, label, *a, **k: (
        asked.append(label) or ("区县密码123", True)))
    offices = win.tab("DistrictOfficesTab")
    offices.import_button.click()
    assert asked == ["河湾乡司法所（导出于 2026-11-20 08:01）的数据包已加密，请输入密码："]
    assert no_dialogs[-1] == ("导入完成: 城关镇司法所：导出于 2026-11-20 08:00，人员 5\n"
                              "河湾乡司法所：导出于 2026-11-20 08:01，人员 6")
    model = offices.model
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == ["城关镇司法所", "河湾乡司法所"]
    assert offices.summary.text() == "共 2 个司法所，人员 11，今日在册 11；最近数据包导出于 2026-11-20 08:01"
    twice = win.show_tab("DistrictRegisterTab")
    assert twice.model.rowCount() == 2
    assert [twice.model.data(twice.model.index(r, 0)) for r in range(2)] == ["410101********1237"] * 2
    twice.show_full.setChecked(True)
    assert twice.model.data(twice.model.index(0, 0)) == "410101199001011237"
    assert twice.summary.text() == "2026-11-24 有 1 人同时在两个及以上司法所在册"
    reports = win.show_tab("DistrictReportsTab")
    reports.start.setText("2020-01-01")
    reports.end.setText("2026-06-30")
    reports.compute_button.click()
    model = reports.model
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert headers == ["行次", "项目", "区县合计", "城关镇司法所", "河湾乡司法所"]
    row4 = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "4")
    total, first, second = (int(model.data(model.index(row4, c))) for c in (2, 3, 4))
    assert total == first + second == 11
    assert reports.status.text() == "2 个司法所；区县合计与各所之和一致"
    win.resize(1280, 600)
    win.show_tab("DistrictOfficesTab")
    win.grab().save(str(paths.data_dir() / "district_view.png"))


def test_an_older_package_is_imported_only_after_confirmation(district_window, tmp_path, _template_db,
                                                               monkeypatch, no_dialogs):
    files = _packages(tmp_path, _template_db)
    district.merge_packages(district_window.ctx, files, passphrase="区县密码123")
    older = tmp_path / "older"
    older.mkdir()
    again = open_database(tmp_path / "410101001.sqlite3")
    pkg = package.export_package(again, older, now=datetime(2026, 1, 1)).path
    again.dispose()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(pkg)], ""))
    district_window.tab("DistrictOfficesTab").import_button.click()
    assert no_dialogs[0].startswith("数据包较旧: 以下数据包比已导入的旧")
    assert no_dialogs[1].startswith("导入完成: 城关镇司法所：导出于 2026-01-01 00:00，人员 5（已替换原有数据）")


def test_a_bad_package_is_reported_before_anything_happens(district_window, tmp_path, monkeypatch, no_dialogs):
    junk = tmp_path / "junk.sfpkg"
    junk.write_bytes(b"junk")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(junk)], ""))
    shown = []
    monkeypatch.setattr(exchange_actions, "show_user_error", lambda parent, err, *a: shown.append(str(err)))
    district_window.tab("DistrictOfficesTab").import_button.click()
    assert shown == ["以下文件不能导入，请重新选择：\n数据包“junk.sfpkg”不是有效的数据包文件（可能不完整或已损坏，请重新复制或重新导出）"]
    assert district_window.tab("DistrictOfficesTab").model.rowCount() == 0


def test_first_run_can_set_up_a_district_database(empty_ctx, qtbot, monkeypatch):
    from sifasuo_desktop.ui import startup
    from sifasuo_desktop.ui.dialogs.district_setup import DistrictSetupDialog
    from sifasuo_desktop.ui.dialogs.first_run import FirstRunDialog

    def choose_district(dialog):
        dialog.findChild(QPushButton, "district").click()

    def fill(dialog):
        for code, value in (("name", "示范县司法局"), ("code", "410102"), ("display_name", "刘局长"),
                            ("password", "abc123"), ("password2", "abc123")):
            type_text(dialog.form.fields[code], value)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()

    on_modal(choose_district, FirstRunDialog)
    on_modal(fill, DistrictSetupDialog)
    bound = startup._first_run(empty_ctx, want_demo=False)
    assert district.is_district(bound)
    from sifasuo_desktop.services import auth
    assert auth.sign_in(bound, "admin", "abc123").display_name == "刘局长"
