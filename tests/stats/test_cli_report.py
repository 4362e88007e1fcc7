"""``sifasuo report …``: the same reports from the command line, the format from the suffix."""

import io
import json

import pytest
from openpyxl import load_workbook

from reports.pdfcheck import pdf_rows
from sifasuo_desktop import cli
from sifasuo_desktop.domain import mediation_table as mt
from sifasuo_desktop.domain import table7 as t7


def run(ctx, *args) -> int:
    return cli.main(["--db", str(ctx.path), *args])


def test_table7_json_has_every_row_code(ctx, scenario, tmp_path, capsys):
    out = tmp_path / "t7.json"
    assert run(ctx, "report", "table7", "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["report"] == "table7" and data["from"] == "2026-01-01" and data["to"] == "2026-06-30"
    assert data["office"] == "测试镇司法所"
    assert list(data["rows"]) == list(t7.CODES)
    assert data["rows"]["1"] == 9 and data["rows"]["2"] == 4 and data["rows"]["2.1"] == 1
    assert data["rows"]["8"] == 66.67 and data["rows"]["18"] == 23.08 and data["rows"]["10.99"] == 1
    assert "已生成7号表" in capsys.readouterr().out


def test_half_year_shortcut_and_null_rates(ctx, tmp_path):
    out = tmp_path / "empty.json"
    assert run(ctx, "report", "table7", "--half-year", "2025", "--out", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["from"], data["to"]) == ("2025-01-01", "2025-06-30")
    assert data["rows"]["8"] is None and data["rows"]["4"] == 0


def test_mediation_json_has_splits_and_people(ctx, cases, tmp_path):
    out = tmp_path / "m.json"
    assert run(ctx, "report", "mediation", "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert list(rows) == list(mt.CODES)
    assert rows["M1"] == 5 and rows["M1.邻里"] == 2 and rows["M1.当事人申请"] == 4 and rows["M1.主动调解"] == 0
    assert rows["M5.书面"] == 2 and rows["M5.口头"] == 1 and rows["M6"] == 1.73 and rows["M4"] == 75.0
    assert rows["M10"] == 1 and rows["M10.人"] == 3 and rows["M12.人"] == 20 and rows["M13.人"] == 1


def test_year_shortcut_writes_pdf_and_excel(ctx, scenario, tmp_path):
    pdf, xlsx = tmp_path / "year.pdf", tmp_path / "year.xlsx"
    assert run(ctx, "report", "table7", "--year", "2026", "--out", str(pdf)) == 0
    assert any("■全年报" in line for line in pdf_rows(pdf.read_bytes()))
    assert run(ctx, "report", "mediation", "--year", "2026", "--out", str(xlsx)) == 0
    assert load_workbook(io.BytesIO(xlsx.read_bytes())).worksheets[0]["A1"].value == "人民调解工作统计表"


def test_monthly_for_a_year(ctx, scenario, cases, tmp_path):
    out = tmp_path / "monthly.json"
    assert run(ctx, "report", "monthly", "--year", "2026", "--out", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["report"] == "monthly" and len(data["rows"]) == 13
    assert data["rows"]["2026-01"]["new"] == 1 and data["rows"]["合计"]["reoffenders"] == 4  # D, F, K and A (1 July)


@pytest.mark.parametrize(("args", "message"), [
    (["table7", "--from", "2026-01-01", "--out", "x.json"], "请用 --from 和 --to 给出统计时段"),
    (["table7", "--from", "2026-07-01", "--to", "2026-06-30", "--out", "x.json"], "结束日期不能早于开始日期"),
    (["table7", "--year", "2026", "--out", "x.doc"], "扩展名应为 .pdf、.xlsx 或 .json"),
])
def test_bad_requests_print_a_chinese_error(ctx, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert run(ctx, "report", *args) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_bad_date_is_refused_by_the_parser(ctx, capsys):
    with pytest.raises(SystemExit):
        run(ctx, "report", "table7", "--from", "2026-13-01", "--to", "2026-06-30", "--out", "x.json")
    assert "日期“2026-13-01”无效" in capsys.readouterr().err


def test_missing_database_is_not_created(tmp_path, capsys):
    missing = tmp_path / "none.sqlite3"
    assert cli.main(["--db", str(missing), "report", "table7", "--year", "2026", "--out", str(tmp_path / "a.json")]) == 2
    assert "数据库文件不存在" in capsys.readouterr().err
    assert not missing.exists()
