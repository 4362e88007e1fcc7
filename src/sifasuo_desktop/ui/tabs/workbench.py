"""工作台: the first tab. The counts of due work (逾期, 本周到期, 未衔接人员, 30天内期满, and any
group another feature registers in ``services.due.EXTRA_GROUP_PROVIDERS``); each count opens its
list. A double-click records the visit the item asks for (or opens the dossier / the feature's
record); items can be postponed with a reason. The dossier opens through the 一人一档 tab's
``open_person`` (ui.navigation), which refuses while another dossier is being edited.

The counts are computed in a worker thread, so the tab shows at once even for a district-sized
database (scripts/bench_due.py measures both).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.services import due
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.due import WorkGroup, WorkItem
from sifasuo_desktop.ui.dialogs import visit_print
from sifasuo_desktop.ui.dialogs.visit_form import record_visit, refresh_visit_views
from sifasuo_desktop.ui.models.row_table import Column, RowTableModel, make_table, selected_row
from sifasuo_desktop.ui.navigation import opener
from sifasuo_desktop.ui.tasks import BackgroundCall
from sifasuo_desktop.ui.widgets.due_style import days_text, state_brush
from sifasuo_desktop.ui.widgets.list_tools import Action, action_row, bind_find, fill_villages

CARD_STYLE = "QPushButton {font-size: 15px; padding: 8px 14px; min-width: 110px;} " \
             "QPushButton:checked {background: #dbe8f7; border: 2px solid #3a76c4;}"


class WorkbenchTab(QWidget):
    TITLE = "工作台"
    loaded = Signal()

    def __init__(self, ctx: AppContext, window=None):
        super().__init__()
        self.ctx, self.window_ = ctx, window
        self.groups: list[WorkGroup] = []
        self.current_key = due.GROUP_OVERDUE
        self.ready = False
        self._generation = 0
        self.loader: BackgroundCall | None = None
        self.cards: dict[str, QPushButton] = {}
        self.card_row = QHBoxLayout()
        self.card_group = QButtonGroup(self)
        self.card_group.setExclusive(True)
        self.village = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText("按姓名查找 (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status = QLabel()
        today = ctx.today
        self.model = RowTableModel([
            Column("姓名", lambda w: w.name, width=90),
            Column("村(社区)", lambda w: w.village_name, width=100),
            Column("事项", lambda w: w.rule_label, width=120),
            Column("到期日", lambda w: w.due_date, width=90),
            Column("状态", lambda w: w.state_label, width=70),
            Column("天数", lambda w: (w.due_date - today()).days, lambda w: days_text(w.due_date, today()), width=80),
            Column("最近走访", lambda w: w.last_contact, width=90),
            Column("联系电话", lambda w: w.phone, width=110),
            Column("备注", lambda w: w.note, width=200),
        ], self, brush=lambda w: state_brush(w.state))
        self.table = make_table(self.model)
        self.table.activated.connect(lambda _index: self.open_selected())
        self._build_layout()
        self.village.currentIndexChanged.connect(self.apply_filters)
        self.search.textChanged.connect(self.apply_filters)
        bind_find(self, self.search)
        fill_villages(self.village, ctx)
        self.refresh()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(QLabel("村(社区)"))
        filters.addWidget(self.village)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status)
        refresh = QPushButton("刷新")
        refresh.clicked.connect(self.refresh)
        filters.addWidget(refresh)
        actions, self.buttons = action_row(self, [
            Action("visit", "记录走访(&V)", self.record_visit, "为所选事项的人员记录走访"),
            Action("postpone", "延期…", self.postpone), Action("dossier", "打开档案(&O)", self.open_dossier),
            Action("agreement", "打印协议书", self.print_agreement), Action("bundle", "打印档案案卷", self.print_bundle),
            Action("plan", "打印走访计划…", self.print_plan)])
        self.card_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.card_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    # --- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the counts and lists in a worker thread (``loaded`` is emitted when shown)."""
        self._generation += 1
        generation = self._generation
        self.ready = False
        self.status.setText("正在计算…")
        loader = BackgroundCall(lambda: (generation, due.workbench(self.ctx)), QCoreApplication.instance())
        loader.done.connect(self._loaded)
        loader.failed.connect(self._failed)
        loader.finished.connect(loader.deleteLater)
        self.loader = loader
        loader.start()

    def wait_loaded(self) -> None:
        """Block until the counts are shown (tests, benchmark)."""
        while not self.ready:
            if self.loader is not None and self.loader.isRunning():
                self.loader.wait(50)
            QCoreApplication.processEvents()

    def _loaded(self, result) -> None:
        generation, groups = result
        if generation != self._generation:
            return                            # a newer refresh is on its way
        self.groups = groups
        self._show_cards()
        self.show_group(self.current_key if any(g.key == self.current_key for g in groups) else groups[0].key)
        self.status.setText(f"更新于 {datetime.now():%H:%M:%S}")
        self.ready = True
        self.loaded.emit()

    def _failed(self, err: Exception) -> None:
        self.status.setText("计算失败")
        self.ready = True
        QMessageBox.warning(self, "无法计算到期事项", str(err))

    def _show_cards(self) -> None:
        for group in self.groups:
            card = self.cards.get(group.key)
            if card is None:
                card = QPushButton()
                card.setCheckable(True)
                card.setStyleSheet(CARD_STYLE)
                card.clicked.connect(lambda _checked=False, key=group.key: self.show_group(key))
                self.card_group.addButton(card)
                self.card_row.insertWidget(self.card_row.count() - 1, card)   # before the stretch
                self.cards[group.key] = card
            card.setText(f"{group.count}\n{group.label}")

    # --- lists ------------------------------------------------------------------------------
    def group(self, key: str) -> WorkGroup | None:
        return next((g for g in self.groups if g.key == key), None)

    def count(self, key: str) -> int:
        group = self.group(key)
        return group.count if group else 0

    def show_group(self, key: str) -> None:
        self.current_key = key
        self.cards[key].setChecked(True)
        self.model.set_rows(self.group(key).items)
        self.apply_filters()

    def apply_filters(self) -> None:
        village, text = self.village.currentData(), self.search.text().strip()
        if village is None and not text:
            self.model.set_filter(None)
        else:
            self.model.set_filter(lambda w: (village is None or w.village_id == village) and text in w.name)

    def current_item(self) -> WorkItem | None:
        return selected_row(self.table)

    # --- actions ----------------------------------------------------------------------------
    def open_selected(self) -> None:
        """Double-click: the visit the item asks for, else the dossier (or the feature's record)."""
        item = self.current_item()
        if item is None:
            return
        group = self.group(self.current_key)
        if item.subject_table != "person":
            tab = self.window_.tab(group.open_tab) if self.window_ is not None and group.open_tab else None
            if tab is not None and hasattr(tab, "open_record"):
                self.window_.show_tab(group.open_tab)
                tab.open_record(item.subject_id)
            return
        if item.visit_type is None and self._dossier_opener() is not None:
            self.open_dossier()
        else:
            self.record_visit()

    def record_visit(self) -> None:
        item = self.current_item()
        if item is None or item.subject_table != "person":
            return
        if record_visit(self, self.ctx, item.subject_id, item.visit_type or "走访"):
            refresh_visit_views(self.window_, self)

    def postpone(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if not item.postponable:
            QMessageBox.information(self, "不能延期", f"“{item.rule_label}”不能延期。")
            return
        from sifasuo_desktop.ui.dialogs.postpone import PostponeDialog

        if PostponeDialog(self.ctx, item, self).exec():
            self.refresh()

    def _dossier_opener(self):
        return opener(self.window_, "DossierTab", "open_person")

    def open_dossier(self) -> None:
        """The dossier of the selected item's person; the counts follow when its form closes."""
        item, open_person = self.current_item(), self._dossier_opener()
        if item is None or item.subject_table != "person":
            return
        if open_person is None:
            QMessageBox.information(self, "打开档案", "一人一档功能尚未安装。")
            return
        form = open_person(item.subject_id)
        if form is not None:
            form.finished.connect(lambda _result: self.refresh())

    def _person(self) -> str | None:
        item = self.current_item()
        return item.subject_id if item is not None and item.subject_table == "person" else None

    def print_agreement(self) -> None:
        if self._person():
            visit_print.print_agreement(self, self.ctx, self._person())

    def print_bundle(self) -> None:
        if self._person():
            visit_print.print_bundle(self, self.ctx, self._person())

    def print_plan(self) -> None:
        visit_print.PlanDialog(self.ctx, self).exec()
