"""The due engine: from one person's plain facts to the due items of DOMAIN §6.

The facts are what the service layer reads with a handful of SQL aggregates (the current
aftercare and correction term, category/level history, the last visit and last 跟踪考察, the
latest 落户 event, postponements); :func:`compute` turns them into :class:`DueItem` rows.
Rule codes, labels, intervals and the mid-term-change convention live in ``due_rules``.

Decisions (tested in tests/domain/test_due.py):

- **Ended terms produce nothing.** An aftercare term is over on its ``end`` (the first day off
  the register, DOMAIN §7.1). A correction term runs from ``start_date`` to ``end_date``
  inclusive and is over from ``actual_end_date`` (解除/终止) on, when that comes earlier.
- Before ``register_start`` (notice received, person not yet released) only the dossier rule
  applies. From then on a person who has not been taken over (no 衔接日期; 外地迁入 persons
  count as taken over on their transfer-in date) gets a single 未衔接 item, plus the dossier and
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
  day off the register, correction: the last day of the term), state due soon.
- A **postponement** applies to the due date it was made for (``original_due``): when the rule
  computes exactly that date the item moves to ``new_due`` and carries the reason; once a visit
  or a change makes the rule compute another date the postponement has lapsed. Of several
  postponements of the same date the last one given wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.dates import add_days
from sifasuo_desktop.domain.rules import RuleSettings


@dataclass(frozen=True)
class AftercareFacts:
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


@dataclass(frozen=True)
class CorrectionFacts:
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


@dataclass(frozen=True)
class Postponement:
    rule: str
    original_due: date
    new_due: date
    reason: str


@dataclass(frozen=True)
class PersonFacts:
    person_id: str
    aftercare: AftercareFacts | None = None
    correction: CorrectionFacts | None = None
    last_visit: date | None = None              # latest visit of any type
    last_review: date | None = None             # latest 跟踪考察
    household_date: date | None = None          # latest 落户 status event
    postponements: tuple[Postponement, ...] = ()


@dataclass(frozen=True, slots=True)
class DueItem:
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


# (rule, due date, anchor, done flag, done date)
_Raw = tuple[str, date, "date | None", bool, "date | None"]


def _latest_on_or_after(day: date | None, start: date) -> date:
    return day if day is not None and day > start else start


def _aftercare(f: PersonFacts, a: AftercareFacts, rules: RuleSettings, today: date) -> list[_Raw]:
    if a.end <= today:
        return []
    raw: list[_Raw] = []
    if a.notice_date is not None:
        raw.append((r.DOSSIER, add_days(a.notice_date, rules.dossier_after_notice_days), a.notice_date,
                    a.dossier_date is not None, a.dossier_date))
    if (a.end - today).days <= rules.term_ending_warn_days:
        raw.append((r.AFTERCARE_ENDING, a.end, None, False, None))
    if a.register_start > today:
        return raw
    if a.handover_date is None and a.source != codes.SOURCE_TRANSFER_IN:
        raw.append((r.UNCONNECTED, a.register_start, a.release_date, False, None))
        return raw
    returned = a.handover_date or a.register_start
    if a.handover_date is not None:
        visited = f.last_visit is not None and f.last_visit >= a.handover_date
        raw.append((r.FIRST_VISIT, add_days(a.handover_date, rules.first_visit_after_handover_days),
                    a.handover_date, visited, None))
    registered = f.household_date is not None and f.household_date >= a.release_date
    raw.append((r.HOUSEHOLD, add_days(returned, rules.household_check_days), returned,
                registered, f.household_date if registered else None))
    agreement_due = r.Interval(months=rules.agreement_after_return_months).after(returned)
    raw.append((r.AGREEMENT, agreement_due, returned, a.agreement_date is not None, a.agreement_date))
    anchor = _latest_on_or_after(f.last_visit, a.register_start)
    due = r.next_due(anchor, a.categories, r.DEFAULT_CATEGORY, lambda c: r.category_interval(rules, c))
    raw.append((r.AFTERCARE_VISIT, due, anchor, False, None))
    review_anchor = _latest_on_or_after(f.last_review, a.register_start)
    raw.append((r.REVIEW, r.Interval(months=rules.review_interval_months).after(review_anchor),
                review_anchor, False, None))
    return raw


def _correction(f: PersonFacts, c: CorrectionFacts, rules: RuleSettings, today: date) -> list[_Raw]:
    last_day = c.last_day
    if last_day < today:
        return []
    raw: list[_Raw] = []
    report_anchor = c.judgment_effective_date or c.start_date
    raw.append((r.CORRECTION_REPORT, add_days(report_anchor, rules.correction_report_days), report_anchor,
                c.report_date is not None, c.report_date))
    if (last_day - today).days <= rules.term_ending_warn_days:
        raw.append((r.CORRECTION_ENDING, last_day, None, False, None))
    if c.start_date > today:
        return raw
    anchor = _latest_on_or_after(f.last_visit, c.start_date)
    due = r.next_due(anchor, c.levels, r.DEFAULT_LEVEL, lambda level: r.level_interval(rules, level))
    raw.append((r.CORRECTION_VISIT, due, anchor, False, None))
    return raw


def compute(facts: PersonFacts, rules: RuleSettings, today: date) -> list[DueItem]:
    """Every due item of one person on ``today``: open ones with their state, and done ones."""
    raw: list[_Raw] = []
    if facts.aftercare is not None:
        raw.extend(_aftercare(facts, facts.aftercare, rules, today))
    if facts.correction is not None:
        raw.extend(_correction(facts, facts.correction, rules, today))
    moved = {(p.rule, p.original_due): p for p in facts.postponements}
    items: list[DueItem] = []
    for rule, due, anchor, done, done_date in raw:
        if done:
            items.append(DueItem(facts.person_id, rule, due, r.DONE, anchor, done_date))
            continue
        postponement = moved.get((rule, due)) if moved and r.RULES[rule].postponable else None
        if postponement is not None:
            items.append(DueItem(facts.person_id, rule, postponement.new_due,
                                 r.state_of(postponement.new_due, today, rules.due_soon_days), anchor,
                                 None, due, postponement.reason))
        elif r.RULES[rule].kind == "ending":
            items.append(DueItem(facts.person_id, rule, due, r.DUE_SOON, anchor))
        else:
            items.append(DueItem(facts.person_id, rule, due, r.state_of(due, today, rules.due_soon_days), anchor))
    return items
