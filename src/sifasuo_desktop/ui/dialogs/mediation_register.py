"""人民调解案件登记簿: the cases accepted in a period, as on paper, with print."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.domain.mediation import REGISTER_COLUMNS, RegisterRow
from sifasuo_desktop.services import mediation_print
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.mediation_query import register_rows
from sifasuo_desktop.ui.widgets.form import DateField
from sifasuo_desktop.ui.widgets.pdf_output import show_pdf


class RegisterDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[RegisterRow] = []
        self.setWindowTitle("人民调解案件登记簿")
        self.resize(1200, 640)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        year = ctx.today().year
        self.start, self.end = DateField(), DateField()
        self.start.set_value(date(year, 1, 1))
        self.end.set_value(date(year, 12, 31))
        for text, widget in (("受理日期", self.start), ("至", self.end)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.print_button = QPushButton("打印登记簿")
        self.print_button.clicked.connect(self.print_register)
        bar.addWidget(self.print_button)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bar.addWidget(close)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(REGISTER_COLUMNS))
        self.table.setHorizontalHeaderLabels([header for header, _text in REGISTER_COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.start.textChanged.connect(self.refresh)
        self.end.textChanged.connect(self.refresh)
        self.refresh()

    def period(self) -> tuple[date, date] | None:
        try:
            start, end = self.start.value(), self.end.value()
        except ValueError:
            return None
        return (start, end) if start and end and start <= end else None

    def refresh(self) -> None:
        period = self.period()
        self.print_button.setEnabled(period is not None)
        if period is None:
            self.count_label.setText("请填写正确的起止日期")
            return
        self.rows = register_rows(self.ctx, *period)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, (_header, text) in enumerate(REGISTER_COLUMNS):
                self.table.setItem(r, c, QTableWidgetItem(text(row)))
        self.table.resizeColumnsToContents()
        self.count_label.setText(f"共 {len(self.rows)} 件")

    def print_register(self) -> None:
        period = self.period()
        if period is not None:
            data = mediation_print.render_register(self.ctx, *period)
            show_pdf(self, data, f"人民调解案件登记簿_{period[0]:%Y%m%d}-{period[1]:%Y%m%d}")
