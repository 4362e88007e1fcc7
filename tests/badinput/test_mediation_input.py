"""Bad input in the 人民调解 case form and its records (services.mediation, mediation_records).

Every field rule of the case (受理, 当事人, 调解结果, 协议, 履行, 司法确认), of an 调查/调解记录, a 回访,
an extension of the time limit, and changes to an archived (locked) case. Each is refused with its
reason, nothing is written, and a valid case then saves.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from mediation_fixtures import new_case

from sifasuo_desktop.core.errors import LockedRecordError, ValidationError
from sifasuo_desktop.domain.mediation import Followup, Record
from sifasuo_desktop.services import mediation, mediation_records

TOMORROW = date(2026, 11, 25)
SUCCESS = {"result": "成功", "concluded_date": date(2026, 11, 10), "agreement_form": "口头"}


def party(case, index: int, **changes):
    parties = list(case.parties)
    parties[index] = replace(parties[index], **changes)
    return tuple(parties)


CASE = new_case()
# (id: the class, case fields, field code, words of the reason)
CASE_CLASSES = [
    ("acceptance-date-missing", {"acceptance_date": None}, "acceptance_date", "请填写受理日期"),
    ("acceptance-date-future", {"acceptance_date": TOMORROW}, "acceptance_date", "不能晚于今天"),
    ("source-missing", {"source": ""}, "source", "请选择案件来源"),
    ("referred-without-organ", {"source": "委托移送"}, "referring_organ", "请填写移送单位"),
    ("dispute-type-unknown", {"dispute_type": "口角"}, "dispute_type", "请选择纠纷类型"),
    ("only-one-party", {"parties": CASE.parties[:1]}, "parties", "至少需要两名当事人"),
    ("no-respondent", {"parties": party(CASE, 1, role="申请人")}, "parties", "一名被申请人"),
    ("party-name-missing", {"parties": party(CASE, 1, name=" ")}, "parties", "请填写姓名"),
    ("party-idnumber-check", {"parties": party(CASE, 0, id_number=CASE.parties[0].id_number[:17] + "Y")},
     "parties", "公民身份号码"),
    ("party-sex-disagrees", {"parties": party(CASE, 0, sex="女")}, "parties", "性别与公民身份号码不符"),
    ("party-age-impossible", {"parties": party(CASE, 1, age=200)}, "parties", "年龄应在0–150之间"),
    ("party-name-100000-characters", {"parties": party(CASE, 1, name="李" * 100_000)}, "parties", "最多100个字"),
    ("party-address-control-character", {"parties": party(CASE, 1, address="东街\x07二号")}, "parties", "控制字符"),
    ("mediators-missing", {"mediators": ()}, "mediators", "请填写调解员"),
    ("mediator-name-too-long", {"mediators": ("王" * 51,)}, "mediators", "最多50个字"),
    ("amount-negative", {"amount_involved": Decimal("-1")}, "amount_involved", "不能为负数"),
    ("people-negative", {"people_involved": -3}, "people_involved", "不能为负数"),
    ("prevention-count-negative", {"prevent_criminal": -1}, "prevent_criminal", "人数不能为负数"),
    ("concluded-without-date", {"result": "成功", "agreement_form": "口头"}, "concluded_date", "请填写结案日期"),
    ("concluded-before-acceptance", {**SUCCESS, "concluded_date": date(2026, 10, 31)}, "concluded_date",
     "不能早于受理日期"),
    ("concluded-in-future", {**SUCCESS, "concluded_date": TOMORROW}, "concluded_date", "不能晚于今天"),
    ("failed-without-reason", {"result": "不成功", "concluded_date": date(2026, 11, 10)}, "failure_reason",
     "请填写原因"),
    ("success-without-agreement-form", {**SUCCESS, "agreement_form": None}, "agreement_form", "请选择协议形式"),
    ("written-agreement-without-clauses", {**SUCCESS, "agreement_form": "书面"}, "clauses", "至少需要一条"),
    ("agreement-amount-negative", {**SUCCESS, "agreement_amount": Decimal("-5")}, "agreement_amount", "不能为负数"),
    ("performed-without-date", {**SUCCESS, "performance_status": "已履行"}, "performance_date", "请填写履行日期"),
    ("performance-before-agreement", {**SUCCESS, "performance_status": "已履行",
                                      "performance_date": date(2026, 11, 5)}, "performance_date", "不能早于协议日期"),
    ("confirmation-without-application", {**SUCCESS, "judicial_confirm_date": date(2026, 11, 20)},
     "judicial_apply_date", "请填写申请司法确认日期"),
    ("confirmation-without-court", {**SUCCESS, "judicial_apply_date": date(2026, 11, 12)}, "judicial_court",
     "人民法院"),
]


@pytest.mark.parametrize("changes, field, words", [c[1:] for c in CASE_CLASSES], ids=[c[0] for c in CASE_CLASSES])
def test_case_field(ctx, refused, changes, field, words):
    refused(lambda: mediation.create_case(ctx, replace(new_case(), **changes)), words, error=ValidationError,
            field=field, then=lambda: mediation.create_case(ctx, new_case()))


def test_judicial_confirmation_applied_too_late(ctx, refused):
    """司法确认 applied for after the 30-day window of the agreement."""
    case = replace(new_case(acceptance=date(2026, 9, 1)), result="成功", concluded_date=date(2026, 9, 10),
                   agreement_form="口头", judicial_apply_date=date(2026, 11, 1), judicial_court="示范县人民法院")
    refused(lambda: mediation.create_case(ctx, case), "30日内申请", error=ValidationError,
            field="judicial_apply_date", then=lambda: mediation.create_case(ctx, new_case()))


def test_bad_edit_leaves_the_case_as_stored(ctx, refused):
    """An edit with a bad outcome keeps the stored case and its parties unchanged."""
    case = mediation.create_case(ctx, new_case())
    refused(lambda: mediation.update_case(ctx, case.id, replace(case, result="成功", agreement_form="口头")),
            "请填写结案日期", error=ValidationError, field="concluded_date",
            then=lambda: mediation.update_case(ctx, case.id, replace(case, summary="补充情况")))
    assert mediation.get_case(ctx, case.id).summary == "补充情况"


RECORD_CLASSES = [
    ("record-kind-unknown", Record("座谈", date(2026, 11, 2), text="内容"), "kind", "调查或调解"),
    ("record-before-acceptance", Record("调查", date(2026, 10, 1), text="内容"), "record_date", "不能早于受理日期"),
    ("record-in-future", Record("调查", TOMORROW, text="内容"), "record_date", "不能晚于今天"),
    ("record-without-text", Record("调查", date(2026, 11, 2), text="  "), "text", "请填写记录内容"),
    ("record-place-too-long", Record("调查", date(2026, 11, 2), place="村" * 201, text="内容"), "place", "最多200个字"),
]


@pytest.mark.parametrize("record, field, words", [c[1:] for c in RECORD_CLASSES], ids=[c[0] for c in RECORD_CLASSES])
def test_record_field(ctx, refused, record, field, words):
    case = mediation.create_case(ctx, new_case())
    refused(lambda: mediation_records.save_record(ctx, case.id, record), words, error=ValidationError, field=field,
            then=lambda: mediation_records.save_record(ctx, case.id, Record("调查", date(2026, 11, 2), text="走访")))


def test_followup_of_an_open_case(ctx, refused):
    """回访 of a case without an agreement."""
    case = mediation.create_case(ctx, new_case())
    refused(lambda: mediation_records.save_followup(ctx, case.id, Followup(date(2026, 11, 20), "电话回访", "王调解",
                                                                            "已履行", "满意")),
            "只有调解成功的案件需要回访", error=ValidationError, field="followup_date")


EXTENSION_CLASSES = [
    ("extension-without-consent", {"both_consent": False}, "both_consent", "须经双方当事人同意"),
    ("extension-days-out-of-range", {"days": 0}, "days", "延长天数应在"),
    ("extension-without-reason", {"reason": " "}, "reason", "请填写延长理由"),
    ("extension-consent-in-future", {"consent_date": TOMORROW}, "consent_date", "不能晚于今天"),
]


@pytest.mark.parametrize("changes, field, words", [c[1:] for c in EXTENSION_CLASSES],
                         ids=[c[0] for c in EXTENSION_CLASSES])
def test_extension(ctx, refused, changes, field, words):
    case = mediation.create_case(ctx, new_case())
    given = {"days": 15, "consent_date": date(2026, 11, 20), "both_consent": True, "reason": "等待评估", **changes}
    refused(lambda: mediation.extend_limit(ctx, case.id, **given), words, error=ValidationError, field=field,
            then=lambda: mediation.extend_limit(ctx, case.id, days=15, consent_date=date(2026, 11, 20),
                                                both_consent=True, reason="等待评估"))


def test_archived_case_is_locked(ctx, refused):
    """Editing an archived (结案归档) case, or adding a record to it."""
    case = mediation.create_case(ctx, replace(new_case(), **SUCCESS))
    mediation.close_case(ctx, case.id)
    refused(lambda: mediation.update_case(ctx, case.id, replace(case, summary="改")), "归档", error=LockedRecordError)
    refused(lambda: mediation_records.save_record(ctx, case.id, Record("调查", date(2026, 11, 2), text="走访")), "归档",
            error=LockedRecordError, then=lambda: mediation.reopen_case(ctx, case.id, "补充材料"))
    refused(lambda: mediation.reopen_case(ctx, case.id, "再次"), "未归档")
