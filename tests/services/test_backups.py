"""Backups: automatic and rotating, listed with date and counts, restored safely."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from exchange_data import fill_office, new_office, table_rows

from sifasuo_desktop.core import paths
from sifasuo_desktop.core.errors import DatabaseError
from sifasuo_desktop.db.backup import automatic_backup_path, integrity_ok, parse_backup_name
from sifasuo_desktop.services import audit, backups, office


def _touch(db_path, when: datetime, reason: str = "exit"):
    file = automatic_backup_path(db_path, reason, when)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(b"x")
    return file


def _kept(db_path) -> list[str]:
    return sorted(f"{made:%m-%d %H}{'' if reason == 'exit' else ' ' + reason}"
                  for made, reason, _f in backups._automatic(db_path))


def test_backup_now_is_a_consistent_standalone_copy(ctx):
    fill_office(ctx, persons=12)
    file = backups.backup_now(ctx, backups.EXIT, datetime(2026, 11, 24, 18, 0))
    assert file.parent == paths.backup_dir(ctx.path)
    assert parse_backup_name(ctx.path, file) == (datetime(2026, 11, 24, 18, 0), 1, "exit")
    assert integrity_ok(file) == (True, "ok")
    con = sqlite3.connect(file)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert table_rows(file, "person") == table_rows(ctx.path, "person")
    assert not file.with_name(file.name + ".part").exists()


def test_the_backup_just_made_is_never_rotated_away(ctx):
    when = datetime(2026, 11, 24, 18, 0)
    first = backups.backup_now(ctx, backups.MANUAL, when)
    second = backups.backup_now(ctx, backups.MANUAL, when)   # same second: a new name, the day's newest
    assert parse_backup_name(ctx.path, second) == (when, 2, "manual")
    assert second.exists() and not first.exists()


def test_rotation_keeps_the_newest_of_each_of_the_last_n_days_with_backups(tmp_path):
    db = tmp_path / "office.sqlite3"
    for day in (1, 2, 5, 9):          # gaps: days without backups do not count
        for hour in (9, 17):
            _touch(db, datetime(2026, 3, day, hour))
    backups.rotate(db, keep_daily=3, keep_monthly=0, now=datetime(2026, 3, 9, 18))
    assert _kept(db) == ["03-02 17", "03-05 17", "03-09 17"]


def test_rotation_keeps_the_newest_of_each_of_the_last_m_months(tmp_path):
    db = tmp_path / "office.sqlite3"
    for month, day in ((12, 31), (1, 1), (1, 31), (2, 28), (3, 1), (3, 2)):
        year = 2025 if month == 12 else 2026
        _touch(db, datetime(year, month, day, 10))
    backups.rotate(db, keep_daily=1, keep_monthly=3, now=datetime(2026, 3, 2, 11))
    # daily: 03-02; monthly: March (03-02), February (02-28), January (its last day, 01-31)
    assert _kept(db) == ["01-31 10", "02-28 10", "03-02 10"]


def test_rotation_with_zero_kept_still_keeps_the_newest(tmp_path):
    db = tmp_path / "office.sqlite3"
    for hour in (8, 9, 10):
        _touch(db, datetime(2026, 5, 1, hour))
    backups.rotate(db, keep_daily=0, keep_monthly=0, now=datetime(2026, 5, 1, 11))
    assert _kept(db) == ["05-01 10"]


def test_backups_before_a_restore_survive_the_days_window_then_go(tmp_path):
    db = tmp_path / "office.sqlite3"
    _touch(db, datetime(2026, 5, 1, 9), "restore")
    _touch(db, datetime(2026, 5, 1, 17))
    _touch(db, datetime(2026, 5, 3, 17))
    backups.rotate(db, keep_daily=7, keep_monthly=0, now=datetime(2026, 5, 3, 18))
    assert _kept(db) == ["05-01 09 restore", "05-01 17", "05-03 17"]
    backups.rotate(db, keep_daily=2, keep_monthly=0, now=datetime(2026, 5, 3, 18))
    # 05-01 is now outside a 2-day window: the restore backup goes with the rest of that day
    assert _kept(db) == ["05-01 17", "05-03 17"]


def test_rotation_leaves_other_files_alone(tmp_path):
    db = tmp_path / "office.sqlite3"
    folder = paths.backup_dir(db)
    folder.mkdir()
    (folder / "district-20200101-000000-exit.sqlite3").write_bytes(b"x")
    (folder / "我的备份.sqlite3").write_bytes(b"x")
    _touch(db, datetime(2020, 1, 1))
    _touch(db, datetime(2026, 1, 1))
    backups.rotate(db, keep_daily=0, keep_monthly=0)
    assert sorted(f.name for f in folder.iterdir()) == [
        "district-20200101-000000-exit.sqlite3", "office-20260101-000000-exit.sqlite3", "我的备份.sqlite3"]


def test_backup_now_rotates_with_the_office_settings(ctx):
    office.save_settings(ctx, {"backup_keep_daily": 2, "backup_keep_monthly": 0})
    for day in range(1, 6):
        backups.backup_now(ctx, backups.EXIT, datetime(2026, 11, day, 18))
    assert [b.made_at.day for b in backups.list_backups(ctx)] == [5, 4]


def test_list_backups_with_date_reason_and_counts_newest_first(ctx):
    fill_office(ctx, persons=7, cases=3)
    backups.backup_now(ctx, backups.IMPORT, datetime(2026, 11, 20, 9, 30))
    fill_office(ctx, persons=2, cases=0, seed=2)
    backups.backup_now(ctx, backups.EXIT, datetime(2026, 11, 21, 17, 0))
    (paths.backup_dir(ctx.path) / "office-20261122-080000-exit.sqlite3").write_bytes(b"damaged")
    listed = backups.list_backups(ctx)
    assert [(b.made_at, b.reason_label, b.counts) for b in listed] == [
        (datetime(2026, 11, 21, 17, 0), "退出时", {"人员": 9, "走访记录": 36, "调解案件": 3}),
        (datetime(2026, 11, 20, 9, 30), "导入前", {"人员": 7, "走访记录": 28, "调解案件": 3}),
    ]
    assert listed[1].describe() == "2026-11-20 09:30（人员7、走访记录28、调解案件3）"
    assert listed[1].unit_name == "测试镇司法所"


def test_backup_to_a_chosen_file_is_audited(ctx, tmp_path):
    target = tmp_path / "stick" / "copy.sqlite3"
    backups.backup_to_file(ctx, target)
    assert integrity_ok(target)[0]
    assert audit.list_entries(ctx)[0].summary == "备份数据库到 copy.sqlite3"


def test_restore_brings_back_the_backup_and_keeps_the_current_data(ctx):
    fill_office(ctx, persons=5, cases=1)
    made = backups.backup_now(ctx, backups.EXIT, datetime(2026, 11, 20, 17))
    before = table_rows(ctx.path, "person")
    fill_office(ctx, persons=3, cases=0, seed=9)           # work done after the backup
    after = table_rows(ctx.path, "person")
    info = next(b for b in backups.list_backups(ctx) if b.path == made)
    result = backups.restore_backup(ctx, info, datetime(2026, 11, 24, 10))
    assert table_rows(ctx.path, "person") == before
    assert table_rows(result.safety_backup, "person") == after   # nothing is lost
    assert parse_backup_name(ctx.path, result.safety_backup).reason == "restore"
    assert result.ctx.office_id == ctx.office_id and result.ctx.user == ctx.user
    entry = audit.list_entries(result.ctx)[0]
    assert entry.action == audit.RESTORE and "2026-11-20 17:00（人员5" in entry.summary
    assert integrity_ok(ctx.path)[0]
    result.ctx.dispose()


def test_restoring_todays_backup_does_not_rotate_it_away(ctx):
    fill_office(ctx, persons=3)
    made = backups.backup_now(ctx, backups.MANUAL, datetime(2026, 11, 24, 9))
    fill_office(ctx, persons=2, seed=3)
    result = backups.restore_backup(ctx, backups.describe_backup(made), datetime(2026, 11, 24, 10))
    assert made.exists() and result.safety_backup.exists()
    assert len(table_rows(ctx.path, "person")) == 3
    result.ctx.dispose()


def test_restore_while_another_connection_holds_the_file_changes_nothing(ctx):
    made = backups.backup_now(ctx, backups.EXIT, datetime(2026, 11, 20, 17))
    fill_office(ctx, persons=2)
    rows = table_rows(ctx.path, "person")
    other = sqlite3.connect(ctx.path)
    other.execute("SELECT count(*) FROM person").fetchone()
    try:
        with pytest.raises(DatabaseError, match="正被其他程序"):
            backups.restore_backup(ctx, backups.describe_backup(made))
    finally:
        other.close()
    assert table_rows(ctx.path, "person") == rows
    assert not ctx.path.with_name(ctx.path.name + ".restore").exists()


def test_restore_refuses_another_offices_backup(ctx, tmp_path, _template_db):
    other = new_office(_template_db, tmp_path, "410101777", "别的镇司法所")
    foreign = backups.backup_now(other, backups.EXIT)
    other.dispose()
    with pytest.raises(DatabaseError, match="别的镇司法所"):
        backups.restore_backup(ctx, backups.describe_backup(foreign))


def test_restore_refuses_a_damaged_or_foreign_file(ctx, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 200)
    with pytest.raises(DatabaseError, match="损坏"):
        backups.describe_backup(junk)
    songs = tmp_path / "songs.sqlite3"
    con = sqlite3.connect(songs)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.close()
    with pytest.raises(DatabaseError, match="不是本程序的数据库"):
        backups.describe_backup(songs)


def test_backup_of_a_missing_database_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="不存在"):
        backups.backup_now(tmp_path / "nothing.sqlite3", backups.EXIT, datetime.now() - timedelta(days=1))
