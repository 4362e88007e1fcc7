"""The 卷宗 of a mediation case: cover, 卷内目录 (official order, completeness marks, page numbers),
卷内备考表 (封底), the whole file as one PDF, and the 人民调解案件登记簿 (A4 landscape).

The whole file is laid out twice: once to learn on which page each document starts (anchors),
then again with those page numbers in the 目录. Numbering starts after the 目录 and counts the
paper documents (身份证明, 证据 ...) that the clerk files between the printed ones.
"""

from __future__ import annotations

from datetime import date

from sifasuo_desktop.domain import mediation_file as mf
from sifasuo_desktop.domain.mediation import FORM_WRITTEN, REGISTER_COLUMNS, RESULT_SUCCESS, Case, RegisterRow
from sifasuo_desktop.reports.pdf.grid import (
    Block,
    Document,
    Grid,
    Line,
    PageBreak,
    Paragraph,
    Spacer,
    Title,
    blank,
    bundle,
    label,
    layout,
    render,
    row,
    value,
)
from sifasuo_desktop.reports.pdf.mediation_agreement import agreement_blocks
from sifasuo_desktop.reports.pdf.mediation_forms import (
    Committee,
    application_blocks,
    day_text,
    document,
    followup_blocks,
    record_blocks,
    registration_blocks,
    rights_blocks,
)


def cover_number(case: Case | None) -> str:
    """``（2026）城关镇人调字第12号``; blank: ``（　　）　　人调字第　　号``."""
    if case is None or case.year is None:
        return "（　　　）　　　　人调字第　　　号"
    prefix = case.number_prefix or "人调字"
    return f"（{case.year}）{prefix}第{case.seq}号"


def _period(case: Case) -> str:
    start = day_text(case.acceptance_date)
    return f"{start} 至 {day_text(case.concluded_date)}" if case.concluded_date else f"{start} 起"


def cover_blocks(case: Case | None, committee: Committee) -> list[Block]:
    cause = f"{'、'.join(p.name for p in case.parties)}{case.dispute_type}纠纷" if case else ""
    items = [
        ("案　　由", cause),
        ("人民调解员", "、".join(case.mediators) if case else ""),
        ("调解日期", _period(case) if case else ""),
        ("调解结果", case.result if case else ""),
        ("立 卷 人", (case.filer or "") if case else ""),
        ("保管期限", (case.retention or "") if case else ""),
    ]
    return [
        Spacer(20),
        Title(committee.committee_name, size=20, space_after=8),
        Title("人 民 调 解 卷 宗", size=30, space_after=10),
        Paragraph(cover_number(case), align="center", size=16, space_after=24),
        Grid([row(label(text, at=(15, 55)), value(val, at=(55, 155))) for text, val in items],
             row_height=15, size=14),
    ]


def contents_blocks(case: Case | None, entries: list[mf.FileEntry] | None = None) -> list[Block]:
    """卷内目录: the 13 documents in the official order with 页次 and 有/缺/无."""
    if case is None:
        rows = [row(value(str(seq), align="center"), value(title), value(""), value(""), value(""))
                for seq, title in enumerate(mf.ORDER, start=1)]
        summary: list[Block] = []
    else:
        entries = entries if entries is not None else mf.contents(case)
        rows = [row(value(str(e.seq), align="center"), value(_entry_title(case, e)), value(e.page_range, align="center"),
                    value(e.mark, align="center", bold=e.mark == mf.MARK_MISSING),
                    value("应有" if e.required else "", align="center")) for e in entries]
        missing = [e.title for e in entries if e.required and not e.present]
        summary = [Paragraph(f"尚缺应有材料：{'、'.join(missing)}。" if missing else "应有材料齐全。", space_before=3)]
    head = row(*(label(text) for text in ("序号", "文件材料名称", "页次", "情况", "备注")))
    return [
        Title("卷内目录"),
        Line(right=f"卷宗号：{cover_number(case)}"),
        Grid([head, *rows], columns=(10, 70, 18, 12, 14), row_height=11.5, header_rows=1),
        *summary,
    ]


def _entry_title(case: Case, entry: mf.FileEntry) -> str:
    if entry.title == mf.APPLICATION:
        return f"{entry.title}（{mf.application_title(case)}）"
    return entry.title


def back_cover_blocks(case: Case | None, entries: list[mf.FileEntry] | None = None) -> list[Block]:
    """卷内备考表, the last sheet of the file."""
    if case is None:
        note = f"本卷共有文件材料{blank(2)}件，共{blank(2)}页。"
        filer = ""
    else:
        entries = entries if entries is not None else mf.contents(case)
        present = [e for e in entries if e.present]
        pages = sum(e.pages or 0 for e in present)
        note = f"本卷共有文件材料{len(present)}件" + (f"，共{pages}页。" if pages else "。")
        missing = [e.title for e in entries if e.required and not e.present]
        if missing:
            note += f"\n尚缺：{'、'.join(missing)}。"
        filer = case.filer or ""
    return [
        Title("卷内备考表"),
        Line(right=f"卷宗号：{cover_number(case)}"),
        Grid([
            row(label("本卷情况说明", at=(0, 30)), value(note, at=(30, 170)), height=110),
            row(label("立卷人", at=(0, 30)), value(filer, at=(30, 85)), label("检查人", at=(85, 115)), value("", at=(115, 170))),
            row(label("立卷日期", at=(0, 30)), value("", at=(30, 85)), label("检查日期", at=(85, 115)),
                value("", at=(115, 170))),
        ], row_height=11),
    ]


def _documents(case: Case, committee: Committee) -> list[tuple[str, list[Block]]]:
    """The printed documents of the file in the official order: (目录 title, blocks)."""
    first = application_blocks if mf.application_title(case) == "人民调解申请书" else registration_blocks
    docs = [(mf.APPLICATION, first(case, committee)), (mf.RIGHTS, rights_blocks(case, committee))]
    docs += [(mf.INVESTIGATION, record_blocks(case, r, "调查", committee)) for r in case.records_of("调查")]
    docs += [(mf.MEDIATION, record_blocks(case, r, "调解", committee)) for r in case.records_of("调解")]
    if case.result == RESULT_SUCCESS and case.agreement_form == FORM_WRITTEN and case.clauses:
        docs.append((mf.AGREEMENT, agreement_blocks(case, committee)))
    docs += [(mf.FOLLOWUP, followup_blocks(case, f, committee)) for f in case.followups]
    return docs


def _whole(case: Case, committee: Committee, entries: list[mf.FileEntry]) -> Document:
    front = [*cover_blocks(case, committee), PageBreak(), *contents_blocks(case, entries)]
    parts = [(f"{index}:{title}", doc_blocks) for index, (title, doc_blocks) in enumerate(_documents(case, committee))]
    blocks = bundle(front, [*parts, (f"end:{mf.BACK_COVER}", back_cover_blocks(case, entries))])
    return Document(blocks=blocks, header=committee.office_name, page_numbers=False, title="人民调解卷宗")


def render_whole_file(case: Case, committee: Committee) -> bytes:
    """Cover, 目录 with page numbers, every printed document, 备考表: one PDF."""
    pages: dict[str, int] = {}
    for key, (first, last) in layout(_whole(case, committee, mf.contents(case))).spans().items():
        title = key.split(":", 1)[1]
        pages[title] = pages.get(title, 0) + last - first + 1
    return render(_whole(case, committee, mf.contents(case, pages)))


def render_cover(case: Case | None, committee: Committee) -> bytes:
    return render(document(committee, "人民调解卷宗封面", cover_blocks(case, committee)))


def render_contents(case: Case | None, committee: Committee) -> bytes:
    return render(document(committee, "卷内目录", contents_blocks(case)))


def render_back_cover(case: Case | None, committee: Committee) -> bytes:
    return render(document(committee, "卷内备考表", back_cover_blocks(case)))


# --- 人民调解案件登记簿 ---------------------------------------------------------------------
# A4 landscape with the 16 columns of the screen (domain.mediation.REGISTER_COLUMNS), widths in mm
# of the 257 mm page width. At 六号 each of these fits on one line: a date, an amount up to
# 1234567.89, a source (当事人申请), a code (婚姻家庭, 部分履行), the 编号 prefix (城关镇人调字);
# names, the summary and notes wrap.

REGISTER_WIDTHS = {
    "编号": 19, "受理日期": 16.5, "案件来源": 16.5, "纠纷类型": 13.5, "申请人": 16.5, "被申请人": 16.5,
    "纠纷简要情况": 29.5, "调解员": 13.5, "调解结果": 11, "结案日期": 16.5, "协议形式": 9, "协议金额(元)": 16.5,
    "履行情况": 13.5, "回访日期": 16.5, "司法确认日期": 16.5, "备注": 16,
}
REGISTER_SIZE = 7.5  # pt (六号)
REGISTER_BLANK_ROWS = 10  # ruled rows of a blank register page, 14 mm high


def _register_text(header: str, text: str) -> str:
    """编号 broken where it reads well: 城关镇人调字 / 〔2026〕 / 第12号."""
    if header == "编号":
        return text.replace("〔", "\n〔").replace("〕第", "〕\n第").lstrip("\n")
    return text


def register_document(rows: list[RegisterRow], committee: Committee, start: date | None,
                      end: date | None) -> Document:
    """The register of the cases accepted in the period; blank (ruled rows) without rows."""
    period = f"{day_text(start)} 至 {day_text(end)}" if start and end else f"{blank(10)} 至 {blank(10)}"
    head = row(*(label(header, bold=True) for header, _text in REGISTER_COLUMNS))
    body = [row(*(value(_register_text(header, text(r))) for header, text in REGISTER_COLUMNS)) for r in rows]
    if not rows:
        body = [row(*(value("") for _ in REGISTER_COLUMNS), height=14) for _ in range(REGISTER_BLANK_ROWS)]
    widths = [REGISTER_WIDTHS[header] for header, _text in REGISTER_COLUMNS]
    grid = Grid([head, *body], columns=widths, row_height=9, size=REGISTER_SIZE, header_rows=1)
    return Document(blocks=[
        Title("人民调解案件登记簿"),
        Line(left=f"调解组织：{committee.committee_name}", right=f"受理期间：{period}"),
        grid,
    ], header=committee.office_name, title="人民调解案件登记簿", landscape=True)


def render_register(rows: list[RegisterRow], committee: Committee, start: date | None, end: date | None) -> bytes:
    return render(register_document(rows, committee, start, end))
