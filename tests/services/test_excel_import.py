"""导入Excel: every row checked with the form rules; any error imports nothing (unless only the
valid rows are wanted); persons on file are never duplicated; one transaction, cancel included."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from sifasuo_desktop.core.errors import Cancelled, UserError
from sifasuo_desktop.db.models import AftercareTerm, AuditLog, CategoryChange, FlagPeriod, Person, Placement, Visit
from sifasuo_desktop.reports.excel.columns import SHEETS
from sifasuo_desktop.reports.excel.reader import ExcelFileError
from sifasuo_desktop.services import persons
from sifasuo_desktop.services.excel_import import import_excel
from tests.excel_files import id_number, record, titles, xlsx

A = id_number("19900307", "123")          # 男
B = id_number("19851212", "246")          # 女
C = id_number("19700101", "135")


def person(**values):
    base = dict(name="张三", id_number=A, village="东街社区", source="监狱刑满释放", release_date="2024-03-01",
                category="一般")
    return record("roster", **{**base, **values})


def visit(**values):
    return record("visits", **{**dict(id_number=A, visit_date="2024-05-01", visit_type="家访"), **values})


def case(**values):
    base = dict(acceptance_date="2025-03-01", dispute_type="邻里", source="当事人申请", applicants="甲某",
                respondents="乙某", mediators="陈一", result="调解中")
    return record("mediation", **{**base, **values})


def book(roster=(), visits=None, mediation=None) -> bytes:
    sheets = {"安置帮教对象": [titles("roster"), *roster]} if roster else {}
    if visits is not None:
        sheets["走访记录"] = [titles("visits"), *visits]
    if mediation is not None:
        sheets["人民调解台账"] = [titles("mediation"), *mediation]
    return xlsx(sheets)


def errors(result) -> list[tuple]:
    return [(i.sheet, i.row, i.column, i.value, i.reason) for i in result.errors]


def test_a_good_file_creates_persons_terms_history_visits_cases(ctx):
    data = book([person(category="重点", category_reason="暴力犯罪", residence_mismatch="是", three_nos="否",
                        placement_method="灵活就业(务工)", placement_date="2024-04-01", handover_date="2024-03-02",
                        handover_method="必接必送", ethnicity="汉", phone=13800000000),
                 person(name="李四", id_number=B, village="南关村", source="外地迁入", release_date="2023-01-01",
                        transfer_in_date="2024-01-05", removal_date="2025-01-01", removal_reason="迁出")],
                [visit(), visit(id_number=B, visit_type="电话", staff="王干事", content="电话了解")],
                [case(number="城关〔2025〕第7号", result="成功", concluded_date="2025-03-09", agreement_form="口头")])
    result = import_excel(ctx, data, file_name="台账.xlsx")
    assert result.imported and result.errors == []
    assert (result.persons_created, result.terms_created, result.visits_created, result.cases_created) == (2, 2, 2, 1)
    assert result.villages_created == ("南关村",)                        # 东街社区 exists already
    with ctx.reading() as s:
        zhang = s.scalar(select(Person).where(Person.id_number == A))
        assert (zhang.sex, zhang.birth_date, zhang.ethnicity, zhang.phone, zhang.name_initials) == (
            "男", date(1990, 3, 7), "01", "13800000000", "zs")
        term = s.scalar(select(AftercareTerm).where(AftercareTerm.person_id == zhang.id))
        assert (term.register_start, term.expiry, term.end_date, term.handover_method) == (
            date(2024, 3, 1), date(2029, 3, 1), date(2029, 3, 1), "必接必送")
        assert s.execute(select(CategoryChange.effective_date, CategoryChange.category, CategoryChange.reason)
                         .where(CategoryChange.term_id == term.id)).all() == [(date(2024, 3, 1), "重点", "暴力犯罪")]
        assert s.execute(select(FlagPeriod.flag, FlagPeriod.start_date, FlagPeriod.end_date)
                         .where(FlagPeriod.person_id == zhang.id)).all() == [("residence_mismatch", date(2024, 3, 1), None)]
        assert s.execute(select(Placement.method, Placement.placement_date)).all() == [("03", date(2024, 4, 1))]
        li = s.scalar(select(AftercareTerm).join(Person).where(Person.id_number == B))
        assert (li.register_start, li.end_date, li.removal_reason) == (date(2024, 1, 5), date(2025, 1, 1), "迁出")
        summary = s.scalars(select(AuditLog.summary).where(AuditLog.action == "导入")).all()
        assert len(summary) == 1 and summary[0].startswith("导入Excel 台账.xlsx：已导入：新建人员 2 人")
        created = s.execute(select(AuditLog.table_name, AuditLog.after).where(AuditLog.action == "新增",
                                                                               AuditLog.table_name == "person")).all()
        assert sorted(json.loads(after)["name"] for _, after in created) == ["张三", "李四"]
        assert s.scalar(select(AuditLog.summary).where(AuditLog.table_name == "mediation_case")) == \
            "导入人民调解案件 城关〔2025〕第7号"


def test_persons_are_created_with_the_person_service_rules(ctx):
    """What the bulk path writes equals what ``persons.create_person`` writes for the same input."""
    import_excel(ctx, book([person(category="重点", three_nos="是")]))
    village_id = _value(ctx, select(Person.village_id))
    other = persons.create_person(ctx, persons.PersonInput(name="张三", id_number=C, village_id=village_id),
                                  aftercare=[persons.AftercareInput(source="监狱刑满释放", release_date=date(2024, 3, 1),
                                                                    category="重点")],
                                  history=[persons.FlagInput("three_nos", date(2024, 3, 1))])
    skip = {"id", "id_number", "birth_date", "created_at", "updated_at", "person_id", "term_id"}
    with ctx.reading() as s:
        for model in (Person, AftercareTerm, CategoryChange, FlagPeriod):
            imported, manual = _pair(s, model, other)
            cols = [c.key for c in model.__mapper__.column_attrs if c.key not in skip]
            assert {k: getattr(imported, k) for k in cols} == {k: getattr(manual, k) for k in cols}, model


def _value(ctx, query):
    with ctx.reading() as s:
        return s.scalar(query)


def _pair(s, model, manual_person):
    """(the imported row, the row create_person wrote) of ``model``."""
    owner = {Person: Person.id, AftercareTerm: AftercareTerm.person_id, FlagPeriod: FlagPeriod.person_id}
    if model is CategoryChange:
        rows = s.execute(select(CategoryChange, AftercareTerm.person_id)
                         .join(AftercareTerm, AftercareTerm.id == CategoryChange.term_id)).all()
    else:
        rows = s.execute(select(model, owner[model])).all()
    manual = next(r for r, pid in rows if pid == manual_person)
    imported = next(r for r, pid in rows if pid != manual_person)
    return imported, manual


# --- files with errors: each gives its message and the database is unchanged ----------------

from tests.excel_data import counts  # noqa: E402


@pytest.mark.parametrize(("rows", "where", "words"), [
    ([person(id_number="410101199003071235")], ("安置帮教对象", 2, "公民身份号码*"), "校验位错误"),
    ([person(id_number="41010119900307")], ("安置帮教对象", 2, "公民身份号码*"), "应为18位"),
    ([person(sex="女")], ("安置帮教对象", 2, "性别"), "性别与公民身份号码不符"),
    ([person(birth_date="1990-03-08")], ("安置帮教对象", 2, "出生日期"), "出生日期与公民身份号码不符"),
    ([person(source="劳教释放")], ("安置帮教对象", 2, "来源*"), "来源应为"),
    ([person(category="特殊")], ("安置帮教对象", 2, "帮教类别*"), "帮教类别应为重点或一般"),
    ([person(ethnicity="火星族")], ("安置帮教对象", 2, "民族"), "未知的民族"),
    ([person(education="博士后")], ("安置帮教对象", 2, "文化程度"), "文化程度应为"),
    ([person(placement_method="12", placement_date="2024-04-01")], ("安置帮教对象", 2, "安置方式"), "未知的安置方式"),
    ([person(handover_method="快递")], ("安置帮教对象", 2, "衔接方式"), "衔接方式应为"),
    ([person(source="外地迁入")], ("安置帮教对象", 2, "迁入日期"), "须填写迁入日期"),
    ([person(source="外地迁入", transfer_in_date="2024-02-01")], ("安置帮教对象", 2, "迁入日期"), "迁入日期不能早于释放日期"),
    ([person(removal_date="2024-02-01", removal_reason="死亡")], ("安置帮教对象", 2, "减少日期"), "减少日期不能早于列管日期"),
    ([person(source="外地迁入", transfer_in_date="2024-06-01", removal_date="2024-05-01", removal_reason="迁出")],
     ("安置帮教对象", 2, "减少日期"), "减少日期不能早于列管日期"),
    ([person(removal_date="2025-02-01")], ("安置帮教对象", 2, "减少原因"), "须选择减少原因"),
    ([person(removal_reason="死亡")], ("安置帮教对象", 2, "减少日期"), "须填写减少日期"),
    ([person(handover_date="2024-02-28")], ("安置帮教对象", 2, "衔接日期"), "衔接日期不能早于释放日期"),
    ([person(release_date="2026-11-25")], ("安置帮教对象", 2, "释放日期*"), "不能晚于今天"),
    ([person(placement_method="03")], ("安置帮教对象", 2, "安置日期"), "须填写安置日期"),
    ([person(reoffense_date="2025-01-01")], ("安置帮教对象", 2, "重新违法犯罪类别"), "须填写类别"),
    ([person(reoffense_date="2023-01-01", reoffense_kind="犯罪")], ("安置帮教对象", 2, "重新违法犯罪日期"),
     "不能早于释放日期"),
    ([person(name=None)], ("安置帮教对象", 2, "姓名*"), "“姓名*”必须填写"),
    ([person(), person(name="张三丰")], ("安置帮教对象", 3, "姓名*"), "与第2行公民身份号码相同，但姓名不同"),
    ([person(), person()], ("安置帮教对象", 3, "释放日期*"), "与第2行重复"),
    ([person(), person(release_date="2026-01-01")], ("安置帮教对象", 3, "释放日期*"), "与第2行的帮教期重叠"),
])
def test_bad_roster_rows(ctx, rows, where, words):
    before = counts(ctx)
    result = import_excel(ctx, book(rows))
    assert not result.imported
    found = [e for e in errors(result) if e[:3] == where]
    assert found and words in found[0][4], errors(result)
    assert counts(ctx) == before
    assert "未导入任何数据" in result.summary()


@pytest.mark.parametrize(("visits", "mediation", "where", "words"), [
    ([visit(id_number=C)], None, ("走访记录", 2, "公民身份号码*"), "都没有该公民身份号码的人员"),
    ([visit(id_number="123")], None, ("走访记录", 2, "公民身份号码*"), "应为18位"),
    ([visit(visit_type="微信")], None, ("走访记录", 2, "方式*"), "方式应为"),
    ([visit(visit_date="2027-01-01")], None, ("走访记录", 2, "走访日期*"), "不能晚于今天"),
    (None, [case(dispute_type="吵架")], ("人民调解台账", 2, "纠纷类型*"), "纠纷类型应为"),
    (None, [case(source="网上")], ("人民调解台账", 2, "案件来源*"), "案件来源应为"),
    (None, [case(source="委托移送(居委会)")], ("人民调解台账", 2, "案件来源*"), "案件来源应为"),
    (None, [case(result="成功", agreement_form="书面")], ("人民调解台账", 2, "结案日期"), "请填写结案日期"),
    (None, [case(concluded_date="2025-03-05")], ("人民调解台账", 2, "结案日期"), "调解中的案件不能填写结案日期"),
    (None, [case(result="成功", concluded_date="2025-02-01", agreement_form="书面")], ("人民调解台账", 2, "结案日期"),
     "结案日期不能早于受理日期"),
    (None, [case(result="成功", concluded_date="2025-03-09")], ("人民调解台账", 2, "协议形式"), "请选择协议形式"),
    (None, [case(acceptance_date="2026-12-01")], ("人民调解台账", 2, "受理日期*"), "受理日期不能晚于今天"),
    (None, [case(result="不成功", concluded_date="2025-03-09", agreement_amount=100)], ("人民调解台账", 2, "协议金额(元)"),
     "不能填写协议金额"),
    (None, [case(result="不成功", concluded_date="2025-03-09", followup_dates="2025-03-20")],
     ("人民调解台账", 2, "回访日期"), "只有调解成功的案件需要回访"),
    (None, [case(result="成功", concluded_date="2025-03-09", agreement_form="书面", judicial_confirm_date="2025-03-08")],
     ("人民调解台账", 2, "司法确认日期"), "不能早于结案日期"),
    (None, [case(result="成功", concluded_date="2025-03-09", agreement_form="书面", followup_dates="2025-03-05")],
     ("人民调解台账", 2, "回访日期"), "回访日期2025-03-05：回访日期不能早于协议日期（2025-03-09）"),
    (None, [case(number="第七号")], ("人民调解台账", 2, "编号"), "编号格式应为"),
    (None, [case(number="〔2025〕第3号"), case(number="〔2025〕3号")], ("人民调解台账", 3, "编号"), "与第2行编号重复"),
    (None, [case(applicants=None)], ("人民调解台账", 2, "申请人*"), "必须填写"),
])
def test_bad_visit_and_mediation_rows(ctx, visits, mediation, where, words):
    before = counts(ctx)
    result = import_excel(ctx, book([person()], visits, mediation))
    assert not result.imported
    found = [e for e in errors(result) if e[:3] == where]
    assert found and words in found[0][4], errors(result)
    assert counts(ctx) == before


REQUIRED = [(spec.kind, c.title) for spec in SHEETS.values() for c in spec.columns if c.required]


@pytest.mark.parametrize(("kind", "title"), REQUIRED)
def test_every_required_column_missing_in_turn(ctx, kind, title):
    rows = {"roster": person(), "visits": visit(), "mediation": case()}
    headers = titles(kind)
    drop = headers.index(title)
    row = rows[kind]
    data = xlsx({SHEETS[kind].name: [headers[:drop] + headers[drop + 1:], row[:drop] + row[drop + 1:]]})
    before = counts(ctx)
    result = import_excel(ctx, data)
    assert errors(result) == [(SHEETS[kind].name, 1, title, "", f"缺少必填列“{title}”")]
    assert not result.imported and counts(ctx) == before


@pytest.mark.parametrize(("data", "words"), [
    (b"", "文件是空的"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000), "旧版 Excel（.xls）"),
    ("姓名,公民身份号码,所属村(社区)\n张三,410101199003071234,东街社区\n".encode("gbk"), "CSV 或文本文件"),
    (xlsx({"Sheet1": [titles("roster"), person()]}), "没有可导入的工作表"),
])
def test_files_that_are_not_import_workbooks(ctx, data, words):
    before = counts(ctx)
    with pytest.raises(ExcelFileError, match=words):
        import_excel(ctx, data)
    assert counts(ctx) == before


def test_headers_only_is_no_data(ctx):
    with pytest.raises(UserError, match="没有数据"):
        import_excel(ctx, book(visits=[]))


# --- valid rows only -------------------------------------------------------------------------

def test_valid_only_imports_the_good_rows_and_lists_the_bad(ctx):
    data = book([person(), person(name="李四", id_number=B, category="特殊"),
                 person(name="王五", id_number=C, release_date="2015-01-01"),
                 person(name="王五", id_number=C, release_date="2024-01-01", handover_date="2023-01-01")],
                [visit(), visit(id_number=B), visit(id_number=C)])
    result = import_excel(ctx, data, valid_only=True)
    assert result.imported and (result.persons_created, result.visits_created) == (1, 1)
    assert {(e[0], e[1]) for e in errors(result)} == {("安置帮教对象", 3), ("安置帮教对象", 5), ("走访记录", 3),
                                                      ("走访记录", 4)}
    visit_reasons = {e[1]: e[4] for e in errors(result) if e[0] == "走访记录"}
    assert "第3行有错误" in visit_reasons[3] and "第5行有错误" in visit_reasons[4]
    notice = [i for i in result.issues if i.level == "提示" and i.row == 4]
    assert notice and "同一人员的第5行有错误" in notice[0].reason       # 王五 as a whole is left out
    assert "有 4 行有错误，未导入" in result.summary()
    with ctx.reading() as s:
        assert s.scalars(select(Person.name)).all() == ["张三"]


# --- persons already on file -----------------------------------------------------------------

def test_existing_person_is_reported_never_duplicated(ctx):
    import_excel(ctx, book([person(phone="1")]))
    before = counts(ctx)
    result = import_excel(ctx, book([person(phone="2")], [visit()]))
    assert result.errors == [] and result.persons_existing == 1 and result.visits_created == 1
    (notice,) = [i for i in result.issues if i.sheet == "安置帮教对象"]
    assert "系统中已有该人员的档案（张三），未导入" in notice.reason
    after = counts(ctx)
    assert after["person"] == before["person"] and after["visit"] == before["visit"] + 1
    with ctx.reading() as s:
        assert s.scalar(select(Person.phone)) == "1"


def test_update_changes_fields_and_adds_history_rows(ctx):
    import_excel(ctx, book([person(phone="1", residence_mismatch="是", household_address="旧址")]))
    result = import_excel(ctx, book([
        person(phone="2", village="南关村", category="重点", category_reason="再犯风险", residence_mismatch="否",
               three_nos="是", placement_method="01", placement_date="2024-06-01", handover_date="2024-03-05"),
        person(release_date="2012-01-01", removal_date="2013-01-01", removal_reason="其他"),
    ]), update=True)
    assert result.errors == [] and result.persons_updated == 1 and result.terms_created == 1
    assert result.villages_created == ("南关村",)
    with ctx.reading() as s:
        p = s.scalar(select(Person))
        assert (p.phone, p.household_address) == ("2", "旧址")         # an empty cell keeps what is stored
        terms = s.scalars(select(AftercareTerm).order_by(AftercareTerm.release_date)).all()
        assert [t.release_date for t in terms] == [date(2012, 1, 1), date(2024, 3, 1)]
        assert terms[1].handover_date == date(2024, 3, 5)
        changes = s.execute(select(CategoryChange.effective_date, CategoryChange.category)
                            .where(CategoryChange.term_id == terms[1].id)
                            .order_by(CategoryChange.effective_date)).all()
        assert changes == [(date(2024, 3, 1), "一般"), (date(2026, 11, 24), "重点")]
        flags = s.execute(select(FlagPeriod.flag, FlagPeriod.start_date, FlagPeriod.end_date, FlagPeriod.deleted_at.is_(None))
                          .order_by(FlagPeriod.flag, FlagPeriod.created_at)).all()
        assert [f[:3] for f in flags if f[3]] == [("residence_mismatch", date(2024, 3, 1), date(2026, 11, 24)),
                                                   ("three_nos", date(2026, 11, 24), None)]
        assert s.execute(select(Placement.method)).scalars().all() == ["01"]
    again = import_excel(ctx, book([person(phone="2", village="南关村", category="重点", residence_mismatch="否",
                                           three_nos="是", placement_method="01", placement_date="2024-06-01")]),
                         update=True)
    assert again.persons_updated == 0 and not again.imported         # nothing new: nothing written


def test_update_refuses_a_term_overlapping_a_stored_one(ctx):
    import_excel(ctx, book([person()]))
    before = counts(ctx)
    result = import_excel(ctx, book([person(release_date="2025-01-01")]), update=True)
    assert [e[1:3] for e in errors(result)] == [(2, "释放日期*")] and "重叠" in errors(result)[0][4]
    assert counts(ctx) == before


def test_person_in_the_recycle_bin_is_an_error(ctx):
    import_excel(ctx, book([person()]))
    with ctx.reading() as s:
        persons.delete_person(ctx, s.scalar(select(Person.id)))
    result = import_excel(ctx, book([person()], [visit()]), update=True)
    reasons = [e[4] for e in errors(result)]
    assert any("在回收站中" in r for r in reasons) and len(reasons) == 2


# --- duplicates of stored visits and cases, numbering -----------------------------------------

def test_stored_visits_and_cases_are_skipped_and_numbers_continue(ctx):
    import_excel(ctx, book([person()], [visit()], [case(number="〔2025〕第3号"), case(applicants="丁某")]))
    result = import_excel(ctx, book(visits=[visit(), visit(), visit(visit_date="2024-06-01")],
                                    mediation=[case(number="〔2025〕第3号"), case(applicants="丁某"),
                                               case(applicants="戊某"), case(acceptance_date="2026-01-05")]))
    assert (result.visits_created, result.cases_created) == (1, 2)
    reasons = [(i.sheet, i.row, i.reason) for i in result.issues]
    assert ("走访记录", 2, "与系统中已有的走访记录相同，已跳过") in reasons
    assert ("走访记录", 3, "与第2行相同，已跳过") not in reasons                      # row 2 itself was skipped
    assert ("人民调解台账", 2, "系统中已有该编号的案件，未导入") in reasons
    from sifasuo_desktop.db.models import MediationCase

    with ctx.reading() as s:
        numbers = s.execute(select(MediationCase.year, MediationCase.seq).order_by(MediationCase.year,
                                                                                   MediationCase.seq)).all()
    assert numbers == [(2025, 3), (2025, 4), (2025, 5), (2026, 1)]


# --- one transaction: cancel leaves nothing ---------------------------------------------------

def test_cancel_while_writing_rolls_everything_back(ctx):
    rows = [person(name=f"人员{i}", id_number=id_number("19800101", f"{i:03d}")) for i in range(1, 400)]
    visits = [visit(id_number=id_number("19800101", "001"), visit_date=date.fromordinal(739000 + i))
              for i in range(600)]
    data = book(rows, visits, [case()])
    before = counts(ctx)
    calls = []

    def progress(done, total, message):
        calls.append(message)
        if message.startswith("写入走访"):
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_excel(ctx, data, progress=progress)
    assert "写入数据库" in calls and calls[-1] == "写入走访记录"     # persons and 500 visits were written
    assert counts(ctx) == before


def test_cancel_while_checking(ctx):
    before = counts(ctx)

    def progress(done, total, message):
        if message == "检查数据":
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_excel(ctx, book([person()]), progress=progress)
    assert counts(ctx) == before


def test_progress_reaches_the_end(ctx):
    seen = []
    import_excel(ctx, book([person()], [visit()]), progress=lambda d, t, m: seen.append((d, t, m)))
    assert seen[0] == (0, 4, "检查数据") and seen[-1] == (4, 4, "完成")
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)
    with ctx.reading() as s:
        assert s.scalar(select(Visit.visit_type)) == "家访"
