"""What every statistics table shares: row catalogues, rates, periods, checks, frozen differences.

A row catalogue is data (code, label, unit, level): an office may relabel a row to match its
paper form, but the computation behind each code is fixed in code (services.table7 and friends)
and tested. The values of a table are a ``{code: value}`` mapping: ``int`` for counts, ``Decimal``
for rates and money, ``None`` for a rate whose denominator is 0 (printed as —).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sifasuo_desktop.domain.dates import chinese_date

Value = int | Decimal | None

EMPTY = "—"
HALF_YEAR, ANNUAL = "半年报", "全年报"
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class RowDef:
    """One row of a statistics table.

    ``level`` 0 is a main row, 1 an "其中" row, 2 a row under an "其中" row. A rate row names its
    ``numerator`` code and the codes whose sum is its ``denominator``.
    """

    code: str
    label: str
    unit: str = "人"
    level: int = 0
    part: str = ""
    numerator: str | None = None
    denominator: tuple[str, ...] = ()
    printed: str = ""        # the 行次 printed on the form, when shorter than the code

    @property
    def is_rate(self) -> bool:
        return self.numerator is not None

    @property
    def shown_code(self) -> str:
        return self.printed or self.code


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with two decimals, rounded half up; None when the denominator is 0."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(_CENT, rounding=ROUND_HALF_UP)


def fill_rates(rows: Sequence[RowDef], counts: Mapping[str, int]) -> dict[str, Value]:
    """All values of a table in catalogue order: the counts, and every rate computed from them."""
    values: dict[str, Value] = {}
    for row in rows:
        if row.is_rate:
            values[row.code] = rate(counts[row.numerator], sum(counts[c] for c in row.denominator))
        else:
            values[row.code] = counts[row.code]
    return values


def format_value(value: Value) -> str:
    """How a cell prints: counts as they are, rates and money with two decimals, — for None."""
    if value is None:
        return EMPTY
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def json_value(value: Value) -> int | float | None:
    """A value as JSON wants it: rates and money as numbers with two decimals."""
    if isinstance(value, Decimal):
        return float(value.quantize(_CENT, rounding=ROUND_HALF_UP))
    return value


def from_json_value(value: int | float | str | None, row: RowDef | None) -> Value:
    """The inverse of ``json_value`` (for stored frozen copies)."""
    if value is None:
        return None
    if isinstance(value, float) or (row is not None and row.unit in ("%", "万元")):
        return Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)
    return int(value)


def period_kind(start: date, end: date) -> str:
    """半年报 for 1 Jan – 30 Jun, 全年报 for 1 Jan – 31 Dec of one year, else empty."""
    if start.month == 1 and start.day == 1 and end.year == start.year:
        if (end.month, end.day) == (6, 30):
            return HALF_YEAR
        if (end.month, end.day) == (12, 31):
            return ANNUAL
    return ""


def period_text(start: date, end: date) -> str:
    return f"{chinese_date(start)}至{chinese_date(end)}"


def check_period(start: date | None, end: date | None) -> str | None:
    """The Chinese reason a statistics period is unusable, or None."""
    if start is None or end is None:
        return "请填写统计时段的起止日期"
    if end < start:
        return "统计时段的结束日期不能早于开始日期"
    return None


def relabel(rows: Iterable[RowDef], labels: Mapping[str, str]) -> tuple[RowDef, ...]:
    """The catalogue with the office's own wording for some rows (empty labels are ignored)."""
    return tuple(replace(r, label=labels[r.code].strip()) if labels.get(r.code, "").strip() else r for r in rows)


def rates_over_100(rows: Iterable[RowDef], values: Mapping[str, Value]) -> list[str]:
    messages = []
    for row in rows:
        value = values.get(row.code)
        if row.is_rate and value is not None and value > 100:
            messages.append(f"第{row.code}行“{row.label}”为{format_value(value)}%，不应超过100%")
    return messages


@dataclass(frozen=True)
class Difference:
    """A cell whose live value differs from the frozen (submitted) copy."""

    code: str
    label: str
    frozen: Value
    live: Value


def differences(rows: Iterable[RowDef], frozen: Mapping[str, Value], live: Mapping[str, Value]) -> list[Difference]:
    return [
        Difference(r.code, r.label, frozen.get(r.code), live.get(r.code))
        for r in rows
        if frozen.get(r.code) != live.get(r.code)
    ]


@dataclass(frozen=True)
class Signatures:
    """The names printed on the signature lines (empty = a line to sign by hand)."""

    head: str = ""           # 单位负责人
    filler: str = ""         # 填表人
    reviewer: str = ""       # 审核人
    filled_on: date | None = None  # 填报日期


@dataclass(frozen=True)
class StatTable:
    """A computed statistics table, ready for the screen, the PDF and the Excel renderers.

    ``part1`` holds the entered 工作机构、人员和经费 items as (label, value, unit).
    ``parts`` maps a part key of the rows to its printed heading.
    """

    report: str                      # table7 / mediation
    title: str
    office_name: str
    start: date
    end: date
    rows: tuple[RowDef, ...]
    values: Mapping[str, Value]
    checks: tuple[str, ...] = ()
    part1: tuple[tuple[str, int | str, str], ...] = ()
    parts: Mapping[str, str] = field(default_factory=dict)
    unit_note: str = ""

    @property
    def kind(self) -> str:
        return period_kind(self.start, self.end)

    def text(self, code: str) -> str:
        return format_value(self.values[code])

    def json_rows(self) -> dict[str, int | float | None]:
        return {row.code: json_value(self.values[row.code]) for row in self.rows}
