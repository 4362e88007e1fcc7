"""走访与到期 in the person form: the person's visits (newest first; double-click edits one) and
every due item of DOMAIN §6 from ``services.due.person_due``, open ones first, coloured as on the
工作台. Read-only here: 新增走访 and 修改 open the visit form, and both lists reload once a visit
is saved (the 走访记录 tab and the 工作台 of the main window too)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.due import DueItem
from sifasuo_desktop.services import due, visits
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.visits import VisitFilter
from sifasuo_desktop.ui.dialogs.visit_form import edit_visit, record_visit, refresh_visit_views
from sifasuo_desktop.ui.models.row_table import Column, RowTableModel, make_table, selected_row
from sifasuo_desktop.ui.navigation import main_window_of
from sifasuo_desktop.ui.tabs.visits import visit_columns
from sifasuo_desktop.ui.widgets.due_style import days_text, state_brush
from sifasuo_desktop.ui.widgets.list_tools import Action, action_row


def _when(item: DueItem, today) -> str:
    if item.state == r.DONE:
        return f"{item.done_date.isoformat()}完成" if item.done_date else ""
    return days_text(item.due_date, today)


def _note(item: DueItem) -> str:
    if item.postponed:
        return f"已延期，原到期日{item.original_due.isoformat()}：{item.postpone_reason or ''}"
    return f"自{item.anchor.isoformat()}起计" if item.anchor and item.state != r.DONE else ""


class PersonVisitsPanel(QWidget):
    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        today = ctx.today
        self.due_model = RowTableModel([
            Column("事项", lambda i: i.label, width=130),
            Column("到期日", lambda i: i.due_date, width=90),
            Column("状态", lambda i: i.state_label, width=70),
            Column("天数/完成", lambda i: (i.due_date - today()).days, lambda i: _when(i, today()), width=110),
            Column("说明", _note, width=300),
        ], self, brush=lambda i: state_brush(i.state))
        self.due_table = make_table(self.due_model)
        self.visit_model = RowTableModel(visit_columns(with_person=False), self)
        self.visit_table = make_table(self.visit_model)
        self.visit_table.activated.connect(lambda _index: self.edit_selected())
        self.due_summary, self.visit_summary = QLabel(), QLabel()
        actions, self.buttons = action_row(self, [
            Action("new", "新增走访…", self.new_visit, "为该人员记录一次走访（方式按最紧迫的到期事项预填）"),
            Action("edit", "修改走访…", self.edit_selected, "修改所选的走访记录（也可双击）")])
        heading = QHBoxLayout()
        heading.addWidget(self.visit_summary, 1)
        heading.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.addWidget(self.due_summary)
        layout.addWidget(self.due_table, 2)
        layout.addLayout(heading)
        layout.addWidget(self.visit_table, 3)
        self.reload()

    def reload(self) -> None:
        items = due.person_due(self.ctx, self.person_id)
        self.due_model.set_rows(items)
        open_items = [i for i in items if i.state != r.DONE]
        overdue = sum(i.state == r.OVERDUE for i in items)
        self.due_summary.setText(f"<b>到期事项</b>　待办 {len(open_items)} 项，其中逾期 {overdue} 项"
                                 if items else "<b>到期事项</b>　该人员当前没有到期事项（不在帮教期或矫正期内）。")
        rows = visits.list_visits(self.ctx, VisitFilter(person_id=self.person_id))
        self.visit_model.set_rows(rows)
        last = f"，最近一次 {rows[0].visit_date.isoformat()}" if rows else ""
        self.visit_summary.setText(f"<b>走访记录</b>　共 {len(rows)} 次{last}（双击修改）")
        self.buttons["edit"].setEnabled(bool(rows))

    def _changed(self) -> None:
        self.reload()
        refresh_visit_views(main_window_of(self))

    def new_visit(self) -> None:
        if record_visit(self, self.ctx, self.person_id):
            self._changed()

    def edit_selected(self) -> None:
        row = selected_row(self.visit_table)
        if row is not None and edit_visit(self, self.ctx, row.id):
            self._changed()
