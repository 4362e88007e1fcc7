"""What the district sees: its offices with their last package, and persons on two registers.

All read-only; every figure is one SQL aggregate over the district database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import text

from sifasuo_desktop.services import office
from sifasuo_desktop.services.context import AppContext

DISTRICT = "district"   # app_meta.mode of a district database

# On the aftercare register on day d (DOMAIN §7.1): register_start <= d < end.
_ON_REGISTER = """
    SELECT t.office_id, t.person_id, min(t.register_start) AS register_start
    FROM aftercare_term t JOIN person p ON p.id = t.person_id AND p.deleted_at IS NULL
    WHERE t.deleted_at IS NULL AND t.register_start <= :day AND t.end_date > :day
    GROUP BY t.office_id, t.person_id
"""


@dataclass(frozen=True)
class DistrictInfo:
    id: str
    code: str
    name: str


@dataclass(frozen=True)
class OfficeStatus:
    id: str
    code: str
    name: str
    exported_at: datetime | None     # of the last merged package
    imported_at: datetime | None
    file_name: str | None
    options: str                     # 全部数据 / 期间 … / 不含附件, as the package says
    persons: int
    on_register: int
    visits: int
    mediation_cases: int


def is_district(ctx: AppContext) -> bool:
    return office.database_mode(ctx) == DISTRICT


def district_info(ctx: AppContext) -> DistrictInfo:
    with ctx.reading() as session:
        row = session.execute(text("SELECT id, code, name FROM office WHERE id = :id"), {"id": ctx.office_id}).one()
    return DistrictInfo(*row)


def member_office_ids(ctx: AppContext) -> list[str]:
    """The offices whose data the district holds (every unit but the district itself), by code."""
    with ctx.reading() as session:
        return list(session.scalars(text("SELECT id FROM office WHERE id <> :own ORDER BY code"),
                                    {"own": ctx.office_id}))


def _options_text(manifest_json: str | None) -> str:
    if not manifest_json:
        return ""
    options = json.loads(manifest_json).get("options") or {}
    parts = [f"{options['period_start']}至{options['period_end']}" if options.get("period_start") else "全部数据"]
    if options.get("attachments") is False:
        parts.append("不含附件")
    return "，".join(parts)


def list_offices(ctx: AppContext, day: date | None = None) -> list[OfficeStatus]:
    day = day or ctx.today()
    sql = f"""
        WITH last AS (
            SELECT office_id, exported_at, imported_at, file_name, manifest_json,
                   row_number() OVER (PARTITION BY office_id ORDER BY exported_at DESC, imported_at DESC) AS n
            FROM package_import),
        persons AS (SELECT office_id, count(*) AS n FROM person WHERE deleted_at IS NULL GROUP BY office_id),
        onreg AS (SELECT office_id, count(*) AS n FROM ({_ON_REGISTER}) GROUP BY office_id),
        visits AS (SELECT office_id, count(*) AS n FROM visit WHERE deleted_at IS NULL GROUP BY office_id),
        cases AS (SELECT office_id, count(*) AS n FROM mediation_case WHERE deleted_at IS NULL GROUP BY office_id)
        SELECT o.id, o.code, o.name, last.exported_at, last.imported_at, last.file_name, last.manifest_json,
               coalesce(persons.n, 0), coalesce(onreg.n, 0), coalesce(visits.n, 0), coalesce(cases.n, 0)
        FROM office o
        LEFT JOIN last ON last.office_id = o.id AND last.n = 1
        LEFT JOIN persons ON persons.office_id = o.id
        LEFT JOIN onreg ON onreg.office_id = o.id
        LEFT JOIN visits ON visits.office_id = o.id
        LEFT JOIN cases ON cases.office_id = o.id
        WHERE o.id <> :own
        ORDER BY o.code"""
    with ctx.reading() as session:
        rows = session.execute(text(sql), {"own": ctx.office_id, "day": day.isoformat()}).all()
    return [OfficeStatus(r[0], r[1], r[2], _datetime(r[3]), _datetime(r[4]), r[5], _options_text(r[6]),
                         r[7], r[8], r[9], r[10]) for r in rows]


def _datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


@dataclass(frozen=True)
class RegisteredTwice:
    """One register entry of a person whose 公民身份号码 is on two or more offices' registers."""

    id_number: str
    name: str
    office_code: str
    office_name: str
    village: str | None
    register_start: date
    residence_mismatch: bool          # the office has flagged 人户分离 on the day


def registered_twice(ctx: AppContext, day: date | None = None) -> list[RegisteredTwice]:
    """Persons on the aftercare register of two or more offices on ``day`` (人户分离 listed twice),
    one row per office, grouped by 公民身份号码."""
    day = day or ctx.today()
    sql = f"""
        WITH onreg AS ({_ON_REGISTER}),
        entries AS (
            SELECT p.id_number, p.name, o.code, o.name AS office_name, v.name AS village, r.register_start,
                   EXISTS (SELECT 1 FROM flag_period f WHERE f.person_id = p.id AND f.deleted_at IS NULL
                           AND f.flag = 'residence_mismatch' AND f.start_date <= :day
                           AND (f.end_date IS NULL OR f.end_date > :day)) AS mismatch
            FROM onreg r JOIN person p ON p.id = r.person_id JOIN office o ON o.id = r.office_id
            LEFT JOIN village v ON v.id = p.village_id)
        SELECT * FROM entries
        WHERE id_number IN (SELECT id_number FROM entries GROUP BY id_number HAVING count(DISTINCT code) > 1)
        ORDER BY id_number, code"""
    with ctx.reading() as session:
        rows = session.execute(text(sql), {"day": day.isoformat()}).all()
    return [RegisteredTwice(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(str(r[5])), bool(r[6])) for r in rows]
