"""Users and sign-in: scrypt password hashes, lock-out after repeated failures, roles."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from sifasuo_desktop.core.errors import AuthError, ValidationError
from sifasuo_desktop.db.models import UserAccount
from sifasuo_desktop.domain import codes
from sifasuo_desktop.services import audit
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


def _info(u: UserAccount) -> UserInfo:
    return UserInfo(u.id, u.username, u.display_name, u.role, u.active, u.locked_until)


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
        ctx.require_admin("管理用户")
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
    if ctx.user.id != user_id:
        ctx.require_admin("修改他人密码")
    if len(new_password) < MIN_PASSWORD:
        raise ValidationError({"password": f"密码至少{MIN_PASSWORD}位"})
    with ctx.transaction() as session:
        user = session.get(UserAccount, user_id)
        user.password_hash = hash_password(new_password)
        user.failed_attempts, user.locked_until = 0, None
        audit.record(session, ctx, audit.UPDATE, table="user_account", record_id=user_id, summary="修改密码")


def set_user_state(ctx: AppContext, user_id: str, *, active: bool | None = None, role: str | None = None,
                   unlock: bool = False) -> None:
    ctx.require_admin("管理用户")
    with ctx.transaction() as session:
        user = session.get(UserAccount, user_id)
        before = {"active": user.active, "role": user.role, "locked_until": audit._plain(user.locked_until)}
        if active is not None:
            user.active = active
        if role is not None:
            user.role = role
        if unlock:
            user.failed_attempts, user.locked_until = 0, None
        after = {"active": user.active, "role": user.role, "locked_until": audit._plain(user.locked_until)}
        audit.record(session, ctx, audit.UPDATE, table="user_account", record_id=user_id,
                     summary=f"用户 {user.username}", before=before, after=after)


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
            audit.record(session, ctx.as_user(failed), "登录失败", table="user_account", record_id=user.id)
        else:
            user.failed_attempts, user.locked_until, user.last_login_at = 0, None, now
            current = CurrentUser(user.id, user.username, user.display_name, user.role)
            audit.record(session, ctx.as_user(current), audit.LOGIN, table="user_account", record_id=user.id)
            return current
    raise AuthError(message)
