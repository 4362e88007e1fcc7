"""First start: name the office and create its administrator (所长); optionally fill demo data."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from sifasuo_desktop.ui.dialogs.password import add_admin_fields, account_problems
from sifasuo_desktop.ui.widgets.form import FormKit, form_buttons


def _problems(values: dict[str, Any]) -> dict[str, str]:
    problems = {}
    if not values["office_name"]:
        problems["office_name"] = "请填写司法所名称"
    code = values["office_code"]
    if not (code.isdigit() and len(code) in (6, 9, 12)):
        problems["office_code"] = "6、9或12位行政区划代码"
    return {**problems, **account_problems(values)}


class FirstRunDialog(QDialog):
    DISTRICT = 2   # exec() result: the user chose to set up a district database instead

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("首次使用：建立司法所")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("这是本机第一次使用。请填写司法所信息，并设置管理员（所长）的登录密码。"))
        self.form = FormKit()
        self.form.add("office_name", "司法所名称", QLineEdit(), required=True)
        self.form.add("office_code", "行政区划代码", QLineEdit(), required=True)
        self.form.add("county", "上级司法局", QLineEdit())
        add_admin_fields(self.form)
        self.demo = QCheckBox("填入演示数据（示例村居、人员、走访和调解案件，便于熟悉程序）")
        self.form.validate = _problems
        layout.addWidget(self.form)
        layout.addWidget(self.demo)
        buttons = form_buttons(self, [self.form], self.accept, "建立", QDialogButtonBox.Ok)
        district = buttons.addButton("区/县司法局：建立汇总库…", QDialogButtonBox.ActionRole)
        district.setObjectName("district")
        district.clicked.connect(lambda: self.done(self.DISTRICT))
        layout.addWidget(buttons)
        self.form.revalidate()

    def values(self) -> dict[str, Any]:
        return {**self.form.values(), "demo": self.demo.isChecked()}
