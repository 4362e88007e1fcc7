"""Seeded data for the benchmarks (scripts/bench_*.py): the one generator they all use.

Rows are built as plain dicts and written with SQLAlchemy core bulk inserts in one transaction
(the services would take many minutes for 50,000 persons). ``office_rows`` makes one office's
data, covering every table the program reads or a USB package carries:

- villages; persons with real pinyin initials and valid 公民身份号码, unique in the office;
- aftercare terms of every source (外地迁入 with its transfer date, 解除社区矫正 with the ended
  correction term), removals with reasons, category changes, placements, 三无/人户分离 flags,
  reoffenses, 落户 and 脱管 events, a helper group of two;
- one person in five in community correction: levels, reports, activities, and a few terms past
  their end whose release was not recorded yet;
- visits as the due rules expect them: back from today at about the rule's interval, with about
  one person in eight overdue and half-yearly 跟踪考察, then older history up to the total;
- mediation cases (numbered per year) with parties, mediators, records and follow-ups;
- an audit row per person, a few postponements, a frozen report, optional attachments.

``district_database`` caches a generated file under the system's temp folder, keyed by
``VERSION``, the schema (a digest of migrations/versions) and the sizes: bump ``VERSION`` whenever
the generated data changes.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import insert  # noqa: E402

from sifasuo_desktop.db import models as m  # noqa: E402
from sifasuo_desktop.db.models import new_id  # noqa: E402
from sifasuo_desktop.domain import codes, idnumber, terms  # noqa: E402
from sifasuo_desktop.services import auth, office, pinyin  # noqa: E402
from sifasuo_desktop.services.context import AppContext, open_database  # noqa: E402
from sifasuo_desktop.services.demo.persons import CHARGES, GIVEN_CHARS, REGIONS, SURNAMES  # noqa: E402

VERSION = 2
TODAY = date(2026, 11, 24)
USERNAME, PASSWORD = "admin", "bench123"
CACHE = Path(tempfile.gettempdir()) / "sifasuo-bench"
VILLAGE_NAMES = ["东街社区", "西街社区", "南关村", "北关村", "李家庄村", "王屯村", "河湾村", "新华社区"]
VISIT_TYPES = ["谈话", "家访", "电话", "走访", "回访", "集中教育"]
INTERVAL_DAYS = {"重点": 30, "一般": 90, "严管": 7, "普管": 30, "宽管": 90}
STAFF = ["王助理", "李干事", "张所长"]
TALK = "问：最近怎么样？答：挺好的，按时上班，家里也都好。"
# Insert order: parents before children (foreign keys are on).
ORDER = [m.Village, m.Person, m.CorrectionTerm, m.AftercareTerm, m.CategoryChange, m.Placement, m.FlagPeriod,
         m.Reoffense, m.StatusEvent, m.HelperMember, m.SupervisionLevelChange, m.CorrectionActivity,
         m.DuePostponement, m.Visit, m.AuditLog, m.MediationCase, m.MediationParty, m.MediationMediator,
         m.MediationRecord, m.MediationFollowup, m.Attachment, m.FrozenReport]


def _key() -> str:
    """``VERSION`` and a digest of the migrations: a cached file of an older schema is not reused."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return f"v{VERSION}-{digest.hexdigest()[:8]}"


class _Office:
    """The rows of one office under construction."""

    def __init__(self, office_id: str, seed: int):
        self.office_id = office_id
        self.rng = random.Random(seed)
        self.rows: dict[type, list[dict]] = {model: [] for model in ORDER}
        self.numbers: set[str] = set()
        self.names: dict[str, tuple[str, str]] = {}

    def add(self, model, **values) -> str:
        values.setdefault("id", new_id())
        self.rows[model].append(values)
        return values["id"]

    def day(self, start: date, span: int) -> date:
        return start + timedelta(days=self.rng.randrange(max(span, 1)))

    def identity(self) -> dict:
        rng = self.rng
        while True:
            birth = date(1955, 1, 1) + timedelta(days=rng.randrange(365 * 50))
            number = idnumber.compose(rng.choice(REGIONS), birth, rng.randrange(1000))
            if number not in self.numbers:
                self.numbers.add(number)
                break
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
        if name not in self.names:
            self.names[name] = (pinyin.initials(name), pinyin.full(name))
        initials, full = self.names[name]
        return dict(name=name, name_initials=initials, name_pinyin=full, id_number=number, birth_date=birth,
                    sex="男" if int(number[16]) % 2 else "女", ethnicity="01", id_number_verified=False)

    def visit_dates(self, start: date, end: date, interval: int, quota: int) -> list[date]:
        """Visits going back from near the term's end (or today) at about ``interval`` days; the
        first gap is drawn up to 1.15 intervals, so about one person in eight is overdue."""
        rng = self.rng
        last_day = min(end - timedelta(days=1), TODAY)
        day = last_day - timedelta(days=rng.randrange(int(interval * 1.15) + 1))
        dates = []
        while day >= start and len(dates) < quota:
            dates.append(day)
            day -= timedelta(days=max(1, interval - rng.randrange(max(1, interval // 4))))
        return dates

    def visit(self, pid: str, day: date, review: bool = False) -> None:
        rng = self.rng
        self.add(m.Visit, office_id=self.office_id, person_id=pid, visit_date=day,
                 visit_type=codes.VISIT_TYPE_REVIEW if review else rng.choice(VISIT_TYPES),
                 staff=rng.choice(STAFF), place="本人家中", content=TALK * rng.randrange(1, 3),
                 content_thought="思想稳定" if review else None)


def _aftercare(o: _Office, pid: str) -> tuple[date, date, str]:
    """An aftercare term with its history; returns the visit window and the category."""
    rng, oid = o.rng, o.office_id
    source = rng.choices(codes.AFTERCARE_SOURCES, weights=(50, 25, 15, 10))[0]
    release = TODAY - timedelta(days=rng.randrange(7 * 365))
    transfer = min(release + timedelta(days=rng.randrange(30, 400)), TODAY) if source == codes.SOURCE_TRANSFER_IN else None
    start = terms.register_start(source, release, transfer)
    expiry = terms.expiry(release, 5)
    removal = start + timedelta(days=rng.randrange(30, 1500)) if rng.random() < 0.08 else None
    removal = removal if removal is not None and removal <= TODAY else None
    window = terms.TermWindow(start, expiry, removal, rng.choice(codes.REMOVAL_REASONS) if removal else None)
    removal = window.removal_date if window.end != expiry else None
    correction_id = None
    if source == codes.SOURCE_CORRECTION_ENDED:
        correction_id = o.add(m.CorrectionTerm, office_id=oid, person_id=pid, kind="缓刑", charge=rng.choice(CHARGES),
                              start_date=release - timedelta(days=730), end_date=release, actual_end_date=release,
                              end_reason=codes.CORRECTION_END_EXPIRED)
        o.add(m.SupervisionLevelChange, correction_term_id=correction_id,
              effective_date=release - timedelta(days=730), level="普管")
    handed = rng.random() < 0.95
    tid = o.add(m.AftercareTerm, office_id=oid, person_id=pid, source=source, release_date=release,
                transfer_in_date=transfer, register_start=start, term_years=5, expiry=expiry,
                removal_date=removal, removal_reason=window.removal_reason if removal else None, end_date=window.end,
                handover_date=min(start + timedelta(days=rng.randrange(5)), TODAY) if handed else None,
                handover_method=rng.choice(codes.HANDOVER_METHODS) if handed else None,
                agreement_date=min(start + timedelta(days=rng.randrange(1, 40)), TODAY) if rng.random() < 0.9 else None,
                charge=rng.choice(CHARGES), original_sentence="有期徒刑三年", correction_term_id=correction_id)
    category = "重点" if rng.random() < 0.2 else "一般"
    o.add(m.CategoryChange, term_id=tid, effective_date=start, category=category)
    if rng.random() < 0.15 and start + timedelta(days=200) < TODAY:
        category = rng.choice(codes.CATEGORIES)
        o.add(m.CategoryChange, term_id=tid, effective_date=start + timedelta(days=200), category=category)
    if rng.random() < 0.7:
        o.add(m.Placement, term_id=tid, placement_date=min(start + timedelta(days=rng.randrange(5, 300)), TODAY),
              method=rng.choice(list(codes.PLACEMENT_METHODS)), employer="城关镇建筑队")
    if rng.random() < 0.1:
        o.add(m.FlagPeriod, person_id=pid, flag=rng.choice(list(codes.FLAGS)), start_date=start)
    if rng.random() < 0.04:
        o.add(m.Reoffense, person_id=pid, kind=rng.choice(codes.REOFFENSE_KINDS), charge="盗窃罪",
              offense_date=o.day(start, (min(window.end, TODAY) - start).days + 1))
    if rng.random() < 0.97:
        o.add(m.StatusEvent, person_id=pid, event_date=min(start + timedelta(days=rng.randrange(15)), TODAY), kind="落户")
    if rng.random() < 0.01:
        o.add(m.StatusEvent, person_id=pid, event_date=min(start + timedelta(days=90), TODAY), kind="脱管")
    return start, window.end, category


def _correction(o: _Office, pid: str) -> tuple[date, date, str]:
    rng, oid = o.rng, o.office_id
    start = TODAY - timedelta(days=rng.randrange(700))
    end = start + timedelta(days=rng.choice([365, 730, 1095]))
    level = rng.choice(["严管", "普管", "普管", "宽管"])
    released = end if end < TODAY and rng.random() < 0.98 else None      # a few releases not recorded
    report = min(start + timedelta(days=rng.randrange(12)), TODAY)
    cid = o.add(m.CorrectionTerm, office_id=oid, person_id=pid, kind=rng.choice(codes.CORRECTION_KINDS),
                charge=rng.choice(CHARGES), start_date=start, end_date=end, actual_end_date=released,
                end_reason=codes.CORRECTION_END_EXPIRED if released else None, report_date=report,
                report_status="按时报到")
    o.add(m.SupervisionLevelChange, correction_term_id=cid, effective_date=start, level=level)
    for n in range(rng.randrange(1, 4)):
        o.add(m.CorrectionActivity, office_id=oid, person_id=pid, correction_term_id=cid,
              activity_date=min(report + timedelta(days=30 * n), TODAY), kind="报到" if n == 0 else "公益活动",
              hours=None if n == 0 else 8.0, content="按时报到" if n == 0 else "打扫村委会卫生", staff="王助理")
    return start, end, level


def _cases(o: _Office, count: int) -> None:
    rng, oid = o.rng, o.office_id
    accepted = sorted(TODAY - timedelta(days=rng.randrange(5 * 365)) for _ in range(count))
    seq: dict[int, int] = {}
    for day in accepted:
        seq[day.year] = seq.get(day.year, 0) + 1
        open_ = (TODAY - day).days < 45 or rng.random() < 0.01
        result = "调解中" if open_ else rng.choices(["成功", "不成功"], weights=(85, 15))[0]
        success = result == "成功"
        cid = o.add(m.MediationCase, office_id=oid, year=day.year, seq=seq[day.year], acceptance_date=day,
                    source=rng.choice(codes.CASE_SOURCES), dispute_type=rng.choice(codes.DISPUTE_TYPES),
                    summary="双方因宅基地边界发生争执。", result=result,
                    concluded_date=None if open_ else min(day + timedelta(days=rng.randrange(3, 30)), TODAY),
                    agreement_form=rng.choice(codes.AGREEMENT_FORMS) if success else None,
                    agreement_amount=rng.randrange(0, 5_000_000) / 100 if success else None,
                    performance_status=rng.choice(codes.PERFORMANCE_STATUSES) if success else None,
                    prevent_criminal=rng.choice([0, 0, 0, 2]), closed=not open_ and rng.random() < 0.8)
        for role in codes.PARTY_ROLES:
            who = o.identity()
            o.add(m.MediationParty, case_id=cid, role=role, name=who["name"], name_initials=who["name_initials"],
                  sex=who["sex"], id_number=who["id_number"])
        for n in range(rng.randrange(1, 3)):
            o.add(m.MediationMediator, case_id=cid, name=rng.choice(STAFF), sort_order=n)
        o.add(m.MediationRecord, case_id=cid, kind="调解", record_date=min(day + timedelta(days=2), TODAY),
              text="调解员听取双方陈述，释法说理。")
        if success and rng.random() < 0.8:
            o.add(m.MediationFollowup, case_id=cid, followup_date=min(day + timedelta(days=40), TODAY), content="已履行")


def office_rows(office_id: str, *, persons: int, visits: int, cases: int, seed: int = 1, villages: int = 40,
                correction_share: float = 0.2, attachments: int = 0) -> dict[type, list[dict]]:
    """All rows of one office (see the module text), keyed by model, in insertion order."""
    o = _Office(office_id, seed)
    rng = o.rng
    village_ids = [o.add(m.Village, office_id=office_id, sort_order=i,
                         name=VILLAGE_NAMES[i] if i < len(VILLAGE_NAMES) else f"第{i + 1}村") for i in range(villages)]
    per_person = visits / max(persons, 1)
    review_quota = min(3, int(per_person // 3))
    regular_quota = max(0, min(7, int(per_person) - review_quota))
    spans: list[tuple[str, date, date]] = []
    for n in range(persons):
        village = rng.choice(village_ids)
        pid = o.add(m.Person, office_id=office_id, village_id=village, phone=f"138{rng.randrange(10 ** 8):08d}",
                    household_address=f"示范县城关镇{rng.randrange(1, 300)}号",
                    residence_address=f"示范县城关镇{rng.randrange(1, 300)}号", **o.identity())
        o.add(m.HelperMember, person_id=pid, role="村(居)干部", name="王书记", phone="13900000000")
        o.add(m.HelperMember, person_id=pid, role="家属", name=rng.choice(SURNAMES) + "某某")
        o.add(m.AuditLog, office_id=office_id, at=datetime(2026, 1, 1) + timedelta(minutes=n), user_name="张所长",
              action="新增", table_name="person", record_id=pid, summary="新增人员", after='{"name": "某某"}')
        if rng.random() < correction_share:
            start, end, value = _correction(o, pid)
        else:
            start, end, value = _aftercare(o, pid)
            for day in o.visit_dates(start, end, 182, review_quota):       # 跟踪考察 every half year
                o.visit(pid, day, review=True)
        for day in o.visit_dates(start, end, INTERVAL_DAYS[value], regular_quota):
            o.visit(pid, day)
        if rng.random() < 0.01:
            o.add(m.DuePostponement, office_id=office_id, subject_id=pid, rule="visit", original_due=TODAY,
                  new_due=TODAY + timedelta(days=10), reason="住院", user_name="张所长")
        if start < TODAY:
            spans.append((pid, start, min(end, TODAY)))
    while len(o.rows[m.Visit]) < visits and spans:                   # older history up to the total
        pid, start, end = rng.choice(spans)
        o.visit(pid, o.day(start, (end - start).days))
    _cases(o, cases)
    people = o.rows[m.Person]
    for a in range(attachments):
        blob = rng.randbytes(20_000 + 500 * a)
        o.add(m.Attachment, office_id=office_id, owner_table="person", owner_id=people[a % len(people)]["id"],
              filename=f"判决书{a}.jpg", mime_type="image/jpeg", size=len(blob), sha256="0" * 64, data=blob)
    o.add(m.FrozenReport, office_id=office_id, report="table7", period_start=date(2026, 1, 1),
          period_end=date(2026, 6, 30), frozen_at=datetime(2026, 7, 5, 9, 0), frozen_by="张所长", values_json='{"4": 10}')
    return o.rows


def insert_rows(ctx: AppContext, rows: dict[type, list[dict]], chunk: int = 20_000) -> dict[str, int]:
    """Write ``rows`` in one transaction, then ANALYZE; returns the rows written per table."""
    with ctx.transaction() as session:
        for model in ORDER:
            values = rows.get(model, [])
            for start in range(0, len(values), chunk):
                session.execute(insert(model), values[start:start + chunk])
    with ctx.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    return {model.__tablename__: len(values) for model, values in rows.items() if values}


def new_office(path: Path, code: str, name: str, *, county: str = "示范县司法局",
               template: Path | None = None) -> AppContext:
    """An empty office database at ``path`` (copied from a migrated ``template`` when given) with
    its administrator ``USERNAME`` / ``PASSWORD``."""
    if template is not None:
        shutil.copyfile(template, path)
    ctx = office.create_office(open_database(path, today=TODAY), code=code, name=name, county=county)
    auth.create_user(ctx, username=USERNAME, display_name="管理员", password=PASSWORD, role=codes.ROLE_ADMIN)
    return ctx


def signed_in(ctx: AppContext) -> AppContext:
    return ctx.as_user(auth.sign_in(ctx, USERNAME, PASSWORD))


def build_office(path: Path, *, persons: int, visits: int, cases: int, seed: int = 1, code: str = "410101001",
                 name: str = "基准测试镇司法所", template: Path | None = None, **options) -> AppContext:
    """A new office database at ``path`` filled with ``office_rows``; returns its context."""
    ctx = new_office(path, code, name, template=template)
    insert_rows(ctx, office_rows(ctx.office_id, persons=persons, visits=visits, cases=cases, seed=seed, **options))
    return ctx


def district_database(persons: int = 50_000, visits: int | None = None, cases: int | None = None,
                      rebuild: bool = False) -> Path:
    """The cached office database of ``persons`` persons (by default the district scale: 50,000
    persons, ten visits and 0.4 mediation cases a person), generated on first use (about a minute
    for 50,000 persons). Measure on a ``working_copy`` when the benchmark writes."""
    visits = 10 * persons if visits is None else visits
    cases = persons * 2 // 5 if cases is None else cases
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"district-{_key()}-{persons}p-{visits}v-{cases}c.sqlite3"
    if path.exists() and not rebuild:
        return path
    partial = path.with_name(path.name + ".part")
    for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    began = time.perf_counter()
    print(f"generating {persons} persons, {visits} visits, {cases} mediation cases (cached in {CACHE})…",
          file=sys.stderr, flush=True)
    ctx = build_office(partial, persons=persons, visits=visits, cases=cases)
    with ctx.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.dispose()
    os.replace(partial, path)
    print(f"generated in {time.perf_counter() - began:.0f} s: {path} ({path.stat().st_size / 1e6:.0f} MB)",
          file=sys.stderr, flush=True)
    return path


def working_copy(path: Path, folder: Path) -> Path:
    """A copy of a cached database to measure on (benchmarks write: audit rows, a bundle's person)."""
    target = Path(folder) / path.name
    shutil.copyfile(path, target)
    return target


def bundle_person(ctx: AppContext, visits: int = 14) -> str:
    """A person with a term, a category and ``visits`` full visit records, written through the
    services (a record a page): with 14 visits the dossier bundle has 20 pages."""
    from sifasuo_desktop.services import visits as visit_service

    release = date(2025, 1, 10)
    rows = {model: [] for model in ORDER}
    pid, tid = new_id(), new_id()
    rows[m.Person].append(dict(id=pid, office_id=ctx.office_id, name="基准张三", name_initials="jzzs",
                               name_pinyin="jizhunzhangsan", id_number="410101198505170011", sex="男",
                               birth_date=date(1985, 5, 17), residence_address="第1村1号", phone="13800000000"))
    rows[m.AftercareTerm].append(dict(
        id=tid, office_id=ctx.office_id, person_id=pid, source="监狱刑满释放", release_date=release,
        register_start=release, term_years=5, expiry=terms.expiry(release, 5), end_date=terms.expiry(release, 5),
        handover_date=release, agreement_date=date(2025, 2, 1), charge="盗窃罪", original_sentence="有期徒刑三年"))
    rows[m.CategoryChange].append(dict(id=new_id(), term_id=tid, effective_date=release, category="重点"))
    with ctx.transaction() as session:
        for model in ORDER:
            if rows[model]:
                session.execute(insert(model), rows[model])
    for n in range(visits):
        visit_service.save_visit(ctx, None, visit_service.VisitData(
            pid, release + timedelta(days=30 * (n + 1)), "家访", place="本人家中", staff="王助理",
            content_thought="思想稳定，认罪悔罪态度较好，对今后生活有信心。" * 2, content_work="在县城务工，收入稳定。",
            content="问：最近怎么样？\n答：挺好的，每天按时上班。"))
    return pid


def office_packages(count: int = 20, persons: int = 2500, rebuild: bool = False) -> list[Path]:
    """USB packages of ``count`` offices of ``persons`` persons each (ten visits a person, a
    mediation case per ten persons, 20 attachments), cached like ``district_database``."""
    from sifasuo_desktop.db.migrate import upgrade
    from sifasuo_desktop.services import package

    folder = CACHE / f"packages-{_key()}-{count}x{persons}"
    done = folder / "complete"
    if done.exists() and not rebuild:
        return sorted(folder.glob("*.sfpkg"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    began = time.perf_counter()
    print(f"generating {count} office packages of {persons} persons (cached in {folder})…", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-offices-") as tmp:
        template = Path(tmp) / "template.sqlite3"
        upgrade(template, backup=False)
        for i in range(count):
            ctx = build_office(Path(tmp) / f"{i}.sqlite3", persons=persons, visits=10 * persons, cases=persons // 10,
                               seed=i + 1, code=f"410101{i + 1:03d}", name=f"第{i + 1}镇司法所", template=template,
                               attachments=20)
            package.export_package(signed_in(ctx), folder, now=datetime(2026, 11, 20, 8, i))
            ctx.dispose()
    done.write_text(f"{count} packages\n")
    print(f"generated in {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    return sorted(folder.glob("*.sfpkg"))
