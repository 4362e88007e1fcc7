from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from mediation_fixtures import ID_LI, ID_ZHANG, new_case
from sqlalchemy import func, select

from sifasuo_desktop.core.errors import LockedRecordError, NotFoundError, UserError, ValidationError
from sifasuo_desktop.db.models import AuditLog, MediationCase, MediationParty, Person
from sifasuo_desktop.domain.mediation import Followup, Party, Record
from sifasuo_desktop.services import audit, mediation, office
from sifasuo_desktop.services import mediation_query as query
from sifasuo_desktop.services import mediation_records as records


def _count(ctx, model) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def _success(case, **changes):
    values = dict(result="成功", concluded_date=date(2026, 11, 10), agreement_form="书面",
                  clauses=("李四于2026年11月30日前疏通排水沟", "张三不再追究"), agreement_amount=Decimal("500"),
                  performance_method="李四自行施工，2026年11月30日前完成")
    return replace(case, **{**values, **changes})


# --- numbering -----------------------------------------------------------------------------

def test_numbers_run_per_year_and_restart_each_year(ctx):
    first = mediation.create_case(ctx, new_case(date(2026, 3, 1)))
    second = mediation.create_case(ctx, new_case(date(2026, 3, 2)))
    last_year = mediation.create_case(ctx, new_case(date(2025, 12, 31)))
    next_year_check = mediation.next_number(ctx, date(2027, 1, 1))
    assert (first.year, first.seq, second.seq) == (2026, 1, 2)
    assert (last_year.year, last_year.seq) == (2025, 1)
    assert next_year_check == 1
    assert mediation.next_number(ctx, date(2026, 12, 31)) == 3
    assert second.number == "城关镇人调字〔2026〕第2号"


def test_a_chosen_number_must_be_free_and_deleted_cases_keep_theirs(ctx):
    mediation.create_case(ctx, new_case(seq=12))
    with pytest.raises(ValidationError) as err:
        mediation.create_case(ctx, new_case(seq=12))
    assert "第12号已被其他案件使用" in err.value.fields["seq"]
    assert mediation.create_case(ctx, new_case()).seq == 13
    doomed = mediation.create_case(ctx, new_case())
    mediation.delete_case(ctx, doomed.id)
    assert mediation.create_case(ctx, new_case()).seq == 15


def test_moving_a_case_to_another_year_numbers_it_there(ctx):
    mediation.create_case(ctx, new_case(date(2025, 6, 1)))
    case = mediation.create_case(ctx, new_case(date(2026, 1, 5)))
    moved = mediation.update_case(ctx, case.id, replace(case, acceptance_date=date(2025, 12, 30)))
    assert (moved.year, moved.seq) == (2025, 2)


def test_default_prefix_follows_the_last_case_or_the_office(ctx):
    assert mediation.default_number_prefix(ctx) == "测试镇人调字"
    mediation.create_case(ctx, new_case(number_prefix="东街人调字"))
    assert mediation.default_number_prefix(ctx) == "东街人调字"


# --- writing -------------------------------------------------------------------------------

def test_create_stores_parties_mediators_and_audits(ctx):
    case = mediation.create_case(ctx, new_case())
    again = mediation.get_case(ctx, case.id)
    assert [p.name for p in again.parties] == ["张三", "李四"]
    assert again.parties[0].id_number == ID_ZHANG and again.parties[1].ethnicity_name == "回族"
    assert again.mediators == ("王调解", "赵调解")
    with ctx.reading() as session:
        assert session.scalar(select(MediationParty.name_initials).where(MediationParty.name == "张三")) == "zs"
    entries = audit.list_entries(ctx, record_id=case.id)
    assert entries[0].action == "新增" and "王调解、赵调解" in entries[0].summary


def test_bad_case_writes_nothing(ctx):
    bad = new_case(parties=(Party(role="申请人", name="张三"), Party(role="被申请人", name="李四", id_number="1234")))
    before_audit = _count(ctx, AuditLog)
    with pytest.raises(ValidationError) as err:
        mediation.create_case(ctx, bad)
    assert "第2位当事人（李四）" in str(err.value)
    assert _count(ctx, MediationCase) == 0 and _count(ctx, AuditLog) == before_audit


def test_update_changes_parties_and_outcome(ctx):
    case = mediation.create_case(ctx, new_case())
    third = Party(role="被申请人", name="王五", id_number=ID_LI)
    changed = mediation.update_case(ctx, case.id, _success(case, parties=(case.parties[0], third)))
    assert [p.name for p in changed.parties] == ["张三", "王五"]
    assert changed.clauses[0].startswith("李四于") and changed.agreement_date == date(2026, 11, 10)
    with ctx.reading() as session:
        assert session.scalar(select(MediationParty.deleted_at).where(MediationParty.name == "李四")) is not None
    actions = {(e.action, e.table_name) for e in audit.list_entries(ctx)}
    assert ("删除", "mediation_party") in actions and ("修改", "mediation_case") in actions


def test_future_dates_and_early_conclusion_refused(ctx):
    case = mediation.create_case(ctx, new_case())
    with pytest.raises(ValidationError) as err:
        mediation.update_case(ctx, case.id, _success(case, concluded_date=date(2026, 10, 30)))
    assert "concluded_date" in err.value.fields
    with pytest.raises(ValidationError):
        mediation.create_case(ctx, new_case(date(2026, 11, 25)))


# --- records and follow-ups ----------------------------------------------------------------

def test_records_and_followups(ctx):
    case = mediation.create_case(ctx, new_case())
    case = records.save_record(ctx, case.id, Record("调查", date(2026, 11, 2), "东街社区", "张三", "孙记录", "查看排水沟"))
    case = records.save_record(ctx, case.id, Record("调解", date(2026, 11, 5), "司法所", "张三、李四", "孙记录", "双方同意"))
    assert [r.kind for r in case.records] == ["调查", "调解"]
    with pytest.raises(ValidationError):   # no agreement yet: nothing to follow up
        records.save_followup(ctx, case.id, Followup(date(2026, 11, 20), content="已疏通"))
    case = mediation.update_case(ctx, case.id, _success(case))
    case = records.save_followup(ctx, case.id, Followup(date(2026, 11, 20), "电话回访", "王调解", "已疏通", "满意"))
    fixed = replace(case.records[0], text="查看排水沟，拍照三张")
    case = records.save_record(ctx, case.id, fixed)
    assert case.records[0].text == "查看排水沟，拍照三张"
    case = records.delete_record(ctx, case.records[1].id)
    assert [r.kind for r in case.records] == ["调查"] and len(case.followups) == 1


# --- limit, close, reopen ------------------------------------------------------------------

def test_extension_moves_the_limit_and_is_kept(ctx):
    case = mediation.create_case(ctx, new_case(date(2026, 10, 20)))   # deadline 11-19: past on 11-24
    with pytest.raises(ValidationError):
        mediation.extend_limit(ctx, case.id, days=10, consent_date=date(2026, 11, 20), both_consent=True, reason="x")
    extended = mediation.extend_limit(ctx, case.id, days=10, consent_date=date(2026, 11, 19),
                                      both_consent=True, reason="等待鉴定结果")
    assert extended.extension_days == 10
    assert "2026-11-19 经双方当事人同意延长10天：等待鉴定结果" in extended.extension_reason
    row = query.list_cases(ctx)[0]
    assert row.limit.deadline == date(2026, 11, 29) and row.limit.days_left == 5 and row.state == "临近期限"


def test_close_locks_and_reopen_needs_a_reason(ctx):
    case = mediation.create_case(ctx, new_case())
    with pytest.raises(UserError, match="调解中"):
        mediation.close_case(ctx, case.id)
    case = mediation.update_case(ctx, case.id, _success(case))
    closed = mediation.close_case(ctx, case.id)
    assert closed.closed and closed.filer == "张所长" and closed.retention == "长期"
    with pytest.raises(LockedRecordError):
        mediation.update_case(ctx, case.id, replace(closed, summary="改"))
    with pytest.raises(LockedRecordError):
        records.save_followup(ctx, case.id, Followup(date(2026, 11, 20), content="x"))
    with pytest.raises(LockedRecordError):
        mediation.delete_case(ctx, case.id)
    with pytest.raises(ValidationError):
        mediation.reopen_case(ctx, case.id, " ")
    reopened = mediation.reopen_case(ctx, case.id, "当事人反映未履行")
    assert not reopened.closed
    entry = audit.list_entries(ctx, record_id=case.id)[0]
    assert "当事人反映未履行" in entry.summary and "当事人反映未履行" in entry.after


def test_soft_delete_and_restore(ctx):
    case = mediation.create_case(ctx, new_case())
    mediation.delete_case(ctx, case.id)
    assert query.list_cases(ctx) == [] and [r.id for r in query.list_cases(ctx, query.CaseFilter(deleted=True))] == [case.id]
    with pytest.raises(NotFoundError):
        mediation.get_case(ctx, case.id)
    mediation.restore_case(ctx, case.id)
    assert [r.id for r in query.list_cases(ctx)] == [case.id]


# --- lists ---------------------------------------------------------------------------------

@pytest.fixture
def three_cases(ctx):
    near = mediation.create_case(ctx, new_case(date(2026, 10, 28)))                 # deadline 11-27: 3 left
    past = mediation.create_case(ctx, new_case(date(2026, 10, 1), dispute_type="合同",
                                               mediators=("钱调解",)))               # deadline 10-31
    done = mediation.create_case(ctx, new_case(date(2026, 11, 2)))
    done = mediation.update_case(ctx, done.id, _success(done))
    return near, past, done


def test_filters_by_state_type_mediator_and_period(ctx, three_cases):
    near, past, done = three_cases
    ids = lambda **kw: [r.id for r in query.list_cases(ctx, query.CaseFilter(**kw))]  # noqa: E731
    assert ids(state="临近期限") == [near.id]
    assert ids(state="已超期") == [past.id]
    assert ids(state="已调结") == [done.id]
    assert set(ids(state="调解中")) == {near.id, past.id}
    assert ids(dispute_type="合同") == [past.id]
    assert ids(mediator="钱调解") == [past.id]
    assert ids(result="成功") == [done.id]
    assert ids(start=date(2026, 10, 28), end=date(2026, 11, 1)) == [near.id]
    assert [r.id for r in query.cases_near_limit(ctx)] == [past.id, near.id]
    mediation.close_case(ctx, done.id)
    assert ids(state="已归档") == [done.id]


def test_search_by_name_initials_id_and_number(ctx, three_cases):
    near, past, done = three_cases
    mediation.update_case(ctx, past.id, replace(past, parties=(
        Party(role="申请人", name="欧阳明"), Party(role="被申请人", name="某物业公司", is_organisation=True))))
    search = lambda text: {r.id for r in query.list_cases(ctx, query.CaseFilter(search=text))}  # noqa: E731
    assert search("欧阳") == {past.id}
    assert search("oym") == {past.id}
    assert search("ZS") == {near.id, done.id}
    assert search(ID_ZHANG[-6:]) == {near.id, done.id}
    assert search("2026第2号") == {past.id}
    assert search("〔2026〕第3号") == {done.id}
    assert search("3") == {done.id}
    assert search("物业") == {past.id}


def test_party_linked_to_dossier_person_both_ways(ctx):
    with ctx.transaction() as session:
        person = Person(office_id=ctx.office_id, name="张三", id_number=ID_ZHANG)
        session.add(person)
        session.flush()
        person_id = person.id
    case = mediation.create_case(ctx, new_case())
    other = mediation.create_case(ctx, new_case(parties=(Party(role="申请人", name="甲"), Party(role="被申请人", name="乙"))))
    assert [p.person_id for p in mediation.get_case(ctx, case.id).parties] == [person_id, None]
    assert [r.id for r in query.cases_for_person(ctx, person_id)] == [case.id]
    assert other.id not in [r.id for r in query.cases_for_person(ctx, person_id)]


def test_register_rows(ctx, three_cases):
    near, past, done = three_cases
    records.save_followup(ctx, done.id, Followup(date(2026, 11, 21), content="已履行"))
    rows = query.register_rows(ctx, date(2026, 1, 1), date(2026, 12, 31))
    assert [r.number for r in rows] == ["城关镇人调字〔2026〕第1号", "城关镇人调字〔2026〕第2号", "城关镇人调字〔2026〕第3号"]
    last = rows[-1]
    assert (last.applicants, last.respondents, last.mediators) == ("张三", "李四", "王调解、赵调解")
    assert (last.result, last.agreement_form, last.agreement_amount, last.followup_date) == (
        "成功", "书面", Decimal("500.00"), date(2026, 11, 21))


def test_other_office_cases_are_invisible(ctx):
    case = mediation.create_case(ctx, new_case())
    other = office.create_office(ctx.for_office(None), code="410101002", name="别镇司法所")
    assert query.list_cases(other) == []
    with pytest.raises(NotFoundError):
        mediation.get_case(other, case.id)
