"""First start, sign-in, lock-out message, idle lock and own password change, driven like a user."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from dialog_driver import ModalHand, click, menu_action
from helpers import type_text
from sifasuo_desktop.db.models import Meta
from sifasuo_desktop.services import auth, office
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.ui import startup
from sifasuo_desktop.ui.dialogs.first_run import FirstRunDialog
from sifasuo_desktop.ui.dialogs.password import PasswordDialog
from sifasuo_desktop.ui.dialogs.sign_in import SignInDialog
from sifasuo_desktop.ui.main_window import MainWindow


def _sign_in_with(password):
    def fill(dialog: SignInDialog):
        if not dialog.username.text():
            type_text(dialog.username, "admin")
        dialog.password.clear()
        type_text(dialog.password, password)
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok))
    return fill


def test_first_start_creates_the_office_and_its_admin(qtbot, db_path):
    hand = ModalHand()

    def fill_first_run(dialog: FirstRunDialog):
        fields = dialog.form.fields
        type_text(fields["office_name"], "城关镇司法所")
        type_text(fields["office_code"], "410101001")
        type_text(fields["county"], "示范县司法局")
        type_text(fields["display_name"], "陈建国")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
        type_text(fields["password"], "chen1234")
        type_text(fields["password2"], "chen1235")
        assert not ok.isEnabled()
        assert dialog.form.errors["password2"].text() == "两次输入的密码不一致"
        fields["password2"].clear()
        type_text(fields["password2"], "chen1234")
        assert ok.isEnabled()
        click(ok)

    hand.when(FirstRunDialog, fill_first_run)
    hand.when(SignInDialog, _sign_in_with("chen1234"))
    window = startup.start(db_path)
    assert hand.missed == [] and hand.done == 2
    qtbot.addWidget(window)
    assert "城关镇司法所" in window.windowTitle() and "陈建国" in window.windowTitle()
    assert window.ctx.user.role == "管理员"
    ctx = open_database(db_path)
    info = office.get_office(ctx)
    assert (info.name, info.code, info.county) == ("城关镇司法所", "410101001", "示范县司法局")
    assert [(u.username, u.display_name, u.role) for u in auth.list_users(ctx)] == [("admin", "陈建国", "管理员")]
    ctx.dispose()


def test_cancelling_the_first_start_creates_nothing(qtbot, db_path):
    hand = ModalHand()
    hand.when(FirstRunDialog, lambda d: d.reject())
    assert startup.start(db_path) is None
    ctx = open_database(db_path)
    assert ctx.office_id is None
    ctx.dispose()


def test_later_start_asks_for_the_password(qtbot, ctx, admin_password):
    hand = ModalHand()
    messages = []

    def wrong_then_right(dialog: SignInDialog):
        assert dialog.findChild(type(dialog.username), "demo_hint") is None
        _sign_in_with("wrong")(dialog)
        messages.append(dialog.message.text())
        _sign_in_with(admin_password)(dialog)

    hand.when(SignInDialog, wrong_then_right)
    window = startup.start(ctx.path)
    qtbot.addWidget(window)
    assert messages == ["登录名或密码错误，还可尝试4次"]
    assert window.ctx.user.display_name == "张所长"


def test_five_wrong_passwords_lock_the_account(qtbot, ctx, admin_password):
    dialog = SignInDialog(ctx, "测试镇司法所", username="admin")
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    for _ in range(5):
        type_text(dialog.password, "wrong")
        click(ok)
        assert dialog.password.text() == ""   # cleared for the next try
    assert dialog.message.text() == "密码错误次数过多，账户已锁定5分钟"
    type_text(dialog.password, admin_password)
    click(ok)
    assert dialog.user is None and dialog.result() != dialog.DialogCode.Accepted
    assert "账户已锁定，请5分钟后再试，或请管理员解锁" in dialog.message.text()


def test_demo_database_shows_the_demo_account(qtbot, ctx):
    with ctx.transaction() as session:
        session.merge(Meta(key="demo", value="1"))
    dialog = SignInDialog(ctx, "示范", username="admin")
    qtbot.addWidget(dialog)
    assert dialog.findChild(type(dialog.message), "demo_hint").text() == "演示账户：admin / demo123"


def test_idle_window_locks_until_the_password_is_typed(qtbot, ctx, admin_password):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    central = window.centralWidget()
    seen = {}

    def unlock(dialog: SignInDialog):
        seen["hidden"] = not central.isVisible()
        seen["username"] = (dialog.username.text(), dialog.username.isReadOnly())
        _sign_in_with("wrong")(dialog)
        seen["message"] = dialog.message.text()
        _sign_in_with(admin_password)(dialog)

    hand = ModalHand()
    hand.when(SignInDialog, unlock)
    window.idle_timer.setInterval(50)   # instead of 15 minutes
    window.idle_timer.start()
    qtbot.waitUntil(lambda: hand.done == 1, timeout=5000)
    assert seen == {"hidden": True, "username": ("admin", True), "message": "登录名或密码错误，还可尝试4次"}
    assert central.isVisible() and window.idle_timer.isActive()
    window.idle_timer.stop()   # 50 ms would lock again during teardown


def test_cancelling_the_lock_closes_the_window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    hand = ModalHand()
    hand.when(SignInDialog, lambda d: d.reject())
    assert window.lock() is False
    assert not window.isVisible()


def test_lock_switched_off_never_fires(qtbot, ctx):
    office.save_settings(ctx, {"idle_lock_minutes": 0})
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert not window.idle_timer.isActive()
    QTest.keyClick(window, Qt.Key_A)       # activity must not start it either
    assert not window.idle_timer.isActive()


def test_change_own_password_from_the_menu(qtbot, ctx, no_dialogs, admin_password):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    hand = ModalHand()

    def change(dialog: PasswordDialog):
        fields = dialog.form.fields
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
        type_text(fields["old_password"], "not-mine")
        type_text(fields["password"], "newpass1")
        type_text(fields["password2"], "newpass1")
        click(ok)
        assert dialog.form.errors["old_password"].text() == "原密码不正确"
        assert not ok.isEnabled()             # until the field is corrected
        fields["old_password"].clear()
        type_text(fields["old_password"], admin_password)
        click(ok)

    hand.when(PasswordDialog, change)
    menu_action(window, "设置", "修改我的密码").trigger()
    assert hand.done == 1 and no_dialogs == ["修改密码: 密码已修改，下次登录请使用新密码。"]
    assert auth.sign_in(ctx, "admin", "newpass1").username == "admin"
