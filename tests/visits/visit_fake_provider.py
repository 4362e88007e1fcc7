"""An extra 工作台 group as the mediation feature will provide one (used by test_due_service)."""

from datetime import date

from sifasuo_desktop.services.due import WorkGroup, WorkItem

POSTPONED: list = []


def workbench_group(ctx, today: date) -> WorkGroup:
    item = WorkItem("case-1", "mediation_case", "张某与李某邻里纠纷", None, "", "mediation_limit", "调解期限",
                    date(2026, 11, 28), "due_soon", "即将到期", postponable=True, provider=__name__)
    return WorkGroup("mediation_near_limit", "调解案件临近期限", (item,), open_tab="MediationTab")


def postpone(ctx, subject_id, rule, new_date, reason) -> None:
    POSTPONED.append((subject_id, rule, new_date, reason))
