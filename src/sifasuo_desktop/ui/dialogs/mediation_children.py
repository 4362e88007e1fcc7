"""Pages of the case form whose lists are saved at once: 调查/调解记录 and 履行与回访.

A record or follow-up is its own action (one transaction each), so it needs a saved case: the
host (the case dialog) saves pending changes of the form first (``saved_case``).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.mediation import RESULT_SUCCESS, Case, Followup, Record, followup_due
from sifasuo_desktop.services import mediation_records
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.dialogs.mediation_editors import ItemTable
from sifasuo_desktop.ui.dialogs.mediation_pages import Page, as_date
from sifasuo_desktop.ui.dialogs.mediation_small import FollowupDialog, RecordDialog
from sifasuo_desktop.ui.widgets.form import DateField, FormKit, make_combo


class CaseHost(Protocol):
    ctx: AppContext

    def saved_case(self) -> Case | None: ...
    def case_changed(self, case: Case) -> None: ...
    def print_form(self, form: str, item_id: str | None = None) -> None: ...


def _delete_denied(ctx: AppContext) -> str | None:
    """Why this user may not delete records (``None``: 管理员 may)."""
    return None if perm.can(ctx.user, perm.DELETE_RECORD) else perm.denied_message(perm.DELETE_RECORD)


def _short(text: str | None, length: int = 40) -> str:
    flat = (text or "").replace("\n", " ")
    return flat if len(flat) <= length else flat[:length] + "…"


class _ChildPage(Page):
    """The shared behaviour: open the item's dialog, save it through the service, show the case."""

    def __init__(self, host: CaseHost, parent: QWidget | None = None):
        super().__init__(parent)
        self.host = host
        self.dialog = None
        self.locked = False

    def _run(self, action) -> None:
        try:
            case = action()
        except UserError as err:
            QMessageBox.warning(self, "无法保存", str(err))
            return
        self.host.case_changed(case)

    def _open(self, dialog, save) -> None:
        """Show ``dialog``; on OK save its item with ``save(dialog)`` (a service call)."""
        self.dialog = dialog
        if self.locked:
            dialog.form.setEnabled(False)
            dialog.ok_button.setEnabled(False)
            dialog.ok_button.hide()
        dialog.accepted.connect(lambda: self._run(lambda: save(dialog)))
        dialog.open()

    def _confirm_delete(self, what: str) -> bool:
        return QMessageBox.question(self, "删除", f"删除这条{what}？") == QMessageBox.Yes


class RecordsPage(_ChildPage):
    """调查记录 and 调解记录 of the case."""

    def __init__(self, host: CaseHost, parent: QWidget | None = None):
        super().__init__(host, parent)
        self.list = ItemTable([
            ("类型", lambda r: f"{r.kind}记录"), ("日期", lambda r: r.record_date.isoformat()),
            ("地点", lambda r: r.place or ""), ("参加人", lambda r: r.participants or ""),
            ("记录人", lambda r: r.recorder or ""), ("内容", lambda r: _short(r.text)),
        ])
        self.list.add_button("添加调查记录", lambda: self.add("调查"))
        self.list.add_button("添加调解记录", lambda: self.add("调解"))
        self.list.add_button("修改", self.edit_current)
        self.list.add_button("删除", self.delete_current, denied=_delete_denied(host.ctx))
        self.list.add_button("打印本条记录", self.print_current, edits=False)
        self.list.activated.connect(self.edit_current)
        self.layout_.addWidget(self.list)

    def load(self, case: Case) -> None:
        self.list.set_items(case.records)

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.list.set_read_only(locked)

    def add(self, kind: str) -> None:
        case = self.host.saved_case()
        if case is None:
            return
        record = Record(kind=kind, record_date=self.host.ctx.today(), recorder=case.recorder,
                        participants="、".join(p.name for p in case.parties) if kind == "调解" else None)
        self._edit(case, record)

    def edit_current(self) -> None:
        record = self.list.current()
        case = self.host.saved_case() if record is not None else None
        if case is not None:
            self._edit(case, record)

    def _edit(self, case: Case, record: Record) -> None:
        dialog = RecordDialog(case, record, self.host.ctx.today(), self)
        self._open(dialog, lambda d: mediation_records.save_record(self.host.ctx, case.id, d.record()))

    def delete_current(self) -> None:
        record = self.list.current()
        if record is not None and self._confirm_delete(f"{record.kind}记录"):
            self._run(lambda: mediation_records.delete_record(self.host.ctx, record.id))

    def print_current(self) -> None:
        record = self.list.current()
        if record is not None:
            self.host.print_form("调查记录" if record.kind == "调查" else "调解记录", record.id)


class PerformancePage(_ChildPage):
    """履行与回访: how the agreement was performed, and the follow-up visits."""

    def __init__(self, host: CaseHost, parent: QWidget | None = None):
        super().__init__(host, parent)
        f = self.form = self.add_form(FormKit())
        f.add("performance_status", "履行情况", make_combo(codes.PERFORMANCE_STATUSES))
        f.add("performance_date", "履行日期", DateField())
        group = QGroupBox("回访记录")
        box = QVBoxLayout(group)
        self.due_label = QLabel()
        box.addWidget(self.due_label)
        self.list = ItemTable([
            ("回访日期", lambda f: f.followup_date.isoformat()), ("方式", lambda f: f.method or ""),
            ("回访人", lambda f: f.visitor or ""), ("回访情况", lambda f: _short(f.content)),
            ("结果", lambda f: _short(f.result, 20)),
        ])
        self.list.add_button("添加回访", self.add)
        self.list.add_button("修改", self.edit_current)
        self.list.add_button("删除", self.delete_current, denied=_delete_denied(host.ctx))
        self.list.add_button("打印回访记录", self.print_current, edits=False)
        self.list.activated.connect(self.edit_current)
        box.addWidget(self.list)
        self.layout_.addWidget(group)

    def load(self, case: Case) -> None:
        self.form.set_value("performance_status", case.performance_status)
        self.form.set_value("performance_date", case.performance_date)
        self.list.set_items(case.followups)

    def show_due(self, case: Case, followup_days: int) -> None:
        due = followup_due(case.agreement_date, followup_days) if case.result == RESULT_SUCCESS else None
        if due is None:
            self.due_label.setText("调解成功并达成协议后回访。")
        elif case.followups:
            self.due_label.setText(f"已回访{len(case.followups)}次（应于 {due.isoformat()} 前回访）。")
        else:
            late = "，已超期" if self.host.ctx.today() > due else ""
            self.due_label.setText(f"应于 {due.isoformat()} 前回访{late}。")

    def values(self) -> tuple[dict, dict]:
        v = self.form.values()
        return dict(performance_status=v["performance_status"] or None,
                    performance_date=as_date(v["performance_date"])), {}

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        self.locked = locked
        self.list.set_read_only(locked)

    def add(self) -> None:
        case = self.host.saved_case()
        if case is not None:
            self._edit(case, Followup(followup_date=self.host.ctx.today(), method="上门回访",
                                      visitor=case.mediators[0] if case.mediators else None))

    def edit_current(self) -> None:
        followup = self.list.current()
        case = self.host.saved_case() if followup is not None else None
        if case is not None:
            self._edit(case, followup)

    def _edit(self, case: Case, followup: Followup) -> None:
        dialog = FollowupDialog(case, followup, self.host.ctx.today(), self)
        self._open(dialog, lambda d: mediation_records.save_followup(self.host.ctx, case.id, d.followup()))

    def delete_current(self) -> None:
        followup = self.list.current()
        if followup is not None and self._confirm_delete("回访记录"):
            self._run(lambda: mediation_records.delete_followup(self.host.ctx, followup.id))

    def print_current(self) -> None:
        followup = self.list.current()
        if followup is not None:
            self.host.print_form("回访记录", followup.id)
