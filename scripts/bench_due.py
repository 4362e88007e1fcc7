"""Benchmark of the 工作台 at district scale (not a timed test).

Uses the cached benchmark database (scripts/benchdata.py: 50,000 persons, 500,000 visits by
default, generated on first use) on a working copy, then measures:

- the due items of every person (services.due.workbench), target ≤ 1 s: cold (as at start, the
  engine disposed before each run, which also drops services.due_cache) and warm (cached: a
  refresh or tab switch with no commit since);
- the 工作台 tab opening (construction + first refresh, offscreen), target ≤ 500 ms, and until
  its counts are filled, cold and warm;
- a 20-page dossier bundle rendered to PDF bytes, target ≤ 1 s.

Every figure is the median of 5 runs, wall clock and the process's CPU time (on a shared machine
the wall clock also counts other programs' turns; the CPU time is this program's own work).

Usage: ``.venv/bin/python scripts/bench_due.py [--persons 50000] [--visits 500000] [--rebuild]``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SIFASUO_DATA_DIR", tempfile.mkdtemp(prefix="bench-data-"))

import benchdata  # noqa: E402
from benchdata import TODAY  # noqa: E402

from sifasuo_desktop.services.context import AppContext, open_database  # noqa: E402

PAGE = re.compile(rb"/Type\s*/Page[^s]")


def measure(label: str, fn, *, before=None, runs: int = 5, target: float | None = None):
    """Median wall-clock and CPU time of ``runs`` calls of ``fn`` (``before()`` runs untimed first)."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        if before is not None:
            before()
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    verdict = "" if target is None else ("  OK" if wall <= target else f"  SLOWER THAN {target:g} s")
    runs_text = ", ".join(f"{t * 1000:.0f}" for t in walls)
    print(f"{label:<46} {wall * 1000:5.0f} ms wall, {cpu * 1000:4.0f} ms cpu (runs {runs_text}){verdict}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--visits", type=int, default=None, help="default: ten a person")
    parser.add_argument("--rebuild", action="store_true", help="generate the cached database again")
    args = parser.parse_args()
    cached = benchdata.district_database(args.persons, args.visits, rebuild=args.rebuild)
    folder = Path(tempfile.mkdtemp(prefix="bench-due-"))
    ctx = benchdata.signed_in(open_database(benchdata.working_copy(cached, folder), today=TODAY))
    from sifasuo_desktop.services import due

    cold = ctx.engine.dispose                      # as at start: no connection, nothing cached
    groups = measure("due items, cold (services.due.workbench)", lambda: due.workbench(ctx), before=cold, target=1.0)
    measure("due items, warm (no commit since)", lambda: due.workbench(ctx), target=1.0)
    print("   " + ", ".join(f"{g.label} {g.count}" for g in groups))
    bench_ui(ctx)
    bench_bundle(ctx)
    ctx.dispose()
    shutil.rmtree(folder)
    return 0


def bench_ui(ctx: AppContext) -> None:
    from PySide6.QtWidgets import QApplication

    from sifasuo_desktop.ui.qt_setup import configure

    app = QApplication.instance() or QApplication([])
    configure(app)
    from sifasuo_desktop.ui.tabs.workbench import WorkbenchTab

    tabs = []

    def open_tab():
        tab = WorkbenchTab(ctx, None)
        tab.resize(1280, 700)
        tab.show()
        app.processEvents()
        tabs.append(tab)
        return tab

    def counts_shown():
        tab = open_tab()
        tab.wait_loaded()
        app.processEvents()
        return tab

    measure("工作台 shown (counts computing in a worker)", open_tab, target=0.5)
    for tab in tabs:                      # let those computations finish before timing the next
        tab.wait_loaded()
    tab = measure("工作台 counts filled, cold", counts_shown, before=ctx.engine.dispose, target=0.5)
    measure("工作台 counts filled, warm", counts_shown, target=0.5)
    print("   " + ", ".join(f"{g.label} {g.count}" for g in tab.groups))
    for tab in tabs:
        tab.wait_loaded()
        tab.close()


def bench_bundle(ctx: AppContext) -> None:
    from sifasuo_desktop.services import dossier_bundle

    person_id = benchdata.bundle_person(ctx, 14)
    pdf = measure("dossier bundle rendered", lambda: dossier_bundle.dossier_bundle(ctx, person_id), target=1.0)
    pages = len(PAGE.findall(pdf))
    print(f"   {pages} pages, {len(pdf)} bytes")


if __name__ == "__main__":
    raise SystemExit(main())
