"""Menu actions of the Excel feature: 文件 → 导入Excel…, 下载导入模板 (one per template),
导出Excel名单…. ``open_export(window, kind)`` is there for tabs that offer their own list export.

The dialogs and services are imported when an action runs: they bring openpyxl, which would add
a few hundred milliseconds to every start (STACK.md, scripts/bench_district.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox


TEMPLATES = {"roster": "安置帮教对象导入模板", "visits": "走访记录导入模板", "mediation": "人民调解台账导入模板"}


def install(window) -> None:
    window.add_action("文件", "导入Excel(&I)…", lambda: open_import(window), separator=True)
    templates = window.menus["文件"].addMenu("下载导入模板(&T)")
    for kind, label in TEMPLATES.items():
        action = templates.addAction(label + "…")
        action.triggered.connect(lambda _checked=False, k=kind: save_template(window, k))
    window.add_action("文件", "导出Excel名单(&L)…", lambda: open_export(window))


def open_import(window):
    from sifasuo_desktop.ui.dialogs.excel_import import ExcelImportDialog

    dialog = ExcelImportDialog(window.ctx, window, on_imported=getattr(window, "refresh_all", None))
    dialog.open()
    return dialog


def open_export(window, kind: str = "roster"):
    from sifasuo_desktop.ui.dialogs.excel_export import ExcelExportDialog

    dialog = ExcelExportDialog(window.ctx, kind, window)
    dialog.open()
    return dialog


def save_template(window, kind: str) -> Path | None:
    from sifasuo_desktop.services import excel_export
    from sifasuo_desktop.ui.dialogs.excel_import import EXCEL_FILTER

    path, _ = QFileDialog.getSaveFileName(window, "保存导入模板", f"{TEMPLATES[kind]}.xlsx", EXCEL_FILTER)
    if not path:
        return None
    try:
        Path(path).write_bytes(excel_export.template(window.ctx, kind))
    except OSError as err:
        QMessageBox.warning(window, "无法保存", f"无法保存模板：{err.strerror}")
        return None
    window.statusBar().showMessage(f"已保存模板 {path}", 5000)
    return Path(path)
