"""The measures of a printed page, shared by the layout engine (layout.py, grid_layout.py) and
the painter (paint.py). Lengths are in points (``MM`` converts), measured down from the top edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from sifasuo_desktop.reports.pdf import grid as g

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM  # A4 portrait
LEFT, RIGHT = 22 * MM, 18 * MM  # the wider left margin leaves room to bind the file
TOP, BOTTOM = 18 * MM, 16 * MM
TEXT_W = PAGE_W - LEFT - RIGHT  # of a portrait page
LIMIT = PAGE_H - BOTTOM  # lowest y a block may reach on a portrait page
PAD_X, PAD_Y = 1.4 * MM, 1.1 * MM
GRID_LEADING = 1.3
INNER_LW, OUTER_LW = 0.5, 1.1
PHOTO_H = 32 * MM
CONTINUED = "（续）"


@dataclass(frozen=True)
class Page:
    """The sheet a document is laid out on, in points."""

    width: float
    height: float

    @property
    def text_w(self) -> float:
        return self.width - LEFT - RIGHT

    @property
    def limit(self) -> float:
        """The lowest y a block may reach."""
        return self.height - BOTTOM


PORTRAIT = Page(PAGE_W, PAGE_H)
LANDSCAPE = Page(PAGE_H, PAGE_W)


def page_of(document: g.Document) -> Page:
    return LANDSCAPE if document.landscape else PORTRAIT


def baseline(mid: float, size: float) -> float:
    """The baseline that centres a CJK glyph of ``size`` on the line ``mid``."""
    return mid + 0.36 * size
