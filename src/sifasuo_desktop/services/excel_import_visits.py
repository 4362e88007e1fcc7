"""Checking and writing the 走访记录 sheet: each visit belongs to a person of the same file or
of the database; a visit identical to one already stored (or to an earlier row) is skipped."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import Visit
from sifasuo_desktop.domain import codes, idnumber
from sifasuo_desktop.reports.excel.columns import VISITS
from sifasuo_desktop.reports.excel.reader import NOTICE, Issue, Row, SheetRows, display
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.excel_import_existing import Existing, chunks


@dataclass(frozen=True, slots=True)
class VisitRow:
    row: int
    id_number: str
    visit_date: date
    visit_type: str
    staff: str | None
    content: str | None

    @property
    def key(self) -> tuple:
        return self.id_number, self.visit_date, self.visit_type, self.staff or "", self.content or ""


@dataclass(frozen=True)
class PersonsKnown:
    """Whose visits may be imported: persons the file creates or updates, and stored dossiers."""

    in_file: set[str]                      # id numbers of good person rows being imported
    bad_rows: dict[str, list[int]]         # id numbers of person rows with errors -> their rows
    existing: dict[str, Existing]


def _issue(row: Row, key: str, reason: str, level: str = "错误") -> Issue:
    value = row.values.get(key)
    return Issue(VISITS.name, row.number, VISITS.column(key).title, "" if value is None else display(value), reason,
                 level)


def check_visits(sheet: SheetRows, today: date, persons: PersonsKnown, issues: list[Issue],
                 step: Callable[[str], None]) -> tuple[list[VisitRow], set[int]]:
    """Good visit rows (duplicates dropped) and the numbers of the rows with errors."""
    good: list[VisitRow] = []
    bad: set[int] = set()
    normalise = functools.lru_cache(maxsize=None)(idnumber.normalise)   # a person has many visits
    for row in sheet.rows:
        step("检查走访记录")
        v = row.values
        number = normalise(v["id_number"]) if v["id_number"] else ""
        found = _row_problems(row, number, today, persons)
        if found or row.unreadable:
            issues.extend(found)
            bad.add(row.number)
            continue
        good.append(VisitRow(row.number, number, v["visit_date"], v["visit_type"], v["staff"], v["content"]))
    return good, bad


def _row_problems(row: Row, number: str, today: date, persons: PersonsKnown) -> list[Issue]:
    v = row.values
    found = [_issue(row, c.key, f"“{c.title}”必须填写") for c in VISITS.columns
             if c.required and v.get(c.key) is None and c.key not in row.unreadable]
    if v["visit_type"] and v["visit_type"] not in codes.VISIT_TYPES:
        found.append(_issue(row, "visit_type", f"方式应为：{'、'.join(codes.VISIT_TYPES)}"))
    if v["visit_date"] and v["visit_date"] > today:
        found.append(_issue(row, "visit_date", "走访日期不能晚于今天"))
    if number:
        reason = _person_problem(number, persons)
        if reason:
            found.append(_issue(row, "id_number", reason))
    return found


def _person_problem(number: str, persons: PersonsKnown) -> str | None:
    if number in persons.in_file:
        return None
    stored = persons.existing.get(number)
    if stored is not None and not stored.deleted:
        return None
    if stored is not None:
        return f"该人员（{stored.name}）的档案在回收站中，请先恢复"
    if number in persons.bad_rows:
        rows = "、".join(str(r) for r in persons.bad_rows[number])
        return f"该人员在“安置帮教对象”表第{rows}行有错误，走访记录不能导入"
    return idnumber.problem(number) or "本文件“安置帮教对象”表和系统中都没有该公民身份号码的人员"


def drop_duplicates(session: Session, visits: list[VisitRow], existing: dict[str, Existing],
                    issues: list[Issue]) -> list[VisitRow]:
    """Leave out visits already stored for the person, or repeated in the file (with a notice)."""
    ids = {n: e.id for n, e in existing.items() if not e.deleted}
    numbers = {person_id: n for n, person_id in ids.items()}
    stored: set[tuple] = set()
    for part in chunks(sorted({ids[v.id_number] for v in visits if v.id_number in ids})):
        query = select(Visit.person_id, Visit.visit_date, Visit.visit_type, Visit.staff, Visit.content).where(
            Visit.person_id.in_(part), Visit.deleted_at.is_(None))
        stored.update((numbers[r.person_id], r.visit_date, r.visit_type, r.staff or "", r.content or "")
                      for r in session.execute(query))
    seen: dict[tuple, int] = {}
    kept = []
    for visit in visits:
        if visit.key in stored:
            reason = "与系统中已有的走访记录相同，已跳过"
        elif visit.key in seen:
            reason = f"与第{seen[visit.key]}行相同，已跳过"
        else:
            seen[visit.key] = visit.row
            kept.append(visit)
            continue
        issues.append(Issue(VISITS.name, visit.row, "", "", reason, NOTICE))
    return kept


def write_visits(session: Session, ctx: AppContext, visits: Iterable[VisitRow], person_ids: dict[str, str],
                 step: Callable[[str, int], None]) -> int:
    rows = [{"office_id": ctx.office_id, "person_id": person_ids[v.id_number], "visit_date": v.visit_date,
             "visit_type": v.visit_type, "staff": v.staff, "content": v.content} for v in visits]
    for part in chunks(rows, 5000):
        session.execute(insert(Visit.__table__), part)
        step("写入走访记录", len(part))
    return len(rows)
