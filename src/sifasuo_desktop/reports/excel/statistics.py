"""The statistics tables as Excel workbooks: the form as printed, plus a flat sheet to sum.

    write_stat_table(table: StatTable, signatures: Signatures) -> bytes
    write_monthly(table: MonthlyTable, signatures: Signatures) -> bytes
    write_comparison(comparison: Comparison, signatures: Signatures) -> bytes

Sheet 1 has the layout of the PDF (title, 填报单位, 统计时段, 半年报/全年报, rows with 行次,
signature lines). Sheet ``汇总`` is flat: 行次 / 项目 / 数值, one line per code with numbers as
numbers (rates and money with two decimals, empty when the rate has no denominator), so a
district can add up its offices' files. Part 一 of the 7号表 appears there as 一.1 … 一.6.

A district's workbook (``write_comparison``) has three sheets: ``汇总``, the district total in
the form's layout; ``分所对比``, one column per office and 合计 (the total as computed, its rates
from the summed counts); ``汇总数值``, the flat lines of the total.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sifasuo_desktop.domain.comparison import Comparison, lines
from sifasuo_desktop.domain.dates import chinese_date
from sifasuo_desktop.domain.monthly_table import TOTAL_KEY, MonthlyTable, month_label
from sifasuo_desktop.domain.statistics import ANNUAL, HALF_YEAR, Signatures, StatTable, Value, period_text

FLAT_SHEET = "汇总"
DISTRICT_SHEETS = ("汇总", "分所对比", "汇总数值")   # form of the total, offices side by side, flat
FLAT_HEADER = ("行次", "项目", "数值")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "宋体"
_TITLE = Font(name=_FONT, size=16, bold=True)
_BOLD = Font(name=_FONT, bold=True)
_PLAIN = Font(name=_FONT)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _cell_value(value: Value | str):
    return float(value) if isinstance(value, Decimal) else value


def _number_format(value: Value) -> str:
    return "0.00" if isinstance(value, Decimal) else "0"


def _put(ws: Worksheet, row: int, column: int, value, *, font: Font = _PLAIN, box: bool = True,
         align: Alignment | None = None, number_format: str | None = None):
    cell = ws.cell(row=row, column=column, value=value)
    cell.font = font
    if box:
        cell.border = _BOX
    if align is not None:
        cell.alignment = align
    if number_format:
        cell.number_format = number_format
    return cell


def _heading(ws: Worksheet, title: str, office: str, start: date, end: date, width: int, kind: str | None) -> int:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    _put(ws, 1, 1, title, font=_TITLE, box=False, align=_CENTER)
    ws.row_dimensions[1].height = 30
    _put(ws, 2, 1, f"填报单位：{office}", box=False)
    _put(ws, 3, 1, f"统计时段：{period_text(start, end)}", box=False)
    if kind is not None:
        box = "　".join(("■" if kind == name else "□") + name for name in (HALF_YEAR, ANNUAL))
        _put(ws, 2, width, box, box=False, align=Alignment(horizontal="right"))
    return 5


def _signatures(ws: Worksheet, row: int, signatures: Signatures) -> None:
    filled = signatures.filled_on
    parts = (f"单位负责人：{signatures.head}", f"填表人：{signatures.filler}", f"审核人：{signatures.reviewer}",
             f"填报日期：{chinese_date(filled)}")
    for index, text in enumerate(parts):
        _put(ws, row + index, 1, text, box=False)


def _flat_sheet(wb: Workbook, lines: list[tuple[str, str, object]], name: str = FLAT_SHEET) -> None:
    ws = wb.create_sheet(name)
    for column, (header, width) in enumerate(zip(FLAT_HEADER, (14, 36, 14)), start=1):
        _put(ws, 1, column, header, font=_BOLD, align=_CENTER)
        ws.column_dimensions[get_column_letter(column)].width = width
    for row, (code, label, value) in enumerate(lines, start=2):
        _put(ws, row, 1, code)
        _put(ws, row, 2, label)
        _put(ws, row, 3, _cell_value(value), number_format=_number_format(value) if value is not None else None)
    ws.freeze_panes = "A2"


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _flat_lines(table: StatTable) -> list[tuple[str, str, object]]:
    flat = [(f"一.{i}", text, value) for i, (text, value, _unit) in enumerate(table.part1, start=1)]
    return flat + [(r.code, r.label, table.values[r.code]) for r in table.rows]


def write_stat_table(table: StatTable, signatures: Signatures) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = table.title[:31]
    _form_sheet(ws, table, signatures)
    _flat_sheet(wb, _flat_lines(table))
    return _bytes(wb)


def _form_sheet(ws: Worksheet, table: StatTable, signatures: Signatures) -> None:
    """The form as printed: heading, Part 一, the rows with 行次 and unit, signature lines."""
    for column, width in zip("ABCD", (40, 10, 14, 8)):
        ws.column_dimensions[column].width = width
    row = _heading(ws, table.title, table.office_name, table.start, table.end, 4, table.kind)
    if table.unit_note:
        _put(ws, 3, 4, table.unit_note, box=False, align=Alignment(horizontal="right"))
    if table.part1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        _put(ws, row, 1, table.parts.get("一", ""), font=_BOLD)
        row += 1
        for text, value, unit in table.part1:
            _put(ws, row, 1, text)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
            _put(ws, row, 2, value, align=Alignment(horizontal="right"))
            _put(ws, row, 4, unit, align=_CENTER)
            row += 1
        row += 1
    for column, header in enumerate(("项　　目", "行次", "数值", "单位"), start=1):
        _put(ws, row, column, header, font=_BOLD, align=_CENTER)
    header_row = row
    current = None
    for r in table.rows:
        row += 1
        if r.part != current and r.part in table.parts:
            current = r.part
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            _put(ws, row, 1, table.parts[r.part], font=_BOLD)
            row += 1
        value = table.values[r.code]
        _put(ws, row, 1, r.label, align=Alignment(indent=2 * r.level))
        _put(ws, row, 2, r.shown_code, align=_CENTER)
        _put(ws, row, 3, _cell_value(value) if value is not None else "—", number_format=_number_format(value),
             align=Alignment(horizontal="right"))
        _put(ws, row, 4, r.unit, align=_CENTER)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    _signatures(ws, row + 2, signatures)


def write_monthly(table: MonthlyTable, signatures: Signatures) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "逐月统计表"
    width = len(table.columns) + 1
    row = _heading(ws, table.title, table.office_name, table.start, table.end, width, None)
    _put(ws, row, 1, "月份", font=_BOLD, align=_CENTER)
    ws.column_dimensions["A"].width = 14
    for index, column in enumerate(table.columns, start=2):
        _put(ws, row, index, f"{column.label}（{column.unit}）", font=_BOLD, align=_CENTER)
        ws.column_dimensions[get_column_letter(index)].width = 13
    ws.row_dimensions[row].height = 32
    for key in (*table.month_keys, TOTAL_KEY):
        row += 1
        values = table.totals if key == TOTAL_KEY else table.cells[key]
        _put(ws, row, 1, TOTAL_KEY if key == TOTAL_KEY else month_label(key), align=_CENTER,
             font=_BOLD if key == TOTAL_KEY else _PLAIN)
        for index, column in enumerate(table.columns, start=2):
            _put(ws, row, index, values[column.code])
    _signatures(ws, row + 2, signatures)
    _flat_sheet(wb, table.flat())
    return _bytes(wb)


def _comparison_sheet(ws: Worksheet, comparison: Comparison, signatures: Signatures) -> None:
    total = comparison.total
    headings = ("项　　目", "行次", *comparison.headings)
    width = len(headings)
    row = _heading(ws, f"{total.title}（分所对比）", total.office_name, total.start, total.end, width, total.kind)
    if total.unit_note:
        _put(ws, 3, width, total.unit_note, box=False, align=Alignment(horizontal="right"))
    for column, (text, size) in enumerate(zip(headings, (40, 10, *[12] * (width - 2))), start=1):
        _put(ws, row, column, text, font=_BOLD, align=_CENTER)
        ws.column_dimensions[get_column_letter(column)].width = size
    ws.row_dimensions[row].height = 32
    ws.freeze_panes = ws.cell(row=row + 1, column=3)
    for line in lines(comparison):
        row += 1
        if line.is_heading:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            _put(ws, row, 1, line.label, font=_BOLD)
            continue
        _put(ws, row, 1, line.label, align=Alignment(indent=2 * line.level))
        _put(ws, row, 2, line.code, align=_CENTER)
        for column, value in enumerate(line.values, start=3):
            _put(ws, row, column, "—" if value is None else _cell_value(value), align=Alignment(horizontal="right"),
                 number_format=_number_format(value), font=_BOLD if column == width else _PLAIN)
    _signatures(ws, row + 2, signatures)


def write_comparison(comparison: Comparison, signatures: Signatures) -> bytes:
    """A district's workbook: the total as the form, the offices side by side, the flat lines."""
    form, side_by_side, flat = DISTRICT_SHEETS
    wb = Workbook()
    wb.active.title = form
    _form_sheet(wb.active, comparison.total, signatures)
    _comparison_sheet(wb.create_sheet(side_by_side), comparison, signatures)
    _flat_sheet(wb, _flat_lines(comparison.total), flat)
    return _bytes(wb)
