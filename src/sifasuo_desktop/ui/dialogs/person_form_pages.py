"""The fields of the person form, page by page, as data (code, label, widget factory, required).

Field codes are the names of the service inputs (``PersonInput``) or the prefixed names of the
term inputs (``aftercare.release_date``, ``correction.start_date``), so problems reported by
services.person_validation land beside the right field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from sifasuo_desktop.domain import codes
from sifasuo_desktop.services.person_inputs import AftercareInput, CorrectionInput, PersonInput
from sifasuo_desktop.ui.widgets.form import DateField, FormKit, make_combo

MARITAL = ["未婚", "已婚", "离异", "丧偶"]
POLITICAL = ["群众", "中共党员", "共青团员", "民主党派", "其他"]
SENTENCE_KINDS = ["管制", "拘役", "有期徒刑", "无期徒刑", "死刑缓期执行"]
RECEPTION = ["自行报到", "押送", "委托接收", "其他"]


def text(max_length: int = 200) -> Callable[[], QWidget]:
    def make() -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        return edit
    return make


def long_text() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(64)
    return edit


def combo(items: list[str] | dict[str, str], editable: bool = False) -> Callable[[], QWidget]:
    return lambda: make_combo(items, editable=editable)


def years() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 20)
    spin.setSpecialValueText("按规则")
    spin.setSuffix(" 年")
    return spin


Field = tuple[str, str, Callable[[], QWidget], bool]

BASIC: list[Field] = [
    ("name", "姓名", text(50), True),
    ("id_number", "公民身份号码", text(20), True),
    ("id_number_verified", "号码核实", lambda: QCheckBox("号码经核实无误（未通过校验，但与证件原件一致）"), False),
    ("sex", "性别", combo(["男", "女"]), False),
    ("birth_date", "出生日期", DateField, False),
    ("ethnicity", "民族", combo(codes.ETHNICITIES), False),
    ("village_id", "所属村(社区)", combo({}), True),
    ("archive_no", "档案号", text(40), False),
    ("former_name", "曾用名", text(50), False),
    ("education", "文化程度", combo(codes.EDUCATION_LEVELS), False),
    ("health", "健康状况", text(50), False),
    ("political_status", "原政治面貌", combo(POLITICAL, editable=True), False),
    ("marital_status", "婚姻状况", combo(MARITAL), False),
    ("phone", "联系电话", text(50), False),
    ("household_address", "户籍地址", text(), False),
    ("residence_address", "居住地址", text(), False),
    ("work_unit", "工作单位", text(), False),
    ("resume", "个人简历", long_text, False),
    ("family_members", "家庭成员及主要社会关系", long_text, False),
    ("prior_record", "前科", long_text, False),
    ("notes", "备注", long_text, False),
]

RELEASE: list[Field] = [
    ("aftercare.source", "来源", combo(codes.AFTERCARE_SOURCES), True),
    ("aftercare.release_date", "释放日期", DateField, True),
    ("aftercare.transfer_in_date", "迁入日期", DateField, False),
    ("aftercare.charge", "罪名", text(100), False),
    ("aftercare.original_sentence", "原判刑期", text(50), False),
    ("aftercare.prison", "原服刑/羁押场所", text(100), False),
    ("aftercare.notice_date", "通知书收到日期", DateField, False),
    ("aftercare.dossier_date", "建档日期", DateField, False),
    ("aftercare.term_years", "帮教期", years, False),
    ("aftercare.removal_date", "减少日期", DateField, False),
    ("aftercare.removal_reason", "减少原因", combo(codes.REMOVAL_REASONS), False),
    ("aftercare.notes", "备注", long_text, False),
]

HANDOVER: list[Field] = [
    ("aftercare.handover_date", "衔接日期", DateField, False),
    ("aftercare.handover_method", "衔接方式", combo(codes.HANDOVER_METHODS), False),
]

AFTERCARE: list[Field] = [
    ("aftercare.category", "帮教类别", combo(codes.CATEGORIES, ), True),
    ("aftercare.category_reason", "重点原因", text(200), False),
    ("aftercare.agreement_date", "帮教协议签订日期", DateField, False),
]

CORRECTION: list[Field] = [
    ("correction.kind", "矫正类别", combo(codes.CORRECTION_KINDS), True),
    ("correction.start_date", "矫正起始日期", DateField, True),
    ("correction.end_date", "矫正终止日期", DateField, True),
    ("correction.term_text", "矫正期限", text(50), False),
    ("correction.supervision_level", "管理等级", combo(codes.SUPERVISION_LEVELS), True),
    ("correction.charge", "罪名", text(100), False),
    ("correction.sentence_kind", "刑种", combo(SENTENCE_KINDS, editable=True), False),
    ("correction.original_sentence", "原判刑期", text(50), False),
    ("correction.additional_penalty", "附加刑", text(100), False),
    ("correction.decision_organ", "决定机关", text(100), False),
    ("correction.custody_place", "原羁押场所", text(100), False),
    ("correction.judgment_effective_date", "判决生效日期", DateField, False),
    ("correction.execution_place", "执行地", text(), False),
    ("correction.documents_received_date", "法律文书收到日期", DateField, False),
    ("correction.documents_kinds", "法律文书种类", text(300), False),
    ("correction.reception_method", "接收方式", combo(RECEPTION, editable=True), False),
    ("correction.report_date", "报到日期", DateField, False),
    ("correction.report_status", "报到情况", combo(codes.REPORTING_STATUSES), False),
    ("correction.prohibition", "禁止令内容", text(300), False),
    ("correction.prohibition_start", "禁止令开始日期", DateField, False),
    ("correction.prohibition_end", "禁止令结束日期", DateField, False),
    ("correction.crime_facts", "主要犯罪事实", long_text, False),
    ("correction.actual_end_date", "解除/终止日期", DateField, False),
    ("correction.end_reason", "解除/终止原因", combo(codes.CORRECTION_END_REASONS), False),
    ("correction.notes", "备注", long_text, False),
]


def add_fields(form: FormKit, spec: list[Field]) -> None:
    for code, label, factory, required in spec:
        form.add(code, label, factory(), required)


def build_input(cls: type, values: dict[str, Any], prefix: str = "", **extra: Any) -> Any:
    """An input dataclass from form values (``""`` -> None); fields not on the form keep defaults."""
    kwargs = {}
    for f in fields(cls):
        code = prefix + f.name
        if code in values:
            value = values[code]
            kwargs[f.name] = None if value == "" else value
    kwargs.update(extra)
    return cls(**kwargs)


def person_input(values: dict[str, Any]) -> PersonInput:
    return build_input(PersonInput, {**values, "name": values.get("name") or "",
                                     "id_number": values.get("id_number") or ""})


def aftercare_input(values: dict[str, Any], term_id: str | None) -> AftercareInput:
    extra = {"term_years": values.get("aftercare.term_years") or None, "id": term_id,
             "category": values.get("aftercare.category") or ""}
    return build_input(AftercareInput, values, "aftercare.", **extra)


def correction_input(values: dict[str, Any], term_id: str | None) -> CorrectionInput:
    extra = {"id": term_id, "supervision_level": values.get("correction.supervision_level") or ""}
    return build_input(CorrectionInput, values, "correction.", **extra)
