"""The SQL of merging checked office packages into a district database.

Packages are attached (``ATTACH``, at most the connection's limit less one at a time) and merged
in one transaction per batch, so each office is replaced whole or not at all: the office's
previous rows are deleted from every exchanged table (children first), the package's rows
inserted with ``INSERT INTO main.t SELECT ... FROM pkgN.t`` (parents first), each insert bringing
exactly the rows the package's manifest counts.

Speed (issue 7: 20 packages of 2,500 persons in a few seconds):
- foreign keys are off on this connection: every package passed ``foreign_key_check`` when it
  was checked, and an office's rows refer only to rows of the same office;
- when a batch rewrites a large part of a table, that table's indexes are dropped for the batch
  and built again before the commit (one sorted build instead of many random updates); DDL is
  transactional, so a failure leaves them as they were;
- a large page cache, and the write-ahead log folded into the file once, at the end.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from sifasuo_desktop.db.engine import make_engine
from sifasuo_desktop.db.models import PackageImport
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.office_scope import exchanged_tables, scope_in_sql
from sifasuo_desktop.services.package_check import CheckedPackage
from sifasuo_desktop.services.package_format import PackageError

CACHE_KIB = 256 * 1024


@dataclass(frozen=True)
class Plan:
    package: CheckedPackage
    held_id: str | None          # the office's id in the district database, when already there
    held_exported_at: datetime | None


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in con.execute(f'PRAGMA main.table_info("{table}")')]


def _held_counts(con: sqlite3.Connection, batch: list[Plan]) -> dict[str, int]:
    """Rows the batch will delete, per table, as the replaced offices' last packages counted them."""
    counts: dict[str, int] = {}
    for plan in batch:
        if plan.held_id is None:
            continue
        row = con.execute("SELECT manifest_json FROM main.package_import WHERE office_id = ? "
                          "ORDER BY imported_at DESC LIMIT 1", (plan.held_id,)).fetchone()
        for table, n in (json.loads(row[0]).get("counts") or {}).items() if row else ():
            counts[table] = counts.get(table, 0) + n
    return counts


def _drop_indexes(con: sqlite3.Connection, batch: list[Plan]) -> list[str]:
    """Drop the indexes of the tables this batch mostly rewrites; return their definitions.

    Building an index anew costs about a third of keeping it up to date row by row (measured by
    scripts/bench_exchange.py), hence: rebuild when 3 x rows deleted and inserted >= rows after.
    """
    deleted, saved = _held_counts(con, batch), []
    for table in exchanged_tables():
        incoming = sum(plan.package.manifest["counts"].get(table.name, 0) for plan in batch)
        touched = incoming + deleted.get(table.name, 0)
        after = con.execute(f"SELECT count(*) FROM main.{table.name}").fetchone()[0] + incoming - deleted.get(
            table.name, 0)
        if touched and touched * 3 >= after:
            for name, sql in con.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'index' "
                                         "AND tbl_name = ? AND sql IS NOT NULL", (table.name,)).fetchall():
                con.execute(f'DROP INDEX main."{name}"')
                saved.append(sql)
    return saved


def _delete_held(con: sqlite3.Connection, batch: list[Plan]) -> None:
    """Delete the replaced offices' rows, children first: one statement per table for the batch."""
    held = [(plan.held_id, plan.package.office_id) for plan in batch if plan.held_id is not None]
    if not held:
        return
    con.execute("CREATE TEMP TABLE held_office (id TEXT PRIMARY KEY)")
    try:
        con.executemany("INSERT INTO temp.held_office VALUES (?)", [(old,) for old, _new in held])
        for table in reversed(exchanged_tables()):
            con.execute(f"DELETE FROM main.{table.name} WHERE "
                        f"{scope_in_sql(table.name, 'SELECT id FROM temp.held_office')}")
    finally:
        con.execute("DROP TABLE temp.held_office")
    for old, new in held:
        if old != new:
            con.execute("UPDATE main.package_import SET office_id = ? WHERE office_id = ?", (new, old))


def _insert(con: sqlite3.Connection, pkg: CheckedPackage, schema: str) -> None:
    """The package's rows, parents first; each insert must bring exactly the package's rows
    (counted when the package was checked)."""
    for table in exchanged_tables():
        columns = _columns(con, table.name)
        values = ["COALESCE(office_id, :office_id)" if c == "office_id" else c for c in columns]
        inserted = con.execute(f"INSERT INTO main.{table.name} ({', '.join(columns)}) "
                               f"SELECT {', '.join(values)} FROM {schema}.{table.name}",
                               {"office_id": pkg.office_id}).rowcount
        if inserted != pkg.manifest["counts"].get(table.name, 0):
            raise PackageError(pkg.path, f"导入“{table.name}”的记录数与数据包不符，已撤销")


def _record(session: Session, ctx: AppContext, plan: Plan, now: datetime) -> None:
    pkg = plan.package
    manifest = {k: v for k, v in pkg.manifest.items() if k != "sealed_counts"}
    entry = PackageImport(office_id=pkg.office_id, exported_at=pkg.exported_at, imported_at=now,
                          file_name=pkg.path.name, sha256=pkg.manifest["data_sha256"],
                          manifest_json=json.dumps(manifest, ensure_ascii=False))
    session.add(entry)
    session.flush()
    audit.record(session, ctx, audit.IMPORT, table="package_import", record_id=entry.id, summary=(
        f"导入数据包 {pkg.path.name}（{pkg.office_name}，导出于 {pkg.exported_at:%Y-%m-%d %H:%M}）"
        + ("，替换了原有数据" if plan.held_id else "")))
    session.flush()


def _merge_batch(ctx: AppContext, conn, con: sqlite3.Connection, batch: list[Plan], now: datetime) -> None:
    schemas = [f"pkg{i}" for i in range(len(batch))]
    for plan, schema in zip(batch, schemas):
        con.execute(f"ATTACH DATABASE ? AS {schema}", (str(plan.package.db_path),))
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            rebuilt = _drop_indexes(con, batch)
            _delete_held(con, batch)
            for plan, schema in zip(batch, schemas):
                _insert(con, plan.package, schema)
            for sql in rebuilt:
                con.execute(sql)
            session = Session(bind=conn)
            for plan in batch:
                _record(session, ctx, plan, now)
            con.execute("COMMIT")
            session.close()
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
    except sqlite3.IntegrityError as err:
        names = "、".join(plan.package.path.name for plan in batch)
        raise PackageError(batch[0].package.path, f"等（{names}）与库中已有数据冲突（{err}），未导入") from err
    finally:
        for schema in schemas:
            con.execute(f"DETACH DATABASE {schema}")


@contextmanager
def _merge_connection(ctx: AppContext) -> Iterator[tuple[object, sqlite3.Connection]]:
    """A connection of its own (so its settings never reach the program's pool)."""
    engine = make_engine(Path(ctx.path))
    try:
        with engine.connect() as conn:
            con = conn.connection.dbapi_connection
            con.execute("PRAGMA foreign_keys = OFF")
            con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            con.execute("PRAGMA wal_autocheckpoint = 0")
            yield conn, con
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def merge(ctx: AppContext, plans: list[Plan], now: datetime, report: Callable[[int, int, str], None]) -> None:
    """Merge every plan; offices are committed batch by batch, each batch whole or not at all."""
    with _merge_connection(ctx) as (conn, con):
        size = max(con.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED) - 1, 1)
        for start in range(0, len(plans), size):
            batch = plans[start:start + size]
            report(start, len(plans), "正在导入 " + "、".join(p.package.office_name for p in batch))
            _merge_batch(ctx, conn, con, batch, now)
