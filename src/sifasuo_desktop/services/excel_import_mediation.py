"""Checking and writing the 人民调解台账 sheet: one row per case, with its parties, mediators and
follow-up visits; result, dates and agreement must agree with each other (DOMAIN §7.3)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import MediationCase, MediationFollowup, MediationMediator, MediationParty, new_id
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.mediation import (
    RESULT_FAILED, RESULT_OPEN, RESULT_SUCCESS, ROLE_APPLICANT, ROLE_RESPONDENT, Case, Followup, Party, case_number,
    next_seq,
)
from sifasuo_desktop.domain.mediation_checks import case_problems, followup_problems, normalise
from sifasuo_desktop.reports.excel.columns import MEDIATION
from sifasuo_desktop.reports.excel.reader import NOTICE, Issue, Row, SheetRows, display
from sifasuo_desktop.services import audit, pinyin
from sifasuo_desktop.services.context import AppContext

_NUMBER = re.compile(r"^(?P<prefix>[^〔\[［(（【]*)[〔\[［(（【](?P<year>\d{4})[〕\]］)）】](?P<middle>.*?)第?(?P<seq>\d+)号?$")
_SOURCE = re.compile(r"^委托移送[(（](?P<organ>.+)[)）]$")
_AGREEMENT_KEYS = ("agreement_form", "agreement_amount", "performance_status", "judicial_confirm_date")


@dataclass(frozen=True, slots=True)
class CaseRow:
    row: int
    prefix: str
    year: int
    seq: int
    source: str
    organ: str | None
    values: dict[str, Any]


def _issue(row: Row, key: str, reason: str) -> Issue:
    value = row.values.get(key)
    return Issue(MEDIATION.name, row.number, MEDIATION.column(key).title, "" if value is None else display(value),
                 reason)


@dataclass(frozen=True)
class StoredCases:
    numbers: set[tuple[int, int]]        # (year, seq) of every case, deleted ones too: never reused
    keys: set[tuple]                     # what makes a case without 编号 the same case


def _key(accepted: date, dispute_type: str, applicants, respondents) -> tuple:
    return accepted, dispute_type, tuple(sorted(applicants)), tuple(sorted(respondents))


def stored_cases(session: Session, office_id: str) -> StoredCases:
    cases = {r.id: r for r in session.execute(
        select(MediationCase.id, MediationCase.year, MediationCase.seq, MediationCase.acceptance_date,
               MediationCase.dispute_type, MediationCase.deleted_at).where(MediationCase.office_id == office_id))}
    names: dict[tuple[str, str], list[str]] = {}
    query = (select(MediationParty.case_id, MediationParty.role, MediationParty.name)
             .join(MediationCase, MediationCase.id == MediationParty.case_id)
             .where(MediationCase.office_id == office_id, MediationParty.deleted_at.is_(None)))
    for r in session.execute(query):
        names.setdefault((r.case_id, r.role), []).append(r.name)
    keys = {_key(c.acceptance_date, c.dispute_type, names.get((c.id, "申请人"), []), names.get((c.id, "被申请人"), []))
            for c in cases.values() if c.deleted_at is None}
    return StoredCases({(c.year, c.seq) for c in cases.values()}, keys)


def check_cases(sheet: SheetRows, today: date, stored: StoredCases, issues: list[Issue],
                step: Callable[[str], None], *, prefix: str, judicial_days: int) -> tuple[list[CaseRow], set[int]]:
    """Good case rows, numbered: rows without 编号 get the next free number of their year with
    ``prefix`` (as a new case in the form would). A case already stored (same 编号, or without one:
    same date, type and parties) is skipped."""
    checked: list[tuple[Row, tuple[str, int, int] | None, str, str | None]] = []
    bad: set[int] = set()
    taken = set(stored.numbers)
    first_row: dict[tuple[int, int], int] = {}
    for row in sheet.rows:
        step("检查人民调解台账")
        found = _row_problems(row, today, judicial_days)
        number = _parse_number(row, found)
        source, organ = _parse_source(row.values["source"]) or ("", None)
        if number is not None and not found and number[1:] in stored.numbers:
            issues.append(Issue(MEDIATION.name, row.number, MEDIATION.column("number").title,
                                row.values["number"], "系统中已有该编号的案件，未导入", NOTICE))
            continue
        v = row.values
        if number is None and not found and not row.unreadable and _key(
                v["acceptance_date"], v["dispute_type"], v["applicants"], v["respondents"]) in stored.keys:
            issues.append(Issue(MEDIATION.name, row.number, "", "", "系统中已有受理日期、纠纷类型和当事人都相同的案件，未导入",
                                NOTICE))
            continue
        if number is not None and not found:
            key = number[1:]
            if key in first_row:
                found.append(_issue(row, "number", f"与第{first_row[key]}行编号重复"))
            first_row.setdefault(key, row.number)
            taken.add(key)
        if found or row.unreadable:
            issues.extend(found)
            bad.add(row.number)
        else:
            checked.append((row, number, source, organ))
    cases = []
    for row, number, source, organ in checked:
        if number is None:
            year = row.values["acceptance_date"].year
            seq = next_seq({s for y, s in taken if y == year})
            taken.add((year, seq))
            number = (prefix, year, seq)
        cases.append(CaseRow(row.number, *number, source, organ, row.values))
    return cases, bad


def _parse_number(row: Row, found: list[Issue]) -> tuple[str, int, int] | None:
    text = row.values["number"]
    if not text:
        return None
    match = _NUMBER.match(re.sub(r"\s+", "", text))
    if not match or int(match["seq"]) == 0:
        found.append(_issue(row, "number", "编号格式应为 〔2024〕第12号（可带前缀）"))
        return None
    prefix = match["prefix"] or match["middle"]
    return prefix, int(match["year"]), int(match["seq"])


def _parse_source(text: str | None) -> tuple[str, str | None] | None:
    """``委托移送(法院)`` -> (委托移送, 法院); None when the text is no 案件来源."""
    text = text or ""
    match = _SOURCE.match(text)
    if match and match["organ"] in codes.REFERRING_ORGANS:
        return "委托移送", match["organ"]
    return (text, None) if text in codes.CASE_SOURCES or not text else None


# Field codes of domain.mediation_checks -> template columns. Problems of fields the template
# does not carry (clauses, failure reason, court, performance date ...) are left to the case form.
_RULE_COLUMNS = {
    "acceptance_date": "acceptance_date", "source": "source", "dispute_type": "dispute_type", "seq": "number",
    "parties": "applicants", "mediators": "mediators", "result": "result", "concluded_date": "concluded_date",
    "agreement_form": "agreement_form", "agreement_date": "concluded_date", "agreement_amount": "agreement_amount",
    "performance_status": "performance_status", "judicial_confirm_date": "judicial_confirm_date",
}


def _row_problems(row: Row, today: date, judicial_days: int) -> list[Issue]:
    """The import's own checks first (a cell the result does not allow is an error, never dropped),
    then the case form's rules (domain.mediation_checks) on the columns the template has."""
    v = row.values
    found = [_issue(row, c.key, f"“{c.title}”必须填写") for c in MEDIATION.columns
             if c.required and not v.get(c.key) and c.key not in row.unreadable]
    for key, allowed in (("dispute_type", codes.DISPUTE_TYPES), ("result", codes.MEDIATION_RESULTS),
                         ("agreement_form", codes.AGREEMENT_FORMS), ("performance_status", codes.PERFORMANCE_STATUSES)):
        if v[key] and v[key] not in allowed:
            found.append(_issue(row, key, f"{MEDIATION.column(key).header}应为：{'、'.join(allowed)}"))
    if _parse_source(v["source"]) is None:
        found.append(_issue(row, "source", "案件来源应为：当事人申请、主动调解、委托移送（可注明法院、公安、政府部门）"))
    result, concluded = v["result"], v["concluded_date"]
    if result == RESULT_OPEN and concluded:
        found.append(_issue(row, "concluded_date", "调解中的案件不能填写结案日期"))
    if result in (RESULT_FAILED, RESULT_OPEN):
        found += [_issue(row, k, f"调解结果为{result}时不能填写{MEDIATION.column(k).header}") for k in _AGREEMENT_KEYS
                  if v[k] is not None]
    confirmed = v["judicial_confirm_date"]
    if confirmed and concluded and confirmed < concluded:
        found.append(_issue(row, "judicial_confirm_date", "司法确认日期不能早于结案日期"))
    for key in ("applicants", "respondents", "mediators"):
        long_names = [n for n in v[key] or [] if len(n) > 50]
        if long_names:
            found.append(_issue(row, key, f"姓名“{long_names[0][:20]}…”过长：多个姓名请用顿号“、”分隔"))
    if found or row.unreadable:
        return found
    case = normalise(_as_case(v))
    rules = dict(case_problems(case, today, judicial_days))
    for day in v["followup_dates"] or []:
        for code, reason in followup_problems(Followup(day), case, today).items():
            if code == "followup_date":
                rules.setdefault("followups", f"回访日期{day.isoformat()}：{reason}")
    columns = {**_RULE_COLUMNS, "followups": "followup_dates"}
    return [_issue(row, columns[code], reason) for code, reason in rules.items() if code in columns]


def _as_case(v: dict[str, Any]) -> Case:
    """The row as the case form's data (what the template has of it)."""
    source, organ = _parse_source(v["source"])
    parties = tuple(Party(role, name) for role, key in ((ROLE_APPLICANT, "applicants"), (ROLE_RESPONDENT, "respondents"))
                    for name in v[key] or [])
    return Case(
        acceptance_date=v["acceptance_date"], source=source, referring_organ=organ, dispute_type=v["dispute_type"], parties=parties,
        mediators=tuple(v["mediators"] or ()), summary=v["summary"], result=v["result"],
        concluded_date=v["concluded_date"], agreement_form=v["agreement_form"], agreement_amount=v["agreement_amount"],
        performance_status=v["performance_status"], judicial_confirm_date=v["judicial_confirm_date"],
        **{k: v[k] or 0 for k in codes.PREVENTION_FLAGS},
    )


def write_cases(session: Session, ctx: AppContext, cases: list[CaseRow], step: Callable[[str, int], None]) -> int:
    tables: dict[type, list[dict[str, Any]]] = {MediationCase: [], MediationParty: [], MediationMediator: [],
                                                MediationFollowup: []}
    summaries = []
    for case in cases:
        _case_rows(ctx, case, tables)
        summaries.append(f"导入人民调解案件 {case_number(case.prefix, case.year, case.seq)}")
        step("写入人民调解案件", 1)
    for model, rows in tables.items():
        if rows:
            session.execute(insert(model.__table__), rows)
    audit.record_created(session, ctx, MediationCase.__tablename__, tables[MediationCase], summaries)
    return len(cases)


def _case_rows(ctx: AppContext, case: CaseRow, tables: dict[type, list[dict[str, Any]]]) -> None:
    v = case.values
    success = v["result"] == RESULT_SUCCESS
    case_id = new_id()
    tables[MediationCase].append({
        "id": case_id, "office_id": ctx.office_id, "year": case.year, "seq": case.seq, "number_prefix": case.prefix,
        "acceptance_date": v["acceptance_date"], "source": case.source, "referring_organ": case.organ,
        "dispute_type": v["dispute_type"], "summary": v["summary"], "result": v["result"],
        "concluded_date": v["concluded_date"], "agreement_form": v["agreement_form"],
        "agreement_date": v["concluded_date"] if success else None, "agreement_amount": v["agreement_amount"],
        "performance_status": v["performance_status"], "judicial_confirm_date": v["judicial_confirm_date"],
        **{k: v[k] or 0 for k in codes.PREVENTION_FLAGS},
    })
    order = 0
    for role, key in (("申请人", "applicants"), ("被申请人", "respondents")):
        for name in v[key]:
            tables[MediationParty].append({"id": new_id(), "case_id": case_id, "sort_order": order, "role": role,
                                           "name": name, "name_initials": pinyin.initials(name)[:50]})
            order += 1
    for index, name in enumerate(v["mediators"]):
        tables[MediationMediator].append({"id": new_id(), "case_id": case_id, "sort_order": index, "name": name})
    for day in v["followup_dates"] or []:
        tables[MediationFollowup].append({"id": new_id(), "case_id": case_id, "followup_date": day})

