"""Build the fixture database of the current schema revision: tests/db/fixtures/<revision>.sqlite3.

ARCHITECTURE.md (Migrations): every released revision keeps a small database of its own that a
test upgrades to head with its data intact. Run this once when a revision is released (and again
while 0001 may still be regenerated before the first release); commit the file. Fixtures of older
revisions are never rebuilt: the program that wrote them is gone, which is the point.

The data is the seeded demo office (written through the services, so it is what a real office
stores) plus a few records of the tables the demo leaves empty; the audit log keeps three rows of
each kind (it would be half the file). The script fails if a table of the
schema is still empty, so the upgrade test sees a value in every table.

    .venv/bin/python scripts/make_migration_fixture.py
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ["SIFASUO_DATA_DIR"] = tempfile.mkdtemp(prefix="sifasuo-fixture-")  # logs, backups

from sifasuo_desktop.db.backup import integrity_ok  # noqa: E402
from sifasuo_desktop.db.migrate import HEAD_REVISION, current_revision  # noqa: E402
from sqlalchemy import select  # noqa: E402

from sifasuo_desktop.core.paths import resource_path  # noqa: E402
from sifasuo_desktop.db.models import Person  # noqa: E402
from sifasuo_desktop.services import attachments, auth, demo, office, report_freeze  # noqa: E402
from sifasuo_desktop.services.context import open_database  # noqa: E402

FIXTURES = ROOT / "tests" / "db" / "fixtures"
TODAY = date(2026, 6, 30)
STAFF_USERNAME, STAFF_PASSWORD = "clerk", "fixture123"  # the demo administrator is admin / demo123
# Tables an office database never fills: the district merge's log of imported packages.
DISTRICT_ONLY = {"package_import"}


def fill(path: Path) -> None:
    ctx = open_database(path, today=TODAY)
    try:
        bound = demo.create_demo_office(ctx, today=TODAY)
        auth.create_user(bound, username=STAFF_USERNAME, display_name="刘文书", password=STAFF_PASSWORD,
                         role="工作人员")
        office.save_settings(bound, {"mediation_limit_days": 30, "due_soon_days": 10})
        office.save_village(bound, None, name="已撤并村", sort_order=99)
        with bound.reading() as session:
            person_id = session.scalar(select(Person.id).order_by(Person.name_pinyin))
        attachments.add_attachment(bound, "person", person_id, "释放证明.png",
                                   resource_path("icons", "app.png").read_bytes(), "扫描件")
        report_freeze.freeze(bound, "mediation", date(2026, 1, 1), TODAY)
    finally:
        ctx.dispose()


def main() -> int:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    target = FIXTURES / f"{HEAD_REVISION}.sqlite3"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "fixture.sqlite3"
        fill(work)
        con = sqlite3.connect(work)
        try:
            # The audit log is half the file: three rows of each kind are enough to carry across.
            con.execute("DELETE FROM audit_log WHERE id NOT IN (SELECT id FROM (SELECT id, row_number() OVER "
                        "(PARTITION BY table_name, action ORDER BY at) AS n FROM audit_log) WHERE n <= 3)")
            con.commit()
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in git
            con.execute("VACUUM")
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        finally:
            con.close()
        assert current_revision(work) == HEAD_REVISION and integrity_ok(work)[0]
        empty = [t for t, n in counts.items() if n == 0 and t not in DISTRICT_ONLY]
        for table, n in counts.items():
            print(f"  {table}: {n}")
        if empty:
            print(f"tables still empty (add records for them in fill()): {', '.join(empty)}", file=sys.stderr)
            return 1
        target.write_bytes(work.read_bytes())
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB, revision {HEAD_REVISION})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
