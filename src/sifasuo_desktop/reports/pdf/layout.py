"""The engine behind grid.py: blocks -> pages of drawing operations (paint.py draws them).

Layout first, paint second: the page count is known before anything is drawn, so every page
can say "第 N 页 共 M 页". Coordinates are in points measured down from the top edge of the page.
The margins are the same on both orientations; a landscape page (``Document(landscape=True)``)
only has a wider text width and a lower bottom limit (``Page``).
Operations: ("text", x, baseline, text, size, bold, gray, char_space), ("rect", x, top, w, h,
line_width), ("hline", x1, x2, y, line_width), ("image", bytes, x, top, w, h).
"""

from __future__ import annotations

from sifasuo_desktop.reports.pdf import grid as g
from sifasuo_desktop.reports.pdf.grid_layout import GridLayout
from sifasuo_desktop.reports.pdf.page import (  # the measures, also for callers of the engine
    INNER_LW,
    LEFT,
    LIMIT,
    MM,
    OUTER_LW,
    PORTRAIT,
    TEXT_W,
    TOP,
    Page,
    baseline,
    page_of,
)
from sifasuo_desktop.reports.pdf.text import text_width, wrap, wrap_marked

__all__ = ["INNER_LW", "LEFT", "LIMIT", "MM", "OUTER_LW", "TEXT_W", "Engine", "paginate"]


class Engine:
    """Lays blocks out top to bottom, page after page; ``pages`` holds each page's operations."""

    def __init__(self, page: Page = PORTRAIT) -> None:
        self.page = page
        self.text_w, self.limit = page.text_w, page.limit
        self.pages: list[list[tuple]] = [[]]
        self.y = TOP
        self.anchors: dict[str, int] = {}
        self._pending: list[str] = []

    # -- pages -------------------------------------------------------------------------------
    def emit(self, *op) -> None:
        for key in self._pending:
            self.anchors[key] = len(self.pages)
        self._pending.clear()
        self.pages[-1].append(op)

    @property
    def room(self) -> float:
        return self.limit - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= TOP + 0.01

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def ensure(self, height: float) -> None:
        if height > self.room + 0.01 and not self.at_top:
            self.new_page()

    def text(self, x: float, mid: float, text: str, size: float, bold=False, gray=False,
             char_space=0.0) -> None:
        if text:
            self.emit("text", x, baseline(mid, size), text, size, bold, gray, char_space)

    def aligned(self, x: float, width: float, mid: float, text: str, size: float, align: str,
                bold=False, soft=False) -> None:
        """One line in ``width``; a left-aligned line broken to fit is justified (两端对齐)."""
        free = width - text_width(text, size)
        char_space = 0.0
        if align == "left" and soft and len(text) > 1 and 0 < free / (len(text) - 1) < 0.1 * size:
            char_space = free / (len(text) - 1)
        elif align != "left":
            x += free / 2 if align == "center" else free
        self.text(x, mid, text, size, bold, char_space=char_space)

    # -- blocks ------------------------------------------------------------------------------
    def add(self, block: g.Block) -> None:
        if isinstance(block, g.Grid):
            GridLayout(self, block).run()
        elif isinstance(block, g.Paragraph):
            self.paragraph(block)
        elif isinstance(block, g.Title):
            lh = block.size * 1.5
            for line in wrap(block.text, self.text_w, block.size):
                self.ensure(lh)
                self.aligned(LEFT, self.text_w, self.y + lh / 2, line, block.size, "center", bold=True)
                self.y += lh
            self.y += block.space_after * MM
        elif isinstance(block, g.Line):
            self.line(block)
        elif isinstance(block, g.Ruled):
            for _ in range(block.count):
                self.ensure(block.spacing * MM)
                self.y += block.spacing * MM
                self.emit("hline", LEFT, LEFT + self.text_w, self.y, INNER_LW)
        elif isinstance(block, g.Spacer):
            self.y = min(self.y + block.height * MM, self.limit)
        elif isinstance(block, g.PageBreak):
            if not self.at_top or self.pages[-1]:
                self.new_page()
        elif isinstance(block, g.Anchor):
            self._pending.append(block.key)
        elif isinstance(block, g.Keep):
            self.keep(block)
        else:
            raise TypeError(f"不支持的版面元素: {block!r}")

    def finish(self) -> None:
        for key in self._pending:
            self.anchors[key] = len(self.pages)
        self._pending.clear()

    def paragraph(self, p: g.Paragraph) -> None:
        size, lh = p.size, p.size * p.leading
        if p.space_before:
            self.y = min(self.y + p.space_before * MM, self.limit)
        prefix_w = text_width(p.hanging, size)
        width = self.text_w - prefix_w
        indent = p.indent * size
        lines = wrap_marked(p.text, width, size, first_width=width - indent)
        for i, (line, soft) in enumerate(lines):
            self.ensure(lh)
            mid = self.y + lh / 2
            if i == 0:
                self.text(LEFT, mid, p.hanging, size, p.bold)
            shift = indent if i == 0 else 0.0
            self.aligned(LEFT + prefix_w + shift, width - shift, mid, line, size, p.align, p.bold, soft)
            self.y += lh
        self.y += p.space_after * MM

    def line(self, block: g.Line) -> None:
        """Left, centre and right parts; pushed right where they would overlap, and the right
        part on a line of its own when it no longer fits."""
        size, lh = block.size, block.size * 1.6
        gap = size  # at least one character between two parts
        placed: list[tuple[float, str]] = []  # (x, text) for the current line
        cursor = LEFT
        for text, align in ((block.left, "left"), (block.center, "center"), (block.right, "right")):
            if not text:
                continue
            width = text_width(text, size)
            free = self.text_w - width
            x = {"left": LEFT, "center": LEFT + free / 2, "right": LEFT + free}[align]
            if placed and x < cursor + gap:
                x = cursor + gap
            if placed and x + width > LEFT + self.text_w + 0.01:
                self._line_out(placed, size, lh)
                placed, x = [], max(LEFT, LEFT + free) if align == "right" else LEFT
            placed.append((x, text))
            cursor = x + width
        self._line_out(placed, size, lh)
        self.y += block.space_after * MM

    def _line_out(self, placed: list[tuple[float, str]], size: float, lh: float) -> None:
        self.ensure(lh)
        for x, text in placed:
            self.text(x, self.y + lh / 2, text, size)
        self.y += lh

    def keep(self, block: g.Keep) -> None:
        trial = Engine(self.page)
        for inner in block.blocks:
            trial.add(inner)
        if len(trial.pages) == 1:
            self.ensure(trial.y - TOP)
        for inner in block.blocks:
            self.add(inner)


def paginate(document: g.Document) -> tuple[list[list[tuple]], dict[str, int]]:
    engine = Engine(page_of(document))
    for block in document.blocks:
        engine.add(block)
    engine.finish()
    return engine.pages, engine.anchors
