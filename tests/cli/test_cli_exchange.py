"""The headless commands: export, merge (creating a district database), backup, backups, restore."""

from __future__ import annotations

import sqlite3

from exchange_data import fill_office

from sifasuo_desktop.cli import main
from sifasuo_desktop.core import paths


def _count(path, table):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_export_then_merge_into_a_new_district_database(ctx, tmp_path, capsys):
    fill_office(ctx, persons=6)
    secret = tmp_path / "pass.txt"
    secret.write_text("很长的密码123\n", encoding="utf-8")
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["--db", str(ctx.path), "export", "--out", str(stick), "--passphrase-file", str(secret),
                 "--from", "2020-01-01", "--to", "2026-06-30", "--no-attachments"]) == 0
    out = capsys.readouterr().out
    assert "已导出" in out and "已加密" in out and "人员 6" in out
    [pkg] = list(stick.glob("410101001-测试镇司法所-*.sfpkg"))
    district_db = tmp_path / "区县" / "district.sqlite3"
    district_db.parent.mkdir()
    assert main(["--db", str(district_db), "merge", str(pkg)]) == 2
    assert "已加密" in capsys.readouterr().err
    assert main(["--db", str(district_db), "merge", str(pkg), "--passphrase-file", str(secret)]) == 0
    out = capsys.readouterr().out
    assert "已导入 410101001 测试镇司法所" in out and "人员 6" in out
    assert _count(district_db, "person") == 6 and _count(district_db, "attachment") == 0
    con = sqlite3.connect(district_db)
    assert con.execute("SELECT value FROM app_meta WHERE key='mode'").fetchone()[0] == "district"
    assert con.execute("SELECT code, name FROM office WHERE id = (SELECT value FROM app_meta WHERE key='office_id')"
                       ).fetchone() == ("410101", "测试县司法局")
    con.close()
    assert main(["--db", str(ctx.path), "merge", str(pkg)]) == 2
    assert "不是区县汇总库" in capsys.readouterr().err


def test_bad_package_and_bad_date_give_chinese_errors(ctx, tmp_path, capsys):
    junk = tmp_path / "junk.sfpkg"
    junk.write_bytes(b"junk" * 100)
    assert main(["--db", str(tmp_path / "d.sqlite3"), "merge", str(junk), "--district-name", "某县司法局",
                 "--district-code", "410101"]) == 2
    assert "不是有效的数据包文件" in capsys.readouterr().err
    assert main(["--db", str(ctx.path), "export", "--out", str(tmp_path), "--from", "2026-02-30",
                 "--to", "2026-03-01"]) == 2
    assert "错误：" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "none.sqlite3"), "export", "--out", str(tmp_path)]) == 2
    assert "数据库文件不存在" in capsys.readouterr().err


def test_backup_into_the_rotating_folder_list_and_restore(ctx, tmp_path, capsys):
    fill_office(ctx, persons=4, cases=1)
    assert main(["--db", str(ctx.path), "backup"]) == 0
    [made] = list(paths.backup_dir(ctx.path).glob("office-*-manual.sqlite3"))
    assert str(made) in capsys.readouterr().out
    fill_office(ctx, persons=3, cases=0, seed=4)
    assert main(["--db", str(ctx.path), "backups"]) == 0
    listing = capsys.readouterr().out
    assert "手动" in listing and "（人员4、走访记录16、调解案件1）" in listing
    ctx.dispose()
    assert main(["--db", str(ctx.path), "restore", str(made), "--yes"]) == 0
    assert "已恢复为" in capsys.readouterr().out
    assert _count(ctx.path, "person") == 4
