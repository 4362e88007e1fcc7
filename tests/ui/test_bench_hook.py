"""The start-up benchmark hook (ui/bench_hook.py, scripts/bench_district.py): the real program
signs in with the benchmark's credentials only when the benchmark variable is set, checks the
password like the dialog, reports its start and quits without a backup on exit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from dialog_driver import ModalHand
from sifasuo_desktop.ui import startup
from sifasuo_desktop.ui.dialogs.sign_in import SignInDialog

SRC = Path(__file__).resolve().parents[2] / "src"
LINE = re.compile(r"SIFASUO_BENCH shown=([\d.]+) data=([\d.]+) maxrss_kb=(\d+) anon_peak_kb=(\d+)")


def run_program(db: Path, data_dir: Path, password: str, mode: str = "1") -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(SRC), "SIFASUO_DATA_DIR": str(data_dir),
           "SIFASUO_BENCH_EXIT_AFTER_SHOW": mode, "SIFASUO_BENCH_USER": "admin", "SIFASUO_BENCH_PASSWORD": password}
    return subprocess.run([sys.executable, "-m", "sifasuo_desktop", "--db", str(db)], env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_program_reports_its_start_and_quits_without_an_exit_backup(ctx, admin_password, tmp_path):
    ctx.dispose()
    result = run_program(Path(ctx.path), tmp_path / "data", admin_password, mode="all")
    assert result.returncode == 0, result.stderr[-2000:]
    match = LINE.search(result.stdout)
    assert match, result.stdout
    shown, data, peak, anon = float(match[1]), float(match[2]), int(match[3]), int(match[4])
    assert 0 < shown <= data and peak > anon > 10_000           # KiB: the process holds Qt and Python
    assert not list((tmp_path / "data").rglob("*exit*.sqlite3"))  # left without the backup on exit


def test_a_wrong_benchmark_password_ends_the_program_unsigned(ctx, tmp_path):
    ctx.dispose()
    result = run_program(Path(ctx.path), tmp_path / "data", "wrong-password")
    assert result.returncode == 1 and "SIFASUO_BENCH" not in result.stdout


def test_without_the_benchmark_variable_the_credentials_are_ignored(qtbot, ctx, admin_password, monkeypatch):
    monkeypatch.delenv("SIFASUO_BENCH_EXIT_AFTER_SHOW", raising=False)
    monkeypatch.setenv("SIFASUO_BENCH_USER", "admin")
    monkeypatch.setenv("SIFASUO_BENCH_PASSWORD", admin_password)
    hand = ModalHand()
    hand.when(SignInDialog, lambda dialog: dialog.reject())       # the person cancels the dialog
    assert startup.start(Path(ctx.path)) is None
    assert hand.done == 1 and hand.missed == []


def test_the_start_path_leaves_alembic_reportlab_and_openpyxl_unimported(ctx, admin_password, tmp_path):
    """STACK.md: they cost 140-190 ms each at start; only the actions that need them import them."""
    ctx.dispose()
    probe = ("import runpy, sys\n"
             "sys.argv = ['sifasuo-desktop', '--db', sys.argv[1]]\n"
             "try:\n    runpy.run_module('sifasuo_desktop', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print('LOADED', sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'reportlab', 'openpyxl'}))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(SRC), "SIFASUO_DATA_DIR": str(tmp_path),
           "SIFASUO_BENCH_EXIT_AFTER_SHOW": "1", "SIFASUO_BENCH_USER": "admin", "SIFASUO_BENCH_PASSWORD": admin_password}
    result = subprocess.run([sys.executable, "-c", probe, str(ctx.path)], env=env, capture_output=True, text=True,
                            timeout=120)
    assert "SIFASUO_BENCH" in result.stdout, result.stderr[-2000:]
    assert "LOADED []" in result.stdout
