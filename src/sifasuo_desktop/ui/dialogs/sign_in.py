"""Sign-in (also used to unlock the window after idle time)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from sifasuo_desktop.core.errors import AuthError
from sifasuo_desktop.services import auth
from sifasuo_desktop.services.context import AppContext, CurrentUser


class SignInDialog(QDialog):
    def __init__(self, ctx: AppContext, office_name: str, parent: QWidget | None = None,
                 username: str = "", locked: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.user: CurrentUser | None = None
        self.setWindowTitle("已锁定，请重新登录" if locked else "登录")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h3>{office_name}</h3>"))
        form = QFormLayout()
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow("登录名", self.username)
        form.addRow("密码", self.password)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("登录")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        try:
            self.user = auth.sign_in(self.ctx, self.username.text(), self.password.text())
        except AuthError as err:
            self.message.setText(str(err))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
