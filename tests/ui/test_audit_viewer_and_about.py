"""操作日志 viewer (filters, pages, readable changes, read-only), 关于 and 打开数据文件夹."""

import sqlite3
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLabel

from dialog_driver import ModalHand, click, click_row, menu_action
from helpers import type_text
from sifasuo_desktop.db.models import AuditLog
from sifasuo_desktop.services import office
from sifasuo_desktop.ui.dialogs.about import AboutDialog
from sifasuo_desktop.ui.dialogs.audit_viewer import PAGE_SIZE, AuditViewerDialog, period_presets
from sifasuo_desktop.ui.main_window import MainWindow


@pytest.fixture
def busy_log(ctx):
    """The fixture's own rows plus 450 edits by 李助理 in October 2026, and one real change."""
    start = datetime(2026, 10, 1, 8, 0)
    with ctx.transaction() as session:
        session.execute(AuditLog.__table__.insert(), [
            dict(id=f"{i:032x}", office_id=ctx.office_id, at=start + timedelta(hours=i), user_name="李助理",
                 action="打印", table_name="person", record_id=f"p{i}", summary=f"打印登记表 第{i}份")
            for i in range(450)])
    office.save_settings(ctx, {"due_soon_days": 14})
    return ctx


def _open(qtbot, ctx):
    dialog = AuditViewerDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def test_newest_first_in_pages(qtbot, busy_log):
    dialog = _open(qtbot, busy_log)
    assert dialog.total == 450 + 5      # 建立司法所, 新增用户, 登录, 村(社区), 设置
    assert dialog.page_label.text() == "第 1/3 页，共 455 条"
    assert dialog.model.rowCount() == PAGE_SIZE
    assert dialog.model.index(0, 4).data() == "设置 即将到期提醒(天)"
    assert not dialog.previous.isEnabled()
    click(dialog.next)
    click(dialog.next)
    assert dialog.page_label.text() == "第 3/3 页，共 455 条" and dialog.model.rowCount() == 55
    assert not dialog.next.isEnabled()
    assert dialog.model.index(54, 4).data() == "打印登记表 第0份"


def test_selected_entry_shows_its_changes_with_chinese_names(qtbot, busy_log):
    dialog = _open(qtbot, busy_log)
    click_row(dialog.view, 0)
    cells = [[dialog.changes_model.index(r, c).data() for c in range(3)]
             for r in range(dialog.changes_model.rowCount())]
    assert cells == [["即将到期提醒(天)", "7", "14"]]
    assert "张所长  修改  设置" in dialog.changes_title.text()


def test_filters_by_user_action_period_and_text(qtbot, busy_log):
    dialog = _open(qtbot, busy_log)
    dialog.user.setCurrentText("张所长")
    assert dialog.total == 3                      # 登录, 村(社区), 设置 (the office was set up by 系统)
    dialog.action.setCurrentText("登录")
    assert dialog.total == 1 and dialog.model.index(0, 3).data() == "用户"
    dialog.clear_filter()
    assert dialog.total == 455
    type_text(dialog.start, "2026-10-02")
    type_text(dialog.end, "2026-10-02")
    QTest.keyClick(dialog.end, Qt.Key_Return)
    assert dialog.total == 24                     # one print an hour on 2 October
    dialog.clear_filter()
    type_text(dialog.text, "第44")
    QTest.keyClick(dialog.text, Qt.Key_Return)
    assert {e.summary for e in dialog.model.rows} == {f"打印登记表 第{n}份" for n in [44, *range(440, 450)]}


def test_bad_dates_are_told_not_searched(qtbot, busy_log):
    dialog = _open(qtbot, busy_log)
    type_text(dialog.start, "2026-13-01")
    click(dialog.findChild(type(dialog.next), "search"))
    assert dialog.message.text() == "日期“2026-13-01”无效，应为 YYYY-MM-DD" and dialog.total == 455
    dialog.start.clear()
    type_text(dialog.start, "2026-11-02")
    type_text(dialog.end, "2026-11-01")
    click(dialog.findChild(type(dialog.next), "search"))
    assert dialog.message.text() == "开始日期晚于结束日期"


def test_period_presets(qtbot, busy_log):
    presets = period_presets(datetime(2026, 3, 15).date())
    assert presets["上月"] == (datetime(2026, 2, 1).date(), datetime(2026, 2, 28).date())
    assert presets["最近7天"][0] == datetime(2026, 3, 9).date()
    dialog = _open(qtbot, busy_log)
    dialog.period.setCurrentText("上月")        # TODAY is 2026-11-24: October, all 450 prints
    assert (dialog.start.text(), dialog.end.text()) == ("2026-10-01", "2026-10-31")
    assert dialog.total == 450


def test_the_viewer_is_read_only(qtbot, busy_log):
    dialog = _open(qtbot, busy_log)
    for view in (dialog.view, dialog.changes_view):
        assert view.editTriggers() == QAbstractItemView.NoEditTriggers
        assert not (view.model().flags(view.model().index(0, 0)) & Qt.ItemIsEditable)


def test_audit_viewer_opens_from_the_menu(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    hand = ModalHand()
    seen = []
    hand.when(AuditViewerDialog, lambda d: (seen.append(d.total), d.reject()))
    menu_action(window, "设置", "操作日志").trigger()
    assert seen == [4]


def test_about_names_version_files_and_sqlite(qtbot, ctx):
    dialog = AboutDialog(ctx)
    qtbot.addWidget(dialog)
    lines = dict(dialog.lines)
    assert lines["数据库文件"] == str(ctx.path)
    assert lines["SQLite 版本"] == sqlite3.sqlite_version
    assert lines["数据库版本"] == "0001_initial"
    assert "logs" in lines["日志文件夹"]
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert str(ctx.path) in texts


def test_open_data_folder_from_the_help_menu(qtbot, ctx, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    menu_action(window, "帮助", "打开数据文件夹").trigger()
    from sifasuo_desktop.core import paths
    assert opened == [str(paths.data_dir())]
    assert [a.text() for a in window.menus["帮助"].actions() if a.text()] == ["打开数据文件夹(&D)", "关于(&A)"]
