"""The dossier bundle of one person (一人一档 案卷): cover (档案号, name, dates), 卷内目录 with page
numbers, then every document in order (the caller passes their blocks: registration form,
agreement, each visit record and review by date), and the list of attachments.

The page numbers of the 目录 come from laying the bundle out once (``grid.layout`` with an
``Anchor`` before each document) and rendering it again with the numbers filled in. With
``cover=None`` the cover and 目录 print blank, to be filled by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sifasuo_desktop.reports.pdf.grid import (
    Block,
    Document,
    Grid,
    Line,
    PageBreak,
    Paragraph,
    Spacer,
    Title,
    bundle,
    label,
    layout,
    render,
    row,
    value,
)
from sifasuo_desktop.reports.pdf.visit_data import AttachmentRow, BundleCover, BundleEntry

BLANK_CONTENTS_ROWS = 20
Documents = Sequence[tuple[BundleEntry, Sequence[Block]]]


def cover_blocks(cover: BundleCover | None, office_name: str) -> list[Block]:
    c = cover or BundleCover("", "")
    items = (("档 案 号", c.archive_no), ("姓　　名", c.name), ("性　　别", c.sex), ("公民身份号码", c.id_number),
             ("所属村(社区)", c.village), ("期　　限", c.term), ("建档日期", c.dossier_date),
             ("立卷日期", c.bound_date), ("保管期限", c.retention if cover else ""))
    return [
        Spacer(22),
        Title(office_name, size=20, space_after=8),
        Title(c.title if cover else "一 人 一 档", size=30, space_after=26),
        Grid([row(label(text, at=(15, 60)), value(val, at=(60, 155))) for text, val in items], row_height=14, size=14),
    ]


def contents_blocks(entries: Sequence[BundleEntry] | None, pages: Sequence[str] = (), archive_no: str = "") -> list[Block]:
    head = row(*(label(text) for text in ("序号", "文件材料名称", "日期", "页次", "备注")))
    if entries is None:
        body = [row(value(str(n), align="center"), value(""), value(""), value(""), value(""))
                for n in range(1, BLANK_CONTENTS_ROWS + 1)]
    else:
        body = [row(value(str(n), align="center"), value(e.title), value(e.date, align="center"),
                    value(pages[n - 1] if n <= len(pages) else "", align="center"), value(""))
                for n, e in enumerate(entries, start=1)]
    return [Title("卷内目录"), Line(right=f"档案号：{archive_no}"),
            Grid([head, *body], columns=(8, 60, 24, 14, 14), row_height=10, header_rows=1)]


def attachments_blocks(rows: Sequence[AttachmentRow]) -> list[Block]:
    blocks: list[Block] = [Title("附件清单")]
    if not rows:
        return [*blocks, Paragraph("本档案没有电子附件。", indent=2)]
    head = row(*(label(text) for text in ("序号", "文件名", "所属", "说明", "添加日期", "大小")))
    body = [row(value(str(n), align="center"), value(a.filename), value(a.belongs_to), value(a.description),
                value(a.added, align="center"), value(a.size, align="right"))
            for n, a in enumerate(rows, start=1)]
    return [*blocks, Grid([head, *body], columns=(7, 40, 28, 30, 18, 11), header_rows=1, size=9.5),
            Paragraph("附件的电子文件保存在本所数据库中，可在系统中打开或另存。", size=10.5)]


ATTACHMENTS_ENTRY = "附件清单"


def _bundle(cover: BundleCover, documents: Documents, attachments: Sequence[AttachmentRow], office_name: str,
            pages: Sequence[str]) -> Document:
    entries = [entry for entry, _blocks in documents] + [BundleEntry(ATTACHMENTS_ENTRY)]
    front = [*cover_blocks(cover, office_name), PageBreak(), *contents_blocks(entries, pages, cover.archive_no)]
    parts = [(str(n), doc_blocks) for n, (_entry, doc_blocks) in enumerate(documents)]
    blocks = bundle(front, [*parts, (str(len(documents)), attachments_blocks(attachments))])
    return Document(blocks=blocks, header=office_name, title=f"{cover.title}（{cover.name}）")


def render_bundle(cover: BundleCover, documents: Documents, attachments: Sequence[AttachmentRow],
                  office_name: str, progress: Callable[[str], None] = lambda _step: None) -> bytes:
    """The whole bundle as one PDF; ``progress`` hears "排版" and "生成PDF" as the work goes on."""
    progress("排版")
    spans = layout(_bundle(cover, documents, attachments, office_name, ())).spans()
    pages = [str(first) if first >= last else f"{first}-{last}"
             for first, last in (spans[str(n)] for n in range(len(documents) + 1))]
    progress("生成PDF")
    return render(_bundle(cover, documents, attachments, office_name, pages))


def render_blank_cover(office_name: str) -> bytes:
    """A blank cover and 卷内目录, to start a paper file by hand."""
    blocks = [*cover_blocks(None, office_name), PageBreak(), *contents_blocks(None)]
    return render(Document(blocks=blocks, header=office_name, title="一人一档封面及卷内目录"))
