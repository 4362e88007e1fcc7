"""``sifasuo template | import | export-list``: the same services without the window."""

from __future__ import annotations

from sifasuo_desktop.cli import main
from tests.excel_data import counts, fill_demo
from tests.excel_files import id_number, open_book, record, titles, xlsx

A = id_number()


def roster(*rows) -> bytes:
    return xlsx({"安置帮教对象": [titles("roster"), *rows]})


def good(**values):
    return record("roster", **{**dict(name="张三", id_number=A, village="东街社区", source="监狱刑满释放",
                                      release_date="2024-03-01", category="一般"), **values})


def test_template(db_path, tmp_path, ctx, capsys):
    out = tmp_path / "模板.xlsx"
    assert main(["--db", str(db_path), "template", "mediation", "--out", str(out)]) == 0
    assert open_book(out.read_bytes())["人民调解台账"]["A1"].value == "编号"
    assert "已生成模板" in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "none.sqlite3"), "template", "roster", "--out", str(out)]) == 0
    assert not (tmp_path / "none.sqlite3").exists()                   # no database is created for a template


def test_import_prints_errors_and_exits_non_zero(db_path, tmp_path, ctx, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(roster(good(), good(name="李四", id_number="410101199003071235")))
    before = counts(ctx)
    assert main(["--db", str(db_path), "import", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "[错误] 安置帮教对象 第3行 公民身份号码* “410101199003071235” 公民身份号码校验位错误" in out
    assert "未导入任何数据" in out
    assert counts(ctx) == before
    assert main(["--db", str(db_path), "import", str(bad), "--valid-only"]) == 1
    assert "新建人员 1 人" in capsys.readouterr().out
    assert counts(ctx)["person"] == before["person"] + 1


def test_import_and_update(db_path, tmp_path, ctx, capsys):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(roster(good()))
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    assert "新建人员 1 人（帮教期 1 个）" in capsys.readouterr().out
    path.write_bytes(roster(good(phone="13900000000")))
    assert main(["--db", str(db_path), "import", str(path)]) == 0
    assert "[提示] 安置帮教对象 第2行 公民身份号码*" in capsys.readouterr().out
    assert main(["--db", str(db_path), "import", str(path), "--update"]) == 0
    assert "更新人员 1 人" in capsys.readouterr().out


def test_import_of_files_that_are_no_workbook(db_path, tmp_path, ctx, capsys):
    csv = tmp_path / "名单.xlsx"
    csv.write_text("姓名,公民身份号码\n张三,1\n", encoding="utf-8")
    assert main(["--db", str(db_path), "import", str(csv)]) == 2
    assert "CSV 或文本文件" in capsys.readouterr().err
    assert main(["--db", str(db_path), "import", str(tmp_path / "nowhere.xlsx")]) == 2
    assert "无法读取文件" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "none.sqlite3"), "import", str(csv)]) == 2
    assert "数据库文件不存在" in capsys.readouterr().err


def test_export_list(db_path, tmp_path, ctx, capsys):
    fill_demo(ctx)
    out = tmp_path / "花名册.xlsx"
    assert main(["--db", str(db_path), "export-list", "roster", "--out", str(out), "--village", "西街社区", "--all",
                 "--full-id", "--columns", "姓名,公民身份号码*,状态"]) == 0
    rows = list(open_book(out.read_bytes()).worksheets[0].iter_rows(values_only=True))
    assert rows[1] == ("姓名*", "公民身份号码*", "状态")
    assert [r[0] for r in rows[2:]] == ["李芳", "王强"] and len(rows[2][1]) == 18
    assert main(["--db", str(db_path), "export-list", "visits", "--out", str(out), "--from", "2026-01-01"]) == 0
    assert [r[3].year for r in list(open_book(out.read_bytes()).worksheets[0].iter_rows(values_only=True))[2:]] == [
        2026, 2026]
    assert main(["--db", str(db_path), "export-list", "roster", "--out", str(out), "--columns", "年龄"]) == 2
    assert "花名册没有这些列：年龄" in capsys.readouterr().err
