"""一人一档 services: create, update, validation, duplicates, history, correction -> aftercare, 回收站."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from sifasuo_desktop.core.errors import DuplicateError, NotFoundError, PermissionDenied, ValidationError
from sifasuo_desktop.db.models import AftercareTerm, AuditLog, Person
from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import auth, office, persons
from sifasuo_desktop.services.person_dossier import get_dossier
from sifasuo_desktop.services.persons import (
    AftercareInput,
    CategoryInput,
    CorrectionInput,
    HelperInput,
    HistoryRef,
    LevelInput,
    PersonInput,
    PlacementInput,
    ReoffenseInput,
    StatusEventInput,
)

ID_MALE = compose("410101", date(1980, 5, 17), 123)      # sequence 123: odd -> 男
ID_FEMALE = compose("410102", date(1992, 2, 29), 244)    # even -> 女


def village(ctx) -> str:
    return office.list_villages(ctx)[0].id


def person_input(ctx, **kw) -> PersonInput:
    return PersonInput(**{"name": "张三", "id_number": ID_MALE, "village_id": village(ctx), **kw})


def release(**kw) -> AftercareInput:
    return AftercareInput(**{"source": "监狱刑满释放", "release_date": date(2024, 3, 1), **kw})


def audit_rows(ctx, record_id=None):
    with ctx.reading() as s:
        q = select(AuditLog.action, AuditLog.table_name, AuditLog.summary, AuditLog.before).order_by(AuditLog.at)
        if record_id:
            q = q.where(AuditLog.record_id == record_id)
        return s.execute(q).all()


def test_create_fills_sex_birth_pinyin_and_term_dates(ctx):
    pid = persons.create_person(ctx, person_input(ctx), aftercare=[release(category="重点", category_reason="暴力犯罪")])
    d = get_dossier(ctx, pid)
    assert (d.person.sex, d.person.birth_date, d.person.name_initials) == ("男", date(1980, 5, 17), "zs")
    term = d.current_aftercare
    assert (term.register_start, term.expiry, term.end_date, term.term_years) == (
        date(2024, 3, 1), date(2029, 3, 1), date(2029, 3, 1), 5)
    assert term.end_reason == "帮教期满"
    assert [(c.effective_date, c.category, c.reason) for c in d.categories] == [(date(2024, 3, 1), "重点", "暴力犯罪")]
    assert term.category == "重点"
    actions = [(a.action, a.table_name) for a in audit_rows(ctx)]
    assert ("新增", "person") in actions and ("新增", "aftercare_term") in actions and ("新增", "category_change") in actions


def test_expiry_follows_office_rule_and_feb_29(ctx):
    office.save_settings(ctx, {"aftercare_years_release": 3})
    pid = persons.create_person(ctx, person_input(ctx), aftercare=[release(release_date=date(2024, 2, 29))])
    term = get_dossier(ctx, pid).current_aftercare
    assert (term.term_years, term.expiry) == (3, date(2027, 2, 28))


def test_removal_before_expiry_sets_end_and_reason(ctx):
    pid = persons.create_person(ctx, person_input(ctx), aftercare=[release()])
    term = get_dossier(ctx, pid).current_aftercare
    persons.update_person(ctx, pid, person_input(ctx),
                          aftercare=[replace(term, removal_date=date(2025, 6, 1), removal_reason="迁出")])
    term = get_dossier(ctx, pid).current_aftercare
    assert (term.end_date, term.end_reason, term.expiry) == (date(2025, 6, 1), "迁出", date(2029, 3, 1))


def test_transfer_in_registers_from_transfer_date(ctx):
    pid = persons.create_person(ctx, person_input(ctx), aftercare=[
        release(source="外地迁入", release_date=date(2023, 1, 10), transfer_in_date=date(2025, 4, 2))])
    term = get_dossier(ctx, pid).current_aftercare
    assert (term.register_start, term.expiry) == (date(2025, 4, 2), date(2028, 1, 10))


@pytest.mark.parametrize("kw, field, words", [
    ({"name": " "}, "name", "姓名"),
    ({"id_number": "41010119800517123"}, "id_number", "18位"),
    ({"id_number": ID_MALE[:-1] + ("0" if ID_MALE[-1] != "0" else "1")}, "id_number", "校验位"),
    ({"id_number": "410101198002301234"}, "id_number", "不是有效日期"),
    ({"sex": "女"}, "sex", "号码显示为男"),
    ({"birth_date": date(1980, 5, 18)}, "birth_date", "1980-05-17"),
    ({"village_id": None}, "village_id", "村(社区)"),
    ({"village_id": "nope"}, "village_id", "不存在"),
    ({"education": "博士后"}, "education", "文化程度"),
])
def test_person_problems_are_refused_with_reason(ctx, kw, field, words):
    with pytest.raises(ValidationError) as err:
        persons.create_person(ctx, person_input(ctx, **kw), aftercare=[release()])
    assert words in err.value.fields[field]
    with ctx.reading() as s:
        assert s.scalar(select(Person.id)) is None  # nothing half-written


@pytest.mark.parametrize("kw, field, words", [
    ({"release_date": date(2026, 11, 25)}, "aftercare.release_date", "不能晚于今天"),
    ({"release_date": None}, "aftercare.release_date", "请填写"),
    ({"removal_date": date(2024, 2, 29), "removal_reason": "死亡"}, "aftercare.removal_date", "早于列管日期"),
    ({"removal_date": date(2025, 1, 1)}, "aftercare.removal_reason", "减少原因"),
    ({"handover_date": date(2024, 2, 28)}, "aftercare.handover_date", "早于释放日期"),
    ({"source": "外地迁入"}, "aftercare.transfer_in_date", "迁入日期"),
    ({"release_date": date(1980, 5, 1)}, "aftercare.release_date", "出生日期"),
    ({"category": "特别"}, "aftercare.category", "重点或一般"),
])
def test_term_date_rules(ctx, kw, field, words):
    with pytest.raises(ValidationError) as err:
        persons.create_person(ctx, person_input(ctx), aftercare=[release(**kw)])
    assert words in err.value.fields[field]


def test_release_today_and_removal_on_register_start_are_accepted(ctx):
    pid = persons.create_person(ctx, person_input(ctx), aftercare=[
        release(release_date=ctx.today(), removal_date=ctx.today(), removal_reason="死亡")])
    term = get_dossier(ctx, pid).current_aftercare
    assert term.end_date == term.register_start == ctx.today()


def test_bad_number_kept_only_when_verified_and_audited(ctx):
    bad = ID_MALE[:-1] + ("0" if ID_MALE[-1] != "0" else "1")
    pid = persons.create_person(ctx, person_input(ctx, id_number=bad, id_number_verified=True, sex="男"))
    d = get_dossier(ctx, pid)
    assert d.person.id_number == bad and d.person.id_number_verified
    verify = [a for a in audit_rows(ctx, pid) if a.action == persons.VERIFY]
    assert len(verify) == 1 and "经核实无误" in verify[0].summary and bad in verify[0].summary
    # a good number never carries the flag
    persons.update_person(ctx, pid, person_input(ctx, id_number_verified=True))
    assert not get_dossier(ctx, pid).person.id_number_verified


def test_fifteen_digit_number_is_stored_as_eighteen(ctx):
    pid = persons.create_person(ctx, person_input(ctx, id_number="410101800517123"))
    number = get_dossier(ctx, pid).person.id_number
    assert len(number) == 18 and number.startswith("41010119800517123")


def test_duplicate_number_refused_with_existing_id_also_from_recycle_bin(ctx):
    first = persons.create_person(ctx, person_input(ctx))
    with pytest.raises(DuplicateError) as err:
        persons.create_person(ctx, person_input(ctx, name="张叁", id_number=ID_MALE.lower()))
    assert err.value.existing_id == first and "张三" in str(err.value)
    persons.delete_person(ctx, first)
    with pytest.raises(DuplicateError) as err:
        persons.create_person(ctx, person_input(ctx, name="张叁"))
    assert err.value.existing_id == first and "回收站" in str(err.value)


def test_update_keeps_own_number_and_audits_changed_fields(ctx):
    pid = persons.create_person(ctx, person_input(ctx))
    persons.update_person(ctx, pid, person_input(ctx, name="单雄信", phone="13800000000"))
    d = get_dossier(ctx, pid)
    assert (d.person.name, d.person.name_initials, d.person.phone) == ("单雄信", "sxx", "13800000000")
    change = [a for a in audit_rows(ctx, pid) if a.action == "修改"][-1]
    assert json.loads(change.before) == {"name": "张三", "name_initials": "zs", "name_pinyin": "zhangsan",
                                         "phone": None}


def test_history_rows_attach_to_terms_and_remove_softly(ctx):
    pid = persons.create_person(ctx, person_input(ctx), aftercare=[release(category="重点")], history=[
        PlacementInput(date(2024, 5, 1), "灵活就业", employer="县建筑队"),
        HelperInput("家属", "李四", phone="139"),
    ])
    d = get_dossier(ctx, pid)
    term = d.current_aftercare
    assert [(p.term_id, p.method, p.method_name) for p in d.placements] == [(term.id, "03", "灵活就业(务工)")]
    cat = persons.add_history(ctx, pid, CategoryInput(date(2025, 1, 1), "一般", "表现良好"))
    persons.add_history(ctx, pid, ReoffenseInput(date(2025, 2, 1), "违法", charge="盗窃", handling="行政拘留"))
    persons.add_history(ctx, pid, StatusEventInput(date(2025, 3, 1), "脱管"))
    d = get_dossier(ctx, pid)
    assert [(c.category, c.reason) for c in d.categories] == [("重点", None), ("一般", "表现良好")]
    assert len(d.reoffenses) == 1 and d.status_events[0].kind == "脱管" and d.helpers[0].name == "李四"
    persons.remove_history(ctx, "category", cat)
    assert len(get_dossier(ctx, pid).categories) == 1
    with pytest.raises(NotFoundError):
        persons.remove_history(ctx, "category", cat)


def test_history_problems_and_missing_term(ctx):
    pid = persons.create_person(ctx, person_input(ctx))
    with pytest.raises(ValidationError) as err:
        persons.add_history(ctx, pid, PlacementInput(date(2024, 5, 1), "03"))
    assert "没有帮教期" in err.value.fields["term_id"]
    with pytest.raises(ValidationError) as err:
        persons.add_history(ctx, pid, ReoffenseInput(date(2026, 11, 25), "犯法"))
    assert set(err.value.fields) == {"kind", "offense_date"}
    with pytest.raises(ValidationError) as err:
        persons.create_person(ctx, person_input(ctx, id_number=ID_FEMALE), history=[HelperInput("邻居", "")])
    assert set(err.value.fields) == {"history.0.role", "history.0.name"}


def test_update_removes_and_adds_history_in_one_transaction(ctx):
    pid = persons.create_person(ctx, person_input(ctx), aftercare=[release()],
                                history=[StatusEventInput(date(2025, 1, 1), "脱管")])
    event = get_dossier(ctx, pid).status_events[0]
    with pytest.raises(ValidationError):
        persons.update_person(ctx, pid, person_input(ctx), removed=[HistoryRef("status_event", event.id)],
                              history=[StatusEventInput(date(2025, 2, 1), "不存在的状态")])
    assert len(get_dossier(ctx, pid).status_events) == 1  # rolled back
    persons.update_person(ctx, pid, person_input(ctx), removed=[HistoryRef("status_event", event.id)],
                          history=[StatusEventInput(date(2025, 2, 1), "脱管找回")])
    assert [e.kind for e in get_dossier(ctx, pid).status_events] == ["脱管找回"]


def correction(**kw) -> CorrectionInput:
    return CorrectionInput(**{"kind": "缓刑", "start_date": date(2023, 6, 1), "end_date": date(2025, 6, 1),
                              "supervision_level": "严管", "charge": "危险驾驶", **kw})


def test_correction_ended_by_expiry_opens_aftercare_term(ctx):
    pid = persons.create_person(ctx, person_input(ctx), corrections=[correction()])
    d = get_dossier(ctx, pid)
    assert d.aftercare_terms == [] and [lv.level for lv in d.levels] == ["严管"]
    ended = replace(d.current_correction, actual_end_date=date(2025, 6, 1), end_reason="期满解除")
    persons.update_person(ctx, pid, person_input(ctx), corrections=[ended])
    term = get_dossier(ctx, pid).current_aftercare
    assert (term.source, term.release_date, term.register_start, term.expiry, term.handover_date) == (
        "解除社区矫正", date(2025, 6, 1), date(2025, 6, 1), date(2030, 6, 1), date(2025, 6, 1))
    assert term.correction_term_id == ended.id and term.charge == "危险驾驶" and term.category == "一般"
    # saving again does not open a second one; a changed end date moves it
    persons.update_person(ctx, pid, person_input(ctx), corrections=[replace(ended, actual_end_date=date(2025, 5, 30))])
    d = get_dossier(ctx, pid)
    assert len(d.aftercare_terms) == 1 and d.current_aftercare.register_start == date(2025, 5, 30)
    assert d.categories[0].effective_date == date(2025, 5, 30)
    # no longer 期满解除: the automatic term goes away
    persons.update_person(ctx, pid, person_input(ctx), corrections=[
        replace(ended, actual_end_date=date(2025, 5, 30), end_reason="收监执行")])
    assert get_dossier(ctx, pid).aftercare_terms == []


def test_correction_ended_opens_no_term_when_rule_is_off(ctx):
    office.save_settings(ctx, {"include_correction_ended": False})
    pid = persons.create_person(ctx, person_input(ctx), corrections=[
        correction(actual_end_date=date(2025, 6, 1), end_reason="期满解除")])
    assert get_dossier(ctx, pid).aftercare_terms == []


def test_correction_years_setting_and_problems(ctx):
    office.save_settings(ctx, {"aftercare_years_correction": 3})
    pid = persons.create_person(ctx, person_input(ctx), corrections=[
        correction(actual_end_date=date(2024, 2, 29), end_reason="期满解除")])
    assert get_dossier(ctx, pid).current_aftercare.expiry == date(2027, 2, 28)
    with pytest.raises(ValidationError) as err:
        persons.create_person(ctx, person_input(ctx, id_number=ID_FEMALE), corrections=[
            correction(end_date=date(2023, 6, 1), actual_end_date=date(2024, 1, 1), supervision_level="特管")])
    assert set(err.value.fields) == {"correction.end_date", "correction.end_reason", "correction.supervision_level"}


def test_level_history_on_correction_term(ctx):
    pid = persons.create_person(ctx, person_input(ctx), corrections=[correction()])
    persons.add_history(ctx, pid, LevelInput(date(2024, 1, 1), "普管", "表现良好"))
    d = get_dossier(ctx, pid)
    assert [lv.level for lv in d.levels] == ["严管", "普管"] and d.current_correction.supervision_level == "普管"


def test_recycle_bin_delete_list_restore(ctx):
    pid = persons.create_person(ctx, person_input(ctx), aftercare=[release()])
    persons.delete_person(ctx, pid)
    with pytest.raises(NotFoundError):
        get_dossier(ctx, pid)
    with ctx.reading() as s:
        assert s.scalar(select(AftercareTerm.deleted_at)) is not None
    deleted = persons.list_deleted(ctx)
    assert [(p.id, p.name, p.village) for p in deleted] == [(pid, "张三", "东街社区")]
    assert deleted[0].id_number_masked == ID_MALE[:6] + "*" * 8 + ID_MALE[-4:]
    persons.restore_person(ctx, pid)
    assert persons.list_deleted(ctx) == [] and get_dossier(ctx, pid).current_aftercare is not None
    assert [a.action for a in audit_rows(ctx, pid)][-2:] == ["删除", "恢复"]
    with pytest.raises(NotFoundError):
        persons.restore_person(ctx, pid)



def test_only_an_administrator_deletes_and_restores(ctx):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    staff = ctx.as_user(auth.sign_in(ctx, "li", "staff123"))
    pid = persons.create_person(staff, person_input(ctx), aftercare=[release()])    # staff record dossiers
    with pytest.raises(PermissionDenied, match="只有管理员可以删除档案"):
        persons.delete_person(staff, pid)
    assert get_dossier(ctx, pid).deleted_at is None and persons.list_deleted(ctx) == []
    persons.delete_person(ctx, pid)
    with pytest.raises(PermissionDenied, match="只有管理员可以从回收站恢复"):
        persons.restore_person(staff, pid)
    assert [p.id for p in persons.list_deleted(ctx)] == [pid]
    assert [a.action for a in audit_rows(ctx, pid)][-1] == "删除"


def test_a_dossier_whose_village_was_deleted_meanwhile_is_restored_after_its_village(ctx):
    south = office.save_village(ctx, None, name="南关村", sort_order=1)
    pid = persons.create_person(ctx, person_input(ctx, village_id=south), aftercare=[release()])
    persons.delete_person(ctx, pid)
    office.delete_village(ctx, south)             # allowed: its only dossier is in the 回收站
    assert [p.village for p in persons.list_deleted(ctx)] == ["南关村（已删除）"]
    with pytest.raises(ValidationError) as refused:
        persons.restore_person(ctx, pid)
    assert refused.value.fields == {"village_id": "该档案所属的村(社区)“南关村”已被删除，请先在“设置 → 村(社区)”中"
                                                  "恢复“南关村”，再恢复此档案"}
    assert [p.id for p in persons.list_deleted(ctx)] == [pid]           # nothing half-restored
    with ctx.reading() as s:
        assert s.scalar(select(AftercareTerm.deleted_at).where(AftercareTerm.person_id == pid)) is not None
    office.restore_village(ctx, south)
    persons.restore_person(ctx, pid)
    assert get_dossier(ctx, pid).person.village_id == south and persons.list_deleted(ctx) == []

def test_term_removed_before_person_delete_stays_removed_after_restore(ctx):
    pid = persons.create_person(ctx, person_input(ctx), corrections=[
        correction(actual_end_date=date(2025, 6, 1), end_reason="期满解除")])
    cterm = get_dossier(ctx, pid).current_correction
    persons.update_person(ctx, pid, person_input(ctx), corrections=[replace(cterm, end_reason="死亡")])
    persons.delete_person(ctx, pid)
    persons.restore_person(ctx, pid)
    assert get_dossier(ctx, pid).aftercare_terms == []


def test_find_by_id_number(ctx):
    pid = persons.create_person(ctx, person_input(ctx))
    assert persons.find_by_id_number(ctx, " " + ID_MALE.lower()) == pid
    assert persons.find_by_id_number(ctx, ID_FEMALE) is None
