"""The mediation table (DOMAIN §7.3) against a hand-computed scenario, P = first half of 2026."""

from datetime import date
from decimal import Decimal

import pytest

from stats.factories import Factory
from sifasuo_desktop.domain import mediation_table as mt
from sifasuo_desktop.services import mediation_stats

S, E = date(2026, 1, 1), date(2026, 6, 30)
D = date


def expected() -> dict:
    values = {code: 0 for code in mt.CODES}
    values.update({
        "M1": 5, "M1.婚姻家庭": 1, "M1.合同": 1, "M1.邻里": 2, "M1.损害赔偿": 1,
        "M1.当事人申请": 4, "M1.委托移送": 1,
        "M2": 3, "M3": 1, "M4": Decimal("75.00"), "M5": 3, "M5.书面": 2, "M5.口头": 1,
        "M6": Decimal("1.73"), "M7": 2, "M8": 2, "M9": 2,
        "M10": 1, "M10.人": 3, "M11": 1, "M11.人": 12, "M12": 1, "M12.人": 20, "M13": 1, "M13.人": 1,
    })
    return values


def test_every_row_matches_the_hand_computed_value(ctx, cases):
    table = mediation_stats.compute(ctx, S, E)
    assert dict(table.values) == expected()
    assert table.checks == ()
    json_rows = table.json_rows()
    assert json_rows["M6"] == 1.73 and json_rows["M4"] == 75.0 and json_rows["M1.邻里"] == 2


@pytest.mark.parametrize(("code", "numbers"), [
    ("M1", [1, 6, 4, 5, 3]), ("M1.邻里", [6, 4]), ("M2", [2, 1, 6]), ("M4", [2, 1, 6]), ("M3", [4]),
    ("M5.口头", [2]), ("M8", [9, 1]), ("M9", [1]), ("M12.人", [6]), ("M1.主动调解", []),
])
def test_drill_down_lists_the_cases_behind_each_cell(ctx, cases, code, numbers):
    ids = {v: k for k, v in cases.items()}
    assert [ids[c.case_id] for c in mediation_stats.drill(ctx, S, E, code)] == numbers


def test_drill_down_shows_amounts_and_people(ctx, cases):
    amounts = {c.case_id: c.detail for c in mediation_stats.drill(ctx, S, E, "M6")}
    assert amounts[cases[1]] == "12345.67元"
    assert [c.detail for c in mediation_stats.drill(ctx, S, E, "M11.人")] == ["12人"]
    first = mediation_stats.drill(ctx, S, E, "M1")[0]
    assert first.number == "〔2026〕第1号" and first.dispute_type == "婚姻家庭"


def test_empty_period_has_an_empty_success_rate(ctx):
    table = mediation_stats.compute(ctx, S, E)
    assert table.values["M4"] is None and table.text("M4") == "—"
    assert table.values["M6"] == Decimal("0.00")
    assert table.checks == ()


def test_money_is_rounded_half_up_to_two_decimals_of_wan_yuan(ctx):
    f = Factory(ctx)
    f.case(S, result="成功", concluded=S, form="书面", amount=4999.50)
    assert mediation_stats.compute(ctx, S, E).values["M6"] == Decimal("0.50")
    assert mt.wan_yuan(499_949) == Decimal("0.50") and mt.wan_yuan(4_994_999) == Decimal("4.99")


def test_successful_case_without_agreement_form_fails_the_check(ctx):
    Factory(ctx).case(S, result="成功", concluded=S)
    table = mediation_stats.compute(ctx, S, E)
    assert table.checks == ("书面与口头协议之和M5（0）应等于调解成功件数M2（1），请补填协议形式",)
