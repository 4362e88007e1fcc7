"""Charts of the 统计报表 tab (QtCharts): the register by village and category, visits and
mediation cases per month, and the dispute types of the accepted cases."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries, QPieSeries, QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QTabWidget

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.monthly_table import MonthlyTable

TITLES = ("在册人员（村/类别）", "走访谈话（每月）", "人民调解（每月）", "纠纷类型")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


def _bars(title: str, categories: Sequence[str], sets: Mapping[str, Sequence[int]], stacked: bool = False) -> QChart:
    """Vertical bars per category; stacked ones (villages) lie horizontally so long names fit."""
    chart = _chart(title)
    series = QHorizontalStackedBarSeries() if stacked else QBarSeries()
    for name, values in sets.items():
        bar_set = QBarSet(name)
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(list(categories))
    y = QValueAxis()
    totals = [sum(values[i] for values in sets.values()) for i in range(len(categories))] if stacked else \
        [v for values in sets.values() for v in values]
    y.setRange(0, max([*totals, 1]))
    y.applyNiceNumbers()
    y.setLabelFormat("%d")
    chart.addAxis(x, Qt.AlignLeft if stacked else Qt.AlignBottom)
    chart.addAxis(y, Qt.AlignBottom if stacked else Qt.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    if len(sets) == 1:
        chart.legend().hide()
    return chart


def register_chart(breakdown: Sequence[tuple[str, str, int]]) -> QChart:
    villages = list(dict.fromkeys(v for v, _c, _n in breakdown))[::-1]     # first village on top
    found = {c for _v, c, _n in breakdown}
    categories = [c for c in codes.CATEGORIES if c in found] + sorted(found - set(codes.CATEGORIES))
    counts = {(v, c): n for v, c, n in breakdown}
    sets = {c: [counts.get((v, c), 0) for v in villages] for c in categories}
    return _bars(TITLES[0], villages, sets, stacked=True)


def monthly_chart(table: MonthlyTable, title: str, codes: Sequence[str]) -> QChart:
    labels = {c.code: c.label for c in table.columns}
    months = [f"{int(key[5:])}月" for key in table.month_keys]
    sets = {labels[code]: [table.cells[key][code] for key in table.month_keys] for code in codes}
    return _bars(title, months, sets)


def dispute_chart(by_type: Mapping[str, int]) -> QChart:
    chart = _chart(TITLES[3])
    series = QPieSeries()
    for name, count in by_type.items():
        if count:
            series.append(f"{name} {count}", float(count))
    series.setLabelsVisible(True)
    chart.addSeries(series)
    chart.legend().hide()
    if not series.count():
        chart.setTitle(f"{TITLES[3]}（本期无受理案件）")
    return chart


class ChartPanel(QTabWidget):
    """One tab per chart; ``show_data`` replaces all four."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.views = []
        for title in TITLES:
            view = QChartView()
            view.setRenderHint(QPainter.Antialiasing)
            self.views.append(view)
            self.addTab(view, title)

    def show_data(self, breakdown, monthly: MonthlyTable, by_type: Mapping[str, int]) -> None:
        charts = (register_chart(breakdown), monthly_chart(monthly, TITLES[1], ["visits"]),
                  monthly_chart(monthly, TITLES[2], ["mediation_accepted", "mediation_success"]),
                  dispute_chart(by_type))
        for view, chart in zip(self.views, charts):
            view.setChart(chart)

    def chart(self, index: int) -> QChart:
        return self.views[index].chart()
