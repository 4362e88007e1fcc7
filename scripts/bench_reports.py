"""Benchmark of the statistics reports at district scale (not a timed test).

Uses the cached benchmark database (scripts/benchdata.py: 50,000 persons, 500,000 visits by
default, generated on first use) on a working copy, then times the 7号表, its drill-down, PDF and
Excel, the mediation table and the 逐月统计表. Targets (issue 6): 7号表 <= 0.5 s, its PDF <= 1 s.

    .venv/bin/python scripts/bench_reports.py [--persons 50000] [--visits 500000] [--db FILE]

``--db`` measures an existing database instead (it is written to: exports are audited).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdata  # noqa: E402

from sifasuo_desktop.services import mediation_stats, monthly_stats, report_export, table7  # noqa: E402
from sifasuo_desktop.services.context import open_database  # noqa: E402


def timed(label: str, fn, repeat: int = 3):
    best, result = None, None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - began
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<34}{best:7.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--visits", type=int, default=None, help="default: ten a person")
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    path = args.db or benchdata.working_copy(benchdata.district_database(args.persons, args.visits), folder)
    ctx = open_database(path)
    start, end = date(2026, 1, 1), date(2026, 6, 30)
    table = timed("7号表 (half year)", lambda: table7.compute(ctx, start, end))
    timed("7号表 (year)", lambda: table7.compute(ctx, date(2025, 1, 1), date(2025, 12, 31)))
    print(f"  rows 1/2/3/4: {table.text('1')}/{table.text('2')}/{table.text('3')}/{table.text('4')}, "
          f"row 16: {table.text('16')}, checks: {list(table.checks) or 'ok'}")
    people = timed("drill-down row 4", lambda: table7.drill(ctx, start, end, "4"))
    print(f"  {len(people)} persons")
    timed("7号表 PDF (compute + render)", lambda: report_export.export(ctx, "table7", start, end, "pdf"))
    timed("7号表 Excel (compute + write)", lambda: report_export.export(ctx, "table7", start, end, "xlsx"))
    timed("mediation table", lambda: mediation_stats.compute(ctx, start, end))
    timed("逐月统计表 (year)", lambda: monthly_stats.for_year(ctx, 2026))
    timed("register by village and category", lambda: table7.register_breakdown(ctx, end))
    ctx.dispose()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
