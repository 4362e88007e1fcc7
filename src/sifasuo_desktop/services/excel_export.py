"""Excel out: the blank import templates, the lists (花名册, 未衔接人员, 走访记录, 人民调解台账) and
the problem list of an import.

Lists mask the 公民身份号码 unless an administrator asks for full numbers; every list export is
written to the audit log. Lists share the import templates' sheets and headers, so a list with
full numbers can be imported again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.db.models import (
    MediationCase, MediationFollowup, MediationMediator, MediationParty, Person, Village, Visit,
)
from sifasuo_desktop.domain import idnumber
from sifasuo_desktop.domain.mediation import case_number
from sifasuo_desktop.reports.excel.columns import MEDIATION, ROSTER, VISITS, Column
from sifasuo_desktop.reports.excel.lists import (
    UNCONNECTED, ListTable, render_issues, render_list, roster_columns, visit_columns,
)

__all__ = ["DEFAULT_ROSTER_COLUMNS", "LIST_KINDS", "ListOptions", "export_list", "issues_workbook", "roster_columns",
           "template"]
from sifasuo_desktop.reports.excel.reader import Issue
from sifasuo_desktop.reports.excel.templates import render_template
from sifasuo_desktop.services import audit, office
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.excel_export_roster import roster_rows, unconnected_rows
from sifasuo_desktop.services.person_list import PersonFilters, list_persons

LIST_KINDS = {"roster": "花名册", "unconnected": "未衔接人员名单", "visits": "走访记录", "mediation": "人民调解台账"}
DEFAULT_ROSTER_COLUMNS = tuple(c.key for c in ROSTER.columns)     # the template's columns: importable again
MASKED_NOTE = "本表中的公民身份号码已部分遮蔽，不能用于导入；需要导入时请由管理员导出完整号码。"


@dataclass(frozen=True)
class ListOptions:
    village: str | None = None               # a 村(社区) name; None: every village
    columns: tuple[str, ...] | None = None   # 花名册: column keys in order (``roster_columns()``)
    full_id: bool = False                    # full 公民身份号码 (administrators only)
    include_ended: bool = False              # 花名册: every term, not only those on the register today
    start: date | None = None                # 走访记录 / 人民调解台账: period (inclusive)
    end: date | None = None


def template(ctx: AppContext | None, kind: str) -> bytes:
    """The blank import template ``roster`` / ``visits`` / ``mediation``; with an office database
    its villages become the drop-down of 所属村(社区)."""
    villages = [v.name for v in office.list_villages(ctx)] if ctx and ctx.office_id else []
    return render_template(kind, villages)


def export_list(ctx: AppContext, kind: str, options: ListOptions | None = None) -> bytes:
    """The list ``kind`` (see ``LIST_KINDS``) as .xlsx bytes; audited."""
    options = options or ListOptions()
    if kind not in LIST_KINDS:
        raise UserError(f"未知的名单：{kind}（应为 {'、'.join(LIST_KINDS)}）")
    perm.require(ctx, perm.EXPORT)
    if options.full_id:
        perm.require(ctx, perm.SHOW_FULL_ID)
    info = office.get_office(ctx)
    with ctx.reading() as session:
        village_id = _village_id(session, ctx, options.village)
        columns, rows = _BUILDERS[kind](session, ctx, options, village_id)
    spec = {"roster": ROSTER, "unconnected": UNCONNECTED, "visits": VISITS, "mediation": MEDIATION}[kind]
    scope = f"（{options.village}）" if options.village else ""
    title = f"{info.name if info else ''} {LIST_KINDS[kind]}{scope}　导出日期：{ctx.today().isoformat()}"
    table = ListTable(spec, tuple(columns), [[r.get(c.key) for c in columns] for r in rows], title)
    masked = not options.full_id and any(c.key == "id_number" for c in columns)
    data = render_list(table, [MASKED_NOTE] if masked else [])
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.EXPORT, summary=f"导出{LIST_KINDS[kind]}{scope} {len(rows)} 条"
                     + ("（完整公民身份号码）" if options.full_id else "（公民身份号码已遮蔽）" if masked else ""))
    return data


def issues_workbook(issues: Sequence[Issue], file_name: str = "") -> bytes:
    """The problems of an import as a workbook the user can save and work through."""
    rows = [(i.level, i.sheet, i.row, i.column, i.value, i.reason) for i in issues]
    return render_issues(rows, f"导入问题清单 {file_name}".strip())


def _village_id(session: Session, ctx: AppContext, name: str | None) -> str | None:
    if not name:
        return None
    village_id = session.scalar(select(Village.id).where(Village.office_id == ctx.office_id, Village.name == name,
                                                         Village.deleted_at.is_(None)))
    if village_id is None:
        raise UserError(f"没有名为“{name}”的村(社区)")
    return village_id


def _roster(session: Session, ctx: AppContext, options: ListOptions, village_id: str | None):
    available = {c.key: c for c in roster_columns()}
    unknown = [k for k in options.columns or () if k not in available]
    if unknown:
        raise UserError(f"花名册没有这些列：{'、'.join(unknown)}")
    columns = [available[k] for k in options.columns or DEFAULT_ROSTER_COLUMNS]
    rows = roster_rows(session, ctx.office_id, ctx.today(), village_id=village_id,
                       include_ended=options.include_ended, full_id=options.full_id)
    return columns, rows


def _unconnected(session: Session, ctx: AppContext, options: ListOptions, village_id: str | None):
    person_ids = {r.id for r in list_persons(ctx, PersonFilters(village_id=village_id, state="未衔接"))}
    rows = unconnected_rows(session, ctx.office_id, ctx.today(), village_id=village_id, person_ids=person_ids,
                            full_id=options.full_id)
    return list(UNCONNECTED.columns), rows


def _visits(session: Session, ctx: AppContext, options: ListOptions, village_id: str | None):
    query = (select(Visit.visit_date, Visit.visit_type, Visit.staff, Visit.content, Visit.content_thought,
                    Visit.content_work, Visit.content_life, Visit.content_family, Person.id_number, Person.name,
                    Village.name.label("village"))
             .join(Person, Person.id == Visit.person_id).outerjoin(Village, Village.id == Person.village_id)
             .where(Visit.office_id == ctx.office_id, Visit.deleted_at.is_(None), Person.deleted_at.is_(None))
             .order_by(Visit.visit_date, Person.name_pinyin))
    if village_id:
        query = query.where(Person.village_id == village_id)
    if options.start:
        query = query.where(Visit.visit_date >= options.start)
    if options.end:
        query = query.where(Visit.visit_date <= options.end)
    shown: Callable[[str], str] = (lambda n: n) if options.full_id else idnumber.mask
    rows = [{"id_number": shown(r.id_number), "name": r.name, "village": r.village or "", "visit_date": r.visit_date,
             "visit_type": r.visit_type, "staff": r.staff, "content": visit_text(r)}
            for r in session.execute(query)]
    return list(visit_columns()), rows


def visit_text(r) -> str | None:
    """The one 内容 text of a visit as the template carries it: free text, else the four parts."""
    if r.content:
        return r.content
    parts = [f"{label}：{text}" for label, text in (("思想", r.content_thought), ("工作", r.content_work),
                                                   ("生活", r.content_life), ("家庭", r.content_family)) if text]
    return "；".join(parts) or None


def _mediation(session: Session, ctx: AppContext, options: ListOptions, village_id: str | None):
    query = (select(MediationCase).where(MediationCase.office_id == ctx.office_id, MediationCase.deleted_at.is_(None))
             .order_by(MediationCase.year, MediationCase.seq))
    if options.start:
        query = query.where(MediationCase.acceptance_date >= options.start)
    if options.end:
        query = query.where(MediationCase.acceptance_date <= options.end)
    cases = list(session.scalars(query))
    ids = select(MediationCase.id).where(MediationCase.office_id == ctx.office_id)
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for case_id, role, name in session.execute(
            select(MediationParty.case_id, MediationParty.role, MediationParty.name)
            .where(MediationParty.case_id.in_(ids), MediationParty.deleted_at.is_(None))
            .order_by(MediationParty.sort_order)):
        names[(case_id, role)].append(name)
    for case_id, name in session.execute(select(MediationMediator.case_id, MediationMediator.name)
                                         .where(MediationMediator.case_id.in_(ids))
                                         .order_by(MediationMediator.sort_order)):
        names[(case_id, "调解员")].append(name)
    followups: dict[str, list[date]] = defaultdict(list)
    for case_id, day in session.execute(select(MediationFollowup.case_id, MediationFollowup.followup_date)
                                        .where(MediationFollowup.case_id.in_(ids),
                                               MediationFollowup.deleted_at.is_(None))
                                        .order_by(MediationFollowup.followup_date)):
        followups[case_id].append(day)
    rows = [{
        "number": case_number(c.number_prefix, c.year, c.seq), "acceptance_date": c.acceptance_date,
        "dispute_type": c.dispute_type,
        "source": f"{c.source}({c.referring_organ})" if c.referring_organ else c.source,
        "applicants": names[(c.id, "申请人")], "respondents": names[(c.id, "被申请人")], "summary": c.summary,
        "mediators": names[(c.id, "调解员")], "result": c.result, "concluded_date": c.concluded_date,
        "agreement_form": c.agreement_form, "agreement_amount": c.agreement_amount,
        "performance_status": c.performance_status, "judicial_confirm_date": c.judicial_confirm_date,
        "prevent_criminal": c.prevent_criminal, "prevent_petition": c.prevent_petition,
        "prevent_fight": c.prevent_fight, "prevent_suicide": c.prevent_suicide, "followup_dates": followups[c.id],
    } for c in cases]
    return list(MEDIATION.columns), rows


_BUILDERS: dict[str, Callable[..., tuple[list[Column], list[dict]]]] = {
    "roster": _roster, "unconnected": _unconnected, "visits": _visits, "mediation": _mediation,
}
