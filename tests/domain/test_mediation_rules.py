from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from sifasuo_desktop.domain import mediation as m
from sifasuo_desktop.domain import mediation_file as mf
from sifasuo_desktop.domain.mediation_checks import (
    case_problems,
    extension_problems,
    followup_problems,
    normalise,
    party_problems,
)

TODAY = date(2026, 11, 24)

def _valid_id(first17: str) -> str:
    from sifasuo_desktop.domain.idnumber import check_character
    return first17 + check_character(first17)


ID_ZHANG = _valid_id("41010119800315001")   # 男 (sequence 001 odd)
ID_LI = _valid_id("41010119850620002")      # 女


def _case(**changes) -> m.Case:
    base = m.Case(
        acceptance_date=date(2026, 11, 1), source="当事人申请", dispute_type="邻里",
        parties=(m.Party(role="申请人", name="张三", id_number=ID_ZHANG),
                 m.Party(role="被申请人", name="李四")),
        mediators=("王调解", "赵调解"), number_prefix="城关镇人调字", year=2026, seq=12,
    )
    return replace(base, **changes)


# --- numbering -----------------------------------------------------------------------------

def test_number_reads_like_the_paper_form():
    assert m.case_number("城关镇人调字", 2026, 12) == "城关镇人调字〔2026〕第12号"
    assert m.case_number("", 2026, 1) == "〔2026〕第1号"
    assert m.case_number("X", None, None) == ""


def test_next_seq_counts_on_from_the_highest_and_starts_at_one():
    assert m.next_seq([]) == 1
    assert m.next_seq([1, 2, 5]) == 6


def test_default_prefix_from_committee_or_office_name():
    assert m.default_prefix("城关镇人民调解委员会", None) == "城关镇人调字"
    assert m.default_prefix(None, "示范县城关镇司法所") == "城关镇人调字"
    assert m.default_prefix("", "朝阳区和平街道司法所") == "和平街道人调字"
    assert m.default_prefix(None, None) == "人调字"


# --- the 30-day limit ----------------------------------------------------------------------

@pytest.mark.parametrize("today, days_left, state, label", [
    (date(2026, 11, 23), 8, m.STATE_OPEN, "剩8天"),
    (date(2026, 11, 24), 7, m.STATE_NEAR, "剩7天"),        # first day "near" (due_soon_days = 7)
    (date(2026, 12, 1), 0, m.STATE_NEAR, "今日到期"),      # acceptance + 30: last day
    (date(2026, 12, 2), -1, m.STATE_PAST, "超期1天"),      # first day past
])
def test_limit_edges(today, days_left, state, label):
    status = m.limit_status(_case(), 30, 7, today)
    assert status.deadline == date(2026, 12, 1)
    assert (status.days_left, status.state, status.label) == (days_left, state, label)


def test_extension_moves_the_deadline():
    status = m.limit_status(_case(extension_days=15), 30, 7, date(2026, 12, 2))
    assert status.deadline == date(2026, 12, 16)
    assert status.days_left == 14 and status.state == m.STATE_OPEN


def test_concluded_or_closed_case_has_no_limit():
    assert m.limit_status(_case(result="成功", concluded_date=date(2026, 11, 5)), 30, 7, TODAY) is None
    assert m.case_state(_case(result="成功", concluded_date=date(2026, 11, 5)), 30, 7, TODAY) == m.STATE_CONCLUDED
    assert m.case_state(_case(result="成功", closed=True), 30, 7, TODAY) == m.STATE_CLOSED


def test_limit_over_february_in_a_leap_year():
    case = _case(acceptance_date=date(2028, 2, 1))
    assert m.limit_status(case, 30, 7, date(2028, 2, 1)).deadline == date(2028, 3, 2)


def test_extension_needs_consent_reason_and_an_unexpired_limit():
    case = _case()   # deadline 2026-12-01
    ok = dict(days=15, both_consent=True, reason="双方需筹款", limit_days=30, today=date(2026, 12, 5))
    assert extension_problems(case, consent_date=date(2026, 12, 1), **ok) == {}
    late = extension_problems(case, consent_date=date(2026, 12, 2), **ok)
    assert "届满" in late["consent_date"]
    no_consent = extension_problems(case, consent_date=date(2026, 11, 20), **{**ok, "both_consent": False})
    assert "双方当事人同意" in no_consent["both_consent"]
    assert "1–30" in extension_problems(case, consent_date=date(2026, 11, 20), **{**ok, "days": 0})["days"]
    assert "reason" in extension_problems(case, consent_date=date(2026, 11, 20), **{**ok, "reason": " "})
    # a second extension counts from the extended deadline
    extended = _case(extension_days=15)
    assert extension_problems(extended, consent_date=date(2026, 12, 16), **{**ok, "today": date(2026, 12, 20)}) == {}


def test_extension_refused_for_concluded_and_closed_cases():
    ok = dict(days=5, consent_date=date(2026, 11, 20), both_consent=True, reason="x", limit_days=30, today=TODAY)
    assert "调解中" in extension_problems(_case(result="成功"), **ok)["days"]
    assert "重新打开" in extension_problems(_case(closed=True), **ok)["days"]


def test_followup_and_judicial_windows():
    assert m.followup_due(date(2026, 11, 10), 30) == date(2026, 12, 10)
    assert m.judicial_window_end(date(2026, 1, 31), 30) == date(2026, 3, 2)
    assert m.followup_due(None, 30) is None


# --- locking -------------------------------------------------------------------------------

def test_locking_rules():
    assert m.edit_problem(False) is None
    assert "重新打开" in m.edit_problem(True)
    assert "调解中" in m.close_problem(_case())
    assert m.close_problem(_case(result="不成功", concluded_date=date(2026, 11, 5))) is None
    assert m.close_problem(_case(result="成功", concluded_date=date(2026, 11, 5), closed=True)) == "案件已经归档"
    assert m.reopen_problem(True, "") == "请填写重新打开的理由"
    assert m.reopen_problem(True, "当事人反映协议未履行") is None
    assert m.reopen_problem(False, "理由") == "案件未归档，无需重新打开"


# --- agreement -----------------------------------------------------------------------------

def test_copies_are_parties_plus_one():
    assert m.agreement_copies(2) == 3
    assert m.copies_sentence(2) == "本协议一式三份，当事人、人民调解委员会各持一份。"
    assert m.copies_sentence(9) == "本协议一式十份，当事人、人民调解委员会各持一份。"
    assert m.copies_sentence(11, extra=2) == "本协议一式十三份，当事人、人民调解委员会各持一份。"


def test_chinese_numerals():
    assert [m.chinese_numeral(n) for n in (1, 10, 11, 20, 21, 99)] == ["一", "十", "十一", "二十", "二十一", "九十九"]


def test_party_age_from_birth_date_or_as_entered():
    party = m.Party(role="申请人", name="甲", birth_date=date(2000, 2, 29))
    assert party.age_on(date(2026, 2, 28)) == 25
    assert party.age_on(date(2026, 3, 1)) == 26
    assert m.Party(role="申请人", name="乙", age=40).age_on(TODAY) == 40


# --- validation ----------------------------------------------------------------------------

def test_a_plain_open_case_is_valid():
    assert case_problems(normalise(_case()), TODAY) == {}


def test_parties_need_an_applicant_and_a_respondent():
    one_side = _case(parties=(m.Party(role="申请人", name="甲"), m.Party(role="申请人", name="乙")))
    assert "一名申请人和一名被申请人" in case_problems(one_side, TODAY)["parties"]
    alone = _case(parties=(m.Party(role="申请人", name="甲"),))
    assert "parties" in case_problems(alone, TODAY)


def test_party_id_number_is_optional_but_checked():
    assert party_problems(m.Party(role="申请人", name="甲"), TODAY) == {}
    wrong = party_problems(m.Party(role="申请人", name="甲", id_number=ID_ZHANG[:-1] + "0"), TODAY)
    assert "校验位" in wrong["id_number"]
    sex = party_problems(m.Party(role="申请人", name="甲", id_number=ID_ZHANG, sex="女"), TODAY)
    assert "性别与公民身份号码不符" in sex["sex"]
    case = _case(parties=(m.Party(role="申请人", name="甲", id_number="123"), m.Party(role="被申请人", name="乙")))
    assert case_problems(case, TODAY)["parties"].startswith("第1位当事人（甲）")
    org = m.Party(role="被申请人", name="某物业公司", is_organisation=True, id_number="whatever")
    assert party_problems(org, TODAY) == {}


def test_dates_not_in_future_and_conclusion_not_before_acceptance():
    assert "不能晚于今天" in case_problems(_case(acceptance_date=date(2026, 11, 25)), TODAY)["acceptance_date"]
    early = normalise(_case(result="不成功", concluded_date=date(2026, 10, 31), failure_reason="拒绝"))
    assert "不能早于受理日期" in case_problems(early, TODAY)["concluded_date"]
    same_day = normalise(_case(result="不成功", concluded_date=date(2026, 11, 1), failure_reason="拒绝"))
    assert case_problems(same_day, TODAY) == {}


def test_success_needs_an_agreement_form_and_written_clauses():
    success = _case(result="成功", concluded_date=date(2026, 11, 10))
    assert "agreement_form" in case_problems(normalise(success), TODAY)
    written = normalise(replace(success, agreement_form="书面", clauses=(" ",)))
    assert "至少需要一条" in case_problems(written, TODAY)["clauses"]
    oral = normalise(replace(success, agreement_form="口头"))
    assert case_problems(oral, TODAY) == {}
    assert oral.agreement_date == date(2026, 11, 10)   # the agreement dates from the conclusion


def test_failure_needs_a_reason_and_open_case_drops_outcome_fields():
    failed = normalise(_case(result="不成功", concluded_date=date(2026, 11, 10)))
    assert "原因" in case_problems(failed, TODAY)["failure_reason"]
    reopened = normalise(_case(result="调解中", concluded_date=date(2026, 11, 10), agreement_form="书面",
                               clauses=("x",), failure_reason="y"))
    assert (reopened.concluded_date, reopened.agreement_form, reopened.clauses, reopened.failure_reason) == (None, None, (), None)


def test_judicial_confirmation_window_edges():
    base = _case(result="成功", concluded_date=date(2026, 10, 20), acceptance_date=date(2026, 10, 1),
                 agreement_form="口头", judicial_court="示范县人民法院")
    last_day = normalise(replace(base, judicial_apply_date=date(2026, 11, 19)))     # 10-20 + 30
    assert case_problems(last_day, TODAY) == {}
    too_late = normalise(replace(base, judicial_apply_date=date(2026, 11, 20)))
    assert "30日内" in case_problems(too_late, TODAY)["judicial_apply_date"]
    no_court = normalise(replace(base, judicial_apply_date=date(2026, 11, 1), judicial_court=""))
    assert "judicial_court" in case_problems(no_court, TODAY)
    before = normalise(replace(base, judicial_apply_date=date(2026, 11, 1), judicial_confirm_date=date(2026, 10, 31)))
    assert "不能早于申请日期" in case_problems(before, TODAY)["judicial_confirm_date"]


def test_performance_and_amount_checks():
    base = normalise(_case(result="成功", concluded_date=date(2026, 11, 10), agreement_form="口头"))
    assert "履行日期" in case_problems(replace(base, performance_status="已履行"), TODAY)["performance_date"]
    assert "负数" in case_problems(replace(base, agreement_amount=Decimal("-1")), TODAY)["agreement_amount"]


def test_referred_case_names_the_organ():
    assert "移送单位" in case_problems(_case(source="委托移送"), TODAY)["referring_organ"]
    assert case_problems(_case(source="委托移送", referring_organ="法院"), TODAY) == {}


def test_followup_only_after_an_agreement():
    followup = m.Followup(followup_date=date(2026, 11, 20), content="已履行")
    assert "调解成功" in followup_problems(followup, _case(), TODAY)["followup_date"]
    success = normalise(_case(result="成功", concluded_date=date(2026, 11, 10), agreement_form="口头"))
    assert followup_problems(followup, success, TODAY) == {}
    early = replace(followup, followup_date=date(2026, 11, 9))
    assert "不能早于协议日期" in followup_problems(early, success, TODAY)["followup_date"]


# --- the 卷宗 ------------------------------------------------------------------------------

def test_file_contents_in_official_order_with_marks():
    case = normalise(_case(result="成功", concluded_date=date(2026, 11, 10), agreement_form="书面",
                           clauses=("甲付乙500元",), records=(m.Record(kind="调解", record_date=date(2026, 11, 5)),),
                           file_materials={"当事人身份证明": 2}))
    entries = mf.contents(case)
    assert [e.title for e in entries] == mf.ORDER
    marks = {e.title: e.mark for e in entries}
    assert marks["协议书"] == "有" and marks["调解记录"] == "有" and marks["当事人身份证明"] == "有"
    assert marks["回访记录"] == "缺"      # required after an agreement
    assert marks["调查记录"] == "无" and marks["授权委托书"] == "无"
    assert mf.missing(case) == ["回访记录"]


def test_file_page_numbers_run_on_through_paper_documents():
    case = normalise(_case(file_materials={"当事人身份证明": 2, "证据材料": 0}))
    entries = {e.title: e for e in mf.contents(case, {"申请书或受理登记表": 1, "权利义务告知书": 1, "封底": 1})}
    assert entries["申请书或受理登记表"].page_range == "1"
    assert entries["当事人身份证明"].page_range == "3-4"
    assert entries["证据材料"].present and entries["证据材料"].page_range == ""
    assert entries["封底"].page_range == "5"
