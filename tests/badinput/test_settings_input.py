"""Bad input in 设置: 单位信息, 村(社区), 用户 and 规则参数. Each is refused with its reason, nothing is
written, and a valid change then saves."""

from __future__ import annotations

import pytest

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.services import auth, office


def new_user(ctx, **kw):
    values = {"username": "li", "display_name": "李助理", "password": "staff123", "role": "工作人员", **kw}
    return lambda: auth.create_user(ctx, **values)


CLASSES = [
    ("office-code-not-a-region-code", lambda ctx: office.create_office(ctx, code="41A101", name="某镇司法所"),
     "code", "行政区划代码"),
    ("office-name-missing", lambda ctx: office.create_office(ctx, code="410101002", name=" "), "name",
     "请填写司法所名称"),
    ("village-name-missing", lambda ctx: office.save_village(ctx, None, name=" "), "name", "请填写村(社区)名称"),
    ("village-name-duplicate", lambda ctx: office.save_village(ctx, None, name="东街社区"), "name", "已存在"),
    ("village-name-100000-characters", lambda ctx: office.save_village(ctx, None, name="村" * 100_000), "name",
     "最多100个字"),
    ("village-phone-too-long", lambda ctx: office.save_village(ctx, None, name="西街", contact_phone="1" * 51),
     "contact_phone", "最多50个字"),
    ("user-password-too-short", lambda ctx: new_user(ctx, password="123")(), "password", "密码至少"),
    ("user-login-name-taken", lambda ctx: new_user(ctx, username="admin")(), "username", "已被使用"),
    ("user-role-unknown", lambda ctx: new_user(ctx, role="访客")(), "role", "管理员或工作人员"),
    ("rule-out-of-range", lambda ctx: office.save_settings(ctx, {"mediation_limit_days": 0}),
     "mediation_limit_days", "之间的整数"),
    ("rule-impossible-month-day", lambda ctx: office.save_settings(ctx, {"report_half_year_due": "02-30"}),
     "report_half_year_due", "半年报报送日"),
]


@pytest.mark.parametrize("action, field, words", [c[1:] for c in CLASSES], ids=[c[0] for c in CLASSES])
def test_setting(ctx, refused, action, field, words):
    refused(lambda: action(ctx), words, error=ValidationError, field=field,
            then=lambda: (new_user(ctx)(), office.save_settings(ctx, {"mediation_limit_days": 45})))
    assert office.rules(ctx).mediation_limit_days == 45
