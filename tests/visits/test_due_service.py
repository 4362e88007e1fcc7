"""services.due over a real database: the 工作台 groups, visits settling items, postponing."""

from datetime import date

import pytest
import visit_factories as f

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.services import audit, correction_activities, due, office, visits
from sifasuo_desktop.services.correction_activities import ActivityData
from sifasuo_desktop.services.visits import VisitData


def groups(ctx):
    return {g.key: g for g in due.workbench(ctx)}


def rules_of(group):
    return sorted((w.name, w.rule) for w in group.items)


@pytest.fixture
def office_people(ctx):
    """Four aftercare persons (today 2026-11-24) and one correction person."""
    people = {}
    people["overdue"] = p = f.person(ctx, "逾期甲")
    f.aftercare(ctx, p, date(2026, 6, 1), category="重点", agreement=date(2026, 6, 10))
    f.status_event(ctx, p, date(2026, 6, 5))
    visits.save_visit(ctx, None, VisitData(p, date(2026, 10, 20), "家访"))     # 重点: due 11-20
    visits.save_visit(ctx, None, VisitData(p, date(2026, 10, 1), "跟踪考察"))   # review due 2027-04-01
    people["soon"] = p = f.person(ctx, "将到乙")
    f.aftercare(ctx, p, date(2026, 6, 1), agreement=date(2026, 6, 10))
    f.status_event(ctx, p, date(2026, 6, 5))
    visits.save_visit(ctx, None, VisitData(p, date(2026, 8, 28), "跟踪考察"))   # 一般: due 11-28; review 2027-02-28
    people["unconnected"] = p = f.person(ctx, "未接丙")
    f.aftercare(ctx, p, date(2026, 11, 1), handover=None)
    people["ending"] = p = f.person(ctx, "期满丁")
    f.aftercare(ctx, p, date(2021, 12, 10), agreement=date(2022, 1, 1))          # expires 2026-12-10
    f.status_event(ctx, p, date(2022, 1, 1))
    visits.save_visit(ctx, None, VisitData(p, date(2026, 11, 1), "跟踪考察"))
    people["correction"] = p = f.person(ctx, "矫正戊")
    f.correction(ctx, p, date(2026, 3, 1), date(2027, 2, 28), level="严管", report=date(2026, 3, 2))
    visits.save_visit(ctx, None, VisitData(p, date(2026, 11, 20), "谈话"))       # 严管: due 11-27
    return people


def test_workbench_groups(ctx, office_people):
    g = groups(ctx)
    assert [x.label for x in g.values()] == ["逾期", "本周到期", "未衔接人员", "30天内期满", "调解案件临期、超期"]
    assert g["mediation_limit"].count == 0
    assert rules_of(g["overdue"]) == [("逾期甲", r.AFTERCARE_VISIT)]
    assert rules_of(g["due_soon"]) == [("将到乙", r.AFTERCARE_VISIT), ("矫正戊", r.CORRECTION_VISIT)]
    assert rules_of(g["unconnected"]) == [("未接丙", r.UNCONNECTED)]
    assert rules_of(g["ending"]) == [("期满丁", r.AFTERCARE_ENDING)]
    item = g["overdue"].items[0]
    assert (item.due_date, item.state_label, item.last_contact, item.village_name, item.visit_type) == (
        date(2026, 11, 20), "逾期", date(2026, 10, 20), "东街社区", "走访")
    assert item.phone == "13800000000" and item.address == "东街1号"


def test_labels_follow_the_settings(ctx, office_people):
    office.save_settings(ctx, {"due_soon_days": 3, "term_ending_warn_days": 10})
    g = groups(ctx)
    assert (g["due_soon"].label, g["ending"].label) == ("3天内到期", "10天内期满")
    assert rules_of(g["due_soon"]) == [("矫正戊", r.CORRECTION_VISIT)]     # 11-27 in, 11-28 out
    assert rules_of(g["ending"]) == []                                      # 12-10 is 16 days away


def test_recording_a_visit_settles_the_overdue_item_and_deleting_it_brings_it_back(ctx, office_people):
    visit_id = visits.save_visit(ctx, None, VisitData(office_people["overdue"], date(2026, 11, 24), "电话"))
    assert groups(ctx)["overdue"].count == 0
    visits.delete_visit(ctx, visit_id)
    assert groups(ctx)["overdue"].count == 1


def test_household_and_first_visit_of_a_new_release(ctx):
    p = f.person(ctx, "新释放")
    f.aftercare(ctx, p, date(2026, 10, 30), handover=date(2026, 11, 1))  # agreement due 12-01
    got = {i.rule: i for i in due.person_due(ctx, p)}
    assert (got[r.FIRST_VISIT].state, got[r.HOUSEHOLD].state, got[r.AGREEMENT].state) == (
        r.OVERDUE, r.OVERDUE, r.DUE_SOON)
    visits.save_visit(ctx, None, VisitData(p, date(2026, 11, 5), "家访"))
    f.status_event(ctx, p, date(2026, 11, 6))
    got = {i.rule: i for i in due.person_due(ctx, p)}
    assert got[r.FIRST_VISIT].state == r.DONE
    assert got[r.HOUSEHOLD].state == r.DONE and got[r.HOUSEHOLD].done_date == date(2026, 11, 6)


def test_a_report_activity_settles_the_correction_report_in(ctx):
    p = f.person(ctx, "新矫正")
    f.correction(ctx, p, date(2026, 11, 10), date(2027, 11, 9), judgment=date(2026, 11, 8))
    assert {i.rule: i.state for i in due.person_due(ctx, p)}[r.CORRECTION_REPORT] == r.OVERDUE
    correction_activities.save_activity(ctx, None, ActivityData(p, date(2026, 11, 12), "报到", staff="王助理"))
    item = {i.rule: i for i in due.person_due(ctx, p)}[r.CORRECTION_REPORT]
    assert item.state == r.DONE and item.done_date == date(2026, 11, 12)


def test_category_change_mid_term_through_the_database(ctx):
    p = f.person(ctx, "升重点")
    term = f.aftercare(ctx, p, date(2026, 6, 1))
    visits.save_visit(ctx, None, VisitData(p, date(2026, 9, 1), "走访"))
    assert {i.rule: i for i in due.person_due(ctx, p)}[r.AFTERCARE_VISIT].due_date == date(2026, 12, 1)
    f.change_category(ctx, term, date(2026, 11, 10), "重点")
    assert {i.rule: i for i in due.person_due(ctx, p)}[r.AFTERCARE_VISIT].due_date == date(2026, 11, 10)


def test_ended_terms_and_deleted_persons_are_not_listed(ctx, office_people):
    old = f.person(ctx, "已期满")
    f.aftercare(ctx, old, date(2021, 11, 24))                       # ended today
    removed = f.person(ctx, "已迁出")
    f.aftercare(ctx, removed, date(2026, 1, 1), removal=date(2026, 9, 1))
    names = {w.name for g in due.workbench(ctx) for w in g.items}
    assert not {"已期满", "已迁出"} & names
    assert due.person_due(ctx, old) == []


def test_postpone_moves_the_item_keeps_the_reason_and_is_audited(ctx, office_people):
    p = office_people["overdue"]
    due.postpone(ctx, p, r.AFTERCARE_VISIT, date(2026, 12, 10), "  本人外出务工，12月初返回 ")
    g = groups(ctx)
    assert g["overdue"].count == 0 and all(w.name != "逾期甲" for w in g["due_soon"].items)
    item = {i.rule: i for i in due.person_due(ctx, p)}[r.AFTERCARE_VISIT]
    assert (item.due_date, item.original_due, item.postpone_reason) == (
        date(2026, 12, 10), date(2026, 11, 20), "本人外出务工，12月初返回")
    [entry] = [e for e in audit.list_entries(ctx) if e.table_name == "due_postponement"]
    assert entry.action == "新增" and "本人外出务工" in entry.after and "定期走访" in entry.summary
    # Postponed again: the new date must be later than the one shown now.
    with pytest.raises(ValidationError) as err:
        due.postpone(ctx, p, r.AFTERCARE_VISIT, date(2026, 12, 10), "再次外出")
    assert err.value.fields["new_date"] == "新的到期日应晚于现到期日2026-12-10"
    due.postpone(ctx, p, r.AFTERCARE_VISIT, date(2026, 12, 20), "再次外出")
    assert {i.rule: i for i in due.person_due(ctx, p)}[r.AFTERCARE_VISIT].due_date == date(2026, 12, 20)
    # A visit makes the rule compute a new date: the postponement lapses.
    visits.save_visit(ctx, None, VisitData(p, date(2026, 11, 24), "家访"))
    item = {i.rule: i for i in due.person_due(ctx, p)}[r.AFTERCARE_VISIT]
    assert item.due_date == date(2026, 12, 24) and not item.postponed


@pytest.mark.parametrize("rule, new_date, reason, field, message", [
    (r.AFTERCARE_VISIT, date(2026, 12, 1), "", "reason", "请填写延期原因"),
    (r.AFTERCARE_VISIT, date(2026, 12, 1), "x" * 301, "reason", "延期原因不能超过300字"),
    (r.AFTERCARE_VISIT, None, "外出", "new_date", "请填写新的到期日"),
    (r.AFTERCARE_VISIT, date(2026, 11, 20), "外出", "new_date", "新的到期日应晚于现到期日2026-11-20"),
    (r.AFTERCARE_ENDING, date(2026, 12, 30), "外出", "rule", "该事项不能延期"),
    (r.AGREEMENT, date(2026, 12, 30), "外出", "rule", "该对象当前没有待办的“签订帮教协议”事项"),
])
def test_postpone_refusals(ctx, office_people, rule, new_date, reason, field, message):
    with pytest.raises(ValidationError) as err:
        due.postpone(ctx, office_people["overdue"], rule, new_date, reason)
    assert err.value.fields[field] == message
    assert not [e for e in audit.list_entries(ctx) if e.table_name == "due_postponement"]


def test_extra_group_providers_are_listed_after_the_built_in_ones(ctx, office_people, monkeypatch):
    monkeypatch.setattr(due, "EXTRA_GROUP_PROVIDERS", ["visit_fake_provider"])
    g = due.workbench(ctx)
    assert [x.key for x in g][-1] == "mediation_near_limit"
    assert g[-1].label == "调解案件临近期限" and g[-1].count == 1 and g[-1].open_tab == "MediationTab"
    import visit_fake_provider

    due.postpone_item(ctx, g[-1].items[0], date(2026, 12, 30), "双方同意延长")
    assert visit_fake_provider.POSTPONED == [("case-1", "mediation_limit", date(2026, 12, 30), "双方同意延长")]
