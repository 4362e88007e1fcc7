"""Building small .xlsx files for the Excel tests (with openpyxl, as an office clerk's file would be)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook, load_workbook

from sifasuo_desktop.reports.excel.columns import SHEETS


def xlsx(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook with one sheet per entry, rows given as lists of cell values."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def titles(kind: str) -> list[str]:
    return [c.title for c in SHEETS[kind].columns]


def record(kind: str, **values: Any) -> list[Any]:
    """A data row of sheet ``kind`` in template column order, from column keys."""
    keys = [c.key for c in SHEETS[kind].columns]
    unknown = set(values) - set(keys)
    assert not unknown, unknown
    return [values.get(k) for k in keys]


def open_book(data: bytes, **kwargs):
    return load_workbook(io.BytesIO(data), **kwargs)


def id_number(birth: str = "19900307", seq: str = "123", region: str = "410101") -> str:
    """A valid 18-character 公民身份号码 (odd ``seq`` = male)."""
    from sifasuo_desktop.domain.idnumber import check_character

    first17 = region + birth + seq
    return first17 + check_character(first17)
