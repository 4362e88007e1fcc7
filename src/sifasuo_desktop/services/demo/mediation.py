"""Demo 人民调解 cases: about 25 over the last two years, written through the mediation services.

Every dispute type, source and result occurs; most cases end in an agreement with records and a
回访, one is confirmed by a court, some carry prevention flags, older ones are archived, and a few
open cases are near or past their limit (one extended). A couple of parties are dossier persons
of the office (same 公民身份号码), so the link between the two shows.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from sifasuo_desktop.db.models import Person
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.idnumber import check_character
from sifasuo_desktop.domain.mediation import Case, Followup, Party, Record
from sifasuo_desktop.services import mediation, mediation_records
from sifasuo_desktop.services.context import AppContext

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ["建国", "秀英", "桂兰", "志强", "红梅", "国庆", "玉兰", "海燕", "德明", "春花", "卫东", "丽娟",
         "永福", "金凤", "文斌", "晓燕", "保国", "淑珍", "长江", "小军", "明亮", "艳红", "振华", "素芳"]
MEDIATORS = ["王德顺", "李秀芝", "张文华", "刘福来", "陈淑英"]
OCCUPATIONS = ["农民", "个体户", "务工", "退休职工", "教师", "司机", "无业"]
ORGANISATIONS = {"物业": "城关镇和美物业服务有限公司", "消费": "城关镇惠民超市", "医疗": "城关镇卫生院",
                 "劳动争议": "示范县宏达建材有限公司", "旅游": "示范县青山旅行社"}

# type -> (what the dispute is about, what the respondent agrees to do, amount in yuan or 0)
TOPICS = {
    "婚姻家庭": ("赡养老人费用分担", "每月5日前向申请人支付赡养费", 600),
    "邻里": ("院墙排水", "将院墙排水沟改道至自家院内", 0),
    "房屋宅基地": ("宅基地界址", "拆除越界搭建的棚屋，按原界址重砌院墙", 0),
    "合同": ("农机买卖货款", "分两期付清所欠货款", 8600),
    "生产经营": ("合伙养殖散伙分账", "按出资比例返还申请人投资款", 15000),
    "损害赔偿": ("饲养的狗咬伤他人", "赔偿医疗费、误工费", 3200),
    "山林土地": ("承包地边界", "按承包合同附图重新确定界桩", 0),
    "征地拆迁": ("拆迁补偿款分配", "按户籍人数分配补偿款", 42000),
    "环境污染": ("养猪场气味和污水", "修建化粪池并每周清运粪污", 2000),
    "劳动争议": ("拖欠工资", "结清拖欠的工资", 12800),
    "消费": ("购买过期食品", "退还货款并按规定赔偿", 1000),
    "医疗": ("输液后过敏反应", "承担后续治疗费用", 5600),
    "道路交通事故": ("电动车与三轮车相撞", "赔偿车辆维修费和医疗费", 4500),
    "物业": ("物业费与漏水维修", "维修楼顶防水，申请人补交物业费", 1800),
    "旅游": ("旅游行程擅自变更", "退还部分团费", 1500),
    "知识产权": ("店铺招牌名称相同", "更换店铺招牌", 0),
    "互联网": ("网上代购货款", "退还代购货款", 2300),
    "其他": ("婚宴场地押金", "退还场地押金", 3000),
}


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _id_number(rng: random.Random, birth: date, male: bool) -> str:
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"410101{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def _person_party(rng: random.Random, role: str, today: date) -> Party:
    male = rng.random() < 0.6
    birth = date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
    with_id = rng.random() < 0.7
    return Party(role=role, name=_name(rng), sex="男" if male else "女",
                 ethnicity="01" if rng.random() < 0.9 else rng.choice(["03", "11", "08"]),
                 birth_date=birth, id_number=_id_number(rng, birth, male) if with_id else None,
                 occupation=rng.choice(OCCUPATIONS), phone=f"13{rng.randint(100000000, 999999999)}",
                 address=f"{rng.choice(['东街社区', '南关村', '北关村', '河湾村', '王屯村'])}{rng.randint(1, 80)}号")


def _dossier_parties(ctx: AppContext) -> list[Party]:
    """Two persons of the office's dossiers, as applicants (the dossier demo runs first)."""
    with ctx.reading() as session:
        rows = session.execute(select(Person.name, Person.id_number, Person.sex, Person.birth_date).where(
            Person.office_id == ctx.office_id, Person.deleted_at.is_(None)).order_by(Person.id_number).limit(2)).all()
    return [Party(role="被申请人", name=name, id_number=number, sex=sex, birth_date=birth, occupation="务工")
            for name, number, sex, birth in rows]


def _plan(rng: random.Random, today: date) -> list[tuple[str, int, str]]:
    """(dispute type, days before today it was accepted, result) for each case."""
    plan = []
    for index, kind in enumerate(codes.DISPUTE_TYPES):
        result = "不成功" if index % 6 == 5 else "成功"
        plan.append((kind, rng.randint(60, 720), result))
    plan += [("邻里", 95, "成功"), ("婚姻家庭", 45, "成功"), ("合同", 50, "不成功"),
             ("损害赔偿", 27, "调解中"), ("邻里", 35, "调解中"), ("物业", 40, "调解中"), ("消费", 4, "调解中")]
    return plan


def _case(rng: random.Random, kind: str, accepted: date, index: int, extra_party: Party | None) -> Case:
    topic = TOPICS[kind][0]
    applicant = _person_party(rng, "申请人", accepted)
    if kind in ORGANISATIONS:
        respondent = Party(role="被申请人", name=ORGANISATIONS[kind], is_organisation=True,
                           occupation=f"负责人：{_name(rng)}", phone=f"0371-{rng.randint(6000000, 6999999)}",
                           address="示范县城关镇")
    else:
        respondent = extra_party or _person_party(rng, "被申请人", accepted)
    parties = [applicant, respondent]
    if index % 7 == 3:
        parties.insert(1, _person_party(rng, "申请人", accepted))
    source = codes.CASE_SOURCES[index % 3]
    mediators = tuple(rng.sample(MEDIATORS, 2))
    return Case(
        acceptance_date=accepted, source=source, dispute_type=kind,
        referring_organ=codes.REFERRING_ORGANS[index % 3] if source == "委托移送" else None,
        parties=tuple(parties), mediators=mediators, recorder=rng.choice(["孙丽", "周敏"]),
        number_prefix="城关镇人调字",
        summary=f"{applicant.name}与{respondent.name}因{topic}发生纠纷，双方多次协商未果，{applicant.name}请求调解。",
        amount_involved=Decimal(TOPICS[kind][2]) if TOPICS[kind][2] else None,
        people_involved=len(parties) + (8 if index % 5 == 0 else 0),
    )


def _concluded(rng: random.Random, case: Case, result: str, index: int, today: date) -> Case:
    kind, accepted = case.dispute_type, case.acceptance_date
    done = min(accepted + timedelta(days=rng.randint(3, 25)), today)
    respondent, applicant = case.parties[-1].name, case.parties[0].name
    if result == "不成功":
        return replace(case, result="不成功", concluded_date=done,
                       failure_reason=f"{respondent}不同意调解方案，双方分歧较大。",
                       suggested_route=codes.FAILURE_ROUTES[index % 3])
    _topic, action, amount = TOPICS[kind]
    deadline = done + timedelta(days=rng.randint(5, 30))
    clause = f"{respondent}于{deadline.year}年{deadline.month}月{deadline.day}日前{action}"
    clauses = [clause + (f"，共计人民币{amount}元。" if amount else "。"),
               f"{applicant}收到款项（或对方履行完毕）后，双方就此纠纷再无其他争议。" if amount else
               "双方今后和睦相处，互不追究。"]
    written = index % 4 != 1
    performed = deadline <= today
    flags = {"prevent_criminal": 2} if index % 5 == 0 else {"prevent_petition": 6} if index % 9 == 4 else {}
    return replace(case, result="成功", concluded_date=done, agreement_form="书面" if written else "口头",
                   clauses=tuple(clauses), agreement_amount=Decimal(amount) if amount else None,
                   performance_method="现金或转账一次付清" if amount else "自行履行", performance_deadline=deadline,
                   performance_status=("已履行" if rng.random() < 0.85 else "部分履行") if performed else None,
                   performance_date=deadline if performed else None, **flags)


def generate(ctx: AppContext, rng: random.Random, today: date) -> None:
    ctx = replace(ctx, today_override=today)
    dossier_parties = _dossier_parties(ctx)
    for index, (kind, days_ago, result) in enumerate(sorted(_plan(rng, today), key=lambda p: -p[1])):
        accepted = today - timedelta(days=days_ago)
        linked = dossier_parties.pop() if dossier_parties and index % 8 == 2 else None
        case = mediation.create_case(ctx, _case(rng, kind, accepted, index, linked))
        case = mediation_records.save_record(ctx, case.id, Record(
            "调查", accepted + timedelta(days=1), "当事人家中", case.parties[0].name, case.recorder,
            f"经走访双方及邻居，了解到纠纷起因是{TOPICS[kind][0]}，双方各执一词。"))
        if result == "调解中":
            if days_ago == 40:
                case = mediation.extend_limit(ctx, case.id, days=15, consent_date=accepted + timedelta(days=28),
                                              both_consent=True, reason="等待第三方评估结果")
            continue
        case = mediation.update_case(ctx, case.id, _concluded(rng, case, result, index, today))
        case = mediation_records.save_record(ctx, case.id, Record(
            "调解", case.concluded_date, "司法所调解室", "、".join(p.name for p in case.parties), case.recorder,
            "调解员向双方讲解相关法律规定，分析利弊，双方互谅互让。"
            + ("双方达成协议。" if result == "成功" else "被申请人不接受调解方案。")))
        if result == "成功" and case.agreement_date + timedelta(days=20) <= today:
            case = mediation_records.save_followup(ctx, case.id, Followup(
                case.agreement_date + timedelta(days=20), rng.choice(["上门回访", "电话回访"]), case.mediators[0],
                "协议已按约定履行，双方关系缓和。" if case.performance_status == "已履行" else "协议部分履行，已督促。",
                "当事人对调解结果满意"))
        if result == "成功" and index == 6:
            case = mediation.update_case(ctx, case.id, replace(
                case, judicial_apply_date=case.agreement_date + timedelta(days=5),
                judicial_confirm_date=case.agreement_date + timedelta(days=12), judicial_court="示范县人民法院",
                file_materials={"当事人身份证明": 2, "司法确认材料": 3}))
        if days_ago > 90:
            case = mediation.update_case(ctx, case.id, replace(
                case, filer=case.recorder, retention="长期",
                file_materials={"当事人身份证明": len(case.parties), **case.file_materials}))
            mediation.close_case(ctx, case.id)
