"""Bad database files and a hostile environment: damaged, truncated, foreign, newer, a folder, busy
(locked by another program), open in a second window, a read-only data folder, a full disk.

Each: a clear Chinese message (no English from SQLite), the file untouched or no row half-written,
and afterwards the program works (on a good file, after the space is freed, after the other
program let go). The full disk and the read-only folder use a real 8 MB tmpfs when the tests run
as root (CI); elsewhere they are simulated (see ``SmallDisk``).
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from badinput_checks import add_village, assert_clear_chinese, copy_to, row_counts
from dialog_driver import ModalHand, click
from helpers import type_text
from mediation_fixtures import new_case
from PySide6.QtWidgets import QDialogButtonBox

from sifasuo_desktop.core.errors import DatabaseError, DatabaseInUse, DatabaseTooNew, StorageError
from sifasuo_desktop.core.instance_lock import InstanceLock
from sifasuo_desktop.db import engine as db_engine
from sifasuo_desktop.db.backup import integrity_ok
from sifasuo_desktop.services import maintenance, mediation, office, person_print, persons
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.ui import startup
from sifasuo_desktop.ui.dialogs.sign_in import SignInDialog

TODAY = date(2026, 11, 24)
SRC = Path(__file__).resolve().parents[2] / "src"


def refused_at_open(path: Path, words: str, error=DatabaseError) -> None:
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(error) as caught:
        open_database(path, today=TODAY)
    assert_clear_chinese(str(caught.value), words)
    if before is not None:
        assert path.read_bytes() == before, "the file was changed"


def a_good_file_still_opens(tmp_path: Path) -> None:
    ctx = open_database(tmp_path / "good" / "office.sqlite3", today=TODAY)
    office.create_office(ctx, code="410101001", name="测试镇司法所")
    ctx.dispose()


# --- damaged, foreign, newer files ---------------------------------------------------------

def test_damaged_file(tmp_path):
    """Not a database at all (a document renamed, a file overwritten)."""
    path = tmp_path / "office.sqlite3"
    path.write_bytes(b"PK\x03\x04 this was a zip file " * 500)
    refused_at_open(path, "已损坏或不是数据库文件")
    a_good_file_still_opens(tmp_path)


def test_truncated_file(ctx, tmp_path):
    """A copy broken off half-way (USB stick pulled during a copy)."""
    (tmp_path / "copy").mkdir()
    path = copy_to(ctx, tmp_path / "copy")
    with sqlite3.connect(path) as con:
        con.executemany("INSERT INTO app_meta(key, value) VALUES (?, ?)", [(f"k{i}", "x" * 3000) for i in range(200)])
    con.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused_at_open(path, "已损坏或不是数据库文件")
    a_good_file_still_opens(tmp_path)


def test_damaged_page_inside_a_good_file(ctx):
    """The file opens, but a table's page is garbage: reading it says 已损坏, writes nothing."""
    path = ctx.path
    ctx.dispose()
    with sqlite3.connect(path) as con:
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name='village'").fetchone()[0]
        size = con.execute("PRAGMA page_size").fetchone()[0]
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xff" * size)
    before = path.read_bytes()
    damaged = open_database(path, today=TODAY)
    with pytest.raises(StorageError) as caught:
        office.list_villages(damaged)
    assert_clear_chinese(str(caught.value), "数据库文件已损坏")
    with pytest.raises(StorageError):
        office.save_village(damaged, None, name="西街")
    damaged.dispose()
    assert path.read_bytes() == before
    report = maintenance.check(path)
    assert not report.integrity_ok                      # 文件 → 检查 tells the same
    other = open_database(path, today=TODAY)
    assert mediation.next_number(other, TODAY) == 1
    other.dispose()


def test_foreign_sqlite_file(tmp_path):
    """A SQLite database of another program."""
    path = tmp_path / "office.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE contacts (name TEXT)")
    con.close()
    refused_at_open(path, "不是本程序的数据库")
    a_good_file_still_opens(tmp_path)


def test_newer_database(db_path, tmp_path):
    """A database written by a newer version of the program."""
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE alembic_version SET version_num='0099_future'")
    con.close()
    refused_at_open(db_path, "比本程序新", error=DatabaseTooNew)
    a_good_file_still_opens(tmp_path)


def test_folder_instead_of_a_file(tmp_path):
    """``--db`` pointing at a folder."""
    folder = tmp_path / "office.sqlite3"
    folder.mkdir()
    refused_at_open(folder, "是一个文件夹")
    a_good_file_still_opens(tmp_path)


# --- another program on the same file ------------------------------------------------------

def test_database_busy_with_another_program(ctx, refused, monkeypatch):
    """Another program (a second window, the ``sifasuo`` command) is in the middle of a write."""
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 200)
    ctx.engine.dispose()                                 # new connections wait 0.2 s instead of 5 s
    other = sqlite3.connect(ctx.path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO app_meta(key, value) VALUES ('other', 'program')")
    try:
        refused(lambda: mediation.create_case(ctx, new_case()), "数据库正忙", error=StorageError,
                then=lambda: other.rollback())
    finally:
        other.close()
    assert mediation.create_case(ctx, new_case()).seq == 1   # once the other program is done


HOLDER = """
import sys
sys.path.insert(0, {src!r})
from pathlib import Path
from sifasuo_desktop.core.instance_lock import InstanceLock
from sifasuo_desktop.services import office
from sifasuo_desktop.services.context import open_database
db = Path({db!r})
lock = InstanceLock(db).acquire()
print("held", flush=True)
sys.stdin.readline()
ctx = open_database(db)
office.save_village(ctx, None, name="第一个窗口的村")
print("saved", flush=True)
sys.stdin.readline()
"""


def test_second_window_on_the_same_database(qtbot, ctx, no_dialogs):
    """A second start of the program on a file a running window has open; after that window dies
    (even by kill -9) the next start opens normally."""
    db = ctx.path
    ctx.dispose()
    first = subprocess.Popen([sys.executable, "-c", HOLDER.format(src=str(SRC), db=str(db))],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "held"
        before = row_counts(db)
        assert startup.start(db) is None
        assert_clear_chinese(no_dialogs[-1], "数据库正被另一个程序窗口使用")
        assert row_counts(db) == before
        with pytest.raises(DatabaseInUse):
            InstanceLock(db).acquire()
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "saved"   # the first window carries on
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert InstanceLock(db).path.exists()                    # left behind by the killed program ...
    lock = InstanceLock(db).acquire()                        # ... and no obstacle
    lock.release()
    second = open_database(db, today=TODAY)
    assert "第一个窗口的村" in [v.name for v in office.list_villages(second)]
    add_village(second)
    second.dispose()


# --- a read-only data folder ---------------------------------------------------------------

def test_read_only_folder_for_a_new_database(small_disk, no_dialogs):
    """The data folder is on a read-only drive (or the user may not write there): no database can
    be created; the window start says so; once writable, the start goes on."""
    small_disk.read_only(True)
    path = small_disk.folder / "office.sqlite3"
    refused_at_open(path, "只读", error=StorageError)
    assert startup.start(path) is None
    assert_clear_chinese(no_dialogs[-1], "只读")
    assert not path.exists()
    small_disk.read_only(False)
    a_good_file_still_opens(small_disk.folder)


def test_read_only_folder_with_the_database(ctx, small_disk, no_dialogs):
    """An existing database in a folder that became read-only: refused at start, file untouched."""
    path = copy_to(ctx, small_disk.folder)
    before = path.read_bytes()
    small_disk.read_only(True)
    refused_at_open(path, "只读", error=StorageError)
    assert startup.start(path) is None
    assert_clear_chinese(no_dialogs[-1], "只读")
    small_disk.read_only(False)
    assert path.read_bytes() == before
    usable = open_database(path, today=TODAY)
    add_village(usable)
    usable.dispose()


# --- a full disk ---------------------------------------------------------------------------

def test_full_disk_during_a_database_write(ctx, small_disk, refused):
    """The disk fills up while a case with a long statement is saved: nothing of it is kept."""
    on_disk = open_database(copy_to(ctx, small_disk.folder), today=TODAY)
    small_disk.fill(on_disk)
    big = replace(new_case(), summary="双方因宅基地界址发生纠纷。" * 8_000)
    refused(lambda: mediation.create_case(on_disk, big), "磁盘空间已满", error=StorageError, db=on_disk.path,
            then=small_disk.free)
    assert integrity_ok(on_disk.path)[0]
    assert mediation.create_case(on_disk, big).seq == 1       # after space was freed
    on_disk.dispose()


def test_full_disk_while_writing_a_pdf(ctx, small_disk, refused):
    """Printing onto a full disk: no half PDF is left, the print is not logged, and it works later."""
    pid = persons.create_person(ctx, persons.PersonInput(
        name="张三", id_number="11010119900307001" + "1", village_id=office.list_villages(ctx)[0].id),
        aftercare=[persons.AftercareInput("监狱刑满释放", date(2024, 3, 1))])
    target = small_disk.folder / "登记表.pdf"
    small_disk.fill()
    refused(lambda: person_print.print_person_form(ctx, pid, person_print.AFTERCARE_FORM, target), "磁盘空间已满",
            error=StorageError, then=small_disk.free)
    assert sorted(p.name for p in small_disk.folder.iterdir() if p.name != "filler.bin") == []
    person_print.print_person_form(ctx, pid, person_print.AFTERCARE_FORM, target)
    assert target.read_bytes().startswith(b"%PDF")


def test_full_disk_when_creating_the_database(small_disk, tmp_path):
    """The first start on a full disk: no database is made; with space, the next start makes it."""
    if small_disk.kind != "tmpfs":
        pytest.skip("needs a real small file system (tests not run as root with mount)")
    small_disk.fill()
    path = small_disk.folder / "office.sqlite3"
    refused_at_open(path, "磁盘空间可能已满", error=StorageError)   # SQLite says I/O error here, not "full"
    small_disk.free()
    a_good_file_still_opens(small_disk.folder)


def test_the_window_holds_the_database_until_it_is_gone(qtbot, ctx, no_dialogs):
    """A window started on the file keeps a second start out; once it is closed and gone, the
    next start signs in normally."""
    def sign_in(dialog):
        type_text(dialog.username, "admin")
        type_text(dialog.password, "secret123")
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok))

    db = ctx.path
    ctx.dispose()
    hand = ModalHand()
    hand.when(SignInDialog, sign_in)
    window = startup.start(db)
    assert window is not None and hand.missed == []
    assert startup.start(db) is None
    assert_clear_chinese(no_dialogs[-1], "数据库正被另一个程序窗口使用")
    window.close()
    window.deleteLater()
    def free() -> bool:
        try:
            InstanceLock(db).acquire().release()
        except DatabaseInUse:
            return False
        return True

    qtbot.waitUntil(free, timeout=3000)
    hand = ModalHand()
    hand.when(SignInDialog, sign_in)
    again = startup.start(db)
    qtbot.addWidget(again)
    assert again is not None and hand.missed == [] and again.ctx.user.username == "admin"
