"""Line breaking of Chinese text: where a line may and may not break."""

from __future__ import annotations

from sifasuo_desktop.reports.pdf.text import (
    WORD_JOINER, char_width, text_width, wrap, wrap_balanced, wrap_marked,
)

SIZE = 10.0


def em(n: float) -> float:
    """The width of n Chinese characters."""
    return n * char_width("中") * SIZE


def test_chinese_breaks_between_any_two_characters():
    assert wrap("一二三四五六七", em(3), SIZE) == ["一二三", "四五六", "七"]


def test_text_that_fits_stays_on_one_line():
    assert wrap("安置帮教", em(4), SIZE) == ["安置帮教"]
    assert wrap("", em(4), SIZE) == [""]


def test_numbers_stay_whole_when_they_fit_on_a_line():
    id_number = "41010119900101123X"
    lines = wrap(f"号码{id_number}", text_width(id_number, SIZE) + 1, SIZE)
    assert lines == ["号码", id_number]
    assert wrap("电话0371-12345678号", em(8), SIZE)[0] == "电话"


def test_a_number_longer_than_the_line_is_broken_anywhere():
    lines = wrap("41010119900101123X", text_width("4101011990", SIZE), SIZE)
    assert lines == ["4101011990", "0101123X"]


def test_closing_punctuation_never_starts_a_line():
    lines = wrap("一二三，四五", em(3), SIZE)
    assert lines == ["一二", "三，四", "五"]
    assert not any(line.startswith("，") for line in wrap("甲乙丙丁。戊己庚辛。", em(4), SIZE))


def test_opening_bracket_never_ends_a_line():
    lines = wrap("一二（三）", em(3), SIZE)
    assert lines == ["一二", "（三）"]


def test_newline_forces_a_break_and_is_not_soft():
    assert wrap_marked("甲乙\n丙", em(5), SIZE) == [("甲乙", False), ("丙", False)]
    assert wrap_marked("一二三四", em(3), SIZE) == [("一二三", True), ("四", False)]


def test_first_line_can_be_narrower():
    assert wrap("一二三四五六", em(4), SIZE, first_width=em(2)) == ["一二", "三四五六"]


def test_balanced_label_lines():
    assert wrap("公民身份号码", em(5), SIZE) == ["公民身份号", "码"]
    assert wrap_balanced("公民身份号码", em(5), SIZE) == ["公民身", "份号码"]
    assert wrap_balanced("姓名", em(5), SIZE) == ["姓名"]


def test_word_joiner_glues_characters_and_has_no_width():
    glued = WORD_JOINER.join("□暂予监外执行")
    lines = wrap(f"□缓刑　{glued}", em(7), SIZE)
    assert [line.replace(WORD_JOINER, "") for line in lines] == ["□缓刑　", "□暂予监外执行"]
    assert text_width(glued, SIZE) == text_width("□暂予监外执行", SIZE)
