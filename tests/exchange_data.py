"""Office data for the exchange tests and the benchmark, inserted as rows directly (fast, seeded).

Every table that travels in a package gets rows, so a round trip through export and merge
exercises all of them: persons with terms, categories, flags, placements, reoffenses, status
events, helper groups, correction terms with levels and activities, visits, mediation cases with
parties, mediators, records and follow-ups, attachments, postponements, frozen reports, audit.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select

from sifasuo_desktop.db.models import (
    AftercareTerm, Attachment, AuditLog, CategoryChange, CorrectionActivity, CorrectionTerm,
    DuePostponement, FlagPeriod, FrozenReport, HelperMember, MediationCase, MediationFollowup,
    MediationMediator, MediationParty, MediationRecord, Person, Placement, Reoffense, StatusEvent,
    SupervisionLevelChange, Village, Visit, new_id,
)
from sifasuo_desktop.domain.dates import add_years
from sifasuo_desktop.domain.idnumber import check_character

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"


def id_number(rng: random.Random, region: str = "410101", sex: str | None = None) -> str:
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 45))
    seq = rng.randrange(0, 999)
    if sex == "女" and seq % 2:
        seq -= 1
    elif sex == "男" and seq % 2 == 0:
        seq += 1
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)


def fill_office(ctx, persons: int = 20, seed: int = 1, cases: int | None = None,
                attachments: int = 3, id_numbers: list[str] | None = None) -> dict[str, int]:
    """Insert ``persons`` persons with their history and ``cases`` mediation cases for ctx's office.

    ``id_numbers`` forces the first persons' 公民身份号码 (to make the same person appear in two
    offices). Returns the number of rows written per table.
    """
    rng = random.Random(seed)
    office_id = ctx.office_id
    cases = persons // 10 + 2 if cases is None else cases
    rows: dict[type, list[dict]] = {}

    def add(model, **values):
        values.setdefault("id", new_id())
        rows.setdefault(model, []).append(values)
        return values["id"]

    with ctx.transaction() as session:
        villages = list(session.scalars(select(Village.id).where(Village.office_id == office_id)))
    for i in range(persons):
        number = id_numbers[i] if id_numbers and i < len(id_numbers) else id_number(rng)
        sex = "男" if int(number[16]) % 2 else "女"
        release = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 6 * 365))
        pid = add(Person, office_id=office_id, name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                  name_initials="xx", id_number=number, sex=sex, ethnicity="01",
                  birth_date=date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
                  village_id=rng.choice(villages) if villages else None,
                  household_address="测试县某某路" + str(i), residence_address="测试县某某村" + str(i),
                  phone=f"138{i:08d}", notes="备注" * rng.randrange(0, 5))
        expiry = add_years(release, 5)
        removal = release + timedelta(days=400) if i % 17 == 0 else None
        tid = add(AftercareTerm, office_id=office_id, person_id=pid, source="监狱刑满释放", release_date=release,
                  register_start=release, term_years=5, expiry=expiry, removal_date=removal,
                  removal_reason="迁出" if removal else None, end_date=min(expiry, removal or expiry),
                  handover_date=release + timedelta(days=1) if i % 5 else None,
                  handover_method="必接必送" if i % 3 == 0 else "家属接回",
                  agreement_date=release + timedelta(days=20) if i % 4 else None, charge="盗窃罪",
                  original_sentence="三年")
        add(CategoryChange, term_id=tid, effective_date=release, category="重点" if i % 4 == 0 else "一般")
        if i % 3:
            add(Placement, term_id=tid, placement_date=release + timedelta(days=60), method="03", employer="某厂")
        if i % 7 == 0:
            add(FlagPeriod, person_id=pid, flag="residence_mismatch", start_date=release)
        if i % 11 == 0:
            add(FlagPeriod, person_id=pid, flag="three_nos", start_date=release, end_date=release + timedelta(days=90))
        if i % 19 == 0:
            add(Reoffense, person_id=pid, offense_date=release + timedelta(days=300), kind="违法", charge="赌博")
            add(StatusEvent, person_id=pid, event_date=release + timedelta(days=30), kind="脱管")
        add(HelperMember, person_id=pid, role="村(居)干部", name="王书记", phone="13900000000")
        add(HelperMember, person_id=pid, role="家属", name="家属" + str(i))
        for v in range(4):
            add(Visit, office_id=office_id, person_id=pid, visit_date=release + timedelta(days=30 * (v + 1)),
                visit_type=rng.choice(["谈话", "家访", "电话"]), staff="张所长", place="家中",
                content="问：近况如何？答：还好。" * rng.randrange(1, 4))
        add(AuditLog, office_id=office_id, at=datetime(2026, 1, 1) + timedelta(minutes=i), user_name="张所长",
            action="新增", table_name="person", record_id=pid, summary="新增人员",
            after='{"name": "某某"}')
        if i % 25 == 0:
            cid = add(CorrectionTerm, office_id=office_id, person_id=pid, kind="缓刑", charge="危险驾驶罪",
                      start_date=release - timedelta(days=800), end_date=release - timedelta(days=70))
            add(SupervisionLevelChange, correction_term_id=cid, effective_date=release - timedelta(days=800),
                level="普管")
            add(CorrectionActivity, office_id=office_id, person_id=pid, correction_term_id=cid,
                activity_date=release - timedelta(days=700), kind="公益活动", hours=8.0, content="打扫卫生")
            add(DuePostponement, office_id=office_id, subject_id=pid, rule="visit", original_due=release,
                new_due=release + timedelta(days=10), reason="住院", user_name="张所长")
    for n in range(cases):
        accepted = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 600))
        success = n % 4 != 0
        case = add(MediationCase, office_id=office_id, year=accepted.year, seq=seed * 1000 + n + 1, acceptance_date=accepted,
                   source="当事人申请", dispute_type="邻里", summary="邻里纠纷",
                   result="成功" if success else "不成功", concluded_date=accepted + timedelta(days=10),
                   agreement_form="书面" if success else None, agreement_amount=1234.5 if success else None,
                   prevent_criminal=2 if n % 9 == 0 else 0)
        add(MediationParty, case_id=case, role="申请人", name="申请人" + str(n), sex="男")
        add(MediationParty, case_id=case, role="被申请人", name="被申请人" + str(n), sex="女")
        add(MediationMediator, case_id=case, name="李调解")
        add(MediationMediator, case_id=case, name="王调解", sort_order=1)
        add(MediationRecord, case_id=case, kind="调解", record_date=accepted + timedelta(days=5), text="调解记录")
        if success:
            add(MediationFollowup, case_id=case, followup_date=accepted + timedelta(days=40), content="已履行")
    people = rows[Person]
    for a in range(attachments):
        blob = rng.randbytes(2000 + 500 * a)
        add(Attachment, office_id=office_id, owner_table="person", owner_id=people[a % len(people)]["id"],
            filename=f"判决书{a}.jpg", mime_type="image/jpeg", size=len(blob), sha256="0" * 64, data=blob)
    add(FrozenReport, office_id=office_id, report="table7", period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30), frozen_at=datetime(2026, 6, 5, 9, 0), frozen_by="张所长",
        values_json='{"4": 10}')
    with ctx.transaction() as session:
        for model in sorted(rows, key=lambda m: _ORDER.index(m)):
            session.execute(insert(model), rows[model])
    return {model.__tablename__: len(values) for model, values in rows.items()}


_ORDER = [Person, CorrectionTerm, AftercareTerm, CategoryChange, Placement, FlagPeriod, Reoffense, StatusEvent,
          HelperMember, SupervisionLevelChange, CorrectionActivity, DuePostponement, Visit, AuditLog,
          MediationCase, MediationParty, MediationMediator, MediationRecord, MediationFollowup, Attachment,
          FrozenReport]


def new_office(template, folder, code: str, name: str, *, county: str = "测试县司法局", today=None):
    """A second (third, ...) office database beside the test's own, from the migrated template."""
    import shutil
    from pathlib import Path

    from sifasuo_desktop.services import office
    from sifasuo_desktop.services.context import open_database

    path = Path(folder) / f"{code}.sqlite3"
    shutil.copyfile(template, path)
    ctx = office.create_office(open_database(path, today=today), code=code, name=name, county=county)
    office.save_village(ctx, None, name=name[:2] + "村")
    return ctx


def table_rows(path, table: str, office_id: str | None = None, skip: tuple[str, ...] = ()) -> list[tuple]:
    """The rows of ``table`` (of one office when given), sorted, without the ``skip`` columns."""
    import sqlite3

    from sifasuo_desktop.services.office_scope import scope_sql

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in skip]
        where = f" WHERE {scope_sql(table)}" if office_id else ""
        rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}{where}", {"office_id": office_id}).fetchall()
    finally:
        con.close()
    return sorted(rows, key=repr)


def database_digest(path) -> str:
    """A digest of every row of every table: equal digests mean an unchanged database."""
    import hashlib
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    finally:
        con.close()
    digest = hashlib.sha256()
    for table in tables:
        digest.update(repr((table, table_rows(path, table))).encode())
    return digest.hexdigest()


DISTRICT_OFFICES = (("410101001", "东镇司法所"), ("410101002", "西镇司法所"), ("410101003", "南镇司法所"))


def merged_district(template, folder, offices=DISTRICT_OFFICES, part1s=None, today=None):
    """A district database ``测试县司法局`` holding the packages of ``offices`` (code, name), each
    filled by ``fill_office`` (60, 90, 120 … persons) and, with ``part1s``, its Part 一 entered.
    Returns (district context, office contexts)."""
    import shutil
    from pathlib import Path

    from sifasuo_desktop.services import district, package, report_settings
    from sifasuo_desktop.services.context import open_database

    folder = Path(folder)
    contexts = []
    for i, (code, name) in enumerate(offices):
        ctx = new_office(template, folder, code, name, today=today)
        fill_office(ctx, persons=60 + 30 * i, seed=i + 1, cases=12 + i, attachments=0)
        if part1s:
            report_settings.save_part1(ctx, part1s[i])
        contexts.append(ctx)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    files = [package.export_package(c, out, now=datetime(2026, 11, 20, 8, i)).path for i, c in enumerate(contexts)]
    shutil.copyfile(template, folder / "district.sqlite3")
    dctx = district.create_district(open_database(folder / "district.sqlite3", today=today), code="410101",
                                    name="测试县司法局")
    district.merge_packages(dctx, files)
    return dctx, contexts
