"""What the visit forms print: plain, already formatted text (the services layer fills them).

Dates arrive as the text to print (``2026年11月24日``); an empty string prints an empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonHeader:
    """The person a record is about, as its header rows show them."""

    name: str
    sex: str = ""
    birth_date: str = ""
    id_number: str = ""
    village: str = ""
    address: str = ""
    population: str = ""          # 安置帮教 / 社区矫正
    category: str = ""            # 重点 / 一般 or 严管 / 普管 / 宽管


@dataclass(frozen=True)
class VisitRecordData:
    """谈话（走访）记录."""

    person: PersonHeader
    visit_date: str
    visit_type: str = ""
    place: str = ""
    staff: str = ""
    recorder: str = ""
    participants: str = ""
    sections: tuple[tuple[str, str], ...] = ()   # (思想情况, text) ... in print order, empty ones left out
    conversation: str = ""        # 问/答 lines (a line starting 问： or 答： opens a paragraph)


@dataclass(frozen=True)
class ReviewData:
    """跟踪考察表."""

    person: PersonHeader
    review_date: str
    period: str = ""              # 2026年5月24日至2026年11月24日
    method: str = ""
    conduct: tuple[tuple[str, str], ...] = ()    # (思想, text), (遵纪守法, ...), ... five rows
    problems: str = ""
    measures: str = ""
    group_opinion: str = ""
    reviewer: str = ""
    office_opinion: str = ""


@dataclass(frozen=True)
class Party:
    """One party of the 安置帮教协议书: who signs for it."""

    role: str                     # 甲方（司法所）...
    name: str = ""
    detail: str = ""              # 负责人 / 村(社区) / 关系 / 身份证号码 and address
    phone: str = ""


@dataclass(frozen=True)
class AgreementSection:
    heading: str                  # 甲方（司法所）的责任 ...
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class AgreementData:
    """安置帮教协议书: four parties, the editable obligations, the term, 一式N份."""

    office_name: str
    parties: tuple[Party, ...]                  # 甲 乙 丙 丁, in order
    sections: tuple[AgreementSection, ...]      # the boilerplate obligations
    term_text: str = ""           # 自2026年3月1日起至2031年3月1日止
    category: str = ""
    copies_extra: int = 1         # 一式N份: N = the four parties + this (AppSettings.agreement_copies_extra)
    number: str = ""              # 编号 (档案号)
    preamble: str = ""


@dataclass(frozen=True)
class PlanRow:
    """One person in the monthly visit plan."""

    name: str
    category: str                 # 重点 / 一般 / 严管 ...
    items: str                    # 定期走访、跟踪考察
    due_date: str                 # the earliest of them
    state: str                    # 逾期 / 本月到期
    last_visit: str
    address: str
    phone: str
    helper: str                   # 帮教小组 contact: name and phone


@dataclass(frozen=True)
class PlanVillage:
    name: str
    contact: str                  # the village's contact person and phone
    rows: tuple[PlanRow, ...]


@dataclass(frozen=True)
class VisitPlanData:
    """走访计划 of one month, by village."""

    office_name: str
    month: str                    # 2026年12月
    printed: str                  # 打印日期
    villages: tuple[PlanVillage, ...]


@dataclass(frozen=True)
class BundleEntry:
    """One document of the dossier bundle, as the 卷内目录 lists it."""

    title: str
    date: str = ""


@dataclass(frozen=True)
class AttachmentRow:
    filename: str
    belongs_to: str               # 档案 / 2026年10月1日 走访记录
    description: str = ""
    added: str = ""
    size: str = ""


@dataclass(frozen=True)
class BundleCover:
    archive_no: str
    name: str
    title: str = "安置帮教对象档案"       # or 社区矫正对象档案
    sex: str = ""
    id_number: str = ""
    village: str = ""
    term: str = ""                # 帮教期 / 矫正期 起止
    dossier_date: str = ""        # 建档日期
    bound_date: str = ""          # 立卷日期
    retention: str = "长期"        # 保管期限
