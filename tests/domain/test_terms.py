from datetime import date

from sifasuo_desktop.domain import terms
from sifasuo_desktop.domain.dates import add_months, add_years
from sifasuo_desktop.domain.rules import RuleSettings

TODAY = date(2026, 11, 24)


def test_feb_29_release_expires_on_feb_28():
    assert terms.expiry(date(2024, 2, 29), 5) == date(2029, 2, 28)
    assert terms.expiry(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_years(date(2025, 3, 1), 5) == date(2030, 3, 1)


def test_register_start_is_transfer_in_date_for_transfers():
    assert terms.register_start("外地迁入", date(2024, 1, 1), date(2025, 6, 1)) == date(2025, 6, 1)
    assert terms.register_start("监狱刑满释放", date(2024, 1, 1), None) == date(2024, 1, 1)


def test_end_day_is_the_first_day_off_the_register():
    window = terms.TermWindow(register_start=date(2021, 3, 1), expiry=date(2026, 3, 1))
    assert not window.on_register(date(2021, 2, 28))
    assert window.on_register(date(2021, 3, 1))
    assert window.on_register(date(2026, 2, 28))
    assert not window.on_register(date(2026, 3, 1))
    assert window.end_reason == "帮教期满"


def test_removal_before_expiry_ends_the_term_with_its_reason():
    window = terms.TermWindow(date(2021, 3, 1), date(2026, 3, 1), date(2023, 5, 10), "迁出")
    assert window.end == date(2023, 5, 10)
    assert window.end_reason == "迁出"
    assert not window.on_register(date(2023, 5, 10))
    assert window.on_register(date(2023, 5, 9))


def test_removal_after_expiry_changes_nothing():
    window = terms.TermWindow(date(2021, 3, 1), date(2026, 3, 1), date(2026, 6, 1), "死亡")
    assert window.end == date(2026, 3, 1)
    assert window.end_reason == "帮教期满"


def test_term_years_follow_the_source_setting():
    rules = RuleSettings(aftercare_years_correction=3)
    assert rules.aftercare_years("解除社区矫正") == 3
    assert rules.aftercare_years("监狱刑满释放") == 5


def _problems(**kw):
    base = dict(release_date=date(2025, 1, 1), transfer_in_date=None, source="监狱刑满释放", removal_date=None,
                handover_date=None, agreement_date=None, notice_date=None, today=TODAY)
    base.update(kw)
    return terms.date_problems(**base)


def test_dates_in_the_future_are_refused():
    assert "release_date" in _problems(release_date=date(2026, 11, 25))
    assert _problems(release_date=TODAY) == {}


def test_transfer_in_needs_its_date_and_not_before_release():
    assert "transfer_in_date" in _problems(source="外地迁入")
    assert "transfer_in_date" in _problems(source="外地迁入", transfer_in_date=date(2024, 12, 31))
    assert _problems(source="外地迁入", transfer_in_date=date(2025, 1, 1)) == {}


def test_removal_and_handover_not_before_start():
    assert "removal_date" in _problems(removal_date=date(2024, 12, 31))
    assert "handover_date" in _problems(handover_date=date(2024, 12, 31))
    assert _problems(removal_date=date(2025, 1, 1), handover_date=date(2025, 1, 1)) == {}


def test_correction_term_cannot_end_before_it_starts():
    problems = terms.correction_problems(start=date(2025, 1, 1), end=date(2025, 1, 1), judgment_date=None,
                                         report_date=None, actual_end=None, today=TODAY)
    assert "end_date" in problems
