"""导出U盘数据包: one checked file with a consistent copy and a manifest, optionally encrypted."""

from __future__ import annotations

import errno
import hashlib
import json
import sqlite3
import threading
import zipfile
from datetime import date, datetime, timedelta

import pytest
from exchange_data import fill_office, table_rows
from sqlalchemy import insert

from sifasuo_desktop.core.errors import Cancelled, UserError, ValidationError
from sifasuo_desktop.db.models import AftercareTerm, Person, Visit, new_id
from sifasuo_desktop.services import audit, package, package_format
from sifasuo_desktop.services.package import ExportOptions

NOW = datetime(2026, 11, 24, 15, 30, 5)


def _unpacked(result, tmp_path, passphrase=None):
    target = tmp_path / f"unpacked-{result.path.stem}.sqlite3"
    manifest = package_format.unpack(result.path, target, passphrase)
    return manifest, target


def test_export_writes_one_named_package_with_manifest_and_audit(ctx, tmp_path):
    fill_office(ctx, persons=15, cases=4)
    result = package.export_package(ctx, tmp_path, now=NOW)
    assert result.path.name == "410101001-测试镇司法所-20261124-153005.sfpkg"
    assert [p.name for p in tmp_path.glob("*.sfpkg*")] == [result.path.name]
    with zipfile.ZipFile(result.path) as zf:
        assert sorted(zf.namelist()) == ["data.sqlite3", "manifest.json"]
        manifest = json.loads(zf.read("manifest.json"))
        data = zf.read("data.sqlite3")
    assert manifest["office"]["code"] == "410101001" and manifest["office"]["name"] == "测试镇司法所"
    assert manifest["exported_at"] == "2026-11-24T15:30:05" and manifest["exported_by"] == "张所长"
    assert manifest["program_version"] == "0.1.0" and manifest["schema_revision"] == "0001_initial"
    assert manifest["encrypted"] is False
    assert manifest["options"] == {"period_start": None, "period_end": None, "attachments": True,
                                   "password_hashes": False}
    assert manifest["data_sha256"] == hashlib.sha256(data).hexdigest() and manifest["data_size"] == len(data)
    assert manifest["counts"]["person"] == 15 and manifest["counts"]["visit"] == 60
    assert manifest["counts"]["mediation_case"] == 4 and manifest["counts"]["attachment"] == 3
    assert result.counts == manifest["counts"]
    entry = audit.list_entries(ctx)[0]
    assert entry.action == audit.EXPORT and result.path.name in entry.summary and "未加密" in entry.summary


def test_package_database_is_the_office_data_without_password_hashes(ctx, tmp_path):
    fill_office(ctx, persons=10)
    manifest, copy = _unpacked(package.export_package(ctx, tmp_path, now=NOW), tmp_path)
    for table in ("person", "visit", "aftercare_term", "attachment", "mediation_party"):
        assert table_rows(copy, table) == table_rows(ctx.path, table)
    con = sqlite3.connect(copy)
    assert con.execute("SELECT username, password_hash FROM user_account").fetchall() == [("admin", "")]
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_large_database_goes_through_a_scratch_file_with_the_same_result(ctx, tmp_path, monkeypatch):
    fill_office(ctx, persons=10)
    monkeypatch.setattr(package, "MEMORY_COPY_LIMIT", 0)
    manifest, copy = _unpacked(package.export_package(ctx, tmp_path, now=NOW), tmp_path)
    assert table_rows(copy, "visit") == table_rows(ctx.path, "visit")
    assert manifest["counts"]["person"] == 10
    assert not [p for p in ctx.path.parent.iterdir() if p.name.startswith("sifasuo-export-")]


def test_encrypted_package_hides_data_and_counts(ctx, tmp_path):
    fill_office(ctx, persons=6)
    result = package.export_package(ctx, tmp_path, passphrase="钥匙abc123", now=NOW)
    assert result.encrypted
    with zipfile.ZipFile(result.path) as zf:
        assert sorted(zf.namelist()) == ["data.sqlite3.enc", "manifest.json"]
        manifest = json.loads(zf.read("manifest.json"))
        data = zf.read("data.sqlite3.enc")
    assert manifest["encrypted"] is True and "counts" not in manifest
    assert manifest["encryption"]["cipher"] == "AES-256-GCM" and manifest["encryption"]["kdf"] == "scrypt"
    assert not data.startswith(b"SQLite format 3") and "测试".encode() not in data
    unpacked, copy = _unpacked(result, tmp_path, "钥匙abc123")
    assert unpacked["counts"]["person"] == 6
    assert table_rows(copy, "person") == table_rows(ctx.path, "person")
    assert "已加密" in audit.list_entries(ctx)[0].summary


def _add_person(session, office_id, name, start, end, visits=()):
    pid = session.execute(insert(Person).values(id=new_id(), office_id=office_id, name=name,
                                                id_number="110101199001011234")).inserted_primary_key[0]
    session.execute(insert(AftercareTerm).values(
        id=new_id(), office_id=office_id, person_id=pid, source="监狱刑满释放", release_date=start,
        register_start=start, expiry=end, end_date=end))
    for day in visits:
        session.execute(insert(Visit).values(id=new_id(), office_id=office_id, person_id=pid, visit_date=day,
                                             visit_type="谈话"))
    return pid


def test_period_export_keeps_what_the_reports_of_the_period_need(ctx, tmp_path):
    s, e = date(2026, 1, 1), date(2026, 6, 30)
    with ctx.transaction() as session:
        _add_person(session, ctx.office_id, "期前离册", date(2019, 1, 1), date(2025, 12, 30))
        _add_person(session, ctx.office_id, "上期末在册", date(2019, 1, 1), date(2025, 12, 31),
                    visits=[date(2025, 12, 30)])                   # end = S: on register on S-1
        _add_person(session, ctx.office_id, "期内新增", date(2026, 6, 30), date(2031, 6, 30),
                    visits=[date(2026, 6, 30), date(2026, 7, 1)])
        _add_person(session, ctx.office_id, "期后新增", date(2026, 7, 1), date(2031, 7, 1))
    options = ExportOptions(s, e, attachments=True)
    result = package.export_package(ctx, tmp_path, options=options, now=NOW)
    manifest, copy = _unpacked(result, tmp_path)
    con = sqlite3.connect(copy)
    assert sorted(r[0] for r in con.execute("SELECT name FROM person")) == ["上期末在册", "期内新增"]
    assert [r[0] for r in con.execute("SELECT visit_date FROM visit")] == ["2026-06-30"]
    assert con.execute("SELECT count(*) FROM aftercare_term").fetchone()[0] == 2
    con.close()
    assert manifest["options"]["period_start"] == "2026-01-01" and manifest["options"]["period_end"] == "2026-06-30"
    assert "期间 2026-01-01至2026-06-30" in audit.list_entries(ctx)[0].summary


def test_period_export_keeps_mediation_cases_active_or_followed_up_in_the_period(ctx, tmp_path):
    fill_office(ctx, persons=3, cases=30, attachments=0)
    con = sqlite3.connect(ctx.path)
    con.execute("UPDATE mediation_case SET judicial_confirm_date = '2025-05-05' WHERE seq = 30")
    con.commit()
    expected = {r[0] for r in con.execute(
        """SELECT id FROM mediation_case WHERE (acceptance_date <= '2025-06-30' AND
           (concluded_date IS NULL OR concluded_date >= '2025-04-01'))
           OR judicial_confirm_date = '2025-05-05'
           OR id IN (SELECT case_id FROM mediation_followup WHERE followup_date BETWEEN '2025-04-01' AND '2025-06-30')""")}
    con.close()
    assert 0 < len(expected) < 30
    options = ExportOptions(date(2025, 4, 1), date(2025, 6, 30))
    _manifest, copy = _unpacked(package.export_package(ctx, tmp_path, options=options, now=NOW), tmp_path)
    con = sqlite3.connect(copy)
    assert {r[0] for r in con.execute("SELECT id FROM mediation_case")} == expected
    parties = con.execute("SELECT count(*) FROM mediation_party").fetchone()[0]
    con.close()
    assert parties == 2 * len(expected)                               # children went with their case


def test_export_without_attachments_is_smaller_and_says_so(ctx, tmp_path):
    fill_office(ctx, persons=10, attachments=10)
    full = package.export_package(ctx, tmp_path, now=NOW)
    lean = package.export_package(ctx, tmp_path, options=ExportOptions(attachments=False), now=NOW + timedelta(seconds=1))
    manifest, copy = _unpacked(lean, tmp_path)
    assert manifest["counts"]["attachment"] == 0 and manifest["options"]["attachments"] is False
    assert full.counts["attachment"] == 10 and lean.size < full.size - 20_000
    assert "不含附件" in audit.list_entries(ctx)[0].summary


def test_full_disk_leaves_no_partial_file_and_says_so_in_chinese(ctx, tmp_path, monkeypatch):
    fill_office(ctx, persons=5)
    real_write = zipfile.ZipFile.open

    def full_disk(self, name, mode="r", **kwargs):
        handle = real_write(self, name, mode, **kwargs)
        if mode == "w":
            def write(data):
                raise OSError(errno.ENOSPC, "No space left on device")
            handle.write = write
        return handle

    monkeypatch.setattr(zipfile.ZipFile, "open", full_disk)
    out = tmp_path / "stick"
    out.mkdir()
    with pytest.raises(UserError, match="磁盘空间不足") as err:
        package.export_package(ctx, out, now=NOW)
    assert "未留下不完整的文件" in str(err.value)
    assert list(out.iterdir()) == []
    assert all(e.action != audit.EXPORT for e in audit.list_entries(ctx))


def test_progress_is_reported_and_cancel_leaves_nothing(ctx, tmp_path):
    fill_office(ctx, persons=5)
    seen = []
    package.export_package(ctx, tmp_path, progress=lambda d, t, m="": seen.append((d, t, m)), now=NOW)
    assert seen[0] == (0, 100, "正在复制数据库…") and seen[-1] == (100, 100, "完成")
    assert [d for d, _t, _m in seen] == sorted(d for d, _t, _m in seen)

    def cancel(done, total, message=""):
        if done >= 30:
            raise Cancelled()

    out = tmp_path / "cancelled"
    out.mkdir()
    with pytest.raises(Cancelled):
        package.export_package(ctx, out, progress=cancel, now=NOW)
    assert list(out.iterdir()) == []


def test_export_during_writes_in_another_thread_is_consistent(ctx, tmp_path):
    fill_office(ctx, persons=200, attachments=0)
    stop = threading.Event()
    written = []

    def writer():
        n = 0
        while not stop.is_set():
            with ctx.transaction() as session:  # a person and their term: always together
                _add_person(session, ctx.office_id, f"并发{n}", date(2026, 1, 1), date(2031, 1, 1))
            n += 1
            written.append(n)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        results = []
        for i in range(5):
            while len(written) < (i + 1) * 3:
                stop.wait(0.005)
            results.append(package.export_package(ctx, tmp_path, now=NOW + timedelta(seconds=i)))
    finally:
        stop.set()
        thread.join()
    persons = set()
    for result in results:
        manifest, copy = _unpacked(result, tmp_path)
        con = sqlite3.connect(copy)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert manifest["counts"]["person"] == manifest["counts"]["aftercare_term"]
        persons.add(manifest["counts"]["person"])
        con.close()
    assert len(persons) > 1 and min(persons) > 200                   # writes were really going on


def test_bad_requests_are_refused(ctx, tmp_path):
    with pytest.raises(ValidationError, match="至少6位"):
        package.export_package(ctx, tmp_path, passphrase="12345")
    with pytest.raises(ValidationError, match="开始日期不能晚于结束日期"):
        package.export_package(ctx, tmp_path, options=ExportOptions(date(2026, 2, 1), date(2026, 1, 1)))
    with pytest.raises(ValidationError, match="同时填写"):
        package.export_package(ctx, tmp_path, options=ExportOptions(date(2026, 2, 1), None))
    with pytest.raises(UserError, match="文件夹不存在"):
        package.export_package(ctx, tmp_path / "nowhere")
    package.export_package(ctx, tmp_path, now=NOW)
    with pytest.raises(UserError, match="同名数据包"):
        package.export_package(ctx, tmp_path, now=NOW)


def test_file_name_drops_characters_windows_refuses():
    assert package.package_file_name("410101001", 'A/B:镇 "所"', NOW) == "410101001-AB镇所-20261124-153005.sfpkg"
