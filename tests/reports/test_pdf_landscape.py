"""A4 landscape pages of the form engine (``Document(landscape=True)``), for wide registers."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from pdfcheck import compact, pdf_page_sizes, pdf_pages

from sifasuo_desktop.reports.pdf import layout as engine
from sifasuo_desktop.reports.pdf.grid import Document, Grid, Line, Ruled, Title, label, layout, render, row, value
from sifasuo_desktop.reports.pdf.text import text_width

HEADER = ("序号", "姓名", "住址")


def roster(count: int, landscape: bool, **options) -> Document:
    """A header row and ``count`` one-line rows of the 9 mm default height, nothing above them."""
    rows = [row(*(label(text) for text in HEADER))]
    rows += [row(value(str(i)), value(f"人员{i}号"), value("东街社区")) for i in range(1, count + 1)]
    return Document(header="测试镇司法所", blocks=[Grid(rows, columns=(1, 2, 4), header_rows=1, **options)],
                    landscape=landscape)


def outer_rects(document: Document) -> list[list[tuple]]:
    pages, _ = engine.paginate(document)
    return [[op[1:5] for op in ops if op[0] == "rect" and op[5] == engine.OUTER_LW] for ops in pages]


def test_landscape_pages_are_a4_turned_and_portrait_stays_the_default():
    assert pdf_page_sizes(render(roster(60, landscape=True))) == [(297, 210)] * 4
    assert pdf_page_sizes(render(roster(60, landscape=False))) == [(210, 297)] * 3
    assert Document(blocks=[]).landscape is False


def test_rows_per_page_follow_the_lower_landscape_page():
    # text area 210 - 18 - 16 = 176 mm high: 19 rows of 9 mm, the header and 18 rows per page
    # (portrait: 297 - 18 - 16 = 263 mm, 29 rows: the header and 28)
    pages = [compact(p) for p in pdf_pages(render(roster(54, landscape=True)))]
    assert len(pages) == 3
    for number, page in enumerate(pages):
        assert page.count("序号姓名住址") == 1
        numbers = [int(n) for n in re.findall(r"人员(\d+)号", page)]
        assert numbers == list(range(18 * number + 1, 18 * number + 19))
        assert f"第{number + 1}页共3页" in page and "测试镇司法所" in page
    assert layout(roster(54, landscape=False)).page_count == 2


def test_the_table_spans_the_landscape_text_width():
    for landscape, width_mm in ((True, 257), (False, 170)):
        rects = outer_rects(roster(5, landscape=landscape))
        [[(x, _top, width, _height)]] = rects
        assert x == pytest.approx(engine.LEFT)
        assert width == pytest.approx(width_mm * engine.MM)


def test_columns_are_shared_out_over_the_wider_page():
    doc = Document([Grid([row(label("甲"), label("乙"))], columns=(1, 1))], landscape=True)
    pages, _ = engine.paginate(doc)
    cell_edges = sorted({op[1] for op in pages[0] if op[0] == "rect" and op[5] == engine.INNER_LW})
    assert cell_edges == pytest.approx([engine.LEFT, engine.LEFT + 128.5 * engine.MM])


def test_lines_titles_and_rules_use_the_landscape_width():
    right = "受理期间：2026年1月1日至2026年12月31日"
    doc = Document([Title("人民调解案件登记簿"), Line(left="调解组织：城关镇人民调解委员会", right=right), Ruled(1)],
                   landscape=True)
    pages, _ = engine.paginate(doc)
    texts = {op[3]: op[1] for op in pages[0] if op[0] == "text"}
    [rule] = [op for op in pages[0] if op[0] == "hline"]
    right_edge = engine.LEFT + 257 * engine.MM
    assert rule[1:3] == pytest.approx((engine.LEFT, right_edge))
    assert texts[right] + text_width(right, 10.5) == pytest.approx(right_edge)
    title_centre = texts["人民调解案件登记簿"] + text_width("人民调解案件登记簿", 18) / 2
    assert title_centre == pytest.approx(engine.LEFT + 128.5 * engine.MM)


def footer_centre_mm(pdf: bytes) -> float:
    """The middle of the page number line on page 1, in mm from the left edge (pdftotext -bbox)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
    bottom = max(float(y) for _x0, y, _x1, _w in words)
    line = [(float(x0), float(x1)) for x0, y, x1, _w in words if float(y) == bottom]
    return (min(x0 for x0, _ in line) + max(x1 for _, x1 in line)) / 2 * 25.4 / 72


def test_page_number_is_centred_on_the_landscape_page():
    assert footer_centre_mm(render(roster(3, landscape=True))) == pytest.approx(148.5, abs=1)
    assert footer_centre_mm(render(roster(3, landscape=False))) == pytest.approx(105, abs=1)
