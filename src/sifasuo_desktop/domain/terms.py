"""The aftercare register (DOMAIN §7.1) and correction terms: expiry, end, on-register, state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.dates import add_years


def register_start(source: str, release_date: date | None, transfer_in_date: date | None) -> date | None:
    """The day a person enters this office's register: the transfer-in date for 外地迁入."""
    if source == codes.SOURCE_TRANSFER_IN:
        return transfer_in_date
    return release_date


def expiry(release_date: date, years: int) -> date:
    """``release_date`` + term years; Feb 29 + N years -> Feb 28 in a common year."""
    return add_years(release_date, years)


@dataclass(frozen=True)
class TermWindow:
    register_start: date
    expiry: date
    removal_date: date | None = None
    removal_reason: str | None = None

    @property
    def end(self) -> date:
        """The first day off the register: the earlier of expiry and removal."""
        if self.removal_date is not None and self.removal_date < self.expiry:
            return self.removal_date
        return self.expiry

    @property
    def end_reason(self) -> str:
        if self.removal_date is not None and self.removal_date < self.expiry:
            return self.removal_reason or "其他"
        return codes.REASON_EXPIRED

    def on_register(self, day: date) -> bool:
        return self.register_start <= day < self.end

    def days_left(self, day: date) -> int:
        return (self.end - day).days


def date_problems(
    *,
    release_date: date | None,
    transfer_in_date: date | None,
    source: str,
    removal_date: date | None,
    handover_date: date | None,
    agreement_date: date | None,
    notice_date: date | None,
    today: date,
) -> dict[str, str]:
    """Field code -> Chinese reason for every date that contradicts another or lies ahead."""
    problems: dict[str, str] = {}
    future = {
        "release_date": (release_date, "释放日期"),
        "transfer_in_date": (transfer_in_date, "迁入日期"),
        "removal_date": (removal_date, "减少日期"),
        "handover_date": (handover_date, "衔接日期"),
        "agreement_date": (agreement_date, "帮教协议签订日期"),
    }
    for code, (value, label) in future.items():
        if value is not None and value > today:
            problems[code] = f"{label}不能晚于今天"
    if release_date is None:
        problems.setdefault("release_date", "请填写释放日期")
    if source == codes.SOURCE_TRANSFER_IN:
        if transfer_in_date is None:
            problems.setdefault("transfer_in_date", "来源为外地迁入时须填写迁入日期")
        elif release_date is not None and transfer_in_date < release_date:
            problems.setdefault("transfer_in_date", "迁入日期不能早于释放日期")
    start = register_start(source, release_date, transfer_in_date)
    if start is not None:
        if removal_date is not None and removal_date < start:
            problems.setdefault("removal_date", "减少日期不能早于列管日期")
        if handover_date is not None and release_date is not None and handover_date < release_date:
            problems.setdefault("handover_date", "衔接日期不能早于释放日期")
        if agreement_date is not None and release_date is not None and agreement_date < release_date:
            problems.setdefault("agreement_date", "协议签订日期不能早于释放日期")
    if notice_date is not None and notice_date > today:
        problems.setdefault("notice_date", "通知收到日期不能晚于今天")
    return problems


def correction_problems(
    *, start: date | None, end: date | None, judgment_date: date | None, report_date: date | None,
    actual_end: date | None, today: date,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if start is None:
        problems["start_date"] = "请填写矫正起始日期"
    if end is None:
        problems["end_date"] = "请填写矫正终止日期"
    if start and end and end <= start:
        problems["end_date"] = "矫正终止日期必须晚于起始日期"
    if judgment_date and judgment_date > today:
        problems["judgment_effective_date"] = "判决生效日期不能晚于今天"
    if report_date and report_date > today:
        problems["report_date"] = "报到日期不能晚于今天"
    if actual_end and actual_end > today:
        problems["actual_end_date"] = "解除日期不能晚于今天"
    if actual_end and start and actual_end < start:
        problems["actual_end_date"] = "解除日期不能早于起始日期"
    return problems
