"""导出U盘数据包: where to, with which passphrase, which period, with or without attachments."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from sifasuo_desktop.services.package import MIN_PASSPHRASE, ExportOptions
from sifasuo_desktop.ui.widgets.form import DateField, FormKit, form_buttons

PERIOD_NOTE = ("只导出该期间内在册或在矫的人员（含其全部档案）、期间内的走访和办理的调解案件；"
               "足以计算该期间内任一报表期的7号表和调解统计表。")


def _problems(values: dict[str, Any]) -> dict[str, str]:
    problems = {}
    if not values["folder"]:
        problems["folder"] = "请选择保存数据包的文件夹（如U盘）"
    elif not Path(values["folder"]).is_dir():
        problems["folder"] = "文件夹不存在"
    if values["protect"]:
        if len(values["passphrase"]) < MIN_PASSPHRASE:
            problems["passphrase"] = f"密码至少{MIN_PASSPHRASE}位"
        elif values["passphrase"] != values["passphrase2"]:
            problems["passphrase2"] = "两次输入的密码不一致"
    if values["period"]:
        start, end = values["period_start"], values["period_end"]
        if start is None:
            problems.setdefault("period_start", "请填写开始日期")
        if end is None:
            problems.setdefault("period_end", "请填写结束日期")
        if start and end and start > end:
            problems["period_end"] = "结束日期不能早于开始日期"
    return problems


class ExportPackageDialog(QDialog):
    def __init__(self, office_name: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导出U盘数据包")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"把 <b>{office_name}</b> 的数据导出为一个数据包文件，交区县司法局汇总。"))
        self.form = FormKit()
        folder = self.form.add("folder", "保存到", QLineEdit(), required=True)
        self.browse = QPushButton("选择…")
        self.browse.setObjectName("browse")
        self.browse.clicked.connect(self.choose_folder)
        folder.parentWidget().layout().insertWidget(1, self.browse)
        self.form.add("protect", "", QCheckBox("用密码保护数据包（推荐：U盘可能丢失）")).setChecked(True)
        for code, label in (("passphrase", "数据包密码"), ("passphrase2", "再次输入密码")):
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.Password)
            self.form.add(code, label, edit)
        self.form.add("period", "", QCheckBox("只导出一段期间"))
        self.form.add("period_start", "开始日期", DateField()).set_value(date(today.year, 1, 1))
        self.form.add("period_end", "结束日期", DateField()).set_value(today)
        self.form.add("attachments", "", QCheckBox("包含附件（扫描件；不含时数据包更小）")).setChecked(True)
        self.form.validate = _problems
        layout.addWidget(self.form)
        note = QLabel(PERIOD_NOTE)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        buttons = form_buttons(self, [self.form], self.accept, "导出", QDialogButtonBox.Ok)
        self.ok = buttons.button(QDialogButtonBox.Ok)
        layout.addWidget(buttons)
        self.form.fields["protect"].toggled.connect(self._enable)
        self.form.fields["period"].toggled.connect(self._enable)
        self._enable()
        self.form.revalidate()

    def _enable(self) -> None:
        protect, period = self.form.value("protect"), self.form.value("period")
        for code in ("passphrase", "passphrase2"):
            self.form.fields[code].setEnabled(protect)
        for code in ("period_start", "period_end"):
            self.form.fields[code].setEnabled(period)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择保存数据包的文件夹（如U盘）", self.form.value("folder"))
        if folder:
            self.form.set_value("folder", folder)

    def folder(self) -> Path:
        return Path(self.form.value("folder"))

    def passphrase(self) -> str | None:
        return self.form.value("passphrase") if self.form.value("protect") else None

    def options(self) -> ExportOptions:
        values = self.form.values()
        if not values["period"]:
            return ExportOptions(attachments=values["attachments"])
        return ExportOptions(values["period_start"], values["period_end"], values["attachments"])
