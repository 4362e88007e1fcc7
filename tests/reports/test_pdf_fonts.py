"""The font chain: registration, per-character fallback, characters no font has."""

from __future__ import annotations

import logging
import shutil
import sys

import pytest

from sifasuo_desktop.core.paths import resource_path
from sifasuo_desktop.reports.pdf import fonts
from sifasuo_desktop.reports.pdf.fonts import FontChain, FontSpec


def test_bundled_fonts_register_once_song_face_first():
    first = fonts.register_fonts()
    assert fonts.register_fonts() is first  # idempotent: the same chain, not a second registration
    if sys.platform != "win32":
        assert first == ("UMingCN", "WQYMicroHei")
    assert fonts.main_font() == first[0]


def test_common_text_is_one_run_in_the_main_font():
    assert fonts.split_runs("安置帮教 2024年3月1日") == [(fonts.main_font(), "安置帮教 2024年3月1日")]
    assert fonts.split_runs("") == []


@pytest.mark.parametrize("name", ["张𠈌", "刘䶮", "王龑", "李堃", "陈喆"])
def test_rare_name_characters_are_covered(name):
    assert fonts.missing_glyphs(name) == set()
    for font_name, piece in fonts.split_runs(name):
        assert all(fonts.chain().has_glyph(font_name, ch) for ch in piece)


def test_character_missing_from_main_font_switches_font_for_that_character(fallback_char):
    ch, font = fallback_char
    assert fonts.split_runs(f"张{ch}三") == [(fonts.main_font(), "张"), (font, ch), (fonts.main_font(), "三")]
    assert fonts.font_for(ch) == font


def test_character_no_font_has_is_reported():
    assert fonts.missing_glyphs("张\ue000三\U0010fffd") == {"\ue000", "\U0010fffd"}
    # it still gets a run (drawn with the main font) so the rest of the line keeps its place
    assert fonts.split_runs("\ue000") == [(fonts.main_font(), "\ue000")]


def test_invisible_characters_are_neither_printed_nor_reported():
    text = "葛\ufe00洪\u200d\u2060"
    assert fonts.missing_glyphs(text) == set()
    assert fonts.split_runs(text) == [(fonts.main_font(), "葛洪")]


def test_damaged_font_is_skipped_and_the_next_one_used(tmp_path, caplog):
    broken = tmp_path / "simsun.ttc"
    broken.write_bytes(b"not a font at all")
    with caplog.at_level(logging.WARNING):
        wqy = FontSpec("WQYChainTest", resource_path("fonts", "wqy-microhei.ttc"))
        chain = FontChain([FontSpec("BrokenSong", broken), wqy])
    assert chain.names == ("WQYChainTest",)
    assert "BrokenSong" in caplog.text
    assert chain.split_runs("张三") == [("WQYChainTest", "张三")]


def test_no_usable_font_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match="没有可用的中文字体"):
        FontChain([FontSpec("Nothing", tmp_path / "missing.ttf")])


def test_windows_system_song_font_is_preferred_when_present(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    (tmp_path / "Fonts").mkdir()
    assert [s.name for s in fonts.default_specs()] == ["UMingCN", "WQYMicroHei"]
    shutil.copyfile(resource_path("fonts", "wqy-microhei.ttc"), tmp_path / "Fonts" / "simsun.ttc")
    (tmp_path / "Fonts" / "simsunb.ttf").write_bytes(b"")
    specs = fonts.default_specs()
    assert [s.name for s in specs] == ["SimSun", "SimSunExtB", "UMingCN", "WQYMicroHei"]
    assert specs[0].path == tmp_path / "Fonts" / "simsun.ttc" and specs[0].index == 0
