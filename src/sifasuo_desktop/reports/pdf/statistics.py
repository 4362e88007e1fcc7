"""The statistics tables on A4: the 7号表, the mediation table and the 逐月统计表.

    render_stat_table(table: StatTable, signatures: Signatures) -> bytes
    render_monthly(table: MonthlyTable, signatures: Signatures) -> bytes
    render_comparison(comparison: Comparison, signatures: Signatures) -> bytes

The look of the official forms: title, 填报单位 / 统计时段 / ■半年报 □全年报, the rows with their
codes (two column groups side by side, so a table fits one page), signature lines 单位负责人 /
填表人 / 审核人 / 填报日期.

A district's 分所对比 is on A4 landscape: 项目 and 行次, one column per office and 合计, the
column headings repeated on every page. More than ``OFFICES_PER_PAGE`` offices are split into
balanced groups (12 → 6 + 6), each group a table of its own with the 合计 column again.
"""

from __future__ import annotations

from sifasuo_desktop.domain import comparison as cmp
from sifasuo_desktop.domain.comparison import Comparison
from sifasuo_desktop.domain.dates import chinese_date
from sifasuo_desktop.domain.monthly_table import TOTAL_KEY, MonthlyTable, month_label
from sifasuo_desktop.domain.statistics import ANNUAL, HALF_YEAR, Signatures, StatTable, format_value, period_text
from sifasuo_desktop.reports.pdf.grid import (
    Document, Grid, Keep, Line, PageBreak, Paragraph, Row, Spacer, Title, blank, date_text, label, layout, render, row,
    value,
)

INDENT = "　"
_SIDE = (5.2, 1.1, 1.5)      # 项目 | 行次 | 数值, twice side by side
_ROW_MM = 5.8
_SIZE = 9.5


def _kind_box(kind: str) -> str:
    return "　".join(("■" if kind == name else "□") + name for name in (HALF_YEAR, ANNUAL))


def _signature_block(signatures: Signatures) -> Keep:
    def name(text: str) -> str:
        return text or blank(5)

    return Keep([
        Spacer(3),
        Line(left=f"单位负责人：{name(signatures.head)}", center=f"填表人：{name(signatures.filler)}",
             right=f"审核人：{name(signatures.reviewer)}", space_after=3),
        Line(right=f"填报日期：{chinese_date(signatures.filled_on, date_text())}"),
    ])


def _lines(table: StatTable) -> list[tuple]:
    """The printed lines of the table: part headings and rows."""
    lines: list[tuple] = []
    current = None
    for r in table.rows:
        if r.part != current and r.part in table.parts:
            lines.append(("part", table.parts[r.part]))
            current = r.part
        lines.append(("row", INDENT * 2 * r.level + r.label, r.shown_code, format_value(table.values[r.code]),
                      table.parts.get(r.part, "")))
    return lines


def _split(lines: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Two balanced column groups; a part cut in two is headed again with （续） on the right."""
    middle = (len(lines) + 1) // 2
    if lines[middle - 1][0] == "part":
        middle -= 1
    left, right = lines[:middle], lines[middle:]
    if right and right[0][0] == "row" and right[0][4]:
        right = [("part", f"{right[0][4]}（续）"), *right]
    return left, right


def _cells(line: tuple | None) -> list:
    if line is None:
        return [value(""), value(""), value("")]
    if line[0] == "part":
        return [label(line[1], span=3, align="left", bold=True)]
    _, text, code, shown, _part = line
    return [value(text), label(code), value(shown, align="right")]


def _side_by_side(table: StatTable) -> Grid:
    a, b = _split(_lines(table))
    height = max(len(a), len(b))
    head = [label("项　　目"), label("行次"), label("数值")]
    rows = [row(head, head)]
    for i in range(height):
        rows.append(row(_cells(a[i] if i < len(a) else None), _cells(b[i] if i < len(b) else None)))
    return Grid(rows, columns=(*_SIDE, *_SIDE), row_height=_ROW_MM, size=_SIZE, header_rows=1)


def _part1_grid(table: StatTable, title: str) -> Grid:
    labels = [label(text) for text, _value, _unit in table.part1]
    values = [label(f"{value}{unit}") for _text, value, unit in table.part1]
    return Grid([row(label(title, span=len(labels), align="left", bold=True)), row(labels), row(values)],
                columns=(*(1,) * (len(labels) - 1), 1.6), row_height=_ROW_MM, size=_SIZE)


def stat_table_document(table: StatTable, signatures: Signatures) -> Document:
    blocks: list = [
        Title(table.title),
        Line(left=f"填报单位：{table.office_name}", center=f"统计时段：{period_text(table.start, table.end)}",
             right=_kind_box(table.kind)),
    ]
    if table.unit_note:
        blocks.append(Line(right=table.unit_note, size=9))
    if table.part1:
        blocks.append(_part1_grid(table, table.parts.get("一", "")))
    blocks += [_side_by_side(table), _signature_block(signatures)]
    return Document(blocks=blocks, header=table.office_name, title=table.title)


def render_stat_table(table: StatTable, signatures: Signatures) -> bytes:
    return render(stat_table_document(table, signatures))


def monthly_document(table: MonthlyTable, signatures: Signatures) -> Document:
    columns = table.columns
    head = [label("月份"), *[label(f"{c.label}（{c.unit}）") for c in columns]]
    rows: list[Row] = [row(head, height=14)]
    for key in (*table.month_keys, TOTAL_KEY):
        values = table.totals if key == TOTAL_KEY else table.cells[key]
        name = TOTAL_KEY if key == TOTAL_KEY else month_label(key)
        rows.append(row(label(name, bold=key == TOTAL_KEY),
                        *[value(format_value(values[c.code]), align="right") for c in columns]))
    note = ("注：合计栏的月末在册人数为统计时段末的在册人数；重新违法犯罪人数按人计，"
            "同一人在多个月份重新违法犯罪的，合计只计一次。")
    return Document(
        header=table.office_name, title=table.title,
        blocks=[
            Title(table.title),
            Line(left=f"填报单位：{table.office_name}", right=f"统计时段：{period_text(table.start, table.end)}"),
            Grid(rows, columns=(1.3, *([1] * len(columns))), row_height=8, size=_SIZE, header_rows=1),
            Paragraph(note, size=9),
            _signature_block(signatures),
        ],
    )


def render_monthly(table: MonthlyTable, signatures: Signatures) -> bytes:
    return render(monthly_document(table, signatures))


# Landscape text width 257 mm: 项目 64 mm and 行次 14 mm leave 179 mm, about 16 mm for each of
# 10 offices and 合计: enough for 100.00 at 9 pt; office names wrap onto two or three lines.
OFFICES_PER_PAGE = 10
_COMPARISON_FIXED = (64, 14)
_LANDSCAPE_MM = 257
_CARRIED_ROWS = 3   # rows that go over to the signatures' page rather than leave them alone


def office_groups(count: int, most: int = OFFICES_PER_PAGE) -> list[range]:
    """The offices' column indexes in balanced groups of at most ``most``."""
    groups = max(1, -(-count // most))
    size = max(1, -(-count // groups))
    return [range(first, min(first + size, count)) for first in range(0, count, size)] or [range(0)]


def _comparison_grid(comparison: Comparison, lines: list[cmp.Line], offices: range) -> Grid:
    shown = [*offices, len(comparison.units)]          # the group's offices and the total
    headings = comparison.headings
    width = len(shown) + 2
    rows = [row(label("项　　目"), label("行次"), *[label(headings[i], bold=i == shown[-1]) for i in shown])]
    for line in lines:
        if line.is_heading:
            rows.append(row(label(line.label, span=width, align="left", bold=True)))
            continue
        rows.append(row(value(INDENT * 2 * line.level + line.label), label(line.code),
                        *[value(cmp.cell_text(line.values[i]), align="right", bold=i == shown[-1]) for i in shown]))
    values = (_LANDSCAPE_MM - sum(_COMPARISON_FIXED)) / len(shown)
    return Grid(rows, columns=(*_COMPARISON_FIXED, *[values] * len(shown)), row_height=_ROW_MM, size=9,
                header_rows=1)


def _comparison_blocks(comparison: Comparison, signatures: Signatures, carry: int) -> list:
    """The title, a table per group of offices, the signature lines; the last ``carry`` rows
    start a page of their own (with the column headings), so the signatures never stand alone."""
    total = comparison.total
    lines = cmp.lines(comparison)
    groups = office_groups(len(comparison.units))
    blocks: list = [Title(f"{total.title}（分所对比）")]
    for number, offices in enumerate(groups):
        which = f"第{offices.start + 1}～{offices.stop}个司法所" if len(groups) > 1 else ""
        if number:
            blocks += [PageBreak(), Line(left=f"{total.title}（分所对比，续表）", right=which)]
        else:
            blocks += [Line(left=f"填报单位：{total.office_name}", center=f"统计时段：{period_text(total.start, total.end)}",
                            right=_kind_box(total.kind)),
                       Line(left=which, right=total.unit_note, size=9)]
        last = number == len(groups) - 1 and carry
        blocks.append(_comparison_grid(comparison, lines[:-carry] if last else lines, offices))
        if last:
            blocks += [PageBreak(), _comparison_grid(comparison, lines[-carry:], offices)]
    return [*blocks, _signature_block(signatures)]


def comparison_document(comparison: Comparison, signatures: Signatures) -> Document:
    def document(blocks: list) -> Document:
        return Document(blocks=blocks, header=comparison.total.office_name,
                        title=f"{comparison.total.title}（分所对比）", landscape=True)

    blocks = _comparison_blocks(comparison, signatures, carry=0)
    if layout(document(blocks)).page_count > layout(document(blocks[:-1])).page_count:
        blocks = _comparison_blocks(comparison, signatures, carry=_CARRIED_ROWS)
    return document(blocks)


def render_comparison(comparison: Comparison, signatures: Signatures) -> bytes:
    return render(comparison_document(comparison, signatures))
