"""Drawing laid-out pages with reportlab: page header, operations, "第 N 页 共 M 页"."""

from __future__ import annotations

import io
import logging

from sifasuo_desktop.reports.pdf import fonts
from sifasuo_desktop.reports.pdf import grid as g
from sifasuo_desktop.reports.pdf.page import LEFT, MM, page_of
from sifasuo_desktop.reports.pdf.text import draw_text, text_width

log = logging.getLogger(__name__)


def paint(document: g.Document, pages: list[list[tuple]]) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    page = page_of(document)
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(page.width, page.height), pageCompression=1,
               initialFontName=fonts.main_font())
    c.setTitle(document.title or document.header)
    c.setCreator("司法所桌面系统")
    total = len(pages)
    for number, ops in enumerate(pages, start=1):
        if document.header:
            draw_text(c, LEFT, page.height - 11 * MM, document.header, 9)
        for op in ops:
            _paint_op(c, op, page.height)
        if document.page_numbers:
            footer = f"第 {number} 页 共 {total} 页"
            draw_text(c, (page.width - text_width(footer, 9)) / 2, 8 * MM, footer, 9)
        c.showPage()
    c.save()
    return buffer.getvalue()


def _paint_op(c, op: tuple, page_h: float) -> None:
    """One operation; ``y`` is measured down from the top, reportlab measures up from the bottom."""
    kind = op[0]
    if kind == "text":
        _, x, y, text, size, bold, gray, char_space = op
        if gray:
            c.setFillGray(0.55)
        draw_text(c, x, page_h - y, text, size, bold, char_space)
        if gray:
            c.setFillGray(0)
    elif kind == "rect":
        _, x, y, w, h, lw = op
        c.setLineWidth(lw)
        c.rect(x, page_h - y - h, w, h, stroke=1, fill=0)
    elif kind == "hline":
        _, x1, x2, y, lw = op
        c.setLineWidth(lw)
        c.line(x1, page_h - y, x2, page_h - y)
    elif kind == "image":
        _, data, x, y, w, h = op
        try:
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(io.BytesIO(data)), x, page_h - y - h, w, h,
                        preserveAspectRatio=True, anchor="c")
        except Exception as exc:  # a damaged photo must not stop the form from printing
            log.warning("照片无法绘制: %s", exc)

