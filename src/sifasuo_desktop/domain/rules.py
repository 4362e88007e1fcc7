"""The office's rule parameters (DOMAIN §6): every deadline and interval, with its default.

Stored values in the settings table override the defaults key by key (services.office.rules and
save_settings).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
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

# The pages of the settings dialog: title -> keys of LABELS.
GROUPS: dict[str, list[str]] = {
    "安置帮教": [
        "dossier_after_notice_days", "first_visit_after_handover_days", "household_check_days",
        "agreement_after_return_months", "visit_interval_key_months", "visit_interval_general_months",
        "review_interval_months", "aftercare_years_release", "aftercare_years_correction",
        "include_correction_ended",
    ],
    "社区矫正": [
        "correction_report_days", "correction_visit_strict_days", "correction_visit_normal_months",
        "correction_visit_loose_months",
    ],
    "人民调解": ["mediation_limit_days", "mediation_followup_days", "judicial_confirmation_days"],
    "提醒与报表": ["term_ending_warn_days", "due_soon_days", "report_half_year_due", "report_annual_due"],
}

# Allowed range of every whole-number rule (inclusive): wide enough for any province, narrow
# enough to catch a slip of the finger (a 0-month visit interval would make everything overdue).
LIMITS: dict[str, tuple[int, int]] = {
    "dossier_after_notice_days": (1, 90),
    "first_visit_after_handover_days": (1, 90),
    "household_check_days": (1, 180),
    "agreement_after_return_months": (1, 12),
    "visit_interval_key_months": (1, 12),
    "visit_interval_general_months": (1, 12),
    "review_interval_months": (1, 12),
    "correction_report_days": (1, 90),
    "correction_visit_strict_days": (1, 90),
    "correction_visit_normal_months": (1, 12),
    "correction_visit_loose_months": (1, 12),
    "mediation_limit_days": (1, 365),
    "mediation_followup_days": (1, 365),
    "judicial_confirmation_days": (1, 365),
    "term_ending_warn_days": (0, 365),
    "due_soon_days": (0, 90),
    "aftercare_years_release": (1, 10),
    "aftercare_years_correction": (1, 10),
}


def month_day_problem(text: str) -> str | None:
    """Why ``text`` is not a day of the year written ``MM-DD`` (None when it is one)."""
    month, sep, day = text.partition("-")
    if not (sep and len(month) == 2 and len(day) == 2 and month.isdigit() and day.isdigit()):
        return "应写成 月-日，例如 06-05"
    try:
        date(2001, int(month), int(day))  # a common year: 02-29 would be missing in most years
    except ValueError:
        return f"{text} 不是有效日期"
    return None


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
