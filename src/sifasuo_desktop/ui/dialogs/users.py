"""用户: the office's accounts; add (管理员 / 工作人员), reset a password, disable, unlock, change role."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.domain import codes
from sifasuo_desktop.services import auth
from sifasuo_desktop.services.auth import UserInfo
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.dialogs.admin_common import AdminListDialog, attempt, fit_to_screen
from sifasuo_desktop.ui.dialogs.password import PasswordDialog, account_problems, add_password_fields
from sifasuo_desktop.ui.widgets.form import FormKit, form_buttons
from sifasuo_desktop.ui.widgets.record_model import Column, RecordTableModel

ROLE_NOTE = "管理员（所长）管理用户、设置、删除和解锁；工作人员录入记录和打印。"


def user_state(user: UserInfo, now: datetime | None = None) -> str:
    if not user.active:
        return "已停用"
    if user.is_locked(now):
        return f"已锁定至 {user.locked_until:%H:%M}"
    return "正常"


class NewUserDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("新增用户")
        layout = QVBoxLayout(self)
        self.form = FormKit()
        self.form.add("display_name", "姓名", QLineEdit(), required=True)
        self.form.add("username", "登录名", QLineEdit(), required=True)
        role = QComboBox()
        role.addItems([codes.ROLE_STAFF, codes.ROLE_ADMIN])
        role.setToolTip(ROLE_NOTE)
        self.form.add("role", "角色", role, required=True)
        add_password_fields(self.form, "初始密码")
        self.form.validate = account_problems
        layout.addWidget(self.form)
        layout.addWidget(form_buttons(self, [self.form], self.save))
        self.form.revalidate()
        self.setMinimumWidth(480)

    def save(self) -> None:
        v = self.form.values()
        if attempt(self, lambda: auth.create_user(self.ctx, username=v["username"], display_name=v["display_name"],
                                                  password=v["password"], role=v["role"]), [self.form]):
            self.accept()


class UsersDialog(AdminListDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("用户")
        layout = QVBoxLayout(self)
        hint = QLabel(ROLE_NOTE + "停用的用户不能登录，其记录保留。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.add_table(layout, RecordTableModel([
            Column("姓名", lambda u: u.display_name),
            Column("登录名", lambda u: u.username),
            Column("角色", lambda u: u.role),
            Column("状态", user_state, color=lambda u: None if user_state(u) == "正常" else "#b3261e"),
            Column("最近登录", lambda u: f"{u.last_login_at:%Y-%m-%d %H:%M}" if u.last_login_at else "",
                   sort=lambda u: u.last_login_at or datetime.min),
        ], self), (("add", "新增用户…", self.add), ("reset", "重设密码…", self.reset_password),
                   ("unlock", "解锁", self.unlock), ("active", "停用", self.toggle_active),
                   ("role", "改为管理员", self.toggle_role)))
        self.reload()
        fit_to_screen(self, 760, 460)

    def reload(self, select_id: str | None = None) -> None:
        self.show_rows(auth.list_users(self.ctx), select_id)

    def _update_buttons(self) -> None:
        user = self.selected()
        other = user is not None and user.id != self.ctx.user.id
        self.buttons["reset"].setEnabled(other)
        self.buttons["unlock"].setEnabled(user is not None and user.is_locked())
        self.buttons["active"].setEnabled(other)
        self.buttons["active"].setText("启用" if user is not None and not user.active else "停用")
        self.buttons["role"].setEnabled(other)
        admin = user is not None and user.role == codes.ROLE_ADMIN
        self.buttons["role"].setText("改为工作人员" if admin else "改为管理员")

    def add(self) -> None:
        dialog = NewUserDialog(self.ctx, self)
        if dialog.exec():
            self.reload()

    def reset_password(self) -> None:
        user = self.selected()
        if PasswordDialog(self.ctx, user, self).exec():
            QMessageBox.information(self, "重设密码", f"{user.display_name} 的密码已重设。")
            self.reload(user.id)

    def _change(self, user: UserInfo, question: str | None, **change: Any) -> None:
        if question and QMessageBox.question(self, "用户", question) != QMessageBox.Yes:
            return
        if attempt(self, lambda: auth.set_user_state(self.ctx, user.id, **change), title="无法完成"):
            self.reload(user.id)

    def unlock(self) -> None:
        self._change(self.selected(), None, unlock=True)

    def toggle_active(self) -> None:
        user = self.selected()
        question = f"停用 {user.display_name}（{user.username}）？停用后不能登录，记录仍保留。" if user.active else None
        self._change(user, question, active=not user.active)

    def toggle_role(self) -> None:
        user = self.selected()
        role = codes.ROLE_STAFF if user.role == codes.ROLE_ADMIN else codes.ROLE_ADMIN
        self._change(user, f"把 {user.display_name} 的角色改为{role}？\n{ROLE_NOTE}", role=role)
