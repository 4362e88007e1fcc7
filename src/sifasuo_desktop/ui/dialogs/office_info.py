"""单位信息: the office's name, region code, county, address, phone, head and 调委会 name.

These print in the header of every form, so the dialog shows them as they will be printed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from sifasuo_desktop.services import office
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.dialogs.admin_common import attempt, read_only_note
from sifasuo_desktop.ui.widgets.form import FormKit, bind_save

FIELDS = [  # code, label, required, placeholder
    ("name", "司法所名称", True, "例如 城关镇司法所"),
    ("code", "行政区划代码", True, "6、9或12位数字"),
    ("county", "上级司法局", False, "例如 示范县司法局"),
    ("address", "地址", False, ""),
    ("phone", "联系电话", False, ""),
    ("head_name", "所长", False, ""),
    ("committee_name", "人民调解委员会名称", False, "例如 城关镇人民调解委员会"),
]


def _problems(values: dict[str, Any]) -> dict[str, str]:
    problems = {}
    if not values["name"]:
        problems["name"] = "请填写司法所名称"
    if not (values["code"].isdigit() and len(values["code"]) in (6, 9, 12)):
        problems["code"] = "6、9或12位行政区划代码"
    return problems


class OfficeInfoDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("单位信息")
        layout = QVBoxLayout(self)
        hint = QLabel("这些信息印在每张表格的表头，并写入报送区县的数据包。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        read_only = not perm.can(ctx.user, perm.MANAGE_SETTINGS)
        if read_only:
            layout.addWidget(read_only_note(perm.MANAGE_SETTINGS))
        self.form = FormKit()
        info = office.get_office(ctx)
        for code, label, required, placeholder in FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setMinimumWidth(260)
            self.form.add(code, label, edit, required=required)
            self.form.set_value(code, getattr(info, code))
        self.form.validate = _problems
        self.form.setEnabled(not read_only)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText("保存")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if read_only:
            buttons.button(QDialogButtonBox.Save).hide()
            buttons.button(QDialogButtonBox.Cancel).setText("关闭")
        else:
            bind_save(buttons.button(QDialogButtonBox.Save), [self.form], self, self.save)
        self.form.revalidate()
        self.setMinimumWidth(560)

    def save(self) -> None:
        if attempt(self, lambda: office.update_office(self.ctx, **self.form.values()), [self.form]):
            self.accept()
