"""A new password typed twice: the user's own change (with the current one) or an admin's reset."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from sifasuo_desktop.services import auth
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.auth import UserInfo
from sifasuo_desktop.ui.dialogs.admin_common import attempt
from sifasuo_desktop.ui.widgets.form import FormKit, form_buttons


def password_problems(values: dict[str, Any]) -> dict[str, str]:
    """Length and the second entry; shared with the new-user dialog."""
    if len(values["password"]) < auth.MIN_PASSWORD:
        return {"password": f"密码至少{auth.MIN_PASSWORD}位"}
    if values["password"] != values["password2"]:
        return {"password2": "两次输入的密码不一致"}
    return {}


def add_password_fields(form: FormKit, label: str = "新密码", again: str = "再次输入") -> None:
    for code, text in (("password", label), ("password2", again)):
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.Password)
        form.add(code, text, edit, required=True)


def add_admin_fields(form: FormKit) -> None:
    """The first administrator of a new office or district database: name, 登录名, password twice."""
    form.add("display_name", "管理员姓名", QLineEdit(), required=True)
    form.add("username", "登录名", QLineEdit("admin"), required=True)
    add_password_fields(form, "密码", "再次输入密码")


def account_problems(values: dict[str, Any]) -> dict[str, str]:
    """What is missing or wrong in a new account's 姓名, 登录名 and password typed twice."""
    problems = {}
    if not values["display_name"]:
        problems["display_name"] = "请填写姓名"
    if not values["username"]:
        problems["username"] = "请填写登录名"
    return {**problems, **password_problems(values)}


class PasswordDialog(QDialog):
    """``user`` None: the signed-in user changes their own password; else an admin resets ``user``'s."""

    def __init__(self, ctx: AppContext, user: UserInfo | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.setWindowTitle("修改我的密码" if user is None else f"重设密码：{user.display_name}")
        layout = QVBoxLayout(self)
        if user is not None:
            note = QLabel(f"为 {user.display_name}（{user.username}）设置新密码，账户的锁定同时解除。"
                          "请当面告诉本人，并请其登录后自行修改。")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = FormKit()
        if user is None:
            old = QLineEdit()
            old.setEchoMode(QLineEdit.Password)
            self.form.add("old_password", "原密码", old, required=True)
        add_password_fields(self.form)
        self.form.validate = self._problems
        layout.addWidget(self.form)
        layout.addWidget(form_buttons(self, [self.form], self.save, "确定", QDialogButtonBox.Ok))
        self.form.revalidate()
        self.setMinimumWidth(460)

    def _problems(self, values: dict[str, Any]) -> dict[str, str]:
        problems = password_problems(values)
        if self.user is None and not values["old_password"]:
            problems["old_password"] = "请输入原密码"
        return problems

    def save(self) -> None:
        new = self.form.value("password")
        if self.user is None:
            old = self.form.value("old_password")
            ok = attempt(self, lambda: auth.change_own_password(self.ctx, old, new), [self.form])
        else:
            ok = attempt(self, lambda: auth.set_password(self.ctx, self.user.id, new), [self.form])
        if ok:
            self.accept()
