"""A new database is an empty file upgraded to head, and head matches the models."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sifasuo_desktop.core.errors import DatabaseError, DatabaseTooNew
from sifasuo_desktop.db.engine import make_engine
from sifasuo_desktop.db.migrate import HEAD_REVISION, current_revision, upgrade
from sifasuo_desktop.db.models import Base


def test_empty_file_upgraded_to_head_matches_the_models(db_path):
    assert current_revision(db_path) == HEAD_REVISION
    engine = make_engine(db_path)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_newer_database_is_refused_untouched(db_path):
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num='9999_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew) as err:
        upgrade(db_path)
    assert "请升级程序" in str(err.value)
    assert db_path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError) as err:
        upgrade(path)
    assert "不是本程序的数据库" in str(err.value)


def test_damaged_file_is_refused(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError) as err:
        upgrade(path)
    assert "损坏" in str(err.value)
