"""Printing the visit forms: 谈话（走访）记录, 跟踪考察表, 安置帮教协议书 (filled or blank), and the
editable agreement boilerplate. Every print of a person's data is audited.

The monthly visit plan is in ``visit_plan``, the dossier bundle in ``dossier_bundle``.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.core import paths
from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.db.models import Setting, Visit
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.dates import chinese_date
from sifasuo_desktop.reports.pdf import aftercare_agreement, visit_forms
from sifasuo_desktop.reports.pdf.visit_data import (
    AgreementData,
    AgreementSection,
    Party,
    PersonHeader,
    ReviewData,
    VisitRecordData,
)
from sifasuo_desktop.services import audit, office
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_dossier import Dossier, get_dossier
from sifasuo_desktop.services.visits import live_visit

AGREEMENT_FILE = ("forms", "aftercare_agreement.txt")
AGREEMENT_SETTING = "form.aftercare_agreement"          # the office's own text, when edited
PARTY_ROLES = ("甲方（司法所）", "乙方（村(居)帮教人员）", "丙方（家属）", "丁方（帮教对象）")
VILLAGE_ROLES = ("村(居)干部", "志愿者")
FAMILY_ROLE = "家属"
SECTIONS = (("content_thought", "思想情况"), ("content_work", "工作(就业)情况"), ("content_life", "生活情况"),
            ("content_family", "家庭情况"), ("problems", "发现的问题"), ("help_given", "帮教措施"),
            ("next_step", "下一步工作"))
CONDUCT = (("思想", "review_conduct_thought"), ("遵纪守法", "review_conduct_law"),
           ("就业收入", "review_conduct_work"), ("家庭", "review_conduct_family"),
           ("社会交往", "review_conduct_social"))
BLANK_FORMS = ("谈话（走访）记录", "跟踪考察表", "安置帮教协议书")


def office_name(ctx: AppContext) -> str:
    info = office.get_office(ctx)
    return info.name if info else ""


# --- the person a record is about -----------------------------------------------------------

def person_header(dossier: Dossier, day: date) -> PersonHeader:
    """Name, sex, ID, address, and the population and category/level in force on ``day``."""
    p = dossier.person
    correction = next((t for t in reversed(dossier.correction_terms) if t.start_date and t.start_date <= day
                       and (t.actual_end_date is None or day < t.actual_end_date)), None)
    if correction is not None:
        levels = [(lv.effective_date, lv.level) for lv in dossier.levels if lv.correction_term_id == correction.id]
        population, category = codes.POPULATION_CORRECTION, r.value_on(levels, day, r.DEFAULT_LEVEL)
    else:
        term = next((t for t in reversed(dossier.aftercare_terms) if t.register_start and t.register_start <= day),
                    dossier.current_aftercare)
        own = [(c.effective_date, c.category) for c in dossier.categories if term and c.term_id == term.id]
        population = codes.POPULATION_AFTERCARE if term else ""
        category = r.value_on(own, day, r.DEFAULT_CATEGORY) if term else ""
    return PersonHeader(p.name, p.sex or "", chinese_date(p.birth_date), p.id_number, p.village_name or "",
                        p.residence_address or p.household_address or "", population, category)


def record_data(visit: Visit, header: PersonHeader) -> VisitRecordData:
    sections = tuple((label, getattr(visit, attr)) for attr, label in SECTIONS if getattr(visit, attr))
    return VisitRecordData(header, chinese_date(visit.visit_date), visit.visit_type, visit.place or "",
                           visit.staff or "", visit.recorder or "", visit.participants or "", sections,
                           visit.content or "")


def review_data(visit: Visit, header: PersonHeader) -> ReviewData:
    start, end = visit.review_period_start, visit.review_period_end
    period = f"{chinese_date(start)}至{chinese_date(end)}" if start or end else ""
    return ReviewData(header, chinese_date(visit.visit_date), period, visit.review_method or "",
                      tuple((label, getattr(visit, attr) or "") for label, attr in CONDUCT),
                      visit.problems or "", visit.review_measures or visit.help_given or "",
                      visit.review_group_opinion or "", visit.reviewer or visit.staff or "",
                      visit.review_office_opinion or "")


def visit_blocks(visit: Visit, header: PersonHeader) -> list:
    """The printed form of one visit: a 跟踪考察表 for a review, else a 谈话（走访）记录."""
    if visit.visit_type == codes.VISIT_TYPE_REVIEW:
        return visit_forms.review_blocks(review_data(visit, header))
    return visit_forms.visit_record_blocks(record_data(visit, header))


def print_visit(ctx: AppContext, visit_id: str) -> bytes:
    """The 谈话（走访）记录 (or 跟踪考察表) of one visit, filled."""
    with ctx.reading() as session:
        visit = live_visit(session, ctx, visit_id)
        session.expunge(visit)
    header = person_header(get_dossier(ctx, visit.person_id), visit.visit_date)
    if visit.visit_type == codes.VISIT_TYPE_REVIEW:
        pdf = visit_forms.render_review(review_data(visit, header), office_name(ctx))
    else:
        pdf = visit_forms.render_visit_record(record_data(visit, header), office_name(ctx))
    audit_print(ctx, "visit", visit_id, f"打印{visit.visit_type}记录 {header.name} {visit.visit_date}")
    return pdf


def print_blank(ctx: AppContext, form: str) -> bytes:
    name = office_name(ctx)
    if form == BLANK_FORMS[0]:
        return visit_forms.render_visit_record(None, name)
    if form == BLANK_FORMS[1]:
        return visit_forms.render_review(None, name)
    if form == BLANK_FORMS[2]:
        preamble, sections = parse_agreement_text(agreement_text(ctx))
        return aftercare_agreement.render_agreement(AgreementData(name, (), sections, preamble=preamble,
                                                                  copies_extra=_copies_extra(ctx)))
    raise ValidationError({"form": f"未知的表格“{form}”"})


def audit_print(ctx: AppContext, table: str, record_id: str | None, summary: str) -> None:
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.PRINT, table=table, record_id=record_id, summary=summary)


# --- 安置帮教协议书 ---------------------------------------------------------------------------

def agreement_text(ctx: AppContext) -> str:
    """The office's own agreement text when it has edited one, else the bundled default."""
    with ctx.reading() as session:
        row = session.get(Setting, (ctx.office_id, AGREEMENT_SETTING)) if ctx.office_id else None
        if row is not None:
            return json.loads(row.value)
    return paths.resource_path(*AGREEMENT_FILE).read_text(encoding="utf-8")


def save_agreement_text(ctx: AppContext, text: str | None) -> None:
    """Store the office's agreement text (``None`` or blank: back to the default); audited."""
    ctx.require_admin("修改协议书条款")
    if text and text.strip():
        _preamble, sections = parse_agreement_text(text)
        if not sections or not any(s.clauses for s in sections):
            raise ValidationError({"text": "条款中至少要有一个以【】括起的标题和它下面的一条条款"})
    new = text.strip() + "\n" if text and text.strip() else None
    with ctx.transaction() as session:
        row = session.get(Setting, (ctx.office_id, AGREEMENT_SETTING))
        before = json.loads(row.value) if row else None
        if new is not None:
            if row is None:
                row = Setting(office_id=ctx.office_id, key=AGREEMENT_SETTING, value="")
                session.add(row)
            row.value = json.dumps(new, ensure_ascii=False)   # the settings table holds JSON values
        elif row is not None:
            session.delete(row)
        audit.record(session, ctx, audit.UPDATE, table="setting", summary="安置帮教协议书条款",
                     before={"text": before}, after={"text": new})


def parse_agreement_text(text: str) -> tuple[str, tuple[AgreementSection, ...]]:
    """``【标题】`` lines open a section, the lines below are its clauses; ``#`` lines are notes;
    lines before the first heading are the preamble."""
    preamble: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("【") and line.endswith("】"):
            sections.append((line[1:-1].strip(), []))
        elif sections:
            sections[-1][1].append(line)
        else:
            preamble.append(line)
    return "".join(preamble), tuple(AgreementSection(h, tuple(c)) for h, c in sections)


def _copies_extra(ctx: AppContext) -> int:
    return office.app_settings(ctx).agreement_copies_extra


def agreement_data(ctx: AppContext, dossier: Dossier) -> AgreementData:
    term = dossier.current_aftercare
    if term is None:
        raise ValidationError({"form": f"{dossier.person.name}没有帮教期，不能打印安置帮教协议书"})
    info = office.get_office(ctx)
    p = dossier.person
    village = [h for h in dossier.helpers if h.role in VILLAGE_ROLES]
    family = [h for h in dossier.helpers if h.role == FAMILY_ROLE]
    parties = (
        Party(PARTY_ROLES[0], info.name, info.head_name or "", info.phone or ""),
        Party(PARTY_ROLES[1], "、".join(h.name for h in village), p.village_name or "",
              "、".join(h.phone for h in village if h.phone)),
        Party(PARTY_ROLES[2], "、".join(h.name for h in family), "、".join(h.unit for h in family if h.unit),
              "、".join(h.phone for h in family if h.phone)),
        Party(PARTY_ROLES[3], p.name, p.id_number, p.phone or ""),
    )
    preamble, sections = parse_agreement_text(agreement_text(ctx))
    return AgreementData(info.name, parties, sections,
                         term_text=f"自{chinese_date(term.register_start)}起至{chinese_date(term.expiry)}止",
                         category=term.category or "", copies_extra=_copies_extra(ctx),
                         number=p.archive_no or "", preamble=preamble)


def print_agreement(ctx: AppContext, person_id: str) -> bytes:
    dossier = get_dossier(ctx, person_id)
    pdf = aftercare_agreement.render_agreement(agreement_data(ctx, dossier))
    audit_print(ctx, "person", person_id, f"打印安置帮教协议书 {dossier.person.name}")
    return pdf


def person_visits(session: Session, person_id: str) -> list[Visit]:
    """A person's visits in date order (detached, for printing)."""
    rows = list(session.scalars(select(Visit).where(Visit.person_id == person_id, Visit.deleted_at.is_(None))
                                .order_by(Visit.visit_date, Visit.created_at)))
    for row in rows:
        session.expunge(row)
    return rows
