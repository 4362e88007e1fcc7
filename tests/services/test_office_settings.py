"""单位信息, 村(社区) and the stored settings: validation, audit rows, permissions."""

from datetime import date

import pytest

from sifasuo_desktop.core.errors import PermissionDenied, ValidationError
from sifasuo_desktop.core.settings import AppSettings
from sifasuo_desktop.db.models import Person
from sifasuo_desktop.domain.rules import GROUPS, LABELS, LIMITS, RuleSettings, month_day_problem
from sifasuo_desktop.services import audit, auth, office
from sifasuo_desktop.services.audit import AuditFilter


@pytest.fixture
def staff(ctx):
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    return ctx.as_user(auth.sign_in(ctx, "li", "staff123"))


def _add_person(ctx, village_id, name="张三", deleted=False):
    with ctx.transaction() as session:
        session.add(Person(office_id=ctx.office_id, name=name, id_number="110101199003071234",
                           village_id=village_id, deleted_at=date(2026, 1, 1) if deleted else None))


# --- 单位信息 --------------------------------------------------------------------------------

def test_update_office_stores_every_field_and_audits_the_change(ctx):
    info = office.update_office(ctx, name="测试镇司法所", code="410101002", county="测试县司法局",
                                address="人民路1号", phone="0371-1234567", head_name="张所长",
                                committee_name="测试镇人民调解委员会")
    assert info.address == "人民路1号" and info.committee_name == "测试镇人民调解委员会"
    assert office.get_office(ctx) == info
    entry = audit.search_entries(ctx, AuditFilter(text="人民路")).entries[0]
    assert entry.summary == "修改单位信息"
    labels = {c.label: (c.before, c.after) for c in audit.changes(entry)}
    assert labels["单位代码"] == ("410101001", "410101002")
    assert labels["地址"] == ("（空）", "人民路1号")


@pytest.mark.parametrize("values, field", [
    ({"name": "  "}, "name"),
    ({"code": "41010"}, "code"),
    ({"code": "41010100x"}, "code"),
])
def test_update_office_refuses_bad_values_and_changes_nothing(ctx, values, field):
    with pytest.raises(ValidationError) as err:
        office.update_office(ctx, address="新地址", **values)
    assert field in err.value.fields
    assert office.get_office(ctx).address is None


def test_staff_may_read_but_not_change_the_office(staff):
    assert office.get_office(staff).name == "测试镇司法所"
    with pytest.raises(PermissionDenied, match="只有管理员可以修改设置"):
        office.update_office(staff, phone="123")


# --- villages ---------------------------------------------------------------------------------

def test_new_villages_go_last_and_edits_keep_their_place(ctx):
    west = office.save_village(ctx, None, name="西街社区")
    office.save_village(ctx, None, name="南关村")
    office.save_village(ctx, west, name="西街村", contact_name="王主任")
    assert [(v.name, v.sort_order) for v in office.list_villages(ctx)] == [
        ("东街社区", 0), ("西街村", 1), ("南关村", 2)]


def test_rename_to_an_existing_name_is_refused(ctx):
    west = office.save_village(ctx, None, name="西街社区")
    with pytest.raises(ValidationError, match="已存在"):
        office.save_village(ctx, west, name="东街社区")


def test_reorder_villages(ctx):
    ids = [office.save_village(ctx, None, name=n) for n in ("西街社区", "南关村")]
    east = office.list_villages(ctx)[0].id
    office.reorder_villages(ctx, [ids[1], east, ids[0]])
    assert [v.name for v in office.list_villages(ctx)] == ["南关村", "东街社区", "西街社区"]
    with pytest.raises(ValidationError, match="重新打开"):
        office.reorder_villages(ctx, [ids[1], east])


def test_village_with_dossiers_cannot_be_deleted(ctx):
    east = office.list_villages(ctx)[0].id
    _add_person(ctx, east, "张三")
    _add_person(ctx, east, "李四")
    _add_person(ctx, east, "王五", deleted=True)   # in the 回收站: does not count
    assert office.village_person_counts(ctx) == {east: 2}
    with pytest.raises(ValidationError, match="还有2人的档案"):
        office.delete_village(ctx, east)
    assert [v.name for v in office.list_villages(ctx)] == ["东街社区"]


def test_delete_is_soft_and_restore_brings_the_village_back_last(ctx):
    east = office.list_villages(ctx)[0].id
    _add_person(ctx, east, "王五", deleted=True)
    office.save_village(ctx, None, name="西街社区")
    office.delete_village(ctx, east)
    assert [v.name for v in office.list_villages(ctx)] == ["西街社区"]
    assert [(v.name, v.deleted) for v in office.list_villages(ctx, include_deleted=True)] == [
        ("西街社区", False), ("东街社区", True)]
    office.restore_village(ctx, east)
    assert [v.name for v in office.list_villages(ctx)] == ["西街社区", "东街社区"]
    actions = [e.action for e in audit.search_entries(ctx, AuditFilter(text="东街社区")).entries]
    assert actions[:2] == ["恢复", "删除"]


def test_restore_refuses_a_name_taken_meanwhile(ctx):
    east = office.list_villages(ctx)[0].id
    office.delete_village(ctx, east)
    office.save_village(ctx, None, name="东街社区")
    with pytest.raises(ValidationError, match="请先改名再恢复"):
        office.restore_village(ctx, east)


def test_staff_cannot_change_villages(ctx, staff):
    east = office.list_villages(ctx)[0].id
    for call in (lambda: office.save_village(staff, None, name="新村"),
                 lambda: office.delete_village(staff, east),
                 lambda: office.reorder_villages(staff, [east])):
        with pytest.raises(PermissionDenied):
            call()


# --- settings ---------------------------------------------------------------------------------

def test_every_rule_has_a_label_a_page_and_a_range():
    keys = RuleSettings.keys()
    assert sorted(LABELS) == sorted(keys)
    assert sorted(k for page in GROUPS.values() for k in page) == sorted(keys)
    numeric = [k for k in keys if type(getattr(RuleSettings(), k)) is int]
    assert sorted(LIMITS) == sorted(numeric)
    for key in numeric:   # every default lies inside its own range
        low, high = LIMITS[key]
        assert low <= getattr(RuleSettings(), key) <= high


@pytest.mark.parametrize("text, ok", [("06-05", True), ("12-31", True), ("01-01", True), ("02-28", True),
                                      ("02-29", False), ("13-01", False), ("6-5", False), ("06/05", False),
                                      ("00-10", False), ("04-31", False), ("", False)])
def test_month_day(text, ok):
    assert (month_day_problem(text) is None) is ok


def test_saved_settings_override_defaults_and_are_audited_with_labels(ctx):
    office.save_settings(ctx, {"visit_interval_key_months": 2, "include_correction_ended": False,
                               "report_half_year_due": "06-10", "idle_lock_minutes": 0})
    rules = office.rules(ctx)
    assert (rules.visit_interval_key_months, rules.include_correction_ended, rules.report_half_year_due) == (
        2, False, "06-10")
    assert rules.visit_interval_general_months == 3
    assert office.app_settings(ctx).idle_lock_minutes == 0
    summaries = {e.summary for e in audit.search_entries(ctx, AuditFilter(action="修改")).entries}
    assert "设置 重点帮教对象走访间隔(月)" in summaries
    assert "设置 无操作自动锁定(分钟，0为不锁定)" in summaries


@pytest.mark.parametrize("key, value, reason", [
    ("visit_interval_key_months", 0, "应为 1–12 之间的整数"),
    ("visit_interval_key_months", 13, "应为 1–12 之间的整数"),
    ("visit_interval_key_months", "3", "应为 1–12 之间的整数"),
    ("visit_interval_key_months", True, "应为 1–12 之间的整数"),
    ("include_correction_ended", 1, "应为是或否"),
    ("report_annual_due", "12-32", "不是有效日期"),
    ("report_annual_due", 1205, "应为 月-日"),
    ("idle_lock_minutes", 241, "应为 0–240"),
    ("login_max_failures", 0, "应为 1–20"),
    ("no_such_key", 1, "未知的设置项"),
])
def test_bad_settings_are_refused_and_nothing_is_stored(ctx, key, value, reason):
    with pytest.raises(ValidationError) as err:
        office.save_settings(ctx, {"due_soon_days": 14, key: value})
    assert reason in err.value.fields[key]
    assert office.rules(ctx) == RuleSettings()
    assert office.app_settings(ctx) == AppSettings()


def test_staff_cannot_change_settings(staff):
    with pytest.raises(PermissionDenied):
        office.save_settings(staff, {"due_soon_days": 14})
    assert office.rules(staff).due_soon_days == 7
