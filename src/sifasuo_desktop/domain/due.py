"""The due engine: from one person's plain facts to the due items of DOMAIN §6.

The facts are what the service layer reads with a handful of SQL aggregates (the current
aftercare and correction term, category/level history, the last visit and last 跟踪考察, the
latest 落户 event, postponements); :func:`compute` turns them into :class:`DueItem` rows.
Rule codes, labels, intervals and the mid-term-change convention live in ``due_rules``.

Decisions (tested in tests/domain/test_due.py):

- **Ended terms produce nothing.** An aftercare term is over on its ``end`` (the first day off
  the register, DOMAIN §7.1). A correction term runs from ``start_date`` to ``end_date``
  inclusive and is over from ``actual_end_date`` (解除/终止) on. Past its planned ``end_date``
  with no release recorded it yields only its term-ending item, overdue ("已过期满日未解矫", as
  the 一人一档 list shows it): the office still has to record the release.
- Before ``register_start`` (notice received, person not yet released) only the dossier rule
  applies. From then on a person who has not been taken over (no 衔接日期 on or before today;
  外地迁入 persons count as taken over on their transfer-in date; as ``domain.person_state``) gets a single 未衔接 item, plus the dossier and
  term-ending items: visits, household check and agreement wait for the handover.
- "Return" is the 衔接日期 when recorded, else ``register_start``. First home visit: 衔接日期 +
  ``first_visit_after_handover_days``, done by any visit on or after the 衔接日期 (its date is not
  carried: the facts hold the last visit only). Household check: return + ``household_check_days``,
  done by a 落户 event on or after the release date. Agreement: return +
  ``agreement_after_return_months``, done by the agreement date.
- Regular visits and reviews are measured from the last visit (any type) / last 跟踪考察 when it
  lies on or after the term start, else from the term start; they are never done.
- Correction report-in: judgment effective date (else term start) + ``correction_report_days``,
  done by the report date.
- Term ending: an item when the term ends within ``term_ending_warn_days`` (aftercare: the first
  day off the register, correction: the last day of the term), state due soon (overdue for a
  correction term past its planned end).
- A **postponement** applies to the due date it was made for (``original_due``): when the rule
  computes exactly that date the item moves to ``new_due`` and carries the reason; once a visit
  or a change makes the rule compute another date the postponement has lapsed. Of several
  postponements of the same date the last one given wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.rules import RuleSettings


# The facts and items are named tuples rather than frozen dataclasses: the 工作台 builds them for
# every person of a district database (50,000) on each refresh, and a named tuple is several times
# cheaper to create while just as immutable.


class AftercareFacts(NamedTuple):
    term_id: str
    source: str
    release_date: date
    register_start: date
    end: date                                   # first day off the register (expiry or removal)
    notice_date: date | None = None
    dossier_date: date | None = None
    handover_date: date | None = None
    agreement_date: date | None = None
    categories: tuple[tuple[date, str], ...] = ()   # (effective date, 重点/一般) in date order


class CorrectionFacts(NamedTuple):
    term_id: str
    start_date: date
    end_date: date                              # last day of the term
    actual_end_date: date | None = None         # 解除/终止: off correction from this day
    judgment_effective_date: date | None = None
    report_date: date | None = None
    levels: tuple[tuple[date, str], ...] = ()   # (effective date, 严管/普管/宽管) in date order

    @property
    def last_day(self) -> date:
        if self.actual_end_date is not None and self.actual_end_date <= self.end_date:
            return self.actual_end_date - timedelta(days=1)
        return self.end_date


class Postponement(NamedTuple):
    rule: str
    original_due: date
    new_due: date
    reason: str


class PersonFacts(NamedTuple):
    person_id: str
    aftercare: AftercareFacts | None = None
    correction: CorrectionFacts | None = None
    last_visit: date | None = None              # latest visit of any type
    last_review: date | None = None             # latest 跟踪考察
    household_date: date | None = None          # latest 落户 status event
    postponements: tuple[Postponement, ...] = ()


class DueItem(NamedTuple):
    """One due item of one person."""

    person_id: str
    rule: str
    due_date: date
    state: str
    anchor: date | None = None                  # what an interval was counted from
    done_date: date | None = None
    original_due: date | None = None            # set when postponed
    postpone_reason: str | None = None

    @property
    def label(self) -> str:
        return r.RULES[self.rule].label

    @property
    def state_label(self) -> str:
        return r.STATE_LABELS[self.state]

    @property
    def postponed(self) -> bool:
        return self.original_due is not None


@dataclass(frozen=True)
class _Plan:
    """The intervals of one ``RuleSettings``, built once (see :func:`_plan`)."""

    dossier: timedelta
    first_visit: timedelta
    household: timedelta
    agreement: r.Interval
    review: r.Interval
    report: timedelta
    ending_days: int
    soon_days: int
    category: Callable[[str], r.Interval]
    level: Callable[[str], r.Interval]


_last_plan: tuple[RuleSettings, _Plan] | None = None


def _plan(rules: RuleSettings) -> _Plan:
    """The plan of ``rules``; the same settings object as last time skips even the cache lookup
    (hashing the settings costs more than computing a person's items)."""
    global _last_plan
    last = _last_plan
    if last is None or last[0] is not rules:
        last = _last_plan = (rules, _make_plan(rules))
    return last[1]


@lru_cache(maxsize=8)
def _make_plan(rules: RuleSettings) -> _Plan:
    categories = {c: r.category_interval(rules, c) for c in codes.CATEGORIES}
    levels = {lv: r.level_interval(rules, lv) for lv in codes.SUPERVISION_LEVELS}
    return _Plan(
        timedelta(days=rules.dossier_after_notice_days), timedelta(days=rules.first_visit_after_handover_days),
        timedelta(days=rules.household_check_days), r.Interval(months=rules.agreement_after_return_months),
        r.Interval(months=rules.review_interval_months), timedelta(days=rules.correction_report_days),
        rules.term_ending_warn_days, rules.due_soon_days,
        lambda c: categories.get(c) or r.category_interval(rules, c),
        lambda lv: levels.get(lv) or r.level_interval(rules, lv),
    )


# (rule, due date, anchor, done flag, done date)
_Raw = tuple[str, date, "date | None", bool, "date | None"]


def _latest_on_or_after(day: date | None, start: date) -> date:
    return day if day is not None and day > start else start


def _aftercare(f: PersonFacts, a: AftercareFacts, p: _Plan, today: date) -> list[_Raw]:
    if a.end <= today:
        return []
    raw: list[_Raw] = []
    if a.notice_date is not None:
        raw.append((r.DOSSIER, a.notice_date + p.dossier, a.notice_date, a.dossier_date is not None, a.dossier_date))
    if (a.end - today).days <= p.ending_days:
        raw.append((r.AFTERCARE_ENDING, a.end, None, False, None))
    if a.register_start > today:
        return raw
    if (a.handover_date is None or a.handover_date > today) and a.source != codes.SOURCE_TRANSFER_IN:
        raw.append((r.UNCONNECTED, a.register_start, a.release_date, False, None))
        return raw
    returned = a.handover_date or a.register_start
    if a.handover_date is not None and a.handover_date <= today:
        visited = f.last_visit is not None and f.last_visit >= a.handover_date
        raw.append((r.FIRST_VISIT, a.handover_date + p.first_visit, a.handover_date, visited, None))
    registered = f.household_date is not None and f.household_date >= a.release_date
    raw.append((r.HOUSEHOLD, returned + p.household, returned, registered, f.household_date if registered else None))
    raw.append((r.AGREEMENT, p.agreement.after(returned), returned, a.agreement_date is not None, a.agreement_date))
    anchor = _latest_on_or_after(f.last_visit, a.register_start)
    raw.append((r.AFTERCARE_VISIT, r.next_due(anchor, a.categories, r.DEFAULT_CATEGORY, p.category), anchor,
                False, None))
    review_anchor = _latest_on_or_after(f.last_review, a.register_start)
    raw.append((r.REVIEW, p.review.after(review_anchor), review_anchor, False, None))
    return raw


def _correction(f: PersonFacts, c: CorrectionFacts, p: _Plan, today: date) -> list[_Raw]:
    if c.actual_end_date is not None and c.actual_end_date <= today:
        return []
    last_day = c.last_day
    if last_day < today:                         # past the planned end, the release not recorded
        return [(r.CORRECTION_ENDING, last_day, None, False, None)]
    report_anchor = c.judgment_effective_date or c.start_date
    raw: list[_Raw] = [(r.CORRECTION_REPORT, report_anchor + p.report, report_anchor,
                        c.report_date is not None, c.report_date)]
    if (last_day - today).days <= p.ending_days:
        raw.append((r.CORRECTION_ENDING, last_day, None, False, None))
    if c.start_date > today:
        return raw
    anchor = _latest_on_or_after(f.last_visit, c.start_date)
    raw.append((r.CORRECTION_VISIT, r.next_due(anchor, c.levels, r.DEFAULT_LEVEL, p.level), anchor, False, None))
    return raw


_ENDING = frozenset(code for code, info in r.RULES.items() if info.kind == "ending")
_FIXED = frozenset(code for code, info in r.RULES.items() if not info.postponable)


def compute(facts: PersonFacts, rules: RuleSettings, today: date, *, open_only: bool = False) -> list[DueItem]:
    """Every due item of one person on ``today``: open ones with their state, and done ones.

    ``open_only`` keeps the overdue and due-soon items only (what the 工作台 lists)."""
    plan = _plan(rules)
    raw: list[_Raw] = []
    if facts.aftercare is not None:
        raw.extend(_aftercare(facts, facts.aftercare, plan, today))
    if facts.correction is not None:
        raw.extend(_correction(facts, facts.correction, plan, today))
    moved = {(p.rule, p.original_due): p for p in facts.postponements} if facts.postponements else None
    items: list[DueItem] = []
    soon_days = plan.soon_days
    for rule, due, anchor, done, done_date in raw:
        if done:
            if not open_only:
                items.append(DueItem(facts.person_id, rule, due, r.DONE, anchor, done_date))
            continue
        postponement = moved.get((rule, due)) if moved and rule not in _FIXED else None
        if postponement is not None:
            state = r.state_of(postponement.new_due, today, soon_days)
            if not open_only or state != r.LATER:
                items.append(DueItem(facts.person_id, rule, postponement.new_due, state, anchor, None, due,
                                     postponement.reason))
            continue
        if rule in _ENDING:
            state = r.OVERDUE if due < today else r.DUE_SOON
        else:
            state = r.state_of(due, today, soon_days)
        if not open_only or state != r.LATER:
            items.append(DueItem(facts.person_id, rule, due, state, anchor))
    return items
