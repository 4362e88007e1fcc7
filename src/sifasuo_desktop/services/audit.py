"""Audit rows for every write, print and export: who, when, table, record, before/after values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import AuditLog, Base
from sifasuo_desktop.services.context import AppContext

CREATE, UPDATE, DELETE, RESTORE = "新增", "修改", "删除", "恢复"
PRINT, EXPORT, IMPORT, LOGIN, LOGOUT = "打印", "导出", "导入", "登录", "退出"


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def snapshot(obj: Base) -> dict[str, Any]:
    """The column values of an ORM object (deferred blobs are not loaded)."""
    state = inspect(obj)
    values = {}
    for attr in state.mapper.column_attrs:
        if attr.key in state.unloaded:
            continue
        values[attr.key] = _plain(getattr(obj, attr.key))
    return values


def record(
    session: Session,
    ctx: AppContext,
    action: str,
    *,
    table: str | None = None,
    record_id: str | None = None,
    summary: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    if before is not None and after is not None:
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        changed -= {"updated_at"}
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after.get(k) for k in sorted(changed)}
    session.add(
        AuditLog(
            office_id=ctx.office_id,
            at=datetime.now(),
            user_name=ctx.user.display_name,
            action=action,
            table_name=table,
            record_id=record_id,
            summary=(summary or "")[:300] or None,
            before=json.dumps(before, ensure_ascii=False) if before is not None else None,
            after=json.dumps(after, ensure_ascii=False) if after is not None else None,
        )
    )


def record_change(session: Session, ctx: AppContext, obj: Base, before: dict[str, Any] | None, summary: str = "") -> None:
    """Audit a created (``before`` None) or updated object; flushes so defaults are filled in."""
    session.flush()
    after = snapshot(obj)
    record(
        session,
        ctx,
        CREATE if before is None else UPDATE,
        table=obj.__tablename__,
        record_id=getattr(obj, "id", None),
        summary=summary,
        before=before,
        after=after,
    )


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: datetime
    user_name: str
    action: str
    table_name: str | None
    record_id: str | None
    summary: str | None
    before: str | None
    after: str | None


def list_entries(ctx: AppContext, *, record_id: str | None = None, limit: int = 500) -> list[AuditEntry]:
    with ctx.reading() as session:
        query = select(AuditLog).order_by(AuditLog.at.desc()).limit(limit)
        if record_id:
            query = query.where(AuditLog.record_id == record_id)
        return [
            AuditEntry(a.id, a.at, a.user_name, a.action, a.table_name, a.record_id, a.summary, a.before, a.after)
            for a in session.scalars(query)
        ]
