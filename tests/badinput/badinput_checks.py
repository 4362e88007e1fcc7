"""The checks every bad-input test makes (see conftest.py)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

from sifasuo_desktop.services import office

CHINESE = re.compile(r"[\u4e00-\u9fff]")
JARGON = re.compile(r"error|exception|traceback|sqlite|errno|none\b|\[SQL", re.IGNORECASE)


def row_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def assert_clear_chinese(message: str, words: str) -> None:
    """Chinese, with the expected words, and no exception jargon outside quoted names and paths."""
    assert CHINESE.search(message), message
    assert words in message, message
    plain = re.sub(r"“[^”]*”|\S*[/\\]\S*|\S+\.sqlite3", "", message)
    assert not JARGON.search(plain), message


def add_village(ctx) -> None:
    """The default valid action: a new 村(社区) is saved and listed."""
    before = len(office.list_villages(ctx))
    office.save_village(ctx, None, name=f"新村{before}")
    assert len(office.list_villages(ctx)) == before + 1


def copy_to(ctx, folder: Path) -> Path:
    """The ``ctx`` office database, copied whole into ``folder`` (as a user would move it)."""
    ctx.dispose()
    target = folder / "office.sqlite3"
    with sqlite3.connect(ctx.path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(ctx.path, target)
    return target
