"""统计报表 tab: the 7号表, the mediation table and the 逐月统计表 for a chosen period.

Pick the report and the period (a year with 上半年 / 全年, or any dates), read the table with its
row codes, click a value to see the persons or cases behind it, enter Part 一, read the logic
checks, submit (freeze) the report and see later differences highlighted, print to PDF or save
as Excel. Key rates and charts sit on the right.

Computing a period takes about a second at 50,000 persons, so it runs in a worker thread
(``ui.tasks.BackgroundCall``) while the window stays usable; one computation at a time: asking
again while one runs computes the latest request when it ends, and only the latest is shown.
``busy`` is True until then (tests wait on it).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QListWidget, QMessageBox, QPushButton, QSpinBox, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain import mediation_table, monthly_table, statistics, table7
from sifasuo_desktop.domain.dates import half_year, whole_year
from sifasuo_desktop.services import mediation_stats, report_export, report_freeze, report_settings, report_view
from sifasuo_desktop.services import table7 as table7_service
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.dialogs.report_drill import DrillDialog
from sifasuo_desktop.ui.errors import show_user_error
from sifasuo_desktop.ui.models.report_tables import CODE_ROLE, FROZEN, VALUE, MonthlyTableModel, StatTableModel
from sifasuo_desktop.ui.navigation import opener
from sifasuo_desktop.ui.tasks import BackgroundCall
from sifasuo_desktop.ui.widgets.form import DateField
from sifasuo_desktop.ui.widgets.report_charts import ChartPanel
from sifasuo_desktop.ui.widgets.save_dialog import ask_save_path

REPORTS = [(table7.REPORT, "7号表（安置帮教工作情况统计表）"), (mediation_table.REPORT, "人民调解工作统计表"),
           (monthly_table.REPORT, "逐月统计表")]


class Part1Box(QGroupBox):
    """Part 一 of the 7号表: entered for each report (defaults: as sent, else as last entered)."""

    def __init__(self, parent=None):
        super().__init__("一、工作机构、人员和经费", parent)
        self.spins: dict[str, QSpinBox] = {}
        grid = QGridLayout(self)
        for index, (name, label, unit) in enumerate(table7.PART1_FIELDS[:-1]):
            spin = QSpinBox()
            spin.setRange(0, 99999)
            spin.setSuffix(f" {unit}")
            spin.setObjectName(f"part1_{name}")
            self.spins[name] = spin
            grid.addWidget(QLabel(label), index // 3, (index % 3) * 2)
            grid.addWidget(spin, index // 3, (index % 3) * 2 + 1)
        self.budget = QCheckBox(table7.PART1_FIELDS[-1][1])
        grid.addWidget(self.budget, 1, 4, 1, 2)

    def set_part1(self, part1: table7.Part1) -> None:
        for name, spin in self.spins.items():
            spin.setValue(getattr(part1, name))
        self.budget.setChecked(part1.budget)

    def values(self) -> dict:
        return {**{name: spin.value() for name, spin in self.spins.items()}, "budget": self.budget.isChecked()}

    def part1(self) -> table7.Part1:
        return table7.Part1.from_dict(self.values())


class ReportsTab(QWidget):
    TITLE = "统计报表"

    def __init__(self, ctx: AppContext, window=None):
        super().__init__()
        self.ctx, self.window_ = ctx, window
        self._ready = False
        self.view_data: report_view.ReportView | None = None
        self.worker: BackgroundCall | None = None
        self._asked = 0                 # number of the latest request
        self._request: tuple = ()       # (number, report, start, end, part1) of the latest request
        self._shown = 0                 # number of the request whose result is shown
        self.report = QComboBox()
        for code, text in REPORTS:
            self.report.addItem(text, code)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(" 年")
        self.start, self.end = DateField(), DateField()
        self.buttons: dict[str, QPushButton] = {}
        self.stat_model, self.monthly_model = StatTableModel(self), MonthlyTableModel(self)
        self.table = QTableView()
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.clicked.connect(self.cell_clicked)
        self.period_label, self.frozen_label = QLabel(), QLabel()
        self.frozen_label.setWordWrap(True)
        self.checks = QListWidget()
        self.checks.setMaximumHeight(90)
        self.rates: dict[str, QLabel] = {}
        self.part1_box = Part1Box()
        self.charts = ChartPanel()
        self._build_layout()
        self.report.currentIndexChanged.connect(lambda _i: self.recompute())
        for date_field in (self.start, self.end):
            date_field.returnPressed.connect(self.recompute)
        # The report due next: the half-year report until June, then the annual report.
        today = ctx.today()
        self.year.setValue(today.year)
        start, end = half_year(today.year) if today.month <= 6 else whole_year(today.year)
        self.start.set_value(start)
        self.end.set_value(end)
        self._ready = True

    def _button(self, key: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(key)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons[key] = button
        return button

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("报表"))
        top.addWidget(self.report)
        top.addSpacing(12)
        top.addWidget(self.year)
        top.addWidget(self._button("half", "上半年", lambda: self._set_period(*half_year(self.year.value()))))
        top.addWidget(self._button("annual", "全年", lambda: self._set_period(*whole_year(self.year.value()))))
        top.addSpacing(12)
        top.addWidget(QLabel("从"))
        top.addWidget(self.start)
        top.addWidget(QLabel("至"))
        top.addWidget(self.end)
        top.addWidget(self._button("compute", "统计", self.recompute))
        top.addStretch(1)
        top.addWidget(self._button("pdf", "打印PDF…", lambda: self.save_file("pdf")))
        top.addWidget(self._button("xlsx", "保存Excel…", lambda: self.save_file("xlsx")))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.period_label)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(QLabel("逻辑校验"))
        left_layout.addWidget(self.checks)

        rates_box = QGroupBox("主要比率")
        rates_layout = QHBoxLayout(rates_box)
        for name in [*table7.KEY_RATES.values(), "调解成功率"]:
            label = QLabel()
            label.setAlignment(Qt.AlignCenter)
            label.setObjectName(f"rate_{name}")
            self.rates[name] = label
            rates_layout.addWidget(label)
        freeze_box = QGroupBox("报送")
        freeze_layout = QHBoxLayout(freeze_box)
        freeze_layout.addWidget(self.frozen_label, 1)
        freeze_layout.addWidget(self._button("freeze", "报送并冻结…", self.freeze))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (rates_box, self.part1_box, freeze_box):
            right_layout.addWidget(widget)
        right_layout.addWidget(self.charts, 1)

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 740])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # --- period and report ------------------------------------------------------------------
    def current_report(self) -> str:
        return self.report.currentData()

    def _set_period(self, start: date, end: date) -> None:
        self.start.set_value(start)
        self.end.set_value(end)
        self.recompute()

    def period(self) -> tuple[date, date]:
        try:
            start, end = self.start.value(), self.end.value()
        except ValueError as err:
            raise UserError(str(err)) from None
        problem = statistics.check_period(start, end)
        if problem:
            raise UserError(problem)
        return start, end

    def refresh(self) -> None:
        self.recompute()

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def recompute(self) -> None:
        """Compute the chosen report and period in the background; the table follows when done."""
        if not self._ready:
            return
        try:
            start, end = self.period()
        except UserError as err:
            show_user_error(self, err)
            return
        part1 = self.part1_box.part1() if self._same_period(start, end) else None
        self._asked += 1
        self._request = (self._asked, self.current_report(), start, end, part1)
        if self.worker is None:
            self._start()

    def _start(self) -> None:
        number, report, start, end, part1 = self._request
        ctx = self.ctx
        worker = BackgroundCall(lambda: (number, report_view.load(ctx, report, start, end, part1)), self)
        worker.done.connect(self._computed)
        worker.failed.connect(self._failed)
        worker.finished.connect(lambda: self._finished(worker, number))
        self.worker = worker
        self.setCursor(Qt.BusyCursor)
        self.buttons["freeze"].setEnabled(False)     # until the checks of this period are known
        self.period_label.setText(f"正在统计（{statistics.period_text(start, end)}）…")
        worker.start()

    def _computed(self, result) -> None:
        number, data = result
        if number == self._asked:                    # not superseded by a newer request
            self._shown = number
            self.view_data = data
            self._show(data)

    def _failed(self, err: Exception) -> None:
        if not isinstance(err, UserError):
            raise err                                # a bug: the crash dialog names the log file
        show_user_error(self, err)

    def _finished(self, worker: BackgroundCall, number: int) -> None:
        worker.deleteLater()
        self.worker = None
        if number != self._asked:
            self._start()
        else:
            self.unsetCursor()
            if self._shown != number:                # it failed: the table shown before stays
                if self.view_data is None:
                    self.period_label.clear()
                else:
                    self._show(self.view_data)

    def _same_period(self, start: date, end: date) -> bool:
        return self.view_data is not None and (self.view_data.start, self.view_data.end) == (start, end)

    # --- showing ----------------------------------------------------------------------------
    def _show(self, data: report_view.ReportView) -> None:
        table = data.table
        kind = statistics.period_kind(data.start, data.end)
        self.period_label.setText(f"{table.title}　{statistics.period_text(data.start, data.end)}"
                                  + (f"（{kind}）" if kind else ""))
        is_stat = isinstance(table, statistics.StatTable)
        if is_stat:
            self.stat_model.on_relabel = self.relabel if self.ctx.user.is_admin else None
            self.stat_model.set_table(table, data.frozen.values if data.frozen else None, data.differences)
            self.table.setModel(self.stat_model)
            self.table.clearSpans()
            for row in self.stat_model.heading_rows():
                self.table.setSpan(row, 0, 1, self.stat_model.columnCount())
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeToContents)
            header.setSectionResizeMode(1, QHeaderView.Stretch)
        else:
            self.table.clearSpans()
            self.monthly_model.set_table(table)
            self.table.setModel(self.monthly_model)
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.checks.clear()
        checks = table.checks if is_stat else ()
        self.checks.addItems(list(checks) or ["全部通过"])
        self.part1_box.setVisible(data.report == table7.REPORT)
        self.part1_box.set_part1(data.part1)
        self.buttons["freeze"].setEnabled(is_stat and not checks and self.ctx.office_id is not None)
        self.frozen_label.setText(self._frozen_text(data))
        for name, value in data.key_rates:
            shown = statistics.format_value(value)
            self.rates[name].setText(f"{name}<br><b>{shown}{'%' if value is not None else ''}</b>")
        self.charts.show_data(data.register, data.monthly, data.dispute_types)

    @staticmethod
    def _frozen_text(data: report_view.ReportView) -> str:
        if not isinstance(data.table, statistics.StatTable):
            return "逐月统计表不需报送"
        if data.frozen is None:
            return "本时段尚未报送"
        when = data.frozen.frozen_at.strftime("%Y-%m-%d %H:%M")
        text = f"已于 {when} 由 {data.frozen.frozen_by} 报送。"
        if data.differences:
            return text + f"此后数据有变动：{len(data.differences)} 项与报送值不同（已标色）"
        return text + "现数值与报送值一致"

    # --- drill-down ---------------------------------------------------------------------------
    def cell_clicked(self, index: QModelIndex) -> None:
        if self.view_data is None or self.table.model() is not self.stat_model or index.column() not in (VALUE, FROZEN):
            return
        code = index.data(CODE_ROLE)
        if code is None:
            return
        start, end = self.view_data.start, self.view_data.end
        row = self.stat_model.table.rows[[r.code for r in self.stat_model.table.rows].index(code)]
        title = f"第{row.shown_code}行 {row.label}"
        try:
            if self.view_data.report == table7.REPORT:
                rows = table7_service.drill(self.ctx, start, end, code)
                dialog = DrillDialog(title, rows, cases=False, on_open=opener(self.window_, "DossierTab", "open_person"),
                                     parent=self)
            else:
                rows = mediation_stats.drill(self.ctx, start, end, code)
                dialog = DrillDialog(title, rows, cases=True, on_open=opener(self.window_, "MediationTab", "open_record"),
                                     parent=self)
        except UserError as err:
            show_user_error(self, err)
            return
        self.drill_dialog = dialog
        dialog.open()

    # --- actions ------------------------------------------------------------------------------
    def relabel(self, code: str, text: str) -> None:
        report = self.current_report()
        labels = {**report_settings.row_labels(self.ctx, report), code: text}
        try:
            report_settings.save_row_labels(self.ctx, report, labels)
        except UserError as err:
            show_user_error(self, err)
        QTimer.singleShot(0, self.recompute)   # after the view has finished with its editor

    def _entered_part1(self) -> table7.Part1 | None:
        if self.current_report() != table7.REPORT:
            return None
        return report_settings.save_part1(self.ctx, self.part1_box.values())

    def save_file(self, fmt: str) -> None:
        try:
            start, end = self.period()
            name = f"{dict(REPORTS)[self.current_report()].split('（')[0]}_{start.isoformat()}_{end.isoformat()}.{fmt}"
            path = ask_save_path(self, fmt, name)
            if path is None:
                return
            report_export.save(self.ctx, self.current_report(), start, end, path, part1=self._entered_part1())
        except UserError as err:
            show_user_error(self, err)
            return
        QMessageBox.information(self, "已保存", f"已保存到：\n{path}")

    def freeze(self) -> None:
        try:
            start, end = self.period()
        except UserError as err:
            show_user_error(self, err)
            return
        text = (f"报送{dict(REPORTS)[self.current_report()]}（{statistics.period_text(start, end)}）？\n"
                "报送后本期数值将被保存；以后修改数据，会显示与报送值的差异。")
        if QMessageBox.question(self, "报送并冻结", text) != QMessageBox.Yes:
            return
        try:
            part1 = self.part1_box.values() if self.current_report() == table7.REPORT else None
            copy = report_freeze.freeze(self.ctx, self.current_report(), start, end, part1)
        except UserError as err:
            show_user_error(self, err)
            return
        self.recompute()
        QMessageBox.information(self, "已报送", f"已报送并冻结（{copy.frozen_at:%Y-%m-%d %H:%M}，{copy.frozen_by}）")
