"""The state of a person on a day (domain.person_state) at its edges."""

from datetime import date, timedelta

import pytest

from sifasuo_desktop.domain.person_state import AftercareFacts, CorrectionFacts, ending_soon, status

START, END = date(2024, 3, 1), date(2029, 3, 1)


def aftercare(handover=START, source="监狱刑满释放", start=START, end=END):
    return AftercareFacts(start, end, source, handover)


@pytest.mark.parametrize("day, state, left", [
    (START - timedelta(days=1), "待列管", None),
    (START, "在册", (END - START).days),
    (END - timedelta(days=1), "在册", 1),
    (END, "已解除", None),
])
def test_aftercare_register_window_end_day_exclusive(day, state, left):
    assert status(aftercare(), None, day) == ("安置帮教", state, left)


def test_unconnected_until_the_handover_day():
    term = aftercare(handover=date(2024, 3, 5))
    assert status(term, None, date(2024, 3, 4)).state == "未衔接"
    assert status(term, None, date(2024, 3, 5)).state == "在册"
    assert status(aftercare(handover=None), None, date(2025, 1, 1)) == ("安置帮教", "未衔接", (END - date(2025, 1, 1)).days)
    assert status(aftercare(handover=None), None, END).state == "已解除"


def test_transfer_in_needs_no_handover():
    assert status(aftercare(handover=None, source="外地迁入"), None, date(2025, 1, 1)).state == "在册"


def test_correction_states_and_days_left():
    term = CorrectionFacts(date(2025, 1, 1), date(2026, 1, 1), None)
    assert status(None, term, date(2024, 12, 31)) == ("社区矫正", "待列管", None)
    assert status(None, term, date(2025, 1, 1)) == ("社区矫正", "在矫", 365)
    assert status(None, term, date(2026, 1, 2)) == ("社区矫正", "在矫", -1)   # end passed, release not recorded
    ended = term._replace(actual_end_date=date(2026, 1, 1))
    assert status(None, ended, date(2025, 12, 31)).state == "在矫"
    assert status(None, ended, date(2026, 1, 1)) == ("社区矫正", "解矫", None)


def test_the_later_term_decides_the_population_correction_wins_a_tie():
    corr = CorrectionFacts(date(2020, 1, 1), date(2021, 1, 1), date(2021, 1, 1))
    after = aftercare(start=date(2021, 1, 1), end=date(2026, 1, 1))
    assert status(after, corr, date(2022, 1, 1)).population == "安置帮教"
    assert status(after, corr._replace(start_date=date(2021, 1, 1)), date(2022, 1, 1)).population == "社区矫正"
    assert status(None, None, date(2022, 1, 1)) == ("", "待列管", None)


def test_ending_soon_at_the_warning_edge():
    assert ending_soon(30, 30) and ending_soon(-2, 30)
    assert not ending_soon(31, 30) and not ending_soon(None, 30)
