"""The 社区矫正活动 page of the 走访记录 tab: reports, hours, leave, rewards and punishments."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain.visits import ACTIVITY_KINDS
from sifasuo_desktop.services import correction_activities
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.models.row_table import Column, RowTableModel, filter_combo, make_table, selected_row


class ActivitiesPage(QWidget):
    def __init__(self, ctx: AppContext, tab):
        super().__init__()
        self.ctx, self.tab = ctx, tab
        self.kind = filter_combo("全部类别", [(k, k) for k in ACTIVITY_KINDS])
        self.kind.currentIndexChanged.connect(self.reload)
        self.count = QLabel()
        self.model = RowTableModel([
            Column("日期", lambda a: a.activity_date, width=90),
            Column("姓名", lambda a: a.person_name, width=80),
            Column("村(社区)", lambda a: a.village_name, width=100),
            Column("类别", lambda a: a.kind, width=100),
            Column("时长(小时)", lambda a: a.hours, width=80, align_right=True),
            Column("请假截止", lambda a: a.end_date, width=90),
            Column("经办人", lambda a: a.staff, width=80),
            Column("内容", lambda a: a.content, width=300),
        ], self)
        self.table = make_table(self.model)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.count)
        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("new", "登记活动…", self.new_activity), ("delete", "删除", self.delete_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def reload(self) -> None:
        rows = correction_activities.list_activities(self.ctx, kind=self.kind.currentData())
        self.model.set_rows(rows)
        self.count.setText(f"共 {len(rows)} 条")

    def new_activity(self, person_id: str | None = None) -> None:
        from sifasuo_desktop.ui.dialogs.correction_activity import ActivityDialog

        if ActivityDialog(self.ctx, self, person_id=person_id).exec():
            self.tab.changed()

    def delete_selected(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        if QMessageBox.question(self, "删除", f"删除{row.person_name} {row.activity_date.isoformat()}的{row.kind}记录？") \
                != QMessageBox.Yes:
            return
        try:
            correction_activities.delete_activity(self.ctx, row.id)
        except UserError as err:
            QMessageBox.warning(self, "无法删除", str(err))
        self.tab.changed()
