"""走访记录 tab: every visit with filters (period, village, type, staff) and search; add, edit,
delete, 集中教育 sessions; and a second page with the 社区矫正 activities."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain import codes
from sifasuo_desktop.services import visits
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.visits import VisitFilter, VisitRow
from sifasuo_desktop.ui.dialogs import visit_print
from sifasuo_desktop.ui.dialogs.visit_form import edit_visit, record_visit, refresh_visit_views
from sifasuo_desktop.ui.models.row_table import Column, RowTableModel, filter_combo, make_table, selected_row
from sifasuo_desktop.ui.tabs.correction_activities import ActivitiesPage
from sifasuo_desktop.ui.tabs.lazy import LoadsWhenCurrent
from sifasuo_desktop.ui.widgets.form import DateField
from sifasuo_desktop.ui.widgets.list_tools import Action, action_row, bind_find, fill_villages

LIMIT = 2000
SEARCH_DELAY_MS = 250


def visit_columns(with_person: bool) -> list[Column]:
    """The columns of a list of ``VisitRow`` (also a dossier's own visits, without the person)."""
    person = [Column("姓名", lambda v: v.person_name, width=80),
              Column("村(社区)", lambda v: v.village_name, width=100)] if with_person else []
    return [Column("日期", lambda v: v.visit_date, width=90), *person,
            Column("方式", lambda v: v.visit_type, width=70),
            Column("走访人", lambda v: v.staff, width=90),
            Column("地点", lambda v: v.place, width=120),
            Column("内容摘要", lambda v: v.summary, width=300)]


class VisitsPage(QWidget):
    """The list of visits with its filters and actions."""

    def __init__(self, ctx: AppContext, tab: "VisitsTab"):
        super().__init__()
        self.ctx, self.tab = ctx, tab
        self.start, self.end = DateField(), DateField()
        self.village = filter_combo("全部村(社区)", [])
        self.visit_type = filter_combo("全部方式", [(t, t) for t in codes.VISIT_TYPES])
        self.staff = QLineEdit()
        self.staff.setPlaceholderText("走访人")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：姓名、拼音首字母、身份证号码、地点、内容 (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.model = RowTableModel(visit_columns(with_person=True), self)
        self.table = make_table(self.model)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.reload)
        for edit in (self.start, self.end, self.staff, self.search):
            edit.textChanged.connect(self.timer.start)
        for box in (self.village, self.visit_type):
            box.currentIndexChanged.connect(self.reload)
        bind_find(self, self.search)
        QShortcut(QKeySequence.Delete, self.table, context=Qt.WidgetShortcut).activated.connect(self.delete_selected)
        self._build_layout()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for label, widget in (("日期", self.start), ("至", self.end)):
            filters.addWidget(QLabel(label))
            widget.setMaximumWidth(100)
            filters.addWidget(widget)
        for widget in (self.village, self.visit_type, self.staff):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count)
        actions, self.buttons = action_row(self, [
            Action("new", "新增走访(&N)", self.new_visit), Action("batch", "集中教育…", self.new_batch),
            Action("edit", "修改(&E)", self.edit_selected), Action("delete", "删除", self.delete_selected),
            Action("print", "打印记录(&P)", self.print_selected), Action("bundle", "打印档案案卷", self.print_bundle)])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def filters(self) -> VisitFilter:
        def day(field: DateField):
            try:
                return field.value()
            except ValueError:
                return None
        return VisitFilter(start=day(self.start), end=day(self.end), village_id=self.village.currentData(),
                           visit_type=self.visit_type.currentData(), staff=self.staff.text().strip() or None,
                           text=self.search.text().strip() or None)

    def reload(self) -> None:
        self.timer.stop()
        current = self.selected()
        rows = visits.list_visits(self.ctx, self.filters(), limit=LIMIT)
        self.model.set_rows(rows)
        more = f"（只显示最近{LIMIT}条，请缩小范围）" if len(rows) >= LIMIT else ""
        self.count.setText(f"共 {len(rows)} 条{more}")
        if current is not None:
            self.select(current.id)

    def selected(self) -> VisitRow | None:
        return selected_row(self.table)

    def select(self, visit_id: str) -> None:
        for number, row in enumerate(self.model.rows):
            if row.id == visit_id:
                self.table.selectRow(number)
                return

    def new_visit(self, person_id: str | None = None, visit_type: str | None = None) -> str | None:
        visit_id = record_visit(self, self.ctx, person_id, visit_type)
        if visit_id:
            self.tab.changed()
            self.select(visit_id)
        return visit_id

    def new_batch(self) -> None:
        from sifasuo_desktop.ui.dialogs.batch_education import BatchEducationDialog

        if BatchEducationDialog(self.ctx, self).exec():
            self.tab.changed()

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None and edit_visit(self, self.ctx, row.id):
            self.tab.changed()

    def print_selected(self) -> None:
        row = self.selected()
        if row is not None:
            visit_print.print_visit(self, self.ctx, row.id)

    def print_bundle(self) -> None:
        row = self.selected()
        if row is not None:
            visit_print.print_bundle(self, self.ctx, row.person_id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = f"删除{row.person_name} {row.visit_date.isoformat()}的{row.visit_type}记录？"
        if QMessageBox.question(self, "删除走访记录", question) != QMessageBox.Yes:
            return
        try:
            visits.delete_visit(self.ctx, row.id)
        except UserError as err:
            QMessageBox.warning(self, "无法删除", str(err))
        self.tab.changed()


class VisitsTab(LoadsWhenCurrent, QWidget):
    TITLE = "走访记录"

    def __init__(self, ctx: AppContext, window=None):
        super().__init__()
        self.ctx, self.window_ = ctx, window
        self.visits = VisitsPage(ctx, self)
        self.activities = ActivitiesPage(ctx, self)
        self.pages = QTabWidget()
        self.pages.addTab(self.visits, "走访谈话")
        self.pages.addTab(self.activities, "社区矫正活动")
        QVBoxLayout(self).addWidget(self.pages)
        self.refresh()

    def install_actions(self, window) -> None:
        visit_print.install(window)

    def load(self) -> None:
        fill_villages(self.visits.village, self.ctx)
        self.visits.reload()
        self.activities.reload()

    def changed(self) -> None:
        """A visit or activity was written: reload here and let the 工作台 recount."""
        refresh_visit_views(self.window_, self)
