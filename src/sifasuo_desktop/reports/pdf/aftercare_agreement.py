"""安置帮教协议书 (DOMAIN §8): four parties (司法所, 村(居)帮教人员, 家属, 本人), the obligations as
editable boilerplate (``AgreementData.sections``, from resources/forms or the office's own text),
the term, 一式N份 and a signature line per party. Filled from data, or blank (``parties`` empty).
"""

from __future__ import annotations

from sifasuo_desktop.reports.pdf.grid import (
    Block,
    Document,
    Grid,
    Keep,
    Line,
    Paragraph,
    Title,
    blank,
    chinese_number,
    choices,
    clauses,
    date_text,
    label,
    render,
    row,
    value,
)
from sifasuo_desktop.reports.pdf.visit_data import AgreementData, Party

ROLES = ("甲方（司法所）", "乙方（村(居)帮教人员）", "丙方（家属）", "丁方（帮教对象）")
SIGNERS = ("甲方（盖章）", "乙方（签名）", "丙方（签名）", "丁方（签名并按指印）")
DETAIL_LABELS = ("负责人", "所属村(社区)", "与丁方关系", "公民身份号码")


def _party_rows(parties: tuple[Party, ...]) -> list:
    people = parties or tuple(Party(role) for role in ROLES)
    rows = []
    for party, detail in zip(people, DETAIL_LABELS):
        rows.append(row(label(party.role, rowspan=2), label("名称" if party.role == ROLES[0] else "姓名"),
                        value(party.name), label("联系电话"), value(party.phone)))
        rows.append(row(label(detail), value(party.detail, span=3)))
    return rows


def _copies_note(extra: int) -> str:
    note = "甲、乙、丙、丁四方各执一份"
    return note + (f"，{chinese_number(extra)}份报县（区）安置帮教工作办公室备案" if extra > 0 else "")


def agreement_blocks(data: AgreementData) -> list[Block]:
    filled = bool(data.parties)
    copies = chinese_number(len(ROLES) + data.copies_extra)
    blocks: list[Block] = [
        Title("安置帮教协议书"),
        Line(right=f"编号：{data.number or blank(6)}"),
        Grid(_party_rows(data.parties), columns=(22, 17, 30, 14, 27), row_height=8.5),
        Grid([row(label("帮教期限"), value(data.term_text if filled else f"自{date_text(None)}起至{date_text(None)}止"),
                  label("帮教类别"), value(data.category if filled else choices(("重点", "一般"))))],
             columns=(22, 58, 14, 16), row_height=8.5),
    ]
    if data.preamble:
        blocks.append(Paragraph(data.preamble, indent=2))
    for section in data.sections:
        blocks.append(Paragraph(section.heading, bold=True, space_before=1.5))
        blocks += clauses(section.clauses, style="arabic")
    blocks.append(Paragraph(f"本协议一式{copies}份，{_copies_note(data.copies_extra)}，具有同等效力。", indent=2,
                            space_before=1.5))
    signs = [row(label(signer), value(""), label("日期"), value(date_text(None))) for signer in SIGNERS]
    blocks.append(Keep([Grid(signs, columns=(30, 38, 10, 32), row_height=15, space_after=0)]))
    return blocks


def render_agreement(data: AgreementData) -> bytes:
    return render(Document(blocks=agreement_blocks(data), header=data.office_name, title="安置帮教协议书"))
