"""Which offices a statistics query covers, and the drill-down rows shared by the report engines.

An office database reports on its own office. A district database (many offices in one file)
passes ``office_ids``: a list of office ids, or ``ALL_OFFICES``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import Office
from sifasuo_desktop.domain import idnumber
from sifasuo_desktop.services import office as office_service
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext

ALL_OFFICES = "all"
OfficeIds = Sequence[str] | str | None


@dataclass(frozen=True)
class Scope:
    """``office_ids`` None means every office in the file."""

    office_ids: tuple[str, ...] | None

    def where(self, column) -> ColumnElement[bool]:
        return column.in_(self.office_ids) if self.office_ids is not None else true()


def scope(ctx: AppContext, office_ids: OfficeIds = None) -> Scope:
    """The ctx office by default (every office when the file has no office of its own)."""
    if office_ids == ALL_OFFICES or (office_ids is None and ctx.office_id is None):
        return Scope(None)
    if office_ids is None:
        return Scope((ctx.office_id,))
    if isinstance(office_ids, str):
        return Scope((office_ids,))
    return Scope(tuple(office_ids))


def office_name(session: Session, ctx: AppContext, where: Scope) -> str:
    """The office's name for the header; several offices print as their county (区/县)."""
    query = select(Office.name, Office.county).order_by(Office.code)
    if where.office_ids is not None:
        query = query.where(Office.id.in_(where.office_ids))
    rows = session.execute(query).all()
    if len(rows) == 1:
        return rows[0].name
    counties = {r.county for r in rows if r.county}
    return counties.pop() if len(counties) == 1 else "、".join(r.name for r in rows)


@dataclass(frozen=True)
class DrillPerson:
    """One person behind a cell of the 7号表."""

    person_id: str
    term_id: str
    name: str
    id_number: str           # masked unless the office switched masking off and the user may see it
    sex: str | None
    village: str
    category: str | None     # as of the period's last day
    register_start: date
    end: date
    detail: str = ""         # e.g. 走访3次, 迁出 2026-03-01


def id_masker(ctx: AppContext):
    """A function that shows an ID number the way the office's lists do: masked, unless the office
    switched masking off and the user's role may see full numbers (``SHOW_FULL_ID``)."""
    masked = office_service.app_settings(ctx).mask_id_numbers or not perm.can(ctx.user, perm.SHOW_FULL_ID)
    return idnumber.mask if masked else (lambda number: number or "")
