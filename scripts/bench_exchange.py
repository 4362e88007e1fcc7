"""Benchmark of the USB package and the district merge (not a timed test).

1. Export of one office database of 2,500 persons (scripts/benchdata.py: its terms, visits,
   mediation cases, audit log, attachments) as a ratio to a plain copy of the same file
   (``shutil.copyfile`` + fsync: both leave a durable file), median of several runs; also
   encrypted, and optionally a large database with 300 MB of attachments (``--big``).
2. Merge of 20 office packages of 2,500 persons each into a new district database (checks,
   backup and all), then the same 20 again (each office replaced).
3. The district 7号表 over the 20 offices (one query), and the whole district view (total plus
   one column per office); the district's 7号表 as files: the total's PDF, the landscape
   分所对比 PDF, the workbook (total, 分所对比, flat sheet).

Targets (issue 7): export <= 2x a file copy; merge of 20 x 2,500 <= 5 s; district 7号表 <= 0.5 s.

    .venv/bin/python scripts/bench_exchange.py [--offices 20] [--persons 2500] [--runs 5] [--big]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdata  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from sifasuo_desktop.db.backup import fsync_file  # noqa: E402
from sifasuo_desktop.db.migrate import upgrade  # noqa: E402
from sifasuo_desktop.db.models import Attachment, Person, new_id  # noqa: E402
from sifasuo_desktop.domain import table7  # noqa: E402
from sifasuo_desktop.services import district, district_reports, package, report_export  # noqa: E402
from sifasuo_desktop.services.context import open_database  # noqa: E402

WHEN = datetime(2026, 11, 20, 8, 0)


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    fsync_file(target)


def export_ratio(ctx, folder: Path, runs: int, passphrase: str | None = None) -> tuple[float, float]:
    """Median export time and median copy time of the same database, each into a fresh folder."""
    exports, copies = [], []
    for run in range(runs):
        out = folder / f"run{run}-{passphrase is not None}"
        out.mkdir()
        exports.append(_timed(lambda: package.export_package(ctx, out, passphrase=passphrase,
                                                             now=WHEN + timedelta(seconds=run)))[0])
        copies.append(_timed(lambda: _copy(Path(ctx.path), out / "copy.sqlite3"))[0])
        shutil.rmtree(out)
    return statistics.median(exports), statistics.median(copies)


def _report_export(label: str, ctx, folder: Path, runs: int, passphrase: str | None = None) -> None:
    size = Path(ctx.path).stat().st_size / 1_048_576
    exported, copied = export_ratio(ctx, folder, runs, passphrase)
    print(f"{label:<34} {size:7.1f} MB  export {exported * 1000:7.1f} ms  copy {copied * 1000:7.1f} ms  "
          f"ratio {exported / copied:4.2f}x")


def add_attachments(ctx, megabytes: int) -> None:
    rng = random.Random(3)
    with ctx.transaction() as session:
        owners = list(session.scalars(select(Person.id)))
        for _batch in range(megabytes // 25):
            session.execute(insert(Attachment), [dict(
                id=new_id(), office_id=ctx.office_id, owner_table="person", owner_id=rng.choice(owners),
                filename="扫描件.jpg", size=250_000, sha256="0" * 64, data=rng.randbytes(250_000)) for _ in range(100)])


def office(folder: Path, template: Path, i: int, persons: int, code: str | None = None, name: str | None = None):
    """Office ``i``: ten visits and 20 attachments a person, a mediation case per ten persons."""
    return benchdata.build_office(folder / f"{i}.sqlite3", persons=persons, visits=10 * persons, cases=persons // 10,
                                  seed=i + 1, code=code or f"410101{i + 1:03d}", name=name or f"第{i + 1}镇司法所",
                                  template=template, attachments=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=20)
    parser.add_argument("--persons", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="also a database with 300 MB of attachments")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-exchange-") as tmp:
        folder = Path(tmp)
        template = folder / "template.sqlite3"
        upgrade(template)
        print(f"generating {args.offices} offices of {args.persons} persons…", flush=True)
        offices = [benchdata.signed_in(office(folder, template, i, args.persons)) for i in range(args.offices)]
        first = offices[0]
        print("\n1. export (median of", args.runs, "runs)")
        _report_export("office database", first, folder, args.runs)
        _report_export("office database, encrypted", first, folder, args.runs, "口令bench123")
        if args.big:
            big = benchdata.signed_in(office(folder, template, 99, args.persons, code="410102001", name="大镇司法所"))
            add_attachments(big, 300)
            _report_export("with 300 MB of attachments", big, folder, max(args.runs // 2, 1))
            big.dispose()

        out = folder / "packages"
        out.mkdir()
        files = [package.export_package(ctx, out, now=WHEN + timedelta(minutes=i)).path
                 for i, ctx in enumerate(offices)]
        files_again = [package.export_package(ctx, out, now=WHEN + timedelta(days=1, minutes=i)).path
                       for i, ctx in enumerate(offices)]
        shutil.copyfile(template, folder / "district.sqlite3")
        dctx = district.create_district(open_database(folder / "district.sqlite3", today=date(2026, 11, 24)),
                                        code="410101", name="测试县司法局")
        print(f"\n2. merge of {len(files)} packages of {args.persons} persons")
        seconds, result = _timed(lambda: district.merge_packages(dctx, files))
        print(f"   into a new district database       {seconds:6.2f} s  ({len(result.merged)} offices)")
        seconds, result = _timed(lambda: district.merge_packages(dctx, files_again))
        print(f"   again (each office replaced)       {seconds:6.2f} s  "
              f"({sum(1 for m in result.merged if m.previous_exported_at)} replaced)")

        print("\n3. district reports over", len(files), "offices")
        for start, end in ((date(2026, 1, 1), date(2026, 6, 30)), (date(2025, 1, 1), date(2025, 12, 31))):
            district_reports.district_total(dctx, table7.REPORT, start, end)   # warm the page cache
            seconds, total = _timed(lambda: district_reports.district_total(dctx, table7.REPORT, start, end))
            view, report = _timed(lambda: district_reports.compute(dctx, table7.REPORT, start, end))
            print(f"   7号表 {start}–{end}: district total {seconds:5.3f} s (row 4 = {total.values['4']}); "
                  f"with one column per office {view:5.2f} s; adds up: {not report.mismatches}")
        start, end = date(2026, 1, 1), date(2026, 6, 30)
        for what, fmt, by_office in (("total PDF", "pdf", False), ("分所对比 PDF", "pdf", True),
                                     ("workbook", "xlsx", False)):
            seconds, data = _timed(lambda: report_export.export(dctx, table7.REPORT, start, end, fmt,
                                                                by_office=by_office))
            print(f"   7号表 {what:<12} {seconds:5.2f} s  ({len(data) // 1024} KiB)")
        dctx.dispose()
        for ctx in offices:
            ctx.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
