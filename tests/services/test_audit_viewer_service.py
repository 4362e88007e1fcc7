"""The 操作日志 queries: filters, paging, readable changes."""

import json
from datetime import date, datetime

import pytest

from sifasuo_desktop.db.models import AuditLog
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.audit import AuditEntry, AuditFilter


def _add(ctx, at, user="张所长", action="修改", table="person", summary="", before=None, after=None, office=None):
    with ctx.transaction() as session:
        session.add(AuditLog(office_id=office or ctx.office_id, at=at, user_name=user, action=action,
                             table_name=table, record_id="r" + summary, summary=summary,
                             before=json.dumps(before, ensure_ascii=False) if before is not None else None,
                             after=json.dumps(after, ensure_ascii=False) if after is not None else None))


@pytest.fixture
def log(ctx):
    with ctx.transaction() as session:   # start from an empty log (the fixture's own rows removed)
        session.query(AuditLog).delete()
    _add(ctx, datetime(2026, 10, 31, 23, 59, 59), summary="十月最后一秒")
    _add(ctx, datetime(2026, 11, 1, 0, 0, 0), user="李助理", action="新增", summary="十一月第一秒",
         after={"name": "王小明"})
    _add(ctx, datetime(2026, 11, 30, 23, 59, 59), action="打印", summary="登记表 100%_done")
    _add(ctx, datetime(2026, 12, 1, 0, 0, 0), user="李助理", summary="十二月", before={"phone": "1"},
         after={"phone": "2"})
    _add(ctx, datetime(2026, 11, 15), summary="别的所", office="other")
    return ctx


def _summaries(ctx, flt=AuditFilter(), **kw):
    return [e.summary for e in audit.search_entries(ctx, flt, **kw).entries]


def test_newest_first_and_only_this_office(log):
    assert _summaries(log) == ["十二月", "登记表 100%_done", "十一月第一秒", "十月最后一秒"]


def test_period_includes_both_end_days_whole(log):
    november = AuditFilter(start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert _summaries(log, november) == ["登记表 100%_done", "十一月第一秒"]
    assert _summaries(log, AuditFilter(end=date(2026, 10, 31))) == ["十月最后一秒"]
    assert _summaries(log, AuditFilter(start=date(2026, 12, 1))) == ["十二月"]


def test_user_action_and_text_filters_combine(log):
    assert _summaries(log, AuditFilter(user_name="李助理")) == ["十二月", "十一月第一秒"]
    assert _summaries(log, AuditFilter(user_name="李助理", action="新增")) == ["十一月第一秒"]
    assert _summaries(log, AuditFilter(text="王小明")) == ["十一月第一秒"]       # inside the values
    assert _summaries(log, AuditFilter(text="100%_")) == ["登记表 100%_done"]   # % and _ are literal
    assert _summaries(log, AuditFilter(text="0%")) == ["登记表 100%_done"]
    assert _summaries(log, AuditFilter(text="%")) == ["登记表 100%_done"]
    assert _summaries(log, AuditFilter(text="_")) == ["登记表 100%_done"]


def test_paging_reports_the_total(log):
    first = audit.search_entries(log, limit=3)
    second = audit.search_entries(log, offset=3, limit=3)
    assert (first.total, len(first.entries), len(second.entries)) == (4, 3, 1)
    assert second.entries[0].summary == "十月最后一秒"


def test_filter_choices(log):
    assert audit.user_names(log) == sorted(["张所长", "李助理"])
    assert set(audit.action_names(log)) == {"修改", "新增", "打印"}


def _entry(table, before, after):
    return AuditEntry("1", datetime(2026, 1, 1), "u", "修改", table,
                      "r", "", json.dumps(before, ensure_ascii=False) if before is not None else None,
                      json.dumps(after, ensure_ascii=False) if after is not None else None)


def test_changes_of_an_update_use_chinese_names_and_readable_values():
    rows = audit.changes(_entry("person", {"name": "张三", "id_number_verified": False, "notes": None},
                                {"name": "张叁", "id_number_verified": True, "notes": "改名"}))
    assert [(c.label, c.before, c.after) for c in rows] == [
        ("姓名", "张三", "张叁"), ("号码经核实无误", "否", "是"), ("备注", "（空）", "改名")]


def test_changes_of_a_create_and_a_delete_leave_the_other_side_blank():
    created = audit.changes(_entry("village", None, {"id": "x", "name": "南关村", "office_id": "o",
                                                      "created_at": "2026-01-01T08:00:00"}))
    assert [(c.label, c.before, c.after) for c in created] == [("村(社区)名称", "", "南关村")]
    deleted = audit.changes(_entry("user_account", {"locked_until": "2026-11-24T09:05:00"}, None))
    assert [(c.label, c.before, c.after) for c in deleted] == [("锁定至", "2026-11-24 09:05:00", "")]


def test_changes_of_settings_and_unknown_columns():
    rows = audit.changes(_entry("setting", {"due_soon_days": 7}, {"due_soon_days": 14}))
    assert [(c.label, c.before, c.after) for c in rows] == [("即将到期提醒(天)", "7", "14")]
    rows = audit.changes(_entry("new_table", {"odd_field": 1}, {"odd_field": 2}))
    assert rows[0].label == "odd_field"
    assert audit.changes(_entry("person", None, None)) == []
