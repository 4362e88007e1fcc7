"""区县汇总库: name the 区/县司法局 (when new) and create its administrator.

A district database belongs to no township office; it has its own unit (the 区/县司法局) and its
own users, who sign in exactly as an office's staff do. A district database created headless
(``sifasuo merge``) has its unit but no user yet: the dialog then asks for the user only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from sifasuo_desktop.ui.dialogs.password import add_admin_fields, account_problems
from sifasuo_desktop.ui.widgets.form import FormKit, form_buttons


class DistrictSetupDialog(QDialog):
    def __init__(self, unit_name: str | None = None, parent: QWidget | None = None):
        """``unit_name``: the district's name when the database already has its unit."""
        super().__init__(parent)
        self.needs_unit = unit_name is None
        self.setWindowTitle("建立区县汇总库" if self.needs_unit else "设置汇总库管理员")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "区/县司法局用本程序汇总各司法所报送的U盘数据包（只读查看、汇总报表）。"
            if self.needs_unit else f"<b>{unit_name}</b> 的汇总库还没有用户，请设置管理员。"))
        self.form = FormKit()
        if self.needs_unit:
            self.form.add("name", "区县司法局名称", QLineEdit(), required=True)
            self.form.add("code", "区县行政区划代码", QLineEdit(), required=True)
        add_admin_fields(self.form)
        self.form.validate = self._problems
        layout.addWidget(self.form)
        layout.addWidget(form_buttons(self, [self.form], self.accept, "建立", QDialogButtonBox.Ok))
        self.form.revalidate()

    def _problems(self, values: dict[str, Any]) -> dict[str, str]:
        problems = {}
        if self.needs_unit:
            if not values["name"]:
                problems["name"] = "请填写区县司法局名称"
            if not (values["code"].isdigit() and len(values["code"]) == 6):
                problems["code"] = "6位行政区划代码"
        return {**problems, **account_problems(values)}

    def values(self) -> dict[str, Any]:
        return self.form.values()
