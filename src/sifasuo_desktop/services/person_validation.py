"""Checks of dossier input against the domain rules: field code -> Chinese reason.

Pure functions (no database) so the person form can show the same reasons as the user types.
Term fields carry a prefix: ``aftercare.release_date``, ``correction.start_date``. Short text
fields are also held to their column's length (services.text_limits), for the form and the import.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sifasuo_desktop.db.models import AftercareTerm, CorrectionTerm, Person
from sifasuo_desktop.domain import codes, idnumber, terms
from sifasuo_desktop.services.person_inputs import (
    AftercareInput,
    CategoryInput,
    CorrectionInput,
    FlagInput,
    HelperInput,
    HistoryInput,
    LevelInput,
    PersonInput,
    PlacementInput,
    ReoffenseInput,
    StatusEventInput,
)
from sifasuo_desktop.services.text_limits import length_problems

AFTERCARE_PREFIX = "aftercare."
CORRECTION_PREFIX = "correction."


def _blank(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def normalise_person(data: PersonInput, today: date) -> PersonInput:
    """Trimmed text, normalised ID number, sex/birth date filled from a valid number, ethnicity code."""
    changes = {
        f: _blank(getattr(data, f))
        for f in ("archive_no", "former_name", "education", "health", "political_status", "marital_status",
                  "household_address", "residence_address", "phone", "work_unit", "resume",
                  "family_members", "prior_record", "notes", "sex")
    }
    number = idnumber.normalise(data.id_number)
    ethnicity = _blank(data.ethnicity)
    changes.update(name=(data.name or "").strip(), id_number=number,
                   ethnicity=codes.ethnicity_code(ethnicity) or ethnicity if ethnicity else None)
    try:
        info = idnumber.parse(number, today)
    except idnumber.IdNumberError:
        info = None
    if info is not None:
        changes["sex"] = changes["sex"] or info.sex
        changes["birth_date"] = data.birth_date or info.birth_date
    return replace(data, **changes)


def person_problems(data: PersonInput, today: date) -> dict[str, str]:
    """Problems of 基本信息 (expects :func:`normalise_person` output)."""
    problems: dict[str, str] = {}
    if not data.name:
        problems["name"] = "请填写姓名"
    elif len(data.name) > 50:
        problems["name"] = "姓名过长"
    try:
        info = idnumber.parse(data.id_number, today)
    except idnumber.IdNumberError as err:
        info = None
        if err.kind == "empty" or len(data.id_number) > 18 or not data.id_number_verified:
            problems["id_number"] = str(err)
    if info is not None:
        if data.sex and data.sex != info.sex:
            problems["sex"] = f"性别与公民身份号码不符（号码显示为{info.sex}）"
        if data.birth_date and data.birth_date != info.birth_date:
            problems["birth_date"] = f"出生日期与公民身份号码不符（号码显示为{info.birth_date.isoformat()}）"
    if data.sex and data.sex not in codes.SEXES.values():
        problems.setdefault("sex", "性别应为男或女")
    if data.birth_date and data.birth_date > today:
        problems.setdefault("birth_date", "出生日期不能晚于今天")
    if data.ethnicity and data.ethnicity not in codes.ETHNICITIES:
        problems["ethnicity"] = f"未知的民族“{data.ethnicity}”"
    if data.education and data.education not in codes.EDUCATION_LEVELS:
        problems["education"] = f"文化程度应为：{'、'.join(codes.EDUCATION_LEVELS)}"
    if not data.village_id:
        problems["village_id"] = "请选择所属村(社区)"
    for code, reason in length_problems(Person, data).items():
        problems.setdefault(code, reason)
    return problems


def aftercare_problems(term: AftercareInput, today: date, birth_date: date | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if term.source not in codes.AFTERCARE_SOURCES:
        problems["source"] = f"来源应为：{'、'.join(codes.AFTERCARE_SOURCES)}"
    problems.update({k: v for k, v in terms.date_problems(
        release_date=term.release_date, transfer_in_date=term.transfer_in_date, source=term.source,
        removal_date=term.removal_date, handover_date=term.handover_date, agreement_date=term.agreement_date,
        notice_date=term.notice_date, today=today,
    ).items() if k not in problems})
    if birth_date and term.release_date and term.release_date <= birth_date:
        problems.setdefault("release_date", "释放日期不能早于出生日期")
    if term.dossier_date and term.dossier_date > today:
        problems["dossier_date"] = "建档日期不能晚于今天"
    if term.handover_method and term.handover_method not in codes.HANDOVER_METHODS:
        problems["handover_method"] = f"衔接方式应为：{'、'.join(codes.HANDOVER_METHODS)}"
    if term.removal_date and not term.removal_reason:
        problems["removal_reason"] = "填写减少日期时须选择减少原因"
    if term.removal_reason and not term.removal_date:
        problems.setdefault("removal_date", "选择减少原因时须填写减少日期")
    if term.removal_reason and term.removal_reason not in codes.REMOVAL_REASONS:
        problems["removal_reason"] = f"减少原因应为：{'、'.join(codes.REMOVAL_REASONS)}"
    if term.id is None and term.category not in codes.CATEGORIES:
        problems["category"] = "帮教类别应为重点或一般"
    if term.term_years is not None and not 1 <= term.term_years <= 20:
        problems["term_years"] = "帮教期应为1–20年"
    for code, reason in length_problems(AftercareTerm, term).items():
        problems.setdefault(code, reason)
    return {AFTERCARE_PREFIX + k: v for k, v in problems.items()}


def correction_problems(term: CorrectionInput, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if term.kind not in codes.CORRECTION_KINDS:
        problems["kind"] = f"矫正类别应为：{'、'.join(codes.CORRECTION_KINDS)}"
    problems.update(terms.correction_problems(
        start=term.start_date, end=term.end_date, judgment_date=term.judgment_effective_date,
        report_date=term.report_date, actual_end=term.actual_end_date, today=today,
    ))
    if term.report_status and term.report_status not in codes.REPORTING_STATUSES:
        problems["report_status"] = f"报到情况应为：{'、'.join(codes.REPORTING_STATUSES)}"
    if term.end_reason and term.end_reason not in codes.CORRECTION_END_REASONS:
        problems["end_reason"] = f"解除原因应为：{'、'.join(codes.CORRECTION_END_REASONS)}"
    if term.actual_end_date and not term.end_reason:
        problems["end_reason"] = "填写解除日期时须选择解除原因"
    if term.end_reason and not term.actual_end_date:
        problems.setdefault("actual_end_date", "选择解除原因时须填写解除日期")
    if term.prohibition_start and term.prohibition_end and term.prohibition_end < term.prohibition_start:
        problems["prohibition_end"] = "禁止令结束日期不能早于开始日期"
    if term.documents_received_date and term.documents_received_date > today:
        problems["documents_received_date"] = "文书收到日期不能晚于今天"
    if term.id is None and term.supervision_level not in codes.SUPERVISION_LEVELS:
        problems["supervision_level"] = f"管理等级应为：{'、'.join(codes.SUPERVISION_LEVELS)}"
    for code, reason in length_problems(CorrectionTerm, term).items():
        problems.setdefault(code, reason)
    return {CORRECTION_PREFIX + k: v for k, v in problems.items()}


def _future(problems: dict[str, str], code: str, value: date | None, label: str, today: date) -> None:
    if value and value > today:
        problems[code] = f"{label}不能晚于今天"


def history_problems(item: HistoryInput, today: date) -> dict[str, str]:
    """Problems of one history row; keys are the item's field names."""
    problems: dict[str, str] = {}
    if isinstance(item, CategoryInput):
        if item.category not in codes.CATEGORIES:
            problems["category"] = "帮教类别应为重点或一般"
    elif isinstance(item, FlagInput):
        if item.flag not in codes.FLAGS:
            problems["flag"] = f"标记应为：{'、'.join(codes.FLAGS.values())}"
        if item.end_date and item.end_date <= item.start_date:
            problems["end_date"] = "结束日期必须晚于开始日期"
    elif isinstance(item, PlacementInput):
        if codes.placement_code(item.method) is None:
            problems["method"] = f"未知的安置方式“{item.method}”"
        _future(problems, "placement_date", item.placement_date, "安置日期", today)
    elif isinstance(item, ReoffenseInput):
        if item.kind not in codes.REOFFENSE_KINDS:
            problems["kind"] = "重新违法犯罪类别应为犯罪或违法"
        _future(problems, "offense_date", item.offense_date, "违法犯罪日期", today)
    elif isinstance(item, StatusEventInput):
        if item.kind not in codes.STATUS_EVENT_KINDS:
            problems["kind"] = f"状态应为：{'、'.join(codes.STATUS_EVENT_KINDS)}"
        _future(problems, "event_date", item.event_date, "日期", today)
    elif isinstance(item, HelperInput):
        if item.role not in codes.HELPER_ROLES:
            problems["role"] = f"身份应为：{'、'.join(codes.HELPER_ROLES)}"
        if not (item.name or "").strip():
            problems["name"] = "请填写帮教小组成员姓名"
    elif isinstance(item, LevelInput):
        if item.level not in codes.SUPERVISION_LEVELS:
            problems["level"] = f"管理等级应为：{'、'.join(codes.SUPERVISION_LEVELS)}"
    else:
        raise TypeError(item)
    return problems
