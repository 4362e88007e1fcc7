"""Audit rows for every write, print and export: who, when, table, record, before/after values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, inspect, or_, select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import AuditLog, Base, new_id
from sifasuo_desktop.services import audit_labels
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


def mark_deleted(session: Session, ctx: AppContext, obj: Base, summary: str) -> None:
    """Move ``obj`` to the 回收站 (``deleted_at`` now) and audit it as 删除 with what changed."""
    before = snapshot(obj)
    obj.deleted_at = datetime.now()
    session.flush()
    record(session, ctx, DELETE, table=obj.__tablename__, record_id=obj.id, summary=summary,
           before=before, after=snapshot(obj))


def record_created(session: Session, ctx: AppContext, table: str, rows: Sequence[dict[str, Any]],
                   summaries: Sequence[str]) -> None:
    """One 新增 row per record written in bulk with Core inserts (imports): ``rows`` are the records'
    column values (``id`` among them; empty ones are left out), ``summaries`` their descriptions."""
    if not rows:
        return
    now = datetime.now()
    session.execute(insert(AuditLog.__table__), [
        {"id": new_id(), "office_id": ctx.office_id, "at": now, "user_name": ctx.user.display_name,
         "action": CREATE, "table_name": table, "record_id": row.get("id"), "summary": summary[:300] or None,
         "before": None,
         "after": json.dumps({k: _plain(v) for k, v in row.items() if v is not None}, ensure_ascii=False)}
        for row, summary in zip(rows, summaries, strict=True)
    ])


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
        return [_entry(a) for a in session.scalars(query)]


def _entry(a: AuditLog) -> AuditEntry:
    return AuditEntry(a.id, a.at, a.user_name, a.action, a.table_name, a.record_id, a.summary, a.before, a.after)


# --- the 操作日志 viewer ------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditFilter:
    """What the viewer asks for; every part is optional. Dates are inclusive days."""

    start: date | None = None
    end: date | None = None
    user_name: str | None = None
    action: str | None = None
    text: str | None = None      # part of the summary, the record id or the changed values


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int                   # entries matching the filter, over all pages
    offset: int
    limit: int


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str                   # Chinese name of the field where known
    before: str
    after: str


def _filtered(ctx: AppContext, flt: AuditFilter):
    query = select(AuditLog)
    if ctx.office_id:
        query = query.where(AuditLog.office_id == ctx.office_id)
    if flt.start:
        query = query.where(AuditLog.at >= datetime.combine(flt.start, datetime.min.time()))
    if flt.end:
        query = query.where(AuditLog.at < datetime.combine(flt.end + timedelta(days=1), datetime.min.time()))
    if flt.user_name:
        query = query.where(AuditLog.user_name == flt.user_name)
    if flt.action:
        query = query.where(AuditLog.action == flt.action)
    if flt.text and flt.text.strip():
        pattern = "%" + flt.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(*(column.like(pattern, escape="\\") for column in
                                  (AuditLog.summary, AuditLog.record_id, AuditLog.before, AuditLog.after))))
    return query


def search_entries(ctx: AppContext, flt: AuditFilter = AuditFilter(), *, offset: int = 0,
                   limit: int = 200) -> AuditPage:
    """One page of audit entries, newest first, with the total count: two indexed queries."""
    query = _filtered(ctx, flt)
    with ctx.reading() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.scalars(query.order_by(AuditLog.at.desc(), AuditLog.id.desc()).offset(offset).limit(limit))
        return AuditPage([_entry(a) for a in rows], total, offset, limit)


def _distinct(ctx: AppContext, column) -> list[str]:
    """The values of an AuditLog ``column`` present in this office's log, sorted."""
    with ctx.reading() as session:
        query = select(column).distinct().order_by(column)
        if ctx.office_id:
            query = query.where(AuditLog.office_id == ctx.office_id)
        return list(session.scalars(query))


def user_names(ctx: AppContext) -> list[str]:
    """Everyone who appears in the log (also former users), for the viewer's filter."""
    return _distinct(ctx, AuditLog.user_name)


def action_names(ctx: AppContext) -> list[str]:
    """The actions present in the log (新增, 修改, 删除, 打印, 登录失败, ...)."""
    return _distinct(ctx, AuditLog.action)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, str) and len(value) == 19 and value[10] == "T":
        return value.replace("T", " ")      # a datetime written by _plain
    return str(value)


def changes(entry: AuditEntry) -> list[FieldChange]:
    """The fields of an entry as readable rows: before and after of each changed field (a created
    record shows its values under after, a deleted one under before)."""
    before = json.loads(entry.before) if entry.before else {}
    after = json.loads(entry.after) if entry.after else {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [FieldChange("", "", _shown(entry.before), _shown(entry.after))]
    keys = [k for k in dict.fromkeys([*before, *after]) if not (entry.before and entry.after)
            or before.get(k) != after.get(k)]
    return [
        FieldChange(key, audit_labels.column_label(entry.table_name, key),
                    _shown(before.get(key)) if entry.before else "",
                    _shown(after.get(key)) if entry.after else "")
        for key in keys if key not in ("id", "office_id", "updated_at", "created_at")
    ]
