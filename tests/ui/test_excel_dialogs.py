"""pytest-qt: the 导入Excel dialog and the export dialog driven as a person would, file dialogs
answered by monkeypatch."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton
from sqlalchemy import select

from sifasuo_desktop.db.models import Person
from sifasuo_desktop.services import auth
from sifasuo_desktop.ui.dialogs.excel_export import ExcelExportDialog
from sifasuo_desktop.ui.dialogs.excel_import import ExcelImportDialog, IssueTableModel
from sifasuo_desktop.services.excel_import import Issue
from tests.excel_data import counts, fill_demo
from tests.excel_files import id_number, open_book, record, titles, xlsx


def roster_row(i: int = 1, **values):
    base = dict(name=f"人员{i}", id_number=id_number("19800101", f"{i:03d}"), village="东街社区", source="监狱刑满释放",
                release_date="2024-03-01", category="一般")
    return record("roster", **{**base, **values})


def workbook(tmp_path, rows, name="台账.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx({"安置帮教对象": [titles("roster"), *rows]}))
    return path


def choose(monkeypatch, qtbot, dialog, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Excel 工作簿 (*.xlsx)"))
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)


def test_import_a_good_file(qtbot, ctx, tmp_path, monkeypatch):
    refreshed = []
    dialog = ExcelImportDialog(ctx, on_imported=lambda: refreshed.append(True))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    choose(monkeypatch, qtbot, dialog, workbook(tmp_path, [roster_row(1), roster_row(2, village="南关村")]))
    assert dialog.path_edit.text().endswith("台账.xlsx") and dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "新建人员 2 人" in dialog.summary.text() and "新建村(社区)：南关村" in dialog.summary.text()
    assert refreshed == [True]
    assert dialog.model.rowCount() == 0 and not dialog.save_issues_button.isEnabled()
    with ctx.reading() as s:
        assert sorted(s.scalars(select(Person.name))) == ["人员1", "人员2"]


def test_errors_are_shown_in_a_table_and_saved_as_excel(qtbot, ctx, tmp_path, monkeypatch):
    dialog = ExcelImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(monkeypatch, qtbot, dialog, workbook(tmp_path, [roster_row(1), roster_row(2, category="特殊"),
                                                           roster_row(3, id_number="410101198001010010")]))
    before = counts(ctx)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "未导入任何数据" in dialog.summary.text() and counts(ctx) == before
    model = dialog.model
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert shown[0][:4] == ["错误", "安置帮教对象", "3", "帮教类别*"] and shown[0][4] == "特殊"
    assert shown[1][:4] == ["错误", "安置帮教对象", "4", "公民身份号码*"] and "校验位" in shown[1][5]
    dialog.table.resizeRowsToContents()
    dialog.grab().save(str(tmp_path / "import_dialog.png"))
    target = tmp_path / "问题.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(dialog.save_issues_button, Qt.LeftButton)
    rows = list(open_book(target.read_bytes()).worksheets[0].iter_rows(values_only=True))
    assert rows[1] == IssueTableModel.HEADERS
    assert rows[2][:4] == ("错误", "安置帮教对象", 3, "帮教类别*")
    # now only the good rows
    box = dialog.valid_only_box
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))      # on the tick box
    assert box.isChecked()
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "有 2 行有错误，未导入" in dialog.summary.text() and "新建人员 1 人" in dialog.summary.text()


def test_existing_persons_updated_only_when_asked(qtbot, ctx, tmp_path, monkeypatch):
    dialog = ExcelImportDialog(ctx)
    qtbot.addWidget(dialog)
    choose(monkeypatch, qtbot, dialog, workbook(tmp_path, [roster_row(1)]))
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    choose(monkeypatch, qtbot, dialog, workbook(tmp_path, [roster_row(1, phone="13900000000")], "second.xlsx"))
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "系统中已有、未更新的人员 1 人" in dialog.summary.text()
    assert dialog.model.index(0, 0).data() == "提示"
    dialog.update_box.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "更新人员 1 人" in dialog.summary.text()
    with ctx.reading() as s:
        assert s.scalar(select(Person.phone)) == "13900000000"


def test_a_file_that_is_no_workbook(qtbot, ctx, tmp_path, monkeypatch):
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,公民身份号码\n", encoding="utf-8")
    dialog = ExcelImportDialog(ctx)
    qtbot.addWidget(dialog)
    choose(monkeypatch, qtbot, dialog, path)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert "CSV 或文本文件" in dialog.summary.text()


def test_cancel_in_the_progress_dialog_leaves_the_database_untouched(qtbot, ctx, tmp_path, monkeypatch):
    dialog = ExcelImportDialog(ctx)
    qtbot.addWidget(dialog)
    choose(monkeypatch, qtbot, dialog, workbook(tmp_path, [roster_row(i) for i in range(1, 1000)]))
    before = counts(ctx)
    pressed = []

    def press_cancel():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(5, press_cancel)
            return
        button = boxes[0].findChild(QPushButton)
        pressed.append(button.text())
        button.click()                                  # what the user does: the 取消 button

    QTimer.singleShot(0, press_cancel)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert pressed == ["取消"] and dialog.summary.text() == "已取消，未作任何修改"
    assert counts(ctx) == before


def test_issue_model_without_a_view():
    model = IssueTableModel()
    model.set_issues([Issue("走访记录", None, "姓名", "姓名", "列“姓名”不是模板中的列，已忽略", "提示"),
                      Issue("安置帮教对象", 7, "释放日期*", "x", "不是有效日期")])
    assert model.rowCount() == 2 and model.columnCount() == 6
    assert model.headerData(5, Qt.Horizontal) == "原因"
    assert [model.index(r, 0).data() for r in range(2)] == ["错误", "提示"]       # errors first
    assert model.index(0, 2).data(Qt.UserRole) == 7 and model.index(1, 2).data() == ""
    assert model.index(0, 0).data(Qt.ForegroundRole) is not None and model.index(1, 0).data(Qt.ForegroundRole) is None


def test_export_dialog(qtbot, ctx, tmp_path, monkeypatch):
    fill_demo(ctx)
    dialog = ExcelExportDialog(ctx, "roster")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.full_id.isEnabled() and dialog.columns.isVisible() and not dialog.period.isEnabled()
    for i in range(dialog.columns.count()):
        item = dialog.columns.item(i)
        item.setCheckState(Qt.Checked if item.text() in ("姓名*", "公民身份号码*", "状态") else Qt.Unchecked)
    dialog.village.setCurrentText("东街社区")
    dialog.full_id.setChecked(True)
    dialog.grab().save(str(tmp_path / "export_dialog.png"))
    target = tmp_path / "花名册.xlsx"
    suggested = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, name, *a: (suggested.append(name), (str(target), ""))[1])
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert suggested[0].startswith("花名册_东街社区_") and "已导出花名册" in dialog.message.text()
    rows = list(open_book(target.read_bytes()).worksheets[0].iter_rows(values_only=True))
    assert rows[1] == ("姓名*", "公民身份号码*", "状态") and [r[0] for r in rows[2:]] == ["陈静", "张伟", "赵军"]
    assert len(rows[2][1]) == 18 and "*" not in rows[2][1]
    dialog.kind.setCurrentIndex(dialog.kind.findData("mediation"))
    assert not dialog.columns.isVisible() and dialog.period.isEnabled() and not dialog.village.isEnabled()
    dialog.start.setText("2026-13-01")
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert "无效" in dialog.message.text()


def test_export_dialog_for_staff_masks_numbers(qtbot, ctx):
    auth.create_user(ctx, username="clerk", display_name="小王", password="clerk123", role="工作人员")
    clerk = ctx.as_user(auth.sign_in(ctx, "clerk", "clerk123"))
    dialog = ExcelExportDialog(clerk, "visits")
    qtbot.addWidget(dialog)
    assert not dialog.full_id.isEnabled() and "管理员" in dialog.full_id.toolTip()
    assert dialog.options().full_id is False


def test_menu_actions_of_the_main_window(qtbot, ctx, tmp_path, monkeypatch):
    from sifasuo_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    file_menu = window.menus["文件"]
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("导入Excel(&I)…") < texts.index("下载导入模板(&T)") < texts.index("导出Excel名单(&L)…") \
        < texts.index("退出(&X)")
    templates = next(a.menu() for a in file_menu.actions() if a.text() == "下载导入模板(&T)")
    assert [a.text() for a in templates.actions()] == ["安置帮教对象导入模板…", "走访记录导入模板…", "人民调解台账导入模板…"]
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    templates.actions()[1].trigger()
    assert open_book(target.read_bytes()).sheetnames == ["走访记录", "说明", "代码表"]
    next(a for a in file_menu.actions() if a.text() == "导入Excel(&I)…").trigger()
    assert window.findChild(ExcelImportDialog).isVisible()
    next(a for a in file_menu.actions() if a.text() == "导出Excel名单(&L)…").trigger()
    assert window.findChild(ExcelExportDialog).isVisible()
