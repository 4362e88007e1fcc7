"""人民调解: cases, parties, mediators, records and follow-ups (DOMAIN §7.3, §8)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sifasuo_desktop.db.models.base import Base, IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin


def _case_fk() -> Mapped[str]:
    return mapped_column(String(32), ForeignKey("mediation_case.id", ondelete="CASCADE"), index=True)


class MediationCase(IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin, Base):
    __tablename__ = "mediation_case"
    __table_args__ = (UniqueConstraint("office_id", "year", "seq"),)

    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number_prefix: Mapped[str] = mapped_column(String(40), default="")
    acceptance_date: Mapped[date] = mapped_column(Date, index=True)
    source: Mapped[str] = mapped_column(String(10))
    referring_organ: Mapped[str | None] = mapped_column(String(100))
    dispute_type: Mapped[str] = mapped_column(String(10), index=True)
    summary: Mapped[str | None] = mapped_column(Text)                 # 纠纷简要情况
    amount_involved: Mapped[float | None] = mapped_column(Numeric(14, 2))  # 涉及金额(元)
    people_involved: Mapped[int | None] = mapped_column(Integer)
    recorder: Mapped[str | None] = mapped_column(String(50))
    result: Mapped[str] = mapped_column(String(6), default="调解中", index=True)
    concluded_date: Mapped[date | None] = mapped_column(Date, index=True)
    failure_reason: Mapped[str | None] = mapped_column(Text)
    suggested_route: Mapped[str | None] = mapped_column(String(10))
    agreement_form: Mapped[str | None] = mapped_column(String(4))     # 书面 / 口头
    agreement_date: Mapped[date | None] = mapped_column(Date)
    agreement_clauses: Mapped[str | None] = mapped_column(Text)       # JSON list of clause texts
    agreement_amount: Mapped[float | None] = mapped_column(Numeric(14, 2))  # 协议金额(元)
    performance_method: Mapped[str | None] = mapped_column(Text)      # 履行方式、时限
    performance_deadline: Mapped[date | None] = mapped_column(Date)
    performance_status: Mapped[str | None] = mapped_column(String(6))
    performance_date: Mapped[date | None] = mapped_column(Date)
    judicial_apply_date: Mapped[date | None] = mapped_column(Date)
    judicial_confirm_date: Mapped[date | None] = mapped_column(Date, index=True)
    judicial_court: Mapped[str | None] = mapped_column(String(100))
    prevent_criminal: Mapped[int] = mapped_column(Integer, default=0)   # people; 0 = not flagged
    prevent_petition: Mapped[int] = mapped_column(Integer, default=0)
    prevent_fight: Mapped[int] = mapped_column(Integer, default=0)
    prevent_suicide: Mapped[int] = mapped_column(Integer, default=0)
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    extension_reason: Mapped[str | None] = mapped_column(String(300))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    filer: Mapped[str | None] = mapped_column(String(50))              # 立卷人
    retention: Mapped[str | None] = mapped_column(String(20))          # 保管期限
    file_materials: Mapped[str | None] = mapped_column(Text)           # JSON {paper document: pages}
    notes: Mapped[str | None] = mapped_column(Text)


class MediationParty(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    __tablename__ = "mediation_party"

    case_id: Mapped[str] = _case_fk()
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(6))                      # 申请人 / 被申请人
    is_organisation: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(100), index=True)
    name_initials: Mapped[str] = mapped_column(String(50), default="")
    sex: Mapped[str | None] = mapped_column(String(4))
    ethnicity: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[date | None] = mapped_column(Date)
    age: Mapped[int | None] = mapped_column(Integer)
    occupation: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(200))
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)


class MediationMediator(IdMixin, Base):
    __tablename__ = "mediation_mediator"

    case_id: Mapped[str] = _case_fk()
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(50), index=True)


class MediationRecord(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    """调查记录 or 调解记录."""

    __tablename__ = "mediation_record"

    case_id: Mapped[str] = _case_fk()
    kind: Mapped[str] = mapped_column(String(6))                      # 调查 / 调解
    record_date: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    participants: Mapped[str | None] = mapped_column(String(300))
    recorder: Mapped[str | None] = mapped_column(String(50))
    text: Mapped[str | None] = mapped_column(Text)


class MediationFollowup(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    """人民调解回访记录."""

    __tablename__ = "mediation_followup"

    case_id: Mapped[str] = _case_fk()
    followup_date: Mapped[date] = mapped_column(Date, index=True)
    method: Mapped[str | None] = mapped_column(String(20))
    visitor: Mapped[str | None] = mapped_column(String(50))
    content: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
