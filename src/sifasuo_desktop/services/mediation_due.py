"""The 人民调解 group of the 工作台: open cases near or past their 30-day limit.

It is listed in ``services.due.EXTRA_GROUP_PROVIDERS``; a double-click on an item opens the case
(``MediationTab.open_record``). Cases have no postponement: the limit moves by an extension with
both parties' consent, recorded in the case form.
"""

from __future__ import annotations

from datetime import date

from sifasuo_desktop.domain.due_rules import DUE_SOON, OVERDUE
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.due import WorkGroup, WorkItem
from sifasuo_desktop.services.mediation_query import cases_near_limit

GROUP_KEY = "mediation_limit"
RULE = "mediation_limit"


def workbench_group(ctx: AppContext, today: date) -> WorkGroup:
    items = tuple(
        WorkItem(
            subject_id=row.id, subject_table="mediation_case",
            name=f"{row.number}（{row.applicants}与{row.respondents}）",
            village_id=None, village_name="", rule=RULE, rule_label="调解期限",
            due_date=row.limit.deadline, state=OVERDUE if row.limit.days_left < 0 else DUE_SOON,
            state_label=row.limit.label, note=f"{row.dispute_type}纠纷，调解员：{row.mediators}",
            provider=__name__,
        )
        for row in cases_near_limit(ctx, today)
    )
    return WorkGroup(GROUP_KEY, "调解案件临期、超期", items, open_tab="MediationTab")
