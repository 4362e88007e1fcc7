"""Benchmark of the 工作台 at district scale (not a timed test).

Builds (or reuses) a database with 50,000 persons and 500,000 visits by bulk inserts through
SQLAlchemy core, then measures:

- the due items of every person (services.due.workbench), target ≤ 1 s: cold (as at start, the
  engine disposed before each run, which also drops services.due_cache) and warm (cached: a
  refresh or tab switch with no commit since);
- the 工作台 tab opening (construction + first refresh, offscreen), target ≤ 500 ms, and until
  its counts are filled, cold and warm;
- a 20-page dossier bundle rendered to PDF bytes, target ≤ 1 s.

Every figure is the median of 5 runs, wall clock and the process's CPU time (on a shared machine
the wall clock also counts other programs' turns; the CPU time is this program's own work).

Usage: ``.venv/bin/python scripts/bench_due.py [--persons 50000] [--visits 500000] [--db PATH]``
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SIFASUO_DATA_DIR", tempfile.mkdtemp(prefix="bench-data-"))

from sqlalchemy import insert, select  # noqa: E402

from sifasuo_desktop.db.models import (  # noqa: E402
    AftercareTerm,
    CategoryChange,
    CorrectionTerm,
    Person,
    StatusEvent,
    SupervisionLevelChange,
    Village,
    Visit,
    new_id,
)
from sifasuo_desktop.domain.dates import add_years  # noqa: E402
from sifasuo_desktop.domain.idnumber import check_character  # noqa: E402
from sifasuo_desktop.services import auth, office  # noqa: E402
from sifasuo_desktop.services.context import AppContext, open_database  # noqa: E402

TODAY = date(2026, 11, 24)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国"
VISIT_TYPES = ["谈话", "家访", "电话", "走访", "回访", "集中教育"]


def _chunks(rows: list[dict], size: int = 20_000):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


PAGE = re.compile(rb"/Type\s*/Page[^s]")
INTERVAL_DAYS = {"重点": 30, "一般": 90, "严管": 7, "普管": 30, "宽管": 90}


def _visit_dates(rng: random.Random, start: date, end: date, interval: int, quota: int) -> list[date]:
    """Visits going back from near the end of the term at about the rule's interval; about one
    person in eight has let the last interval run over (so the 工作台 has overdue items)."""
    last_day = min(end - timedelta(days=1), TODAY)
    day = last_day - timedelta(days=rng.randrange(int(interval * 1.15) + 1))
    dates = []
    while day >= start and len(dates) < quota:
        dates.append(day)
        day -= timedelta(days=max(1, interval - rng.randrange(max(1, interval // 4))))
    return dates


def build(ctx: AppContext, persons: int, visits: int, rng: random.Random) -> None:
    villages = [office.save_village(ctx, None, name=f"第{i + 1}村", sort_order=i) for i in range(40)]
    person_rows, terms, categories, corrections, levels, visit_rows = [], [], [], [], [], []
    events: list[dict] = []
    spans: list[tuple[str, date, date]] = []

    def visit(pid: str, day: date, review: bool) -> None:
        visit_rows.append(dict(id=new_id(), office_id=ctx.office_id, person_id=pid, visit_date=day,
                               visit_type="跟踪考察" if review else rng.choice(VISIT_TYPES), staff="王助理"))

    for n in range(persons):
        pid = new_id()
        first17 = f"410101{date(1960, 1, 1) + timedelta(days=rng.randrange(15000)):%Y%m%d}{n % 1000:03d}"
        person_rows.append(dict(id=pid, office_id=ctx.office_id, name=rng.choice(SURNAMES) + rng.choice(GIVEN)
                                + rng.choice(GIVEN), name_initials="", name_pinyin="",
                                id_number=first17 + check_character(first17), village_id=rng.choice(villages),
                                phone=f"138{n:08d}", residence_address=f"第{n % 40 + 1}村{n % 200}号",
                                id_number_verified=False))
        tid = new_id()
        if n % 5 == 0:   # one in five in community correction
            start = TODAY - timedelta(days=rng.randrange(700))
            end = start + timedelta(days=rng.choice([365, 730, 1095]))
            value = rng.choice(["严管", "普管", "普管", "宽管"])
            released = end if end < TODAY and rng.random() < 0.98 else None    # a few releases not recorded
            corrections.append(dict(id=tid, office_id=ctx.office_id, person_id=pid, kind="缓刑", start_date=start,
                                    end_date=end, actual_end_date=released, end_reason="期满解除" if released else None,
                                    report_date=start + timedelta(days=rng.randrange(12))))
            levels.append(dict(id=new_id(), correction_term_id=tid, effective_date=start, level=value))
        else:
            start = TODAY - timedelta(days=rng.randrange(7 * 365))
            end = add_years(start, 5)
            value = "重点" if rng.random() < 0.2 else "一般"
            terms.append(dict(id=tid, office_id=ctx.office_id, person_id=pid, source="监狱刑满释放",
                              release_date=start, register_start=start, term_years=5, expiry=end, end_date=end,
                              handover_date=start + timedelta(days=rng.randrange(5)) if rng.random() < 0.97 else None,
                              agreement_date=start + timedelta(days=20) if rng.random() < 0.97 else None))
            categories.append(dict(id=new_id(), term_id=tid, effective_date=start, category=value))
            if rng.random() < 0.97:
                events.append(dict(id=new_id(), person_id=pid, event_date=start + timedelta(days=rng.randrange(15)),
                                   kind="落户"))
            for day in _visit_dates(rng, start, end, 182, 3):       # 跟踪考察 every half year
                visit(pid, day, True)
        for day in _visit_dates(rng, start, end, INTERVAL_DAYS[value], 7):
            visit(pid, day, False)
        spans.append((pid, start, min(end, TODAY)))
    while len(visit_rows) < visits:                                  # older history up to the total
        pid, start, end = spans[rng.randrange(persons)]
        visit(pid, start + timedelta(days=rng.randrange(max((end - start).days, 1))), False)
    if len(visit_rows) > visits:
        raise SystemExit(f"generated {len(visit_rows)} visits, more than --visits {visits}: lower the quotas")
    with ctx.transaction() as session:
        for model, rows in ((Person, person_rows), (AftercareTerm, terms), (CategoryChange, categories),
                            (CorrectionTerm, corrections), (SupervisionLevelChange, levels), (StatusEvent, events), (Visit, visit_rows)):
            for chunk in _chunks(rows):
                session.execute(insert(model), chunk)
    with ctx.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")


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
    parser.add_argument("--visits", type=int, default=500_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "sifasuo-bench.sqlite3")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.rebuild and args.db.exists():
        args.db.unlink()
    fresh = not args.db.exists()
    ctx = open_database(args.db, today=TODAY)
    if fresh:
        ctx = office.create_office(ctx, code="410101001", name="基准测试司法所")
        auth.create_user(ctx, username="admin", display_name="管理员", password="bench123", role="管理员")
        start = time.perf_counter()
        build(ctx, args.persons, args.visits, random.Random(1))
        print(f"built {args.persons} persons / {args.visits} visits in {time.perf_counter() - start:.1f} s")
    ctx = ctx.as_user(auth.sign_in(ctx, "admin", "bench123"))
    from sifasuo_desktop.services import due

    cold = ctx.engine.dispose                      # as at start: no connection, nothing cached
    groups = measure("due items, cold (services.due.workbench)", lambda: due.workbench(ctx), before=cold, target=1.0)
    measure("due items, warm (no commit since)", lambda: due.workbench(ctx), target=1.0)
    print("   " + ", ".join(f"{g.label} {g.count}" for g in groups))
    bench_ui(ctx)
    bench_bundle(ctx)
    ctx.dispose()
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


def _person_with_visits(ctx: AppContext, visits: int) -> str:
    """A person with a term, helpers and ``visits`` visit records (one page each); made on the
    first run only, so repeated runs measure the same database."""
    from sifasuo_desktop.services import visits as visit_service

    with ctx.reading() as session:
        found = session.scalar(select(Person.id).where(Person.name == "基准张三"))
    if found:
        return found
    with ctx.transaction() as session:
        person = Person(office_id=ctx.office_id, name="基准张三", name_initials="jzzs", id_number="410101198505170011",
                        residence_address="第1村1号", phone="13800000000")
        session.add(person)
        session.flush()
        release = date(2025, 1, 10)
        term = AftercareTerm(office_id=ctx.office_id, person_id=person.id, source="监狱刑满释放", release_date=release,
                             register_start=release, term_years=5, expiry=add_years(release, 5),
                             end_date=add_years(release, 5), handover_date=release, agreement_date=date(2025, 2, 1))
        session.add(term)
        session.flush()
        session.add(CategoryChange(term_id=term.id, effective_date=release, category="重点"))
        person_id = person.id
    for n in range(visits):
        visit_service.save_visit(ctx, None, visit_service.VisitData(
            person_id, release + timedelta(days=30 * (n + 1)), "家访", place="本人家中", staff="王助理",
            content_thought="思想稳定，认罪悔罪态度较好，对今后生活有信心。" * 2, content_work="在县城务工，收入稳定。",
            content="问：最近怎么样？\n答：挺好的，每天按时上班。"))
    return person_id


def bench_bundle(ctx: AppContext) -> None:
    from sifasuo_desktop.services import dossier_bundle

    person_id = _person_with_visits(ctx, 14)
    pdf = measure("dossier bundle rendered", lambda: dossier_bundle.dossier_bundle(ctx, person_id), target=1.0)
    pages = len(PAGE.findall(pdf))
    print(f"   {pages} pages, {len(pdf)} bytes")


if __name__ == "__main__":
    raise SystemExit(main())
