"""Deleting and restoring 人民调解 cases, records and follow-ups is for 管理员; 工作人员 records."""

from datetime import date
from decimal import Decimal

import pytest
from mediation_fixtures import new_case, staff_of
from sqlalchemy import func, select

from sifasuo_desktop.core.errors import PermissionDenied
from sifasuo_desktop.db.models import AuditLog
from sifasuo_desktop.domain.mediation import Followup, Record
from sifasuo_desktop.services import audit, mediation
from sifasuo_desktop.services import mediation_query as query
from sifasuo_desktop.services import mediation_records as records


def _agreed_case(ctx):
    """A case with an agreement, an investigation record and a follow-up, entered by ``ctx``'s user."""
    case = mediation.create_case(ctx, new_case(
        result="成功", concluded_date=date(2026, 11, 10), agreement_form="书面", clauses=("李四疏通排水沟",),
        agreement_amount=Decimal("500"), performance_method="李四自行施工"))
    case = records.save_record(ctx, case.id, Record("调查", date(2026, 11, 2), "东街社区", "张三", "孙记录", "查看排水沟"))
    return records.save_followup(ctx, case.id, Followup(date(2026, 11, 20), "电话回访", "王调解", "已疏通", "满意"))


def _audit_rows(ctx) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditLog))


def test_staff_enters_a_case_but_may_not_delete_anything_of_it(ctx):
    staff = staff_of(ctx)
    case = _agreed_case(staff)   # 工作人员 record: allowed
    before = _audit_rows(ctx)
    with pytest.raises(PermissionDenied, match="^只有管理员可以删除记录$"):
        mediation.delete_case(staff, case.id)
    with pytest.raises(PermissionDenied, match="^只有管理员可以删除记录$"):
        records.delete_record(staff, case.records[0].id)
    with pytest.raises(PermissionDenied, match="^只有管理员可以删除记录$"):
        records.delete_followup(staff, case.followups[0].id)
    stored = mediation.get_case(ctx, case.id)
    assert len(stored.records) == 1 and len(stored.followups) == 1
    assert [r.id for r in query.list_cases(ctx)] == [case.id]
    assert _audit_rows(ctx) == before   # nothing written, not even half


def test_staff_may_not_restore_a_case_from_the_recycle_bin(ctx):
    staff = staff_of(ctx)
    case = mediation.create_case(staff, new_case())
    mediation.delete_case(ctx, case.id)
    with pytest.raises(PermissionDenied, match="^只有管理员可以从回收站恢复$"):
        mediation.restore_case(staff, case.id)
    assert query.list_cases(ctx) == []
    assert [r.id for r in query.list_cases(ctx, query.CaseFilter(deleted=True))] == [case.id]


def test_admin_deletes_what_staff_entered_and_restores_the_case(ctx):
    staff = staff_of(ctx)
    case = _agreed_case(staff)
    case = records.delete_record(ctx, case.records[0].id)
    case = records.delete_followup(ctx, case.followups[0].id)
    assert case.records == () and case.followups == ()
    mediation.delete_case(ctx, case.id)
    assert query.list_cases(staff) == []
    restored = mediation.restore_case(ctx, case.id)
    assert restored.id == case.id and [r.id for r in query.list_cases(staff)] == [case.id]
    entries = audit.list_entries(ctx, record_id=case.id)
    assert [(e.action, e.user_name) for e in entries[:2]] == [(audit.RESTORE, "张所长"), (audit.DELETE, "张所长")]
