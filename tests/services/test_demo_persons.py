"""The demo office's dossiers cover every state a newcomer should see."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from sifasuo_desktop.db.models import AftercareTerm, FlagPeriod, HelperMember, Placement, Reoffense, StatusEvent
from sifasuo_desktop.domain import idnumber
from sifasuo_desktop.services import demo
from sifasuo_desktop.services.person_list import list_persons


def test_demo_persons_cover_every_state(empty_ctx):
    today = empty_ctx.today()
    ctx = demo.create_demo_office(empty_ctx, today=today)
    rows = list_persons(ctx)
    assert len(rows) >= 60
    states = Counter((r.population, r.state) for r in rows)
    for expected in [("安置帮教", "在册"), ("安置帮教", "未衔接"), ("安置帮教", "已解除"), ("社区矫正", "在矫"),
                     ("社区矫正", "解矫"), ("社区矫正", "待列管")]:
        assert states[expected] > 0, expected
    assert {"重点", "一般", "严管", "普管", "宽管"} <= {r.category for r in rows}
    assert sum(r.lost_contact for r in rows) >= 2 and sum(r.ending_soon for r in rows) >= 3
    assert len({r.village for r in rows}) >= 6
    assert all(idnumber.problem(r.id_number, today) is None for r in rows)
    assert len({r.id_number for r in rows}) == len(rows) and len({r.name for r in rows}) == len(rows)
    with ctx.reading() as s:
        sources = dict(s.execute(select(AftercareTerm.source, func.count()).group_by(AftercareTerm.source)).all())
        reasons = set(s.scalars(select(AftercareTerm.removal_reason).where(AftercareTerm.removal_reason.is_not(None))))
        releases = [d.year for d in s.scalars(select(AftercareTerm.release_date))]
        methods = set(s.scalars(select(Placement.method)))
        assert set(sources) == {"监狱刑满释放", "看守所刑满释放", "解除社区矫正", "外地迁入"}
        assert reasons == {"死亡", "迁出", "重新违法犯罪收监", "其他"}
        assert max(releases) - min(releases) >= 5
        assert len(methods) >= 4
        assert set(s.scalars(select(Reoffense.kind))) == {"犯罪", "违法"}
        assert set(s.scalars(select(FlagPeriod.flag))) == {"three_nos", "residence_mismatch"}
        assert s.scalar(select(func.count(func.distinct(HelperMember.person_id)))) >= 5
        assert {"脱管", "脱管找回", "未衔接"} <= set(s.scalars(select(StatusEvent.kind)))
