"""The district's reports as files: the total on the official form, the offices side by side
(分所对比), the workbook read back cell by cell, the JSON, the audit, and ``sifasuo report``."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from exchange_data import merged_district
from openpyxl import load_workbook

from reports.pdfcheck import compact, pdf_page_sizes, pdf_pages
from sifasuo_desktop import cli
from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.domain import mediation_table as mt
from sifasuo_desktop.domain import table7 as t7
from sifasuo_desktop.services import audit, mediation_stats, report_export
from sifasuo_desktop.services import table7 as table7_service

S, E = date(2025, 1, 1), date(2025, 12, 31)
NAMES = ("东镇司法所", "西镇司法所", "南镇司法所")
PART1S = [{"stations": 2, "helper_groups": 9, "staff_fulltime": 3, "staff_parttime": 4, "volunteers": 15, "budget": True},
          {"stations": 1, "helper_groups": 4, "staff_fulltime": 2, "staff_parttime": 0, "volunteers": 7, "budget": False},
          {"stations": 3, "helper_groups": 6, "staff_fulltime": 1, "staff_parttime": 2, "volunteers": 0, "budget": True}]
DISTRICT = "测试县司法局（汇总3个司法所）"


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    from sifasuo_desktop.db.migrate import upgrade

    tmp = tmp_path_factory.mktemp("district_export")
    upgrade(tmp / "template.sqlite3")
    dctx, offices = merged_district(tmp / "template.sqlite3", tmp, part1s=PART1S, today=date(2026, 11, 24))
    yield dctx, offices
    for ctx in (dctx, *offices):
        ctx.dispose()


def _rate(numerator: int, denominator: int):
    """A rate as the workbook holds it: a number with two decimals, — without a denominator."""
    if not denominator:
        return "—"
    return float((Decimal(numerator) * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _side_by_side(book, heading: str = "项　　目") -> tuple[tuple, dict[str, tuple]]:
    rows = list(book["分所对比"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == heading)
    return rows[header], {r[1]: r[2:] for r in rows[header + 1:] if r[1]}


def test_the_district_workbook_has_the_total_the_offices_side_by_side_and_the_flat_lines(merged):
    dctx, offices = merged
    book = load_workbook(io.BytesIO(report_export.export(dctx, "table7", S, E, "xlsx")))
    assert book.sheetnames == ["汇总", "分所对比", "汇总数值"]
    header, by_code = _side_by_side(book)
    assert header == ("项　　目", "行次", *NAMES, "合计")
    for office_ctx, column in zip(offices, range(3)):               # each office as it computes itself
        own = table7_service.count_rows(office_ctx, S, E)
        assert {code: by_code[code][column] for code in own} == own
    averaged = 0
    for row in t7.ROWS:
        values = by_code[row.code]
        if row.is_rate:                                              # from the summed counts, never averaged
            numerator = by_code[row.numerator]
            denominator = [sum(by_code[c][i] for c in row.denominator) for i in range(4)]
            assert numerator[-1] == sum(numerator[:-1]) and denominator[-1] == sum(denominator[:-1])
            assert values[-1] == _rate(numerator[-1], denominator[-1]), row.code
            assert values[:-1] == tuple(_rate(n, d) for n, d in zip(numerator[:-1], denominator[:-1])), row.code
            shown = [v for v in values[:-1] if v != "—"]
            averaged += bool(shown) and round(sum(shown) / len(shown), 2) != values[-1]
        else:
            assert values[-1] == sum(values[:-1]), row.code
    assert averaged >= 2                                             # an average would have printed otherwise
    assert by_code["4"][-1] > 0 and by_code["16"][-1] > 0
    assert by_code["一.1"] == (2, 1, 3, 6) and by_code["一.5"] == (15, 7, 0, 22)
    assert by_code["一.6"] == ("是", "否", "是", "是2所、否1所")

    form = book["汇总"]
    assert form["A1"].value == t7.TITLE and form["A2"].value == f"填报单位：{DISTRICT}"
    assert form["D2"].value == "□半年报　■全年报"
    lines = list(form.iter_rows(min_row=5, max_col=4, values_only=True))
    assert lines[1] == ("工作站数", 6, None, "个") and lines[6] == ("专项经费列入政府预算", "是2所、否1所", None, None)
    shown = {code: value for _label, code, value, _unit in lines if code in t7.BY_CODE}
    assert shown == {code: by_code[code][-1] for code in t7.CODES}
    flat = {r[0]: r[2] for r in book["汇总数值"].iter_rows(min_row=2, values_only=True)}
    assert list(flat) == [f"一.{i}" for i in range(1, 7)] + list(t7.CODES)
    assert all(flat[code] == (None if by_code[code][-1] == "—" else by_code[code][-1]) for code in t7.CODES)


def test_the_mediation_workbook_adds_up_counts_and_recomputes_the_success_rate(merged):
    dctx, offices = merged
    book = load_workbook(io.BytesIO(report_export.export(dctx, "mediation", S, E, "xlsx")))
    header, by_code = _side_by_side(book)
    assert header[2:] == (*NAMES, "合计")
    for row in mt.ROWS:
        values = by_code[row.shown_code]
        if not row.is_rate and row.unit != "万元":
            assert values[-1] == sum(values[:-1]), row.code
    assert by_code["M1"][-1] > 0 and "一.1" not in by_code
    success, failure = by_code["M2"], by_code["M3"]
    assert by_code["M4"][-1] == _rate(success[-1], success[-1] + failure[-1])
    cents = mediation_stats.count_rows(dctx, S, E, [o.office_id for o in offices])["M6"]
    assert cents == sum(mediation_stats.count_rows(o, S, E)["M6"] for o in offices) > 0
    assert by_code["M6"][-1] == float(mt.wan_yuan(cents))              # 万元 from the summed 分


def test_the_total_pdf_is_the_official_form_and_the_comparison_is_landscape(merged):
    dctx, offices = merged
    total = report_export.build(dctx, "table7", S, E)
    data = report_export.export(dctx, "table7", S, E, "pdf")
    pages = [compact(p) for p in pdf_pages(data)]
    assert len(pages) == 1 and pdf_page_sizes(data) == [(210, 297)]
    assert f"填报单位：{DISTRICT}" in pages[0]
    assert "6个19个6人6人22人是2所、否1所" in pages[0]
    assert f"期末在册人数4{total.text('4')}" in pages[0]
    data = report_export.export(dctx, "table7", S, E, "pdf", by_office=True)
    assert set(pdf_page_sizes(data)) == {(297, 210)}
    pages = [compact(p) for p in pdf_pages(data)]
    assert all("项目行次东镇司法所西镇司法所南镇司法所合计" in p for p in pages)
    columns = [table7_service.count_rows(o, S, E)["4"] for o in offices]
    assert f"期末在册人数4{''.join(map(str, columns))}{sum(columns)}" in "".join(pages)
    summaries = [(e.action, e.summary) for e in audit.list_entries(dctx, limit=5000) if "7号表（" in e.summary]
    assert ("打印", "7号表（区县汇总） 2025年1月1日至2025年12月31日 PDF") in summaries
    assert ("打印", "7号表（分所对比） 2025年1月1日至2025年12月31日 PDF") in summaries


def test_json_of_the_district_and_of_its_offices(merged):
    dctx, offices = merged
    data = json.loads(report_export.export(dctx, "table7", S, E, "json", by_office=True))
    assert data["office"] == DISTRICT and list(data["rows"]) == list(t7.CODES)
    assert [o["office"] for o in data["offices"]] == list(NAMES)
    for code in t7.COUNT_CODES:
        assert data["rows"][code] == sum(o["rows"][code] for o in data["offices"]), code
    assert data["offices"][0]["rows"] == json.loads(json.dumps(table7_service.compute(
        offices[0], S, E).json_rows()))
    assert "offices" not in json.loads(report_export.export(dctx, "table7", S, E, "json"))


def test_by_office_is_refused_where_it_means_nothing(merged, ctx):
    dctx, _offices = merged
    with pytest.raises(ValidationError, match="只适用于区县汇总库"):
        report_export.export(ctx, "table7", S, E, "pdf", by_office=True)
    with pytest.raises(ValidationError, match="逐月统计表没有按司法所对比"):
        report_export.export(dctx, "monthly", S, E, "pdf", by_office=True)


def test_cli_report_on_a_district_database_writes_the_district_total(merged, tmp_path, capsys):
    dctx, offices = merged
    out = tmp_path / "t7.json"
    assert cli.main(["--db", str(dctx.path), "report", "table7", "--from", "2025-01-01", "--to", "2025-12-31",
                     "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["office"] == DISTRICT
    own = [table7_service.count_rows(o, S, E) for o in offices]
    assert data["rows"]["4"] == sum(o["4"] for o in own) > 0 and data["rows"]["16"] == sum(o["16"] for o in own)
    out = tmp_path / "分所对比.pdf"
    assert cli.main(["--db", str(dctx.path), "report", "mediation", "--year", "2025", "--by-office",
                     "--out", str(out)]) == 0
    assert set(pdf_page_sizes(out.read_bytes())) == {(297, 210)}
    assert "东镇司法所西镇司法所南镇司法所合计" in compact(pdf_pages(out.read_bytes())[0])
    out = tmp_path / "逐月.json"
    assert cli.main(["--db", str(dctx.path), "report", "monthly", "--year", "2025", "--out", str(out)]) == 0
    monthly = json.loads(out.read_text(encoding="utf-8"))
    assert monthly["office"] == DISTRICT and monthly["rows"]["合计"]["visits"] == sum(o["16"] for o in own)
    capsys.readouterr()


def test_cli_by_office_on_an_office_database_is_an_error(ctx, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert cli.main(["--db", str(ctx.path), "report", "table7", "--year", "2025", "--by-office",
                     "--out", str(out)]) == 2
    assert "按司法所对比只适用于区县汇总库" in capsys.readouterr().err and not out.exists()
