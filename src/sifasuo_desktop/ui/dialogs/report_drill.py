"""The persons (or mediation cases) behind one cell of a statistics table.

Double-clicking a person opens the dossier when the main window has one to open
(``DossierTab.open_person``); a case likewise opens in ``MediationTab.open_record``
(``ui.navigation.opener`` builds ``on_open``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from sifasuo_desktop.ui.models.report_tables import ID_ROLE, ListColumn, ListModel


def _day(value) -> str:
    return value.isoformat() if value else ""


PERSON_COLUMNS = [
    ListColumn("姓名", lambda p: p.name),
    ListColumn("公民身份号码", lambda p: p.id_number),
    ListColumn("性别", lambda p: p.sex),
    ListColumn("村(社区)", lambda p: p.village),
    ListColumn("帮教类别", lambda p: p.category),
    ListColumn("列管日期", lambda p: _day(p.register_start)),
    ListColumn("期满/解除日期", lambda p: _day(p.end)),
    ListColumn("说明", lambda p: p.detail),
]

CASE_COLUMNS = [
    ListColumn("编号", lambda c: c.number),
    ListColumn("受理日期", lambda c: _day(c.acceptance_date)),
    ListColumn("纠纷类型", lambda c: c.dispute_type),
    ListColumn("案件来源", lambda c: c.source),
    ListColumn("调解结果", lambda c: c.result),
    ListColumn("结案日期", lambda c: _day(c.concluded_date)),
    ListColumn("当事人", lambda c: c.parties),
    ListColumn("说明", lambda c: c.detail or c.summary),
]


class DrillDialog(QDialog):
    def __init__(self, title: str, rows: Sequence, *, cases: bool, on_open: Callable[[str], object] | None,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 480)
        self.on_open = on_open
        unit = "件" if cases else "人"
        self.summary = QLabel(f"{title}：共 {len(rows)} {unit}" + ("（双击打开）" if on_open else ""))
        self.model = ListModel(CASE_COLUMNS if cases else PERSON_COLUMNS,
                               (lambda c: c.case_id) if cases else (lambda p: p.person_id), self)
        self.model.set_rows(rows)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(buttons)

    def _open(self, index: QModelIndex) -> None:
        if self.on_open is not None:
            self.on_open(index.data(ID_ROLE))
            self.accept()
