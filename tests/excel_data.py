"""Demo-like office data for the Excel tests (persons through the person service; visits and
mediation cases as ORM rows), a second empty office database, and a comparable snapshot."""

from __future__ import annotations

import shutil
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, text

from sifasuo_desktop.db.models import (
    AftercareTerm, Base, CategoryChange, FlagPeriod, MediationCase, MediationFollowup, MediationMediator,
    MediationParty, Person, Placement, Reoffense, Village, Visit,
)
from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import auth, office, persons
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.services.excel_export import visit_text
from sifasuo_desktop.services.persons import (
    AftercareInput, FlagInput, PersonInput, PlacementInput, ReoffenseInput,
)

TODAY = date(2026, 11, 24)          # as tests/conftest.py
PASSWORD = "second123"

ZHANG = compose("410102", date(1980, 5, 17), 123)
LI = compose("410103", date(1992, 2, 29), 244)
WANG = compose("410104", date(1975, 12, 1), 311)
ZHAO = compose("410105", date(1968, 7, 7), 457)
CHEN = compose("410106", date(1999, 1, 31), 582)


def new_office(tmp_path, template_db, name: str = "second"):
    """Another migrated database with an office and a signed-in administrator, no villages."""
    path = tmp_path / f"{name}.sqlite3"
    shutil.copyfile(template_db, path)
    ctx = office.create_office(open_database(path, today=TODAY), code="410101002", name="另一司法所")
    auth.create_user(ctx, username="admin", display_name="李所长", password=PASSWORD, role="管理员")
    return ctx.as_user(auth.sign_in(ctx, "admin", PASSWORD))


def fill_demo(ctx) -> dict[str, str]:
    """Five persons (every source, a Feb 29 release, removals, a re-release), visits and cases."""
    east = office.list_villages(ctx)[0].id
    west = office.save_village(ctx, None, name="西街社区", sort_order=1)
    ids = {}
    ids["张伟"] = persons.create_person(ctx, PersonInput(
        name="张伟", id_number=ZHANG, village_id=east, ethnicity="01", education="初中", household_address="城关镇东街1号",
        residence_address="城关镇东街1号", phone="13800000001", notes="备注一"),
        aftercare=[AftercareInput(source="监狱刑满释放", release_date=date(2024, 3, 1), handover_date=date(2024, 3, 2),
                                  handover_method="必接必送", agreement_date=date(2024, 3, 20), charge="故意伤害罪",
                                  original_sentence="三年", category="重点", category_reason="暴力犯罪")],
        history=[PlacementInput(date(2024, 5, 1), "03"), FlagInput("residence_mismatch", date(2024, 3, 1))])
    ids["李芳"] = persons.create_person(ctx, PersonInput(
        name="李芳", id_number=LI, village_id=west, ethnicity="03", education="高中"),
        aftercare=[AftercareInput(source="看守所刑满释放", release_date=date(2020, 2, 29), handover_date=date(2020, 3, 1),
                                  handover_method="家属接回", category="一般")],
        history=[FlagInput("three_nos", date(2020, 2, 29))])
    ids["王强"] = persons.create_person(ctx, PersonInput(name="王强", id_number=WANG, village_id=west),
        aftercare=[AftercareInput(source="外地迁入", release_date=date(2023, 1, 10), transfer_in_date=date(2024, 6, 1),
                                  removal_date=date(2025, 8, 1), removal_reason="迁出", category="一般")])
    ids["赵军"] = persons.create_person(ctx, PersonInput(name="赵军", id_number=ZHAO, village_id=east, phone="0371-1234567"),
        aftercare=[AftercareInput(source="监狱刑满释放", release_date=date(2015, 5, 5), removal_date=date(2017, 6, 1),
                                  removal_reason="重新违法犯罪收监", handover_date=date(2015, 5, 6),
                                  handover_method="自行报到", category="一般"),
                   AftercareInput(source="监狱刑满释放", release_date=date(2025, 6, 30), category="重点",
                                  category_reason="重新犯罪", charge="盗窃罪", original_sentence="七年")],
        history=[ReoffenseInput(date(2017, 5, 20), "犯罪")])
    ids["陈静"] = persons.create_person(ctx, PersonInput(name="陈静", id_number=CHEN, village_id=east, education="大学专科"),
        aftercare=[AftercareInput(source="解除社区矫正", release_date=date(2026, 1, 15), handover_date=date(2026, 1, 15),
                                  handover_method="自行报到", category="一般")],
        history=[PlacementInput(date(2026, 2, 1), "99"), ReoffenseInput(date(2026, 6, 1), "违法")])
    with ctx.transaction() as s:
        for name, day, kind, staff, content in [
            ("张伟", date(2024, 3, 5), "家访", "王干事", "了解家庭情况"), ("张伟", date(2024, 4, 5), "电话", None, None),
            ("张伟", date(2026, 10, 1), "跟踪考察", "王干事、李干事", "表现良好"), ("李芳", date(2021, 1, 2), "谈话", "王干事", "谈话教育"),
            ("陈静", date(2026, 3, 3), "走访", "张所长", None), ("赵军", date(2016, 1, 1), "回访", "王干事", "正常"),
        ]:
            s.add(Visit(office_id=ctx.office_id, person_id=ids[name], visit_date=day, visit_type=kind, staff=staff,
                        content=content))
        _case(s, ctx, 2025, 1, "", date(2025, 3, 1), "邻里", "当事人申请", None, ["甲某", "乙某"], ["丙某"], ["陈一", "刘二"],
              "成功", date(2025, 3, 9), "书面", Decimal("12000.50"), "已履行", date(2025, 4, 1),
              [date(2025, 4, 10), date(2025, 5, 10)], prevent_criminal=2, summary="宅前排水纠纷")
        _case(s, ctx, 2025, 2, "城关", date(2025, 6, 1), "婚姻家庭", "委托移送", "法院", ["丁某"], ["戊某"], ["陈一"],
              "不成功", date(2025, 6, 20), None, None, None, None, [], prevent_suicide=1)
        _case(s, ctx, 2026, 1, "", date(2026, 11, 1), "合同", "主动调解", None, ["某某建筑公司"], ["己某", "庚某"],
              ["刘二", "陈一"], "调解中", None, None, None, None, None, [])
    return ids


def _case(s, ctx, year, seq, prefix, accepted, kind, source, organ, applicants, respondents, mediators, result,
          concluded, form, amount, performance, confirmed, followups, summary=None, **prevent):
    case = MediationCase(office_id=ctx.office_id, year=year, seq=seq, number_prefix=prefix, acceptance_date=accepted,
                         source=source, referring_organ=organ, dispute_type=kind, summary=summary, result=result,
                         concluded_date=concluded, agreement_form=form, agreement_amount=amount,
                         agreement_date=concluded if result == "成功" else None, performance_status=performance,
                         judicial_confirm_date=confirmed, **prevent)
    s.add(case)
    s.flush()
    order = 0
    for role, names in (("申请人", applicants), ("被申请人", respondents)):
        for name in names:
            s.add(MediationParty(case_id=case.id, sort_order=order, role=role, name=name))
            order += 1
    for index, name in enumerate(mediators):
        s.add(MediationMediator(case_id=case.id, sort_order=index, name=name))
    for day in followups:
        s.add(MediationFollowup(case_id=case.id, followup_date=day))


def counts(ctx) -> dict[str, int]:
    """Rows in every table (the database is unchanged when these are)."""
    with ctx.reading() as s:
        return {name: s.execute(text(f'SELECT count(*) FROM "{name}"')).scalar() for name in Base.metadata.tables}


def snapshot(ctx) -> dict:
    """Persons, terms, history, visits and cases in a form two offices can be compared by."""
    day = ctx.today()
    with ctx.reading() as s:
        people = {}
        for p, village in s.execute(select(Person, Village.name).outerjoin(Village, Village.id == Person.village_id)
                                    .where(Person.office_id == ctx.office_id)):
            people[p.id] = p.id_number
            key = p.id_number
            people[key] = dict(name=p.name, sex=p.sex, birth=p.birth_date, ethnicity=p.ethnicity, education=p.education,
                               household=p.household_address, residence=p.residence_address, phone=p.phone,
                               notes=p.notes, village=village, initials=p.name_initials, terms=[], reoffenses=[],
                               flags=[])
        categories = defaultdict(list)
        for c in s.scalars(select(CategoryChange)):
            categories[c.term_id].append(c)
        placements = defaultdict(list)
        for pl in s.scalars(select(Placement)):
            placements[pl.term_id].append((pl.placement_date, pl.method))
        for t in s.scalars(select(AftercareTerm).where(AftercareTerm.office_id == ctx.office_id)
                           .order_by(AftercareTerm.release_date)):
            last = min(day, t.end_date)
            current = max((c for c in categories[t.id] if c.effective_date <= last), key=lambda c: c.effective_date)
            people[people[t.person_id]]["terms"].append(dict(
                source=t.source, release=t.release_date, transfer=t.transfer_in_date, start=t.register_start,
                expiry=t.expiry, end=t.end_date, removal=t.removal_date, reason=t.removal_reason,
                handover=t.handover_date, method=t.handover_method, agreement=t.agreement_date, charge=t.charge,
                sentence=t.original_sentence, category=current.category, category_reason=current.reason,
                placements=sorted(placements[t.id])))
        for r in s.scalars(select(Reoffense)):
            people[people[r.person_id]]["reoffenses"].append((r.offense_date, r.kind))
        for f in s.scalars(select(FlagPeriod)):
            if f.start_date <= day and (f.end_date is None or f.end_date > day):
                people[people[f.person_id]]["flags"].append(f.flag)
        visits = sorted((people[v.person_id], v.visit_date, v.visit_type, v.staff, visit_text(v))
                        for v in s.scalars(select(Visit).where(Visit.office_id == ctx.office_id)))
        cases = []
        for c in s.scalars(select(MediationCase).where(MediationCase.office_id == ctx.office_id)
                           .order_by(MediationCase.year, MediationCase.seq)):
            parties = [(p.role, p.name) for p in s.scalars(select(MediationParty).where(MediationParty.case_id == c.id)
                                                            .order_by(MediationParty.sort_order))]
            mediators = list(s.scalars(select(MediationMediator.name).where(MediationMediator.case_id == c.id)
                                       .order_by(MediationMediator.sort_order)))
            followups = sorted(s.scalars(select(MediationFollowup.followup_date)
                                         .where(MediationFollowup.case_id == c.id)))
            cases.append(dict(number=(c.number_prefix, c.year, c.seq), accepted=c.acceptance_date, source=c.source,
                              organ=c.referring_organ, type=c.dispute_type, summary=c.summary, result=c.result,
                              concluded=c.concluded_date, form=c.agreement_form, amount=c.agreement_amount,
                              performance=c.performance_status, confirmed=c.judicial_confirm_date,
                              prevent=(c.prevent_criminal, c.prevent_petition, c.prevent_fight, c.prevent_suicide),
                              parties=parties, mediators=mediators, followups=followups))
    for value in people.values():
        if isinstance(value, dict):
            value["reoffenses"].sort()
            value["flags"].sort()
    return {"persons": {k: v for k, v in people.items() if isinstance(v, dict)}, "visits": visits, "cases": cases}


def person_count(ctx) -> int:
    with ctx.reading() as s:
        return s.scalar(select(func.count()).select_from(Person))
