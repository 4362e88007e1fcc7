"""Users and sign-in: scrypt password hashes, lock-out after repeated failures, roles."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from sifasuo_desktop.core.errors import AuthError, NotFoundError, ValidationError
from sifasuo_desktop.db.models import UserAccount
from sifasuo_desktop.domain import codes
from sifasuo_desktop.services import audit
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext, CurrentUser
from sifasuo_desktop.services.office import app_settings

_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD = 6


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                                n=int(n), r=int(r), p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None = None

    def is_locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or datetime.now())


def _info(u: UserAccount) -> UserInfo:
    return UserInfo(u.id, u.username, u.display_name, u.role, u.active, u.locked_until, u.last_login_at)


def _user(session, ctx: AppContext, user_id: str) -> UserAccount:
    user = session.get(UserAccount, user_id)
    if user is None or user.office_id != ctx.office_id:
        raise NotFoundError("找不到该用户")
    return user


def has_users(ctx: AppContext) -> bool:
    with ctx.reading() as session:
        return bool(session.scalar(select(func.count()).select_from(UserAccount)
                                   .where(UserAccount.office_id == ctx.office_id)))


def list_users(ctx: AppContext) -> list[UserInfo]:
    with ctx.reading() as session:
        query = select(UserAccount).where(UserAccount.office_id == ctx.office_id).order_by(UserAccount.username)
        return [_info(u) for u in session.scalars(query)]


def _check_new_user(username: str, display_name: str, password: str, role: str) -> None:
    problems = {}
    if not username.strip():
        problems["username"] = "请填写登录名"
    if not display_name.strip():
        problems["display_name"] = "请填写姓名"
    if len(password) < MIN_PASSWORD:
        problems["password"] = f"密码至少{MIN_PASSWORD}位"
    if role not in codes.ROLES:
        problems["role"] = "角色应为管理员或工作人员"
    if problems:
        raise ValidationError(problems)


def create_user(ctx: AppContext, *, username: str, display_name: str, password: str, role: str) -> UserInfo:
    """Create a user. The very first user of an office may be created without signing in (所长)."""
    if has_users(ctx):
        perm.require(ctx, perm.MANAGE_USERS)
    _check_new_user(username, display_name, password, role)
    with ctx.transaction() as session:
        exists = session.scalar(select(UserAccount.id).where(UserAccount.office_id == ctx.office_id,
                                                             UserAccount.username == username.strip()))
        if exists:
            raise ValidationError({"username": f"登录名“{username}”已被使用"})
        user = UserAccount(office_id=ctx.office_id, username=username.strip(), display_name=display_name.strip(),
                           role=role, password_hash=hash_password(password))
        session.add(user)
        session.flush()
        after = {k: v for k, v in audit.snapshot(user).items() if k != "password_hash"}
        audit.record(session, ctx, audit.CREATE, table="user_account", record_id=user.id,
                     summary=f"新增用户 {user.username}", after=after)
        return _info(user)


def set_password(ctx: AppContext, user_id: str, new_password: str) -> None:
    """Set a password: one's own, or (管理员) another user's, e.g. a forgotten one; also unlocks."""
    if ctx.user.id != user_id:
        perm.require(ctx, perm.MANAGE_USERS)
    if len(new_password) < MIN_PASSWORD:
        raise ValidationError({"password": f"密码至少{MIN_PASSWORD}位"})
    with ctx.transaction() as session:
        user = _user(session, ctx, user_id)
        user.password_hash = hash_password(new_password)
        user.failed_attempts, user.locked_until = 0, None
        summary = "修改密码" if ctx.user.id == user_id else f"重设用户 {user.username} 的密码"
        audit.record(session, ctx, audit.UPDATE, table="user_account", record_id=user_id, summary=summary)


def change_own_password(ctx: AppContext, old_password: str, new_password: str) -> None:
    """The signed-in user changes their own password, proving they know the current one."""
    problems = {}
    with ctx.reading() as session:
        user = _user(session, ctx, ctx.user.id or "")
        if not verify_password(old_password, user.password_hash):
            problems["old_password"] = "原密码不正确"
    if new_password == old_password:
        problems.setdefault("password", "新密码不能与原密码相同")
    if problems:
        raise ValidationError(problems)
    set_password(ctx, ctx.user.id, new_password)


def set_user_state(ctx: AppContext, user_id: str, *, active: bool | None = None, role: str | None = None,
                   unlock: bool = False) -> None:
    """Disable/enable a user, change the role, or lift a sign-in lock (管理员 only).

    The office always keeps one active 管理员, and nobody disables or demotes themselves.
    """
    perm.require(ctx, perm.UNLOCK_USERS if active is None and role is None else perm.MANAGE_USERS)
    if role is not None and role not in codes.ROLES:
        raise ValidationError({"role": "角色应为管理员或工作人员"})
    with ctx.transaction() as session:
        user = _user(session, ctx, user_id)
        before = {"active": user.active, "role": user.role, "locked_until": audit._plain(user.locked_until)}
        if user_id == ctx.user.id and (active is False or role not in (None, codes.ROLE_ADMIN)):
            raise ValidationError({"user": "不能停用自己的账户或取消自己的管理员角色"})
        if active is not None:
            user.active = active
        if role is not None:
            user.role = role
        if unlock:
            user.failed_attempts, user.locked_until = 0, None
        session.flush()
        admins = session.scalar(select(func.count()).select_from(UserAccount).where(
            UserAccount.office_id == ctx.office_id, UserAccount.role == codes.ROLE_ADMIN,
            UserAccount.active.is_(True)))
        if not admins:
            raise ValidationError({"user": "至少要保留一个启用的管理员账户"})
        after = {"active": user.active, "role": user.role, "locked_until": audit._plain(user.locked_until)}
        audit.record(session, ctx, audit.UPDATE, table="user_account", record_id=user_id,
                     summary=f"用户 {user.username}" + ("：解锁" if unlock else ""), before=before, after=after)


def sign_in(ctx: AppContext, username: str, password: str, now: datetime | None = None) -> CurrentUser:
    """Check a password; count failures and lock the account after too many (setting)."""
    now = now or datetime.now()
    settings = app_settings(ctx)
    with ctx.transaction() as session:
        user = session.scalar(select(UserAccount).where(UserAccount.office_id == ctx.office_id,
                                                        UserAccount.username == username.strip()))
        if user is None or not user.active:
            raise AuthError("登录名或密码错误")
        if user.locked_until and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60 + 1))
            raise AuthError(f"密码错误次数过多，账户已锁定，请{minutes}分钟后再试，或请管理员解锁")
        if not verify_password(password, user.password_hash):
            user.failed_attempts += 1
            left = settings.login_max_failures - user.failed_attempts
            if left <= 0:
                user.locked_until = now + timedelta(minutes=settings.login_lock_minutes)
                user.failed_attempts = 0
                message = f"密码错误次数过多，账户已锁定{settings.login_lock_minutes}分钟"
            else:
                message = f"登录名或密码错误，还可尝试{left}次"
            failed = CurrentUser(user.id, user.username, user.display_name, user.role)
            audit.record(session, ctx.as_user(failed), "登录失败", table="user_account", record_id=user.id,
                         summary=f"{user.username}：{message}")
        else:
            user.failed_attempts, user.locked_until, user.last_login_at = 0, None, now
            current = CurrentUser(user.id, user.username, user.display_name, user.role)
            audit.record(session, ctx.as_user(current), audit.LOGIN, table="user_account", record_id=user.id,
                         summary=f"{user.username} 登录")
            return current
    raise AuthError(message)
