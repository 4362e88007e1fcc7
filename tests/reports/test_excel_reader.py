"""Reading import workbooks: typed cells, headers, and the files that are no workbook at all."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest

from sifasuo_desktop.reports.excel.columns import MEDIATION, ROSTER, SHEETS, VISITS
from sifasuo_desktop.reports.excel.reader import ERROR, NOTICE, ExcelFileError, read_workbook
from sifasuo_desktop.reports.excel.templates import render_template
from tests.excel_files import id_number, record, titles, xlsx


def test_blank_templates_read_back_without_rows_or_issues():
    for kind in SHEETS:
        result = read_workbook(render_template(kind))
        assert list(result.sheets) == [kind]
        assert result.sheets[kind].usable and result.sheets[kind].rows == []
        assert result.issues == []


def test_cells_are_typed_by_their_column():
    data = xlsx({MEDIATION.name: [
        titles("mediation"),
        record("mediation", number="〔2025〕第3号", acceptance_date=datetime(2025, 3, 1), dispute_type="邻里",
               source="主动调解", applicants="张三、李四,王五", respondents="赵六", mediators=" 陈一 、 刘二 ",
               result="成功", concluded_date="2025年3月9日", agreement_form="书面",
               agreement_amount="12,000.505元", prevent_criminal=3.0, followup_dates="2025-04-01、2025/5/2"),
        record("mediation", acceptance_date="2025-03-02", dispute_type="合同", source="当事人申请",
               applicants="甲公司", respondents="乙", mediators="陈一", result="调解中", agreement_amount=800),
    ]})
    result = read_workbook(data)
    assert result.issues == []
    first, second = result.sheets["mediation"].rows
    assert first.number == 2 and second.number == 3
    assert first.values["acceptance_date"] == date(2025, 3, 1)
    assert first.values["applicants"] == ["张三", "李四", "王五"]
    assert first.values["mediators"] == ["陈一", "刘二"]
    assert first.values["concluded_date"] == date(2025, 3, 9)
    assert first.values["agreement_amount"] == Decimal("12000.51")
    assert first.values["prevent_criminal"] == 3
    assert first.values["followup_dates"] == [date(2025, 4, 1), date(2025, 5, 2)]
    assert first.values["summary"] is None
    assert second.values["acceptance_date"] == date(2025, 3, 2)
    assert second.values["agreement_amount"] == Decimal("800.00")


def test_roster_flags_ids_and_numbers_as_text():
    number = id_number()
    data = xlsx({ROSTER.name: [
        titles("roster"),
        record("roster", name="张三", id_number=number, residence_mismatch="是", three_nos="否",
               phone=13800138000, release_date=45352, handover_date=20240305),
        record("roster", name="李四", id_number=110101650101123, three_nos=True),
    ]})
    rows = read_workbook(data).sheets["roster"].rows
    assert rows[0].values["id_number"] == number
    assert rows[0].values["residence_mismatch"] is True and rows[0].values["three_nos"] is False
    assert rows[0].values["phone"] == "13800138000"
    assert rows[0].values["release_date"] == date(2024, 3, 1)      # Excel serial day 45352
    assert rows[0].values["handover_date"] == date(2024, 3, 5)     # 20240305 typed as a number
    assert rows[1].values["id_number"] == "110101650101123"        # an old 15-digit number
    assert rows[1].values["three_nos"] is True


def test_unreadable_cells_name_sheet_row_column_value_and_reason():
    data = xlsx({ROSTER.name: [
        titles("roster"),
        record("roster", name="张三", id_number=410101199003071235.0, release_date="2024-02-30",
               three_nos="有", residence_mismatch="否"),
    ], VISITS.name: [
        titles("visits"),
        [None, None, None],
        record("visits", id_number=id_number(), visit_date="下周", visit_type="家访"),
    ]})
    result = read_workbook(data)
    found = {(i.sheet, i.row, i.column, i.value): i.reason for i in result.issues}
    assert "末几位已丢失" in found[("安置帮教对象", 2, "公民身份号码*", "4.10101199003071E+17")]
    assert "不是有效日期" in found[("安置帮教对象", 2, "释放日期*", "2024-02-30")]
    assert found[("安置帮教对象", 2, "三无人员", "有")] == "应填“是”或“否”"
    assert "不是有效日期" in found[("走访记录", 3, "走访日期*", "下周")]     # after the skipped blank row 2
    roster_row = result.sheets["roster"].rows[0]
    assert roster_row.unreadable == {"id_number", "release_date", "three_nos"}
    assert roster_row.values["residence_mismatch"] is False
    assert all(i.level == ERROR for i in result.issues)


@pytest.mark.parametrize(("raw", "reason"), [
    (-5, "金额不能为负数"), ("很多", "应为金额"),
])
def test_bad_money(raw, reason):
    data = xlsx({MEDIATION.name: [titles("mediation"), record("mediation", agreement_amount=raw, result="成功")]})
    (issue,) = read_workbook(data).issues
    assert issue.column == "协议金额(元)" and reason in issue.reason


@pytest.mark.parametrize("raw", [1.5, -1, "两人"])
def test_bad_people_counts(raw):
    data = xlsx({MEDIATION.name: [titles("mediation"), record("mediation", prevent_fight=raw, result="成功")]})
    (issue,) = read_workbook(data).issues
    assert issue.column == "防止群体性械斗(人)" and issue.reason == "应为不小于0的整数"


def test_title_row_above_headers_and_tolerant_header_spelling():
    headers = [t.rstrip("*") for t in titles("visits")]          # the stars left out
    headers[0] = " 公民身份号码 "
    data = xlsx({VISITS.name: [["城关镇走访记录 2025年"], headers,
                               record("visits", id_number=id_number(), visit_date="2025-01-02", visit_type="电话")]})
    sheet = read_workbook(data).sheets["visits"]
    assert sheet.header_row == 2 and sheet.rows[0].number == 3
    roster = titles("roster")
    roster[roster.index("所属村(社区)*")] = "所属村（社区）*"          # full-width brackets
    assert read_workbook(xlsx({ROSTER.name: [roster]})).sheets["roster"].usable


def test_extra_columns_are_ignored_and_reported():
    data = xlsx({VISITS.name: [[*titles("visits"), "姓名"],
                               [*record("visits", id_number=id_number(), visit_date="2025-01-02",
                                        visit_type="电话"), "张三"]]})
    result = read_workbook(data)
    (notice,) = result.issues
    assert notice.level == NOTICE and notice.column == "姓名" and "已忽略" in notice.reason
    assert "姓名" not in result.sheets["visits"].rows[0].values


REQUIRED = [(spec.kind, c.title) for spec in SHEETS.values() for c in spec.columns if c.required]


@pytest.mark.parametrize(("kind", "title"), REQUIRED)
def test_every_missing_required_column_names_itself(kind, title):
    headers = [t for t in titles(kind) if t != title]
    data = xlsx({SHEETS[kind].name: [headers, ["x"] * len(headers)]})
    result = read_workbook(data)
    errors = [i for i in result.issues if i.level == ERROR]
    assert [(e.sheet, e.row, e.column, e.reason) for e in errors] == [
        (SHEETS[kind].name, 1, title, f"缺少必填列“{title}”")]
    assert not result.sheets[kind].usable and result.sheets[kind].rows == []


def test_duplicate_header_is_an_error():
    data = xlsx({VISITS.name: [[*titles("visits"), "方式"]]})
    (issue,) = read_workbook(data).issues
    assert issue.reason == "列“方式*”重复出现"
    assert not read_workbook(data).sheets["visits"].usable


def test_sheet_without_header_row():
    data = xlsx({VISITS.name: [["随便写的"], ["1", "2"]], ROSTER.name: [titles("roster")]})
    result = read_workbook(data)
    (issue,) = result.issues
    assert issue.sheet == "走访记录" and "找不到表头" in issue.reason
    assert result.sheets["roster"].usable and not result.sheets["visits"].usable


def test_other_sheets_are_ignored_with_a_notice_help_sheets_silently():
    data = xlsx({"Sheet1": [["a"]], VISITS.name: [titles("visits")], "说明": [["x"]], "代码表": [["y"]]})
    (issue,) = read_workbook(data).issues
    assert issue.level == NOTICE and issue.sheet == "Sheet1"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(("data", "words"), [
    (b"", "文件是空的"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "旧版 Excel（.xls）"),
    ("姓名,公民身份号码\n张三,410101199003071234\n".encode("gbk"), "CSV 或文本文件"),
    ("姓名,公民身份号码\n张三,410101199003071234\n".encode("utf-8-sig"), "CSV 或文本文件"),
    (bytes(range(256)) * 4, "不是 Excel 工作簿"),
    (_zip({"word/document.xml": b"<w/>"}), "不是有效的 Excel 工作簿"),
    (xlsx({"Sheet1": [["姓名", "身份证"]]}), "没有可导入的工作表"),
])
def test_files_that_are_no_import_workbook(data, words):
    with pytest.raises(ExcelFileError) as err:
        read_workbook(data)
    assert words in str(err.value)


def test_wrong_sheet_names_are_listed():
    with pytest.raises(ExcelFileError) as err:
        read_workbook(xlsx({"花名册": [titles("roster")], "Sheet2": []}))
    message = str(err.value)
    assert "“安置帮教对象”" in message and "现有 “花名册”、“Sheet2”" in message
