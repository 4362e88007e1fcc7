"""Measuring, wrapping and drawing text through the font chain.

    text_width(text, size) -> float            # points, with the per-character fonts
    wrap(text, width, size, first_width=None) -> list[str]
    draw_text(canvas, x, y, text, size, bold=False)   # y is the baseline

Wrapping follows Chinese typesetting habits: a line may break between any two Chinese
characters; runs of Latin letters and digits (ID numbers, phone numbers, dates such as
2024-01-31) stay whole unless they are longer than a line; closing punctuation (，。、）》 …) never
starts a line and opening punctuation (（《“ …) never ends one. ``\\n`` forces a break.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from sifasuo_desktop.reports.pdf import fonts

_NO_LINE_START = set("，。、；：？！）》」』】〉”’,.;:?!)]}%·—…～")
_NO_LINE_END = set("（《「『【〈“‘([{")
_WORD_CHARS = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-_@/+#:")

_widths: dict[str, float] = {}


def char_width(ch: str) -> float:
    """Advance width of one character at size 1 pt, in the font that will draw it."""
    width = _widths.get(ch)
    if width is None:
        if fonts.is_ignorable(ch):
            width = 0.0
        else:
            width = pdfmetrics.stringWidth(ch, fonts.font_for(ch), 1000) / 1000
        _widths[ch] = width
    return width


def text_width(text: str, size: float) -> float:
    return sum(char_width(ch) for ch in text) * size


def _units(line: str) -> list[str]:
    """Unbreakable pieces: words of Latin letters/digits, single characters, glued punctuation."""
    units: list[str] = []
    i = 0
    while i < len(line):
        j = i + 1
        if line[i] in _WORD_CHARS:
            while j < len(line) and line[j] in _WORD_CHARS:
                j += 1
        piece = line[i:j]
        if units and (piece[0] in _NO_LINE_START or units[-1][-1] in _NO_LINE_END):
            units[-1] += piece
        else:
            units.append(piece)
        i = j
    return units


def _wrap_line(line: str, first: float, rest: float, size: float) -> list[str]:
    lines: list[str] = []
    current, used, limit = "", 0.0, first
    for unit in _units(line):
        width = text_width(unit, size)
        if used + width <= limit + 0.01:
            current, used = current + unit, used + width
            continue
        if current:
            lines.append(current)
            current, used, limit = "", 0.0, rest
            unit = unit.lstrip(" ")
            width = text_width(unit, size)
        if width <= limit + 0.01:
            current, used = unit, width
            continue
        for ch in unit:  # a piece longer than a whole line: break it anywhere
            w = char_width(ch) * size
            if current and used + w > limit + 0.01:
                lines.append(current)
                current, used, limit = "", 0.0, rest
            current, used = current + ch, used + w
    lines.append(current)
    return lines


def wrap(text: str, width: float, size: float, first_width: float | None = None) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` (the first line: ``first_width``)."""
    first = width if first_width is None else first_width
    result: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\t", "    ").split("\n"):
        result += _wrap_line(line, first if not result else width, width, size)
    return result


def draw_text(canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    """Draw one line at baseline ``y``, switching fonts per character; ``bold`` strokes the outline."""
    runs = fonts.split_runs(text)
    if not runs:
        return
    if bold:
        canvas.saveState()
        canvas.setLineWidth(size * 0.035)
    obj = canvas.beginText(x, y)
    if bold:
        obj.setTextRenderMode(2)  # fill and stroke: a bold face from a regular font
    for font_name, piece in runs:
        obj.setFont(font_name, size)
        obj.textOut(piece)
    canvas.drawText(obj)
    if bold:
        canvas.restoreState()
