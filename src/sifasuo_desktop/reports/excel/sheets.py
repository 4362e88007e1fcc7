"""Writing a template-shaped sheet: headers with ``*``, column formats, drop-down lists, 说明.

Shared by the blank templates and the exported lists (write-only workbooks, so a list of
100,000 rows streams to the file instead of living in memory).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from sifasuo_desktop.reports.excel.columns import (
    CODES_SHEET, DATE, DATES, FLAG, HELP_SHEET, ID, INT, KIND_FORMATS, MONEY, NAME_SEPARATOR, NAMES, NO, TEXT, YES,
    Column, SheetSpec,
)

DATE_FORMAT = "yyyy-mm-dd"
LAST_ROW = 1048576
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FONT = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")


class Book:
    """A write-only workbook being filled sheet by sheet; ``bytes()`` closes and returns it."""

    def __init__(self) -> None:
        self.wb = Workbook(write_only=True)
        self._codes: list[tuple[str, tuple[str, ...]]] = []   # (header, values) in the hidden sheet
        self._specs: list[tuple[SheetSpec, Sequence[Column]]] = []

    def _code_range(self, column: Column, choices: tuple[str, ...]) -> str:
        for index, (header, values) in enumerate(self._codes):
            if values == choices:
                break
        else:
            self._codes.append((column.header, choices))
            index = len(self._codes) - 1
        letter = get_column_letter(index + 1)
        return f"{quote_sheetname(CODES_SHEET)}!${letter}$2:${letter}${len(choices) + 1}"

    def table(self, spec: SheetSpec, rows: Iterable[Sequence[Any]], *, columns: Sequence[Column] | None = None,
              title: str | None = None, choices: dict[str, tuple[str, ...]] | None = None) -> None:
        """One sheet named after ``spec`` with ``columns`` (default: all of the spec) and ``rows``
        (values in column order: str, date, bool for 是/否, numbers, lists for 、-joined names).
        ``choices`` adds drop-down values for columns that have none in the spec (villages)."""
        columns = list(columns or spec.columns)
        ws = self.wb.create_sheet(spec.name)
        header_row = 2 if title else 1
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = column.width
            if column.kind == DATE:
                ws.column_dimensions[letter].number_format = DATE_FORMAT
            elif column.kind in (ID, TEXT):
                ws.column_dimensions[letter].number_format = "@"
            values = column.choices or (choices or {}).get(column.key, ())
            if column.kind == FLAG:
                dv = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
            elif values:
                dv = DataValidation(type="list", formula1=self._code_range(column, tuple(values)), allow_blank=True)
            else:
                continue
            dv.errorStyle = "stop" if column.strict else "warning"
            dv.showErrorMessage = True
            dv.errorTitle = column.header
            dv.error = f"请从下拉列表中选择“{column.header}”" + ("" if column.strict else "（也可填写代码或新名称）")
            dv.add(f"{letter}{header_row + 1}:{letter}{LAST_ROW}")
            ws.data_validations.append(dv)
        ws.freeze_panes = f"A{header_row + 1}"
        if title:
            cell = WriteOnlyCell(ws, title)
            cell.font = _TITLE_FONT
            ws.append([cell])
        ws.append([self._header_cell(ws, c) for c in columns])
        for row in rows:
            ws.append([_cell_value(c, v) for c, v in zip(columns, row)])
        self._specs.append((spec, columns))

    @staticmethod
    def _header_cell(ws, column: Column) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, column.title)
        cell.font = _REQUIRED_FONT if column.required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        return cell

    def help_sheet(self, extra_notes: Sequence[str] = ()) -> None:
        """The 说明 sheet: general rules, then one row per column of every table sheet."""
        ws = self.wb.create_sheet(HELP_SHEET)
        for letter, width in zip("ABCDEF", (16, 20, 8, 22, 40, 50)):
            ws.column_dimensions[letter].width = width
        title = WriteOnlyCell(ws, "填写说明")
        title.font = _TITLE_FONT
        ws.append([title])
        for note in (*GENERAL_NOTES, *extra_notes):
            ws.append([note])
        ws.append([])
        ws.append([self._bold(ws, h) for h in ("工作表", "列名", "必填", "格式", "可选值", "说明")])
        for spec, columns in self._specs:
            for column in columns:
                options = "、".join(column.choices) if column.kind != FLAG else f"{YES}、{NO}"
                if len(options) > 120:
                    options = options[:120] + "……（见下拉列表）"
                note = WriteOnlyCell(ws, column.note)
                note.alignment = _WRAP
                ws.append([spec.name, column.title, YES if column.required else "", KIND_FORMATS[column.kind],
                           options, note])

    @staticmethod
    def _bold(ws, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, text)
        cell.font = _HEADER_FONT
        return cell

    def bytes(self) -> bytes:
        if self._codes:
            ws = self.wb.create_sheet(CODES_SHEET)
            ws.sheet_state = "hidden"
            ws.append([header for header, _ in self._codes])
            longest = max(len(values) for _, values in self._codes)
            for i in range(longest):
                ws.append([values[i] if i < len(values) else None for _, values in self._codes])
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


GENERAL_NOTES = (
    "1. 列名必须与模板一致，带“*”的列必须填写；模板以外的列在导入时忽略。",
    "2. 日期可填 Excel 日期，或按 YYYY-MM-DD 填写（如 2024-03-01）。",
    "3. 是/否 列填“是”或“否”；一个单元格中的多个姓名用顿号“、”分隔。",
    "4. 公民身份号码列已设为文本格式，请勿改为数字格式（数字格式会丢失末几位）。",
    "5. 导入时逐行检查；任何一行有错误时整份文件都不导入，并列出错误所在的工作表、行、列和原因。"
    "也可以选择只导入无误的行。",
    "6. 系统中已有的人员（公民身份号码相同）不会重复建立；勾选“更新已有人员”时更新其信息。",
)


def _cell_value(column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind == FLAG:
        return YES if value else NO
    if column.kind == DATES and not isinstance(value, str) and len(value) == 1:
        return value[0]                                          # one date: a real Excel date
    if column.kind in (NAMES, DATES) and not isinstance(value, str):
        return NAME_SEPARATOR.join(v.isoformat() if isinstance(v, date) else str(v) for v in value)
    if column.kind == DATE and isinstance(value, datetime):
        return value.date()
    if column.kind == MONEY and isinstance(value, Decimal):
        return float(value)
    if column.kind == INT:
        return int(value) or None    # 0 people = not flagged: left blank
    return value
