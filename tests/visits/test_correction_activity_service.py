"""services.correction_activities: hours, leave, rewards and punishments of correction persons."""

from datetime import date

import pytest
import visit_factories as f

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.services import audit, correction_activities as ca
from sifasuo_desktop.services.correction_activities import ActivityData


@pytest.fixture
def sun(ctx):
    pid = f.person(ctx, "孙八")
    f.correction(ctx, pid, date(2026, 3, 1), date(2027, 2, 28))
    return pid


def test_hours_are_summed_per_kind_within_the_period(ctx, sun):
    ca.save_activity(ctx, None, ActivityData(sun, date(2026, 10, 31), "教育学习", hours=2))
    ca.save_activity(ctx, None, ActivityData(sun, date(2026, 11, 1), "教育学习", hours=1.5))
    ca.save_activity(ctx, None, ActivityData(sun, date(2026, 11, 24), "公益活动", hours=4, content="清扫街道"))
    leave = ca.save_activity(ctx, None, ActivityData(sun, date(2026, 11, 2), "请假", hours=9,
                                                     end_date=date(2026, 11, 5), content="探亲"))
    assert ca.hours_by_kind(ctx, sun, date(2026, 11, 1), date(2026, 11, 30)) == {"教育学习": 1.5, "公益活动": 4.0}
    rows = ca.list_activities(ctx, person_id=sun)
    assert [(r.activity_date.day, r.kind) for r in rows] == [(24, "公益活动"), (2, "请假"), (1, "教育学习"),
                                                           (31, "教育学习")]
    leave_row = next(r for r in rows if r.id == leave)
    assert leave_row.hours is None and leave_row.end_date == date(2026, 11, 5)
    ca.delete_activity(ctx, leave)
    assert [r.kind for r in ca.list_activities(ctx, kind="请假")] == []
    assert [e.action for e in audit.list_entries(ctx, record_id=leave)] == ["删除", "新增"]


@pytest.mark.parametrize("data, field, message", [
    (dict(kind="公益活动"), "hours", "公益活动须填写时长(小时)"),
    (dict(kind="教育学习", hours=25), "hours", "一次教育学习不能超过24小时"),
    (dict(kind="请假"), "end_date", "请假须填写截止日期"),
    (dict(kind="请假", end_date=date(2026, 11, 1)), "end_date", "请假截止日期不能早于开始日期"),
    (dict(kind="警告", activity_date=date(2026, 2, 28)), "activity_date", "孙八在2026-02-28不在社区矫正期内"),
    (dict(kind="表扬", activity_date=date(2026, 11, 25)), "activity_date", "日期不能晚于今天"),
    (dict(kind="喝茶"), "kind", "请选择类别"),
])
def test_refusals(ctx, sun, data, field, message):
    values = {"person_id": sun, "activity_date": date(2026, 11, 10), **data}
    with pytest.raises(ValidationError) as err:
        ca.save_activity(ctx, None, ActivityData(**values))
    assert err.value.fields[field] == message
    assert ca.list_activities(ctx) == []
