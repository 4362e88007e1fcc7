"""Declarative A4 forms: bordered grids, free text, signature lines, page numbers.

A printed form is a ``Document``: blocks laid out top to bottom, flowing onto as many pages as
needed, the office name at the top of every page and "第 N 页 共 M 页" at the bottom. Pages are A4
portrait; ``Document(..., landscape=True)`` prints on A4 landscape (for registers with many
columns): the margins stay, the text width grows from 170 to 257 mm, and every block (titles,
lines, grids, rules) spans it.
``render(document) -> bytes`` gives the PDF. All text goes through ``fonts.split_runs``, so rare
characters (生僻字) print with a fallback font; ``fonts.missing_glyphs(text)`` names the ones no
font has (tell the user before printing).

Blocks (lengths in mm, text sizes in pt)::

    Title(text)                  centred, bold, 18 pt
    Line(left, center, right)    one line in up to three parts: 填表单位：…  编号：…  填表日期：…
    Grid(rows, columns=())       a bordered table (below)
    Paragraph(text, indent=2, hanging="问：", align="left", size=12)   free text, flows over pages
    Ruled(count)                 empty ruled lines to write on
    Spacer(mm), PageBreak(), Keep([blocks]) (kept on one page), Anchor(key) (see ``layout``)

Grids. ``row(*cells, height=mm)``: ``height`` is the minimum height (room to write by hand on a
blank form; ``FILL`` reaches the bottom of the page); rows grow to fit wrapped text. Cells:
``label(text)`` centred, ``value(text)`` left-aligned and justified (top-aligned in tall rows),
``photo(jpeg_or_png_bytes_or_None)`` a photo box; each takes ``span``, ``rowspan``, ``align``,
``valign``, ``size``, ``bold``. Two ways to place cells:

* ``Grid(rows, columns=(1, 2, 1, 2))``: relative column widths; cells fill the free columns left
  to right, spanning ``span`` columns and ``rowspan`` rows (as in HTML, a row lists only the cells
  that start in it). Best for tables: rosters, registers, 7号表.
* ``Grid(rows)`` without columns: every cell gives its edges, ``label("姓名", at=(0, 20))``, in mm
  across the 170 mm text width of a portrait page (other units, or a landscape page, are scaled). For forms whose rows divide the width
  differently; ``fields(stops, (label, value), ..., end=170)`` makes a row of label/value cells
  from the left edges of each cell.

``Grid(header_rows=1)`` repeats the first rows on every page the grid continues on. A single row
taller than the rest of the page is split across pages, its labels repeated with "（续）"; rows
joined by a rowspan stay together. A grid whose rows do not add up raises ValueError naming the
row.

Helpers: ``qa(q, a)`` (问：/答： paragraphs), ``clauses(items)`` (一、二、… with wrapped lines
aligned after the number), ``signature(*parts)`` (a right-aligned signature line), ``blank(n)``
(an underline n characters wide), ``date_text(value)`` (the value, or "　　年　月　日" to fill in),
``choices(options)`` (tick boxes □是　□否 that never break inside an option),
``chinese_number(n)``.

Example (a record form)::

    doc = Document(header=office_name, title="谈话记录", blocks=[
        Title("谈话（走访）记录"),
        Grid(columns=(1, 2, 1, 2), rows=[
            row(label("时间"), value(when), label("地点"), value(where)),
            row(label("谈话人"), value(who), label("记录人"), value(writer)),
            row(label("谈话对象"), value(name, span=3)),
        ]),
        *[p for q, a in answers for p in qa(q, a)],
        Keep([signature(f"被谈话人（签名并按指印）：{blank(8)}"),
              signature(f"日期：{date_text(None)}")]),
    ])
    pdf_bytes = render(doc)

``layout(document)`` returns the page count and the page each ``Anchor`` landed on: for a
contents list with page numbers (卷内目录), put the documents together with ``bundle(front, parts)``,
lay it out once, read each part's pages from ``Layout.spans()``, fill the numbers in, render.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Union

from sifasuo_desktop.reports.pdf.text import WORD_JOINER

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Cell:
    text: str = ""
    span: int = 1
    rowspan: int = 1
    kind: Literal["label", "value", "photo"] = "value"
    align: Align | None = None  # default: labels centred, values left
    valign: Literal["top", "middle"] | None = None  # default: middle; values in tall rows: top
    size: float | None = None  # default: the grid's size
    bold: bool = False
    image: bytes | None = None  # photo cells: JPEG/PNG bytes, scaled into the box
    at: tuple[float, float] | None = None  # (left, right) edges, for grids without columns


def label(text: str, span: int = 1, rowspan: int = 1, **options) -> Cell:
    return Cell(text, span, rowspan, kind="label", **options)


def value(text: str | None, span: int = 1, rowspan: int = 1, **options) -> Cell:
    return Cell(text or "", span, rowspan, kind="value", **options)


def photo(image: bytes | None = None, span: int = 1, rowspan: int = 1, text: str = "照片",
          **options) -> Cell:
    return Cell(text, span, rowspan, kind="photo", image=image, **options)


def fields(stops: Sequence[float], *items: tuple[str, str | None], end: float = 170) -> list[Cell]:
    """Label/value cells on given edges (grids without columns): ``stops`` are the left edges of
    label, value, label, value, ... and ``end`` the right edge of the last value.

    ``row(fields((0, 17, 42, 59), ("姓名", name), ("性别", sex)))`` puts 姓名 at 0–17, its value
    at 17–42, 性别 at 42–59 and its value at 59–170."""
    edges = [*stops[: 2 * len(items)], end]
    if len(edges) != 2 * len(items) + 1:
        raise ValueError(f"{len(items)} 个字段需要 {2 * len(items)} 个左边界，只给了 {len(stops)} 个")
    cells: list[Cell] = []
    for i, (text, val) in enumerate(items):
        cells.append(label(text, at=(edges[2 * i], edges[2 * i + 1])))
        cells.append(value(val, at=(edges[2 * i + 1], edges[2 * i + 2])))
    return cells


FILL = -1.0  # a row height: grow to the bottom of the page (the last row of a blank page)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    height: float = 0.0  # minimum height in mm; 0 = the grid's row_height; FILL


def row(*cells: Cell | Iterable[Cell], height: float = 0.0) -> Row:
    """A grid row; lists of cells (e.g. from ``fields``) are flattened."""
    flat: list[Cell] = []
    for cell in cells:
        flat += [cell] if isinstance(cell, Cell) else list(cell)
    return Row(tuple(flat), height)


@dataclass(frozen=True)
class Grid:
    rows: Sequence[Row]
    columns: Sequence[float] = ()  # relative widths; () = derived from the cells' ``at`` edges
    row_height: float = 9.0  # default minimum row height, mm
    size: float = 10.5  # text size, pt (五号)
    header_rows: int = 0  # rows repeated at the top of every page the grid continues on
    space_after: float = 3.0  # mm below the table


@dataclass(frozen=True)
class Title:
    text: str
    size: float = 18.0
    space_after: float = 4.0


@dataclass(frozen=True)
class Line:
    """One line of up to three parts: left-aligned, centred and right-aligned."""

    left: str = ""
    center: str = ""
    right: str = ""
    size: float = 10.5
    space_after: float = 1.5


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: float = 0.0  # first-line indent, in characters
    hanging: str = ""  # a prefix (问：/ 一、) after which wrapped lines are aligned
    align: Align = "left"
    size: float = 12.0  # 小四
    bold: bool = False
    leading: float = 1.6  # line height as a multiple of the size
    space_before: float = 0.0
    space_after: float = 1.0


@dataclass(frozen=True)
class Ruled:
    """``count`` empty lines ruled across the page, to write on."""

    count: int
    spacing: float = 9.0


@dataclass(frozen=True)
class Spacer:
    height: float


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Anchor:
    """Records the page it lands on (see ``layout``); draws nothing."""

    key: str


@dataclass(frozen=True)
class Keep:
    """Blocks kept on one page (e.g. a group of signature lines): moved to a new page if needed."""

    blocks: Sequence["Block"]


Block = Union[Title, Line, Grid, Paragraph, Ruled, Spacer, PageBreak, Anchor, Keep]


@dataclass(frozen=True)
class Document:
    blocks: Sequence[Block]
    header: str = ""  # the office name, printed at the top of every page
    page_numbers: bool = True  # "第 N 页 共 M 页" at the bottom
    title: str = ""  # PDF metadata
    landscape: bool = False  # A4 landscape: wide registers; grids and lines span the wider page


@dataclass(frozen=True)
class Layout:
    page_count: int
    anchors: dict[str, int] = field(default_factory=dict)  # key -> page number (from 1)

    def spans(self) -> dict[str, tuple[int, int]]:
        """Anchor key -> (first page, last page) of the part it starts; a part runs to the page
        before the next anchor's (or to the last page)."""
        starts = sorted(self.anchors.items(), key=lambda item: item[1])
        ends = [page - 1 for _key, page in starts[1:]] + [self.page_count]
        return {key: (page, end) for (key, page), end in zip(starts, ends)}


def qa(question: str, answer: str, labels: tuple[str, str] = ("问", "答")) -> list[Paragraph]:
    """A question and its answer as two paragraphs (谈话记录, 调查记录)."""
    return [
        Paragraph(question, hanging=f"{labels[0]}："),
        Paragraph(answer, hanging=f"{labels[1]}："),
    ]


_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (up to 99)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (_NUMERALS[ones - 1] if ones else "")


def clauses(items: Sequence[str], style: Literal["chinese", "arabic"] = "chinese") -> list[Paragraph]:
    """Numbered clauses: 一、… 二、… (or 1. 2.), wrapped lines aligned after the number."""
    paragraphs = []
    for i, text in enumerate(items, start=1):
        number = f"{chinese_number(i)}、" if style == "chinese" else f"{i}. "
        paragraphs.append(Paragraph(text, hanging=number))
    return paragraphs


def choices(options: Iterable[str]) -> str:
    """Tick boxes for a blank form: ``□重点　□一般``."""
    return "　".join(WORD_JOINER.join(f"□{option}") for option in options)


def blank(width: int = 8) -> str:
    """An underline to write on, ``width`` characters wide."""
    return "_" * (2 * width)


def date_text(value: str | None = None) -> str:
    """The formatted date, or a blank date to fill in by hand."""
    return value or "　　　　年　　月　　日"


def signature(*parts: str, align: Align = "right", space_before: float = 6.0) -> Paragraph:
    """A signature line, parts separated by wide spaces: ``signature("签名：____", "日期：…")``."""
    return Paragraph("　　".join(parts), align=align, space_before=space_before)


def bundle(front: Sequence[Block], parts: Iterable[tuple[str, Sequence[Block]]]) -> list[Block]:
    """``front`` (cover, 目录), then each (key, blocks) part from a new page behind ``Anchor(key)``."""
    blocks = list(front)
    for key, part in parts:
        blocks += [PageBreak(), Anchor(key), *part]
    return blocks


def layout(document: Document) -> Layout:
    from sifasuo_desktop.reports.pdf import layout as engine

    pages, anchors = engine.paginate(document)
    return Layout(len(pages), anchors)


def render(document: Document) -> bytes:
    """The document as A4 PDF bytes, with embedded font subsets."""
    from sifasuo_desktop.reports.pdf import layout as engine
    from sifasuo_desktop.reports.pdf import paint

    pages, _ = engine.paginate(document)
    return paint.paint(document, pages)
