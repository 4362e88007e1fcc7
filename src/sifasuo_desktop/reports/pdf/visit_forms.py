"""谈话（走访）记录 and 跟踪考察表 (DOMAIN §8), filled from data or blank (``data=None``).

``visit_record_blocks`` / ``review_blocks`` return the blocks of one form, so the dossier bundle
can put every record of a person one after the other; ``render_*`` wraps one form into a PDF.
"""

from __future__ import annotations

from sifasuo_desktop.domain import codes
from sifasuo_desktop.reports.pdf.grid import (
    FILL,
    Block,
    Document,
    Grid,
    Keep,
    Paragraph,
    Ruled,
    Title,
    blank,
    choices,
    date_text,
    label,
    render,
    row,
    signature,
    value,
)
from sifasuo_desktop.reports.pdf.visit_data import PersonHeader, ReviewData, VisitRecordData

ROW = 8.5
COLUMNS = (16, 34, 16, 34)
REVIEW_COLUMNS = (16, 11, 23, 16, 34)
CONDUCT = ("思想", "遵纪守法", "就业收入", "家庭", "社会交往")
BLANK_RULED = 13                  # lines to write the conversation on, on a blank record


def _person_rows(person: PersonHeader | None, first: int = 1) -> list:
    """姓名/性别, 出生日期/类别, 公民身份号码, 住址; ``first`` is the span of the left values (the
    review form splits its left half in two for the 现实表现 sub-labels)."""
    p = person or PersonHeader("")
    category = p.category if person else choices(codes.CATEGORIES + codes.SUPERVISION_LEVELS)
    return [
        row(label("姓名"), value(p.name, span=first), label("性别"), value(p.sex if person else choices(("男", "女")))),
        row(label("出生日期"), value(p.birth_date if person else date_text(None), span=first), label("类别"),
            value(category)),
        row(label("公民身份号码"), value(p.id_number, span=first + 2)),
        row(label("住址"), value(" ".join(x for x in (p.village, p.address) if x), span=first + 2)),
    ]


def _conversation(text: str) -> list[Block]:
    """问/答 lines as hanging paragraphs; other lines as plain paragraphs."""
    blocks: list[Block] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        for mark in ("问", "答"):
            if line.startswith((f"{mark}：", f"{mark}:")):
                blocks.append(Paragraph(line[2:].strip(), hanging=f"{mark}："))
                break
        else:
            blocks.append(Paragraph(line, indent=2))
    return blocks


def visit_record_blocks(data: VisitRecordData | None) -> list[Block]:
    d = data
    rows = [
        row(label("时间"), value(d.visit_date if d else date_text(None)), label("方式"),
            value(d.visit_type if d else choices(t for t in codes.VISIT_TYPES if t != codes.VISIT_TYPE_REVIEW))),
        row(label("地点"), value(d.place if d else ""), label("谈话人"), value(d.staff if d else "")),
        row(label("记录人"), value(d.recorder if d else ""), label("参加人员"), value(d.participants if d else "")),
        *_person_rows(d.person if d else None),
    ]
    blocks: list[Block] = [Title("谈话（走访）记录"), Grid(rows, columns=COLUMNS, row_height=ROW)]
    if d is None:
        blocks += [Paragraph("谈话（走访）内容：", bold=True), Ruled(BLANK_RULED)]
    else:
        for heading, text in d.sections:
            blocks.append(Paragraph(text, hanging=f"{heading}："))
        if d.conversation:
            blocks += [Paragraph("谈话内容：", bold=True, space_before=2), *_conversation(d.conversation)]
        if not d.sections and not d.conversation:
            blocks.append(Paragraph("（未记录谈话内容）", indent=2))
    blocks.append(Keep([
        Paragraph("以上记录已向我宣读（本人已阅），与我所说相符。", indent=2, space_before=6),
        signature(f"被谈话人（签名并按指印）：{blank(7)}", f"日期：{date_text(None)}"),
        signature(f"谈话人：{blank(6)}", f"记录人：{blank(6)}"),
    ]))
    return blocks


def review_blocks(data: ReviewData | None) -> list[Block]:
    d = data
    conduct = dict(d.conduct) if d else {}
    rows = [
        *_person_rows(d.person if d else None, first=2),
        row(label("考察期"), value(d.period if d else f"{date_text(None)}至{date_text(None)}", span=4)),
        row(label("考察方式"), value(d.method if d else choices(("走访", "谈话", "电话", "书面汇报")), span=4)),
    ]
    rows.append(row(label("现实表现", rowspan=len(CONDUCT)), label(CONDUCT[0]), value(conduct.get(CONDUCT[0], ""), span=3),
                    height=16))
    rows += [row(label(name), value(conduct.get(name, ""), span=3), height=16) for name in CONDUCT[1:]]
    rows += [
        row(label("存在问题"), value(d.problems if d else "", span=4), height=18),
        row(label("帮教措施"), value(d.measures if d else "", span=4), height=18),
        row(label("帮教小组意见"), value(f"{d.group_opinion if d else ''}\n\n签名：{blank(6)}　{date_text(None)}",
                                        span=4), height=24),
        row(label("考察人"), value(d.reviewer if d else "", span=2), label("考察日期"),
            value(d.review_date if d else date_text(None))),
        row(label("司法所审核意见"), value(f"{d.office_opinion if d else ''}\n\n（盖章）　{date_text(None)}", span=4),
            height=FILL if d is None else 26),
    ]
    return [Title("跟踪考察表"), Grid(rows, columns=REVIEW_COLUMNS, row_height=ROW)]


def render_visit_record(data: VisitRecordData | None, office_name: str) -> bytes:
    return render(Document(blocks=visit_record_blocks(data), header=office_name, title="谈话（走访）记录"))


def render_review(data: ReviewData | None, office_name: str) -> bytes:
    return render(Document(blocks=review_blocks(data), header=office_name, title="跟踪考察表"))

