"""Exported lists (花名册, 未衔接人员, 走访记录, 人民调解台账) and the import problem list.

Lists that mirror an import template use its sheet name and headers (a list exported with full
公民身份号码 can be imported again); columns of their own come after the template's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sifasuo_desktop.reports.excel.columns import DATE, INT, ROSTER, VISITS, Column, SheetSpec

ROSTER_EXTRAS = (
    Column("状态", "state", width=8),
    Column("列管日期", "register_start", DATE),
    Column("帮教期满日期", "expiry", DATE, width=14),
    Column("剩余天数", "days_left", INT, width=10),
)
VISIT_EXTRAS = (Column("姓名", "name", width=10), Column("所属村(社区)", "village", width=12))

UNCONNECTED = SheetSpec("unconnected", "未衔接人员", (
    *(ROSTER.column(k) for k in ("name", "id_number", "sex", "birth_date", "village", "household_address",
                                  "residence_address", "phone", "charge", "original_sentence", "source",
                                  "release_date", "category")),
    Column("原服刑场所", "prison", width=18),
    Column("通知书收到日期", "notice_date", DATE, width=14),
    Column("未衔接天数", "days", INT, width=10),
    Column("备注", "notes", width=24),
))

ISSUE_COLUMNS = (
    Column("类型", "level", width=6), Column("工作表", "sheet", width=14), Column("行", "row", INT, width=6),
    Column("列", "column", width=16), Column("单元格内容", "value", width=22), Column("原因", "reason", width=60),
)
ISSUES = SheetSpec("issues", "导入问题", ISSUE_COLUMNS)


@dataclass(frozen=True)
class ListTable:
    """A list to write: the sheet (name and the template columns it mirrors), the chosen columns
    in order, one sequence of values per row (in column order) and a title above the headers."""

    spec: SheetSpec
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Any]]
    title: str


def roster_columns() -> tuple[Column, ...]:
    """Every column a 花名册 can have: the template's, then its own."""
    return (*ROSTER.columns, *ROSTER_EXTRAS)


def visit_columns() -> tuple[Column, ...]:
    first, *rest = VISITS.columns
    return (first, *VISIT_EXTRAS, *rest)


def render_list(table: ListTable, notes: Sequence[str] = ()) -> bytes:
    """The list as .xlsx bytes, with drop-downs where the template has them and a 说明 sheet."""
    from sifasuo_desktop.reports.excel.sheets import Book   # openpyxl: only when a list is written

    book = Book()
    book.table(table.spec, table.rows, columns=table.columns, title=table.title)
    book.help_sheet(notes)
    return book.bytes()


def render_issues(rows: Sequence[Sequence[Any]], title: str) -> bytes:
    """The problems of an import (类型, 工作表, 行, 列, 单元格内容, 原因) as a workbook."""
    from sifasuo_desktop.reports.excel.sheets import Book

    book = Book()
    book.table(ISSUES, rows, title=title)
    return book.bytes()
