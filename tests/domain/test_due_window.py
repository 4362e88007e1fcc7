"""The cut-offs of the 工作台's fast path (domain.due_window): exact at month ends and Feb 29,
and never dropping a person who has an open regular visit or review (the soundness argument of
the module docstring, checked on random histories)."""

import random
from datetime import date, timedelta

import pytest

from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.due import AftercareFacts, CorrectionFacts, PersonFacts, compute
from sifasuo_desktop.domain.due_window import OTHER, latest_anchor, open_window
from sifasuo_desktop.domain.rules import RuleSettings

TODAY = date(2026, 11, 24)
DAY = timedelta(days=1)


@pytest.mark.parametrize("interval", [r.Interval(months=1), r.Interval(months=3), r.Interval(months=6),
                                      r.Interval(days=7), r.Interval(months=1, days=3), r.Interval()])
def test_latest_anchor_is_the_last_day_whose_due_date_is_in_time(interval):
    limit = date(2023, 12, 1)
    while limit < date(2025, 4, 1):          # every day, across a common and a leap February
        cut = latest_anchor(interval, limit)
        assert interval.after(cut) <= limit < interval.after(cut + DAY), (interval, limit)
        limit += DAY


@pytest.mark.parametrize("limit, months, expected", [
    (date(2026, 2, 28), 1, date(2026, 1, 31)),    # Jan 29, 30, 31 + 1 month all give Feb 28
    (date(2024, 2, 29), 1, date(2024, 1, 31)),
    (date(2024, 2, 28), 1, date(2024, 1, 28)),    # leap year: Jan 29 + 1 month is Feb 29, too late
    (date(2026, 4, 30), 1, date(2026, 3, 31)),
    (date(2026, 3, 1), 1, date(2026, 2, 1)),
    (date(2027, 2, 28), 12, date(2026, 2, 28)),
    (date(2028, 2, 29), 12, date(2027, 2, 28)),   # no Feb 29 in 2027: Feb 28 is the cut
])
def test_latest_anchor_at_month_ends(limit, months, expected):
    assert latest_anchor(r.Interval(months=months), limit) == expected


def test_window_of_the_default_rules():
    w = open_window(RuleSettings(), TODAY)
    assert (w.horizon, w.ending_until, w.review) == (date(2026, 12, 1), date(2026, 12, 24), date(2026, 6, 1))
    assert w.categories == {"重点": date(2026, 11, 1), "一般": date(2026, 9, 1), OTHER: date(2026, 9, 1)}
    assert w.levels == {"严管": date(2026, 11, 24), "普管": date(2026, 11, 1), "宽管": date(2026, 9, 1),
                        OTHER: date(2026, 11, 1)}
    assert (w.default_category, w.default_level) == (date(2026, 9, 1), date(2026, 11, 1))


def test_window_follows_the_settings():
    w = open_window(RuleSettings(due_soon_days=0, term_ending_warn_days=10, visit_interval_key_months=2), TODAY)
    assert (w.horizon, w.ending_until, w.categories["重点"]) == (TODAY, date(2026, 12, 4), date(2026, 9, 24))


def _history(rng, start, values):
    changes, day = [], start
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        changes.append((day, rng.choice(values)))
        day += timedelta(days=rng.choice([0, 1, 20, 45, 200]))
    return tuple(changes)


@pytest.mark.parametrize("seed", range(5))
def test_no_open_visit_or_review_lies_beyond_the_cut_offs(seed):
    """Whenever compute() gives an open regular visit or review, the anchor is within the cut-off
    of some value in the history (or of the default): what the SQL filter relies on."""
    rng = random.Random(seed)
    rules = RuleSettings(due_soon_days=rng.choice([0, 7, 30]), visit_interval_key_months=rng.choice([1, 2]),
                         correction_visit_strict_days=rng.choice([7, 10]), review_interval_months=rng.choice([3, 6]))
    found = 0
    for _ in range(3000):
        today = TODAY + timedelta(days=rng.randrange(-400, 400))
        start = today - timedelta(days=rng.randrange(0, 900))
        last_visit = rng.choice([None, start + timedelta(days=rng.randrange(-30, 900))])
        last_review = rng.choice([None, start + timedelta(days=rng.randrange(-30, 900))])
        aftercare = AftercareFacts("t", "监狱刑满释放", start, start, start + timedelta(days=1800), handover_date=start,
                                   categories=_history(rng, start, ["重点", "一般", "其他"]))
        correction = CorrectionFacts("c", start, start + timedelta(days=1000),
                                     levels=_history(rng, start, ["严管", "普管", "宽管", "其他"]))
        facts = PersonFacts("p", aftercare, correction, last_visit, last_review)
        window = open_window(rules, today)
        for item in compute(facts, rules, today, open_only=True):
            if item.rule in (r.AFTERCARE_VISIT, r.CORRECTION_VISIT, r.REVIEW):
                found += 1
                if item.rule == r.REVIEW:
                    assert item.anchor <= window.review
                    continue
                cuts, history, default = (window.categories, aftercare.categories, r.DEFAULT_CATEGORY) \
                    if item.rule == r.AFTERCARE_VISIT else (window.levels, correction.levels, r.DEFAULT_LEVEL)
                values = {v for _d, v in history} or {default}
                assert item.anchor <= max(cuts.get(v, cuts[OTHER]) for v in values), (facts, today)
    assert found > 500
