"""Sign-in with lock-out (time given as ``now``), user management rules, own password change."""

from datetime import datetime, timedelta

import pytest

from sifasuo_desktop.core.errors import AuthError, PermissionDenied, ValidationError
from sifasuo_desktop.services import audit, auth, office
from sifasuo_desktop.services.context import SYSTEM

T0 = datetime(2026, 11, 24, 9, 0, 0)


def _fail(ctx, times, now=T0, username="admin"):
    messages = []
    for _ in range(times):
        with pytest.raises(AuthError) as err:
            auth.sign_in(ctx, username, "wrong-password", now=now)
        messages.append(str(err.value))
    return messages


def _user(ctx, username):
    return next(u for u in auth.list_users(ctx) if u.username == username)


def test_five_wrong_passwords_lock_the_account_for_five_minutes(ctx, admin_password):
    messages = _fail(ctx, 5)
    assert messages[:4] == [f"登录名或密码错误，还可尝试{n}次" for n in (4, 3, 2, 1)]
    assert messages[4] == "密码错误次数过多，账户已锁定5分钟"
    assert _user(ctx, "admin").locked_until == T0 + timedelta(minutes=5)
    with pytest.raises(AuthError, match="请5分钟后再试"):
        auth.sign_in(ctx, "admin", admin_password, now=T0 + timedelta(seconds=1))
    with pytest.raises(AuthError, match="请1分钟后再试"):
        auth.sign_in(ctx, "admin", admin_password, now=T0 + timedelta(minutes=4, seconds=59))
    # the lock ends exactly 5 minutes later; the right password then works and clears it
    user = auth.sign_in(ctx, "admin", admin_password, now=T0 + timedelta(minutes=5))
    assert user.username == "admin"
    assert _user(ctx, "admin").locked_until is None


def test_four_wrong_tries_then_the_right_one_start_counting_afresh(ctx, admin_password):
    _fail(ctx, 4)
    auth.sign_in(ctx, "admin", admin_password, now=T0)
    assert _fail(ctx, 1)[0] == "登录名或密码错误，还可尝试4次"


def test_lock_settings_are_taken_from_the_program_settings(ctx, admin_password):
    office.save_settings(ctx, {"login_max_failures": 3, "login_lock_minutes": 30})
    assert _fail(ctx, 3)[-1] == "密码错误次数过多，账户已锁定30分钟"
    with pytest.raises(AuthError):
        auth.sign_in(ctx, "admin", admin_password, now=T0 + timedelta(minutes=29))


def test_admin_unlocks_a_locked_staff_account(ctx):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    _fail(ctx, 5, now=datetime.now(), username="li")
    li = _user(ctx, "li")
    assert li.is_locked()
    auth.set_user_state(ctx, li.id, unlock=True)
    assert not _user(ctx, "li").is_locked()
    assert auth.sign_in(ctx, "li", "staff123").role == "工作人员"
    entry = audit.list_entries(ctx, record_id=li.id, limit=5)[1]
    assert entry.summary == "用户 li：解锁" and entry.user_name == "张所长"


def test_unknown_and_disabled_users_get_the_same_answer(ctx):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    auth.set_user_state(ctx, _user(ctx, "li").id, active=False)
    for name, password in (("nobody", "x"), ("li", "staff123")):
        with pytest.raises(AuthError, match="^登录名或密码错误$"):
            auth.sign_in(ctx, name, password)


def test_the_office_keeps_an_active_admin(ctx):
    me = _user(ctx, "admin")
    with pytest.raises(ValidationError, match="不能停用自己"):
        auth.set_user_state(ctx, me.id, active=False)
    with pytest.raises(ValidationError, match="不能停用自己"):
        auth.set_user_state(ctx, me.id, role="工作人员")
    auth.create_user(ctx, username="wang", display_name="王副所长", password="second123", role="管理员")
    wang = _user(ctx, "wang")
    auth.set_user_state(ctx, wang.id, role="工作人员")
    assert _user(ctx, "wang").role == "工作人员"
    # another admin may demote me; the program itself (no signed-in user) may not remove the last one
    auth.set_user_state(ctx, wang.id, role="管理员")
    wang_ctx = ctx.as_user(auth.sign_in(ctx, "wang", "second123"))
    auth.set_user_state(wang_ctx, me.id, role="工作人员")
    assert _user(ctx, "admin").role == "工作人员"
    with pytest.raises(ValidationError, match="至少要保留一个启用的管理员"):
        auth.set_user_state(ctx.as_user(SYSTEM), wang.id, active=False)
    assert _user(ctx, "wang").active


def test_new_user_is_validated_and_unique(ctx):
    with pytest.raises(ValidationError) as err:
        auth.create_user(ctx, username=" ", display_name="", password="123", role="访客")
    assert set(err.value.fields) == {"username", "display_name", "password", "role"}
    with pytest.raises(ValidationError, match="已被使用"):
        auth.create_user(ctx, username="admin", display_name="重复", password="abcdef", role="工作人员")


def test_change_own_password_needs_the_old_one(ctx, admin_password):
    with pytest.raises(ValidationError) as err:
        auth.change_own_password(ctx, "not-it", "newpass1")
    assert err.value.fields == {"old_password": "原密码不正确"}
    with pytest.raises(ValidationError, match="不能与原密码相同"):
        auth.change_own_password(ctx, admin_password, admin_password)
    with pytest.raises(ValidationError, match="至少6位"):
        auth.change_own_password(ctx, admin_password, "abc")
    auth.change_own_password(ctx, admin_password, "newpass1")
    with pytest.raises(AuthError):
        auth.sign_in(ctx, "admin", admin_password)
    assert auth.sign_in(ctx, "admin", "newpass1").username == "admin"


def test_staff_changes_own_password_but_not_others(ctx):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    staff = ctx.as_user(auth.sign_in(ctx, "li", "staff123"))
    auth.change_own_password(staff, "staff123", "staff456")
    assert auth.sign_in(ctx, "li", "staff456").display_name == "李助理"
    with pytest.raises(PermissionDenied):
        auth.set_password(staff, _user(ctx, "admin").id, "abcdefg")


def test_admin_resets_a_forgotten_password_and_it_is_audited_without_the_hash(ctx):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    li = _user(ctx, "li")
    auth.set_password(ctx, li.id, "reset123")
    assert auth.sign_in(ctx, "li", "reset123").username == "li"
    entries = audit.list_entries(ctx, record_id=li.id)
    assert "重设用户 li 的密码" in [e.summary for e in entries]
    assert not any("scrypt" in (e.before or "") + (e.after or "") for e in entries)
