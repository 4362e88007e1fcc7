"""Putting a saved dossier into the person form, and the derived term dates shown under it."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from sifasuo_desktop.domain import person_state, terms
from sifasuo_desktop.services.person_dossier import Dossier
from sifasuo_desktop.services.person_inputs import AftercareInput, CorrectionInput, PersonInput

if TYPE_CHECKING:
    from sifasuo_desktop.ui.dialogs.person_form import PersonFormDialog


def _put(dialog: PersonFormDialog, obj: object, cls: type, prefix: str = "") -> None:
    for f in fields(cls):
        code = prefix + f.name
        for form in dialog.forms.values():
            if code in form.fields:
                form.set_value(code, getattr(obj, f.name))


def fill_form(dialog: PersonFormDialog, dossier: Dossier) -> tuple[str | None, str | None]:
    """Show the dossier; returns the ids of the terms the form edits (the current ones)."""
    _put(dialog, dossier.person, PersonInput)
    after, corr = dossier.current_aftercare, dossier.current_correction
    if after:
        _put(dialog, after, AftercareInput, "aftercare.")
    if corr:
        _put(dialog, corr, CorrectionInput, "correction.")
    dialog.aftercare_box.setChecked(after is not None)
    dialog.correction_box.setChecked(corr is not None)
    dialog.aftercare_box.setEnabled(after is None)
    dialog.correction_box.setEnabled(corr is None)
    current = after.id if after else None
    dialog.history["category"].set_rows([c for c in dossier.categories if c.term_id == current])
    dialog.history["placement"].set_rows(dossier.placements)
    dialog.history["level"].set_rows([lv for lv in dossier.levels if corr and lv.correction_term_id == corr.id])
    dialog.history["flag"].set_rows(dossier.flags)
    dialog.history["helper"].set_rows(dossier.helpers)
    dialog.history["status_event"].set_rows(dossier.status_events)
    dialog.history["reoffense"].set_rows(dossier.reoffenses)
    earlier = [t for t in dossier.aftercare_terms if t is not after]
    if earlier:
        dialog.earlier_terms.setText("此前的帮教期：" + "；".join(
            f"{t.register_start} 至 {t.end_date}（{t.end_reason}）" for t in earlier))
    ended = after is not None and after.end_date <= dialog.ctx.today()
    dialog.new_term_button.setVisible(ended)
    return current, corr.id if corr else None


def term_summary(dialog: PersonFormDialog) -> str:
    """``列管日期 … 帮教期满 … 状态 …`` from the dates as typed, or a hint while they are incomplete."""
    if not dialog.aftercare_box.isChecked():
        return ""
    values = dialog.values()
    source, release = values.get("aftercare.source"), values.get("aftercare.release_date")
    start = terms.register_start(source or "", release, values.get("aftercare.transfer_in_date"))
    if not release or not start or not source:
        return "填写来源和释放日期后显示帮教期。"
    years = values.get("aftercare.term_years") or dialog.rules.aftercare_years(source)
    window = terms.TermWindow(start, terms.expiry(release, years), values.get("aftercare.removal_date"),
                              values.get("aftercare.removal_reason"))
    today = dialog.ctx.today()
    state = person_state.aftercare_state(person_state.AftercareFacts(
        start, window.end, source, values.get("aftercare.handover_date")), today)
    left = f"，剩余 {window.days_left(today)} 天" if window.on_register(today) else ""
    return (f"列管日期 {start}　帮教期满 {window.expiry}（{years} 年）　"
            f"结束 {window.end}（{window.end_reason}）　今日状态：{state}{left}")
