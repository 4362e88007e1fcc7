"""Checks of a mediation case before it is saved: each problem keyed by its field, in Chinese.

``normalise`` first drops what does not belong to the chosen result (an open case has no
agreement), so the checks below only see fields that will be stored.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sifasuo_desktop.domain import codes, idnumber
from sifasuo_desktop.domain.mediation import (
    FORM_WRITTEN,
    RECORD_KINDS,
    RESULT_FAILED,
    RESULT_OPEN,
    RESULT_SUCCESS,
    ROLE_APPLICANT,
    ROLE_RESPONDENT,
    SOURCE_REFERRED,
    Case,
    Followup,
    Party,
    Record,
    edit_problem,
    judicial_window_end,
    limit_deadline,
)

_AGREEMENT_FIELDS = (
    "agreement_form", "agreement_date", "agreement_amount", "performance_method",
    "performance_deadline", "performance_status", "performance_date",
    "judicial_apply_date", "judicial_confirm_date", "judicial_court",
)


def normalise(case: Case) -> Case:
    """Clear the fields the result does not have; an agreement dates from the conclusion by default."""
    cleared: dict = {}
    if case.result != RESULT_SUCCESS:
        cleared.update({name: None for name in _AGREEMENT_FIELDS}, clauses=())
    if case.result != RESULT_FAILED:
        cleared.update(failure_reason=None, suggested_route=None)
    if case.result == RESULT_OPEN:
        cleared["concluded_date"] = None
    if case.source != SOURCE_REFERRED:
        cleared["referring_organ"] = None
    case = replace(case, **cleared)
    if case.result == RESULT_SUCCESS and case.agreement_date is None:
        case = replace(case, agreement_date=case.concluded_date)
    clauses = tuple(c.strip() for c in case.clauses if c and c.strip())
    return replace(case, clauses=clauses, parties=tuple(_with_id_facts(p) for p in case.parties))


def _with_id_facts(party: Party) -> Party:
    """Sex and birth date, when empty, come from a valid 公民身份号码 (DOMAIN §10)."""
    if party.is_organisation or not party.id_number or (party.sex and party.birth_date):
        return party
    try:
        info = idnumber.parse(party.id_number)
    except idnumber.IdNumberError:
        return party
    return replace(party, sex=party.sex or info.sex, birth_date=party.birth_date or info.birth_date)


def _not_future(problems: dict[str, str], key: str, day: date | None, label: str, today: date) -> None:
    if day is not None and day > today:
        problems.setdefault(key, f"{label}不能晚于今天")


def _not_before(problems: dict[str, str], key: str, day: date | None, start: date | None,
                label: str, start_label: str) -> None:
    if day is not None and start is not None and day < start:
        problems.setdefault(key, f"{label}不能早于{start_label}（{start.isoformat()}）")


def _check_date(problems: dict[str, str], key: str, day: date | None, label: str, today: date, *,
                missing: str = "", start: date | None = None, start_label: str = "") -> None:
    """``day`` given (``missing`` is the reason when it is required), not after today, and not
    before ``start``."""
    if day is None and missing:
        problems[key] = missing
    _not_future(problems, key, day, label, today)
    _not_before(problems, key, day, start, label, start_label)


def party_problems(party: Party, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if party.role not in codes.PARTY_ROLES:
        problems["role"] = "请选择申请人或被申请人"
    if not (party.name or "").strip():
        problems["name"] = "请填写单位名称" if party.is_organisation else "请填写姓名"
    if party.is_organisation:
        return problems
    if party.id_number:
        try:
            info = idnumber.parse(party.id_number, today)
        except idnumber.IdNumberError as err:
            problems["id_number"] = str(err)
        else:
            if party.sex and party.sex in ("男", "女") and party.sex != info.sex:
                problems["sex"] = f"性别与公民身份号码不符（号码为{info.sex}性）"
            if party.birth_date and party.birth_date != info.birth_date:
                problems["birth_date"] = f"出生日期与公民身份号码不符（号码为{info.birth_date.isoformat()}）"
    _not_future(problems, "birth_date", party.birth_date, "出生日期", today)
    if party.age is not None and not 0 <= party.age <= 150:
        problems["age"] = "年龄应在0–150之间"
    return problems


def _amount_problem(problems: dict[str, str], key: str, amount: Decimal | None, label: str) -> None:
    if amount is not None and amount < 0:
        problems[key] = f"{label}不能为负数"


def _acceptance_problems(case: Case, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    _check_date(problems, "acceptance_date", case.acceptance_date, "受理日期", today, missing="请填写受理日期")
    if case.source not in codes.CASE_SOURCES:
        problems["source"] = "请选择案件来源"
    elif case.source == SOURCE_REFERRED and not (case.referring_organ or "").strip():
        problems["referring_organ"] = "委托移送的案件请填写移送单位"
    if case.dispute_type not in codes.DISPUTE_TYPES:
        problems["dispute_type"] = "请选择纠纷类型"
    if case.seq is not None and case.seq < 1:
        problems["seq"] = "编号应为正整数"
    roles = [p.role for p in case.parties]
    if len(case.parties) < 2 or ROLE_APPLICANT not in roles or ROLE_RESPONDENT not in roles:
        problems["parties"] = "至少需要两名当事人：一名申请人和一名被申请人"
    for index, party in enumerate(case.parties, start=1):
        wrong = party_problems(party, today)
        if wrong:
            problems.setdefault("parties", f"第{index}位当事人（{party.name or '未填姓名'}）：" + "；".join(wrong.values()))
    if not [m for m in case.mediators if m.strip()]:
        problems["mediators"] = "请填写调解员"
    _amount_problem(problems, "amount_involved", case.amount_involved, "涉及金额")
    if case.people_involved is not None and case.people_involved < 0:
        problems["people_involved"] = "涉及人数不能为负数"
    for key in ("prevent_criminal", "prevent_petition", "prevent_fight", "prevent_suicide"):
        if getattr(case, key) < 0:
            problems[key] = "人数不能为负数"
    return problems


def _outcome_problems(case: Case, today: date, judicial_days: int) -> dict[str, str]:
    problems: dict[str, str] = {}
    if case.result not in codes.MEDIATION_RESULTS:
        problems["result"] = "请选择调解结果"
        return problems
    if case.result == RESULT_OPEN:
        return problems
    _check_date(problems, "concluded_date", case.concluded_date, "结案日期", today,
                missing="调结的案件请填写结案日期", start=case.acceptance_date, start_label="受理日期")
    if case.result == RESULT_FAILED:
        if not (case.failure_reason or "").strip():
            problems["failure_reason"] = "调解不成功请填写原因"
        if case.suggested_route and case.suggested_route not in codes.FAILURE_ROUTES:
            problems["suggested_route"] = "建议途径应为诉讼、仲裁或行政"
        return problems
    if case.agreement_form not in codes.AGREEMENT_FORMS:
        problems["agreement_form"] = "调解成功请选择协议形式（书面或口头）"
    elif case.agreement_form == FORM_WRITTEN and not case.clauses:
        problems["clauses"] = "书面协议至少需要一条协议内容"
    _check_date(problems, "agreement_date", case.agreement_date, "协议日期", today,
                start=case.acceptance_date, start_label="受理日期")
    _amount_problem(problems, "agreement_amount", case.agreement_amount, "协议金额")
    _not_before(problems, "performance_deadline", case.performance_deadline, case.agreement_date, "履行期限", "协议日期")
    if case.performance_status and case.performance_status not in codes.PERFORMANCE_STATUSES:
        problems["performance_status"] = "履行情况应为已履行、部分履行或未履行"
    _check_date(problems, "performance_date", case.performance_date, "履行日期", today,
                missing="已履行请填写履行日期" if case.performance_status == "已履行" else "",
                start=case.agreement_date, start_label="协议日期")
    problems.update(_judicial_problems(case, today, judicial_days))
    return problems


def _judicial_problems(case: Case, today: date, judicial_days: int) -> dict[str, str]:
    problems: dict[str, str] = {}
    apply, confirm = case.judicial_apply_date, case.judicial_confirm_date
    if confirm is not None and apply is None:
        problems["judicial_apply_date"] = "已确认的案件请填写申请司法确认日期"
    if apply is None:
        return problems
    if not (case.judicial_court or "").strip():
        problems["judicial_court"] = "请填写受理司法确认的人民法院"
    _check_date(problems, "judicial_apply_date", apply, "申请日期", today, start=case.agreement_date, start_label="协议日期")
    window_end = judicial_window_end(case.agreement_date, judicial_days)
    if window_end is not None and apply > window_end:
        problems.setdefault(
            "judicial_apply_date",
            f"司法确认应自协议生效之日起{judicial_days}日内申请（截止{window_end.isoformat()}）",
        )
    _check_date(problems, "judicial_confirm_date", confirm, "确认日期", today, start=apply, start_label="申请日期")
    return problems


def case_problems(case: Case, today: date, judicial_days: int = 30) -> dict[str, str]:
    """Every problem of a (normalised) case, keyed by field code."""
    return {**_outcome_problems(case, today, judicial_days), **_acceptance_problems(case, today)}


def record_problems(record: Record, case: Case, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if record.kind not in RECORD_KINDS:
        problems["kind"] = "记录类型应为调查或调解"
    _check_date(problems, "record_date", record.record_date, "记录日期", today, missing="请填写日期",
                start=case.acceptance_date, start_label="受理日期")
    if not (record.text or "").strip():
        problems["text"] = "请填写记录内容"
    return problems


def followup_problems(followup: Followup, case: Case, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if case.result != RESULT_SUCCESS:
        problems["followup_date"] = "只有调解成功的案件需要回访"
        return problems
    _check_date(problems, "followup_date", followup.followup_date, "回访日期", today, missing="请填写回访日期",
                start=case.agreement_date, start_label="协议日期")
    if not (followup.content or "").strip():
        problems["content"] = "请填写回访情况"
    return problems


def extension_problems(case: Case, *, days: int, consent_date: date | None, both_consent: bool,
                       reason: str, limit_days: int, today: date) -> dict[str, str]:
    """An extension needs both parties' consent, given on or before the current deadline."""
    locked = edit_problem(case.closed)
    if locked:
        return {"days": locked}
    if case.result != RESULT_OPEN or case.acceptance_date is None:
        return {"days": "只有调解中的案件可以延长期限"}
    problems: dict[str, str] = {}
    if not 1 <= days <= limit_days:
        problems["days"] = f"延长天数应在1–{limit_days}天之间"
    if not both_consent:
        problems["both_consent"] = "延长调解期限须经双方当事人同意"
    if not reason.strip():
        problems["reason"] = "请填写延长理由"
    deadline = limit_deadline(case.acceptance_date, limit_days, case.extension_days)
    if consent_date is None:
        problems["consent_date"] = "请填写当事人同意的日期"
    else:
        _not_future(problems, "consent_date", consent_date, "同意日期", today)
        _not_before(problems, "consent_date", consent_date, case.acceptance_date, "同意日期", "受理日期")
        if consent_date > deadline:
            problems.setdefault("consent_date", f"调解期限已于{deadline.isoformat()}届满，届满后不能延长")
    return problems
