"""Reading an import workbook: Excel bytes -> typed rows of the template sheets, plus issues.

Whatever sheets of DOMAIN §10 the workbook has are read; headers match exactly (a trailing
``*``, blanks and full-width brackets aside). Cells are converted by their column's kind; a cell
that cannot be read becomes an issue naming sheet, row, column, value and reason. Files that
are no workbook at all (an .xls, a CSV renamed .xlsx, an empty file) raise :class:`ExcelFileError`.
Semantic checks (ID numbers, code lists, dates against each other) belong to the importer.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain.dates import parse_iso
from sifasuo_desktop.reports.excel.columns import (
    CODES_SHEET, DATE, DATES, FLAG, HELP_SHEET, ID, INT, MONEY, NAMES, NO, SHEETS, SHEETS_BY_NAME, TEXT, YES,
    SheetSpec,
)

if TYPE_CHECKING:
    from sifasuo_desktop.reports.excel.xlsx import XlsxBook

ERROR, NOTICE = "错误", "提示"
HEADER_SEARCH_ROWS = 10
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SEPARATORS = re.compile(r"[、，,；;]+")
_CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$")
_EXCEL_EPOCH = date(1899, 12, 30)


class ExcelFileError(UserError):
    """The file cannot be read as an import workbook at all; the message says why, in Chinese."""


@dataclass(frozen=True)
class Issue:
    """One problem (``level`` 错误) or notice (``level`` 提示) of an import."""

    sheet: str
    row: int | None          # the row number as Excel shows it; None for the whole sheet
    column: str              # the column header (with ``*``), or "" for the whole row
    value: str
    reason: str
    level: str = ERROR


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    values: dict[str, Any]                       # column key -> typed value, None when empty
    unreadable: frozenset[str] = frozenset()     # keys whose cell gave an issue


@dataclass
class SheetRows:
    spec: SheetSpec
    header_row: int
    rows: list[Row]
    usable: bool                                 # False when the headers are incomplete


@dataclass
class WorkbookRows:
    sheets: dict[str, SheetRows]                 # by spec kind: roster / visits / mediation
    issues: list[Issue]

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets.values())


def read_workbook(data: bytes) -> WorkbookRows:
    """Read every template sheet of the workbook in ``data`` (the bytes of an .xlsx file)."""
    workbook = _open(data)
    titles = workbook.sheetnames
    issues: list[Issue] = []
    sheets: dict[str, SheetRows] = {}
    try:
        for title in titles:
            spec = SHEETS_BY_NAME.get(title.strip())
            if spec is None:
                if title.strip() not in (HELP_SHEET, CODES_SHEET):
                    issues.append(Issue(title, None, "", "", f"工作表“{title}”不是导入模板的工作表，已忽略", NOTICE))
                continue
            try:
                sheets[spec.kind] = _read_sheet(workbook.rows(title), spec, issues)
            except (SyntaxError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error):
                raise ExcelFileError(f"工作簿已损坏，无法读取工作表“{title}”。请在 Excel/WPS 中打开并另存后再导入。") from None
    finally:
        workbook.close()
    if not sheets:
        expected = "、".join(f"“{s.name}”" for s in SHEETS.values())
        found = "、".join(f"“{t}”" for t in titles) or "无"
        raise ExcelFileError(f"工作簿中没有可导入的工作表：应有 {expected} 之一，现有 {found}。"
                             "请使用“下载导入模板”得到的模板，不要修改工作表名称。")
    return WorkbookRows(sheets, issues)


def _open(data: bytes) -> XlsxBook:
    from sifasuo_desktop.reports.excel.xlsx import XlsxBook, XlsxError   # openpyxl: only when a file is read

    if not data:
        raise ExcelFileError("文件是空的（0 字节），不是 Excel 工作簿。")
    if data.startswith(_OLE_MAGIC):
        raise ExcelFileError("这是旧版 Excel（.xls）文件或设置了打开密码的文件，无法读取。请在 Excel/WPS 中打开，"
                             "去掉密码，“另存为”Excel 工作簿（.xlsx）后再导入。")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if _looks_like_text(data):
            raise ExcelFileError("这是 CSV 或文本文件（只是扩展名为 .xlsx），不是 Excel 工作簿。请在 Excel/WPS 中打开，"
                                 "“另存为”Excel 工作簿（.xlsx）后再导入。")
        raise ExcelFileError("文件不是 Excel 工作簿（.xlsx），可能已损坏或是其他类型的文件。")
    try:
        return XlsxBook(data)
    except XlsxError:
        raise ExcelFileError("文件不是有效的 Excel 工作簿（.xlsx）：其中没有工作簿内容，可能是其他程序的文件。") from None


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def normalise_header(text: Any) -> str:
    """``所属村（社区） *`` -> ``所属村(社区)``: blanks, the required mark and bracket widths ignored."""
    value = re.sub(r"\s+", "", str(text or "")).replace("（", "(").replace("）", ")")
    return value.rstrip("*＊")


def _read_sheet(rows: Iterator[tuple], spec: SheetSpec, issues: list[Issue]) -> SheetRows:
    rows_iter = iter(rows)
    known = spec.headers
    header_row, positions = 0, {}
    for number, values in enumerate(rows_iter, start=1):
        names = [normalise_header(v) for v in values]
        if sum(1 for n in names if n in known) >= 2:
            header_row = number
            positions = _match_headers(spec, names, values, number, issues)
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if not header_row:
        issues.append(Issue(spec.name, None, "", "", f"工作表“{spec.name}”中找不到表头：前{HEADER_SEARCH_ROWS}行中"
                            f"没有模板的列名（如“{spec.columns[0].title}”“{spec.columns[1].title}”）"))
        return SheetRows(spec, 0, [], False)
    missing = [c for c in spec.columns if c.required and c.key not in positions]
    for column in missing:
        issues.append(Issue(spec.name, header_row, column.title, "", f"缺少必填列“{column.title}”"))
    usable = not missing and not any(i.sheet == spec.name and i.row == header_row and i.level == ERROR for i in issues)
    rows: list[Row] = []
    if usable:
        readers = [(column, index, _READERS[column.kind]) for column, index in
                   ((spec.column(k), i) for k, i in positions.items())]
        for number, values in enumerate(rows_iter, start=header_row + 1):
            row = _read_row(spec, number, values, readers, issues)
            if row is not None:
                rows.append(row)
    return SheetRows(spec, header_row, rows, usable)


def _match_headers(spec: SheetSpec, names: list[str], raw: tuple, number: int, issues: list[Issue]) -> dict[str, int]:
    known = spec.headers
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name:
            continue
        column = known.get(name)
        if column is None:
            issues.append(Issue(spec.name, number, str(raw[index]), str(raw[index]),
                                f"列“{raw[index]}”不是模板中的列，已忽略", NOTICE))
        elif column.key in positions:
            issues.append(Issue(spec.name, number, column.title, str(raw[index]), f"列“{column.title}”重复出现"))
        else:
            positions[column.key] = index
    return positions


def _read_row(spec: SheetSpec, number: int, values: tuple, readers, issues: list[Issue]) -> Row | None:
    typed: dict[str, Any] = {}
    unreadable: list[str] = []
    blank = True
    for column, index, reader in readers:
        raw = values[index] if index < len(values) else None
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            typed[column.key] = None
            continue
        blank = False
        try:
            typed[column.key] = reader(raw)
        except ValueError as err:
            typed[column.key] = None
            unreadable.append(column.key)
            issues.append(Issue(spec.name, number, column.title, display(raw), str(err)))
    if blank:
        return None
    return Row(number, typed, frozenset(unreadable)) if unreadable else Row(number, typed)


def display(value: Any) -> str:
    """A cell value as the user would read it."""
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else f"{value:.15G}"   # as Excel shows it
    return str(value)


# --- cell readers by kind: raw cell value -> typed value, or ValueError with the reason ------

def _text(raw: Any) -> str:
    return display(raw).strip()


def _id(raw: Any) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if abs(raw) >= 1e15:
            raise ValueError("号码被 Excel 存成了数字，末几位已丢失：请把该列设为文本格式后重新输入号码")
        return str(int(raw))
    return str(raw).strip()


def _date(raw: Any) -> date:
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = _number_date(raw)
    else:
        value = _text_date(str(raw))
    if value.year < 1900:
        raise ValueError("日期不合理（早于1900年）")
    return value


def _number_date(raw: float) -> date:
    if 19000101 <= raw <= 99991231 and float(raw).is_integer():        # 20240301 typed as a number
        return _text_date(str(int(raw)))
    if 1 <= raw < 2958466:                                              # an Excel serial day number
        return date.fromordinal(_EXCEL_EPOCH.toordinal() + int(raw))
    raise ValueError("不是有效日期，应为 YYYY-MM-DD")


def _text_date(text: str) -> date:
    match = _CN_DATE.match(text.replace(" ", ""))
    if match:
        text = "-".join(match.groups())
    elif re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    elif re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}(:\d{2})?", text):
        text = re.split(r"[ T]", text)[0]
    try:
        return parse_iso(text)
    except ValueError:
        raise ValueError("不是有效日期，应为 YYYY-MM-DD（如 2024-03-01）") from None


def _dates(raw: Any) -> list[date]:
    if not isinstance(raw, str):
        return [_date(raw)]
    return [_date(part) for part in _SEPARATORS.split(raw) if part.strip()]


def _flag(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip()
    if text == YES:
        return True
    if text == NO:
        return False
    raise ValueError(f"应填“{YES}”或“{NO}”")


def _int(raw: Any) -> int:
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueError("应为不小于0的整数") from None
    if number < 0 or number != number.to_integral_value():
        raise ValueError("应为不小于0的整数")
    return int(number)


def _money(raw: Any) -> Decimal:
    text = str(raw).strip().replace(",", "").replace("，", "").removesuffix("元")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError("应为金额（元），如 12000 或 3500.50") from None
    if not number.is_finite() or number < 0:
        raise ValueError("金额不能为负数")
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _names(raw: Any) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(display(raw)) if part.strip()]


_READERS = {TEXT: _text, ID: _id, DATE: _date, DATES: _dates, FLAG: _flag, INT: _int, MONEY: _money,
            NAMES: _names}

