"""一人一档 tab: the list of every person with filters and search, and the dossier actions.

The first screen of rows is read at once (a small query); a large office's whole list then loads
in a worker thread and replaces it, keeping the filters (scripts/bench_dossiers.py measures it).

删除 needs ``permissions.DELETE_PERSON`` (the 回收站 restores only with ``RESTORE_DELETED``);
公民身份号码 are masked unless the user's role holds ``SHOW_FULL_ID`` and 显示完整号码 is ticked
(ticked at start when the office switched masking off). Other tabs and dialogs open a dossier
with ``open_person(person_id)`` through the main window (ui.navigation). For the selected person
新增走访 (Ctrl+Shift+V) opens the visit form pre-filled, 打印档案案卷 (Ctrl+Shift+P) prints the
whole dossier bundle.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import NotFoundError, UserError
from sifasuo_desktop.domain import codes, person_state
from sifasuo_desktop.services import office, persons
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_list import PersonFilters, list_persons
from sifasuo_desktop.ui.dialogs import visit_print
from sifasuo_desktop.ui.dialogs.visit_form import record_visit, refresh_visit_views
from sifasuo_desktop.ui.models.person_table import (
    ENDING_BRUSH,
    ID_ROLE,
    LOST_BRUSH,
    UNCONNECTED_BRUSH,
    PersonTableModel,
)
from sifasuo_desktop.ui.models.row_table import filter_combo
from sifasuo_desktop.ui.tasks import BackgroundCall
from sifasuo_desktop.ui.widgets.list_tools import ALL_VILLAGES, Action, action_row, bind_find, fill_villages

FIRST_PAGE = 300
SEARCH_DELAY_MS = 150
CATEGORY_CHOICES = codes.CATEGORIES + codes.SUPERVISION_LEVELS
WIDTHS = [90, 170, 110, 80, 120, 70, 80]


def _choices(all_text: str, items: list[str]) -> QComboBox:
    return filter_combo(all_text, [(item, item) for item in items])


def _swatch(brush, text: str) -> QLabel:
    label = QLabel(f" {text} ")
    label.setStyleSheet(f"background: {brush.color().name()}; border: 1px solid #ccc;")
    return label


class DossierTab(QWidget):
    TITLE = "一人一档"

    def __init__(self, ctx: AppContext, window=None):
        super().__init__()
        self.ctx, self.window_ = ctx, window
        self.loaded = False
        self.complete = True
        self.loader: BackgroundCall | None = None
        self.form_dialog = self.bin_dialog = None
        self._generation = 0
        self.village = filter_combo(ALL_VILLAGES, [])
        self.population = _choices("全部人员", [codes.POPULATION_AFTERCARE, codes.POPULATION_CORRECTION])
        self.category = _choices("全部类别", CATEGORY_CHOICES)
        self.state = _choices("全部状态", person_state.STATES)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：姓名、拼音首字母(如 zs)、身份证号码 (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(150)
        self.full_id = QCheckBox("显示完整号码")
        self.model = PersonTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        self.table.activated.connect(lambda index: self.edit_person(self.model.data(index, ID_ROLE)))
        self._build_layout()
        self._apply_permissions()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self.timer.start)
        for combo in (self.village, self.population, self.category, self.state):
            combo.currentIndexChanged.connect(self.apply_filters)
        bind_find(self, self.search)
        delete = QShortcut(QKeySequence.Delete, self.table, context=Qt.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for widget in (self.village, self.population, self.category, self.state):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.full_id)
        filters.addWidget(self.count)
        actions, self.buttons = action_row(self, [
            Action("new", "新建档案(&N)", self.new_person), Action("edit", "编辑(&E)", self.edit_selected),
            Action("delete", "删除", self.delete_selected), Action("bin", "回收站", self.show_recycle_bin),
            Action("print", "打印登记表(&P)", self.print_selected, "打印所选人员的登记表（Ctrl+P）"),
            Action("visit", "新增走访", self.new_visit, "为所选人员记录一次走访", "Ctrl+Shift+V"),
            Action("bundle", "打印档案案卷", self.print_bundle, "打印所选人员的整份档案案卷（封面、目录和各项记录）",
                   "Ctrl+Shift+P")])
        for brush, text in ((LOST_BRUSH, "脱管"), (UNCONNECTED_BRUSH, "未衔接"), (ENDING_BRUSH, "即将期满")):
            actions.addWidget(_swatch(brush, text))
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def _apply_permissions(self) -> None:
        user = self.ctx.user
        may_delete = perm.can(user, perm.DELETE_PERSON)
        self.buttons["delete"].setEnabled(may_delete)
        self.buttons["delete"].setToolTip("" if may_delete else perm.denied_message(perm.DELETE_PERSON))
        may_see = perm.can(user, perm.SHOW_FULL_ID)
        self.full_id.setEnabled(may_see)
        self.full_id.setChecked(may_see and not office.app_settings(self.ctx).mask_id_numbers)
        self.full_id.setToolTip("显示或隐去公民身份号码的中间位" if may_see else perm.denied_message(perm.SHOW_FULL_ID))
        self.model.set_show_full_id(self.full_id.isChecked())
        self.full_id.toggled.connect(self.model.set_show_full_id)

    # --- loading ----------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if not self.loaded:
            self.refresh()

    def refresh(self, select_id: str | None = None) -> None:
        """Reload villages and rows (first screen now, the rest in the background)."""
        self.loaded = True
        self._generation += 1
        fill_villages(self.village, self.ctx)
        rows = list_persons(self.ctx, limit=FIRST_PAGE)
        self._show_rows(rows, complete=len(rows) < FIRST_PAGE, select_id=select_id)
        if len(rows) >= FIRST_PAGE:
            generation = self._generation
            loader = BackgroundCall(lambda: (generation, list_persons(self.ctx)), self)
            self._pending_select = select_id
            loader.done.connect(self._loaded)
            loader.failed.connect(self._load_failed)
            loader.finished.connect(lambda: self._forget(loader))
            self.loader = loader
            loader.start()

    def _loaded(self, result) -> None:
        generation, rows = result
        if generation == self._generation:  # a newer refresh supersedes this load
            self._show_rows(rows, True, self._pending_select)

    def _forget(self, loader: BackgroundCall) -> None:
        if self.loader is loader:
            self.loader = None
        loader.deleteLater()

    def _load_failed(self, err: Exception) -> None:
        QMessageBox.warning(self, "无法载入列表", str(err))

    def wait_loaded(self) -> None:
        """Block until the background load has finished (tests, benchmark)."""
        if self.loader is not None:
            self.loader.wait()

    def _show_rows(self, rows, complete: bool, select_id: str | None = None) -> None:
        selected = select_id or self.current_id()
        self.complete = complete
        self.model.set_filters(self._filters())
        self.model.set_rows(rows)
        self._update_count()
        if selected:
            self.select(selected)

    # --- filters ----------------------------------------------------------------------------
    def _filters(self) -> PersonFilters:
        return PersonFilters(village_id=self.village.currentData(), population=self.population.currentData(),
                             category=self.category.currentData(), state=self.state.currentData(),
                             text=self.search.text())

    def apply_filters(self) -> None:
        self.timer.stop()
        self.model.set_filters(self._filters())
        self._update_count()

    def _update_count(self) -> None:
        total = len(self.model.all_rows)
        shown = self.model.rowCount()
        more = "" if self.complete else "（正在载入全部…）"
        self.count.setText(f"共 {shown} 人" if shown == total else f"{shown} / {total} 人{more}")

    # --- selection and actions --------------------------------------------------------------
    def current_id(self) -> str | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row else None

    def select(self, person_id: str) -> None:
        row = self.model.index_of(person_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
            self.table.scrollTo(index)

    def new_person(self) -> None:
        self._open_form(None)

    def edit_selected(self) -> None:
        person_id = self.current_id()
        if person_id:
            self.edit_person(person_id)

    def _chosen(self, title: str) -> str | None:
        """The selected person's id; without one the user is asked to choose first."""
        person_id = self.current_id()
        if person_id is None:
            QMessageBox.information(self, title, "请先在列表中选择一个人。")
        return person_id

    def new_visit(self) -> None:
        """Record a visit of the selected person (the type their most urgent due item asks for)."""
        person_id = self._chosen("新增走访")
        if person_id and record_visit(self, self.ctx, person_id):
            refresh_visit_views(self.window_)

    def print_bundle(self) -> None:
        person_id = self._chosen("打印档案案卷")
        if person_id:
            visit_print.print_bundle(self, self.ctx, person_id)

    def open_person(self, person_id: str):
        """Open a person's form from elsewhere (a report's drill-down, a mediation case), switching to
        this tab; returns the form, or None when another form is still open (the user is told)."""
        if self.window_ is not None and hasattr(self.window_, "show_tab"):
            self.window_.show_tab(type(self).__name__)
        if self.form_dialog is not None:
            same = self.form_dialog.person_id == person_id
            QMessageBox.information(self, "档案已打开", "该人员的档案已经打开。" if same else
                                    "正在编辑另一份档案，请先保存或关闭它，再打开这份档案。")
            return None
        self.edit_person(person_id)
        return self.form_dialog

    def edit_person(self, person_id: str) -> None:
        try:
            self._open_form(person_id)
        except NotFoundError:
            QMessageBox.information(self, "档案不在列表中", "该档案已被删除，可在回收站中恢复。")
            self.show_recycle_bin()

    def _open_form(self, person_id: str | None) -> None:
        """Open the person form (window-modal); the list follows when it closes."""
        from sifasuo_desktop.ui.dialogs.person_form import PersonFormDialog

        self.form_dialog = PersonFormDialog(self.ctx, person_id, self)
        self.form_dialog.finished.connect(self._form_closed)
        self.form_dialog.open()

    def _form_closed(self, _result: int) -> None:
        dialog, self.form_dialog = self.form_dialog, None
        if dialog.open_existing:
            self.refresh(select_id=dialog.open_existing)
            self.edit_person(dialog.open_existing)
        elif dialog.person_id:
            self.refresh(select_id=dialog.person_id)
        dialog.deleteLater()

    def delete_selected(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None:
            return
        if not perm.can(self.ctx.user, perm.DELETE_PERSON):   # the Delete key: the button is disabled
            QMessageBox.information(self, "删除档案", perm.denied_message(perm.DELETE_PERSON))
            return
        answer = QMessageBox.question(self, "删除档案", f"将“{row.name}”的档案移入回收站？\n（可在回收站中恢复）",
                                      QMessageBox.Yes | QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            persons.delete_person(self.ctx, row.id)
        except UserError as err:
            QMessageBox.warning(self, "无法删除", str(err))
        self.refresh()

    def install_actions(self, window) -> None:
        window.add_action("打印", "打印所选人员的登记表(&P)", self.print_selected, shortcut="Ctrl+P")

    def print_selected(self) -> None:
        """Print the selected person's form (asks which when both populations apply) and open it."""
        from sifasuo_desktop.services import person_print   # reportlab: loaded when first printing

        person_id = self._chosen("打印登记表")
        if person_id is None:
            return
        forms = person_print.forms_for(self.ctx, person_id)
        if not forms:
            QMessageBox.information(self, "打印登记表", "该人员没有帮教期或社区矫正记录，没有可打印的登记表。")
            return
        form = forms[0]
        if len(forms) > 1:
            form, ok = QInputDialog.getItem(self, "打印登记表", "选择要打印的表格：", forms, 0, False)
            if not ok:
                return
        try:
            result = person_print.print_person_form(self.ctx, person_id, form)
        except UserError as err:
            QMessageBox.warning(self, "无法打印", str(err))
            return
        if result.missing_glyphs:
            QMessageBox.warning(self, "有字符无法打印", "以下字符在所有字体中都没有，打印出来会是空白，请手工填写："
                                + "　".join(result.missing_glyphs))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))

    def show_recycle_bin(self) -> None:
        from sifasuo_desktop.ui.dialogs.recycle_bin import RecycleBinDialog

        self.bin_dialog = RecycleBinDialog(self.ctx, self)
        self.bin_dialog.finished.connect(self._bin_closed)
        self.bin_dialog.open()

    def _bin_closed(self, _result: int) -> None:
        dialog, self.bin_dialog = self.bin_dialog, None
        if dialog.restored:
            self.refresh(select_id=dialog.restored[-1])
        dialog.deleteLater()
