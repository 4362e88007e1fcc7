"""人民调解协议书 in the structure of DOMAIN §8: 编号; each party (姓名, 性别, 民族, 年龄, 职业或职务,
联系方式, 单位或住址); 纠纷主要事实、争议事项; 经调解，自愿达成如下协议 (numbered clauses);
履行方式、时限; 本协议一式N份 (N = parties + 1); a signature line per party; 人民调解员; 记录人;
人民调解委员会（印）; date.
"""

from __future__ import annotations

from sifasuo_desktop.domain.mediation import Case, copies_sentence
from sifasuo_desktop.reports.pdf.grid import (
    Block,
    Grid,
    Keep,
    Line,
    Paragraph,
    Ruled,
    Title,
    blank,
    clauses,
    label,
    render,
    row,
    signature,
    value,
)
from sifasuo_desktop.reports.pdf.mediation_forms import ROW, Committee, day_text, document, number_text, party_rows

BLANK_CLAUSE_LINES = 5


def _performance(case: Case) -> str:
    parts = [case.performance_method or ""]
    if case.performance_deadline:
        parts.append(f"履行期限：{day_text(case.performance_deadline)}前")
    return "；".join(p for p in parts if p) or "按上述协议内容履行。"


def agreement_blocks(case: Case | None, committee: Committee) -> list[Block]:
    rows = party_rows(case, on_day=case.agreement_date if case else None)
    rows.append(row(label("纠纷主要事实、争议事项", at=(0, 20)), value(case.summary if case else "", at=(20, 170)),
                    height=28 if case is None else 22))
    if case is None:
        body: list[Block] = [
            Paragraph("经调解，自愿达成如下协议：", space_before=3),
            Ruled(BLANK_CLAUSE_LINES),
            Paragraph("履行方式、时限：", space_before=3),
            Ruled(1),
            Paragraph(f"本协议一式{blank(2)}份，当事人、人民调解委员会各持一份。", indent=2, space_before=3),
        ]
        signers = [("申请人", ""), ("被申请人", "")]
    else:
        body = [
            Paragraph("经调解，自愿达成如下协议：", space_before=3),
            *clauses(list(case.clauses)),
            Paragraph(f"履行方式、时限：{_performance(case)}", space_before=2),
            Paragraph(copies_sentence(len(case.parties), committee.copies_extra), indent=2, space_before=2),
        ]
        signers = [(p.role, p.name) for p in case.parties]
    mediators = "、".join(case.mediators) if case else ""
    signatures = [
        *[signature(f"{role}：{name or blank(5)}　（签名盖章或按指印）{blank(6)}", align="left", space_before=3)
          for role, name in signers],
        signature(f"人民调解员（签名）：{mediators}　{blank(6)}", align="left", space_before=3),
        signature(f"记录人（签名）：{(case.recorder or '') if case else ''}　{blank(6)}", align="left", space_before=3),
        signature(f"{committee.committee_name}（印）", space_before=6),
        signature(day_text(case.agreement_date if case else None)),
    ]
    return [
        Title("人民调解协议书"),
        Line(right=f"编号：{number_text(case)}"),
        Grid(rows, row_height=ROW),
        *body,
        Keep(signatures),
    ]


def render_agreement(case: Case | None, committee: Committee) -> bytes:
    return render(document(committee, "人民调解协议书", agreement_blocks(case, committee)))
