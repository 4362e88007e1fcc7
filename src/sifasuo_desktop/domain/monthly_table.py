"""逐月统计表: month-by-month counts of a period (a year for the wall chart).

Each column counts per month what the matching 7号表 / mediation row counts for a period of
one month, so a month's figure equals that row for the month:

- ``new`` = row 2, ``ended`` = row 3, ``on_register`` = row 4 on the month's last day,
  ``visits`` = row 16, ``reoffenders`` = row 17, ``mediation_accepted`` = M1,
  ``mediation_success`` = M2.

The 合计 column sums the months, except ``on_register`` (the value at the end of the period) and
``reoffenders`` (distinct persons over the whole period: one person reoffending in two months
counts once).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

REPORT = "monthly"
TITLE = "安置帮教和人民调解工作逐月统计表"


@dataclass(frozen=True)
class MonthlyColumn:
    code: str
    label: str
    unit: str
    total: str = "sum"       # sum / last / distinct (see the module docstring)


COLUMNS: tuple[MonthlyColumn, ...] = (
    MonthlyColumn("new", "新增人数", "人"),
    MonthlyColumn("ended", "减少人数", "人"),
    MonthlyColumn("on_register", "月末在册人数", "人", "last"),
    MonthlyColumn("visits", "走访谈话人次", "人次"),
    MonthlyColumn("reoffenders", "重新违法犯罪人数", "人", "distinct"),
    MonthlyColumn("mediation_accepted", "调解受理件数", "件"),
    MonthlyColumn("mediation_success", "调解成功件数", "件"),
)
COLUMN_CODES = tuple(c.code for c in COLUMNS)
TOTAL_KEY = "合计"


def months(start: date, end: date) -> list[tuple[str, date, date]]:
    """``(YYYY-MM, first day, last day)`` of every month the period touches, clipped to it."""
    result = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = max(date(year, month, 1), start)
        last = min(date(year, month, calendar.monthrange(year, month)[1]), end)
        result.append((f"{year:04d}-{month:02d}", first, last))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{int(year)}年{int(month)}月"


@dataclass(frozen=True)
class MonthlyTable:
    """``cells[month key][column code]``; ``totals[column code]`` for the 合计 line."""

    title: str
    office_name: str
    start: date
    end: date
    columns: tuple[MonthlyColumn, ...]
    month_keys: tuple[str, ...]
    cells: dict[str, dict[str, int]]
    totals: dict[str, int]

    def json_rows(self) -> dict[str, dict[str, int]]:
        rows = {key: dict(self.cells[key]) for key in self.month_keys}
        rows[TOTAL_KEY] = dict(self.totals)
        return rows

    def flat(self) -> list[tuple[str, str, int]]:
        """(行次, 项目, 数值) lines for the flat Excel sheet: ``2026-03.visits`` etc."""
        lines = []
        for key in (*self.month_keys, TOTAL_KEY):
            values = self.totals if key == TOTAL_KEY else self.cells[key]
            label = TOTAL_KEY if key == TOTAL_KEY else month_label(key)
            for column in self.columns:
                lines.append((f"{key}.{column.code}", f"{label}{column.label}", values[column.code]))
        return lines
