"""The office, its villages and its stored settings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sifasuo_desktop.core import settings as app_settings_module
from sifasuo_desktop.core.errors import NotFoundError, ValidationError
from sifasuo_desktop.core.settings import AppSettings
from sifasuo_desktop.db.models import Meta, Office, Person, Setting, Village
from sifasuo_desktop.domain import rules as rules_module
from sifasuo_desktop.domain.rules import RuleSettings
from sifasuo_desktop.services import audit
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.text_limits import limit_of, text_problem


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
    deleted: bool = False


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


_OFFICE_FIELDS = ("code", "name", "county", "address", "phone", "head_name", "committee_name")


def update_office(ctx: AppContext, **values: Any) -> OfficeInfo:
    """Change the office's own facts (单位信息); empty optional texts are stored as NULL."""
    perm.require(ctx, perm.MANAGE_SETTINGS)
    unknown = set(values) - set(_OFFICE_FIELDS)
    if unknown:
        raise ValidationError({k: f"未知的单位信息项 {k}" for k in unknown})
    values = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}
    with ctx.transaction() as session:
        office = session.get(Office, ctx.office_id)
        before = audit.snapshot(office)
        for key, value in values.items():
            setattr(office, key, value)
        _check_office_fields(office.code or "", office.name or "")
        clash = session.scalar(select(Office.id).where(Office.code == office.code, Office.id != office.id))
        if clash:
            raise ValidationError({"code": f"单位代码 {office.code} 已被另一个司法所使用"})
        audit.record_change(session, ctx, office, before, "修改单位信息")
        return _office_info(office)


def database_mode(ctx: AppContext) -> str:
    """``office`` for an office database, ``district`` for a district one."""
    with ctx.reading() as session:
        return session.scalar(select(Meta.value).where(Meta.key == "mode")) or "office"


# --- villages -------------------------------------------------------------------------------

def list_villages(ctx: AppContext, include_deleted: bool = False) -> list[VillageInfo]:
    """The office's villages in their display order (deleted ones too when asked)."""
    with ctx.reading() as session:
        query = select(Village).where(Village.office_id == ctx.office_id)
        if not include_deleted:
            query = query.where(Village.deleted_at.is_(None))
        query = query.order_by(Village.deleted_at.isnot(None), Village.sort_order, Village.name)
        return [
            VillageInfo(v.id, v.name, v.code, v.sort_order, v.contact_name, v.contact_phone, v.deleted_at is not None)
            for v in session.scalars(query)
        ]


def village_person_counts(ctx: AppContext) -> dict[str, int]:
    """Number of dossiers (not in the 回收站) per village id; villages without any are absent."""
    with ctx.reading() as session:
        rows = session.execute(
            select(Person.village_id, func.count()).where(Person.office_id == ctx.office_id,
                                                          Person.deleted_at.is_(None),
                                                          Person.village_id.isnot(None))
            .group_by(Person.village_id)
        )
        return {village_id: count for village_id, count in rows}


def save_village(ctx: AppContext, village_id: str | None, *, name: str, code: str | None = None,
                 sort_order: int | None = None, contact_name: str | None = None,
                 contact_phone: str | None = None) -> str:
    """Add (``village_id`` None) or edit a village. ``sort_order`` None: a new village goes last,
    an edited one keeps its place."""
    perm.require(ctx, perm.MANAGE_SETTINGS)
    if not name.strip():
        raise ValidationError({"name": "请填写村(社区)名称"})
    given = {"name": name, "code": code, "contact_name": contact_name, "contact_phone": contact_phone}
    too_long = {k: reason for k, value in given.items() if (reason := text_problem(value, limit_of(Village, k)))}
    if too_long:
        raise ValidationError(too_long)
    with ctx.transaction() as session:
        clash = session.scalar(
            select(Village.id).where(Village.office_id == ctx.office_id, Village.name == name.strip(),
                                     Village.deleted_at.is_(None), Village.id != (village_id or ""))
        )
        if clash:
            raise ValidationError({"name": f"村(社区)“{name.strip()}”已存在"})
        if village_id:
            village = _village(session, ctx, village_id)
            before = audit.snapshot(village)
        else:
            village, before = Village(office_id=ctx.office_id), None
            if sort_order is None:
                last = session.scalar(select(func.max(Village.sort_order)).where(Village.office_id == ctx.office_id))
                sort_order = (last + 1) if last is not None else 0
        village.name, village.code = name.strip(), (code or "").strip() or None
        if sort_order is not None:
            village.sort_order = sort_order
        village.contact_name = (contact_name or "").strip() or None
        village.contact_phone = (contact_phone or "").strip() or None
        session.add(village)
        audit.record_change(session, ctx, village, before, f"村(社区) {village.name}")
        return village.id


def _village(session, ctx: AppContext, village_id: str) -> Village:
    village = session.get(Village, village_id)
    if village is None or village.office_id != ctx.office_id:
        raise NotFoundError("找不到该村(社区)，可能已被删除")
    return village


def delete_village(ctx: AppContext, village_id: str) -> None:
    """Move a village to the 回收站; refused while dossiers (not in the 回收站) still belong to it."""
    perm.require(ctx, perm.MANAGE_SETTINGS)
    with ctx.transaction() as session:
        village = _village(session, ctx, village_id)
        persons = session.scalar(select(func.count()).select_from(Person).where(
            Person.village_id == village_id, Person.deleted_at.is_(None)))
        if persons:
            raise ValidationError({"village": f"村(社区)“{village.name}”还有{persons}人的档案，"
                                              "请先把这些档案改到其他村(社区)，再删除"})
        audit.mark_deleted(session, ctx, village, f"删除村(社区) {village.name}")


def restore_village(ctx: AppContext, village_id: str) -> None:
    perm.require(ctx, perm.MANAGE_SETTINGS)
    with ctx.transaction() as session:
        village = _village(session, ctx, village_id)
        clash = session.scalar(select(Village.id).where(Village.office_id == ctx.office_id,
                                                        Village.name == village.name, Village.deleted_at.is_(None)))
        if clash:
            raise ValidationError({"name": f"已有同名的村(社区)“{village.name}”，请先改名再恢复"})
        before = audit.snapshot(village)
        village.deleted_at = None
        last = session.scalar(select(func.max(Village.sort_order)).where(Village.office_id == ctx.office_id,
                                                                         Village.deleted_at.is_(None)))
        village.sort_order = (last + 1) if last is not None else 0
        session.flush()
        audit.record(session, ctx, audit.RESTORE, table="village", record_id=village.id,
                     summary=f"恢复村(社区) {village.name}", before=before, after=audit.snapshot(village))


def reorder_villages(ctx: AppContext, village_ids: list[str]) -> None:
    """Put the office's villages in the given order (every village not in the 回收站, once)."""
    perm.require(ctx, perm.MANAGE_SETTINGS)
    with ctx.transaction() as session:
        villages = {v.id: v for v in session.scalars(select(Village).where(
            Village.office_id == ctx.office_id, Village.deleted_at.is_(None)))}
        if sorted(village_ids) != sorted(villages):
            raise ValidationError({"village": "村(社区)列表已被修改，请重新打开后再调整顺序"})
        before = {v.id: v.sort_order for v in villages.values()}
        for order, village_id in enumerate(village_ids):
            villages[village_id].sort_order = order
        after = {v.id: v.sort_order for v in villages.values()}
        audit.record(session, ctx, audit.UPDATE, table="village", summary="调整村(社区)顺序：" +
                     "、".join(villages[i].name for i in village_ids), before=before, after=after)


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


SETTING_LABELS: dict[str, str] = {**rules_module.LABELS, **app_settings_module.LABELS}
_DEFAULTS: dict[str, Any] = {**RuleSettings().__dict__, **AppSettings().__dict__}
_LIMITS: dict[str, tuple[int, int]] = {**rules_module.LIMITS, **app_settings_module.LIMITS}


def setting_problems(values: dict[str, Any]) -> dict[str, str]:
    """``{key: Chinese reason}`` for every value that is not allowed (empty when all are fine)."""
    problems = {}
    for key, value in values.items():
        default, label = _DEFAULTS.get(key), SETTING_LABELS.get(key, key)
        if key not in _DEFAULTS:
            problems[key] = f"未知的设置项 {key}"
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                problems[key] = f"{label}：应为是或否"
        elif isinstance(default, int):
            low, high = _LIMITS[key]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                problems[key] = f"{label}：应为 {low}–{high} 之间的整数"
        elif not isinstance(value, str) or (reason := rules_module.month_day_problem(value)):
            problems[key] = f"{label}：{reason if isinstance(value, str) else '应为 月-日'}"
    return problems


def save_settings(ctx: AppContext, values: dict[str, Any]) -> None:
    """Store rule or program settings; all or nothing, each change audited with its label."""
    perm.require(ctx, perm.MANAGE_SETTINGS)
    problems = setting_problems(values)
    if problems:
        raise ValidationError(problems)
    with ctx.transaction() as session:
        for key, value in values.items():
            store_setting(session, ctx, key, value, f"设置 {SETTING_LABELS[key]}", _DEFAULTS[key])


def store_setting(session: Session, ctx: AppContext, key: str, value: Any, summary: str,
                  default: Any = None) -> None:
    """Write this office's ``setting`` row ``key`` (JSON); audit it when the value changes
    (from ``default`` when there was no row)."""
    row = session.get(Setting, (ctx.office_id, key))
    old = json.loads(row.value) if row else default
    if row is None:
        row = Setting(office_id=ctx.office_id, key=key, value="")
        session.add(row)
    row.value = json.dumps(value, ensure_ascii=False)
    if old != value:
        audit.record(session, ctx, audit.UPDATE, table="setting", summary=summary,
                     before={key: old}, after={key: value})
