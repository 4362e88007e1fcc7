"""The monthly visit plan by village: every person with a visit (走访, 首次家访, 跟踪考察, 矫正走访)
due by the end of the month or already overdue, for the field worker to take along."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from sifasuo_desktop.db.models import HelperMember
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.dates import add_months, chinese_date
from sifasuo_desktop.domain.due import PersonFacts, compute
from sifasuo_desktop.reports.pdf.visit_data import PlanRow, PlanVillage, VisitPlanData
from sifasuo_desktop.reports.pdf.visit_plan import render_visit_plan
from sifasuo_desktop.services import audit, due_facts, office
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.visit_prints import office_name

VISIT_RULES = frozenset(code for code, info in r.RULES.items() if info.is_visit)
HELPER_PREFERENCE = ("村(居)干部", "志愿者", "家属")
NO_VILLAGE = "未填村(社区)"


def _short(day: date | None, year: int) -> str:
    if day is None:
        return ""
    return f"{day.month}月{day.day}日" if day.year == year else chinese_date(day)


def _category(facts: PersonFacts, today: date) -> str:
    if facts.correction is not None:
        return r.value_on(facts.correction.levels, today, r.DEFAULT_LEVEL)
    return r.value_on(facts.aftercare.categories, today, r.DEFAULT_CATEGORY)


def _helpers(ctx: AppContext, person_ids: list[str]) -> dict[str, str]:
    """person -> the 帮教小组 member to contact (village cadre first), as "name phone"."""
    if not person_ids:
        return {}
    query = (select(HelperMember.person_id, HelperMember.role, HelperMember.name, HelperMember.phone)
             .where(HelperMember.person_id.in_(person_ids), HelperMember.deleted_at.is_(None)))
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with ctx.reading() as session:
        for owner, role, name, phone in session.execute(query):
            rank = HELPER_PREFERENCE.index(role) if role in HELPER_PREFERENCE else len(HELPER_PREFERENCE)
            found[owner].append((rank, f"{name} {phone or ''}".strip()))
    return {owner: min(items)[1] for owner, items in found.items()}


def plan_data(ctx: AppContext, month: date, village_id: str | None = None) -> VisitPlanData:
    first = month.replace(day=1)
    last = add_months(first, 1) - timedelta(days=1)
    today, rules = ctx.today(), office.rules(ctx)
    with ctx.reading() as session:
        facts, briefs = due_facts.load(session, ctx.office_id, today)
    due: dict[str, list] = {}
    for person in facts:
        brief = briefs[person.person_id]
        if village_id and brief.village_id != village_id:
            continue
        items = [i for i in compute(person, rules, today) if i.rule in VISIT_RULES and i.state != r.DONE
                 and i.due_date <= last]
        if items:
            due[person.person_id] = [person, sorted(items, key=lambda i: i.due_date)]
    helpers = _helpers(ctx, list(due))
    by_village: dict[str | None, list[tuple[date, PlanRow]]] = defaultdict(list)
    for pid, (person, items) in due.items():
        brief, earliest = briefs[pid], items[0].due_date
        by_village[brief.village_id].append((earliest, PlanRow(
            brief.name, _category(person, today), "、".join(dict.fromkeys(i.label for i in items)),
            _short(earliest, first.year), "逾期" if earliest < today else "本月到期",
            _short(person.last_visit, first.year), brief.address, brief.phone, helpers.get(pid, ""))))
    villages = []
    known = office.list_villages(ctx)
    for village in [*known, None]:
        rows = by_village.get(village.id if village else None)
        if rows:
            rows.sort(key=lambda x: (x[0], x[1].name))
            contact = f"{village.contact_name or ''} {village.contact_phone or ''}".strip() if village else ""
            villages.append(PlanVillage(village.name if village else NO_VILLAGE, contact,
                                        tuple(row for _day, row in rows)))
    return VisitPlanData(office_name(ctx), f"{first.year}年{first.month}月", chinese_date(today),
                         tuple(villages))


def print_visit_plan(ctx: AppContext, month: date | None, village_id: str | None = None) -> bytes:
    """The filled plan of ``month``; ``month`` None gives the blank form."""
    if month is None:
        return render_visit_plan(None, office_name(ctx))
    data = plan_data(ctx, month, village_id)
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.PRINT, table="visit", summary=f"打印{data.month}走访计划",
                     after={"persons": sum(len(v.rows) for v in data.villages)})
    return render_visit_plan(data, data.office_name)
