"""Bad input in the 一人一档 form (services.persons): every field rule of 基本信息, the 帮教期 and the
社区矫正 term, and of the dated history rows.

Each class is refused with its reason (keyed by the field, so the form shows it beside the field),
nothing is written, and the corrected dossier then saves.
"""

from __future__ import annotations

from datetime import date

import pytest

from sifasuo_desktop.core.errors import DuplicateError, ValidationError
from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import office, persons
from sifasuo_desktop.services.person_dossier import get_dossier
from sifasuo_desktop.services.persons import (
    AftercareInput,
    CorrectionInput,
    FlagInput,
    HelperInput,
    PersonInput,
    PlacementInput,
    ReoffenseInput,
)

ID = compose("410101", date(1980, 5, 17), 123)     # 男, born 1980-05-17
BAD_CHECK = ID[:17] + ("0" if ID[17] != "0" else "1")
TODAY = date(2026, 11, 24)                          # conftest.TODAY
TOMORROW = date(2026, 11, 25)


def person(ctx, **kw) -> PersonInput:
    return PersonInput(**{"name": "张三", "id_number": ID, "village_id": office.list_villages(ctx)[0].id, **kw})


def release(**kw) -> AftercareInput:
    return AftercareInput(**{"source": "监狱刑满释放", "release_date": date(2024, 3, 1), **kw})


def correction(**kw) -> CorrectionInput:
    return CorrectionInput(**{"kind": "缓刑", "start_date": date(2025, 1, 10), "end_date": date(2027, 1, 9), **kw})


def saves(ctx):
    """The valid dossier saves afterwards."""
    return lambda: persons.create_person(ctx, person(ctx), aftercare=[release()])


# (id: the class, person fields, aftercare fields, field code, words of the reason)
PERSON_CLASSES = [
    ("idnumber-empty", {"id_number": ""}, "id_number", "不能为空"),
    ("idnumber-length-17", {"id_number": ID[:17]}, "id_number", "应为18位，现为17位"),
    ("idnumber-length-19", {"id_number": ID + "1"}, "id_number", "应为18位，现为19位"),
    ("idnumber-characters", {"id_number": "41010119800517A23X"}, "id_number", "只能由数字组成"),
    ("idnumber-impossible-date", {"id_number": "410101198002301234"}, "id_number", "不是有效日期"),
    ("idnumber-future-birth", {"id_number": compose("410101", TOMORROW, 123)}, "id_number", "不合理"),
    ("idnumber-check-character", {"id_number": BAD_CHECK}, "id_number", "校验位错误"),
    ("sex-disagrees-with-number", {"sex": "女"}, "sex", "号码显示为男"),
    ("birth-date-disagrees-with-number", {"birth_date": date(1980, 5, 18)}, "birth_date", "1980-05-17"),
    ("name-missing", {"name": "  "}, "name", "请填写姓名"),
    ("name-100000-characters", {"name": "张" * 100_000}, "name", "姓名过长"),
    ("address-100000-characters", {"household_address": "东街" * 50_000}, "household_address", "最多200个字"),
    ("phone-too-long", {"phone": "1" * 51}, "phone", "最多50个字"),
    ("name-control-character", {"name": "张\x00三"}, "name", "控制字符"),
    ("village-missing", {"village_id": None}, "village_id", "请选择所属村(社区)"),
    ("village-unknown", {"village_id": "0" * 32}, "village_id", "不存在"),
    ("ethnicity-unknown", {"ethnicity": "火星族"}, "ethnicity", "未知的民族"),
    ("education-unknown", {"education": "博士后"}, "education", "文化程度应为"),
    ("sex-not-male-or-female", {"id_number": BAD_CHECK, "id_number_verified": True, "sex": "男性"},
     "sex", "性别应为男或女"),
]

AFTERCARE_CLASSES = [
    ("release-date-missing", {"release_date": None}, "aftercare.release_date", "请填写释放日期"),
    ("release-date-future", {"release_date": TOMORROW}, "aftercare.release_date", "不能晚于今天"),
    ("release-before-birth", {"release_date": date(1980, 5, 1)}, "aftercare.release_date", "早于出生日期"),
    ("transfer-in-without-date", {"source": "外地迁入"}, "aftercare.transfer_in_date", "须填写迁入日期"),
    ("transfer-in-before-release", {"source": "外地迁入", "transfer_in_date": date(2024, 2, 1)},
     "aftercare.transfer_in_date", "不能早于释放日期"),
    ("source-unknown", {"source": "自首"}, "aftercare.source", "来源应为"),
    ("removal-before-register-start", {"removal_date": date(2024, 2, 1), "removal_reason": "死亡"},
     "aftercare.removal_date", "早于列管日期"),
    ("removal-date-without-reason", {"removal_date": date(2025, 1, 1)}, "aftercare.removal_reason", "减少原因"),
    ("removal-reason-without-date", {"removal_reason": "死亡"}, "aftercare.removal_date", "须填写减少日期"),
    ("handover-before-release", {"handover_date": date(2024, 2, 28)}, "aftercare.handover_date", "早于释放日期"),
    ("agreement-before-release", {"agreement_date": date(2024, 2, 1)}, "aftercare.agreement_date", "早于释放日期"),
    ("dossier-date-future", {"dossier_date": TOMORROW}, "aftercare.dossier_date", "不能晚于今天"),
    ("category-unknown", {"category": "特别"}, "aftercare.category", "重点或一般"),
    ("term-years-zero", {"term_years": 0}, "aftercare.term_years", "1–20年"),
    ("charge-too-long", {"charge": "盗窃" * 51}, "aftercare.charge", "最多100个字"),
]

CORRECTION_CLASSES = [
    ("term-ends-before-start", {"end_date": date(2025, 1, 1)}, "correction.end_date", "必须晚于起始日期"),
    ("term-ends-on-start", {"end_date": date(2025, 1, 10)}, "correction.end_date", "必须晚于起始日期"),
    ("term-start-missing", {"start_date": None}, "correction.start_date", "请填写矫正起始日期"),
    ("judgment-in-future", {"judgment_effective_date": TOMORROW}, "correction.judgment_effective_date", "不能晚于今天"),
    ("released-before-start", {"actual_end_date": date(2025, 1, 1), "end_reason": "期满解除"},
     "correction.actual_end_date", "不能早于起始日期"),
    ("end-reason-without-date", {"end_reason": "期满解除"}, "correction.actual_end_date", "须填写解除日期"),
    ("prohibition-ends-before-start", {"prohibition_start": date(2025, 3, 1), "prohibition_end": date(2025, 2, 1)},
     "correction.prohibition_end", "不能早于开始日期"),
    ("correction-kind-unknown", {"kind": "监禁"}, "correction.kind", "矫正类别应为"),
]

HISTORY_CLASSES = [
    ("flag-ends-before-start", FlagInput(flag="three_nos", start_date=date(2025, 5, 1), end_date=date(2025, 4, 1)),
     "history.0.end_date", "晚于开始日期"),
    ("placement-in-future", PlacementInput(method="就业", placement_date=TOMORROW), "history.0.placement_date",
     "不能晚于今天"),
    ("placement-method-unknown", PlacementInput(method="出国", placement_date=date(2025, 1, 1)), "history.0.method",
     "未知的安置方式"),
    ("reoffense-kind-unknown", ReoffenseInput(kind="轻罪", offense_date=date(2025, 1, 1)), "history.0.kind",
     "犯罪或违法"),
    ("helper-without-name", HelperInput(role="村干部", name=" "), "history.0.name", "请填写帮教小组成员姓名"),
]


@pytest.mark.parametrize("changes, field, words", [c[1:] for c in PERSON_CLASSES], ids=[c[0] for c in PERSON_CLASSES])
def test_person_field(ctx, refused, changes, field, words):
    refused(lambda: persons.create_person(ctx, person(ctx, **changes), aftercare=[release()]), words,
            error=ValidationError, field=field, then=saves(ctx))


@pytest.mark.parametrize("changes, field, words", [c[1:] for c in AFTERCARE_CLASSES],
                         ids=[c[0] for c in AFTERCARE_CLASSES])
def test_aftercare_term_field(ctx, refused, changes, field, words):
    refused(lambda: persons.create_person(ctx, person(ctx), aftercare=[release(**changes)]), words,
            error=ValidationError, field=field, then=saves(ctx))


@pytest.mark.parametrize("changes, field, words", [c[1:] for c in CORRECTION_CLASSES],
                         ids=[c[0] for c in CORRECTION_CLASSES])
def test_correction_term_field(ctx, refused, changes, field, words):
    refused(lambda: persons.create_person(ctx, person(ctx), corrections=[correction(**changes)]), words,
            error=ValidationError, field=field, then=saves(ctx))


@pytest.mark.parametrize("item, field, words", [c[1:] for c in HISTORY_CLASSES], ids=[c[0] for c in HISTORY_CLASSES])
def test_history_row(ctx, refused, item, field, words):
    refused(lambda: persons.create_person(ctx, person(ctx), aftercare=[release()], history=[item]), words,
            error=ValidationError, field=field, then=saves(ctx))


def test_bad_edit_keeps_the_stored_dossier(ctx, refused):
    """An edit with a bad field leaves the stored dossier exactly as it was (update, not create)."""
    pid = persons.create_person(ctx, person(ctx, phone="13800000000"), aftercare=[release()])
    refused(lambda: persons.update_person(ctx, pid, person(ctx, phone="1" * 60, sex="女")), "号码显示为男",
            error=ValidationError, field="sex",
            then=lambda: persons.update_person(ctx, pid, person(ctx, phone="13900000000")))
    assert get_dossier(ctx, pid).person.phone == "13900000000"


def test_duplicate_id_number(ctx, refused):
    """The same 公民身份号码 twice in one office: refused, pointing at the existing dossier."""
    first = persons.create_person(ctx, person(ctx), aftercare=[release()])
    err = refused(lambda: persons.create_person(ctx, person(ctx, name="张三丰"), aftercare=[release()]),
                  "已在本所登记（张三）", error=DuplicateError)
    assert err.existing_id == first
