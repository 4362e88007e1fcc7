"""村(社区) and 用户 dialogs driven like a user."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from dialog_driver import ModalHand, click, click_row, row_of
from helpers import replace_text, type_text
from sifasuo_desktop.core.errors import AuthError
from sifasuo_desktop.db.models import Person
from sifasuo_desktop.services import auth, office
from sifasuo_desktop.ui.dialogs.password import PasswordDialog
from sifasuo_desktop.ui.dialogs.users import NewUserDialog, UsersDialog
from sifasuo_desktop.ui.dialogs.villages import VillageEditDialog, VillagesDialog


def _names(dialog):
    return [v.name for v in dialog.model.rows]


def _fill_village(name, contact=""):
    def fill(dialog: VillageEditDialog):
        replace_text(dialog.form.fields["name"], name)
        if contact:
            type_text(dialog.form.fields["contact_name"], contact)
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save))
    return fill


@pytest.fixture
def villages(qtbot, ctx):
    dialog = VillagesDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def test_add_rename_and_reorder_villages(villages, ctx):
    hand = ModalHand()
    hand.when(VillageEditDialog, _fill_village("南关村", "王主任"))
    click(villages.buttons["add"])
    hand.when(VillageEditDialog, _fill_village("西街社区"))
    click(villages.buttons["add"])
    assert not hand.missed
    assert _names(villages) == ["东街社区", "南关村", "西街社区"]
    assert villages.model.index(1, 2).data() == "王主任"
    # rename 南关村 with 修改…
    click_row(villages.view, 1)
    hand.when(VillageEditDialog, _fill_village("南关村委会"))
    click(villages.buttons["edit"])
    click_row(villages.view, 2)
    assert not villages.buttons["down"].isEnabled()      # already last
    click(villages.buttons["up"])
    click(villages.buttons["up"])
    assert not villages.buttons["up"].isEnabled()        # now first, still selected
    assert _names(villages) == ["西街社区", "东街社区", "南关村委会"]
    assert [v.name for v in office.list_villages(ctx)] == ["西街社区", "东街社区", "南关村委会"]


def test_duplicate_village_name_is_shown_beside_the_field(villages):
    hand = ModalHand()
    errors = []

    def duplicate(dialog: VillageEditDialog):
        type_text(dialog.form.fields["name"], "东街社区")
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save))
        errors.append(dialog.form.errors["name"].text())
        dialog.reject()

    hand.when(VillageEditDialog, duplicate)
    click(villages.buttons["add"])
    assert errors == ["村(社区)“东街社区”已存在"]
    assert _names(villages) == ["东街社区"]


def test_village_with_dossiers_is_not_deleted_and_an_empty_one_is_restorable(villages, ctx, no_dialogs):
    east = office.list_villages(ctx)[0].id
    with ctx.transaction() as session:
        session.add(Person(office_id=ctx.office_id, name="张三", id_number="110101199003071234", village_id=east))
    office.save_village(ctx, None, name="河湾村")
    villages.reload()
    assert villages.model.index(0, 4).data() == "1"      # 档案数
    click_row(villages.view, row_of(villages.view, "东街社区"))
    click(villages.buttons["delete"])
    assert no_dialogs == ["无法删除: 村(社区)“东街社区”还有1人的档案，请先把这些档案改到其他村(社区)，再删除"]
    click_row(villages.view, row_of(villages.view, "河湾村"))
    click(villages.buttons["delete"])
    assert no_dialogs[-1] == "删除村(社区): 把“河湾村”移入回收站？以后可以恢复。"
    assert _names(villages) == ["东街社区"]
    assert villages.buttons["restore"].isHidden()       # only with 显示已删除
    villages.show_deleted.setChecked(True)
    click_row(villages.view, row_of(villages.view, "河湾村"))
    assert villages.model.index(1, 5).data() == "已删除"
    assert not villages.buttons["edit"].isEnabled() and villages.buttons["restore"].isEnabled()
    click(villages.buttons["restore"])
    assert [v.name for v in office.list_villages(ctx)] == ["东街社区", "河湾村"]


def test_staff_sees_villages_without_edit_buttons(qtbot, ctx):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    staff = ctx.as_user(auth.sign_in(ctx, "li", "staff123"))
    dialog = VillagesDialog(staff)
    qtbot.addWidget(dialog)
    click_row(dialog.view, 0)
    assert _names(dialog) == ["东街社区"]
    assert not any(dialog.buttons[k].isEnabled() for k in ("add", "edit", "up", "down", "delete"))


# --- users ------------------------------------------------------------------------------------

@pytest.fixture
def users(qtbot, ctx):
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def _add_user(users, display_name, username, password, admin=False):
    hand = ModalHand()

    def fill(dialog: NewUserDialog):
        fields = dialog.form.fields
        type_text(fields["display_name"], display_name)
        type_text(fields["username"], username)
        if admin:
            fields["role"].setCurrentText("管理员")
        type_text(fields["password"], password)
        type_text(fields["password2"], password)
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save))

    hand.when(NewUserDialog, fill)
    click(users.buttons["add"])
    assert not hand.missed


def test_add_a_staff_user_who_can_then_sign_in(users, ctx):
    _add_user(users, "李助理", "li", "staff123")
    row = row_of(users.view, "李助理")
    assert [users.model.index(row, c).data() for c in range(4)] == ["李助理", "li", "工作人员", "正常"]
    assert auth.sign_in(ctx, "li", "staff123").role == "工作人员"


def test_own_account_cannot_be_disabled_or_demoted_from_the_dialog(users):
    click_row(users.view, row_of(users.view, "张所长"))
    assert not users.buttons["active"].isEnabled() and not users.buttons["role"].isEnabled()
    assert not users.buttons["reset"].isEnabled()   # own password: 修改我的密码, with the old one


def test_reset_disable_enable_and_change_role(users, ctx, no_dialogs):
    _add_user(users, "李助理", "li", "staff123")
    click_row(users.view, row_of(users.view, "李助理"))
    hand = ModalHand()

    def reset(dialog: PasswordDialog):
        assert "old_password" not in dialog.form.fields
        type_text(dialog.form.fields["password"], "reset123")
        type_text(dialog.form.fields["password2"], "reset123")
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok))

    hand.when(PasswordDialog, reset)
    click(users.buttons["reset"])
    assert no_dialogs[-1] == "重设密码: 李助理 的密码已重设。"
    assert auth.sign_in(ctx, "li", "reset123").username == "li"

    assert users.buttons["active"].text() == "停用"
    click(users.buttons["active"])
    assert users.model.index(row_of(users.view, "李助理"), 3).data() == "已停用"
    with pytest.raises(AuthError):
        auth.sign_in(ctx, "li", "reset123")
    assert users.buttons["active"].text() == "启用"
    click(users.buttons["active"])
    assert users.buttons["role"].text() == "改为管理员"
    click(users.buttons["role"])
    assert users.model.index(row_of(users.view, "李助理"), 2).data() == "管理员"
    assert users.buttons["role"].text() == "改为工作人员"


def test_unlock_a_locked_account(users, ctx):
    _add_user(users, "李助理", "li", "staff123")
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.sign_in(ctx, "li", "wrong")
    users.reload()
    row = row_of(users.view, "李助理")
    until = datetime.now() + timedelta(minutes=5)
    assert users.model.index(row, 3).data() in (f"已锁定至 {until:%H:%M}",
                                                f"已锁定至 {until - timedelta(minutes=1):%H:%M}")
    click_row(users.view, row)
    assert users.buttons["unlock"].isEnabled()
    click(users.buttons["unlock"])
    assert users.model.index(row, 3).data() == "正常" and not users.buttons["unlock"].isEnabled()
    assert auth.sign_in(ctx, "li", "staff123").username == "li"


def test_new_user_form_checks_as_typed(qtbot, ctx):
    dialog = NewUserDialog(ctx)
    qtbot.addWidget(dialog)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
    type_text(dialog.form.fields["display_name"], "王")
    type_text(dialog.form.fields["username"], "admin")
    type_text(dialog.form.fields["password"], "12345")
    assert dialog.form.errors["password"].text() == "密码至少6位" and not save.isEnabled()
    type_text(dialog.form.fields["password"], "6")
    type_text(dialog.form.fields["password2"], "123456")
    assert save.isEnabled()
    click(save)   # the login name is taken: told beside the field, nothing created
    assert dialog.form.errors["username"].text() == "登录名“admin”已被使用"
    assert [u.username for u in auth.list_users(ctx)] == ["admin"]
