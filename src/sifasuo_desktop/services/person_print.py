"""Printing a dossier's forms: 安置帮教对象基本情况登记表 and 社区矫正对象基本信息表 (DOMAIN §8).

    forms_for(ctx, person_id) -> list[str]            # the forms that apply, aftercare first
    print_person_form(ctx, person_id, form, target=None) -> PrintResult

The data objects of reports.pdf.person_data are filled from the dossier as of today, the PDF is
written to ``target`` (or a new temporary file), the print is audited, and the result names the
characters no font can print (the user is told; they would print blank).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sifasuo_desktop.core.errors import UserError, ValidationError
from sifasuo_desktop.core.storage import write_atomic
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.dates import chinese_date as _d   # 2026年11月24日, "" without a date
from sifasuo_desktop.reports.pdf import fonts
from sifasuo_desktop.reports.pdf.person_forms import (
    AftercareRegistrationData,
    CorrectionInfoData,
    HelperRow,
    render_aftercare_registration,
    render_correction_info,
)
from sifasuo_desktop.services import audit, office
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_dossier import Dossier, get_dossier

AFTERCARE_FORM = "安置帮教对象基本情况登记表"
CORRECTION_FORM = "社区矫正对象基本信息表"


@dataclass(frozen=True)
class PrintResult:
    path: Path
    form: str
    missing_glyphs: tuple[str, ...]   # characters no registered font has (printed blank)


def _t(value: str | None) -> str:
    return value or ""


def _flag_on(dossier: Dossier, flag: str, day: date) -> str:
    on = any(f.flag == flag and f.start_date <= day and (f.end_date is None or day < f.end_date)
             for f in dossier.flags)
    return "是" if on else "否"


def _basic(dossier: Dossier) -> dict[str, str]:
    p = dossier.person
    return dict(
        name=p.name, former_name=_t(p.former_name), sex=_t(p.sex), birth_date=_d(p.birth_date),
        ethnicity=codes.ETHNICITIES.get(p.ethnicity or "", _t(p.ethnicity)), id_number=p.id_number,
        education=_t(p.education), marital_status=_t(p.marital_status), health=_t(p.health),
        phone=_t(p.phone), household_address=_t(p.household_address), residence_address=_t(p.residence_address),
        work_unit=_t(p.work_unit), family_members=_t(p.family_members), notes=_t(p.notes),
    )


def aftercare_data(dossier: Dossier, today: date) -> AftercareRegistrationData:
    term = dossier.current_aftercare
    if term is None:
        raise ValidationError({"form": f"{dossier.person.name}没有帮教期，不能打印{AFTERCARE_FORM}"})
    own = [c for c in dossier.categories if c.term_id == term.id]
    current = [c for c in own if c.effective_date <= today] or own[:1]
    placements = [p for p in dossier.placements if p.term_id == term.id]
    ended = term.end_date <= today
    key = current[-1] if current and current[-1].category == codes.CATEGORY_KEY else None
    return AftercareRegistrationData(
        **_basic(dossier), archive_no=_t(dossier.person.archive_no), dossier_date=_d(term.dossier_date),
        village=_t(dossier.person.village_name),
        residence_mismatch=_flag_on(dossier, "residence_mismatch", today),
        three_nos=_flag_on(dossier, "three_nos", today),
        charge=_t(term.charge), original_sentence=_t(term.original_sentence), prison=_t(term.prison),
        source=term.source, release_date=_d(term.release_date), register_start=_d(term.register_start),
        expiry=_d(term.expiry), handover_date=_d(term.handover_date), handover_method=_t(term.handover_method),
        category=current[-1].category if current else "", category_reason=_t(key.reason) if key else "",
        agreement_date=_d(term.agreement_date),
        placement="；".join(f"{_d(p.placement_date)} {p.method_name} {_t(p.employer)}".strip() for p in placements)
        or "未安置",
        reoffense="；".join(f"{_d(r.offense_date)} {r.kind} {_t(r.charge)} {_t(r.handling)}".strip()
                           for r in dossier.reoffenses),
        removal=f"{_d(term.end_date)} {term.end_reason}" if ended else "",
        helpers=tuple(HelperRow(h.name, h.role, _t(h.unit), _t(h.phone)) for h in dossier.helpers),
    )


def correction_data(dossier: Dossier, today: date) -> CorrectionInfoData:
    term = dossier.current_correction
    if term is None:
        raise ValidationError({"form": f"{dossier.person.name}没有社区矫正记录，不能打印{CORRECTION_FORM}"})
    p = dossier.person
    prohibition = f"{_d(term.prohibition_start)}至{_d(term.prohibition_end)}" if term.prohibition_start else ""
    report = "，".join(x for x in (_t(term.reception_method), f"{_d(term.report_date)}报到" if term.report_date
                                                                else "") if x)
    return CorrectionInfoData(
        **_basic(dossier), number=_t(p.archive_no), fill_date=_d(today), political_status=_t(p.political_status),
        execution_place=_t(term.execution_place), charge=_t(term.charge), sentence_kind=_t(term.sentence_kind),
        original_sentence=_t(term.original_sentence), decision_organ=_t(term.decision_organ),
        custody_place=_t(term.custody_place), prohibition=_t(term.prohibition), prohibition_period=prohibition,
        additional_penalty=_t(term.additional_penalty), kind=term.kind, term_text=_t(term.term_text),
        term_period=f"{_d(term.start_date)}至{_d(term.end_date)}",
        documents=f"{_d(term.documents_received_date)} {_t(term.documents_kinds)}".strip(),
        reception=report, report_status=_t(term.report_status), crime_facts=_t(term.crime_facts),
        prior_record=_t(p.prior_record), resume=_t(p.resume),
    )


def forms_for(ctx: AppContext, person_id: str) -> list[str]:
    dossier = get_dossier(ctx, person_id)
    return [form for form, term in ((AFTERCARE_FORM, dossier.current_aftercare),
                                     (CORRECTION_FORM, dossier.current_correction)) if term is not None]


def print_person_form(ctx: AppContext, person_id: str, form: str, target: Path | None = None) -> PrintResult:
    """Write the filled form as a PDF and record the print in the audit log."""
    dossier = get_dossier(ctx, person_id)
    info = office.get_office(ctx)
    office_name = info.name if info else ""
    if form == AFTERCARE_FORM:
        data = aftercare_data(dossier, ctx.today())
        pdf = render_aftercare_registration(data, office_name)
    elif form == CORRECTION_FORM:
        data = correction_data(dossier, ctx.today())
        pdf = render_correction_info(data, office_name)
    else:
        raise ValidationError({"form": f"未知的表格“{form}”"})
    path = Path(target) if target else Path(tempfile.mkdtemp(prefix="sifasuo-print-")) / f"{form}-{dossier.person.name}.pdf"
    try:
        write_atomic(path, pdf)  # a full disk raises StorageError and leaves no half-written PDF
    except OSError as err:
        raise UserError(f"无法写入文件 {path}：{err.strerror or err}") from err
    missing = fonts.missing_in(data, office_name)
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.PRINT, table="person", record_id=person_id,
                     summary=f"打印{form} {dossier.person.name}", after={"file": str(path)})
    return PrintResult(path, form, missing)
