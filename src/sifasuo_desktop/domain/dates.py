"""Calendar arithmetic used by terms and deadlines."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_years(day: date, years: int) -> date:
    """Same month and day ``years`` later; Feb 29 becomes Feb 28 in a common year."""
    target = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(target):
        return date(target, 2, 28)
    return day.replace(year=target)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).

    Called for every person on every 工作台 refresh, hence the table instead of ``monthrange``."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = 29 if month0 == 1 and calendar.isleap(year) else _MONTH_DAYS[month0]
    return date(year, month0 + 1, day.day if day.day <= last else last)


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def chinese_date(day: date | None, blank: str = "") -> str:
    """``2026年11月24日`` as printed on forms and lists; ``blank`` when there is no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else blank


def half_year(year: int, first: bool = True) -> tuple[date, date]:
    """The default half-year report period (1 Jan – 30 Jun) or the second half."""
    return (date(year, 1, 1), date(year, 6, 30)) if first else (date(year, 7, 1), date(year, 12, 31))


def whole_year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def parse_iso(text: str) -> date:
    """``YYYY-MM-DD`` (also ``YYYY/MM/DD`` and ``YYYY.MM.DD``) -> date; raises ValueError in Chinese."""
    cleaned = (text or "").strip().replace("/", "-").replace(".", "-")
    try:
        parts = [int(p) for p in cleaned.split("-")]
        if len(parts) != 3:
            raise ValueError
        return date(parts[0], parts[1], parts[2])
    except (ValueError, TypeError):
        raise ValueError(f"日期“{text}”无效，应为 YYYY-MM-DD") from None
