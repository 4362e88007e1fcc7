"""``sifasuo --db PATH demo``: fills an empty database once, refuses a database with an office."""

from __future__ import annotations

from sifasuo_desktop.cli import main
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.services.person_list import list_persons


def test_demo_command_creates_office_then_refuses(db_path, capsys):
    assert main(["--db", str(db_path), "demo"]) == 0
    out = capsys.readouterr().out
    assert "示范县城关镇司法所" in out and "admin" in out
    ctx = open_database(db_path)
    try:
        assert len(list_persons(ctx)) >= 60
    finally:
        ctx.dispose()
    assert main(["--db", str(db_path), "demo"]) == 2
    assert "已有司法所" in capsys.readouterr().err
