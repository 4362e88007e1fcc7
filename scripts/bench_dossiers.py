"""Benchmark of the 一人一档 list at district scale (not a timed test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_dossiers.py [--persons 50000] [--db FILE]

Uses the cached benchmark database of N persons (scripts/benchdata.py; generated on first use),
or ``--db``, then reports, against the targets of issue 2 (scripts/bench_district.py measures
all the targets of issue 8 together):
- cold start to window: a fresh process (offscreen) that opens the database, signs in and shows
  the main window with the dossier list painted (target <= 1.5 s);
- dossier list first paint: list query + model + painted view in the running program (<= 300 ms);
- search latency per keystroke, p95: typing 张, zs, 4101, 1985 ... into the search box, from the
  key to the repainted table (<= 50 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import benchdata  # noqa: E402
from benchdata import PASSWORD, ROOT, TODAY, USERNAME  # noqa: E402

CHILD = r"""
import sys, time
t0 = time.time()
sys.path.insert(0, {src!r})
from datetime import date
from sifasuo_desktop.ui.qt_setup import make_application
app = make_application([sys.argv[0]])
from sifasuo_desktop.services import auth
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.ui.main_window import MainWindow
ctx = open_database({db!r}, today=date(2026, 11, 24))
user = auth.sign_in(ctx, {username!r}, {password!r})
window = MainWindow(ctx.as_user(user))
window.show()
tab = window.show_tab("DossierTab")
tab.table.viewport().repaint()
app.processEvents()
print(f"{{t0:.3f}} {{time.time():.3f}} {{tab.model.rowCount()}}")
tab.wait_loaded()
"""


def cold_start(db: Path, runs: int = 3) -> list[float]:
    code = CHILD.format(src=str(ROOT / "src"), db=str(db), username=USERNAME, password=PASSWORD)
    times = []
    for _ in range(runs):
        launched = time.time()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout.split()
        started, painted = float(out[0]), float(out[1])
        times.append(painted - launched)
        print(f"  cold start run: {times[-1]:.3f} s from launch to painted list "
              f"({painted - started:.3f} s after the interpreter was up; {out[2]} rows on screen)")
    return times


def in_process(db: Path) -> tuple[list[float], list[float]]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from sifasuo_desktop.services.context import open_database
    from sifasuo_desktop.ui.qt_setup import make_application
    from sifasuo_desktop.ui.tabs.dossiers import DossierTab

    app = make_application([sys.argv[0]])
    ctx = benchdata.signed_in(open_database(db, today=TODAY))
    paints = []
    for _ in range(5):
        start = time.perf_counter()
        tab = DossierTab(ctx, None)
        tab.resize(1366, 700)
        tab.show()
        tab.refresh()
        tab.table.viewport().repaint()
        paints.append(time.perf_counter() - start)
        tab.wait_loaded()                           # the rest of the list, in the background
        app.processEvents()
    print(f"  list first paint: {', '.join(f'{p * 1000:.0f}' for p in paints)} ms ({tab.model.rowCount()} rows)")
    full = time.perf_counter()
    tab.refresh()
    tab.wait_loaded()
    app.processEvents()
    print(f"  whole list loaded (background): {(time.perf_counter() - full) * 1000:.0f} ms")
    latencies = []
    for word in ("张", "张伟", "zs", "zhang", "wl", "4101", "410102", "1985", "x"):
        tab.search.clear()
        app.processEvents()
        for ch in word:
            start = time.perf_counter()
            key = Qt.Key(ord(ch.upper())) if ch.isascii() else Qt.Key_unknown
            QApplication.sendEvent(tab.search, QKeyEvent(QEvent.KeyPress, key, Qt.NoModifier, ch))
            tab.apply_filters()                     # what the debounce timer fires
            tab.table.viewport().repaint()
            latencies.append(time.perf_counter() - start)
    return paints, latencies


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    db = args.db or benchdata.district_database(args.persons)
    print("cold start to window (target <= 1.5 s):")
    cold = cold_start(db)
    paints, latencies = in_process(db)
    p95 = statistics.quantiles(latencies, n=20)[18]
    print(f"cold start to window: median {statistics.median(cold):.2f} s")
    print(f"dossier list first paint: median {statistics.median(paints) * 1000:.0f} ms (target <= 300 ms)")
    print(f"search per keystroke: p95 {p95 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms "
          f"over {len(latencies)} keystrokes (target p95 <= 50 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
