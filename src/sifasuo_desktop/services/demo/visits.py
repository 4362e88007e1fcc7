"""Demo visits, 集中教育 sessions, 落户 events, correction activities and a postponement, written
through the services, so that the 工作台 shows some persons overdue, some due soon, most done.

Runs after the persons generator: it works on whoever has a running term today.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.dates import add_months
from sifasuo_desktop.domain.due import PersonFacts
from sifasuo_desktop.services import correction_activities, due, due_facts, person_history, visits
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.correction_activities import ActivityData
from sifasuo_desktop.services.person_inputs import StatusEventInput
from sifasuo_desktop.services.visits import BatchData, VisitData

STAFF = ["陈建国", "刘晓梅", "王志强"]
HISTORY_DAYS = 400           # visits of about the last year (older ones would only slow the demo)
THOUGHTS = ["思想稳定，认罪悔罪态度较好", "情绪平稳，对今后生活有信心", "有些急躁，经谈话情绪缓和", "思想稳定，能遵守帮教规定"]
WORK = ["在县城务工，收入稳定", "在家务农", "暂无工作，正在找工作", "在亲戚店里帮工", "参加了技能培训"]
LIFE = ["生活基本正常", "住房较困难，已联系村委会", "身体状况一般", "生活规律"]
FAMILY = ["家庭和睦，家属支持帮教", "与父母同住", "夫妻关系有所改善", "子女在读书，家庭负担较重"]
NEXT = ["继续关注就业情况", "下月再次走访", "联系社保所办理低保申请", "督促按时参加集中教育"]
PLACES = ["本人家中", "村委会", "司法所", "工作单位"]
VISIT_TYPES = ["家访", "走访", "谈话", "电话"]


def _visit(ctx: AppContext, rng: random.Random, person_id: str, day: date, visit_type: str) -> None:
    data = VisitData(person_id=person_id, visit_date=day, visit_type=visit_type, place=rng.choice(PLACES),
                     staff=rng.choice(STAFF), recorder=rng.choice(STAFF), content_thought=rng.choice(THOUGHTS),
                     content_work=rng.choice(WORK), content_life=rng.choice(LIFE), content_family=rng.choice(FAMILY),
                     next_step=rng.choice(NEXT))
    if visit_type == "跟踪考察":
        data = replace(data, **{"review_period_start": add_months(day, -6), "review_period_end": day,
                            "review_method": "走访本人及家属、村干部", "review_conduct_thought": rng.choice(THOUGHTS),
                            "review_conduct_law": "遵纪守法，无违法违规行为", "review_conduct_work": rng.choice(WORK),
                            "review_conduct_family": rng.choice(FAMILY), "review_conduct_social": "社会交往正常",
                            "review_measures": rng.choice(NEXT), "review_group_opinion": "表现良好，继续帮教",
                            "reviewer": rng.choice(STAFF), "review_office_opinion": "同意帮教小组意见"})
    visits.save_visit(ctx, None, data)


def _last_visit(rng: random.Random, today: date, interval: int) -> date:
    """About 60% up to date, 20% due within the week, 20% overdue."""
    roll = rng.random()
    if roll < 0.6:
        return today - timedelta(days=rng.randint(1, max(interval - 9, 1)))
    if roll < 0.8:
        return today - timedelta(days=max(interval - rng.randint(0, 6), 1))
    return today - timedelta(days=interval + rng.randint(1, 45))


def _history(ctx, rng, person_id: str, start: date, today: date, interval: int) -> None:
    day = _last_visit(rng, today, interval)
    floor = max(start, today - timedelta(days=HISTORY_DAYS))
    while day >= floor:
        _visit(ctx, rng, person_id, day, rng.choice(VISIT_TYPES))
        day -= timedelta(days=max(interval - rng.randint(0, interval // 5), 1))


def _aftercare(ctx: AppContext, rng: random.Random, facts: PersonFacts, today: date) -> None:
    term = facts.aftercare
    if term.handover_date is None or term.register_start > today:
        return                                            # 未衔接 / not released yet: nobody to visit
    if rng.random() < 0.9:
        person_history.add_history(ctx, facts.person_id, StatusEventInput(
            min(term.release_date + timedelta(days=rng.randint(2, 15)), today), "落户", "已办理户籍登记"))
    if (today - term.handover_date).days > 7 or rng.random() < 0.5:
        _visit(ctx, rng, facts.person_id, min(term.handover_date + timedelta(days=rng.randint(1, 6)), today), "家访")
    interval = 30 if r.value_on(term.categories, today, r.DEFAULT_CATEGORY) == "重点" else 91
    _history(ctx, rng, facts.person_id, term.handover_date, today, interval)
    review = _last_visit(rng, today, 182)
    if review >= term.register_start:
        _visit(ctx, rng, facts.person_id, review, "跟踪考察")


def _correction(ctx: AppContext, rng: random.Random, facts: PersonFacts, today: date) -> None:
    term = facts.correction
    if term.start_date > today or term.end_date < today:
        return
    level = r.value_on(term.levels, today, r.DEFAULT_LEVEL)
    _history(ctx, rng, facts.person_id, term.start_date, today, {"严管": 7, "宽管": 91}.get(level, 30))
    for months_back in (2, 1, 0):
        month_day = min(add_months(today.replace(day=10), -months_back), today)
        if month_day >= term.start_date:
            for kind, hours in (("教育学习", 2.0), ("公益活动", 4.0)):
                correction_activities.save_activity(ctx, None, ActivityData(
                    facts.person_id, month_day, kind, hours=hours, staff=rng.choice(STAFF),
                    content="法治教育课" if kind == "教育学习" else "社区环境清扫"))


def generate(ctx: AppContext, rng: random.Random, today: date) -> None:
    with ctx.reading() as session:
        people, briefs = due_facts.load(session, ctx.office_id, today)
    def stable(facts: PersonFacts) -> tuple:             # ids are random: order by what the demo fixes
        b = briefs[facts.person_id]
        return b.name, b.village_name, b.phone, b.address

    people.sort(key=stable)
    for facts in people:
        if facts.aftercare is not None:
            _aftercare(ctx, rng, facts, today)
        if facts.correction is not None:
            _correction(ctx, rng, facts, today)
    attending = tuple(c.id for c in visits.person_choices(ctx)[:12])
    if attending:
        visits.record_batch(ctx, BatchData(today - timedelta(days=20), attending, place="司法所会议室", staff=STAFF[0],
                                           recorder=STAFF[1], content="法治教育：《社区矫正法》和《治安管理处罚法》学习"))
    overdue = [w for w in due.compute_office(ctx, today) if w.state == r.OVERDUE and w.postponable]
    if overdue:
        item = rng.choice(overdue)
        due.postpone(ctx, item.subject_id, item.rule, today + timedelta(days=10), "本人在外地务工，月底返乡后补办")
