"""The 卷宗 (case file): the 卷内目录 in the official order, what is required, what is there.

Documents the program prints (受理登记表, 告知书, records, 协议书, 回访记录, 封底) are present when
the case has their data; paper documents (身份证明, 委托书, 证据, 履行凭证, 司法确认材料, 情况说明)
are present when the clerk has ticked them with their page count (``Case.file_materials``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sifasuo_desktop.domain.mediation import (
    FORM_WRITTEN,
    RESULT_OPEN,
    RESULT_SUCCESS,
    SOURCE_APPLICATION,
    Case,
)

APPLICATION = "申请书或受理登记表"
RIGHTS = "权利义务告知书"
IDENTITY = "当事人身份证明"
POWER_OF_ATTORNEY = "授权委托书"
INVESTIGATION = "调查记录"
EVIDENCE = "证据材料"
MEDIATION = "调解记录"
AGREEMENT = "协议书"
PERFORMANCE_PROOF = "履行凭证"
FOLLOWUP = "回访记录"
JUDICIAL = "司法确认材料"
EXPLANATION = "卷宗情况说明"
BACK_COVER = "封底"

ORDER = [APPLICATION, RIGHTS, IDENTITY, POWER_OF_ATTORNEY, INVESTIGATION, EVIDENCE, MEDIATION,
         AGREEMENT, PERFORMANCE_PROOF, FOLLOWUP, JUDICIAL, EXPLANATION, BACK_COVER]
# Documents that exist only on paper; the clerk ticks them in the case form.
PAPER = [IDENTITY, POWER_OF_ATTORNEY, EVIDENCE, PERFORMANCE_PROOF, JUDICIAL, EXPLANATION]

MARK_PRESENT, MARK_MISSING, MARK_NONE = "有", "缺", "无"


@dataclass(frozen=True)
class FileEntry:
    seq: int
    title: str
    required: bool
    present: bool
    printed: bool               # the program prints it (else: paper put into the file)
    pages: int | None = None    # paper: as entered; printed: filled in when the file is rendered
    first_page: int | None = None

    @property
    def mark(self) -> str:
        if self.present:
            return MARK_PRESENT
        return MARK_MISSING if self.required else MARK_NONE

    @property
    def page_range(self) -> str:
        if not self.first_page or not self.pages:
            return ""
        last = self.first_page + self.pages - 1
        return str(self.first_page) if last == self.first_page else f"{self.first_page}-{last}"


def application_title(case: Case) -> str:
    """An application by a party is filed as its 申请书; otherwise the 受理登记表."""
    return "人民调解申请书" if case.source == SOURCE_APPLICATION else "人民调解受理登记表"


def _required(case: Case) -> set[str]:
    required = {APPLICATION, RIGHTS, IDENTITY, BACK_COVER}
    if case.result != RESULT_OPEN:
        required.add(MEDIATION)
    if case.result == RESULT_SUCCESS:
        required.add(FOLLOWUP)
        if case.agreement_form == FORM_WRITTEN:
            required.add(AGREEMENT)
        if case.performance_status == "已履行":
            required.add(PERFORMANCE_PROOF)
    if case.judicial_apply_date:
        required.add(JUDICIAL)
    return required


def _printed_present(case: Case) -> dict[str, bool]:
    return {
        APPLICATION: True,
        RIGHTS: True,
        INVESTIGATION: bool(case.records_of("调查")),
        MEDIATION: bool(case.records_of("调解")),
        AGREEMENT: case.result == RESULT_SUCCESS and case.agreement_form == FORM_WRITTEN and bool(case.clauses),
        FOLLOWUP: bool(case.followups),
        BACK_COVER: True,
    }


def contents(case: Case, printed_pages: dict[str, int] | None = None) -> list[FileEntry]:
    """The 卷内目录 rows. ``printed_pages`` (title -> pages) numbers the pages when known:
    numbering starts at 1 on the first document after the 目录 and runs on through paper."""
    required = _required(case)
    printed = _printed_present(case)
    entries = []
    page = 1
    for seq, title in enumerate(ORDER, start=1):
        if title in printed:
            present = printed[title]
            pages = (printed_pages or {}).get(title) if present else None
        else:
            pages = case.file_materials.get(title)
            present = title in case.file_materials
        first = page if (pages and printed_pages is not None) else None
        page += pages or 0
        entries.append(FileEntry(seq, title, title in required, present, title in printed, pages or None, first))
    return entries


def missing(case: Case) -> list[str]:
    """Required documents not yet in the file."""
    return [e.title for e in contents(case) if e.required and not e.present]
