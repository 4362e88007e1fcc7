"""Sign-in (also used to unlock the window after idle time)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from sifasuo_desktop.core.errors import AuthError
from sifasuo_desktop.services import auth, demo
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
        # Unlocking the window continues the same user's session: nobody else may take it over.
        self.username.setReadOnly(locked)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow("登录名", self.username)
        form.addRow("密码", self.password)
        layout.addLayout(form)
        if demo.is_demo(ctx):
            hint = QLabel(f"演示账户：{demo.DEMO_USERNAME} / {demo.DEMO_PASSWORD}")
            hint.setObjectName("demo_hint")
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("登录")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(420)

    def try_sign_in(self) -> None:
        try:
            self.user = auth.sign_in(self.ctx, self.username.text(), self.password.text())
        except AuthError as err:
            self.message.setText(str(err))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
