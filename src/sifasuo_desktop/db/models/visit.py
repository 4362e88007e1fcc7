"""走访记录 and the postponements of due items."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sifasuo_desktop.db.models.base import Base, IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin


class Visit(IdMixin, OfficeMixin, SoftDeleteMixin, TimestampMixin, Base):
    """Any recorded contact: 谈话, 家访, 电话, 走访, 回访, 集中教育, 跟踪考察 (DOMAIN §6)."""

    __tablename__ = "visit"
    # A covering index for the per-person visit aggregates: the 7号表's visit counts (rows 13, 16)
    # and the due engine's last visit / last 跟踪考察 per person (services.due_facts.last_visits);
    # it also serves a person's visits by date.
    __table_args__ = (Index("ix_visit_person_date", "person_id", "visit_date", "visit_type", "deleted_at"),)

    person_id: Mapped[str] = mapped_column(String(32), ForeignKey("person.id", ondelete="CASCADE"))
    visit_date: Mapped[date] = mapped_column(Date, index=True)
    visit_type: Mapped[str] = mapped_column(String(10), index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    staff: Mapped[str | None] = mapped_column(String(100), index=True)   # 谈话人 / 走访人
    recorder: Mapped[str | None] = mapped_column(String(50))
    participants: Mapped[str | None] = mapped_column(String(300))        # helper-group members present
    content_thought: Mapped[str | None] = mapped_column(Text)            # 思想
    content_work: Mapped[str | None] = mapped_column(Text)               # 工作
    content_life: Mapped[str | None] = mapped_column(Text)               # 生活
    content_family: Mapped[str | None] = mapped_column(Text)             # 家庭
    content: Mapped[str | None] = mapped_column(Text)                    # 问/答 or free text
    problems: Mapped[str | None] = mapped_column(Text)
    help_given: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[str | None] = mapped_column(String(32), index=True)  # one 集中教育 session
    # 跟踪考察 (review) assessment
    review_period_start: Mapped[date | None] = mapped_column(Date)
    review_period_end: Mapped[date | None] = mapped_column(Date)
    review_method: Mapped[str | None] = mapped_column(String(100))
    review_conduct_thought: Mapped[str | None] = mapped_column(Text)     # 思想
    review_conduct_law: Mapped[str | None] = mapped_column(Text)         # 遵纪守法
    review_conduct_work: Mapped[str | None] = mapped_column(Text)        # 就业收入
    review_conduct_family: Mapped[str | None] = mapped_column(Text)      # 家庭
    review_conduct_social: Mapped[str | None] = mapped_column(Text)      # 社会交往
    review_measures: Mapped[str | None] = mapped_column(Text)
    review_group_opinion: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(50))
    review_office_opinion: Mapped[str | None] = mapped_column(Text)


class DuePostponement(IdMixin, OfficeMixin, TimestampMixin, Base):
    """A due item moved to a new date, with the reason kept."""

    __tablename__ = "due_postponement"
    __table_args__ = (Index("ix_due_postponement_key", "subject_id", "rule"),)

    subject_id: Mapped[str] = mapped_column(String(32))   # person or mediation case
    rule: Mapped[str] = mapped_column(String(40))
    original_due: Mapped[date] = mapped_column(Date)
    new_due: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300))
    user_name: Mapped[str] = mapped_column(String(50))
