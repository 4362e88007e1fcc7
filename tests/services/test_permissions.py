"""The permission table: 管理员 manages, 工作人员 records and prints; services refuse the rest."""

import pytest

from sifasuo_desktop.core.errors import PermissionDenied
from sifasuo_desktop.services import auth, permissions as perm
from sifasuo_desktop.services.context import CurrentUser

ADMIN = CurrentUser("a", "admin", "张所长", "管理员")
STAFF = CurrentUser("s", "li", "李助理", "工作人员")
STRANGER = CurrentUser("x", "x", "某人", "访客")

ADMIN_ONLY = [perm.MANAGE_USERS, perm.UNLOCK_USERS, perm.MANAGE_SETTINGS, perm.VIEW_AUDIT,
              perm.DELETE_PERSON, perm.DELETE_RECORD, perm.RESTORE_DELETED, perm.SHOW_FULL_ID]
EVERYONE = [perm.EDIT_RECORDS, perm.PRINT, perm.EXPORT, perm.IMPORT_DATA]


def test_every_permission_is_classified_here():
    assert sorted(perm.PERMISSIONS) == sorted(ADMIN_ONLY + EVERYONE)


@pytest.mark.parametrize("code", ADMIN_ONLY)
def test_admin_only_permissions(code):
    assert perm.can(ADMIN, code)
    assert not perm.can(STAFF, code)
    assert perm.roles_with(code) == ["管理员"]
    assert perm.denied_message(code) == f"只有管理员可以{perm.label(code)}"


@pytest.mark.parametrize("code", EVERYONE)
def test_staff_records_prints_and_exports(code):
    assert perm.can(ADMIN, code) and perm.can(STAFF, code)
    assert perm.roles_with(code) == ["管理员", "工作人员"]


def test_unknown_role_may_do_nothing():
    assert not any(perm.can(STRANGER, code) for code in perm.PERMISSIONS)


def test_unknown_permission_is_a_programming_error():
    with pytest.raises(KeyError):
        perm.can(ADMIN, "delete_persn")


def test_require_uses_the_signed_in_user(ctx):
    perm.require(ctx, perm.DELETE_PERSON)  # the fixture's user is 管理员
    staff = ctx.as_user(STAFF)
    perm.require(staff, perm.PRINT)
    with pytest.raises(PermissionDenied, match="只有管理员可以删除档案"):
        perm.require(staff, perm.DELETE_PERSON)


def test_services_check_the_role_of_a_real_staff_account(ctx, admin_password):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    staff = ctx.as_user(auth.sign_in(ctx, "li", "staff123"))
    with pytest.raises(PermissionDenied, match="管理用户"):
        auth.create_user(staff, username="wang", display_name="王", password="staff123", role="工作人员")
    admin_id = next(u.id for u in auth.list_users(ctx) if u.username == "admin")
    with pytest.raises(PermissionDenied):
        auth.set_password(staff, admin_id, "hijack123")
    with pytest.raises(PermissionDenied, match="解锁账户"):
        auth.set_user_state(staff, admin_id, unlock=True)
    auth.sign_in(ctx, "admin", admin_password)  # the admin password is unchanged
