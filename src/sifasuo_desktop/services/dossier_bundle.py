"""The dossier bundle of one person: cover, 卷内目录 with page numbers, the registration form(s), the
安置帮教协议书, every visit record and review in date order, and the attachments list (one PDF).

``dossier_bundle(ctx, person_id, progress)`` takes the ``progress(done, total, message)`` callable
of ``ui.tasks.run_with_progress`` (or the CLI's), so the 打印 runs in a worker with a dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from sifasuo_desktop.db.models import Attachment
from sifasuo_desktop.domain.dates import chinese_date
from sifasuo_desktop.reports.pdf import aftercare_agreement, person_forms
from sifasuo_desktop.reports.pdf import dossier_bundle as bundle_pdf
from sifasuo_desktop.reports.pdf.visit_data import AttachmentRow, BundleCover, BundleEntry
from sifasuo_desktop.services import person_print, visit_prints
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_dossier import Dossier, get_dossier
from sifasuo_desktop.services.visit_prints import person_header, person_visits, visit_blocks

STEPS = 4
Progress = Callable[[int, int, str], None]


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


def _cover(dossier: Dossier, today) -> BundleCover:
    p = dossier.person
    population = person_header(dossier, today).population
    term, correction = dossier.current_aftercare, dossier.current_correction
    if population == "社区矫正" and correction is not None:
        title, period = "社区矫正对象档案", f"{chinese_date(correction.start_date)}至{chinese_date(correction.end_date)}"
        opened = correction.start_date
    else:
        title = "安置帮教对象档案"
        period = f"{chinese_date(term.register_start)}至{chinese_date(term.expiry)}" if term else ""
        opened = (term.dossier_date or term.register_start) if term else None
    return BundleCover(p.archive_no or "", p.name, title, p.sex or "", p.id_number, p.village_name or "", period,
                       chinese_date(opened), chinese_date(today))


def _forms(ctx: AppContext, dossier: Dossier, office_name: str, today) -> list:
    documents = []
    term, correction = dossier.current_aftercare, dossier.current_correction
    if term is not None:
        data = person_print.aftercare_data(dossier, today)
        entry = BundleEntry(person_print.AFTERCARE_FORM, chinese_date(term.dossier_date or term.register_start))
        documents.append((entry, person_forms.aftercare_registration(data, office_name).blocks))
    if correction is not None:
        data = person_print.correction_data(dossier, today)
        documents.append((BundleEntry(person_print.CORRECTION_FORM, chinese_date(correction.start_date)),
                          person_forms.correction_info(data, office_name).blocks))
    if term is not None:
        documents.append((BundleEntry("安置帮教协议书", chinese_date(term.agreement_date)),
                          aftercare_agreement.agreement_blocks(visit_prints.agreement_data(ctx, dossier))))
    return documents


def _attachments(ctx: AppContext, dossier: Dossier, visits) -> list[AttachmentRow]:
    rows = [AttachmentRow(a.filename, "档案", a.description or "", chinese_date(a.created_at), _size(a.size))
            for a in dossier.attachments]
    owners = {v.id: v for v in visits}
    if owners:
        query = (select(Attachment.owner_id, Attachment.filename, Attachment.description, Attachment.created_at,
                        Attachment.size)
                 .where(Attachment.owner_table == "visit", Attachment.owner_id.in_(list(owners)),
                        Attachment.deleted_at.is_(None)).order_by(Attachment.created_at))
        with ctx.reading() as session:
            for owner, name, description, created, size in session.execute(query):
                visit = owners[owner]
                belongs_to = f"{chinese_date(visit.visit_date)}{visit.visit_type}记录"
                rows.append(AttachmentRow(name, belongs_to, description or "", chinese_date(created), _size(size)))
    return rows


def dossier_bundle(ctx: AppContext, person_id: str, progress: Progress | None = None) -> bytes:
    step = progress or (lambda _done, _total, _message: None)
    step(0, STEPS, "读取档案")
    today = ctx.today()
    dossier = get_dossier(ctx, person_id)
    office_name = visit_prints.office_name(ctx)
    with ctx.reading() as session:
        visits = person_visits(session, person_id)
    step(1, STEPS, f"整理文书（走访记录{len(visits)}份）")
    documents = _forms(ctx, dossier, office_name, today)
    for visit in visits:
        title = "跟踪考察表" if visit.visit_type == "跟踪考察" else f"谈话（走访）记录（{visit.visit_type}）"
        documents.append((BundleEntry(title, chinese_date(visit.visit_date)),
                          visit_blocks(visit, person_header(dossier, visit.visit_date))))
    pdf = bundle_pdf.render_bundle(_cover(dossier, today), documents, _attachments(ctx, dossier, visits),
                                   office_name, progress=lambda name: step(2 if name == "排版" else 3, STEPS, name))
    visit_prints.audit_print(ctx, "person", person_id, f"打印档案案卷 {dossier.person.name}（{len(documents)}份文书）")
    step(STEPS, STEPS, "完成")
    return pdf


def blank_cover(ctx: AppContext) -> bytes:
    """A blank cover and 卷内目录, to start a paper file by hand."""
    return bundle_pdf.render_blank_cover(visit_prints.office_name(ctx))
