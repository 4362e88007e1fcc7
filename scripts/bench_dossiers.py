"""Benchmark of the 一人一档 list at district scale (not a timed test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_dossiers.py [--persons 50000] [--db FILE]

Generates a database of N persons with bulk inserts (SQLAlchemy core; the services would take
minutes), then reports, against the targets of issue 2:
- cold start to window: a fresh process (offscreen) that opens the database, signs in and shows
  the main window with the dossier list painted (target <= 1.5 s);
- dossier list first paint: list query + model + painted view in the running program (<= 300 ms);
- search latency per keystroke, p95: typing 张, zs, 4101, 1985 ... into the search box, from the
  key to the repainted table (<= 50 ms).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "bench123"
TODAY = date(2026, 11, 24)


def generate(path: Path, count: int, seed: int = 1) -> None:
    from sqlalchemy import insert

    from sifasuo_desktop.db.models import (AftercareTerm, CategoryChange, CorrectionTerm, Person, StatusEvent,
                                           SupervisionLevelChange, new_id)
    from sifasuo_desktop.domain import codes, idnumber
    from sifasuo_desktop.domain.dates import add_years
    from sifasuo_desktop.services import auth, office, pinyin
    from sifasuo_desktop.services.context import open_database
    from sifasuo_desktop.services.demo.persons import GIVEN_CHARS, REGIONS, SURNAMES

    rng = random.Random(seed)
    ctx = office.create_office(open_database(path), code="410101001", name="基准测试镇司法所")
    auth.create_user(ctx, username="admin", display_name="管理员", password=PASSWORD, role="管理员")
    villages = [office.save_village(ctx, None, name=f"第{i + 1}村", sort_order=i) for i in range(40)]
    people, after, corr, cats, levels, events = [], [], [], [], [], []
    for n in range(count):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
        birth = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
        number = idnumber.compose(rng.choice(REGIONS), birth, n % 1000)
        pid = new_id()
        people.append(dict(id=pid, office_id=ctx.office_id, name=name, name_initials=pinyin.initials(name),
                           name_pinyin=pinyin.full(name), id_number=number, id_number_verified=False,
                           sex="男" if n % 2 else "女", birth_date=birth, village_id=rng.choice(villages)))
        start = TODAY - timedelta(days=rng.randrange(365 * 7))
        if rng.random() < 0.8:
            expiry = add_years(start, 5)
            tid = new_id()
            after.append(dict(id=tid, office_id=ctx.office_id, person_id=pid, source=rng.choice(codes.AFTERCARE_SOURCES[:2]),
                              release_date=start, register_start=start, term_years=5, expiry=expiry, end_date=expiry,
                              handover_date=start + timedelta(days=3) if rng.random() < 0.95 else None))
            cats.append(dict(id=new_id(), term_id=tid, effective_date=start, category=rng.choice(codes.CATEGORIES)))
        else:
            cid = new_id()
            corr.append(dict(id=cid, office_id=ctx.office_id, person_id=pid, kind=rng.choice(codes.CORRECTION_KINDS),
                             start_date=start, end_date=start + timedelta(days=365 * rng.choice((1, 2, 3)))))
            levels.append(dict(id=new_id(), correction_term_id=cid, effective_date=start,
                               level=rng.choice(codes.SUPERVISION_LEVELS)))
        if rng.random() < 0.02:
            events.append(dict(id=new_id(), person_id=pid, event_date=start + timedelta(days=30), kind="脱管"))
    with ctx.transaction() as session:
        for model, rows in ((Person, people), (AftercareTerm, after), (CorrectionTerm, corr),
                            (CategoryChange, cats), (SupervisionLevelChange, levels), (StatusEvent, events)):
            if rows:
                session.execute(insert(model), rows)
    ctx.dispose()


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
user = auth.sign_in(ctx, "admin", {password!r})
window = MainWindow(ctx.as_user(user))
window.show()
tab = window.tab("DossierTab")
tab.table.viewport().repaint()
app.processEvents()
print(f"{{t0:.3f}} {{time.time():.3f}} {{tab.model.rowCount()}}")
tab.wait_loaded()
"""


def cold_start(db: Path, runs: int = 3) -> list[float]:
    code = CHILD.format(src=str(ROOT / "src"), db=str(db), password=PASSWORD)
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

    from sifasuo_desktop.services import auth
    from sifasuo_desktop.services.context import open_database
    from sifasuo_desktop.ui.qt_setup import make_application
    from sifasuo_desktop.ui.tabs.dossiers import DossierTab

    app = make_application([sys.argv[0]])
    ctx = open_database(db, today=TODAY)
    ctx = ctx.as_user(auth.sign_in(ctx, "admin", PASSWORD))
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
    db = args.db or Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
    if not db.exists():
        start = time.perf_counter()
        generate(db, args.persons)
        print(f"generated {args.persons} persons in {time.perf_counter() - start:.1f} s: {db}")
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
