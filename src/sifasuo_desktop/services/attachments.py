"""Attachments (scans of notices, judgments, signed agreements) stored inside the database.

An attachment belongs to one record (``owner_table``, ``owner_id``), e.g. ``("person", id)`` or
``("visit", id)``: any table of the office's records (with ``office_id`` and ``deleted_at``). Files
are added only to a live record of the signed-in office.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import NotFoundError, ValidationError
from sifasuo_desktop.db.models import Attachment
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext

MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    owner_table: str
    owner_id: str
    filename: str
    mime_type: str | None
    size: int
    sha256: str
    description: str | None
    created_at: datetime | None


def _info(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(a.id, a.owner_table, a.owner_id, a.filename, a.mime_type, a.size, a.sha256,
                          a.description, a.created_at)


def _check_owner(session: Session, ctx: AppContext, owner_table: str, owner_id: str) -> None:
    table = Attachment.metadata.tables.get(owner_table)
    if table is None or not {"id", "office_id", "deleted_at"} <= set(table.c.keys()):
        raise ValidationError({"owner": f"不能给“{owner_table}”添加附件"})
    row = session.execute(select(table.c.office_id, table.c.deleted_at).where(table.c.id == owner_id)).first()
    if row is None or row.office_id != ctx.office_id or row.deleted_at is not None:
        raise NotFoundError("要添加附件的记录不存在或已删除")


def add_in(session: Session, ctx: AppContext, owner_table: str, owner_id: str, filename: str, data: bytes,
           description: str | None = None) -> str:
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    if not name:
        raise ValidationError({"filename": "请给出文件名"})
    if not data:
        raise ValidationError({"data": f"文件“{name}”是空的"})
    if len(data) > MAX_BYTES:
        raise ValidationError({"data": f"文件“{name}”超过{MAX_BYTES // 1024 // 1024} MB，请压缩或分开添加"})
    _check_owner(session, ctx, owner_table, owner_id)
    row = Attachment(office_id=ctx.office_id, owner_table=owner_table, owner_id=owner_id, filename=name,
                     mime_type=mimetypes.guess_type(name)[0], size=len(data),
                     sha256=hashlib.sha256(data).hexdigest(), description=(description or "").strip() or None,
                     data=data)
    session.add(row)
    audit.record_change(session, ctx, row, None, f"添加附件 {name}")
    return row.id


def add_attachment(ctx: AppContext, owner_table: str, owner_id: str, filename: str, data: bytes,
                   description: str | None = None) -> str:
    """Store a file's bytes in the database; returns the attachment id."""
    with ctx.transaction() as session:
        return add_in(session, ctx, owner_table, owner_id, filename, data, description)


def list_attachments(ctx: AppContext, owner_table: str, owner_id: str) -> list[AttachmentInfo]:
    with ctx.reading() as session:
        rows = session.scalars(select(Attachment).where(
            Attachment.office_id == ctx.office_id, Attachment.owner_table == owner_table,
            Attachment.owner_id == owner_id, Attachment.deleted_at.is_(None)).order_by(Attachment.created_at))
        return [_info(a) for a in rows]


def _live(session: Session, ctx: AppContext, attachment_id: str) -> Attachment:
    row = session.get(Attachment, attachment_id)
    if row is None or row.office_id != ctx.office_id or row.deleted_at is not None:
        raise NotFoundError("附件不存在或已删除")
    return row


def attachment_data(ctx: AppContext, attachment_id: str) -> bytes:
    with ctx.reading() as session:
        return _live(session, ctx, attachment_id).data


def delete_attachment(ctx: AppContext, attachment_id: str) -> None:
    with ctx.transaction() as session:
        row = _live(session, ctx, attachment_id)
        before = audit.snapshot(row)
        row.deleted_at = datetime.now()
        session.flush()
        audit.record(session, ctx, audit.DELETE, table="attachment", record_id=row.id,
                     summary=f"删除附件 {row.filename}", before=before, after=audit.snapshot(row))
