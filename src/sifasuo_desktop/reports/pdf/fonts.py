"""Chinese fonts for the PDF forms: registered once, with a font chosen per character.

reportlab has no glyph fallback of its own: a character missing from the font prints blank.
Names contain rare characters (生僻字 such as 𠈌 or 䶮), so every piece of text is split into runs,
each drawn with the first registered font that has the glyph.

The chain, in order of preference (the first font that loads is the *main* font):

1. Windows only, used in place and never bundled: 宋体 ``simsun.ttc`` (subfont 0), 仿宋
   ``simfang.ttf`` and SimSun-ExtB ``simsunb.ttf`` (CJK Extension B, where most 生僻字 live).
2. Bundled AR PL UMing CN (``resources/fonts/uming.ttc``, subfont 0; Arphic Public Licence, text
   beside it): a Song/Ming face with Extension A and B characters.
3. Bundled WenQuanYi Micro Hei (``resources/fonts/wqy-microhei.ttc``; Apache-2.0).

A font that is missing or fails to load (damaged file, CFF outlines) is logged and skipped.

API (all functions register the fonts on first use; safe to call from any thread)::

    register_fonts() -> tuple[str, ...]       # registered reportlab font names, best first
    main_font() -> str
    font_for(ch) -> str                       # first font with a glyph for ch (main if none)
    split_runs(text) -> list[tuple[str, str]] # [(font_name, text), ...] covering the text
    missing_glyphs(text) -> set[str]          # characters no registered font can print
    missing_in(*items) -> tuple[str, ...]     # the same over every text inside data objects

Coverage is read from the cmap that reportlab itself parsed when loading the font (the exact
mapping it will use to draw), so the font is read once and coverage cannot disagree with output.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import unicodedata
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from sifasuo_desktop.core.paths import resource_path

log = logging.getLogger(__name__)

# Never printed and never reported: variation selectors, zero-width joiners/spaces, BOM.
_IGNORABLE = frozenset(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
    + list(range(0xFE00, 0xFE10))
    + list(range(0xE0100, 0xE01F0))
)


@dataclass(frozen=True)
class FontSpec:
    """One TrueType font file (``index`` selects the face inside a .ttc collection)."""

    name: str
    path: Path
    index: int = 0


def default_specs() -> list[FontSpec]:
    """The chain described in the module docstring, restricted to files that exist."""
    specs: list[FontSpec] = []
    if sys.platform == "win32":
        system = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        specs += [
            FontSpec("SimSun", system / "simsun.ttc", 0),
            FontSpec("SimFang", system / "simfang.ttf"),
            FontSpec("SimSunExtB", system / "simsunb.ttf"),
        ]
    specs += [
        FontSpec("UMingCN", resource_path("fonts", "uming.ttc"), 0),
        FontSpec("WQYMicroHei", resource_path("fonts", "wqy-microhei.ttc"), 0),
    ]
    return [spec for spec in specs if spec.path.is_file()]


def is_ignorable(ch: str) -> bool:
    """Characters that carry no glyph of their own (control characters, joiners, selectors)."""
    return ord(ch) in _IGNORABLE or unicodedata.category(ch) == "Cc"


def _utf16_to_unicode_maps() -> None:
    """Make copied or searched text of rare characters right (printing is right either way).

    reportlab writes the ToUnicode entry of a character outside the BMP (𠈌 U+2020C) as
    ``<2020C>``; PDF readers expect UTF-16BE (``<D840DE0C>``) and read U+2020 (†) instead."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "utf16_fixed", False):
        return

    def make_to_unicode_cmap(fontname, subset):
        cmap = original(fontname, subset)
        for code, cp in enumerate(subset):
            if cp > 0xFFFF:
                utf16 = chr(cp).encode("utf-16-be").hex().upper()
                cmap = cmap.replace(f"<{code:02X}> <{cp:04X}>", f"<{code:02X}> <{utf16}>")
        return cmap

    make_to_unicode_cmap.utf16_fixed = True
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


class FontChain:
    """Registered fonts in order of preference, with their character coverage."""

    def __init__(self, specs: list[FontSpec]):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        _utf16_to_unicode_maps()
        self.names: tuple[str, ...] = ()
        self._coverage: dict[str, frozenset[int]] = {}
        names = []
        for spec in specs:
            try:
                font = TTFont(spec.name, str(spec.path), subfontIndex=spec.index)
                pdfmetrics.registerFont(font)
            except Exception as exc:  # a damaged or unsupported font must not stop printing
                log.warning("字体 %s (%s) 无法加载，已跳过: %s", spec.name, spec.path, exc)
                continue
            mapping = font.face.charToGlyph
            self._coverage[spec.name] = frozenset(cp for cp, glyph in mapping.items() if glyph)
            names.append(spec.name)
        if not names:
            raise RuntimeError("没有可用的中文字体：resources/fonts 中的字体文件缺失或已损坏")
        self.names = tuple(names)
        self._font_for: dict[str, str | None] = {}

    @property
    def main(self) -> str:
        return self.names[0]

    def has_glyph(self, font_name: str, ch: str) -> bool:
        return ord(ch) in self._coverage.get(font_name, frozenset())

    def covering_font(self, ch: str) -> str | None:
        """The first font with a glyph for ``ch``, or None when no font has one."""
        try:
            return self._font_for[ch]
        except KeyError:
            cp = ord(ch)
            found = next((n for n in self.names if cp in self._coverage[n]), None)
            self._font_for[ch] = found
            return found

    def split_runs(self, text: str) -> list[tuple[str, str]]:
        runs: list[tuple[str, str]] = []
        current_font, current = "", []
        for ch in text:
            if is_ignorable(ch):
                continue
            font = self.covering_font(ch) or self.main
            if font != current_font and current:
                runs.append((current_font, "".join(current)))
                current = []
            current_font = font
            current.append(ch)
        if current:
            runs.append((current_font, "".join(current)))
        return runs

    def missing_glyphs(self, text: str) -> set[str]:
        return {ch for ch in text if not is_ignorable(ch) and self.covering_font(ch) is None}


_lock = threading.Lock()
_chain: FontChain | None = None


def chain() -> FontChain:
    """The process-wide font chain, registered on first use."""
    global _chain
    if _chain is None:
        with _lock:
            if _chain is None:
                _chain = FontChain(default_specs())
                log.info("PDF 字体: %s", ", ".join(_chain.names))
    return _chain


def register_fonts() -> tuple[str, ...]:
    return chain().names


def main_font() -> str:
    return chain().main


def font_for(ch: str) -> str:
    return chain().covering_font(ch) or chain().main


def split_runs(text: str) -> list[tuple[str, str]]:
    return chain().split_runs(text)


def missing_glyphs(text: str) -> set[str]:
    return chain().missing_glyphs(text)


def _texts(item: object):
    if isinstance(item, str):
        yield item
    elif is_dataclass(item) and not isinstance(item, type):
        for f in fields(item):
            yield from _texts(getattr(item, f.name))
    elif isinstance(item, dict):
        for key, value in item.items():
            yield from _texts(key)
            yield from _texts(value)
    elif isinstance(item, (tuple, list)):
        for value in item:
            yield from _texts(value)


def missing_in(*items: object) -> tuple[str, ...]:
    """Characters no font has (they would print blank), sorted, in every text of ``items``:
    strings, data objects and the tuples, lists and dicts inside them."""
    return tuple(sorted(set().union(*(missing_glyphs(text) for item in items for text in _texts(item)))))
