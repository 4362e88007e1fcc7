"""人民调解 tab: the case list with filters and search, the case form, the 登记簿 and blank forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.mediation import STATE_NEAR, STATE_PAST, STATES
from sifasuo_desktop.services import mediation, mediation_print
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.mediation_query import CaseFilter, list_cases, mediator_names
from sifasuo_desktop.ui.dialogs.mediation_case import MediationCaseDialog
from sifasuo_desktop.ui.dialogs.mediation_register import RegisterDialog
from sifasuo_desktop.ui.tabs.lazy import LoadsWhenCurrent
from sifasuo_desktop.ui.tabs.mediation_model import CaseTableModel
from sifasuo_desktop.ui.widgets.form import DateField, make_combo
from sifasuo_desktop.ui.widgets.pdf_output import show_pdf

WIDTHS = [150, 90, 100, 90, 120, 120, 120, 60, 90, 90]


class MediationTab(LoadsWhenCurrent, QWidget):
    TITLE = "人民调解"

    def __init__(self, ctx: AppContext, window=None):
        super().__init__()
        self.ctx, self.window_ = ctx, window
        self.case_dialog: MediationCaseDialog | None = None
        self.register_dialog: RegisterDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_bar())
        layout.addLayout(self._action_bar())
        self.model = CaseTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate(WIDTHS):      # fixed widths: fitting 20,000 rows took seconds
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        shortcut = QShortcut(QKeySequence.Find, self)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.refresh()

    # --- layout ---------------------------------------------------------------------------
    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("当事人姓名、拼音首字母、身份证号或编号（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.start, self.end = DateField(), DateField()
        self.dispute_type = make_combo(codes.DISPUTE_TYPES)
        self.source = make_combo(codes.CASE_SOURCES)
        self.result = make_combo(codes.MEDIATION_RESULTS)
        self.mediator = make_combo([])
        self.state = make_combo(STATES)
        self.deleted = QCheckBox("回收站")
        for text, widget in (("", self.search), ("受理日期", self.start), ("至", self.end), ("类型", self.dispute_type),
                             ("来源", self.source), ("结果", self.result), ("调解员", self.mediator),
                             ("状态", self.state), ("", self.deleted)):
            if text:
                bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addStretch(1)
        self.search.textChanged.connect(self.refresh)
        for field in (self.start, self.end):
            field.textChanged.connect(self.refresh)
        for combo in (self.dispute_type, self.source, self.result, self.mediator, self.state):
            combo.currentTextChanged.connect(self.refresh)
        self.deleted.toggled.connect(self.refresh)
        return bar

    def _action_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, slot in (("新建案件", lambda: self.open_case(None)), ("打开", self.open_selected),
                           ("删除", self.delete_selected), ("恢复", self.restore_selected),
                           ("案件登记簿", self.show_register)):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[text] = button
        for text, permission in (("删除", perm.DELETE_RECORD), ("恢复", perm.RESTORE_DELETED)):
            if not perm.can(self.ctx.user, permission):
                self.buttons[text].setEnabled(False)
                self.buttons[text].setToolTip(perm.denied_message(permission))
        bar.addStretch(1)
        return bar

    def install_actions(self, window) -> None:
        window.add_action("打印", "人民调解案件登记簿…", self.show_register, separator=True)
        blanks = window.menus["打印"].addMenu("空白人民调解文书")
        for form in mediation_print.BLANK_FORMS:
            blanks.addAction(form, lambda f=form: self.print_blank(f))

    # --- data -----------------------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        def day(field: DateField):
            try:
                return field.value()
            except ValueError:
                return None

        return CaseFilter(start=day(self.start), end=day(self.end), dispute_type=self.dispute_type.currentText(),
                          source=self.source.currentText(), result=self.result.currentText(),
                          mediator=self.mediator.currentText(), state=self.state.currentText(),
                          search=self.search.text(), deleted=self.deleted.isChecked())

    def load(self) -> None:
        names = mediator_names(self.ctx)
        current = self.mediator.currentText()
        if [self.mediator.itemText(i) for i in range(1, self.mediator.count())] != names:
            self.mediator.blockSignals(True)
            self.mediator.clear()
            self.mediator.addItems(["", *names])
            self.mediator.setCurrentText(current)
            self.mediator.blockSignals(False)
        rows = list_cases(self.ctx, self.current_filter())
        self.model.set_rows(rows)
        near = sum(1 for r in rows if r.state == STATE_NEAR)
        past = sum(1 for r in rows if r.state == STATE_PAST)
        self.summary.setText(f"共 {len(rows)} 件；临近期限 {near} 件，已超期 {past} 件。")
        in_bin = self.deleted.isChecked()
        self.buttons["恢复"].setVisible(in_bin)
        for text in ("新建案件", "打开", "删除"):
            self.buttons[text].setVisible(not in_bin)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index) if index.isValid() else None
        return row.id if row else None

    # --- actions --------------------------------------------------------------------------
    def open_case(self, case_id: str | None) -> MediationCaseDialog:
        self.case_dialog = MediationCaseDialog(self.ctx, case_id, self)
        self.case_dialog.saved.connect(self.refresh)
        self.case_dialog.open()
        return self.case_dialog

    def open_record(self, case_id: str) -> MediationCaseDialog | None:
        """Open a case from elsewhere (the 工作台, a dossier); None while a case form is still open
        (the user is told: two forms of one case would overwrite each other)."""
        current = self.case_dialog
        if current is not None and current.isVisible():
            same = current.case.id == case_id
            QMessageBox.information(self, "案件已打开", "该案件已经打开。" if same else
                                    "正在编辑另一件案件，请先保存或关闭它，再打开这件案件。")
            return None
        return self.open_case(case_id)

    def open_selected(self) -> None:
        case_id = self.selected_id()
        if case_id and not self.deleted.isChecked():
            self.open_case(case_id)

    def delete_selected(self) -> None:
        case_id = self.selected_id()
        if not case_id:
            return
        case = mediation.get_case(self.ctx, case_id)
        if QMessageBox.question(self, "删除案件", f"将 {case.number} 移入回收站？") != QMessageBox.Yes:
            return
        try:
            mediation.delete_case(self.ctx, case_id)
        except UserError as err:
            QMessageBox.warning(self, "无法删除", str(err))
        self.refresh()

    def restore_selected(self) -> None:
        case_id = self.selected_id()
        if not case_id:
            return
        try:
            mediation.restore_case(self.ctx, case_id)
        except UserError as err:
            QMessageBox.warning(self, "无法恢复", str(err))
        self.refresh()

    def show_register(self) -> RegisterDialog:
        self.register_dialog = RegisterDialog(self.ctx, self)
        self.register_dialog.open()
        return self.register_dialog

    def print_blank(self, form: str) -> None:
        show_pdf(self, mediation_print.render_blank(self.ctx, form), f"空白{form}")
