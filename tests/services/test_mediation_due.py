"""The 工作台 group of mediation cases near or past their limit (needs the 工作台 of the visits feature)."""

from datetime import date

import pytest
from mediation_fixtures import new_case

from sifasuo_desktop.services import mediation

due = pytest.importorskip("sifasuo_desktop.services.due")
mediation_due = pytest.importorskip("sifasuo_desktop.services.mediation_due")


def test_workbench_group_lists_cases_near_and_past_their_limit(ctx):
    near = mediation.create_case(ctx, new_case(date(2026, 10, 25)))    # deadline 11-24: due today
    past = mediation.create_case(ctx, new_case(date(2026, 10, 24)))    # deadline 11-23: one day past
    mediation.create_case(ctx, new_case(date(2026, 10, 26)))           # deadline 11-25 ... still near
    mediation.create_case(ctx, new_case(date(2026, 11, 17)))           # deadline 12-17: not yet
    group = mediation_due.workbench_group(ctx, date(2026, 11, 24))
    assert group.open_tab == "MediationTab" and group.count == 3
    first, second = group.items[:2]
    assert (first.subject_id, first.state, first.state_label, first.due_date) == (past.id, "overdue", "超期1天", date(2026, 11, 23))
    assert (second.subject_id, second.state, second.state_label) == (near.id, "due_soon", "今日到期")
    assert "张三与李四" in first.name and first.provider == mediation_due.__name__


def test_registered_with_the_workbench(ctx):
    assert "sifasuo_desktop.services.mediation_due" in due.EXTRA_GROUP_PROVIDERS
    mediation.create_case(ctx, new_case(date(2026, 10, 1)))
    groups = {g.key: g for g in due.workbench(ctx, date(2026, 11, 24))}
    assert groups["mediation_limit"].count == 1
