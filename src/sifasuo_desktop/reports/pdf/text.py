"""Measuring, wrapping and drawing text through the font chain.

    text_width(text, size) -> float            # points, with the per-character fonts
    wrap(text, width, size, first_width=None) -> list[str]
    wrap_marked(...) -> list[tuple[str, bool]]  # the same lines, True where the break is soft
    wrap_balanced(text, width, size) -> list[str]  # as few lines, but of even length (labels)
    draw_text(canvas, x, y, text, size, bold=False, char_space=0)   # y is the baseline

Wrapping follows Chinese typesetting habits: a line may break between any two Chinese
characters; runs of Latin letters and digits (ID numbers, phone numbers, dates such as
2024-01-31) stay whole unless they are longer than a line; closing punctuation (，。、）》 …) never
starts a line and opening punctuation (（《“ …) never ends one. ``\\n`` forces a break;
``WORD_JOINER`` (U+2060, never printed) between two characters keeps them on one line.
"""

from __future__ import annotations

from sifasuo_desktop.reports.pdf import fonts

_NO_LINE_START = set("，。、；：？！）》」』】〉”’,.;:?!)]}%·—…～")
_NO_LINE_END = set("（《「『【〈“‘([{")
_WORD_CHARS = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,-_@/+#:")

WORD_JOINER = "\u2060"  # joins the characters around it into one unbreakable piece

_widths: dict[str, float] = {}


def char_width(ch: str) -> float:
    """Advance width of one character at size 1 pt, in the font that will draw it."""
    width = _widths.get(ch)
    if width is None:
        if fonts.is_ignorable(ch):
            width = 0.0
        else:
            from reportlab.pdfbase import pdfmetrics  # imported on first use: start-up stays fast

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
        while j + 1 < len(line) and line[j] == WORD_JOINER:  # glued: never broken here
            j += 2
        piece = line[i:j]
        if units and (piece[0] in _NO_LINE_START or units[-1][-1] in _NO_LINE_END):
            units[-1] += piece
        else:
            units.append(piece)
        i = j
    return units


def _wrap_line(line: str, first: float, rest: float, size: float) -> list[tuple[str, bool]]:
    lines: list[tuple[str, bool]] = []
    current, used, limit = "", 0.0, first
    for unit in _units(line):
        width = text_width(unit, size)
        if used + width <= limit + 0.01:
            current, used = current + unit, used + width
            continue
        if current:
            lines.append((current, True))
            current, used, limit = "", 0.0, rest
            unit = unit.lstrip(" ")
            width = text_width(unit, size)
        if width <= limit + 0.01:
            current, used = unit, width
            continue
        for ch in unit:  # a piece longer than a whole line: break it anywhere
            w = char_width(ch) * size
            if current and used + w > limit + 0.01:
                lines.append((current, True))
                current, used, limit = "", 0.0, rest
            current, used = current + ch, used + w
    lines.append((current, False))
    return lines


def wrap_marked(text: str, width: float, size: float,
                first_width: float | None = None) -> list[tuple[str, bool]]:
    """Lines of ``text`` no wider than ``width`` (the first: ``first_width``), each with a flag
    that is True where the line was broken to fit (it may be justified) and False at ``\\n``
    or the end of the text."""
    first = width if first_width is None else first_width
    result: list[tuple[str, bool]] = []
    for line in text.replace("\r\n", "\n").replace("\t", "    ").split("\n"):
        result += _wrap_line(line, first if not result else width, width, size)
    return result


def wrap(text: str, width: float, size: float, first_width: float | None = None) -> list[str]:
    return [line for line, _ in wrap_marked(text, width, size, first_width)]


def wrap_balanced(text: str, width: float, size: float) -> list[str]:
    """As few lines as ``wrap``, but as even as possible (公民身份/号码, not 公民身份号/码)."""
    lines = wrap(text, width, size)
    if len(lines) < 2:
        return lines
    lo, hi = width / len(lines), width
    for _ in range(10):
        mid = (lo + hi) / 2
        if len(wrap(text, mid, size)) > len(lines):
            lo = mid
        else:
            hi = mid
    return wrap(text, hi, size)


def draw_text(canvas, x: float, y: float, text: str, size: float, bold: bool = False,
              char_space: float = 0.0) -> None:
    """Draw one line at baseline ``y``, switching fonts per character; ``bold`` strokes the
    outline; ``char_space`` widens every gap between characters (justified lines)."""
    runs = fonts.split_runs(text)
    if not runs:
        return
    if bold:
        canvas.saveState()
        canvas.setLineWidth(size * 0.035)
    obj = canvas.beginText(x, y)
    if bold:
        obj.setTextRenderMode(2)  # fill and stroke: a bold face from a regular font
    if char_space:
        obj.setCharSpace(char_space)
    for font_name, piece in runs:
        obj.setFont(font_name, size)
        obj.textOut(piece)
    if char_space:
        obj.setCharSpace(0)
    canvas.drawText(obj)
    if bold:
        canvas.restoreState()
