"""District mode: packages checked before anything is written, merged, replaced, never duplicated."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from datetime import datetime, timedelta

import pytest
from exchange_data import database_digest, fill_office, new_office, table_rows

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.db.migrate import HEAD_REVISION
from sifasuo_desktop.services import audit, district, district_views, office, package, package_check, package_format
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.services.office_scope import exchanged_tables

T0 = datetime(2026, 11, 1, 9, 0)
NOT_COPIED = {"user_account": ("password_hash",)}


@pytest.fixture
def district_ctx(tmp_path, _template_db):
    path = tmp_path / "district" / "district.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(_template_db, path)
    ctx = district.create_district(open_database(path), code="410101", name="测试县司法局")
    yield ctx
    ctx.dispose()


@pytest.fixture
def second_office(tmp_path, _template_db):
    ctx = new_office(_template_db, tmp_path, "410101002", "第二镇司法所")
    yield ctx
    ctx.dispose()


def _export(ctx, folder, when=T0, **kwargs):
    folder.mkdir(exist_ok=True)
    return package.export_package(ctx, folder, now=when, **kwargs).path


def office_data(path, office_id):
    return {table.name: table_rows(path, table.name, office_id, NOT_COPIED.get(table.name, ()))
            for table in exchanged_tables()}


def assert_same_office_data(expected, district_path, office_id):
    """``expected``: ``office_data`` of the office database just before its export."""
    held = office_data(district_path, office_id)
    for table in expected:
        assert held[table] == expected[table], table


def test_round_trip_equals_each_offices_data(ctx, second_office, district_ctx, tmp_path):
    fill_office(ctx, persons=30, cases=5)
    office.save_settings(ctx, {"visit_interval_key_months": 2})
    fill_office(second_office, persons=20, cases=3, seed=2)
    first, second = office_data(ctx.path, ctx.office_id), office_data(second_office.path, second_office.office_id)
    assert all(first[t] for t in ("person", "visit", "placement", "mediation_party", "attachment", "setting",
                                  "user_account", "frozen_report", "supervision_level_change"))
    packages = [_export(ctx, tmp_path / "out"), _export(second_office, tmp_path / "out", passphrase="第二镇密码x")]
    result = district.merge_packages(district_ctx, packages, passphrases={str(packages[1]): "第二镇密码x"},
                                     now=T0 + timedelta(days=1))
    assert [(m.office_code, m.persons, m.previous_exported_at) for m in result.merged] == [
        ("410101001", 30, None), ("410101002", 20, None)]
    assert_same_office_data(first, district_ctx.path, ctx.office_id)
    assert_same_office_data(second, district_ctx.path, second_office.office_id)
    offices = district_views.list_offices(district_ctx)
    assert [(o.code, o.name, o.exported_at, o.persons, o.visits, o.mediation_cases) for o in offices] == [
        ("410101001", "测试镇司法所", T0, 30, 120, 5), ("410101002", "第二镇司法所", T0, 20, 80, 3)]
    assert district_views.member_office_ids(district_ctx) == [ctx.office_id, second_office.office_id]
    assert result.backup is not None and result.backup.exists()
    imports = [e for e in audit.list_entries(district_ctx) if e.action == audit.IMPORT]
    assert len(imports) == 2 and imports[0].user_name == "系统"


def test_reimport_replaces_the_office_never_duplicates(ctx, district_ctx, tmp_path):
    fill_office(ctx, persons=10)
    district.merge_packages(district_ctx, [_export(ctx, tmp_path / "a")])
    fill_office(ctx, persons=4, seed=5)
    con = sqlite3.connect(ctx.path)
    con.execute("DELETE FROM visit WHERE rowid IN (SELECT rowid FROM visit LIMIT 7)")
    con.commit()
    con.close()
    expected = office_data(ctx.path, ctx.office_id)
    result = district.merge_packages(district_ctx, [_export(ctx, tmp_path / "b", when=T0 + timedelta(hours=2))])
    assert result.merged[0].previous_exported_at == T0
    assert_same_office_data(expected, district_ctx.path, ctx.office_id)
    assert [(o.persons, o.visits, o.exported_at) for o in district_views.list_offices(district_ctx)] == [
        (14, 49, T0 + timedelta(hours=2))]
    again = district.merge_packages(district_ctx, [next((tmp_path / "b").iterdir())])   # the same file again
    assert again.merged[0].persons == 14
    assert_same_office_data(expected, district_ctx.path, ctx.office_id)


def test_an_older_package_needs_confirmation(ctx, district_ctx, tmp_path):
    fill_office(ctx, persons=5)
    old = _export(ctx, tmp_path / "old")
    fill_office(ctx, persons=5, seed=3)
    district.merge_packages(district_ctx, [_export(ctx, tmp_path / "new", when=T0 + timedelta(days=3))])
    before = database_digest(district_ctx.path)
    with pytest.raises(district.OlderPackageError) as err:
        district.merge_packages(district_ctx, [old])
    assert "测试镇司法所：数据包导出于 2026-11-01 09:00，已导入的导出于 2026-11-04 09:00" in str(err.value)
    assert database_digest(district_ctx.path) == before
    district.merge_packages(district_ctx, [old], allow_older=True)
    assert [o.persons for o in district_views.list_offices(district_ctx)] == [5]


def test_same_office_twice_in_one_run_takes_the_newest(ctx, district_ctx, tmp_path):
    fill_office(ctx, persons=3)
    first = _export(ctx, tmp_path / "o")
    fill_office(ctx, persons=2, seed=4)
    second = _export(ctx, tmp_path / "o", when=T0 + timedelta(minutes=1))
    result = district.merge_packages(district_ctx, [second, first])
    assert [m.persons for m in result.merged] == [5] and result.skipped == [first.name]


def test_a_recreated_office_database_with_the_same_code_replaces_the_old_one(
        ctx, district_ctx, tmp_path, _template_db):
    fill_office(ctx, persons=4)
    district.merge_packages(district_ctx, [_export(ctx, tmp_path / "a")])
    again = new_office(_template_db, tmp_path, "410101001", "测试镇司法所")   # new file, new office id
    fill_office(again, persons=2, seed=8)
    district.merge_packages(district_ctx, [_export(again, tmp_path / "b", when=T0 + timedelta(days=1))])
    offices = district_views.list_offices(district_ctx)
    assert [(o.id, o.persons) for o in offices] == [(again.office_id, 2)]
    con = sqlite3.connect(district_ctx.path)
    assert {r[0] for r in con.execute("SELECT office_id FROM package_import")} == {again.office_id}
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()
    again.dispose()


# --- refusals: each with its message, the district database unchanged -------------------------

def _repack(source, target, passphrase=None, mutate=None, manifest_changes=None):
    """A package with a correct hash around changed content (what a careless tool might write)."""
    work = target.with_suffix(".work")
    manifest = package_format.unpack(source, work, passphrase)
    if mutate:
        con = sqlite3.connect(work)
        mutate(con)
        con.commit()
        con.close()
    con = sqlite3.connect(work)
    manifest["counts"] = package.table_counts(con)
    con.close()
    header = {k: manifest[k] for k in ("office", "exported_at", "exported_by", "program_version",
                                       "schema_revision", "options", "counts")}
    header.update(manifest_changes or {})
    package_format.write_package(target, package_format.file_chunks(work), work.stat().st_size, header, passphrase)
    work.unlink()
    return target


@pytest.fixture
def good_package(ctx, tmp_path):
    fill_office(ctx, persons=8)
    return _export(ctx, tmp_path / "good")


def _tampered(good, tmp_path):
    bad = tmp_path / "tampered.sfpkg"
    data = bytearray(good.read_bytes())
    data[len(data) // 3] ^= 0x01
    bad.write_bytes(bytes(data))
    return bad


def _truncated(good, tmp_path):
    bad = tmp_path / "truncated.sfpkg"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return bad


def _foreign_sqlite(good, tmp_path):
    bad = tmp_path / "songs.sfpkg"
    con = sqlite3.connect(bad)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.close()
    return bad


def _foreign_sqlite_inside(good, tmp_path):
    songs = tmp_path / "songs.sqlite3"
    con = sqlite3.connect(songs)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.close()
    header = {"office": {"code": "410101001", "name": "x"}, "exported_at": "2026-11-01T09:00:00",
              "schema_revision": HEAD_REVISION, "options": {}, "counts": {"songs": 0}}
    return tmp_path / "wrapped.sfpkg" if package_format.write_package(
        tmp_path / "wrapped.sfpkg", package_format.file_chunks(songs), songs.stat().st_size, header) else None


def _zip_of_something_else(good, tmp_path):
    bad = tmp_path / "photos.sfpkg"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("照片.jpg", b"\xff\xd8\xff" + b"0" * 1000)
    return bad


def _missing_manifest(good, tmp_path):
    bad = tmp_path / "nomanifest.sfpkg"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        dst.writestr("data.sqlite3", src.read("data.sqlite3"))
    return bad


def _newer_revision(good, tmp_path):
    return _repack(good, tmp_path / "newer.sfpkg",
                   mutate=lambda con: con.execute("UPDATE alembic_version SET version_num = '0099_future'"),
                   manifest_changes={"schema_revision": "0099_future"})


def _no_office_code(good, tmp_path):
    return _repack(good, tmp_path / "nocode.sfpkg", mutate=lambda con: con.execute("UPDATE office SET code = ''"),
                   manifest_changes={"office": {"code": "", "name": "测试镇司法所"}})


def _counts_disagree(good, tmp_path):
    bad = _repack(good, tmp_path / "counts.sfpkg")
    manifest = package_format.read_manifest(bad)
    manifest["counts"]["person"] += 1
    return _repack(good, tmp_path / "counts2.sfpkg", manifest_changes={"counts": manifest["counts"]})


def _district_database(good, tmp_path):
    return _repack(good, tmp_path / "district.sfpkg",
                   mutate=lambda con: con.execute("UPDATE app_meta SET value = 'district' WHERE key = 'mode'"))


def _another_offices_rows(good, tmp_path):
    return _repack(good, tmp_path / "mixed.sfpkg", mutate=lambda con: con.execute(
        "UPDATE visit SET office_id = 'someoneelse' WHERE rowid = (SELECT min(rowid) FROM visit)"))


def _damaged_database(good, tmp_path):
    """A correct hash and manifest around a database with a broken page (damaged at the office)."""
    work = tmp_path / "damaged.work"
    manifest = package_format.unpack(good, work)
    con = sqlite3.connect(work)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'visit'").fetchone()[0]
    con.close()
    with open(work, "r+b") as f:
        f.seek((root - 1) * page)
        f.write(b"\x0d" + b"\xff" * 64)   # a table page header with nonsense cell counts
    header = {k: manifest[k] for k in ("office", "exported_at", "exported_by", "program_version",
                                       "schema_revision", "options", "counts")}
    target = tmp_path / "damaged.sfpkg"
    package_format.write_package(target, package_format.file_chunks(work), work.stat().st_size, header)
    return target


def _dangling_reference(good, tmp_path):
    return _repack(good, tmp_path / "dangling.sfpkg", mutate=lambda con: con.execute(
        "UPDATE placement SET term_id = 'nosuchterm' WHERE rowid = (SELECT min(rowid) FROM placement)"))


@pytest.mark.parametrize("make_bad, message", [
    (_damaged_database, "已损坏"),
    (_dangling_reference, "引用不到的记录"),
    (_tampered, "已损坏"),
    (_truncated, "不是有效的数据包文件"),
    (_foreign_sqlite, "不是有效的数据包文件"),
    (_foreign_sqlite_inside, "不是本程序的数据库"),
    (_zip_of_something_else, "没有数据包清单"),
    (_missing_manifest, "没有数据包清单"),
    (_newer_revision, "请升级程序"),
    (_no_office_code, "没有司法所单位代码"),
    (_counts_disagree, "清单与数据不符（记录数不同）"),
    (_district_database, "区县汇总数据库"),
    (_another_offices_rows, "含有其他单位的数据"),
])
def test_bad_packages_are_refused_and_nothing_is_written(good_package, district_ctx, second_office, tmp_path,
                                                         make_bad, message):
    fill_office(second_office, persons=3, seed=6)
    district.merge_packages(district_ctx, [_export(second_office, tmp_path / "first")])
    before = database_digest(district_ctx.path)
    bad = make_bad(good_package, tmp_path)
    with pytest.raises(UserError) as err:
        district.merge_packages(district_ctx, [good_package, bad])   # the good one is not merged either
    assert message in str(err.value) and bad.name in str(err.value)
    assert "没有导入任何数据" in str(err.value)
    assert database_digest(district_ctx.path) == before


def test_passphrase_missing_or_wrong(ctx, district_ctx, tmp_path):
    fill_office(ctx, persons=3)
    expected = office_data(ctx.path, ctx.office_id)
    sealed = _export(ctx, tmp_path / "s", passphrase="正确的密码1")
    before = database_digest(district_ctx.path)
    with pytest.raises(package_format.PassphraseRequired):
        district.merge_packages(district_ctx, [sealed])
    with pytest.raises(UserError, match="密码不正确"):
        district.merge_packages(district_ctx, [sealed], passphrase="错误的密码1")
    assert database_digest(district_ctx.path) == before
    tampered = _tampered(sealed, tmp_path)
    with pytest.raises(UserError, match="已损坏"):
        district.merge_packages(district_ctx, [tampered], passphrase="正确的密码1")
    assert database_digest(district_ctx.path) == before
    district.merge_packages(district_ctx, [sealed], passphrase="正确的密码1")
    assert_same_office_data(expected, district_ctx.path, ctx.office_id)


def test_an_encrypted_manifest_cannot_be_altered_without_notice(ctx, tmp_path):
    fill_office(ctx, persons=2)
    sealed = _export(ctx, tmp_path / "s", passphrase="正确的密码1")
    altered = tmp_path / "altered.sfpkg"
    with zipfile.ZipFile(sealed) as src, zipfile.ZipFile(altered, "w") as dst:
        dst.writestr("data.sqlite3.enc", src.read("data.sqlite3.enc"))
        dst.writestr("manifest.json", src.read("manifest.json").decode().replace("测试镇司法所", "别的镇司法所"))
    with pytest.raises(package_format.WrongPassphrase):
        package_check.check_package(altered, tmp_path / "x.sqlite3", "正确的密码1")
    assert not (tmp_path / "x.sqlite3").exists()


def test_an_older_schema_is_upgraded_in_the_temporary_copy(good_package, district_ctx, tmp_path, monkeypatch):
    older = _repack(good_package, tmp_path / "older.sfpkg",
                    mutate=lambda con: con.execute("UPDATE alembic_version SET version_num = '0000_older'"),
                    manifest_changes={"schema_revision": "0000_older"})
    upgraded = []

    def fake_upgrade(path, backup=True):  # what alembic would do, recorded
        upgraded.append((path, backup))
        con = sqlite3.connect(path)
        con.execute("UPDATE alembic_version SET version_num = ?", (HEAD_REVISION,))
        con.commit()
        con.close()

    monkeypatch.setattr(package_check, "KNOWN_REVISIONS", ("0000_older", HEAD_REVISION))
    monkeypatch.setattr(package_check, "upgrade", fake_upgrade)
    before = older.read_bytes()
    district.merge_packages(district_ctx, [older])
    [(path, backup)] = upgraded
    assert path.parent.name.startswith("sifasuo-merge-") and backup is False
    assert older.read_bytes() == before
    assert [o.persons for o in district_views.list_offices(district_ctx)] == [8]


def test_only_a_district_database_merges(ctx, good_package):
    with pytest.raises(UserError, match="只有区县汇总库"):
        district.merge_packages(ctx, [good_package])


def test_a_package_with_the_districts_own_code_is_refused(district_ctx, tmp_path, _template_db):
    clash = new_office(_template_db, tmp_path, "410101", "同码单位")
    with pytest.raises(UserError, match="与本区县汇总库相同"):
        district.merge_packages(district_ctx, [_export(clash, tmp_path / "c")])
    clash.dispose()


def test_open_district_creates_a_new_one_from_the_first_package(good_package, tmp_path):
    ctx = district.open_district(tmp_path / "new" / "d.sqlite3", first_package=good_package)
    info = district_views.district_info(ctx)
    assert (info.code, info.name) == ("410101", "测试县司法局") and district.is_district(ctx)
    ctx.dispose()
    with pytest.raises(UserError, match="是司法所数据库"):
        district.open_district(good_package.parent.parent / "office.sqlite3")
