"""Visits (走访) and correction activities: what a record must contain, in plain rules.

The checks return ``{field code: Chinese reason}`` so a form shows each reason beside its field
and the service refuses the same input with the same words.
"""

from __future__ import annotations

from datetime import date

from sifasuo_desktop.domain import codes

# 社区矫正 daily work (DOMAIN §4): reports, hours, leave, rewards and punishments.
ACTIVITY_REPORT = "报到"
ACTIVITY_EDUCATION = "教育学习"
ACTIVITY_SERVICE = "公益活动"
ACTIVITY_LEAVE = "请假"
ACTIVITY_LEAVE_END = "销假"
ACTIVITY_KINDS = [
    ACTIVITY_REPORT, ACTIVITY_EDUCATION, ACTIVITY_SERVICE, ACTIVITY_LEAVE, ACTIVITY_LEAVE_END,
    "表扬", "训诫", "警告", "提请治安处罚", "提请撤销缓刑", "提请撤销假释", "提请收监执行",
]
HOURS_KINDS = (ACTIVITY_EDUCATION, ACTIVITY_SERVICE)
MAX_HOURS = 24.0


def _entry_problems(person_id: str | None, who: str, day_code: str, day: date | None, day_label: str,
                    today: date) -> dict[str, str]:
    """What every visit and activity needs: its person (``who``), and its day, not after today."""
    problems: dict[str, str] = {}
    if not person_id:
        problems["person_id"] = f"请选择{who}"
    if day is None:
        problems[day_code] = f"请填写{day_label}"
    elif day > today:
        problems[day_code] = f"{day_label}不能晚于今天"
    return problems


def visit_problems(*, person_id: str | None, visit_date: date | None, visit_type: str,
                   review_period_start: date | None = None, review_period_end: date | None = None,
                   today: date) -> dict[str, str]:
    problems = _entry_problems(person_id, "走访对象", "visit_date", visit_date, "走访日期", today)
    if visit_type not in codes.VISIT_TYPES:
        problems["visit_type"] = "请选择走访方式"
    if visit_type == codes.VISIT_TYPE_REVIEW:
        if review_period_start and review_period_end and review_period_end < review_period_start:
            problems["review_period_end"] = "考察期止日不能早于起日"
        if review_period_end and visit_date and review_period_end > visit_date:
            problems.setdefault("review_period_end", "考察期止日不能晚于考察日期")
    return problems


def activity_problems(*, person_id: str | None, activity_date: date | None, kind: str,
                      hours: float | None, end_date: date | None, today: date) -> dict[str, str]:
    problems = _entry_problems(person_id, "社区矫正对象", "activity_date", activity_date, "日期", today)
    if kind not in ACTIVITY_KINDS:
        problems["kind"] = "请选择类别"
    if kind in HOURS_KINDS:
        if not hours or hours <= 0:
            problems["hours"] = f"{kind}须填写时长(小时)"
        elif hours > MAX_HOURS:
            problems["hours"] = f"一次{kind}不能超过{MAX_HOURS:g}小时"
    if kind == ACTIVITY_LEAVE:
        if end_date is None:
            problems["end_date"] = "请假须填写截止日期"
        elif activity_date and end_date < activity_date:
            problems["end_date"] = "请假截止日期不能早于开始日期"
    return problems
