"""逐月统计表: each month equals the 7号表 / mediation rows for that month; the 合计 line."""

from datetime import date

from stats.factories import Factory
from sifasuo_desktop.domain import monthly_table as mt
from sifasuo_desktop.services import mediation_stats, monthly_stats, table7

D = date


def test_each_month_equals_the_period_rows_for_that_month(ctx, scenario, cases):
    table = monthly_stats.compute(ctx, D(2025, 12, 1), D(2026, 7, 31))
    assert table.month_keys == ("2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
                                "2026-07")
    for key, first, last in mt.months(D(2025, 12, 1), D(2026, 7, 31)):
        rows = table7.count_rows(ctx, first, last)
        mediation = mediation_stats.count_rows(ctx, first, last)
        cell = table.cells[key]
        assert cell == {"new": rows["2"], "ended": rows["3"], "on_register": rows["4"], "visits": rows["16"],
                        "reoffenders": rows["17"], "mediation_accepted": mediation["M1"],
                        "mediation_success": mediation["M2"]}, key


def test_hand_computed_months_of_the_first_half_year(ctx, scenario, cases):
    table = monthly_stats.compute(ctx, D(2026, 1, 1), D(2026, 6, 30))
    column = {code: [table.cells[k][code] for k in table.month_keys] for code in mt.COLUMN_CODES}
    assert column["new"] == [1, 1, 1, 0, 0, 1]          # B; O; H; -; -; C
    assert column["ended"] == [1, 1, 1, 1, 1, 1]        # D; I; J; K; L; E_
    assert column["on_register"] == [9, 9, 9, 8, 7, 7]   # A B E_ F I J K L M; -I +O; -J +H; -K; -L; -E_ +C
    assert column["visits"] == [2, 0, 2, 0, 0, 1]       # B, I; -; A, H; -; -; A on E
    assert column["reoffenders"] == [1, 1, 1, 1, 0, 0]  # D; K; F; K
    assert column["mediation_accepted"] == [1, 1, 1, 0, 0, 2]
    assert column["mediation_success"] == [2, 0, 0, 0, 0, 1]
    assert table.totals == {"new": 4, "ended": 6, "on_register": 7, "visits": 5, "reoffenders": 3,
                            "mediation_accepted": 5, "mediation_success": 3}


def test_a_person_reoffending_in_two_months_counts_once_in_the_total(ctx):
    f = Factory(ctx)
    p = f.person("两次")
    f.term(p, D(2025, 1, 1))
    f.reoffense(p, D(2026, 1, 5), "违法")
    f.reoffense(p, D(2026, 3, 5), "违法")
    table = monthly_stats.for_year(ctx, 2026)
    assert table.cells["2026-01"]["reoffenders"] == 1 and table.cells["2026-03"]["reoffenders"] == 1
    assert table.totals["reoffenders"] == 1
    assert len(table.month_keys) == 12
    assert table.json_rows()["合计"]["reoffenders"] == 1


def test_flat_lines_name_month_and_column(ctx):
    table = monthly_stats.for_year(ctx, 2026)
    lines = table.flat()
    assert lines[0] == ("2026-01.new", "2026年1月新增人数", 0)
    assert lines[-1] == ("合计.mediation_success", "合计调解成功件数", 0)
    assert len(lines) == 13 * len(mt.COLUMNS)


def test_months_are_clipped_to_the_period():
    assert mt.months(D(2026, 2, 15), D(2026, 3, 10)) == [("2026-02", D(2026, 2, 15), D(2026, 2, 28)),
                                                          ("2026-03", D(2026, 3, 1), D(2026, 3, 10))]
    assert mt.months(D(2028, 2, 1), D(2028, 2, 29))[0][2] == D(2028, 2, 29)
