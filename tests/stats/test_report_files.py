"""The reports as files: PDF text read back, Excel read back cell by cell, JSON, audit entries."""

import io
import json
from datetime import date

from openpyxl import load_workbook

from reports.pdfcheck import compact, pdf_pages, pdf_rows
from sifasuo_desktop.domain import mediation_table as mt
from sifasuo_desktop.domain import monthly_table
from sifasuo_desktop.domain import table7 as t7
from sifasuo_desktop.services import audit, office, report_export, report_settings

S, E = date(2026, 1, 1), date(2026, 6, 30)
PART1 = {"stations": 2, "helper_groups": 9, "staff_fulltime": 3, "staff_parttime": 4, "volunteers": 15, "budget": True}


def _line_has(rows: list[str], *parts: str) -> bool:
    wanted = compact("".join(parts))
    return any(wanted in line for line in rows)


def test_table7_pdf_is_one_a4_page_with_every_row_code_and_value(ctx, scenario):
    office.update_office(ctx, code="410101001", name="测试镇司法所", head_name="王所长")
    report_settings.save_part1(ctx, PART1)
    pdf = report_export.export(ctx, "table7", S, E, "pdf")
    assert len(pdf_pages(pdf)) == 1
    rows = pdf_rows(pdf)
    assert "刑满释放人员安置帮教工作情况统计表" in rows
    assert _line_has(rows, "填报单位：测试镇司法所", "统计时段：2026年1月1日至2026年6月30日", "■半年报□全年报")
    assert _line_has(rows, "2个9个3人4人15人是")
    table = report_export.build(ctx, "table7", S, E)
    for row in t7.ROWS:
        assert _line_has(rows, row.label, row.code, table.text(row.code)), row.code
    assert _line_has(rows, "衔接率(%)866.67")
    assert _line_has(rows, "单位负责人：王所长", "填表人：张所长", "审核人：")
    assert _line_has(rows, "填报日期：2026年11月24日")


def test_annual_box_is_ticked_for_a_whole_year(ctx):
    rows = pdf_rows(report_export.export(ctx, "table7", date(2026, 1, 1), date(2026, 12, 31), "pdf"))
    assert _line_has(rows, "□半年报■全年报")
    rows = pdf_rows(report_export.export(ctx, "table7", date(2026, 3, 1), date(2026, 5, 31), "pdf"))
    assert _line_has(rows, "□半年报□全年报")


def test_mediation_pdf_prints_short_codes_for_the_splits(ctx, cases):
    pdf = report_export.export(ctx, "mediation", S, E, "pdf")
    rows = pdf_rows(pdf)
    assert len(pdf_pages(pdf)) == 1
    assert "人民调解工作统计表" in rows
    assert _line_has(rows, "受理纠纷件数M15")
    assert _line_has(rows, "邻里M1.22")
    assert _line_has(rows, "委托移送M1.211")
    assert _line_has(rows, "调解成功率(%)M475.00")
    assert _line_has(rows, "协议涉及金额(万元)M61.73")
    assert _line_has(rows, "防止群体性上访（人）M11.112")


def test_monthly_pdf_has_a_line_per_month_and_the_total(ctx, scenario, cases):
    rows = pdf_rows(report_export.export(ctx, "monthly", S, E, "pdf"))
    assert _line_has(rows, "2026年1月", "1", "1", "9", "2", "1", "1", "2")
    assert _line_has(rows, "合计", "4", "6", "7", "5", "3", "5", "3")


def test_table7_excel_reads_back_cell_by_cell(ctx, scenario):
    report_settings.save_part1(ctx, PART1)
    book = load_workbook(io.BytesIO(report_export.export(ctx, "table7", S, E, "xlsx")))
    form, flat = book.worksheets
    assert form["A1"].value == "刑满释放人员安置帮教工作情况统计表"
    assert form["A2"].value == "填报单位：测试镇司法所" and form["D2"].value == "■半年报　□全年报"
    lines = list(form.iter_rows(min_row=5, max_col=4, values_only=True))
    assert lines[1:7] == [("工作站数", 2, None, "个"), ("帮教小组数", 9, None, "个"), ("专职工作人员", 3, None, "人"),
                          ("兼职工作人员", 4, None, "人"), ("志愿者", 15, None, "人"), ("专项经费列入政府预算", "是", None, None)]
    header = lines.index(("项　　目", "行次", "数值", "单位"))
    by_code = {code: (label, value, unit) for label, code, value, unit in lines[header + 1:] if code}
    assert by_code["1"] == ("上期末在册人数", 9, "人")
    assert by_code["8"] == ("衔接率 (%)", 66.67, "%")
    assert by_code["8.1"][1] == 100.0
    assert by_code["16"] == ("走访谈话人次", 5, "人次")
    assert by_code["10.99"] == ("其他", 1, "人")
    assert set(by_code) == set(t7.CODES)
    assert flat.title == "汇总"
    lines = list(flat.iter_rows(min_row=1, values_only=True))
    assert lines[0] == ("行次", "项目", "数值")
    assert lines[1:7] == [("一.1", "工作站数", 2), ("一.2", "帮教小组数", 9), ("一.3", "专职工作人员", 3),
                          ("一.4", "兼职工作人员", 4), ("一.5", "志愿者", 15), ("一.6", "专项经费列入政府预算", "是")]
    codes = [line[0] for line in lines[7:]]
    assert codes == list(t7.CODES)
    values = {line[0]: line[2] for line in lines[7:]}
    assert values["4"] == 7 and values["12"] == 42.86 and values["18"] == 23.08


def test_empty_rates_stay_empty_in_the_flat_sheet_and_print_a_dash(ctx):
    book = load_workbook(io.BytesIO(report_export.export(ctx, "table7", S, E, "xlsx")))
    form, flat = book.worksheets
    values = {row[0]: row[2] for row in flat.iter_rows(min_row=2, values_only=True)}
    assert values["8"] is None and values["1"] == 0
    shown = {row[1]: row[2] for row in form.iter_rows(min_row=5, max_col=3, values_only=True) if row[1]}
    assert shown["8"] == "—"


def test_mediation_excel_flat_sheet_uses_the_json_codes(ctx, cases):
    book = load_workbook(io.BytesIO(report_export.export(ctx, "mediation", S, E, "xlsx")))
    values = {row[0]: row[2] for row in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert list(values) == list(mt.CODES)
    assert values["M1.邻里"] == 2 and values["M6"] == 1.73 and values["M10.人"] == 3


def test_monthly_excel_has_the_matrix_and_the_flat_lines(ctx, scenario, cases):
    book = load_workbook(io.BytesIO(report_export.export(ctx, "monthly", S, E, "xlsx")))
    sheet = book["逐月统计表"]
    header = [c.value for c in sheet[5]]
    assert header == ["月份", *[f"{c.label}（{c.unit}）" for c in monthly_table.COLUMNS]]
    assert [c.value for c in sheet[6]] == ["2026年1月", 1, 1, 9, 2, 1, 1, 2]
    assert [c.value for c in sheet[12]] == ["合计", 4, 6, 7, 5, 3, 5, 3]
    flat = {row[0]: row[2] for row in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert flat["2026-03.visits"] == 2 and flat["合计.reoffenders"] == 3


def test_json_has_every_code_and_is_logged(ctx, scenario):
    data = json.loads(report_export.export(ctx, "table7", S, E, "json"))
    assert set(data) == {"report", "from", "to", "office", "rows"}
    assert (data["report"], data["from"], data["to"], data["office"]) == ("table7", "2026-01-01", "2026-06-30",
                                                                          "测试镇司法所")
    assert list(data["rows"]) == list(t7.CODES)
    assert data["rows"]["8"] == 66.67 and data["rows"]["10.04"] == 1
    entries = [e for e in audit.list_entries(ctx) if e.action == "导出"]
    assert entries and "7号表 2026年1月1日至2026年6月30日 JSON" in entries[0].summary


def test_pdf_export_is_logged_as_a_print(ctx):
    report_export.export(ctx, "mediation", S, E, "pdf")
    assert any(e.action == "打印" and "人民调解统计表" in e.summary for e in audit.list_entries(ctx))
