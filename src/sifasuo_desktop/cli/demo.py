"""``demo``: create the demo office (villages, 60+ persons, ...) in a database without an office."""

from __future__ import annotations

from pathlib import Path

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import demo, office
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.services.person_list import list_persons


def register(sub) -> None:
    parser = sub.add_parser("demo", help="建立演示司法所并填入演示数据（仅限没有司法所的数据库）")
    parser.set_defaults(func=_demo)


def _demo(db_path: Path, args) -> int:
    ctx = open_database(db_path)
    try:
        if ctx.office_id is not None:
            info = office.get_office(ctx)
            raise UserError(f"数据库中已有司法所（{info.name if info else ctx.office_id}），不能再填入演示数据")
        bound = demo.create_demo_office(ctx)
        people = list_persons(bound)
        print(f"已建立演示司法所：{demo.DEMO_OFFICE_NAME}")
        print(f"数据库：{db_path}")
        print(f"村(社区) {len(office.list_villages(bound))} 个，人员 {len(people)} 人")
        print(f"登录名：{demo.DEMO_USERNAME}　密码：{demo.DEMO_PASSWORD}")
    finally:
        ctx.dispose()
    return 0
