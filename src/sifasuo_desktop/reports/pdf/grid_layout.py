"""Laying out one ``Grid`` for the engine in layout.py: resolve spans and edges, measure the rows,
break pages (repeating header rows, splitting a tall row with "（续）"), emit the cells.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sifasuo_desktop.reports.pdf import grid as g
from sifasuo_desktop.reports.pdf.page import (
    CONTINUED,
    GRID_LEADING,
    INNER_LW,
    LEFT,
    MM,
    OUTER_LW,
    PAD_X,
    PAD_Y,
    PHOTO_H,
    TOP,
)
from sifasuo_desktop.reports.pdf.text import text_width, wrap_balanced, wrap_marked

if TYPE_CHECKING:
    from sifasuo_desktop.reports.pdf.layout import Engine


@dataclass
class _Box:
    """A grid cell resolved to its column, width and wrapped lines."""

    cell: g.Cell
    col: int
    lines: list[tuple[str, bool]]  # (text, broken to fit: may be justified)
    size: float
    valign: str


class GridLayout:
    """Places one grid: resolves spans, measures rows, breaks pages, draws cells."""

    def __init__(self, engine: Engine, grid: g.Grid):
        self.e, self.grid = engine, grid
        self.stops: dict[float, int] = {}
        widths = list(grid.columns) or self._widths_from_edges()
        total = float(sum(widths))
        self.xs = [LEFT]
        for w in widths:
            self.xs.append(self.xs[-1] + w / total * self.e.text_w)
        self.rows = self._resolve()
        self.heights = self._measure()
        self.segment_top: float | None = None

    # -- structure ---------------------------------------------------------------------------
    def _widths_from_edges(self) -> list[float]:
        edges = set()
        for r, row in enumerate(self.grid.rows, start=1):
            for cell in row.cells:
                if cell.at is None or cell.at[0] >= cell.at[1]:
                    raise ValueError(f"表格第 {r} 行的单元格没有列宽也没有有效的 at 位置：{cell.text!r}")
                edges.update(cell.at)
        stops = sorted(edges)
        self.stops = {x: i for i, x in enumerate(stops)}
        return [b - a for a, b in zip(stops, stops[1:])]

    def _resolve(self) -> list[list[_Box]]:
        ncols, grid = len(self.xs) - 1, self.grid
        busy = [0] * ncols  # rows still covered by a rowspan from above, per column
        rows: list[list[_Box]] = []
        for r, row in enumerate(grid.rows, start=1):
            boxes, col = [], 0
            for cell in row.cells:
                if self.stops:  # placed by its edges
                    col = self.stops[cell.at[0]]
                    cell = replace(cell, span=self.stops[cell.at[1]] - col)
                while not self.stops and col < ncols and busy[col]:
                    col += 1
                if cell.span < 1 or cell.rowspan < 1 or col + cell.span > ncols \
                        or any(busy[col:col + cell.span]):
                    raise ValueError(f"表格第 {r} 行的单元格 {cell.text!r} 超出 {ncols} 列或与跨行单元格重叠")
                if r - 1 + cell.rowspan > len(grid.rows):
                    raise ValueError(f"表格第 {r} 行的单元格跨行超出表格：{cell.text!r}")
                boxes.append(self._box(cell, col, row))
                for c in range(col, col + cell.span):
                    busy[c] = cell.rowspan
                col += cell.span
            if not all(busy):
                raise ValueError(f"表格第 {r} 行没有填满 {ncols} 列")
            busy = [b - 1 for b in busy]
            rows.append(boxes)
        return rows

    def _box(self, cell: g.Cell, col: int, row: g.Row) -> _Box:
        size = cell.size or self.grid.size
        width = self.xs[col + cell.span] - self.xs[col] - 2 * PAD_X
        lines = self._wrap_cell(cell.text, cell.kind, width, size)
        valign = cell.valign
        if valign is None:
            tall = (row.height == g.FILL or row.height > self.grid.row_height * 1.5) and cell.rowspan == 1
            valign = "top" if cell.kind == "value" and tall else "middle"
        return _Box(cell, col, lines, size, valign)

    @staticmethod
    def content_height(box: _Box) -> float:
        if box.cell.kind == "photo":
            return PHOTO_H
        return len(box.lines) * box.size * GRID_LEADING + 2 * PAD_Y

    def _measure(self) -> list[float]:
        heights = [max(row.height, 0) or self.grid.row_height for row in self.grid.rows]
        heights = [h * MM for h in heights]
        for r, boxes in enumerate(self.rows):
            for box in boxes:
                if box.cell.rowspan == 1:
                    heights[r] = max(heights[r], self.content_height(box))
        for r, boxes in enumerate(self.rows):
            for box in boxes:
                last = r + box.cell.rowspan - 1
                deficit = self.content_height(box) - sum(heights[r:last + 1])
                if box.cell.rowspan > 1 and deficit > 0:
                    heights[last] += deficit
        return heights

    def _groups(self) -> list[tuple[int, int]]:
        """Row ranges [start, end) that rowspans tie together."""
        groups, start, reach = [], 0, 0
        for r, boxes in enumerate(self.rows):
            reach = max([reach, r + 1] + [r + b.cell.rowspan for b in boxes])
            if reach == r + 1:
                groups.append((start, r + 1))
                start = r + 1
        return groups

    # -- placement ---------------------------------------------------------------------------
    def run(self) -> None:
        header = min(self.grid.header_rows, len(self.rows))
        header_h = sum(self.heights[:header])
        for start, end in self._groups():
            height = sum(self.heights[start:end])
            if height > self.e.room + 0.01:
                splittable = end - start == 1 and all(b.cell.kind != "photo" for b in self.rows[start])
                page_h = self.e.limit - TOP - (header_h if start >= header else 0)
                lines_fit = (self.e.room - 2 * PAD_Y) // (self.grid.size * GRID_LEADING)
                if splittable and (height > page_h or height > 0.4 * page_h) and lines_fit >= 3:
                    self._split(self.rows[start], height)
                    continue
                self._break_page(repeat_header=start >= header > 0)
            if end - start == 1 and self.grid.rows[start].height == g.FILL:
                self.heights[start] = max(self.heights[start], self.e.room)
            self._draw_rows(start, end)
        self._close_segment()
        self.e.y += self.grid.space_after * MM

    def _break_page(self, repeat_header: bool) -> None:
        self._close_segment()
        self.e.new_page()
        if repeat_header:
            self._draw_rows(0, self.grid.header_rows)

    def _close_segment(self) -> None:
        if self.segment_top is not None and self.e.y > self.segment_top:
            self.e.emit("rect", LEFT, self.segment_top, self.e.text_w, self.e.y - self.segment_top, OUTER_LW)
        self.segment_top = None

    def _draw_rows(self, start: int, end: int) -> None:
        for r in range(start, end):
            for box in self.rows[r]:
                h = sum(self.heights[r:r + box.cell.rowspan])
                self._draw_box(box, self.e.y, h)
            if self.segment_top is None:
                self.segment_top = self.e.y
            self.e.y += self.heights[r]

    def _split(self, boxes: list[_Box], height: float) -> None:
        """Fill the rest of the page with the first lines of a tall row, continue on the next."""
        while True:
            values_left = any(box.lines for box in boxes if box.cell.kind != "label")
            if height <= self.e.room + 0.01 or not values_left:  # (a label alone never splits)
                height = min(height, self.e.limit - self.e.y)
                if self.segment_top is None:
                    self.segment_top = self.e.y
                for box in boxes:
                    self._draw_box(box, self.e.y, height)
                self.e.y += height
                return
            rest: list[_Box] = []
            for box in boxes:
                if box.cell.kind == "label":
                    self._draw_box(box, self.e.y, self.e.room)
                    text = box.cell.text if box.cell.text.endswith(CONTINUED) else box.cell.text + CONTINUED
                    cell = replace(box.cell, text=text)
                    rest.append(replace(box, cell=cell, lines=self._rewrap(box, text)))
                else:
                    fit = max(1, int((self.e.room - 2 * PAD_Y) // (box.size * GRID_LEADING)))
                    self._draw_box(replace(box, lines=box.lines[:fit], valign="top"), self.e.y, self.e.room)
                    rest.append(replace(box, lines=box.lines[fit:], valign="top"))
            if self.segment_top is None:
                self.segment_top = self.e.y
            self.e.y = self.e.limit
            self._break_page(repeat_header=self.grid.header_rows > 0)
            boxes = rest
            height = max(self.grid.row_height * MM, max(self.content_height(b) for b in boxes))

    @staticmethod
    def _wrap_cell(text: str, kind: str, width: float, size: float) -> list[tuple[str, bool]]:
        if kind == "photo" or not text:
            return []
        if kind == "label":
            return [(line, False) for line in wrap_balanced(text, width, size)]
        return wrap_marked(text, width, size)

    def _rewrap(self, box: _Box, text: str) -> list[tuple[str, bool]]:
        width = self.xs[box.col + box.cell.span] - self.xs[box.col] - 2 * PAD_X
        return self._wrap_cell(text, box.cell.kind, width, box.size)

    def _draw_box(self, box: _Box, y: float, h: float) -> None:
        cell = box.cell
        x, w = self.xs[box.col], self.xs[box.col + cell.span] - self.xs[box.col]
        self.e.emit("rect", x, y, w, h, INNER_LW)
        if cell.kind == "photo":
            if cell.image:
                self.e.emit("image", cell.image, x + PAD_X, y + PAD_Y, w - 2 * PAD_X, h - 2 * PAD_Y)
            else:
                self.e.text(x + (w - text_width(cell.text, 9)) / 2, y + h / 2, cell.text, 9, gray=True)
            return
        lh = box.size * GRID_LEADING
        top = y + PAD_Y if box.valign == "top" else y + (h - len(box.lines) * lh) / 2
        align = cell.align or ("center" if cell.kind == "label" else "left")
        for i, (line, soft) in enumerate(box.lines):
            self.e.aligned(x + PAD_X, w - 2 * PAD_X, top + (i + 0.5) * lh, line, box.size, align,
                           cell.bold, soft)
