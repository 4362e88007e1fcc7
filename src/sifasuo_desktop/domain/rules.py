"""The office's rule parameters (DOMAIN §6): every deadline and interval, with its default.

Stored values in the settings table override the defaults key by key (see services.settings).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

# Chinese labels for the settings dialog, in display order.
LABELS: dict[str, str] = {
    "dossier_after_notice_days": "收到通知后建档期限(天)",
    "first_visit_after_handover_days": "衔接后首次家访期限(天)",
    "household_check_days": "返回后落户核查期限(天)",
    "agreement_after_return_months": "返回后签订帮教协议期限(月)",
    "visit_interval_key_months": "重点帮教对象走访间隔(月)",
    "visit_interval_general_months": "一般帮教对象走访间隔(月)",
    "review_interval_months": "跟踪考察间隔(月)",
    "correction_report_days": "社区矫正对象报到期限(天)",
    "correction_visit_strict_days": "严管对象走访间隔(天)",
    "correction_visit_normal_months": "普管对象走访间隔(月)",
    "correction_visit_loose_months": "宽管对象走访间隔(月)",
    "mediation_limit_days": "调解期限(天)",
    "mediation_followup_days": "协议后回访期限(天)",
    "judicial_confirmation_days": "司法确认申请期限(天)",
    "term_ending_warn_days": "期满提醒(天)",
    "due_soon_days": "即将到期提醒(天)",
    "report_half_year_due": "半年报报送日(月-日)",
    "report_annual_due": "年报报送日(月-日)",
    "aftercare_years_release": "刑满释放帮教期(年)",
    "aftercare_years_correction": "解除社区矫正帮教期(年)",
    "include_correction_ended": "解除社区矫正人员纳入安置帮教",
}


@dataclass(frozen=True)
class RuleSettings:
    dossier_after_notice_days: int = 3
    first_visit_after_handover_days: int = 7
    household_check_days: int = 20
    agreement_after_return_months: int = 1
    visit_interval_key_months: int = 1
    visit_interval_general_months: int = 3
    review_interval_months: int = 6
    correction_report_days: int = 10
    correction_visit_strict_days: int = 7
    correction_visit_normal_months: int = 1
    correction_visit_loose_months: int = 3
    mediation_limit_days: int = 30
    mediation_followup_days: int = 30
    judicial_confirmation_days: int = 30
    term_ending_warn_days: int = 30
    due_soon_days: int = 7
    report_half_year_due: str = "06-05"
    report_annual_due: str = "12-05"
    aftercare_years_release: int = 5
    aftercare_years_correction: int = 5
    include_correction_ended: bool = True

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def with_values(self, values: dict[str, Any]) -> "RuleSettings":
        known = {k: v for k, v in values.items() if k in self.keys()}
        return replace(self, **known)

    def aftercare_years(self, source: str) -> int:
        if source == "解除社区矫正":
            return self.aftercare_years_correction
        return self.aftercare_years_release
