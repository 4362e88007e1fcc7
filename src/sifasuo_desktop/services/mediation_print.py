"""Printing 人民调解 forms: the case's documents, the whole 卷宗, blank forms and the 登记簿.

Each function renders the PDF bytes from the stored case and records the print in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain.mediation import FORM_WRITTEN, RESULT_SUCCESS, Case
from sifasuo_desktop.reports.pdf import fonts
from sifasuo_desktop.reports.pdf import mediation_agreement as agreement
from sifasuo_desktop.reports.pdf import mediation_file as file_forms
from sifasuo_desktop.reports.pdf import mediation_forms as forms
from sifasuo_desktop.reports.pdf.grid import Document, PageBreak, render
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.mediation import case_row, load_case
from sifasuo_desktop.services.mediation_query import register_rows
from sifasuo_desktop.services.office import app_settings, get_office

APPLICATION, REGISTRATION, RIGHTS = "人民调解申请书", "人民调解受理登记表", "当事人权利义务告知书"
INVESTIGATION, MEDIATION, AGREEMENT, FOLLOWUP = "调查记录", "调解记录", "人民调解协议书", "回访记录"
COVER, CONTENTS, BACK_COVER, REGISTER = "卷宗封面", "卷内目录", "卷内备考表", "人民调解案件登记簿"
WHOLE_FILE = "整卷"

CASE_FORMS = [APPLICATION, REGISTRATION, RIGHTS, INVESTIGATION, MEDIATION, AGREEMENT, FOLLOWUP,
              COVER, CONTENTS, BACK_COVER]
BLANK_FORMS = [*CASE_FORMS, REGISTER]
_RECORD_KIND = {INVESTIGATION: "调查", MEDIATION: "调解"}

_SIMPLE: dict[str, Callable[[Case | None, forms.Committee], bytes]] = {
    APPLICATION: forms.render_application,
    REGISTRATION: forms.render_registration,
    RIGHTS: forms.render_rights,
    AGREEMENT: agreement.render_agreement,
    COVER: file_forms.render_cover,
    CONTENTS: file_forms.render_contents,
    BACK_COVER: file_forms.render_back_cover,
}


def committee(ctx: AppContext) -> forms.Committee:
    info = get_office(ctx)
    office_name = info.name if info else ""
    name = (info.committee_name if info else "") or office_name.removesuffix("司法所") + "人民调解委员会"
    return forms.Committee(office_name, name, app_settings(ctx).agreement_copies_extra)


def _items(case: Case, form: str, item_id: str | None) -> list:
    items = list(case.followups) if form == FOLLOWUP else list(case.records_of(_RECORD_KIND[form]))
    if item_id:
        items = [i for i in items if i.id == item_id]
    if not items:
        raise UserError(f"本案没有{form}")
    return items


def _several(case: Case, form: str, items: list, who: forms.Committee) -> bytes:
    """One or more records or follow-ups of the case, each on its own pages."""
    blocks: list = []
    for item in items:
        if blocks:
            blocks.append(PageBreak())
        if form == FOLLOWUP:
            blocks += forms.followup_blocks(case, item, who)
        else:
            blocks += forms.record_blocks(case, item, _RECORD_KIND[form], who)
    return render(Document(blocks=blocks, header=who.office_name, title=form))


def _case_pdf(case: Case, form: str, item_id: str | None, who: forms.Committee) -> bytes:
    if form == WHOLE_FILE:
        return file_forms.render_whole_file(case, who)
    if form in (INVESTIGATION, MEDIATION, FOLLOWUP):
        return _several(case, form, _items(case, form, item_id), who)
    if form == AGREEMENT and not (case.result == RESULT_SUCCESS and case.agreement_form == FORM_WRITTEN):
        raise UserError("本案没有书面调解协议（调解成功并选择“书面”协议后才能打印协议书）")
    if form not in _SIMPLE:
        raise UserError(f"未知的文书：{form}")
    return _SIMPLE[form](case, who)


def render_case_form(ctx: AppContext, case_id: str, form: str, item_id: str | None = None) -> bytes:
    """A form of a stored case (``item_id``: one record or follow-up; else all of them)."""
    who = committee(ctx)
    with ctx.transaction() as session:
        case = load_case(session, case_row(session, ctx, case_id))
        data = _case_pdf(case, form, item_id, who)
        audit.record(session, ctx, audit.PRINT, table="mediation_case", record_id=case_id,
                     summary=f"打印{'卷宗（整卷）' if form == WHOLE_FILE else form} {case.number}")
    return data


def unprintable(ctx: AppContext, case_id: str) -> tuple[str, ...]:
    """Characters of the case (names, addresses, texts) and of the committee that no font has:
    they print blank, so the user is told to write them in by hand."""
    with ctx.reading() as session:
        case = load_case(session, case_row(session, ctx, case_id))
    return fonts.missing_in(case, committee(ctx))


def render_blank(ctx: AppContext, form: str) -> bytes:
    """A blank form to fill in by hand."""
    who = committee(ctx)
    if form in _RECORD_KIND:
        data = forms.render_record(None, None, _RECORD_KIND[form], who)
    elif form == FOLLOWUP:
        data = forms.render_followup(None, None, who)
    elif form == REGISTER:
        data = file_forms.render_register([], who, None, None)
    elif form in _SIMPLE:
        data = _SIMPLE[form](None, who)
    else:
        raise UserError(f"未知的文书：{form}")
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.PRINT, summary=f"打印空白{form}")
    return data


def render_register(ctx: AppContext, start: date, end: date) -> bytes:
    """人民调解案件登记簿 of the cases accepted in [start, end]."""
    rows = register_rows(ctx, start, end)
    data = file_forms.render_register(rows, committee(ctx), start, end)
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.PRINT, summary=f"打印人民调解案件登记簿 {start}至{end}（{len(rows)}件）")
    return data
