"""District 统计报表 (read-only): the 7号表 or the mediation table, one column per office and the
district total, for a period.

打印PDF… offers the district total in the form's official layout or the offices side by side
(分所对比, A4 landscape); 保存Excel… writes one workbook with both and the flat sheet. Both ask for
the file, go through ``report_export`` (the same files as ``sifasuo report``) and are logged."""

from __future__ import annotations

from datetime import date

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain.dates import half_year, whole_year
from sifasuo_desktop.domain.statistics import format_value
from sifasuo_desktop.services import district_reports, report_export
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.errors import show_user_error
from sifasuo_desktop.ui.widgets.record_model import Column, RecordTableModel, value_column
from sifasuo_desktop.ui.tabs.district import read_only_table
from sifasuo_desktop.ui.widgets.form import DateField
from sifasuo_desktop.ui.widgets.save_dialog import ask_save_path


def default_period(today: date) -> tuple[date, date]:
    """The last period due: the first half-year from July on, else the previous year."""
    return half_year(today.year) if today.month >= 7 else whole_year(today.year - 1)


def report_columns(result: district_reports.DistrictReport) -> list[Column]:
    indent = ("", "　", "　　")
    columns = [value_column("行次", lambda row: row.shown_code),
               value_column("项目", lambda row: indent[min(row.level, 2)] + row.label),
               value_column("区县合计", lambda row: format_value(result.total.values[row.code]), align_right=True)]
    columns += [value_column(c.name, lambda row, c=c: format_value(c.table.values[row.code]), align_right=True)
                for c in result.offices]
    return columns


class DistrictReportsTab(QWidget):
    TITLE = "统计报表"

    def __init__(self, ctx: AppContext, window):
        super().__init__()
        self.ctx = ctx
        self.result: district_reports.DistrictReport | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.report = QComboBox()
        self.report.setObjectName("report")
        for code, title in district_reports.REPORTS.items():
            self.report.addItem(title, code)
        top.addWidget(self.report)
        start, end = default_period(ctx.today())
        self.start, self.end = DateField(), DateField()
        for name, field, value in (("start", self.start, start), ("end", self.end, end)):
            field.setObjectName(name)
            field.set_value(value)
            field.setMaximumWidth(110)
        top.addWidget(QLabel("统计时段"))
        top.addWidget(self.start)
        top.addWidget(QLabel("至"))
        top.addWidget(self.end)
        for text, period in (("上半年", lambda y: half_year(y)), ("全年", lambda y: whole_year(y))):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, p=period: self._set_period(*p(self._year())))
            top.addWidget(button)
        self.compute_button = QPushButton("计算")
        self.compute_button.setObjectName("compute")
        self.compute_button.clicked.connect(self.refresh)
        top.addWidget(self.compute_button)
        self.status = QLabel()
        self.status.setObjectName("status")
        top.addWidget(self.status, 1)
        self.pdf_button = QPushButton("打印PDF…")
        self.pdf_button.setObjectName("pdf")
        menu = QMenu(self.pdf_button)
        self.pdf_total = menu.addAction("区县汇总表（正式格式）…", lambda: self.save_file("pdf"))
        self.pdf_by_office = menu.addAction("分所对比表（横向）…", lambda: self.save_file("pdf", by_office=True))
        self.pdf_button.setMenu(menu)
        top.addWidget(self.pdf_button)
        self.xlsx_button = QPushButton("保存Excel…")
        self.xlsx_button.setObjectName("xlsx")
        self.xlsx_button.setToolTip("一个工作簿：汇总（正式格式）、分所对比、汇总数值（行次/项目/数值）")
        self.xlsx_button.clicked.connect(lambda: self.save_file("xlsx"))
        top.addWidget(self.xlsx_button)
        layout.addLayout(top)
        self.model = RecordTableModel([], self)
        self.table = read_only_table(self.model, "district_report", sortable=False)  # rows in form order
        self.table.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.table)
        self.report.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def _year(self) -> int:
        try:
            return (self.start.value() or self.ctx.today()).year
        except ValueError:
            return self.ctx.today().year

    def _set_period(self, start: date, end: date) -> None:
        self.start.set_value(start)
        self.end.set_value(end)
        self.refresh()

    def period(self) -> tuple[date, date]:
        try:
            start, end = self.start.value(), self.end.value()
        except ValueError as err:
            raise UserError(str(err)) from None
        if start is None or end is None or end < start:
            raise UserError("请填写正确的统计时段（结束日期不早于开始日期）")
        return start, end

    def refresh(self) -> None:
        try:
            start, end = self.period()
        except UserError as err:
            self.status.setText(str(err))
            return
        try:
            self.result = district_reports.compute(self.ctx, self.report.currentData(), start, end)
        except UserError as err:
            show_user_error(self, err)
            return
        self.model.set_rows(self.result.total.rows, report_columns(self.result))
        offices = len(self.result.offices)
        if self.result.mismatches:
            check = "注意：以下行次的区县合计与各所之和不一致：" + "、".join(self.result.mismatches)
        else:
            check = "区县合计与各所之和一致" if offices else "尚未导入数据包"
        self.status.setText(f"{offices} 个司法所；{check}")

    def save_file(self, fmt: str, by_office: bool = False) -> Path | None:
        """Ask for the file and write the report; the file, or None when cancelled or refused."""
        report = self.report.currentData()
        try:
            start, end = self.period()
            kind = "分所对比" if by_office else "区县汇总"
            path = ask_save_path(self, fmt, f"{report_export.REPORTS[report]}_{kind}_{start}_{end}.{fmt}")
            if path is None:
                return None
            report_export.save(self.ctx, report, start, end, path, by_office=by_office)
        except UserError as err:
            show_user_error(self, err)
            return None
        QMessageBox.information(self, "已保存", f"已保存到：\n{path}")
        return path
