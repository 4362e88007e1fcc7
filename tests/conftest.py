"""Test set-up: Qt offscreen, a fresh migrated database per test, dialogs that never block."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="xdg-"))
_DATA_DIR = tempfile.mkdtemp(prefix="sifasuo-data-")
os.environ["SIFASUO_DATA_DIR"] = _DATA_DIR  # logs and backups never touch the real user folder

import pytest  # noqa: E402

from sifasuo_desktop.db.migrate import upgrade  # noqa: E402
from sifasuo_desktop.services import auth, office  # noqa: E402
from sifasuo_desktop.services.context import AppContext, open_database  # noqa: E402

# A fixed "today" so due dates and reports do not drift with the calendar.
TODAY = date(2026, 11, 24)
ADMIN_PASSWORD = "secret123"


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory) -> Path:
    """One database migrated to head per test session; each test gets a copy (fast)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(path)
    return path


@pytest.fixture
def db_path(tmp_path, _template_db) -> Path:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(_template_db, path)
    return path


@pytest.fixture
def empty_ctx(db_path) -> AppContext:
    """A migrated database without an office yet."""
    ctx = open_database(db_path, today=TODAY)
    yield ctx
    ctx.dispose()


@pytest.fixture
def ctx(empty_ctx) -> AppContext:
    """An office database with one village and a signed-in administrator."""
    bound = office.create_office(empty_ctx, code="410101001", name="测试镇司法所", county="测试县司法局")
    auth.create_user(bound, username="admin", display_name="张所长", password=ADMIN_PASSWORD, role="管理员")
    user = auth.sign_in(bound, "admin", ADMIN_PASSWORD)
    signed_in = bound.as_user(user)
    office.save_village(signed_in, None, name="东街社区", sort_order=0)
    return signed_in


@pytest.fixture
def admin_password() -> str:
    """The password of the ``ctx`` fixture's administrator ``admin`` (tests cannot import conftest:
    tests/reports has a conftest of its own)."""
    return ADMIN_PASSWORD


@pytest.fixture
def no_dialogs(monkeypatch):
    """Message boxes answer at once and are recorded: ``no_dialogs`` is the list of texts shown."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def fake(answer):
        def show(parent, title, text, *args, **kwargs):
            shown.append(f"{title}: {text}")
            return answer
        return show

    monkeypatch.setattr(QMessageBox, "information", fake(QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "warning", fake(QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "critical", fake(QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "question", fake(QMessageBox.Yes))
    monkeypatch.setattr(QMessageBox, "about", fake(QMessageBox.Ok))
    return shown
