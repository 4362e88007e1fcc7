from datetime import date

import pytest

from sifasuo_desktop.domain import idnumber

TODAY = date(2026, 11, 24)
VALID = "11010519491231002X"  # the standard's own example


def test_valid_number_gives_birth_date_sex_and_region():
    info = idnumber.parse(VALID, TODAY)
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex == "女"
    assert info.region == "110105"


def test_male_by_odd_sequence():
    first17 = "11010519800101001"
    assert idnumber.parse(first17 + idnumber.check_character(first17), TODAY).sex == "男"


@pytest.mark.parametrize(
    "raw, kind",
    [
        ("", "empty"),
        ("1101051949123100", "length"),
        ("11010519491231002X1", "length"),
        ("11010519491231002Y", "chars"),
        ("1101051949123100A2", "chars"),
        ("110105194902300021", "date"),        # 30 Feb
        ("110105202702010021", "future"),      # born after today
        ("110105194912310021", "check"),       # check char should be X
    ],
)
def test_every_failure_has_its_reason(raw, kind):
    with pytest.raises(idnumber.IdNumberError) as err:
        idnumber.parse(raw, TODAY)
    assert err.value.kind == kind
    assert str(err.value)  # a Chinese message the form shows


def test_check_message_names_the_right_character():
    assert "X" in idnumber.problem("110105194912310021", TODAY)


def test_feb_29_only_in_leap_years():
    leap = "11010520000229001"
    assert idnumber.parse(leap + idnumber.check_character(leap), TODAY).birth_date == date(2000, 2, 29)
    common = "11010519990229001"
    with pytest.raises(idnumber.IdNumberError) as err:
        idnumber.parse(common + idnumber.check_character(common), TODAY)
    assert err.value.kind == "date"


def test_born_today_is_accepted_born_tomorrow_is_not():
    today = "110105" + TODAY.strftime("%Y%m%d") + "001"
    assert idnumber.parse(today + idnumber.check_character(today), TODAY)
    tomorrow = "11010520261125001"
    assert idnumber.problem(tomorrow + idnumber.check_character(tomorrow), TODAY)


def test_old_15_digit_number_is_converted():
    assert idnumber.normalise("110105491231002") == "11010519491231002X"
    assert idnumber.parse("110105491231002", TODAY).number == VALID


def test_lower_case_x_full_width_digits_and_blanks_are_normalised():
    assert idnumber.normalise(" 11010519491231002x ") == VALID
    assert idnumber.normalise("１１０１０５１９４９１２３１００２Ｘ") == VALID


def test_mask_keeps_region_and_last_four():
    assert idnumber.mask(VALID) == "110105********002X"
    assert idnumber.mask("") == ""


def test_age_on_birthday_edges():
    assert idnumber.age_on(date(2008, 11, 24), date(2026, 11, 24)) == 18
    assert idnumber.age_on(date(2008, 11, 25), date(2026, 11, 24)) == 17


def test_compose_makes_numbers_that_parse_back():
    number = idnumber.compose("110101", date(1949, 10, 1), 2)
    assert number == "11010119491001002" + idnumber.check_character("11010119491001002")
    info = idnumber.parse(number, date(2026, 1, 1))
    assert (info.birth_date, info.sex, info.region) == (date(1949, 10, 1), "女", "110101")
