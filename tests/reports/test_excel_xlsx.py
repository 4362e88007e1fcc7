"""The lean .xlsx cell reader gives the values openpyxl gives (values_only), faster."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from sifasuo_desktop.reports.excel.templates import render_template
from sifasuo_desktop.reports.excel.xlsx import XlsxBook


def openpyxl_rows(data: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    result = {}
    for ws in book.worksheets:
        ws.reset_dimensions()
        result[ws.title] = [_trim(r) for r in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
    book.close()
    return result


def lean_rows(data: bytes) -> dict[str, list[tuple]]:
    book = XlsxBook(data)
    return {name: [_trim(r) for r in book.rows(name)] for name in book.sheetnames}


def _trim(row) -> tuple:
    values = list(row)
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


def test_same_values_as_openpyxl_for_an_openpyxl_workbook():
    wb = Workbook()
    ws = wb.active
    ws.title = "人员"
    ws.append(["姓名", "日期", "数", "小数", "是否", "公式"])
    ws.append(["张三", datetime(2024, 3, 1), 42, 3.5, True, "=1+1"])
    ws.append([])
    ws.append([None, None, 10**17, -0.25, False])
    ws["H5"] = CellRichText("富", TextBlock(InlineFont(b=True), "文本"))
    ws["B6"] = datetime(2024, 2, 29, 13, 30)
    ws["B6"].number_format = "yyyy年m月d日"
    wb.create_sheet("空")
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    lean = lean_rows(data)
    assert lean == openpyxl_rows(data)
    assert lean["人员"][1] == ("张三", datetime(2024, 3, 1), 42, 3.5, True)
    assert lean["人员"][2] == () and lean["人员"][4][7] == "富文本"
    assert lean["空"] == []


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_same_values_for_an_excel_style_workbook():
    """Shared strings (with a phonetic run), 1904 dates, custom date formats, errors, formula text,
    an absolute sheet path, cells without references: what Excel and WPS write."""
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {main} {rel}><workbookPr date1904="1"/>'
        '<sheets><sheet name="走访记录" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {main} count="3" uniqueCount="3">'
        '<si><t>公民身份号码*</t></si><si><r><t>走访</t></r><r><rPr><b/></rPr><t>日期*</t></r></si>'
        '<si><t>张三</t><rPh sb="0" eb="2"><t>ちょう</t></rPh></si></sst>',
        "xl/styles.xml": f'<?xml version="1.0"?><styleSheet {main}><numFmts count="1">'
        '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="49"/></cellXfs>'
        '</styleSheet>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {main}><dimension ref="A1:E4"/><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>43525</v></c><c r="C3" s="2"><v>43526.5</v></c>'
        '<c r="E3" t="e"><v>#N/A</v></c></row>'
        '<row r="4"><c t="str"><f>A3&amp;"x"</f><v>张三x</v></c><c t="b"><v>0</v></c><c s="3"><v>007</v></c>'
        '<c><f>1+1</f></c></row>'
        '</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    data = out.getvalue()
    lean = lean_rows(data)
    assert lean == openpyxl_rows(data)
    assert lean["走访记录"] == [("公民身份号码*", "走访日期*"), (),
                            ("张三", datetime(2023, 3, 2), datetime(2023, 3, 3, 12, 0), None, "#N/A"),
                            ("张三x", False, 7)]


def test_same_values_for_our_own_templates():
    for kind in ("roster", "visits", "mediation"):
        data = render_template(kind, villages=["东街社区"])
        assert lean_rows(data) == openpyxl_rows(data)
