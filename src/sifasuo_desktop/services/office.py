"""The office, its villages and its stored settings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.core.settings import AppSettings
from sifasuo_desktop.db.models import Meta, Office, Setting, Village
from sifasuo_desktop.domain.rules import RuleSettings
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext


@dataclass(frozen=True)
class OfficeInfo:
    id: str
    code: str
    name: str
    county: str | None
    address: str | None
    phone: str | None
    head_name: str | None
    committee_name: str | None


@dataclass(frozen=True)
class VillageInfo:
    id: str
    name: str
    code: str | None
    sort_order: int
    contact_name: str | None
    contact_phone: str | None


def _office_info(o: Office) -> OfficeInfo:
    return OfficeInfo(o.id, o.code, o.name, o.county, o.address, o.phone, o.head_name, o.committee_name)


def _check_office_fields(code: str, name: str) -> None:
    problems = {}
    if not name.strip():
        problems["name"] = "请填写司法所名称"
    if not code.strip().isdigit() or len(code.strip()) not in (6, 9, 12):
        problems["code"] = "单位代码应为6、9或12位数字（行政区划代码）"
    if problems:
        raise ValidationError(problems)


def create_office(ctx: AppContext, *, code: str, name: str, county: str | None = None, **extra: Any) -> AppContext:
    """Create the office of a new database and bind the file to it. Returns the bound context."""
    _check_office_fields(code, name)
    with ctx.transaction() as session:
        office = Office(code=code.strip(), name=name.strip(), county=county, **extra)
        session.add(office)
        session.flush()
        session.merge(Meta(key="office_id", value=office.id))
        session.merge(Meta(key="mode", value="office"))
        bound = ctx.for_office(office.id)
        audit.record_change(session, bound, office, None, f"建立司法所 {office.name}")
    return bound


def get_office(ctx: AppContext, office_id: str | None = None) -> OfficeInfo | None:
    with ctx.reading() as session:
        office = session.get(Office, office_id or ctx.office_id) if (office_id or ctx.office_id) else None
        return _office_info(office) if office else None


def update_office(ctx: AppContext, **values: Any) -> OfficeInfo:
    ctx.require_admin("修改单位信息")
    _check_office_fields(values.get("code", "000000"), values.get("name", "x"))
    with ctx.transaction() as session:
        office = session.get(Office, ctx.office_id)
        before = audit.snapshot(office)
        for key, value in values.items():
            setattr(office, key, value)
        audit.record_change(session, ctx, office, before, "修改单位信息")
        return _office_info(office)


def database_mode(ctx: AppContext) -> str:
    """``office`` for an office database, ``district`` for a district one."""
    with ctx.reading() as session:
        return session.scalar(select(Meta.value).where(Meta.key == "mode")) or "office"


# --- villages -------------------------------------------------------------------------------

def list_villages(ctx: AppContext, include_deleted: bool = False) -> list[VillageInfo]:
    with ctx.reading() as session:
        query = select(Village).where(Village.office_id == ctx.office_id)
        if not include_deleted:
            query = query.where(Village.deleted_at.is_(None))
        query = query.order_by(Village.sort_order, Village.name)
        return [
            VillageInfo(v.id, v.name, v.code, v.sort_order, v.contact_name, v.contact_phone)
            for v in session.scalars(query)
        ]


def save_village(ctx: AppContext, village_id: str | None, *, name: str, code: str | None = None,
                 sort_order: int = 0, contact_name: str | None = None, contact_phone: str | None = None) -> str:
    if not name.strip():
        raise ValidationError({"name": "请填写村(社区)名称"})
    with ctx.transaction() as session:
        clash = session.scalar(
            select(Village.id).where(Village.office_id == ctx.office_id, Village.name == name.strip(),
                                     Village.deleted_at.is_(None), Village.id != (village_id or ""))
        )
        if clash:
            raise ValidationError({"name": f"村(社区)“{name.strip()}”已存在"})
        village = session.get(Village, village_id) if village_id else Village(office_id=ctx.office_id)
        before = audit.snapshot(village) if village_id else None
        village.name, village.code, village.sort_order = name.strip(), code, sort_order
        village.contact_name, village.contact_phone = contact_name, contact_phone
        session.add(village)
        audit.record_change(session, ctx, village, before, f"村(社区) {village.name}")
        return village.id


# --- settings -------------------------------------------------------------------------------

def _stored(ctx: AppContext) -> dict[str, Any]:
    with ctx.reading() as session:
        rows = session.scalars(select(Setting).where(Setting.office_id == ctx.office_id))
        return {row.key: json.loads(row.value) for row in rows}


def rules(ctx: AppContext) -> RuleSettings:
    """The office's rule parameters: defaults of DOMAIN §6 overridden by stored values."""
    return RuleSettings().with_values(_stored(ctx)) if ctx.office_id else RuleSettings()


def app_settings(ctx: AppContext) -> AppSettings:
    return AppSettings().with_values(_stored(ctx)) if ctx.office_id else AppSettings()


def save_settings(ctx: AppContext, values: dict[str, Any]) -> None:
    """Store rule or program settings (unknown keys are refused)."""
    ctx.require_admin("修改规则参数")
    known = set(RuleSettings.keys()) | set(AppSettings.keys())
    unknown = set(values) - known
    if unknown:
        raise ValidationError({k: f"未知的设置项 {k}" for k in unknown})
    defaults = {**RuleSettings().__dict__, **AppSettings().__dict__}
    for key, value in values.items():
        if isinstance(defaults[key], int) and not isinstance(defaults[key], bool):
            if not isinstance(value, int) or value < 0 or value > 3650:
                raise ValidationError({key: f"{key} 应为 0–3650 之间的整数"})
    with ctx.transaction() as session:
        for key, value in values.items():
            row = session.get(Setting, (ctx.office_id, key))
            old = json.loads(row.value) if row else defaults[key]
            if row is None:
                row = Setting(office_id=ctx.office_id, key=key, value="")
                session.add(row)
            row.value = json.dumps(value, ensure_ascii=False)
            if old != value:
                audit.record(session, ctx, audit.UPDATE, table="setting", record_id=None, summary=f"设置 {key}",
                             before={key: old}, after={key: value})
