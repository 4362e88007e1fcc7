"""One statistics table for several offices side by side with their total: the district's 分所对比.

The total is a table of its own, computed over all the offices at once (rates from the summed
counts, never an average of the offices' rates); the columns only show it beside the offices.
``lines`` is what every renderer prints, in form order: part headings, the Part 一 items
(``一.1`` …, as on the flat sheet) and the rows, each with one value per office and the total last.
"""

from __future__ import annotations

from dataclasses import dataclass

from sifasuo_desktop.domain.statistics import StatTable, Value, format_value

TOTAL_HEADING = "合计"


@dataclass(frozen=True)
class Comparison:
    total: StatTable
    units: tuple[StatTable, ...]     # the offices, in the order they print

    @property
    def headings(self) -> tuple[str, ...]:
        """Column headings: each office's name, then 合计."""
        return (*(unit.office_name for unit in self.units), TOTAL_HEADING)


@dataclass(frozen=True)
class Line:
    code: str                        # 行次 as printed; "" on a part heading
    label: str
    level: int = 0
    values: tuple[Value | str, ...] = ()   # each office's, then the total

    @property
    def is_heading(self) -> bool:
        return not self.code


def cell_text(value: Value | str) -> str:
    """How a value prints: counts, rates with two decimals, — without a denominator, 是/否 as is."""
    return value if isinstance(value, str) else format_value(value)


def lines(comparison: Comparison) -> list[Line]:
    total = comparison.total
    tables = (*comparison.units, total)
    result: list[Line] = []
    if total.part1:
        result.append(Line("", total.parts.get("一", "")))
        for index, (label, _value, unit) in enumerate(total.part1):
            values = tuple(t.part1[index][1] if t.part1 else None for t in tables)
            result.append(Line(f"一.{index + 1}", f"{label}（{unit}）" if unit else label, 0, values))
    current = None
    for row in total.rows:
        if row.part != current and row.part in total.parts:
            current = row.part
            result.append(Line("", total.parts[row.part]))
        result.append(Line(row.shown_code, row.label, row.level, tuple(t.values[row.code] for t in tables)))
    return result
