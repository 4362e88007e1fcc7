"""操作日志: who did what and when, with before/after of every changed field. Read-only.

Entries come a page at a time (newest first) from ``services.audit.search_entries``, so the
viewer stays quick with 100,000 rows; filters: period, user, action, text.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.services import audit, audit_labels
from sifasuo_desktop.services.audit import AuditEntry, AuditFilter
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.dialogs.admin_common import fit_columns, fit_to_screen, make_table_view
from sifasuo_desktop.ui.widgets.form import ERROR_STYLE, DateField
from sifasuo_desktop.ui.widgets.record_model import Column, RecordTableModel

PAGE_SIZE = 200
ALL = "全部"


def period_presets(today: date) -> dict[str, tuple[date | None, date | None]]:
    month_start = today.replace(day=1)
    return {
        ALL: (None, None),
        "今天": (today, today),
        "最近7天": (today - timedelta(days=6), today),
        "本月": (month_start, today),
        "上月": ((month_start - timedelta(days=1)).replace(day=1), month_start - timedelta(days=1)),
        "今年": (today.replace(month=1, day=1), today),
    }


class AuditViewerDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.offset, self.total = 0, 0
        self.setWindowTitle("操作日志")
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_bar())
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        layout.addWidget(self.message)

        self.model = RecordTableModel([
            Column("时间", lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}"),
            Column("用户", lambda e: e.user_name),
            Column("操作", lambda e: e.action, color=lambda e: "#b3261e" if e.action in ("删除", "登录失败") else None),
            Column("对象", lambda e: audit_labels.table_label(e.table_name)),
            Column("摘要", lambda e: e.summary or ""),
        ], self)
        self.view = make_table_view(self.model, self)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_changes())
        self.changes_title = QLabel("选中一条记录，查看修改前后的内容")
        self.changes_model = RecordTableModel([
            Column("字段", lambda c: c.label), Column("修改前", lambda c: c.before), Column("修改后", lambda c: c.after),
        ], self)
        self.changes_view = make_table_view(self.changes_model, self)
        self.changes_view.setWordWrap(True)
        for column in (1, 2):
            self.changes_view.horizontalHeader().setSectionResizeMode(column, QHeaderView.Stretch)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.changes_title)
        details_layout.addWidget(self.changes_view)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._pager())
        self._fill_choices()
        self.apply_filter()
        fit_to_screen(self, 1100, 700)

    # --- building -----------------------------------------------------------------------------
    def _filter_bar(self) -> QVBoxLayout:
        self.period = QComboBox()
        self.presets = period_presets(self.ctx.today())
        self.period.addItems(list(self.presets))
        self.period.currentTextChanged.connect(self._use_preset)
        self.start, self.end = DateField(), DateField()
        for edit in (self.start, self.end):
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("2026-12-31") + 24)
            edit.returnPressed.connect(self.apply_filter)
        self.user = QComboBox()
        self.action = QComboBox()
        self.text = QLineEdit()
        self.text.setPlaceholderText("摘要、记录号或修改内容中的文字")
        self.text.returnPressed.connect(self.apply_filter)
        self.user.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.action.currentIndexChanged.connect(lambda _i: self.apply_filter())
        search, clear = QPushButton("查询"), QPushButton("清除条件")
        search.setObjectName("search")
        search.clicked.connect(self.apply_filter)
        clear.clicked.connect(self.clear_filter)
        first, second = QHBoxLayout(), QHBoxLayout()
        for label, widget in (("期间", self.period), ("从", self.start), ("至", self.end), ("用户", self.user),
                              ("操作", self.action)):
            first.addWidget(QLabel(label))
            first.addWidget(widget)
            first.addSpacing(8)
        first.addStretch(1)
        second.addWidget(QLabel("文字"))
        second.addWidget(self.text, 1)
        second.addWidget(search)
        second.addWidget(clear)
        bar = QVBoxLayout()
        bar.addLayout(first)
        bar.addLayout(second)
        return bar

    def _pager(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.page_label = QLabel()
        self.page_label.setObjectName("page_label")
        self.previous, self.next = QPushButton("上一页"), QPushButton("下一页")
        self.previous.clicked.connect(lambda: self._go(self.offset - PAGE_SIZE))
        self.next.clicked.connect(lambda: self._go(self.offset + PAGE_SIZE))
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        row.addWidget(self.page_label, 1)
        for button in (self.previous, self.next, close):
            row.addWidget(button)
        return row

    def _fill_choices(self) -> None:
        for combo, items in ((self.user, audit.user_names(self.ctx)), (self.action, audit.action_names(self.ctx))):
            combo.blockSignals(True)
            combo.addItem(ALL)
            combo.addItems(items)
            combo.blockSignals(False)

    # --- behaviour ----------------------------------------------------------------------------
    def _use_preset(self, name: str) -> None:
        start, end = self.presets[name]
        self.start.set_value(start)
        self.end.set_value(end)
        self.apply_filter()

    def current_filter(self) -> AuditFilter | None:
        try:
            start, end = self.start.value(), self.end.value()
        except ValueError as err:
            return self._problem(str(err))
        if start and end and start > end:
            return self._problem("开始日期晚于结束日期")
        user, action = self.user.currentText(), self.action.currentText()
        return AuditFilter(start=start, end=end, user_name=None if user == ALL else user,
                           action=None if action == ALL else action, text=self.text.text().strip() or None)

    def _problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        return None

    def apply_filter(self) -> None:
        self._go(0)

    def clear_filter(self) -> None:
        for widget in (self.user, self.action):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        self.text.clear()
        if self.period.currentIndex() == 0:
            self._use_preset(ALL)
        else:
            self.period.setCurrentIndex(0)

    def _go(self, offset: int) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        self.message.hide()
        page = audit.search_entries(self.ctx, flt, offset=max(offset, 0), limit=PAGE_SIZE)
        self.offset, self.total = page.offset, page.total
        self.model.set_rows(page.entries)
        fit_columns(self.view)
        pages = max(1, -(-page.total // PAGE_SIZE))
        self.page_label.setText(f"第 {page.offset // PAGE_SIZE + 1}/{pages} 页，共 {page.total:,} 条")
        self.previous.setEnabled(page.offset > 0)
        self.next.setEnabled(page.offset + PAGE_SIZE < page.total)
        if page.entries:
            self.view.selectRow(0)
        else:
            self._show_changes()

    def _show_changes(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        entry: AuditEntry | None = self.model.row_object(rows[0].row()) if rows else None
        if entry is None:
            self.changes_title.setText("没有符合条件的记录" if not self.total else "选中一条记录，查看修改前后的内容")
            self.changes_model.set_rows([])
            return
        changes = audit.changes(entry)
        target = audit_labels.table_label(entry.table_name)
        record = f"，记录号 {entry.record_id}" if entry.record_id else ""
        self.changes_title.setText(f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.user_name}  {entry.action}"
                                   f"{('  ' + target) if target else ''}{record}"
                                   + ("" if changes else "（无字段变化记录）"))
        self.changes_model.set_rows(changes)
        self.changes_view.resizeColumnToContents(0)
        header = self.changes_view.horizontalHeader()
        header.resizeSection(0, header.sectionSize(0) + 18)
        self.changes_view.resizeRowsToContents()
