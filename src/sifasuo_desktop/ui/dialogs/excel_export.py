"""文件 → 导出Excel名单: 花名册 (village, columns), 未衔接人员名单, 走访记录, 人民调解台账.

公民身份号码 are masked unless an administrator ticks 导出完整公民身份号码."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QListWidget, QListWidgetItem, QVBoxLayout, QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import excel_export, office
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.dialogs.excel_import import EXCEL_FILTER
from sifasuo_desktop.ui.widgets.form import DateField

ALL_VILLAGES = "全部村(社区)"


class ExcelExportDialog(QDialog):
    def __init__(self, ctx: AppContext, kind: str = "roster", parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved_to: Path | None = None
        self.setWindowTitle("导出Excel名单")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for code, label in excel_export.LIST_KINDS.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.village = QComboBox()
        self.village.addItems([ALL_VILLAGES, *(v.name for v in office.list_villages(ctx))])
        self.start, self.end = DateField(), DateField()
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel("至"))
        period.addWidget(self.end)
        self.period = QWidget()
        self.period.setLayout(period)
        period.setContentsMargins(0, 0, 0, 0)
        form.addRow("名单", self.kind)
        form.addRow("村(社区)", self.village)
        form.addRow("时间段", self.period)
        layout.addLayout(form)
        self.include_ended = QCheckBox("包含已解除的帮教期（默认只导出今天在册的人员）")
        self.columns_label = QLabel("花名册的列（勾选要导出的列；模板的列可以再导入）：")
        self.columns = QListWidget()
        for column in excel_export.roster_columns():
            item = QListWidgetItem(column.title)
            item.setData(Qt.UserRole, column.key)
            item.setCheckState(Qt.Checked if column.key in excel_export.DEFAULT_ROSTER_COLUMNS else Qt.Unchecked)
            self.columns.addItem(item)
        self.full_id = QCheckBox("导出完整公民身份号码")
        if not perm.can(ctx.user, perm.SHOW_FULL_ID):
            self.full_id.setEnabled(False)
            self.full_id.setToolTip(perm.denied_message(perm.SHOW_FULL_ID))
        for widget in (self.include_ended, self.columns_label, self.columns, self.full_id):
            layout.addWidget(widget)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close)
        self.export_button = buttons.button(QDialogButtonBox.Ok)
        self.export_button.setText("导出(&E)…")
        self.export_button.clicked.connect(self.export)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    @property
    def list_kind(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self) -> None:
        kind = self.list_kind
        for widget in (self.include_ended, self.columns_label, self.columns):
            widget.setVisible(kind == "roster")
        self.period.setEnabled(kind in ("visits", "mediation"))
        self.village.setEnabled(kind != "mediation")

    def options(self) -> excel_export.ListOptions:
        village = self.village.currentText() if self.village.isEnabled() else ALL_VILLAGES
        columns = tuple(self.columns.item(i).data(Qt.UserRole) for i in range(self.columns.count())
                        if self.columns.item(i).checkState() == Qt.Checked)
        start, end = (self.start.value(), self.end.value()) if self.period.isEnabled() else (None, None)
        return excel_export.ListOptions(
            village=None if village == ALL_VILLAGES else village, columns=columns or None,
            full_id=self.full_id.isChecked(), include_ended=self.include_ended.isChecked(), start=start, end=end)

    def export(self) -> None:
        try:
            options = self.options()
        except ValueError as err:                      # a date typed wrongly
            self._say(str(err), error=True)
            return
        label = excel_export.LIST_KINDS[self.list_kind]
        suggested = f"{label}{'_' + options.village if options.village else ''}_{date.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, f"导出{label}", suggested, EXCEL_FILTER)
        if not path:
            return
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            data = excel_export.export_list(self.ctx, self.list_kind, options)
            Path(path).write_bytes(data)
        except UserError as err:
            self._say(str(err), error=True)
            return
        except OSError as err:
            self._say(f"无法保存文件：{err.strerror}", error=True)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.saved_to = Path(path)
        self._say(f"已导出{label}到 {path}")

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e;" if error else "")
