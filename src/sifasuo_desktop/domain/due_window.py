"""Which terms can have an open due item today: the cut-off dates of the 工作台's fast path.

The 工作台 lists open items only (overdue or due soon). Most persons of a large office have none,
so ``services.due_open`` asks SQL for the terms that *may* have one and computes the items
(:func:`~sifasuo_desktop.domain.due.compute`, unchanged) for those alone. The filter may let
through a term with nothing open, never the other way round. Why it is safe, rule by rule:

- An item is open when its due date is on or before the **horizon**, ``today + due_soon_days``
  (``due_rules.state_of``); a postponed item is open by its new date. Persons with a
  postponement are always let through.
- **Regular visits and reviews.** ``next_due`` returns, for some value ``v`` of the term's
  history (or the default when the history is empty), a date no earlier than
  ``interval(v).after(anchor)``; ``after`` never decreases as the anchor grows. So the item can
  be open only when ``anchor <= latest_anchor(interval(v), horizon)`` for some value ``v`` the
  history holds: the filter compares the anchor with the latest of those cut-offs.
- **One-off rules** (dossier, first visit, household check, agreement, report-in) are let through
  while not done, whatever their date; **term endings** when the term ends within
  ``term_ending_warn_days``; **未衔接** persons always.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.dates import add_months
from sifasuo_desktop.domain.rules import RuleSettings

_DAY = timedelta(days=1)
OTHER = ""        # key of the cut-off for a value outside the code list (it gets the rules' fallback)


def latest_anchor(interval: r.Interval, limit: date) -> date:
    """The latest day ``d`` with ``interval.after(d) <= limit``.

    Months are clamped to the month's end, so several anchors can share a due date (Jan 29–31 +
    1 month = Feb 28): the latest of them is the cut-off."""
    day = add_months(limit - timedelta(days=interval.days), -interval.months)   # after(day) <= limit
    while interval.after(day + _DAY) <= limit:
        day += _DAY
    return day


class OpenWindow(NamedTuple):
    """The cut-offs of one day and one ``RuleSettings``, all as dates."""

    today: date
    horizon: date                    # open items fall due on or before this day
    ending_until: date               # a term whose end (aftercare) / last day (correction) is on or before it
    categories: dict[str, date]      # category -> latest anchor of a regular visit that can be open; OTHER too
    levels: dict[str, date]          # supervision level -> the same for correction visits; OTHER too
    review: date                     # latest anchor of a 跟踪考察 that can be open

    @property
    def default_category(self) -> date:
        return self.categories[r.DEFAULT_CATEGORY]

    @property
    def default_level(self) -> date:
        return self.levels[r.DEFAULT_LEVEL]


def open_window(rules: RuleSettings, today: date) -> OpenWindow:
    horizon = today + timedelta(days=rules.due_soon_days)
    categories = {c: latest_anchor(r.category_interval(rules, c), horizon) for c in (*codes.CATEGORIES, OTHER)}
    levels = {lv: latest_anchor(r.level_interval(rules, lv), horizon) for lv in (*codes.SUPERVISION_LEVELS, OTHER)}
    return OpenWindow(today, horizon, today + timedelta(days=rules.term_ending_warn_days), categories, levels,
                      latest_anchor(r.Interval(months=rules.review_interval_months), horizon))
