"""services.visits: record, edit, delete, 集中教育 batches, the filtered list; audited, all-or-nothing."""

from datetime import date

import pytest
import visit_factories as f
from sqlalchemy import func, select

from sifasuo_desktop.core.errors import NotFoundError, ValidationError
from sifasuo_desktop.db.models import AuditLog, Person, Visit
from sifasuo_desktop.services import audit, office, visits
from sifasuo_desktop.services.visits import BatchData, VisitData, VisitFilter


def count(ctx, model, *where):
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def zhang(ctx):
    pid = f.person(ctx, "张三", initials="zs")
    f.aftercare(ctx, pid, date(2026, 1, 10))
    return pid


def test_record_and_read_back_a_visit_with_its_audit_row(ctx, zhang):
    data = VisitData(person_id=zhang, visit_date=date(2026, 11, 20), visit_type="家访", place="本人家中",
                     staff="王助理", content_thought="思想稳定", problems="缺少技能", help_given="介绍技能培训")
    visit_id = visits.save_visit(ctx, None, data)
    record = visits.get_visit(ctx, visit_id)
    assert record.data == data
    assert record.person_name == "张三" and record.village_name == "东街社区"
    assert record.id_number_masked.startswith("410101") and "*" in record.id_number_masked
    [entry] = audit.list_entries(ctx, record_id=visit_id)
    assert entry.action == "新增" and entry.user_name == "张所长" and "家访" in entry.summary


def test_edit_is_audited_with_the_changed_fields_only(ctx, zhang):
    data = VisitData(person_id=zhang, visit_date=date(2026, 11, 20), visit_type="电话", staff="王助理")
    visit_id = visits.save_visit(ctx, None, data)
    visits.save_visit(ctx, visit_id, VisitData(person_id=zhang, visit_date=date(2026, 11, 21), visit_type="电话",
                                               staff="王助理"))
    [entry] = [e for e in audit.list_entries(ctx, record_id=visit_id) if e.action == "修改"]
    assert '"visit_date": "2026-11-20"' in entry.before and '"visit_date": "2026-11-21"' in entry.after
    assert "staff" not in entry.after


def test_review_fields_are_kept_for_reviews_only(ctx, zhang):
    review = VisitData(person_id=zhang, visit_date=date(2026, 11, 20), visit_type="跟踪考察",
                       review_period_start=date(2026, 5, 21), review_period_end=date(2026, 11, 20),
                       review_conduct_law="遵纪守法", reviewer="王助理")
    got = visits.get_visit(ctx, visits.save_visit(ctx, None, review)).data
    assert got.review_conduct_law == "遵纪守法" and got.review_period_start == date(2026, 5, 21)
    phone = VisitData(person_id=zhang, visit_date=date(2026, 11, 20), visit_type="电话", review_conduct_law="x")
    assert visits.get_visit(ctx, visits.save_visit(ctx, None, phone)).data.review_conduct_law == ""


@pytest.mark.parametrize("change, field, reason", [
    ({"visit_date": date(2026, 11, 25)}, "visit_date", "走访日期不能晚于今天"),
    ({"visit_date": None}, "visit_date", "请填写走访日期"),
    ({"visit_type": "聊天"}, "visit_type", "请选择走访方式"),
    ({"person_id": ""}, "person_id", "请选择走访对象"),
    ({"person_id": "nobody"}, "person_id", "走访对象不存在或已删除"),
    ({"visit_type": "跟踪考察", "review_period_start": date(2026, 6, 1), "review_period_end": date(2026, 5, 1)},
     "review_period_end", "考察期止日不能早于起日"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(ctx, zhang, change, field, reason):
    values = {"person_id": zhang, "visit_date": date(2026, 11, 24), "visit_type": "谈话", **change}
    with pytest.raises(ValidationError) as err:
        visits.save_visit(ctx, None, VisitData(**values))
    assert err.value.fields[field] == reason
    assert count(ctx, Visit) == 0


def test_deleted_visit_leaves_the_list_and_can_be_restored(ctx, zhang):
    visit_id = visits.save_visit(ctx, None, VisitData(zhang, date(2026, 11, 1), "走访"))
    visits.delete_visit(ctx, visit_id)
    assert visits.list_visits(ctx) == []
    with pytest.raises(NotFoundError):
        visits.get_visit(ctx, visit_id)
    with pytest.raises(NotFoundError):
        visits.delete_visit(ctx, visit_id)
    visits.restore_visit(ctx, visit_id)
    assert [v.id for v in visits.list_visits(ctx)] == [visit_id]
    actions = [e.action for e in reversed(audit.list_entries(ctx, record_id=visit_id))]
    assert actions == ["新增", "删除", "恢复"]


def test_batch_education_records_one_visit_per_person_sharing_a_batch(ctx, zhang):
    li = f.person(ctx, "李四")
    wang = f.person(ctx, "王五")
    batch = BatchData(visit_date=date(2026, 11, 18), person_ids=(zhang, li, wang), place="司法所会议室",
                      staff="王助理", content="法治教育：社区矫正法")
    batch_id = visits.record_batch(ctx, batch)
    rows = visits.list_visits(ctx, VisitFilter(visit_type="集中教育"))
    assert sorted(r.person_name for r in rows) == ["张三", "李四", "王五"]
    assert {r.batch_id for r in rows} == {batch_id}
    assert all(r.place == "司法所会议室" and r.summary == "法治教育：社区矫正法" for r in rows)
    assert sorted(visits.batch_person_ids(ctx, batch_id)) == sorted([zhang, li, wang])
    assert count(ctx, AuditLog, AuditLog.table_name == "visit", AuditLog.action == "新增") == 3


def test_batch_with_a_missing_person_writes_nothing(ctx, zhang):
    with pytest.raises(ValidationError):
        visits.record_batch(ctx, BatchData(date(2026, 11, 18), (zhang, "gone")))
    with pytest.raises(ValidationError) as err:
        visits.record_batch(ctx, BatchData(date(2026, 11, 18), ()))
    assert err.value.fields["person_ids"] == "请勾选参加集中教育的对象"
    assert count(ctx, Visit) == 0


def test_list_filters_and_search(ctx, zhang):
    office.save_village(ctx, None, name="南关村", sort_order=1)
    li = f.person(ctx, "李四", village="南关村", initials="ls")
    visits.save_visit(ctx, None, VisitData(zhang, date(2026, 10, 1), "家访", staff="王助理", place="张家"))
    visits.save_visit(ctx, None, VisitData(zhang, date(2026, 11, 2), "电话", staff="刘协管"))
    visits.save_visit(ctx, None, VisitData(li, date(2026, 11, 3), "谈话", staff="王助理", content="谈就业"))

    def names(**kw):
        return [(r.person_name, r.visit_date.day) for r in visits.list_visits(ctx, VisitFilter(**kw))]

    assert names() == [("李四", 3), ("张三", 2), ("张三", 1)]
    assert names(start=date(2026, 11, 1), end=date(2026, 11, 2)) == [("张三", 2)]
    assert names(village_id=f.village_id(ctx, "南关村")) == [("李四", 3)]
    assert names(person_id=zhang, visit_type="家访") == [("张三", 1)]
    assert names(staff="王") == [("李四", 3), ("张三", 1)]
    assert names(text="ls") == [("李四", 3)]
    assert names(text="张") == [("张三", 2), ("张三", 1)]
    assert names(text="就业") == [("李四", 3)]
    with ctx.reading() as session:
        idno = session.scalar(select(Person.id_number).where(Person.id == li))
    assert names(text=idno[-6:]) == [("李四", 3)]
    assert visits.staff_names(ctx) == ["王助理", "刘协管"]


def test_person_choices_are_the_persons_on_register(ctx, zhang):
    ended = f.person(ctx, "赵六")
    f.aftercare(ctx, ended, date(2020, 1, 1))           # expired 2025-01-01
    later = f.person(ctx, "钱七")
    f.aftercare(ctx, later, date(2026, 12, 20))         # not released yet
    sun = f.person(ctx, "孙八")
    f.correction(ctx, sun, date(2026, 3, 1), date(2027, 2, 28))
    choices = {c.name: c.population for c in visits.person_choices(ctx)}
    assert choices == {"张三": "安置帮教", "孙八": "社区矫正"}
    assert {c.name for c in visits.person_choices(ctx, on_register=False)} == {"张三", "赵六", "钱七", "孙八"}
    assert [c.name for c in visits.person_choices(ctx, text="zs")] == ["张三"]
