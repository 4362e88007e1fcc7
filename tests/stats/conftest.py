"""Scenarios shared by the report tests: the 7号表 people and the mediation cases of 2026 H1.

The hand-computed expectations live beside the tests that use them.
"""

from datetime import date

import pytest

from stats.factories import Factory

S, E = date(2026, 1, 1), date(2026, 6, 30)
D = date


@pytest.fixture
def scenario(ctx):
    f = Factory(ctx)
    v = f.village("南关村", 1)
    p = {}
    # A: released S-1 (on register S-1), 重点, handed over in P, two placements, visits before/in P.
    p["A"] = a = f.person("甲", village_id=v)
    ta = f.term(a, D(2025, 12, 31), category="重点", handover=D(2026, 1, 2), method="必接必送",
                agreement=D(2026, 1, 15))
    f.placement(ta, D(2026, 1, 10), "03")
    f.placement(ta, D(2026, 5, 1), "04")
    f.flag(a, "three_nos", D(2026, 7, 1))                       # starts after E
    f.visit(a, D(2025, 12, 31))                                  # before S
    f.visit(a, D(2026, 3, 1))
    f.visit(a, D(2026, 6, 30), "家访")                           # on E
    f.reoffense(a, D(2026, 7, 1))                                # after E
    # B: released on S, 重点, 必接必送 on S, visit on register_start, three_nos, 18 on E.
    p["B"] = b = f.person("乙", birth=D(2008, 6, 30))
    tb = f.term(b, S, category="重点", handover=S, method="必接必送", agreement=D(2026, 7, 1))
    f.placement(tb, D(2026, 7, 1), "01")                         # after E
    f.flag(b, "three_nos", S)
    f.visit(b, S)
    f.reoffense(b, D(2026, 2, 2), deleted=True)
    # C: released from 看守所 on E, minor on E, handed over after E; deleted placement and category change.
    p["C"] = c = f.person("丙", birth=D(2008, 7, 1))
    tc = f.term(c, E, source="看守所刑满释放", handover=D(2026, 7, 1), method="家属接回")
    f.placement(tc, D(2026, 6, 30), "01", deleted=True)
    f.category(tc, E, "重点", deleted=True)
    f.visit(c, D(2026, 6, 29))                                   # before its register start
    f.reoffense(c, D(2026, 6, 1), "违法")                        # before its register start
    # D: term expiring on S, reoffense on its end day.
    p["D"] = d = f.person("丁")
    f.term(d, D(2021, 1, 1))
    f.reoffense(d, S, "犯罪")
    # E_: term expiring on E.
    p["E"] = f.person("戊")
    f.term(p["E"], D(2021, 6, 30))
    # F: term expiring on E+1; category 重点 only after E; placement 99 long ago; mismatch ended on E.
    p["F"] = f_ = f.person("己")
    tf = f.term(f_, D(2021, 7, 1), agreement=D(2021, 8, 1))
    f.category(tf, D(2026, 7, 1), "重点")
    f.placement(tf, D(2025, 1, 1), "99")
    f.flag(f_, "residence_mismatch", D(2025, 1, 1), E)
    f.reoffense(f_, D(2026, 3, 3), "违法")
    f.visit(f_, D(2026, 2, 2), deleted=True)
    # H: 外地迁入 on 2026-03-15, woman, 重点, placed 01, mismatch open over E.
    p["H"] = h = f.person("庚", sex="女")
    th = f.term(h, D(2024, 3, 1), source="外地迁入", transfer_in=D(2026, 3, 15), category="重点")
    f.placement(th, D(2026, 4, 1), "01")
    f.flag(h, "residence_mismatch", D(2026, 3, 15), D(2026, 7, 1))
    f.visit(h, D(2026, 3, 14))                                   # before the transfer-in
    f.visit(h, D(2026, 3, 15))
    # Removals of each reason inside P; I has a visit while on the register and one on its end day.
    p["I"] = i = f.person("辛")
    f.term(i, D(2023, 1, 1), removal=D(2026, 2, 1), reason="死亡")
    f.visit(i, D(2026, 1, 15))
    f.visit(i, D(2026, 2, 1))
    p["J"] = f.person("壬")
    f.term(p["J"], D(2023, 1, 1), removal=D(2026, 3, 1), reason="迁出")
    p["K"] = k = f.person("癸")
    f.term(k, D(2023, 1, 1), removal=D(2026, 4, 1), reason="重新违法犯罪收监")
    f.reoffense(k, D(2026, 4, 1), "犯罪")                        # on the end day
    f.reoffense(k, D(2026, 2, 1), "违法")
    p["L"] = f.person("子")
    f.term(p["L"], D(2023, 1, 1), removal=D(2026, 5, 1), reason="其他")
    # M: removed after E.
    p["M"] = f.person("丑")
    f.term(p["M"], D(2023, 1, 1), removal=D(2026, 7, 1), reason="迁出")
    # N: removed on S-1, with an offence that day: nowhere.
    p["N"] = n = f.person("寅")
    f.term(n, D(2023, 1, 1), removal=D(2025, 12, 31), reason="死亡")
    f.reoffense(n, D(2025, 12, 31), "违法")
    # O: 解除社区矫正 in P, handed over.
    p["O"] = f.person("卯")
    f.term(p["O"], D(2026, 2, 10), source="解除社区矫正", handover=D(2026, 2, 12), method="自行报到")
    # Never counted: deleted person, deleted term, another office's person.
    gone = f.person("删除人", deleted=True)
    f.term(gone, D(2026, 2, 1))
    f.visit(gone, D(2026, 2, 3))
    kept = f.person("删档期")
    f.term(kept, D(2026, 2, 1), deleted=True)
    other_office = f.office("410101002", "邻镇司法所")
    stranger = f.person("外所人", office_id=other_office)
    f.term(stranger, D(2026, 2, 1), office_id=other_office)
    return {"people": p, "other_office": other_office}


@pytest.fixture
def cases(ctx):
    f = Factory(ctx)
    c = {}
    c[1] = f.case(S, dispute_type="婚姻家庭", result="成功", concluded=D(2026, 1, 20), form="书面", amount=12345.67,
                  performance="已履行", confirmed=D(2026, 2, 1), prevent_criminal=3)
    c[2] = f.case(D(2025, 12, 31), source="主动调解", result="成功", concluded=D(2026, 1, 5), form="口头",
                  amount=5000, performance="部分履行", prevent_petition=12, prevent_suicide=1)
    c[3] = f.case(E, dispute_type="合同", source="委托移送")
    c[4] = f.case(D(2026, 3, 1), result="不成功", concluded=D(2026, 3, 20))
    c[5] = f.case(D(2026, 6, 1), dispute_type="损害赔偿", result="成功", concluded=D(2026, 7, 1), form="书面",
                  amount=100000)
    c[6] = f.case(D(2026, 2, 1), result="成功", concluded=E, form="书面", amount=0.05, performance="已履行",
                  confirmed=D(2026, 7, 5), prevent_fight=20)
    c[7] = f.case(D(2026, 2, 1), result="成功", concluded=D(2026, 2, 10), form="书面", amount=800, deleted=True)
    c[8] = f.case(D(2025, 6, 1), result="不成功", concluded=D(2025, 12, 31))
    c[9] = f.case(D(2025, 11, 1), result="成功", concluded=D(2025, 12, 1), form="书面", confirmed=D(2026, 1, 10))
    f.followup(c[1], D(2026, 2, 15))
    f.followup(c[1], E)
    f.followup(c[2], D(2026, 7, 1))
    f.followup(c[9], D(2025, 12, 31))
    f.followup(c[6], E, deleted=True)
    f.followup(c[7], D(2026, 3, 1))
    return c
