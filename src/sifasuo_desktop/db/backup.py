"""Consistent copies of a live database with SQLite's online backup API.

The backup runs from a *fresh* connection: the API hangs when called on a connection that holds
an open write transaction (STACK.md). The copy therefore holds only committed rows.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def backup_to(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` atomically (written beside it, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    if partial.exists():
        partial.unlink()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=4096)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(partial, target)
    return target


def integrity_ok(path: Path) -> tuple[bool, str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return result == "ok", result
