"""The office itself, its villages, users, settings, attachments and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from sifasuo_desktop.db.models.base import Base, IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin


class Office(IdMixin, TimestampMixin, Base):
    __tablename__ = "office"

    code: Mapped[str] = mapped_column(String(20), unique=True)   # region code of the township
    name: Mapped[str] = mapped_column(String(100))
    county: Mapped[str | None] = mapped_column(String(100))        # the 区/县 it reports to
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    head_name: Mapped[str | None] = mapped_column(String(50))     # 所长
    committee_name: Mapped[str | None] = mapped_column(String(100))  # 人民调解委员会 name


class Village(IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin, Base):
    __tablename__ = "village"

    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str | None] = mapped_column(String(20))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(50))


class UserAccount(IdMixin, OfficeMixin, TimestampMixin, Base):
    __tablename__ = "user_account"
    __table_args__ = (UniqueConstraint("office_id", "username"),)

    username: Mapped[str] = mapped_column(String(50))
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(10))                  # 管理员 / 工作人员
    password_hash: Mapped[str] = mapped_column(String(300))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class Setting(Base):
    """One stored value (JSON text) that overrides a default of ``RuleSettings``/``AppSettings``."""

    __tablename__ = "setting"

    office_id: Mapped[str] = mapped_column(String(32), ForeignKey("office.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Meta(Base):
    """Database-wide facts: mode (office / district), the office this file belongs to."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Attachment(IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin, Base):
    """A scan or file kept inside the database so the one file carries everything."""

    __tablename__ = "attachment"

    owner_table: Mapped[str] = mapped_column(String(40), index=True)
    owner_id: Mapped[str] = mapped_column(String(32), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(String(200))
    doc_date: Mapped[datetime | None] = mapped_column(DateTime)
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))


class AuditLog(IdMixin, Base):
    """Who did what and when: every write, print and export, with before/after values (JSON)."""

    __tablename__ = "audit_log"
    # The 操作日志 viewer pages newest-first within the office: one index serves filter and order.
    __table_args__ = (Index("ix_audit_log_office_at", "office_id", "at"),)

    office_id: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_name: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(20), index=True)   # 新增/修改/删除/恢复/打印/导出/登录...
    table_name: Mapped[str | None] = mapped_column(String(40), index=True)
    record_id: Mapped[str | None] = mapped_column(String(32), index=True)
    summary: Mapped[str | None] = mapped_column(String(300))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
