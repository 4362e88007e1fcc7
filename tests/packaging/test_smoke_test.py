"""``--smoke-test`` from the source tree (the frozen build runs the same in test_frozen_build.py)."""

from __future__ import annotations

import logging
import os
import zipfile

import pytest

from sifasuo_desktop import app
from sifasuo_desktop.db.migrate import HEAD_REVISION
from sifasuo_desktop.services import smoke


def test_smoke_creates_then_reopens_and_writes_only_inside_its_folder(tmp_path):
    said: list[str] = []
    first = smoke.run(tmp_path, said.append)
    assert first.revision == HEAD_REVISION and first.db_path == tmp_path / "office.sqlite3"
    pdf, xlsx = first.files
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(xlsx).namelist()
    assert said == list(first.lines) and said[0].startswith("数据库：新建并升级到最新版本")
    second = smoke.run(tmp_path)
    assert second.lines[0].startswith("数据库：打开并检查升级")
    assert {p.name for p in tmp_path.iterdir()} <= {"office.sqlite3", "office.sqlite3-wal", "office.sqlite3-shm",
                                                    "smoke-test", "logs"}


@pytest.fixture
def own_environment(monkeypatch):
    """The flag points SIFASUO_DATA_DIR and the log file at its folder: undone after the test."""
    monkeypatch.setenv("SIFASUO_DATA_DIR", os.environ["SIFASUO_DATA_DIR"])
    handlers = list(logging.getLogger().handlers)
    yield
    for handler in set(logging.getLogger().handlers) - set(handlers):
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_smoke_flag_exit_codes_and_messages(tmp_path, capsys, qapp, own_environment):
    assert app.main(["--smoke-test", "--data-dir", str(tmp_path / "ok")]) == 0
    out = capsys.readouterr().out
    assert "标准按钮“取消”" in out and out.rstrip().endswith("冒烟测试通过")

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "office.sqlite3").write_bytes(b"garbage" * 500)
    assert app.main(["--smoke-test", "--data-dir", str(broken)]) == 1
    assert "冒烟测试失败：文件“office.sqlite3”已损坏" in capsys.readouterr().err

    assert app.main(["--smoke-test"]) == 2
    assert "需要 --data-dir" in capsys.readouterr().err
