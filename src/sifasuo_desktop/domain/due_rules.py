"""The due rules of DOMAIN §6: their codes, labels, intervals and the date arithmetic they share.

Conventions (decided here, tested in tests/domain/test_due.py):

- An item is **overdue** when its due date is before today, **due soon** when it falls within
  ``RuleSettings.due_soon_days`` from today (today itself included), otherwise **later**. One-off
  rules are **done** once their fact is recorded, whatever the date.
- Intervals in months use :func:`~sifasuo_desktop.domain.dates.add_months` (Jan 31 + 1 month =
  Feb 28, or Feb 29 in a leap year); intervals in days count calendar days.
- **A category or supervision level that changes mid-term**: the interval in force *on the due
  date* applies. Formally the due date is the earliest day ``d`` after the anchor (last visit or
  term start) with ``d >= anchor + interval(value in force on d)``. Consequences: a person
  raised from 一般 to 重点 who had no visit for a month is due on the day of the change; a person
  lowered from 重点 to 一般 gets the longer interval, counted from the same anchor. The value in
  force on day ``d`` is the latest change dated on or before ``d``; before the first change the
  first recorded value applies; with no history the default (一般 / 普管) applies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.dates import add_days, add_months
from sifasuo_desktop.domain.rules import RuleSettings

# --- rule codes (stored in due_postponement.rule) ------------------------------------------
DOSSIER = "dossier_after_notice"
UNCONNECTED = "unconnected"
FIRST_VISIT = "first_visit"
HOUSEHOLD = "household_check"
AGREEMENT = "agreement"
AFTERCARE_VISIT = "aftercare_visit"
REVIEW = "review"
AFTERCARE_ENDING = "aftercare_ending"
CORRECTION_REPORT = "correction_report"
CORRECTION_VISIT = "correction_visit"
CORRECTION_ENDING = "correction_ending"

# --- states ---------------------------------------------------------------------------------
OVERDUE = "overdue"
DUE_SOON = "due_soon"
LATER = "later"
DONE = "done"
STATE_LABELS = {OVERDUE: "逾期", DUE_SOON: "即将到期", LATER: "未到期", DONE: "已完成"}


@dataclass(frozen=True)
class RuleInfo:
    code: str
    label: str
    population: str            # codes.POPULATION_AFTERCARE / POPULATION_CORRECTION
    kind: str                  # "task" (counted as due work), "ending", "unconnected"
    postponable: bool
    visit_type: str | None     # the visit that satisfies it, for pre-filling the visit form

    @property
    def is_visit(self) -> bool:
        return self.visit_type is not None


_A, _C = codes.POPULATION_AFTERCARE, codes.POPULATION_CORRECTION
RULES: dict[str, RuleInfo] = {r.code: r for r in (
    RuleInfo(DOSSIER, "收到通知后建档", _A, "task", True, None),
    RuleInfo(UNCONNECTED, "未衔接", _A, "unconnected", False, None),
    RuleInfo(FIRST_VISIT, "衔接后首次家访", _A, "task", True, "家访"),
    RuleInfo(HOUSEHOLD, "落户核查", _A, "task", True, None),
    RuleInfo(AGREEMENT, "签订帮教协议", _A, "task", True, None),
    RuleInfo(AFTERCARE_VISIT, "定期走访", _A, "task", True, "走访"),
    RuleInfo(REVIEW, "跟踪考察", _A, "task", True, codes.VISIT_TYPE_REVIEW),
    RuleInfo(AFTERCARE_ENDING, "帮教期满", _A, "ending", False, None),
    RuleInfo(CORRECTION_REPORT, "矫正报到", _C, "task", True, None),
    RuleInfo(CORRECTION_VISIT, "矫正走访", _C, "task", True, "走访"),
    RuleInfo(CORRECTION_ENDING, "矫正期满", _C, "ending", False, None),
)}


@dataclass(frozen=True)
class Interval:
    """A span of whole months plus days; ``after(d)`` is the day that many months/days later."""

    months: int = 0
    days: int = 0

    def after(self, day: date) -> date:
        result = add_months(day, self.months) if self.months else day
        return add_days(result, self.days) if self.days else result


def category_interval(rules: RuleSettings, category: str) -> Interval:
    if category == codes.CATEGORY_KEY:
        return Interval(months=rules.visit_interval_key_months)
    return Interval(months=rules.visit_interval_general_months)


def level_interval(rules: RuleSettings, level: str) -> Interval:
    if level == "严管":
        return Interval(days=rules.correction_visit_strict_days)
    if level == "宽管":
        return Interval(months=rules.correction_visit_loose_months)
    return Interval(months=rules.correction_visit_normal_months)


DEFAULT_CATEGORY = codes.CATEGORY_GENERAL
DEFAULT_LEVEL = "普管"


def next_due(anchor: date, history: Sequence[tuple[date, str]], default: str,
             interval_of: Callable[[str], Interval]) -> date:
    """The earliest day ``d`` after ``anchor`` with ``d >= anchor + interval(value in force on d)``.

    ``history`` holds ``(effective date, value)`` pairs in date order (later pairs win on the
    same date). See the module docstring for why the interval in force on the due date applies.
    """
    if not history:
        return interval_of(default).after(anchor)
    if len(history) == 1:                    # the common case: one value for the whole term
        return interval_of(history[0][1]).after(anchor)
    # Segments [start, end) with one value each; the first extends back to the beginning of time.
    starts: list[date | None] = [None]
    values: list[str] = [history[0][1]]
    for when, value in history:
        if starts[-1] is not None and when == starts[-1]:
            values[-1] = value
        elif when <= anchor:
            values[-1] = value            # still the value in force at the anchor
        else:
            starts.append(when)
            values.append(value)
    for index, value in enumerate(values):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else None
        candidate = interval_of(value).after(anchor)
        if start is not None and candidate < start:
            candidate = start
        if end is None or candidate < end:
            return candidate
    raise AssertionError("the last segment is open-ended")  # pragma: no cover


def value_on(history: Sequence[tuple[date, str]], day: date, default: str) -> str:
    """The value in force on ``day``: the latest change on or before it, else the first one."""
    if not history:
        return default
    current = history[0][1]
    for when, value in history:
        if when > day:
            break
        current = value
    return current


def state_of(due: date, today: date, soon_days: int) -> str:
    if due < today:
        return OVERDUE
    if (due - today).days <= soon_days:
        return DUE_SOON
    return LATER


MAX_POSTPONE_REASON = 300


def postponement_problems(new_due: date | None, shown_due: date, reason: str, today: date) -> dict[str, str]:
    """Why a postponement cannot be made: the new date must lie after the date shown now and not
    before today, and the reason (kept and audited) must be given."""
    problems = {}
    if new_due is None:
        problems["new_date"] = "请填写新的到期日"
    elif new_due <= shown_due:
        problems["new_date"] = f"新的到期日应晚于现到期日{shown_due.isoformat()}"
    elif new_due < today:
        problems["new_date"] = "新的到期日不能早于今天"
    text = (reason or "").strip()
    if not text:
        problems["reason"] = "请填写延期原因"
    elif len(text) > MAX_POSTPONE_REASON:
        problems["reason"] = f"延期原因不能超过{MAX_POSTPONE_REASON}字"
    return problems
