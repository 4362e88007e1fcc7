"""Alembic environment. The program hands in its own connection (``config.attributes``), so the
frozen build runs migrations without an alembic.ini on disk."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from sifasuo_desktop.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from sifasuo_desktop.core import paths
        from sifasuo_desktop.db.engine import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url_path") or paths.default_db_path())
        with engine.connect() as conn:
            _run(conn)
        engine.dispose()
    else:
        _run(connection)


def _run(connection) -> None:
    # Batch migrations copy and drop parent tables: with foreign keys on, ON DELETE CASCADE would
    # delete child rows (STACK.md). Switch them off outside the transaction, check afterwards.
    if connection.in_transaction():
        connection.commit()
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if connection.in_transaction():
        connection.commit()
    problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    if problems:
        raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")


run_migrations_online()
