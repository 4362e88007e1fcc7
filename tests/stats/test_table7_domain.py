"""The 7号表 catalogue, rates, Part 一 and logic checks: pure domain rules."""

from datetime import date
from decimal import Decimal

import pytest

from sifasuo_desktop.domain import statistics, table7
from sifasuo_desktop.domain.idnumber import age_on


def test_rates_are_percentages_rounded_half_up_to_two_decimals():
    assert statistics.rate(2, 3) == Decimal("66.67")
    assert statistics.rate(1, 3) == Decimal("33.33")
    assert statistics.rate(1, 32) == Decimal("3.13")      # 3.125: half up, not half even
    assert statistics.rate(1, 160) == Decimal("0.63")     # 0.625
    assert statistics.rate(5, 5) == Decimal("100.00")
    assert statistics.rate(0, 7) == Decimal("0.00")


def test_rate_with_zero_denominator_is_empty_and_prints_a_dash():
    assert statistics.rate(0, 0) is None
    assert statistics.format_value(None) == "—"
    assert statistics.format_value(Decimal("8.5")) == "8.50"
    assert statistics.json_value(None) is None
    assert statistics.json_value(Decimal("83.33")) == 83.33


def test_catalogue_has_every_row_code_of_domain_7_2_in_order():
    expected = ["1", "2", "2.1", "2.2", "2.3", "2.4", "3", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "4.1", "4.2",
                "4.3", "4.4", "4.5", "4.6", "5", "5.1", "6", "6.1", "6.2", "7", "8", "8.1", "9", "10", "10.01",
                "10.02", "10.03", "10.04", "10.05", "10.06", "10.07", "10.08", "10.99", "11", "12", "13", "14",
                "15", "16", "17", "17.1", "17.2", "18"]
    assert list(table7.CODES) == expected
    rates = {r.code: (r.numerator, r.denominator) for r in table7.ROWS if r.is_rate}
    assert rates == {"8": ("6", ("5",)), "8.1": ("6.1", ("5.1",)), "12": ("10", ("9",)), "14": ("13", ("4",)),
                     "18": ("17", ("1", "2"))}


def test_fill_rates_uses_the_catalogue_definitions():
    counts = dict.fromkeys(table7.COUNT_CODES, 0) | {"1": 9, "2": 4, "17": 3, "5": 3, "6": 2}
    values = statistics.fill_rates(table7.ROWS, counts)
    assert values["18"] == Decimal("23.08")
    assert values["8"] == Decimal("66.67")
    assert values["8.1"] is None and values["12"] is None


def test_relabel_changes_labels_only():
    rows = statistics.relabel(table7.ROWS, {"16": "走访人次", "4": "  "})
    by_code = {r.code: r for r in rows}
    assert by_code["16"].label == "走访人次" and by_code["16"].unit == "人次"
    assert by_code["4"].label == "期末在册人数"


@pytest.mark.parametrize(("day", "birth", "minor"), [
    (date(2026, 6, 30), date(2008, 6, 30), False),   # 18 today
    (date(2026, 6, 30), date(2008, 7, 1), True),
    (date(2026, 2, 28), date(2008, 2, 29), True),    # turns 18 on 1 Mar in a common year
    (date(2026, 3, 1), date(2008, 2, 29), False),
    (date(2028, 2, 29), date(2010, 2, 28), False),   # E on Feb 29, born 18 years before on Feb 28
    (date(2028, 2, 29), date(2010, 3, 1), True),
])
def test_minor_cutoff_agrees_with_age_on(day, birth, minor):
    assert (birth > table7.minor_birth_cutoff(day)) is minor
    assert (age_on(birth, day) < 18) is minor


def test_logic_checks_pass_for_a_consistent_table():
    counts = dict.fromkeys(table7.COUNT_CODES, 0) | {
        "1": 9, "2": 4, "2.1": 1, "2.2": 1, "2.3": 1, "2.4": 1, "3": 6, "3.1": 2, "3.2": 1, "3.3": 1, "3.4": 1,
        "3.5": 1, "4": 7, "4.1": 3, "4.2": 4, "5": 3, "6": 2, "7": 1,
    }
    assert table7.logic_checks(statistics.fill_rates(table7.ROWS, counts)) == []


def test_logic_checks_name_each_broken_rule_in_chinese():
    counts = dict.fromkeys(table7.COUNT_CODES, 0) | {
        "1": 5, "2": 3, "2.1": 1, "3": 1, "3.2": 2, "4": 6, "4.1": 5, "5": 2, "6": 3, "7": 1,
    }
    messages = table7.logic_checks(statistics.fill_rates(table7.ROWS, counts))
    assert "第4行（6）应等于第1行＋第2行－第3行（7）" in messages
    assert "第2行（3）应等于第2.1～2.4行之和（1）" in messages
    assert "第3行（1）应等于第3.1～3.5行之和（2）" in messages
    assert "第4行（6）应等于第4.1行＋第4.2行（5）" in messages
    assert "第7行（1）应等于第5行－第6行（-1）" in messages
    assert "第8行“衔接率 (%)”为150.00%，不应超过100%" in messages
    assert len(messages) == 6


def test_period_kind_recognises_half_year_and_annual():
    assert statistics.period_kind(date(2026, 1, 1), date(2026, 6, 30)) == "半年报"
    assert statistics.period_kind(date(2026, 1, 1), date(2026, 12, 31)) == "全年报"
    assert statistics.period_kind(date(2026, 7, 1), date(2026, 12, 31)) == ""
    assert statistics.check_period(date(2026, 2, 1), date(2026, 1, 31)) == "统计时段的结束日期不能早于开始日期"


def test_part1_reads_stored_values_and_refuses_bad_numbers():
    part1 = table7.Part1.from_dict({"stations": "3", "volunteers": 12, "budget": 1, "unknown": 5})
    assert part1 == table7.Part1(stations=3, volunteers=12, budget=True)
    assert part1.items()[0] == ("工作站数", 3, "个")
    assert part1.items()[-1] == ("专项经费列入政府预算", "是", "")
    problems = table7.part1_problems({"stations": "x", "helper_groups": -1, "volunteers": 2.5, "staff_fulltime": 4})
    assert problems == {"stations": "工作站数应为0到99999之间的整数", "helper_groups": "帮教小组数应为0到99999之间的整数",
                        "volunteers": "志愿者应为0到99999之间的整数"}
