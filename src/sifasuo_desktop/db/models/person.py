"""一人一档: the person, aftercare terms with their dated history, correction terms."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sifasuo_desktop.db.models.base import Base, IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin


def _person_fk() -> Mapped[str]:
    return mapped_column(String(32), ForeignKey("person.id", ondelete="CASCADE"), index=True)


def _term_fk() -> Mapped[str]:
    return mapped_column(String(32), ForeignKey("aftercare_term.id", ondelete="CASCADE"), index=True)


class Person(IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin, Base):
    __tablename__ = "person"
    __table_args__ = (Index("ix_person_office_idnumber", "office_id", "id_number"),)

    archive_no: Mapped[str | None] = mapped_column(String(40))      # 档案号
    name: Mapped[str] = mapped_column(String(50), index=True)
    name_initials: Mapped[str] = mapped_column(String(50), default="", index=True)  # zs for 张三
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    former_name: Mapped[str | None] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    id_number_verified: Mapped[bool] = mapped_column(Boolean, default=False)  # 号码经核实无误
    sex: Mapped[str | None] = mapped_column(String(4))
    ethnicity: Mapped[str | None] = mapped_column(String(2))       # GB 3304 code
    birth_date: Mapped[date | None] = mapped_column(Date)
    education: Mapped[str | None] = mapped_column(String(20))
    health: Mapped[str | None] = mapped_column(String(50))
    political_status: Mapped[str | None] = mapped_column(String(20))
    marital_status: Mapped[str | None] = mapped_column(String(20))
    village_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("village.id"), index=True)
    household_address: Mapped[str | None] = mapped_column(String(200))   # 户籍地
    residence_address: Mapped[str | None] = mapped_column(String(200))   # 居住地
    phone: Mapped[str | None] = mapped_column(String(50))
    work_unit: Mapped[str | None] = mapped_column(String(200))
    resume: Mapped[str | None] = mapped_column(Text)                # 个人简历
    family_members: Mapped[str | None] = mapped_column(Text)        # 家庭成员及主要社会关系
    prior_record: Mapped[str | None] = mapped_column(Text)          # 前科
    notes: Mapped[str | None] = mapped_column(Text)


class AftercareTerm(IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin, Base):
    """One stay on the aftercare register (DOMAIN §7.1); a person may have several over a life."""

    __tablename__ = "aftercare_term"
    __table_args__ = (
        Index("ix_aftercare_term_window", "office_id", "register_start", "end_date"),
    )

    person_id: Mapped[str] = _person_fk()
    source: Mapped[str] = mapped_column(String(20))                 # codes.AFTERCARE_SOURCES
    release_date: Mapped[date] = mapped_column(Date, index=True)
    transfer_in_date: Mapped[date | None] = mapped_column(Date)
    register_start: Mapped[date] = mapped_column(Date, index=True)
    term_years: Mapped[int] = mapped_column(Integer, default=5)
    expiry: Mapped[date] = mapped_column(Date)
    removal_date: Mapped[date | None] = mapped_column(Date)
    removal_reason: Mapped[str | None] = mapped_column(String(20))
    # Derived: min(expiry, removal_date); kept in step by the service so reports can index it.
    end_date: Mapped[date] = mapped_column(Date, index=True)
    notice_date: Mapped[date | None] = mapped_column(Date)          # 通知书收到日期
    dossier_date: Mapped[date | None] = mapped_column(Date)         # 建档日期
    handover_date: Mapped[date | None] = mapped_column(Date)        # 衔接日期
    handover_method: Mapped[str | None] = mapped_column(String(20))
    agreement_date: Mapped[date | None] = mapped_column(Date)       # 帮教协议签订日期
    charge: Mapped[str | None] = mapped_column(String(100))         # 罪名
    original_sentence: Mapped[str | None] = mapped_column(String(50))  # 原判刑期
    prison: Mapped[str | None] = mapped_column(String(100))         # 原服刑/羁押场所
    correction_term_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("correction_term.id"))
    notes: Mapped[str | None] = mapped_column(Text)


class CategoryChange(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    """重点/一般 from a date on; the category on day d is the latest change on or before d."""

    __tablename__ = "category_change"

    term_id: Mapped[str] = _term_fk()
    effective_date: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(4))
    reason: Mapped[str | None] = mapped_column(String(200))


class FlagPeriod(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    """三无人员 / 人户分离 from ``start_date`` until ``end_date`` (exclusive, open when empty)."""

    __tablename__ = "flag_period"

    person_id: Mapped[str] = _person_fk()
    flag: Mapped[str] = mapped_column(String(30))                   # three_nos / residence_mismatch
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(String(200))


class Placement(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    __tablename__ = "placement"

    term_id: Mapped[str] = _term_fk()
    placement_date: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(2))                  # codes.PLACEMENT_METHODS
    employer: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(String(200))


class Reoffense(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    __tablename__ = "reoffense"

    person_id: Mapped[str] = _person_fk()
    offense_date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(4))                    # 犯罪 / 违法
    charge: Mapped[str | None] = mapped_column(String(100))
    handling: Mapped[str | None] = mapped_column(String(200))


class StatusEvent(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    """脱管 / 脱管找回 / 落户 / 未衔接 ... as dated history."""

    __tablename__ = "status_event"

    person_id: Mapped[str] = _person_fk()
    event_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    notes: Mapped[str | None] = mapped_column(String(300))


class HelperMember(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    """A member of the person's 帮教小组."""

    __tablename__ = "helper_member"

    person_id: Mapped[str] = _person_fk()
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(50))
    unit: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(50))


class CorrectionTerm(IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin, Base):
    """One community-correction term (社区矫正对象基本信息表, DOMAIN §8)."""

    __tablename__ = "correction_term"

    person_id: Mapped[str] = _person_fk()
    kind: Mapped[str] = mapped_column(String(10))                   # 管制/缓刑/假释/暂予监外执行
    charge: Mapped[str | None] = mapped_column(String(100))         # 罪名
    sentence_kind: Mapped[str | None] = mapped_column(String(20))   # 刑种
    original_sentence: Mapped[str | None] = mapped_column(String(50))
    additional_penalty: Mapped[str | None] = mapped_column(String(100))
    decision_organ: Mapped[str | None] = mapped_column(String(100))
    custody_place: Mapped[str | None] = mapped_column(String(100))  # 原羁押场所
    judgment_effective_date: Mapped[date | None] = mapped_column(Date)
    term_text: Mapped[str | None] = mapped_column(String(50))       # 矫正期限 (e.g. 二年)
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date, index=True)
    documents_received_date: Mapped[date | None] = mapped_column(Date)
    documents_kinds: Mapped[str | None] = mapped_column(String(300))
    reception_method: Mapped[str | None] = mapped_column(String(50))
    report_date: Mapped[date | None] = mapped_column(Date)
    report_status: Mapped[str | None] = mapped_column(String(20))
    prohibition: Mapped[str | None] = mapped_column(String(300))    # 禁止令
    prohibition_start: Mapped[date | None] = mapped_column(Date)
    prohibition_end: Mapped[date | None] = mapped_column(Date)
    execution_place: Mapped[str | None] = mapped_column(String(200))  # 执行地
    crime_facts: Mapped[str | None] = mapped_column(Text)
    actual_end_date: Mapped[date | None] = mapped_column(Date)      # 解除/终止日期
    end_reason: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)


class SupervisionLevelChange(IdMixin, SoftDeleteMixin, TimestampMixin, Base):
    __tablename__ = "supervision_level_change"

    correction_term_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("correction_term.id", ondelete="CASCADE"), index=True
    )
    effective_date: Mapped[date] = mapped_column(Date)
    level: Mapped[str] = mapped_column(String(4))
    reason: Mapped[str | None] = mapped_column(String(200))


class CorrectionActivity(IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin, Base):
    """报到 / 教育学习 / 公益活动 / 请假 / 销假 / 表扬 / 训诫 / 警告 / 提请... of a correction person."""

    __tablename__ = "correction_activity"

    person_id: Mapped[str] = _person_fk()
    # indexed: the due engine looks up a term's report-in activities (services.due_open)
    correction_term_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("correction_term.id"), index=True)
    activity_date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    hours: Mapped[float | None] = mapped_column(Float)
    end_date: Mapped[date | None] = mapped_column(Date)             # leave until
    content: Mapped[str | None] = mapped_column(Text)
    staff: Mapped[str | None] = mapped_column(String(100))
