"""Submitting a report, differences against the submitted copy, Part 一 defaults, row labels."""

from datetime import date
from decimal import Decimal

import pytest

from sifasuo_desktop.core.errors import PermissionDenied, ValidationError
from sifasuo_desktop.domain import table7 as t7
from sifasuo_desktop.services import audit, auth, report_freeze, report_settings, table7
from stats.factories import Factory

S, E = date(2026, 1, 1), date(2026, 6, 30)
PART1 = {"stations": 2, "helper_groups": 9, "staff_fulltime": 3, "staff_parttime": 4, "volunteers": 15, "budget": True}


def test_freeze_stores_values_part1_user_and_time(ctx, scenario):
    copy = report_freeze.freeze(ctx, "table7", S, E, PART1)
    assert copy.frozen_by == "张所长"
    assert copy.values["4"] == 7 and copy.values["8"] == Decimal("66.67") and copy.values["8.1"] == Decimal("100.00")
    assert copy.part1 == t7.Part1(2, 9, 3, 4, 15, True)
    again = report_freeze.latest(ctx, "table7", S, E)
    assert again == copy
    assert report_freeze.latest(ctx, "table7", S, date(2026, 12, 31)) is None
    entries = audit.list_entries(ctx)
    assert any(e.table_name == "frozen_report" and "报送7号表" in e.summary for e in entries)


def test_later_edits_show_as_differences_and_never_change_the_frozen_copy(ctx, scenario):
    report_freeze.freeze(ctx, "table7", S, E, PART1)
    f = Factory(ctx)
    f.term(f.person("补录"), date(2026, 3, 1), handover=date(2026, 3, 2))
    live = table7.compute(ctx, S, E)
    frozen, diffs = report_freeze.compare(ctx, live)
    assert frozen.values["2"] == 4 and live.values["2"] == 5
    changed = {d.code: (d.frozen, d.live) for d in diffs}
    assert changed == {"2": (4, 5), "2.1": (1, 2), "4": (7, 8), "4.2": (4, 5), "5": (3, 4), "6": (2, 3),
                       "8": (Decimal("66.67"), Decimal("75.00")), "9": (7, 8), "11": (4, 5),
                       "12": (Decimal("42.86"), Decimal("37.50")), "14": (Decimal("42.86"), Decimal("37.50")),
                       "18": (Decimal("23.08"), Decimal("21.43"))}


def test_no_frozen_copy_means_no_differences(ctx, scenario):
    assert report_freeze.compare(ctx, table7.compute(ctx, S, E)) == (None, [])


def test_a_report_failing_a_logic_check_cannot_be_frozen(ctx):
    f = Factory(ctx)
    f.term(f.person("未分类"), date(2025, 1, 1), category=None)
    with pytest.raises(ValidationError) as err:
        report_freeze.freeze(ctx, "table7", S, E)
    assert "逻辑校验未通过" in str(err.value) and "第4.1行＋第4.2行" in str(err.value)
    assert report_freeze.history(ctx, "table7") == []


def test_mediation_table_can_be_frozen_too(ctx, cases):
    copy = report_freeze.freeze(ctx, "mediation", S, E)
    assert copy.values["M6"] == Decimal("1.73") and copy.part1 is None
    assert [c.id for c in report_freeze.history(ctx, "mediation")] == [copy.id]
    with pytest.raises(ValidationError):
        report_freeze.freeze(ctx, "monthly", S, E)


def test_part1_defaults_come_from_the_frozen_copy_then_the_last_entry(ctx):
    assert report_settings.part1_defaults(ctx, S, E) == t7.Part1()
    report_settings.save_part1(ctx, {**PART1, "volunteers": 20})
    assert report_settings.part1_defaults(ctx, S, E).volunteers == 20
    report_freeze.freeze(ctx, "table7", S, E, PART1)
    report_settings.save_part1(ctx, {**PART1, "volunteers": 30})
    assert report_settings.part1_defaults(ctx, S, E).volunteers == 15        # what was sent for this period
    assert report_settings.part1_defaults(ctx, date(2026, 7, 1), date(2026, 12, 31)).volunteers == 30
    assert table7.compute(ctx, date(2026, 7, 1), date(2026, 12, 31)).part1[4] == ("志愿者", 30, "人")


def test_bad_part1_is_refused_and_nothing_is_stored(ctx):
    with pytest.raises(ValidationError) as err:
        report_freeze.freeze(ctx, "table7", S, E, {**PART1, "stations": "两个"})
    assert err.value.fields == {"stations": "工作站数应为0到99999之间的整数"}
    assert report_freeze.history(ctx, "table7") == []
    assert report_settings.part1_defaults(ctx, S, E) == t7.Part1()


def test_offices_relabel_rows_and_reports_use_their_labels(ctx):
    report_settings.save_row_labels(ctx, "table7", {"16": "走访、谈话人次", "4": "期末在册人数", "1": " "})
    assert report_settings.row_labels(ctx, "table7") == {"16": "走访、谈话人次"}
    table = table7.compute(ctx, S, E)
    assert {r.code: r.label for r in table.rows}["16"] == "走访、谈话人次"
    with pytest.raises(ValidationError) as err:
        report_settings.save_row_labels(ctx, "table7", {"99": "x"})
    assert "99" in str(err.value)


def test_only_administrators_relabel_rows(ctx):
    auth.create_user(ctx, username="clerk", display_name="李助理", password="secret123", role="工作人员")
    clerk = ctx.as_user(auth.sign_in(ctx, "clerk", "secret123"))
    with pytest.raises(PermissionDenied):
        report_settings.save_row_labels(clerk, "table7", {"16": "走访人次"})
