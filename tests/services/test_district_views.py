"""District views: offices with their last package, persons on two offices' registers."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest
from exchange_data import new_office
from sqlalchemy import insert

from sifasuo_desktop.db.models import AftercareTerm, FlagPeriod, Person, new_id
from sifasuo_desktop.services import district, district_views, office, package
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.services.package import ExportOptions

DAY = date(2026, 11, 24)
SHARED = "410101199001011237"


def _person(ctx, name, id_number, start, end, mismatch_from=None):
    village = office.list_villages(ctx)[0].id
    with ctx.transaction() as session:
        pid = new_id()
        session.execute(insert(Person).values(id=pid, office_id=ctx.office_id, name=name, id_number=id_number,
                                              village_id=village))
        session.execute(insert(AftercareTerm).values(
            id=new_id(), office_id=ctx.office_id, person_id=pid, source="监狱刑满释放", release_date=start,
            register_start=start, expiry=end, end_date=end))
        if mismatch_from:
            session.execute(insert(FlagPeriod).values(id=new_id(), person_id=pid, flag="residence_mismatch",
                                                      start_date=mismatch_from))


@pytest.fixture
def offices(tmp_path, _template_db):
    a = new_office(_template_db, tmp_path, "410101001", "东镇司法所")
    b = new_office(_template_db, tmp_path, "410101002", "西镇司法所")
    c = new_office(_template_db, tmp_path, "410101003", "南镇司法所")
    yield a, b, c
    for ctx in (a, b, c):
        ctx.dispose()


def _district(tmp_path, _template_db, office_ctxs, **export):
    path = tmp_path / "district.sqlite3"
    shutil.copyfile(_template_db, path)
    ctx = district.create_district(open_database(path, today=DAY), code="410101", name="测试县司法局")
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    files = [package.export_package(o, out, now=datetime(2026, 11, 20, 8, i), **export).path
             for i, o in enumerate(office_ctxs)]
    district.merge_packages(ctx, files, now=datetime(2026, 11, 21, 10, 0))
    return ctx


def test_a_person_on_two_registers_is_listed_with_both_offices(offices, tmp_path, _template_db):
    a, b, c = offices
    _person(a, "张三", SHARED, date(2024, 1, 1), date(2029, 1, 1), mismatch_from=date(2024, 2, 1))
    _person(b, "张三", SHARED, date(2025, 6, 1), date(2030, 6, 1))
    _person(c, "张三", SHARED, date(2019, 1, 1), DAY)               # ended today: off the register
    _person(a, "李四", "410101198502023334", date(2024, 1, 1), date(2029, 1, 1))
    _person(c, "李四", "410101198502023334", date(2026, 11, 25), date(2031, 11, 25))  # starts tomorrow
    ctx = _district(tmp_path, _template_db, offices)
    rows = district_views.registered_twice(ctx)
    assert [(r.id_number, r.name, r.office_code, r.office_name, r.register_start, r.residence_mismatch)
            for r in rows] == [
        (SHARED, "张三", "410101001", "东镇司法所", date(2024, 1, 1), True),
        (SHARED, "张三", "410101002", "西镇司法所", date(2025, 6, 1), False),
    ]
    assert rows[0].village == "东镇村"
    assert [r.office_code for r in district_views.registered_twice(ctx, date(2026, 11, 23))] == [
        "410101001", "410101002", "410101003"]
    ctx.dispose()


def test_offices_list_shows_last_package_and_counts_on_the_day(offices, tmp_path, _template_db):
    a, b, c = offices
    _person(a, "甲", "410101199001011237", date(2024, 1, 1), date(2029, 1, 1))
    _person(a, "乙", "410101198502023334", date(2019, 1, 1), date(2024, 1, 1))
    ctx = _district(tmp_path, _template_db, offices, options=ExportOptions(attachments=False))
    listed = district_views.list_offices(ctx)
    assert [(o.code, o.persons, o.on_register, o.exported_at, o.imported_at, o.options) for o in listed] == [
        ("410101001", 2, 1, datetime(2026, 11, 20, 8, 0), datetime(2026, 11, 21, 10, 0), "全部数据，不含附件"),
        ("410101002", 0, 0, datetime(2026, 11, 20, 8, 1), datetime(2026, 11, 21, 10, 0), "全部数据，不含附件"),
        ("410101003", 0, 0, datetime(2026, 11, 20, 8, 2), datetime(2026, 11, 21, 10, 0), "全部数据，不含附件"),
    ]
    assert listed[0].file_name.startswith("410101001-东镇司法所-20261120-0800")
    assert district_views.district_info(ctx).name == "测试县司法局"
    ctx.dispose()
