"""Frozen (submitted) reports and the packages a district database has merged."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sifasuo_desktop.db.models.base import Base, IdMixin, OfficeMixin


class FrozenReport(IdMixin, OfficeMixin, Base):
    """The values of a report as submitted; later edits show as a difference against it."""

    __tablename__ = "frozen_report"

    report: Mapped[str] = mapped_column(String(20))      # table7 / mediation / monthly
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    frozen_at: Mapped[datetime] = mapped_column(DateTime)
    frozen_by: Mapped[str] = mapped_column(String(50))
    values_json: Mapped[str] = mapped_column(Text)
    part1_json: Mapped[str | None] = mapped_column(Text)


class PackageImport(IdMixin, OfficeMixin, Base):
    """One office package merged into a district database."""

    __tablename__ = "package_import"

    exported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    manifest_json: Mapped[str] = mapped_column(Text)
