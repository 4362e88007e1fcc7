"""Demo dossiers: 60+ persons of both populations in every state, written through the services.

Every state of the list appears (在册 重点/一般, 未衔接, 即将期满, 已解除 by each reason, 外地迁入,
解除社区矫正 -> 安置帮教, 在矫 严管/普管/宽管, 待列管, 解矫, 脱管 and 找回), with 三无 and 人户分离
flags, placements of several methods, reoffenses, helper groups, category and level changes.
Releases are spread over the last six years so the reports have data in every period.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.dates import add_months, add_years
from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import office, persons
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_inputs import (
    AftercareInput,
    CategoryInput,
    CorrectionInput,
    FlagInput,
    HelperInput,
    LevelInput,
    PersonInput,
    PlacementInput,
    ReoffenseInput,
    StatusEventInput,
)

# Common surnames (with a few polyphonic ones: 单, 曾, 解) and given-name characters.
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解")
MALE_CHARS = list("伟强磊军洋勇杰涛明超刚建国志文斌海波辉鹏飞俊峰东亮宇浩林德生福成荣新庆永胜利民忠义宏彬兵松柏")
FEMALE_CHARS = list("芳娜敏静丽艳娟秀霞桂英华玉兰红梅婷雪琴凤丹云慧萍燕")
GIVEN_CHARS = MALE_CHARS + FEMALE_CHARS
# Region codes of 河南省郑州市 districts and counties (GB/T 2260), believable for a demo office.
REGIONS = ["410102", "410103", "410104", "410105", "410106", "410108", "410122", "410181", "410182", "410183"]

CHARGES = ["盗窃罪", "故意伤害罪", "诈骗罪", "抢劫罪", "寻衅滋事罪", "危险驾驶罪", "交通肇事罪", "贩卖毒品罪",
           "聚众斗殴罪", "开设赌场罪", "非法拘禁罪", "敲诈勒索罪"]
SENTENCES = ["有期徒刑一年", "有期徒刑一年六个月", "有期徒刑二年", "有期徒刑三年", "有期徒刑五年", "有期徒刑八年", "拘役六个月"]
PRISONS = ["河南省第一监狱", "河南省郑州监狱", "河南省新乡监狱", "示范县看守所"]
EMPLOYERS = ["城关镇建筑队", "示范县宏达物流公司", "自家承包地", "东街早餐店（个体）", "县城务工", "县职业技术学校",
             "城关镇过渡性安置基地", "家中"]
ORGANS = ["示范县人民法院", "郑州市中级人民法院", "河南省郑州监狱（假释裁定）"]


@dataclass
class Plan:
    """One demo person: who, which terms, and what history."""

    aftercare: list[AftercareInput] = field(default_factory=list)
    corrections: list[CorrectionInput] = field(default_factory=list)
    history: list = field(default_factory=list)
    sex: str | None = None
    age: tuple[int, int] = (22, 62)


class _Maker:
    def __init__(self, ctx: AppContext, rng: random.Random, today: date):
        self.ctx, self.rng, self.today = ctx, rng, today
        self.villages = office.list_villages(ctx)
        self.sequence = 0
        self.names: set[str] = set()

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def name(self, sex: str) -> str:
        chars = MALE_CHARS if sex == "男" else FEMALE_CHARS
        while True:
            given = "".join(self.rng.choice(chars) for _ in range(self.rng.choice((1, 2, 2, 2))))
            name = self.rng.choice(SURNAMES) + given
            if name not in self.names:
                self.names.add(name)
                return name

    def person(self, plan: Plan) -> PersonInput:
        sex = plan.sex or ("女" if self.rng.random() < 0.12 else "男")
        birth = self.today - timedelta(days=self.rng.randint(plan.age[0] * 365 + 30, plan.age[1] * 365))
        self.sequence += 1
        sequence = self.sequence * 2 + (1 if sex == "男" else 0)
        village = self.rng.choice(self.villages)
        house = f"河南省示范县城关镇{village.name}{self.rng.randint(1, 120)}号"
        return PersonInput(
            name=self.name(sex), id_number=compose(self.rng.choice(REGIONS), birth, sequence % 1000),
            village_id=village.id, ethnicity="01" if self.rng.random() < 0.95 else "03",
            education=self.rng.choice(["初中", "初中", "高中", "小学", "中专/技校", "大学专科"]),
            marital_status=self.rng.choice(["已婚", "未婚", "离异"]), health="良好", political_status="群众",
            phone=f"1{self.rng.choice('35789')}{self.rng.randint(100000000, 999999999)}",
            household_address=house, residence_address=house,
            archive_no=f"AZBJ-{self.today.year}-{self.sequence:03d}",
        )

    def release(self, released: date, *, source: str | None = None, handover: bool = True, key: bool = False,
                **extra) -> AftercareInput:
        source = source or self.rng.choice(codes.AFTERCARE_SOURCES[:2])
        method = codes.HANDOVER_ESCORTED if key else self.rng.choice(codes.HANDOVER_METHODS[1:3])
        handed = min(released + timedelta(days=self.rng.randint(0, 3)), self.today) if handover else None
        agreed = released + timedelta(days=self.rng.randint(5, 25))
        return AftercareInput(
            source=source, release_date=released, handover_date=handed, handover_method=method if handover else None,
            notice_date=released - timedelta(days=self.rng.randint(20, 35)),
            dossier_date=released - timedelta(days=self.rng.randint(10, 18)),
            agreement_date=agreed if handover and agreed <= self.today else None,
            charge=self.rng.choice(CHARGES), original_sentence=self.rng.choice(SENTENCES),
            prison="示范县看守所" if source == "看守所刑满释放" else self.rng.choice(PRISONS[:3]),
            category=codes.CATEGORY_KEY if key else codes.CATEGORY_GENERAL,
            category_reason="暴力犯罪，刑满释放后需重点帮教" if key else None, **extra,
        )

    def correction(self, start: date, months: int, level: str, **extra) -> CorrectionInput:
        kind = self.rng.choice(["缓刑", "缓刑", "缓刑", "假释", "管制", "暂予监外执行"])
        values = dict(
            kind=kind, start_date=start, end_date=add_months(start, months), term_text=f"{months}个月",
            charge=self.rng.choice(CHARGES), sentence_kind="有期徒刑", original_sentence=self.rng.choice(SENTENCES[:3]),
            decision_organ=self.rng.choice(ORGANS), judgment_effective_date=start - timedelta(days=10),
            documents_received_date=min(start - timedelta(days=5), self.today),
            documents_kinds="判决书、执行通知书、结案登记表", reception_method="自行报到", report_date=start,
            report_status="按时报到", execution_place="河南省示范县城关镇", supervision_level=level,
        )
        return CorrectionInput(**{**values, **extra})

    def helpers(self, family: str) -> list[HelperInput]:
        return [HelperInput("司法所", "陈建国", "城关镇司法所", "0371-6000001"),
                HelperInput("派出所", self.name("男"), "城关派出所"),
                HelperInput("村(居)干部", self.name("男"), "村委会"),
                HelperInput("家属", family)]

    def placement(self, released: date) -> PlacementInput:
        method = self.rng.choice(["01", "02", "03", "03", "04", "04", "05", "07", "08"])
        return PlacementInput(min(released + timedelta(days=self.rng.randint(20, 120)), self.today), method,
                              employer=self.rng.choice(EMPLOYERS))


def _plans(m: _Maker) -> list[Plan]:
    today, rng, plans = m.today, m.rng, []
    for i in range(8):                      # 在册 重点, collected at the gate, with a helper group
        released = m.days_ago(60, 1700)
        history = [m.placement(released), *m.helpers(m.name("女"))]
        if i % 3 == 0:                      # improved: 重点 -> 一般 after a year
            history.append(CategoryInput(min(add_years(released, 1), today), codes.CATEGORY_GENERAL, "表现良好，降为一般"))
        plans.append(Plan([m.release(released, key=True)], history=history))
    for i in range(20):                     # 在册 一般
        released = m.days_ago(30, 1780)
        history = [m.placement(released)] if i % 4 else []
        plans.append(Plan([m.release(released)], history=history, sex="女" if i % 6 == 0 else None))
    plans.append(Plan([m.release(m.days_ago(100, 400), source="看守所刑满释放")], age=(16, 17)))  # a minor
    for _ in range(3):                      # 未衔接: released, never reported
        plans.append(Plan([m.release(m.days_ago(10, 90), handover=False)],
                          history=[StatusEventInput(today - timedelta(days=5), "未衔接", "户籍地址无此人，家属称外出务工")]))
    for _ in range(3):                      # term ends within 30 days
        plans.append(Plan([m.release(add_years(today, -5) + timedelta(days=rng.randint(3, 28)))]))
    for _ in range(4):                      # 已解除: 帮教期满
        plans.append(Plan([m.release(add_years(today, -5) - timedelta(days=rng.randint(10, 330)))]))
    for reason in codes.REMOVAL_REASONS:    # 已解除 early, one per reason
        released = m.days_ago(400, 1500)
        removed = released + timedelta(days=rng.randint(100, 350))
        history = []
        if reason == "重新违法犯罪收监":
            history.append(ReoffenseInput(removed - timedelta(days=20), "犯罪", "盗窃罪", "被判处有期徒刑二年，收监"))
        plans.append(Plan([m.release(released, removal_date=removed, removal_reason=reason)], history=history))
    for _ in range(2):                      # 外地迁入
        released = m.days_ago(500, 1400)
        plans.append(Plan([m.release(released, source=codes.SOURCE_TRANSFER_IN, handover=False,
                                     transfer_in_date=released + timedelta(days=rng.randint(100, 400)))],
                          history=[FlagInput("residence_mismatch", today - timedelta(days=200), notes="户籍在外县")]))
    for _ in range(3):                      # 解除社区矫正 -> 安置帮教 in the same dossier
        start = m.days_ago(700, 1300)
        plans.append(Plan(corrections=[m.correction(start, 12, "普管", actual_end_date=add_months(start, 12),
                                                    end_reason=codes.CORRECTION_END_EXPIRED)]))
    for level, count in (("严管", 2), ("普管", 4), ("宽管", 3)):   # 在矫
        for i in range(count):
            start = m.days_ago(100, 500)
            months = rng.choice((12, 18, 24, 36))
            while add_months(start, months) <= today + timedelta(days=10):
                months += 6
            history = [LevelInput(start + timedelta(days=90), "普管", "考核合格")] if level == "普管" and i == 0 else []
            plans.append(Plan(corrections=[m.correction(start, months, "严管" if history else level)],
                              history=history))
    plans.append(Plan(corrections=[m.correction(today + timedelta(days=6), 12, "严管", report_date=None,
                                                report_status=None)]))  # 待列管: reports next week
    for reason in ("收监执行", "死亡"):      # 解矫 without aftercare
        start = m.days_ago(400, 900)
        plans.append(Plan(corrections=[m.correction(start, 24, "普管", actual_end_date=start + timedelta(days=300),
                                                    end_reason=reason)]))
    for found in (False, False, True):      # 脱管, and one found again
        released = m.days_ago(200, 900)
        events = [StatusEventInput(today - timedelta(days=40), "脱管", "电话停机，家属称去向不明")]
        if found:
            events.append(StatusEventInput(today - timedelta(days=12), "脱管找回", "在外省务工，已恢复联系"))
        plans.append(Plan([m.release(released)], history=events))
    for plan in rng.sample([p for p in plans if p.aftercare and not p.history], 2):
        plan.history.append(FlagInput("three_nos", plan.aftercare[0].release_date, notes="无家可归、无亲可投、无业可就"))
    for plan in rng.sample([p for p in plans if p.aftercare and len(p.history) <= 1], 2):
        plan.history.append(FlagInput("residence_mismatch", plan.aftercare[0].release_date, notes="实际居住在县城"))
    registered = [p for p in plans if p.aftercare and p.aftercare[0].handover_date
                  and p.aftercare[0].release_date + timedelta(days=20) < today]
    for plan in registered[:-2]:            # 落户 recorded for all but two: the 工作台 shows those two
        released = plan.aftercare[0].release_date
        plan.history.append(StatusEventInput(released + timedelta(days=rng.randint(5, 18)), "落户", "已办理户籍登记"))
    violator = next(p for p in plans if p.aftercare and not p.aftercare[0].removal_date and len(p.history) > 2)
    violator.history.append(ReoffenseInput(today - timedelta(days=60), "违法", "殴打他人", "行政拘留十日"))
    return plans


def generate(ctx: AppContext, rng: random.Random, today: date) -> None:
    maker = _Maker(ctx, rng, today)
    for plan in _plans(maker):
        persons.create_person(ctx, maker.person(plan), aftercare=plan.aftercare, corrections=plan.corrections,
                              history=plan.history)
