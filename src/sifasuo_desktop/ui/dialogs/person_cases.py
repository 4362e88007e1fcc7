"""相关调解案件 in the person form: the mediation cases where the person is a party (same
公民身份号码), read-only. Double-click (or 打开案件) opens the case in the 人民调解 tab through the
main window; without that tab the list is only shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.mediation_query import cases_for_person
from sifasuo_desktop.ui.tabs.mediation_model import CaseTableModel


class RelatedCasesPanel(QWidget):
    def __init__(self, ctx: AppContext, person_id: str, open_case: Callable[[str], object] | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.person_id, self.open_case = ctx, person_id, open_case
        self.summary = QLabel()
        self.model = CaseTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(220)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.open_button = QPushButton("打开案件")
        self.open_button.clicked.connect(lambda _checked=False: self.open_selected())
        self.open_button.setVisible(open_case is not None)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        rows = cases_for_person(self.ctx, self.person_id)
        self.model.set_rows(rows)
        if not rows:
            self.summary.setText("该人员不是任何调解案件的当事人（按公民身份号码查找）。")
        else:
            hint = "，双击打开" if self.open_case is not None else ""
            self.summary.setText(f"该人员是以下 {len(rows)} 件调解案件的当事人（按公民身份号码查找{hint}）：")
        self.open_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)

    def open_selected(self) -> None:
        row = self.model.row_at(self.table.currentIndex())
        if row is None or self.open_case is None:
            return
        dialog = self.open_case(row.id)
        if dialog is not None:   # the case may change there: show it as saved when it closes
            dialog.finished.connect(lambda _result: self.reload())
