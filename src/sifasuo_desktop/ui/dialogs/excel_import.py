"""文件 → 导入Excel: choose a workbook, choose the options, import in a worker with a progress
dialog and a cancel button, then see the result and every problem (savable as Excel)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import excel_export, excel_import
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.tasks import run_with_progress

EXCEL_FILTER = "Excel 工作簿 (*.xlsx);;所有文件 (*)"
ERROR_COLOUR = QColor("#b3261e")


class IssueTableModel(QAbstractTableModel):
    """The problems of an import: 类型, 工作表, 行, 列, 单元格内容, 原因."""

    HEADERS = ("类型", "工作表", "行", "列", "单元格内容", "原因")

    def __init__(self, issues: list[excel_import.Issue] | None = None):
        super().__init__()
        self.issues = list(issues or [])

    def set_issues(self, issues: list[excel_import.Issue]) -> None:
        self.beginResetModel()
        # errors first, then in sheet and row order (as the user works through the file)
        self.issues = sorted(issues, key=lambda i: (i.level != excel_import.ERROR, i.sheet, i.row or 0))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self.issues)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        issue = self.issues[index.row()]
        values = (issue.level, issue.sheet, issue.row, issue.column, issue.value, issue.reason)
        if role == Qt.DisplayRole:
            value = values[index.column()]
            return "" if value is None else str(value)
        if role == Qt.UserRole:                                # raw value for sorting
            return values[index.column()]
        if role == Qt.ForegroundRole and issue.level == excel_import.ERROR:
            return QBrush(ERROR_COLOUR)
        if role == Qt.ToolTipRole and index.column() == 5:
            return issue.reason
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.HEADERS[section]
        return None


class ExcelImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, on_imported=None):
        super().__init__(parent)
        self.ctx = ctx
        self.on_imported = on_imported
        self.result: excel_import.ImportResult | None = None
        self.setWindowTitle("导入Excel")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("可导入“安置帮教对象”“走访记录”“人民调解台账”工作表（使用“下载导入模板”得到的模板）。"
                                "任何一行有错误时整份文件都不导入，并列出错误。"))
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("请选择 .xlsx 文件")
        self.choose_button = QPushButton("选择文件(&F)…")
        self.choose_button.clicked.connect(self.choose_file)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        self.update_box = QCheckBox("更新已有人员（公民身份号码相同的人员：用文件中填写的内容更新档案）")
        self.valid_only_box = QCheckBox("只导入无误的行（有错误的行列出后跳过）")
        layout.addWidget(self.update_box)
        layout.addWidget(self.valid_only_box)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.model = IssueTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((48, 110, 48, 130, 150)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.save_issues_button = QPushButton("保存问题清单(&S)…")
        self.save_issues_button.setEnabled(False)
        self.save_issues_button.clicked.connect(self.save_issues)
        self.import_button = QPushButton("导入(&I)")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_issues_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择要导入的 Excel 文件", "", EXCEL_FILTER)
        if path:
            self.path_edit.setText(path)
            self.import_button.setEnabled(True)
            self._show([], "")

    def run_import(self) -> None:
        path = Path(self.path_edit.text())
        try:
            data = path.read_bytes()
        except OSError as err:
            self._show([], f"无法读取文件：{err.strerror}", error=True)
            return
        update, valid_only = self.update_box.isChecked(), self.valid_only_box.isChecked()
        try:
            result = run_with_progress(self, "导入Excel", lambda progress: excel_import.import_excel(
                self.ctx, data, file_name=path.name, update=update, valid_only=valid_only, progress=progress))
        except UserError as err:                 # also Cancelled: "已取消，未作任何修改"
            self._show([], str(err), error=True)
            return
        self.result = result
        self._show(list(result.issues), result.summary(), error=bool(result.errors) and not result.imported)
        if result.imported and self.on_imported is not None:
            self.on_imported()

    def _show(self, issues: list[excel_import.Issue], text: str, error: bool = False) -> None:
        self.model.set_issues(issues)
        self.save_issues_button.setEnabled(bool(issues))
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR.name()};" if error else "")

    def save_issues(self) -> None:
        name = Path(self.path_edit.text()).stem
        path, _ = QFileDialog.getSaveFileName(self, "保存问题清单", f"{name}_导入问题清单.xlsx", EXCEL_FILTER)
        if not path:
            return
        try:
            Path(path).write_bytes(excel_export.issues_workbook(self.model.issues, Path(self.path_edit.text()).name))
        except OSError as err:
            self.summary.setText(f"无法保存问题清单：{err.strerror}")
            return
        self.summary.setText(self.summary.text() + f"\n问题清单已保存到 {path}")
