"""人民调解 forms (DOMAIN §8, the 司法部 format family), filled from a case or blank (``case=None``).

Every form is a function returning its blocks, so the whole 卷宗 can put them one after the
other (mediation_file.py); ``render_<form>`` wraps one form into a PDF. The data is the domain
``Case`` as stored; dates print as ``2026年11月24日``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sifasuo_desktop.domain.dates import chinese_date
from sifasuo_desktop.domain.mediation import ROLE_APPLICANT, ROLE_RESPONDENT, Case, Followup, Party, Record
from sifasuo_desktop.reports.pdf.grid import (
    Block,
    Document,
    Grid,
    Keep,
    Line,
    Paragraph,
    Title,
    blank,
    choices,
    date_text,
    fields,
    label,
    render,
    row,
    signature,
    value,
)

ROW = 8.5  # mm, one line of a grid


@dataclass(frozen=True)
class Committee:
    """Who prints: the office (page header) and its 人民调解委员会."""

    office_name: str
    committee_name: str
    copies_extra: int = 1     # 协议书 copies = parties + this


def day_text(day: date | None) -> str:
    return chinese_date(day, date_text(None))


def number_text(case: Case | None) -> str:
    return case.number if case is not None and case.number else f"{blank(4)}〔{blank(2)}〕第{blank(2)}号"


def document(committee: Committee, title: str, blocks: list[Block]) -> Document:
    return Document(blocks=blocks, header=committee.office_name, title=title)


def _party_cells(party: Party, on_day: date | None, role_label: str) -> list:
    """Three rows for one party: 姓名 性别 民族 年龄 / 职业或职务 联系方式 / 单位或住址."""
    age = party.age_on(on_day) if on_day else party.age
    return [
        row(label(role_label, rowspan=3, at=(0, 16)),
            fields((16, 30, 66, 78, 90, 102, 122, 134), ("姓名", party.name), ("性别", party.sex),
                   ("民族", party.ethnicity_name), ("年龄", "" if age is None else str(age)))),
        row(fields((16, 40, 100, 122), ("职业或职务", party.occupation), ("联系方式", party.phone))),
        row(fields((16, 40), ("单位或住址", party.address))),
    ]


def party_rows(case: Case | None, roles: tuple[str, ...] = (ROLE_APPLICANT, ROLE_RESPONDENT),
               on_day: date | None = None) -> list:
    """The parties of the given roles (one blank party per role on a blank form)."""
    rows = []
    for role in roles:
        parties = case.parties_in(role) if case is not None else (Party(role=role, name=""),)
        for party in parties:
            rows += _party_cells(party, on_day, role)
    return rows


def _text_row(title: str, text: str | None, height: float) -> object:
    return row(label(title, at=(0, 20)), value(text, at=(20, 170)), height=height)


def _parties_line(case: Case) -> str:
    return "、".join(p.name for p in case.parties)


# --- 申请书 and 受理登记表 ------------------------------------------------------------------

def application_blocks(case: Case | None, committee: Committee) -> list[Block]:
    """人民调解申请书."""
    rows = party_rows(case, on_day=case.acceptance_date if case else None)
    rows.append(_text_row("纠纷事实及申请事项", case.summary if case else "", 70 if case is None else 40))
    return [
        Title("人民调解申请书"),
        Line(right=f"编号：{number_text(case)}"),
        Grid(rows, row_height=ROW),
        Paragraph(f"申请人自愿申请{committee.committee_name}调解上述纠纷，保证所述事实真实。", indent=2,
                  space_before=4),
        Keep([
            signature(f"申请人（签名盖章或按指印）：{blank(8)}"),
            signature(day_text(case.acceptance_date if case else None)),
        ]),
    ]


def _source_text(case: Case | None) -> str:
    if case is None:
        return choices(["当事人申请", "主动调解", "委托移送"])
    return case.source + (f"（{case.referring_organ}）" if case.referring_organ else "")


def registration_blocks(case: Case | None, committee: Committee) -> list[Block]:
    """人民调解受理登记表."""
    amount = "" if case is None or case.amount_involved is None else f"{case.amount_involved:.2f}元"
    people = "" if case is None or case.people_involved is None else f"{case.people_involved}人"
    head = [
        row(fields((0, 20, 62, 82), ("受理日期", day_text(case.acceptance_date) if case else ""),
                   ("案件来源", _source_text(case)))),
        row(fields((0, 20, 62, 82, 112, 132), ("纠纷类型", case.dispute_type if case else ""),
                   ("涉及金额", amount), ("涉及人数", people))),
    ]
    tail = [
        _text_row("纠纷简要情况", case.summary if case else "", 60 if case is None else 30),
        row(fields((0, 20, 100, 120), ("调解员", "、".join(case.mediators) if case else ""),
                   ("记录人", case.recorder if case else ""))),
        _text_row("受理意见", "" if case is None else "符合受理条件，予以受理。", 18),
    ]
    return [
        Title("人民调解受理登记表"),
        Line(left=f"受理单位：{committee.committee_name}", right=f"编号：{number_text(case)}"),
        Grid([*head, *party_rows(case, on_day=case.acceptance_date if case else None), *tail], row_height=ROW),
        signature(f"登记人：{(case.recorder if case else '') or blank(6)}",
                  f"登记日期：{day_text(case.acceptance_date if case else None)}"),
    ]


# --- 当事人权利义务告知书 -----------------------------------------------------------------------

RIGHTS_TEXT = [
    "人民调解是在人民调解委员会主持下，以国家法律、法规、规章、政策和社会公德为依据，对民间纠纷当事人进行"
    "说服教育、规劝疏导，促使纠纷各方当事人互谅互让，平等协商，自愿达成协议，消除纷争的活动。",
    "依照《中华人民共和国人民调解法》的规定，当事人在人民调解活动中享有下列权利：",
    "（一）选择或者接受人民调解员；",
    "（二）接受调解、拒绝调解或者要求终止调解；",
    "（三）要求调解公开进行或者不公开进行；",
    "（四）自主表达意愿、自愿达成调解协议。",
    "当事人在人民调解活动中履行下列义务：",
    "（一）如实陈述纠纷事实；",
    "（二）遵守调解现场秩序，尊重人民调解员；",
    "（三）尊重对方当事人行使权利。",
    "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。经调解达成调解协议后，"
    "双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。",
]


def rights_blocks(case: Case | None, committee: Committee) -> list[Block]:
    """当事人权利义务告知书, with a signature line for every party."""
    addressee = f"{_parties_line(case)}：" if case is not None else f"{blank(12)}："
    signers = [p.name for p in case.parties] if case is not None else ["", ""]
    return [
        Title("人民调解当事人权利义务告知书"),
        Line(right=f"编号：{number_text(case)}"),
        Paragraph(addressee),
        *[Paragraph(text, indent=2) for text in RIGHTS_TEXT],
        Paragraph("以上内容已告知当事人，当事人已知悉。", indent=2, space_before=2),
        Keep([
            *[signature(f"当事人：{name or blank(5)}（签名盖章或按指印）：{blank(6)}") for name in signers],
            signature(f"{committee.committee_name}（印）"),
            signature(day_text(case.acceptance_date if case else None)),
        ]),
    ]


# --- 调查记录, 调解记录, 回访记录 -------------------------------------------------------------

def _case_row(case: Case | None) -> object:
    cause = f"{_parties_line(case)}{case.dispute_type}纠纷" if case is not None else ""
    return row(fields((0, 20), ("案由", cause)))


def _heading(title: str, case: Case | None, committee: Committee) -> list[Block]:
    return [Title(title), Line(left=f"调解组织：{committee.committee_name}", right=f"编号：{number_text(case)}")]


def record_blocks(case: Case | None, record: Record | None, kind: str, committee: Committee) -> list[Block]:
    """人民调解调查记录 (``kind`` 调查) or 人民调解记录 (``kind`` 调解)."""
    r = record
    investigation = kind == "调查"
    who = "被调查人" if investigation else "参加人"
    staff = "调查人" if investigation else "调解员"
    rows = [
        _case_row(case),
        row(fields((0, 20, 112, 130), ("时间", day_text(r.record_date) if r else ""), ("地点", r.place if r else ""))),
        row(fields((0, 20), (who, r.participants if r else ""))),
        row(fields((0, 20, 112, 130), (staff, "、".join(case.mediators) if case else ""),
                   ("记录人", r.recorder if r else ""))),
        row(label("调查情况" if investigation else "调解情况", at=(0, 20)), value(r.text if r else "", at=(20, 170)),
            height=150 if r is None else 60),
    ]
    return [
        *_heading("人民调解调查记录" if investigation else "人民调解记录", case, committee),
        Grid(rows, row_height=ROW),
        Keep([
            signature(f"{who}（签名）：{blank(8)}", f"{staff}（签名）：{blank(8)}"),
            signature(f"记录人（签名）：{blank(8)}"),
        ]),
    ]


def followup_blocks(case: Case | None, followup: Followup | None, committee: Committee) -> list[Block]:
    """人民调解回访记录."""
    f = followup
    agreement = ""
    if case is not None and case.agreement_date:
        agreement = f"{day_text(case.agreement_date)}达成{case.agreement_form or ''}协议"
    rows = [
        _case_row(case),
        row(fields((0, 20, 62, 82, 112, 130), ("当事人", _parties_line(case) if case else ""),
                   ("回访时间", day_text(f.followup_date) if f else ""), ("回访方式", f.method if f else ""))),
        row(fields((0, 20, 112, 130), ("调解协议", agreement), ("回访人", f.visitor if f else ""))),
        _text_row("回访情况（协议履行情况）", f.content if f else "", 60 if f is None else 45),
        _text_row("回访结果及当事人意见", f.result if f else "", 40 if f is None else 25),
        _text_row("备注", "", 15),
    ]
    return [
        *_heading("人民调解回访记录", case, committee),
        Grid(rows, row_height=ROW),
        signature(f"回访人（签名）：{blank(6)}", f"被回访人（签名）：{blank(6)}"),
    ]


def render_application(case: Case | None, committee: Committee) -> bytes:
    return render(document(committee, "人民调解申请书", application_blocks(case, committee)))


def render_registration(case: Case | None, committee: Committee) -> bytes:
    return render(document(committee, "人民调解受理登记表", registration_blocks(case, committee)))


def render_rights(case: Case | None, committee: Committee) -> bytes:
    return render(document(committee, "当事人权利义务告知书", rights_blocks(case, committee)))


def render_record(case: Case | None, record: Record | None, kind: str, committee: Committee) -> bytes:
    return render(document(committee, f"{kind}记录", record_blocks(case, record, kind, committee)))


def render_followup(case: Case | None, followup: Followup | None, committee: Committee) -> bytes:
    return render(document(committee, "人民调解回访记录", followup_blocks(case, followup, committee)))
