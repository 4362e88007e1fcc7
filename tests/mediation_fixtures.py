"""Cases for mediation tests, built as a clerk would fill the form."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sifasuo_desktop.domain.idnumber import check_character
from sifasuo_desktop.domain.mediation import Case, Party
from sifasuo_desktop.services import auth
from sifasuo_desktop.services.context import AppContext


def valid_id(first17: str) -> str:
    return first17 + check_character(first17)


ID_ZHANG = valid_id("41010119800315001")   # 男
ID_LI = valid_id("41010119850620002")      # 女


def new_case(acceptance: date = date(2026, 11, 1), **changes) -> Case:
    case = Case(
        acceptance_date=acceptance, source="当事人申请", dispute_type="邻里",
        parties=(Party(role="申请人", name="张三", sex="男", ethnicity="01", id_number=ID_ZHANG,
                       occupation="农民", phone="13800000001", address="东街社区1号"),
                 Party(role="被申请人", name="李四", sex="女", ethnicity="03", age=41,
                       occupation="个体户", phone="13800000002", address="东街社区2号")),
        mediators=("王调解", "赵调解"), recorder="孙记录", number_prefix="城关镇人调字",
        summary="两家因院墙排水发生争执。",
    )
    return replace(case, **changes)


def staff_of(ctx: AppContext) -> AppContext:
    """``ctx`` (a signed-in 管理员) creates the 工作人员 李助理, who signs in: the returned context."""
    auth.create_user(ctx, username="li", display_name="李助理", password="staff123", role="工作人员")
    return ctx.as_user(auth.sign_in(ctx, "li", "staff123"))
