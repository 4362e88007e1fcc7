"""Every released schema revision keeps a fixture database (scripts/make_migration_fixture.py);
a copy of each is upgraded to head with every row and value intact, and the program works on it.

When a later revision renames or drops a column on purpose, say so here beside the comparison.
While 0001 may still be regenerated before the first release, a schema change makes this test fail
on the old fixture: rebuild it with ``.venv/bin/python scripts/make_migration_fixture.py``.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from sifasuo_desktop.db.backup import integrity_ok
from sifasuo_desktop.db.migrate import HEAD_REVISION, KNOWN_REVISIONS, current_revision, upgrade
from sifasuo_desktop.services import auth, due, mediation_query, person_list, report_export
from sifasuo_desktop.services.context import open_database

FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE_DAY = date(2026, 6, 30)   # the "today" the fixture was made with


def dump(path: Path) -> dict[str, dict[tuple, dict]]:
    """Every row of every table, keyed by its primary key (all columns when a table has none)."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        result = {}
        for table in tables:
            info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
            keys = [c["name"] for c in sorted(info, key=lambda c: c["pk"]) if c["pk"]] or [c["name"] for c in info]
            rows = [dict(r) for r in con.execute(f'SELECT * FROM "{table}"')]
            result[table] = {tuple(r[k] for k in keys): r for r in rows}
        return result
    finally:
        con.close()


def test_every_released_revision_has_a_fixture():
    assert sorted(p.stem for p in FIXTURES.glob("*.sqlite3")) == sorted(KNOWN_REVISIONS)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.sqlite3")), ids=lambda p: p.stem)
def test_fixture_upgrades_to_head_with_its_data(fixture, tmp_path):
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(fixture, path)
    assert current_revision(path) == fixture.stem
    before = dump(path)
    district_only = {"package_import"}  # the district merge's log: empty in an office database
    assert all(before[t] for t in before if t not in district_only), "the fixture should fill every table"

    upgrade(path)

    assert current_revision(path) == HEAD_REVISION
    assert integrity_ok(path) == (True, "ok")
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    after = dump(path)
    for table, rows in before.items():
        if table == "alembic_version":
            continue
        assert after[table].keys() == rows.keys(), f"rows of {table} lost or added"
        for key, row in rows.items():
            kept = {column: value for column, value in after[table][key].items() if column in row}
            assert kept == row, f"{table} {key} changed"

    ctx = open_database(path, today=FIXTURE_DAY)
    try:
        clerk = ctx.as_user(auth.sign_in(ctx, "clerk", "fixture123"))
        assert len(person_list.list_persons(clerk)) == len([p for p in before["person"].values() if not p["deleted_at"]])
        assert len(mediation_query.list_cases(clerk)) == len(before["mediation_case"])
        assert due.workbench(clerk)
        table = report_export.build(clerk, "table7", date(2026, 1, 1), FIXTURE_DAY)
        assert table.office_name == "示范县城关镇司法所"
    finally:
        ctx.dispose()
