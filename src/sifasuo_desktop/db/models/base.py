"""Declarative base, naming convention and the column mixins every table shares."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Named constraints so alembic batch mode can alter them on SQLite (STACK.md).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    """A UUID text key, so packages from many offices merge without collisions."""

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


class OfficeMixin:
    """Every top-level record belongs to one office."""

    @declared_attr
    def office_id(cls) -> Mapped[str]:
        return mapped_column(String(32), ForeignKey("office.id"), index=True)


class SoftDeleteMixin:
    """Nothing is hard-deleted from the UI: a deleted record sits in the 回收站."""

    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
