"""The bad-input suite: every class of bad input gets the same three checks.

1. a clear Chinese message (Chinese words, the expected reason, no exception jargon);
2. nothing half-written: the row count of every table is what it was;
3. the program still usable: a valid action afterwards succeeds.

Each test module lists its classes; a parametrize id or a test docstring names each one.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from badinput_checks import add_village, assert_clear_chinese, row_counts

from sifasuo_desktop.core.errors import UserError

@pytest.fixture
def refused(ctx):
    """``refused(action, words, error=UserError, then=None, field=None, db=None)`` runs the three
    checks (row counts of ``db``, by default the ``ctx`` database)."""

    def check(action: Callable[[], object], words: str, *, error: type[UserError] = UserError,
              then: Callable[[], object] | None = None, field: str | None = None,
              db: Path | None = None) -> UserError:
        db = db or ctx.path
        before = row_counts(db)
        with pytest.raises(error) as caught:
            action()
        message = caught.value.fields[field] if field else str(caught.value)
        assert_clear_chinese(message, words)
        assert_clear_chinese(str(caught.value), "")
        assert row_counts(db) == before, "something was written"
        (then or (lambda: add_village(ctx)))()
        return caught.value

    return check


# --- a small disk that can be filled, and a folder that can be made read-only -----------------

def _mount(*args: str) -> bool:
    """Mount as root; ``SIFASUO_TEST_SIMULATE_DISK=1`` tries the fallback of machines without it."""
    if os.geteuid() != 0 or shutil.which("mount") is None or os.environ.get("SIFASUO_TEST_SIMULATE_DISK"):
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


class SmallDisk:
    """A folder on a file system of its own: an 8 MB tmpfs mount when the tests run as root and
    may mount (CI, this machine). Otherwise a plain folder where the two conditions are simulated:
    a full disk by SQLite's ``max_page_count`` (the same SQLITE_FULL a full disk gives) and an
    ``OSError(ENOSPC)`` from ``fsync`` for files; a read-only folder by ``chmod`` (non-root only).
    ``kind`` says which ("tmpfs" or "simulated")."""

    def __init__(self, folder: Path):
        self.folder, self._patch = folder, pytest.MonkeyPatch()
        folder.mkdir()
        self.kind = "tmpfs" if _mount("-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)) else "simulated"
        self._filler = folder / "filler.bin"
        self._engines: list = []

    def fill(self, *contexts) -> None:
        """Leave a few KB free; ``contexts`` are the open databases that must feel it."""
        if self.kind == "tmpfs":
            free = shutil.disk_usage(self.folder).free
            self._filler.write_bytes(b"\0" * max(free - 12 * 1024, 0))
            return
        from sqlalchemy import event

        def cap(dbapi_connection, _record):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count={pages + 2}")

        for ctx in contexts:
            ctx.engine.dispose()
            event.listen(ctx.engine, "connect", cap)
            self._engines.append((ctx.engine, cap))

        def no_space(_fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        self._patch.setattr("sifasuo_desktop.core.storage.os.fsync", no_space)

    def free(self) -> None:
        if self.kind == "tmpfs":
            self._filler.unlink(missing_ok=True)
            return
        from sqlalchemy import event

        for engine, cap in self._engines:
            event.remove(engine, "connect", cap)
            engine.dispose()
        self._engines.clear()
        self._patch.undo()

    def read_only(self, on: bool) -> None:
        if self.kind == "tmpfs":
            assert _mount("-o", f"remount,{'ro' if on else 'rw'}", str(self.folder))
        elif os.geteuid() != 0:
            self.folder.chmod(0o555 if on else 0o755)
        else:
            pytest.skip("a read-only folder needs a mount (root without mount) or a non-root user")

    def close(self) -> None:
        self._patch.undo()
        if self.kind == "tmpfs":
            subprocess.run(["umount", "-l", str(self.folder)], capture_output=True)
        else:
            self.folder.chmod(0o755)


@pytest.fixture
def small_disk(tmp_path):
    disk = SmallDisk(tmp_path / "disk")
    yield disk
    disk.close()
