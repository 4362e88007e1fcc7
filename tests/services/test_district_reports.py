"""District 7号表 and mediation table: each office's column is what the office itself computes,
and the district total (one query) equals the sum of the offices."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from exchange_data import merged_district

from sifasuo_desktop.domain import mediation_table, table7
from sifasuo_desktop.services import district, district_reports, mediation_stats
from sifasuo_desktop.services import table7 as table7_service
from sifasuo_desktop.services.context import open_database

PERIODS = [(date(2025, 1, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 6, 30))]


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    from sifasuo_desktop.db.migrate import upgrade

    tmp = tmp_path_factory.mktemp("district_reports")
    upgrade(tmp / "template.sqlite3")
    dctx, offices = merged_district(tmp / "template.sqlite3", tmp)
    yield dctx, offices
    for ctx in (dctx, *offices):
        ctx.dispose()


@pytest.mark.parametrize("start, end", PERIODS)
def test_district_7_table_total_is_the_sum_of_offices_and_each_office_its_own(merged, start, end):
    dctx, offices = merged
    result = district_reports.compute(dctx, table7.REPORT, start, end)
    assert result.mismatches == ()
    assert [c.name for c in result.offices] == ["东镇司法所", "西镇司法所", "南镇司法所"]
    for column, office_ctx in zip(result.offices, offices):
        own = table7_service.count_rows(office_ctx, start, end)
        assert {code: column.table.values[code] for code in own} == own
    total = table7_service.count_rows(dctx, start, end, [c.office_id for c in result.offices])
    for code in total:
        assert total[code] == sum(table7_service.count_rows(o, start, end)[code] for o in offices), code
    assert result.total.values["4"] > 0 and result.total.values["16"] > 0      # the data really counts
    assert result.total.values["8"] == table7_service.compute(
        dctx, start, end, [c.office_id for c in result.offices], part1=table7.Part1()).values["8"]
    assert result.total.office_name == "测试县司法局（汇总3个司法所）"


def test_district_mediation_table_adds_up_including_money(merged):
    dctx, offices = merged
    start, end = PERIODS[0]
    result = district_reports.compute(dctx, mediation_table.REPORT, start, end)
    assert result.mismatches == ()
    own = [mediation_stats.count_rows(o, start, end) for o in offices]
    assert result.total.values["M1"] == sum(o["M1"] for o in own) > 0
    district_cents = mediation_stats.count_rows(dctx, start, end, [c.office_id for c in result.offices])["M6"]
    assert district_cents == sum(o["M6"] for o in own) > 0


def test_an_empty_district_reports_zeros(tmp_path, _template_db):
    shutil.copyfile(_template_db, tmp_path / "d.sqlite3")
    dctx = district.create_district(open_database(tmp_path / "d.sqlite3"), code="410101", name="空县司法局")
    result = district_reports.compute(dctx, table7.REPORT, *PERIODS[0])
    assert result.offices == () and result.total.values["4"] == 0 and result.total.values["8"] is None
    dctx.dispose()
