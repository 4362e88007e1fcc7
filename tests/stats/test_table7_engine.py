"""The 7号表 engine against hand-computed scenarios (DOMAIN §7.2), edges included.

Main scenario (``scenario`` in conftest.py): P = [2026-01-01, 2026-06-30]. Every person is male,
born 1980, category 一般 from the register start unless noted. The expected value of every row is worked out by hand in
``EXPECTED`` with the persons behind it in ``PEOPLE``.
"""

from datetime import date
from decimal import Decimal

import pytest

from stats.factories import Factory
from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.domain import table7 as t7
from sifasuo_desktop.services import auth, office, table7
from sifasuo_desktop.services.report_scope import ALL_OFFICES

S, E = date(2026, 1, 1), date(2026, 6, 30)
D = date


EXPECTED = {
    "1": 9, "2": 4, "2.1": 1, "2.2": 1, "2.3": 1, "2.4": 1,
    "3": 6, "3.1": 2, "3.2": 1, "3.3": 1, "3.4": 1, "3.5": 1,
    "4": 7, "4.1": 3, "4.2": 4, "4.3": 1, "4.4": 1, "4.5": 1, "4.6": 1,
    "5": 3, "5.1": 1, "6": 2, "6.1": 1, "6.2": 1, "7": 1,
    "8": Decimal("66.67"), "8.1": Decimal("100.00"),
    "9": 7, "10": 3, "10.01": 1, "10.02": 0, "10.03": 0, "10.04": 1, "10.05": 0, "10.06": 0, "10.07": 0,
    "10.08": 0, "10.99": 1, "11": 4, "12": Decimal("42.86"), "13": 3, "14": Decimal("42.86"), "15": 2, "16": 5,
    "17": 3, "17.1": 2, "17.2": 2, "18": Decimal("23.08"),
}

PEOPLE = {
    "1": "ADEFIJKLM", "2": "BCHO", "2.1": "B", "2.2": "C", "2.3": "O", "2.4": "H", "3": "DEIJKL", "3.1": "DE",
    "3.2": "I", "3.3": "J", "3.4": "K", "3.5": "L", "4": "ABCFHMO", "4.1": "ABH", "4.2": "CFMO", "4.3": "B",
    "4.4": "C", "4.5": "H", "4.6": "H", "5": "BCO", "5.1": "B", "6": "BO", "6.1": "B", "6.2": "B", "7": "C",
    "8": "BO", "9": "ABCFHMO", "10": "AFH", "10.01": "H", "10.04": "A", "10.99": "F", "10.03": "", "11": "BCMO",
    "13": "ABH", "15": "AF", "16": "ABHI", "17": "DFK", "17.1": "DK", "17.2": "FK", "18": "DFK",
}


def test_every_row_matches_the_hand_computed_value(ctx, scenario):
    table = table7.compute(ctx, S, E)
    assert dict(table.values) == EXPECTED
    assert table.checks == ()
    assert table.office_name == "测试镇司法所"
    assert table.kind == "半年报"


@pytest.mark.parametrize("code", sorted(PEOPLE))
def test_drill_down_lists_the_persons_behind_each_cell(ctx, scenario, code):
    names = {v: k for k, v in scenario["people"].items()}
    persons = table7.drill(ctx, S, E, code)
    assert sorted(names[p.person_id] for p in persons) == sorted(PEOPLE[code])


def test_drill_down_agrees_with_every_count(ctx, scenario):
    table = table7.compute(ctx, S, E)
    for code in t7.COUNT_CODES:
        persons = table7.drill(ctx, S, E, code)
        if code == "16":
            assert sum(int(p.detail.removeprefix("走访").removesuffix("次")) for p in persons) == table.values[code]
        else:
            assert len(persons) == table.values[code], code


def test_drill_down_says_why(ctx, scenario):
    died = table7.drill(ctx, S, E, "3.2")[0]
    assert (died.name, died.detail, died.end) == ("辛", "死亡 2026-02-01", D(2026, 2, 1))
    visits = {p.name: p.detail for p in table7.drill(ctx, S, E, "16")}
    assert visits == {"甲": "走访2次", "乙": "走访1次", "庚": "走访1次", "辛": "走访1次"}
    placed = {p.name: p.detail for p in table7.drill(ctx, S, E, "10")}
    assert placed == {"甲": "务农(承包土地)", "己": "其他", "庚": "单位就业"}
    first = table7.drill(ctx, S, E, "4")[0]
    assert first.id_number == "410101********0001"   # masked like every list


def test_drill_down_numbers_in_full_only_when_unmasked_for_a_role_that_may_see_them(ctx, scenario):
    office.save_settings(ctx, {"mask_id_numbers": False})
    assert table7.drill(ctx, S, E, "4")[0].id_number == "410101198001010001"
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    staff = ctx.as_user(auth.sign_in(ctx, "li", "staff123"))
    assert table7.drill(staff, S, E, "4")[0].id_number == "410101********0001"


def test_other_offices_count_only_when_asked_for(ctx, scenario):
    other = scenario["other_office"]
    assert table7.count_rows(ctx, S, E, [other])["2"] == 1
    assert table7.count_rows(ctx, S, E, ALL_OFFICES)["2"] == 5
    assert table7.count_rows(ctx, S, E, [ctx.office_id, other])["4"] == 8
    names = {p.name for p in table7.drill(ctx, S, E, "2", ALL_OFFICES)}
    assert "外所人" in names


def test_category_and_placement_follow_the_period_end(ctx, scenario):
    """The same data seen from a period ending 2026-07-31: changes dated 1 July now count."""
    values = table7.count_rows(ctx, S, D(2026, 7, 31))
    assert values["4"] == 5            # A, B, C, H, O still on; F (expired 1 Jul) and M (removed 1 Jul) off
    assert values["4.1"] == 3          # F's change to 重点 does not matter once F is off the register
    assert values["10.01"] == 2        # B's placement of 1 July now counts
    assert values["6"] == 3            # C handed over on 1 July
    assert values["4.3"] == 2          # A's three_nos flag from 1 July
    assert values["17"] == 4           # A's reoffense of 1 July


def test_empty_database_has_zeros_and_empty_rates(ctx):
    table = table7.compute(ctx, S, E)
    assert all(table.values[c] == 0 for c in t7.COUNT_CODES)
    assert all(table.values[r.code] is None for r in t7.ROWS if r.is_rate)
    assert table.checks == ()
    assert table.text("8") == "—"
    assert table.json_rows()["18"] is None


def test_a_bad_period_is_refused(ctx):
    with pytest.raises(ValidationError) as err:
        table7.compute(ctx, E, S)
    assert "结束日期不能早于开始日期" in str(err.value)
    with pytest.raises(ValidationError):
        table7.drill(ctx, S, E, "99")


def test_feb_29_release_expires_on_feb_28(ctx):
    f = Factory(ctx)
    f.term(f.person("闰年"), D(2024, 2, 29))        # expiry 2029-02-28
    values = table7.count_rows(ctx, D(2029, 1, 1), D(2029, 6, 30))
    assert (values["1"], values["3"], values["3.1"], values["4"]) == (1, 1, 1, 0)
    assert table7.count_rows(ctx, D(2029, 2, 28), D(2029, 2, 28))["3.1"] == 1
    on_27 = table7.count_rows(ctx, D(2029, 2, 27), D(2029, 2, 27))
    assert (on_27["4"], on_27["3"]) == (1, 0)
    assert table7.count_rows(ctx, D(2029, 3, 1), D(2029, 3, 31))["1"] == 0


def test_feb_29_release_inside_a_leap_day_period(ctx):
    f = Factory(ctx)
    f.term(f.person("闰日"), D(2028, 2, 29))
    values = table7.count_rows(ctx, D(2028, 2, 29), D(2028, 2, 29))
    assert (values["1"], values["2"], values["4"], values["5"], values["7"]) == (0, 1, 1, 1, 1)
    assert table7.count_rows(ctx, D(2028, 3, 1), D(2028, 3, 1))["1"] == 1


def test_minor_on_feb_28_when_born_on_feb_29(ctx):
    f = Factory(ctx)
    f.term(f.person("少年", birth=D(2008, 2, 29)), D(2025, 5, 1))
    assert table7.count_rows(ctx, D(2026, 1, 1), D(2026, 2, 28))["4.4"] == 1
    assert table7.count_rows(ctx, D(2026, 1, 1), D(2026, 3, 1))["4.4"] == 0


def test_re_released_person_keeps_row_4_equal_to_1_plus_2_minus_3(ctx):
    """Taken into custody for a new crime, released again in the same half year: two stays."""
    f = Factory(ctx)
    x = f.person("再犯")
    f.term(x, D(2022, 1, 1), removal=D(2026, 2, 1), reason="重新违法犯罪收监")
    f.reoffense(x, D(2026, 1, 20), "犯罪")
    f.term(x, D(2026, 5, 1), handover=D(2026, 5, 2), method="自行报到")
    table = table7.compute(ctx, S, E)
    values = table.values
    assert (values["1"], values["2"], values["3"], values["3.4"], values["4"]) == (1, 1, 1, 1, 1)
    assert (values["17"], values["17.1"], values["18"]) == (1, 1, Decimal("50.00"))
    assert table.checks == ()
    assert len(table7.drill(ctx, S, E, "17")) == 1


def test_removal_on_the_expiry_day_counts_as_expired(ctx):
    f = Factory(ctx)
    f.term(f.person("同日"), D(2021, 3, 1), removal=D(2026, 3, 1), reason="迁出")
    values = table7.count_rows(ctx, S, E)
    assert (values["3"], values["3.1"], values["3.3"]) == (1, 1, 0)


def test_unknown_placement_code_counts_as_other(ctx):
    f = Factory(ctx)
    term = f.term(f.person("新码"), D(2025, 1, 1))
    f.placement(term, D(2025, 2, 1), "55")
    values = table7.count_rows(ctx, S, E)
    assert (values["10"], values["10.99"], values["11"]) == (1, 1, 0)


def test_missing_category_is_shown_by_the_logic_check(ctx):
    f = Factory(ctx)
    f.term(f.person("未分类"), D(2025, 1, 1), category=None)
    table = table7.compute(ctx, S, E)
    assert table.checks == ("第4行（1）应等于第4.1行＋第4.2行（0）",)


def test_register_breakdown_groups_the_register_by_village_and_category(ctx, scenario):
    rows = table7.register_breakdown(ctx, E)
    assert ("南关村", "重点", 1) in rows
    assert ("未填村(社区)", "一般", 4) in rows
    assert ("未填村(社区)", "重点", 2) in rows
    assert sum(n for _, _, n in rows) == 7
