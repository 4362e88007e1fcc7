"""The due engine of DOMAIN §6 at its edges: month ends, Feb 29, changes mid-term, postponements,
ended terms, and the overdue / due soon / later boundaries."""

from datetime import date, timedelta

import pytest

from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.due import AftercareFacts, CorrectionFacts, PersonFacts, Postponement, compute
from sifasuo_desktop.domain.rules import RuleSettings

TODAY = date(2026, 11, 24)
RULES = RuleSettings()


def aftercare(release=date(2026, 1, 10), *, end=None, handover="same", categories=(("一般",),), **kw):
    """An aftercare term released on ``release``; 衔接 the same day unless told otherwise."""
    cats = tuple((release, c[0]) if len(c) == 1 else c for c in categories)
    return AftercareFacts(
        term_id="t1", source=kw.pop("source", "监狱刑满释放"), release_date=release,
        register_start=kw.pop("register_start", release), end=end or date(release.year + 5, release.month, 1),
        handover_date=release if handover == "same" else handover, categories=cats, **kw,
    )


def items(facts, today=TODAY, rules=RULES):
    return {i.rule: i for i in compute(facts, rules, today)}


def person(**kw):
    return PersonFacts(person_id="p1", **kw)


# --- states -----------------------------------------------------------------------------------

@pytest.mark.parametrize("offset, state", [(-1, r.OVERDUE), (0, r.DUE_SOON), (7, r.DUE_SOON), (8, r.LATER)])
def test_state_boundaries(offset, state):
    assert r.state_of(TODAY + timedelta(days=offset), TODAY, 7) == state


@pytest.mark.parametrize("last_visit, state", [
    (date(2026, 10, 23), r.OVERDUE),    # due 11-23, yesterday
    (date(2026, 10, 24), r.DUE_SOON),   # due today: not yet overdue
    (date(2026, 10, 31), r.DUE_SOON),   # due 11-30 (Oct 31 + 1 month), today + 6
    (date(2026, 11, 1), r.DUE_SOON),    # due 12-01 = today + 7
    (date(2026, 11, 2), r.LATER),       # due 12-02 = today + 8
])
def test_key_person_visit_state_on_both_sides_of_today(last_visit, state):
    facts = person(aftercare=aftercare(categories=(("重点",),)), last_visit=last_visit)
    assert items(facts)[r.AFTERCARE_VISIT].state == state


def test_due_soon_days_is_a_setting():
    facts = person(aftercare=aftercare(categories=(("重点",),)), last_visit=date(2026, 10, 29))  # due 11-29
    assert items(facts)[r.AFTERCARE_VISIT].state == r.DUE_SOON
    assert items(facts, rules=RuleSettings(due_soon_days=3))[r.AFTERCARE_VISIT].state == r.LATER


# --- month ends and Feb 29 --------------------------------------------------------------------

def test_jan_31_plus_one_month_is_the_end_of_february():
    key = person(aftercare=aftercare(release=date(2025, 12, 1), categories=(("重点",),)),
                 last_visit=date(2026, 1, 31))
    assert items(key, today=date(2026, 2, 20))[r.AFTERCARE_VISIT].due_date == date(2026, 2, 28)
    leap = person(aftercare=aftercare(release=date(2023, 12, 1), categories=(("重点",),)),
                  last_visit=date(2024, 1, 31))
    assert items(leap, today=date(2024, 2, 20))[r.AFTERCARE_VISIT].due_date == date(2024, 2, 29)


def test_general_interval_ending_on_feb_29_and_starting_from_it():
    facts = person(aftercare=aftercare(release=date(2023, 6, 1)), last_visit=date(2023, 11, 30))
    assert items(facts, today=date(2024, 2, 1))[r.AFTERCARE_VISIT].due_date == date(2024, 2, 29)
    facts = person(aftercare=aftercare(release=date(2023, 6, 1)), last_visit=date(2024, 2, 29))
    assert items(facts, today=date(2024, 3, 1))[r.AFTERCARE_VISIT].due_date == date(2024, 5, 29)


def test_agreement_one_month_after_a_return_on_jan_31():
    facts = person(aftercare=aftercare(release=date(2026, 1, 31)))
    assert items(facts)[r.AGREEMENT].due_date == date(2026, 2, 28)
    leap = person(aftercare=aftercare(release=date(2024, 1, 31)))
    assert items(leap, today=date(2024, 2, 10))[r.AGREEMENT].due_date == date(2024, 2, 29)


def test_review_six_months_after_aug_31_is_feb_28():
    facts = person(aftercare=aftercare(release=date(2025, 6, 1)), last_review=date(2025, 8, 31))
    assert items(facts, today=date(2026, 1, 5))[r.REVIEW].due_date == date(2026, 2, 28)


# --- the aftercare rules ----------------------------------------------------------------------

def test_visits_are_measured_from_the_term_start_without_a_visit_in_the_term():
    term = aftercare(release=date(2026, 9, 10), categories=(("重点",),))
    assert items(person(aftercare=term))[r.AFTERCARE_VISIT].due_date == date(2026, 10, 10)
    before_release = person(aftercare=term, last_visit=date(2026, 5, 1), last_review=date(2026, 5, 1))
    got = items(before_release)
    assert got[r.AFTERCARE_VISIT].due_date == date(2026, 10, 10)
    assert got[r.AFTERCARE_VISIT].anchor == date(2026, 9, 10)
    assert got[r.REVIEW].due_date == date(2027, 3, 10)


def test_dossier_due_three_days_after_notice_and_done_when_created():
    term = aftercare(release=date(2026, 12, 20), notice_date=date(2026, 11, 20), handover=None)
    got = items(person(aftercare=term))
    assert list(got) == [r.DOSSIER]   # not released yet: nothing else applies
    assert got[r.DOSSIER].due_date == date(2026, 11, 23) and got[r.DOSSIER].state == r.OVERDUE
    done = items(person(aftercare=aftercare(release=date(2026, 12, 20), notice_date=date(2026, 11, 20),
                                            dossier_date=date(2026, 11, 25), handover=None)))
    assert done[r.DOSSIER].state == r.DONE and done[r.DOSSIER].done_date == date(2026, 11, 25)


def test_person_not_taken_over_gets_only_the_unconnected_item():
    got = items(person(aftercare=aftercare(release=date(2026, 11, 1), handover=None)))
    assert list(got) == [r.UNCONNECTED]
    assert got[r.UNCONNECTED].due_date == date(2026, 11, 1)
    later = items(person(aftercare=aftercare(release=date(2026, 11, 1), handover=date(2026, 11, 25))))
    assert list(later) == [r.UNCONNECTED]     # a handover dated after today has not happened yet


def test_transfer_in_counts_as_taken_over_on_its_transfer_date():
    term = aftercare(release=date(2024, 3, 1), register_start=date(2026, 11, 1), source="外地迁入", handover=None)
    got = items(person(aftercare=term))
    assert r.UNCONNECTED not in got and r.FIRST_VISIT not in got
    assert got[r.HOUSEHOLD].due_date == date(2026, 11, 21)
    assert got[r.AGREEMENT].due_date == date(2026, 12, 1)
    assert got[r.AFTERCARE_VISIT].due_date == date(2027, 2, 1)


def test_first_visit_due_seven_days_after_handover_and_done_by_a_visit_from_that_day():
    term = aftercare(release=date(2026, 11, 15), handover=date(2026, 11, 20))
    assert items(person(aftercare=term))[r.FIRST_VISIT].due_date == date(2026, 11, 27)
    assert items(person(aftercare=term, last_visit=date(2026, 11, 19)))[r.FIRST_VISIT].state == r.DUE_SOON
    assert items(person(aftercare=term, last_visit=date(2026, 11, 20)))[r.FIRST_VISIT].state == r.DONE


def test_household_check_twenty_days_after_return_done_by_a_later_luohu_event():
    term = aftercare(release=date(2026, 10, 30), handover=date(2026, 11, 3))
    got = items(person(aftercare=term))
    assert got[r.HOUSEHOLD].due_date == date(2026, 11, 23) and got[r.HOUSEHOLD].state == r.OVERDUE
    stale = items(person(aftercare=term, household_date=date(2019, 5, 1)))   # an earlier term's 落户
    assert stale[r.HOUSEHOLD].state == r.OVERDUE
    done = items(person(aftercare=term, household_date=date(2026, 10, 30)))
    assert done[r.HOUSEHOLD].state == r.DONE and done[r.HOUSEHOLD].done_date == date(2026, 10, 30)


def test_agreement_done_by_its_date():
    got = items(person(aftercare=aftercare(release=date(2026, 10, 1), agreement_date=date(2026, 10, 20))))
    assert got[r.AGREEMENT].state == r.DONE and got[r.AGREEMENT].done_date == date(2026, 10, 20)


def test_intervals_come_from_the_settings():
    rules = RuleSettings(first_visit_after_handover_days=5, household_check_days=30,
                         agreement_after_return_months=2, visit_interval_general_months=2,
                         review_interval_months=3)
    got = items(person(aftercare=aftercare(release=date(2026, 11, 10))), rules=rules)
    assert got[r.FIRST_VISIT].due_date == date(2026, 11, 15)
    assert got[r.HOUSEHOLD].due_date == date(2026, 12, 10)
    assert got[r.AGREEMENT].due_date == date(2027, 1, 10)
    assert got[r.AFTERCARE_VISIT].due_date == date(2027, 1, 10)
    assert got[r.REVIEW].due_date == date(2027, 2, 10)


# --- category and level changes mid-term ------------------------------------------------------

def test_raised_to_key_without_a_visit_for_a_month_is_due_on_the_day_of_the_change():
    term = aftercare(release=date(2026, 6, 1), categories=(("一般",), (date(2026, 11, 10), "重点")))
    got = items(person(aftercare=term, last_visit=date(2026, 9, 1)))[r.AFTERCARE_VISIT]
    assert got.due_date == date(2026, 11, 10) and got.state == r.OVERDUE


def test_raised_to_key_soon_after_a_visit_is_due_one_month_after_that_visit():
    term = aftercare(release=date(2026, 6, 1), categories=(("一般",), (date(2026, 11, 15), "重点")))
    assert items(person(aftercare=term, last_visit=date(2026, 11, 1)))[r.AFTERCARE_VISIT].due_date == date(2026, 12, 1)


def test_lowered_to_general_gets_the_longer_interval_from_the_same_visit():
    term = aftercare(release=date(2026, 6, 1), categories=(("重点",), (date(2026, 11, 10), "一般")))
    assert items(person(aftercare=term, last_visit=date(2026, 10, 20)))[r.AFTERCARE_VISIT].due_date == date(2027, 1, 20)


def test_a_lowering_after_the_due_date_does_not_help():
    term = aftercare(release=date(2026, 6, 1), categories=(("重点",), (date(2026, 12, 15), "一般")))
    assert items(person(aftercare=term, last_visit=date(2026, 11, 1)))[r.AFTERCARE_VISIT].due_date == date(2026, 12, 1)


def test_next_due_history_rules():
    month = lambda v: r.Interval(months=1 if v == "重点" else 3)  # noqa: E731
    anchor = date(2026, 1, 1)
    assert r.next_due(anchor, (), "一般", month) == date(2026, 4, 1)
    # Before the first recorded change its value applies.
    assert r.next_due(anchor, ((date(2026, 3, 15), "重点"),), "一般", month) == date(2026, 2, 1)
    # Two changes on one day: the later one given wins.
    same_day = ((date(2026, 1, 20), "重点"), (date(2026, 1, 20), "一般"))
    assert r.next_due(anchor, ((date(2025, 1, 1), "重点"),) + same_day, "一般", month) == date(2026, 4, 1)
    # A change on the anchor day itself is in force at the anchor.
    assert r.next_due(anchor, ((date(2025, 1, 1), "一般"), (anchor, "重点")), "一般", month) == date(2026, 2, 1)
    assert r.value_on(same_day, date(2026, 1, 20), "x") == "一般"
    assert r.value_on(same_day, date(2026, 1, 19), "x") == "重点"
    assert r.value_on((), date(2026, 1, 19), "x") == "x"


def correction(start=date(2026, 3, 1), end=date(2027, 2, 28), levels=(), **kw):
    return CorrectionFacts(term_id="c1", start_date=start, end_date=end, levels=levels, **kw)


@pytest.mark.parametrize("level, last_visit, due", [
    ("严管", date(2026, 11, 17), date(2026, 11, 24)),
    ("普管", date(2026, 10, 31), date(2026, 11, 30)),
    ("宽管", date(2026, 8, 31), date(2026, 11, 30)),
])
def test_correction_visit_interval_by_level(level, last_visit, due):
    facts = person(correction=correction(levels=((date(2026, 3, 1), level),), report_date=date(2026, 3, 5)),
                   last_visit=last_visit)
    assert items(facts)[r.CORRECTION_VISIT].due_date == due


def test_correction_without_level_history_is_normal_supervision():
    facts = person(correction=correction(), last_visit=date(2026, 10, 31))
    assert items(facts)[r.CORRECTION_VISIT].due_date == date(2026, 11, 30)


def test_strict_level_from_mid_term_applies_from_its_first_day():
    levels = ((date(2026, 3, 1), "普管"), (date(2026, 11, 20), "严管"))
    facts = person(correction=correction(levels=levels), last_visit=date(2026, 11, 1))
    assert items(facts)[r.CORRECTION_VISIT].due_date == date(2026, 11, 20)
    facts = person(correction=correction(levels=levels), last_visit=date(2026, 11, 18))
    assert items(facts)[r.CORRECTION_VISIT].due_date == date(2026, 11, 25)


def test_correction_report_in_ten_days_after_judgment():
    got = items(person(correction=correction(start=date(2026, 11, 12), judgment_effective_date=date(2026, 11, 10))))
    assert got[r.CORRECTION_REPORT].due_date == date(2026, 11, 20) and got[r.CORRECTION_REPORT].state == r.OVERDUE
    no_judgment = items(person(correction=correction(start=date(2026, 11, 12))))
    assert no_judgment[r.CORRECTION_REPORT].due_date == date(2026, 11, 22)
    done = items(person(correction=correction(report_date=date(2026, 3, 3))))
    assert done[r.CORRECTION_REPORT].state == r.DONE and done[r.CORRECTION_REPORT].done_date == date(2026, 3, 3)


def test_correction_starting_later_has_only_its_report_in():
    got = items(person(correction=correction(start=date(2026, 12, 1), judgment_effective_date=date(2026, 11, 20))))
    assert list(got) == [r.CORRECTION_REPORT]


# --- ended terms and term ending --------------------------------------------------------------

def test_ended_terms_produce_nothing():
    assert compute(person(aftercare=aftercare(release=date(2021, 11, 24), end=TODAY)), RULES, TODAY) == []
    removed = aftercare(release=date(2025, 1, 1), end=date(2026, 6, 1))    # removed (死亡, 迁出...)
    assert compute(person(aftercare=removed, last_visit=date(2025, 1, 2)), RULES, TODAY) == []
    assert compute(person(correction=correction(actual_end_date=TODAY)), RULES, TODAY) == []
    released_on_time = correction(end=TODAY - timedelta(days=1), actual_end_date=TODAY - timedelta(days=1))
    assert compute(person(correction=released_on_time), RULES, TODAY) == []


def test_correction_past_its_planned_end_without_release_only_asks_for_the_release():
    got = compute(person(correction=correction(end=TODAY - timedelta(days=1)), last_visit=date(2026, 1, 1)),
                  RULES, TODAY)
    assert [(i.rule, i.due_date, i.state) for i in got] == [
        (r.CORRECTION_ENDING, TODAY - timedelta(days=1), r.OVERDUE)]


def test_last_day_of_a_term_still_has_its_items():
    got = items(person(aftercare=aftercare(release=date(2021, 11, 25), end=TODAY + timedelta(days=1))))
    assert got[r.AFTERCARE_ENDING].due_date == TODAY + timedelta(days=1)
    got = items(person(correction=correction(end=TODAY, report_date=date(2026, 3, 5))))
    assert got[r.CORRECTION_ENDING].due_date == TODAY and r.CORRECTION_VISIT in got
    got = items(person(correction=correction(actual_end_date=TODAY + timedelta(days=1))))
    assert got[r.CORRECTION_ENDING].due_date == TODAY


@pytest.mark.parametrize("days, listed", [(30, True), (31, False)])
def test_term_ending_within_the_warning_days(days, listed):
    end = TODAY + timedelta(days=days)
    got = items(person(aftercare=aftercare(release=date(2021, 12, 1), end=end)))
    assert (r.AFTERCARE_ENDING in got) == listed
    got = items(person(correction=correction(end=end)))
    assert (r.CORRECTION_ENDING in got) == listed
    if listed:
        assert got[r.CORRECTION_ENDING].state == r.DUE_SOON


def test_correction_ended_and_aftercare_started_in_one_dossier():
    facts = person(correction=correction(end=date(2026, 10, 31), actual_end_date=date(2026, 10, 31)),
                   aftercare=aftercare(release=date(2026, 10, 31), source="解除社区矫正"),
                   last_visit=date(2026, 10, 20))
    got = items(facts)
    assert not {r.CORRECTION_VISIT, r.CORRECTION_REPORT} & set(got)
    assert got[r.AFTERCARE_VISIT].anchor == date(2026, 10, 31)


# --- postponements ----------------------------------------------------------------------------

def test_postponement_moves_the_due_date_and_keeps_the_reason():
    postponed = Postponement(r.AFTERCARE_VISIT, date(2026, 11, 20), date(2026, 12, 5), "本人外出务工")
    facts = person(aftercare=aftercare(categories=(("重点",),)), last_visit=date(2026, 10, 20),
                   postponements=(postponed,))
    got = items(facts)[r.AFTERCARE_VISIT]
    assert (got.due_date, got.state, got.original_due, got.postpone_reason) == (
        date(2026, 12, 5), r.LATER, date(2026, 11, 20), "本人外出务工")
    assert got.postponed


def test_postponement_lapses_once_the_rule_computes_another_date():
    postponed = Postponement(r.AFTERCARE_VISIT, date(2026, 11, 20), date(2026, 12, 5), "外出")
    facts = person(aftercare=aftercare(categories=(("重点",),)), last_visit=date(2026, 10, 23),
                   postponements=(postponed,))
    got = items(facts)[r.AFTERCARE_VISIT]
    assert got.due_date == date(2026, 11, 23) and not got.postponed


def test_last_postponement_of_the_same_date_wins_and_endings_cannot_move():
    first = Postponement(r.AGREEMENT, date(2026, 11, 20), date(2026, 11, 30), "家属不在")
    second = Postponement(r.AGREEMENT, date(2026, 11, 20), date(2026, 12, 10), "村干部外出")
    ending = Postponement(r.AFTERCARE_ENDING, TODAY + timedelta(days=10), TODAY + timedelta(days=90), "x")
    facts = person(aftercare=aftercare(release=date(2021, 10, 20), end=TODAY + timedelta(days=10),
                                       register_start=date(2026, 10, 20), source="外地迁入", handover=None),
                   postponements=(first, second, ending))
    got = items(facts)
    assert got[r.AGREEMENT].due_date == date(2026, 12, 10) and got[r.AGREEMENT].postpone_reason == "村干部外出"
    assert got[r.AFTERCARE_ENDING].due_date == TODAY + timedelta(days=10)


def test_labels():
    got = items(person(aftercare=aftercare(release=date(2026, 11, 20))))
    assert got[r.FIRST_VISIT].label == "衔接后首次家访"
    assert got[r.FIRST_VISIT].state_label == "即将到期"
    assert r.RULES[r.REVIEW].visit_type == "跟踪考察"
