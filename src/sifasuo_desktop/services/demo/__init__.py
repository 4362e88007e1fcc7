"""A ready demo office with realistic generated data, so a newcomer sees a living program.

Each feature adds its records through a generator module listed in ``GENERATORS``: a function
``generate(ctx, rng, today)`` that writes through the feature's own services (so the demo also
exercises the real code paths). Generation is seeded: the same demo every time.
"""

from __future__ import annotations

import importlib
import random
from datetime import date

from sqlalchemy import select

from sifasuo_desktop.db.models import Meta
from sifasuo_desktop.services import auth, office
from sifasuo_desktop.services.context import AppContext

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "demo123"
DEMO_OFFICE_NAME = "示范县城关镇司法所"
DEMO_OFFICE_CODE = "410101001"
DEMO_VILLAGES = ["东街社区", "西街社区", "南关村", "北关村", "李家庄村", "王屯村", "河湾村", "新华社区"]

GENERATORS: list[str] = [
    "sifasuo_desktop.services.demo.persons",      # first: later generators use the persons
    "sifasuo_desktop.services.demo.visits",
    "sifasuo_desktop.services.demo.mediation",
]


def create_demo_office(ctx: AppContext, today: date | None = None, seed: int = 7) -> AppContext:
    """Create the demo office, its administrator (admin / demo123) and fill the demo data."""
    bound = office.create_office(ctx, code=DEMO_OFFICE_CODE, name=DEMO_OFFICE_NAME, county="示范县司法局",
                                 head_name="陈建国", committee_name="城关镇人民调解委员会")
    auth.create_user(bound, username=DEMO_USERNAME, display_name="陈建国", password=DEMO_PASSWORD, role="管理员")
    with bound.transaction() as session:
        session.merge(Meta(key="demo", value="1"))
    fill_demo_data(bound, today=today, seed=seed)
    return bound


def fill_demo_data(ctx: AppContext, today: date | None = None, seed: int = 7) -> None:
    rng = random.Random(seed)
    day = today or ctx.today()
    existing = {v.name for v in office.list_villages(ctx)}
    for order, name in enumerate(DEMO_VILLAGES):
        if name not in existing:
            office.save_village(ctx, None, name=name, sort_order=order, contact_name=rng.choice(["王", "李", "张"]) + "主任")
    for module in GENERATORS:
        importlib.import_module(module).generate(ctx, rng, day)


def is_demo(ctx: AppContext) -> bool:
    with ctx.reading() as session:
        return session.scalar(select(Meta.value).where(Meta.key == "demo")) == "1"
