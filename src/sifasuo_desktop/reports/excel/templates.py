"""Blank import templates (DOMAIN §10): the sheet with its exact headers, drop-down code lists,
formatted date and text columns, and a 说明 sheet explaining every column."""

from __future__ import annotations

from collections.abc import Sequence

from sifasuo_desktop.reports.excel.columns import SHEETS


def render_template(kind: str, villages: Sequence[str] = ()) -> bytes:
    """The blank template ``roster``, ``visits`` or ``mediation`` as .xlsx bytes.

    ``villages`` (the office's 村(社区)) become the drop-down of 所属村(社区) in the roster.
    """
    if kind not in SHEETS:
        raise ValueError(f"未知的模板：{kind}（应为 {'、'.join(SHEETS)}）")
    from sifasuo_desktop.reports.excel.sheets import Book   # openpyxl: only when a template is written

    book = Book()
    book.table(SHEETS[kind], [], choices={"village": tuple(villages)} if villages else None)
    book.help_sheet()
    return book.bytes()
