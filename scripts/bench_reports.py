"""Benchmark of the statistics reports at district scale (not a timed test).

Generates an office database with 50,000 persons and 500,000 visits (bulk inserts through
SQLAlchemy core, seeded), then times the 7号表, its drill-down, PDF and Excel, the mediation
table and the 逐月统计表. Targets (issue 6): 7号表 <= 0.5 s, its PDF <= 1 s.

    .venv/bin/python scripts/bench_reports.py [--persons 50000] [--visits 500000] [--db FILE]

An existing ``--db`` file is reused (generation takes a minute); without it a temporary file is used.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import insert  # noqa: E402

from sifasuo_desktop.db.models import (  # noqa: E402
    AftercareTerm, CategoryChange, FlagPeriod, MediationCase, MediationFollowup, Person, Placement, Reoffense,
    Village, Visit,
)
from sifasuo_desktop.domain import codes, terms  # noqa: E402
from sifasuo_desktop.services import office, report_export, mediation_stats, monthly_stats, table7  # noqa: E402
from sifasuo_desktop.services.context import open_database  # noqa: E402

FIRST_RELEASE = date(2019, 1, 1)
SPAN_DAYS = (date(2026, 11, 1) - FIRST_RELEASE).days
BATCH = 20_000


def _id() -> str:
    return uuid.uuid4().hex


def _day(rng: random.Random, start: date, span: int) -> date:
    return start + timedelta(days=rng.randrange(max(span, 1)))


def _bulk(session, model, rows: list[dict]) -> None:
    for i in range(0, len(rows), BATCH):
        session.execute(insert(model), rows[i:i + BATCH])


def generate(ctx, persons: int, visits: int, seed: int = 11, villages: int = 30) -> None:
    rng = random.Random(seed)
    oid = ctx.office_id
    names = ["东街社区", "西街社区", "南关村", "北关村", "李家庄村", "王屯村", "河湾村", "新华社区"]
    village_rows = [{"id": _id(), "office_id": oid, "name": names[i] if i < len(names) else f"第{i + 1}村", "sort_order": i}
                for i in range(villages)]
    people, term_rows, categories, placements, flags, reoffenses, visit_rows = [], [], [], [], [], [], []
    spans = []
    for n in range(persons):
        pid = _id()
        people.append({"id": pid, "office_id": oid, "name": f"人员{n}", "name_pinyin": f"ry{n}",
                       "id_number": f"410101198{n % 10}0101{n % 10000:04d}", "sex": rng.choice("男男男男女"),
                       "birth_date": _day(rng, date(1960, 1, 1), 16000), "village_id": rng.choice(village_rows)["id"]})
        source = rng.choice(codes.AFTERCARE_SOURCES)
        release = _day(rng, FIRST_RELEASE, SPAN_DAYS)
        transfer = release + timedelta(days=rng.randrange(30, 400)) if source == codes.SOURCE_TRANSFER_IN else None
        start = terms.register_start(source, release, transfer)
        removal = start + timedelta(days=rng.randrange(30, 1500)) if rng.random() < 0.08 else None
        window = terms.TermWindow(start, terms.expiry(release, 5), removal,
                                  rng.choice(codes.REMOVAL_REASONS) if removal else None)
        tid = _id()
        term_rows.append({"id": tid, "office_id": oid, "person_id": pid, "source": source, "release_date": release,
                          "transfer_in_date": transfer, "register_start": start, "term_years": 5,
                          "expiry": window.expiry, "removal_date": removal, "removal_reason": window.removal_reason,
                          "end_date": window.end,
                          "handover_date": start + timedelta(days=rng.randrange(0, 5)) if rng.random() < 0.95 else None,
                          "handover_method": rng.choice(codes.HANDOVER_METHODS),
                          "agreement_date": start + timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.9 else None})
        categories.append({"id": _id(), "term_id": tid, "effective_date": start,
                           "category": "重点" if rng.random() < 0.2 else "一般"})
        if rng.random() < 0.15:
            categories.append({"id": _id(), "term_id": tid, "effective_date": start + timedelta(days=200),
                               "category": rng.choice(codes.CATEGORIES)})
        if rng.random() < 0.7:
            placements.append({"id": _id(), "term_id": tid, "placement_date": start + timedelta(days=rng.randrange(5, 300)),
                               "method": rng.choice(list(codes.PLACEMENT_METHODS))})
        if rng.random() < 0.1:
            flags.append({"id": _id(), "person_id": pid, "flag": rng.choice(list(codes.FLAGS)), "start_date": start,
                          "end_date": None})
        if rng.random() < 0.04:
            reoffenses.append({"id": _id(), "person_id": pid, "kind": rng.choice(codes.REOFFENSE_KINDS),
                               "offense_date": _day(rng, start, (window.end - start).days + 1)})
        spans.append((pid, start, (window.end - start).days))
    for _ in range(visits):
        pid, start, days = rng.choice(spans)
        visit_rows.append({"id": _id(), "office_id": oid, "person_id": pid, "visit_date": _day(rng, start, days),
                           "visit_type": rng.choice(codes.VISIT_TYPES)})
    cases, followups = [], []
    for n in range(5000):
        accepted = _day(rng, date(2022, 1, 1), 1760)
        result = rng.choice(["成功", "成功", "成功", "不成功", "调解中"])
        cid = _id()
        cases.append({"id": cid, "office_id": oid, "year": accepted.year, "seq": n + 1, "acceptance_date": accepted,
                      "source": rng.choice(codes.CASE_SOURCES), "dispute_type": rng.choice(codes.DISPUTE_TYPES),
                      "result": result, "concluded_date": accepted + timedelta(days=20) if result != "调解中" else None,
                      "agreement_form": rng.choice(codes.AGREEMENT_FORMS) if result == "成功" else None,
                      "agreement_amount": rng.randrange(0, 5_000_000) / 100 if result == "成功" else None,
                      "performance_status": rng.choice(codes.PERFORMANCE_STATUSES) if result == "成功" else None,
                      "prevent_criminal": rng.choice([0, 0, 0, 2]), "prevent_petition": 0, "prevent_fight": 0,
                      "prevent_suicide": 0})
        if result == "成功":
            followups.append({"id": _id(), "case_id": cid, "followup_date": accepted + timedelta(days=50)})
    with ctx.transaction() as session:
        for model, rows in ((Village, village_rows), (Person, people), (AftercareTerm, term_rows),
                            (CategoryChange, categories), (Placement, placements), (FlagPeriod, flags),
                            (Reoffense, reoffenses), (Visit, visit_rows), (MediationCase, cases),
                            (MediationFollowup, followups)):
            _bulk(session, model, rows)
    with ctx.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")


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
    parser.add_argument("--visits", type=int, default=500_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="bench-")) / "bench.sqlite3"
    fresh = not path.exists()
    ctx = open_database(path)
    if fresh:
        ctx = office.create_office(ctx, code="410101001", name="基准测试镇司法所", county="示范县司法局")
        began = time.perf_counter()
        generate(ctx, args.persons, args.visits)
        print(f"generated {args.persons} persons, {args.visits} visits in {time.perf_counter() - began:.1f} s: {path}")
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


if __name__ == "__main__":
    main()
