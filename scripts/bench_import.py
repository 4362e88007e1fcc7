"""Benchmark of 导入Excel (not a timed test): a workbook of 20,000 persons and 100,000 visits
imported into an empty office database, target <= 30 s (issue 5).

    .venv/bin/python scripts/bench_import.py [--persons 20000] [--visits 100000] [--keep DIR]

The workbook is generated first (not timed); then the import runs as the program runs it (the
same service, one transaction, progress reported) and the time of each phase is printed, with
the peak memory of the process.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TODAY = date(2026, 11, 24)


def workbook(persons: int, visits: int, seed: int = 1) -> bytes:
    from openpyxl import Workbook

    from sifasuo_desktop.domain import codes, idnumber
    from sifasuo_desktop.reports.excel.columns import ROSTER, VISITS
    from sifasuo_desktop.services.demo.persons import GIVEN_CHARS, REGIONS, SURNAMES

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    roster = wb.create_sheet(ROSTER.name)
    roster.append([c.title for c in ROSTER.columns])
    keys = [c.key for c in ROSTER.columns]
    numbers: list[str] = []
    seen: set[str] = set()
    while len(numbers) < persons:
        birth = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
        number = idnumber.compose(rng.choice(REGIONS), birth, rng.randrange(1000))
        if number in seen:
            continue
        seen.add(number)
        numbers.append(number)
        release = TODAY - timedelta(days=rng.randrange(365 * 6))
        source = rng.choice(codes.AFTERCARE_SOURCES)
        values = {
            "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2)))),
            "id_number": number, "village": f"第{rng.randrange(40) + 1}村", "source": source,
            "release_date": release, "category": rng.choice(codes.CATEGORIES),
            "ethnicity": rng.choice(["汉族", "回族", "01"]), "education": rng.choice(codes.EDUCATION_LEVELS),
            "residence_address": f"城关镇{rng.randrange(1, 300)}号", "phone": f"138{rng.randrange(10**8):08d}",
            "charge": rng.choice(["盗窃罪", "故意伤害罪", "诈骗罪"]), "original_sentence": "三年",
            "residence_mismatch": rng.choice(["是", "否"]), "three_nos": "否",
        }
        if source == codes.SOURCE_TRANSFER_IN:
            values["transfer_in_date"] = min(release + timedelta(days=rng.randrange(400)), TODAY)
        elif rng.random() < 0.9:
            values["handover_date"] = min(release + timedelta(days=rng.randrange(3)), TODAY)
            values["handover_method"] = rng.choice(codes.HANDOVER_METHODS)
        if rng.random() < 0.5:
            values["placement_method"] = rng.choice(list(codes.PLACEMENT_METHODS.values()))
            values["placement_date"] = min(release + timedelta(days=30), TODAY)
        roster.append([values.get(k) for k in keys])
    sheet = wb.create_sheet(VISITS.name)
    sheet.append([c.title for c in VISITS.columns])
    for _ in range(visits):
        sheet.append([rng.choice(numbers), TODAY - timedelta(days=rng.randrange(365 * 3)),
                      rng.choice(codes.VISIT_TYPES), rng.choice(["王干事", "李干事", "张所长"]), "了解近况，表现正常"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=20000)
    parser.add_argument("--visits", type=int, default=100000)
    parser.add_argument("--keep", type=Path, help="keep the workbook and database in this folder")
    args = parser.parse_args()

    from sifasuo_desktop.reports.excel.reader import read_workbook
    from sifasuo_desktop.services import auth, office
    from sifasuo_desktop.services.context import open_database
    from sifasuo_desktop.services.excel_import import import_excel

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    data = workbook(args.persons, args.visits)
    (folder / "import.xlsx").write_bytes(data)
    print(f"workbook: {args.persons} persons, {args.visits} visits, {len(data) / 1e6:.1f} MB "
          f"(generated in {time.perf_counter() - started:.1f} s, not timed)")

    db = folder / "office.sqlite3"
    db.unlink(missing_ok=True)
    ctx = office.create_office(open_database(db, today=TODAY), code="410101001", name="基准测试镇司法所")
    auth.create_user(ctx, username="admin", display_name="管理员", password="bench123", role="管理员")
    ctx = ctx.as_user(auth.sign_in(ctx, "admin", "bench123"))

    started = time.perf_counter()
    read_workbook(data)
    read_seconds = time.perf_counter() - started
    load = os.getloadavg()[0]

    marks: dict[str, float] = {}

    def progress(done: int, total: int, message: str) -> None:
        marks.setdefault(message, time.perf_counter())
        print(f"\r  {done:>7}/{total} {message:<12}", end="", file=sys.stderr, flush=True)

    started, cpu_started = time.perf_counter(), time.process_time()
    result = import_excel(ctx, data, file_name="import.xlsx", progress=progress)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(file=sys.stderr)
    checking = marks.get("写入数据库", started + total) - started
    print(result.summary())
    print(f"errors: {len(result.errors)}")
    print(f"reading the workbook alone:      {read_seconds:6.1f} s")
    print(f"import, read + check:            {checking:6.1f} s")
    print(f"import, write (one transaction): {total - checking:6.1f} s")
    print(f"import, total:                   {total:6.1f} s   (target <= 30 s) "
          f"{'OK' if total <= 30 else 'TOO SLOW'}")
    print(f"import, CPU time of the process: {cpu:6.1f} s   (load average before: {load:.1f} on "
          f"{os.cpu_count()} cores; wall time grows when other work shares them)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    ctx.dispose()
    return 0 if total <= 30 and not result.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
