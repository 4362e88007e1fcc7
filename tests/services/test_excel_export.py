"""Excel out: 花名册, 未衔接人员, 走访记录, 人民调解台账, opened again with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from sifasuo_desktop.core.errors import PermissionDenied, UserError
from sifasuo_desktop.db.models import AuditLog
from sifasuo_desktop.domain.idnumber import compose, mask
from sifasuo_desktop.reports.excel.reader import Issue
from sifasuo_desktop.services import auth, office, persons
from sifasuo_desktop.services.excel_export import ListOptions, export_list, issues_workbook, template
from sifasuo_desktop.services.excel_import import import_excel
from tests.excel_data import CHEN, ZHANG, ZHAO, fill_demo
from tests.excel_files import open_book, titles


def sheet_rows(data: bytes, sheet: str | None = None) -> list[tuple]:
    book = open_book(data)
    ws = book[sheet] if sheet else book.worksheets[0]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def as_dicts(data: bytes) -> list[dict]:
    title, headers, *rows = sheet_rows(data)
    return [dict(zip(headers, r)) for r in rows]


@pytest.fixture
def demo(ctx):
    fill_demo(ctx)
    return ctx


def staff(ctx):
    auth.create_user(ctx, username="clerk", display_name="小王", password="clerk123", role="工作人员")
    return ctx.as_user(auth.sign_in(ctx, "clerk", "clerk123"))


def test_roster_default_is_the_register_today_with_masked_numbers(demo):
    data = export_list(demo, "roster")
    title, headers, *rows = sheet_rows(data)
    assert title[0].startswith("测试镇司法所 花名册") and "2026-11-24" in title[0]
    assert list(headers) == titles("roster")
    people = as_dicts(data)
    # on the register on 2026-11-24: 李芳 expired 2025-02-28, 王强 moved away 2025-08-01
    assert [p["姓名*"] for p in people] == ["陈静", "张伟", "赵军"]         # 东街社区 by pinyin
    assert [p["公民身份号码*"] for p in people] == [mask(CHEN), mask(ZHANG), mask(ZHAO)]
    zhang = people[1]
    assert (zhang["性别"], zhang["民族"], zhang["所属村(社区)*"], zhang["来源*"]) == ("男", "汉族", "东街社区", "监狱刑满释放")
    assert zhang["释放日期*"] == datetime(2024, 3, 1) and zhang["帮教类别*"] == "重点" and zhang["重点原因"] == "暴力犯罪"
    assert (zhang["人户分离"], zhang["三无人员"]) == ("是", "否")
    assert (zhang["安置方式"], zhang["安置日期"]) == ("灵活就业(务工)", datetime(2024, 5, 1))
    chen = people[0]
    assert (chen["重新违法犯罪日期"], chen["重新违法犯罪类别"]) == (datetime(2026, 6, 1), "违法")
    help_rows = sheet_rows(data, "说明")
    assert any("已部分遮蔽" in (r[0] or "") for r in help_rows)
    with demo.reading() as s:
        assert s.scalar(select(AuditLog.summary).where(AuditLog.action == "导出")) == "导出花名册 3 条（公民身份号码已遮蔽）"


def test_masked_roster_cannot_be_imported(demo):
    result = import_excel(demo, export_list(demo, "roster"))
    assert not result.imported and {i.column for i in result.errors} == {"公民身份号码*"}


def test_full_numbers_only_for_administrators(demo):
    with pytest.raises(PermissionDenied, match="只有管理员可以查看完整的公民身份号码"):
        export_list(staff(demo), "roster", ListOptions(full_id=True))
    people = as_dicts(export_list(demo, "roster", ListOptions(full_id=True)))
    assert [p["公民身份号码*"] for p in people] == [CHEN, ZHANG, ZHAO]
    with demo.reading() as s:
        assert s.scalars(select(AuditLog.summary).where(AuditLog.action == "导出")).all() == [
            "导出花名册 3 条（完整公民身份号码）"]


def test_roster_of_one_village_with_ended_terms_and_chosen_columns(demo):
    options = ListOptions(village="西街社区", include_ended=True, columns=("name", "state", "expiry", "days_left",
                                                                         "removal_reason"))
    data = export_list(demo, "roster", options)
    assert sheet_rows(data)[1] == ("姓名*", "状态", "帮教期满日期", "剩余天数", "减少原因")
    assert sheet_rows(data)[2:] == [("李芳", "已解除", datetime(2025, 2, 28), None, None),
                                    ("王强", "已解除", datetime(2028, 1, 10), None, "迁出")]
    east = as_dicts(export_list(demo, "roster", ListOptions(village="东街社区", columns=("name", "days_left"))))
    assert {p["姓名*"]: p["剩余天数"] for p in east} == {
        "张伟": 828, "陈静": 1513, "赵军": 1314}       # to 2029-03-01, 2031-01-15, 2030-06-30
    with pytest.raises(UserError, match="没有名为“北关村”的村"):
        export_list(demo, "roster", ListOptions(village="北关村"))
    with pytest.raises(UserError, match="花名册没有这些列：age"):
        export_list(demo, "roster", ListOptions(columns=("name", "age")))


def test_unconnected_list(demo):
    west = office.list_villages(demo)[1].id
    persons.create_person(demo, persons.PersonInput(name="孙迁", id_number=compose("410108", date(1988, 8, 8), 111),
                                                    village_id=west),
                          aftercare=[persons.AftercareInput(source="外地迁入", release_date=date(2025, 1, 1),
                                                            transfer_in_date=date(2026, 5, 1))])
    data = export_list(demo, "unconnected", ListOptions(full_id=True))
    title, headers, *rows = sheet_rows(data)
    assert open_book(data).sheetnames[0] == "未衔接人员" and "未衔接人员名单" in title[0]
    people = as_dicts(data)
    # only 赵军: released 2025-06-30, never taken over; a transfer-in (孙迁) is not to be taken over
    assert [(p["姓名*"], p["公民身份号码*"], p["帮教类别*"], p["未衔接天数"]) for p in people] == [
        ("赵军", ZHAO, "重点", 512)]
    assert people[0]["联系电话"] == "0371-1234567" and people[0]["罪名"] == "盗窃罪"


def test_visit_list(demo):
    data = export_list(demo, "visits", ListOptions(start=date(2024, 1, 1), end=date(2025, 12, 31)))
    assert sheet_rows(data)[1] == ("公民身份号码*", "姓名", "所属村(社区)", "走访日期*", "方式*", "走访人", "内容")
    assert sheet_rows(data)[2:] == [
        (mask(ZHANG), "张伟", "东街社区", datetime(2024, 3, 5), "家访", "王干事", "了解家庭情况"),
        (mask(ZHANG), "张伟", "东街社区", datetime(2024, 4, 5), "电话", None, None),
    ]
    west = as_dicts(export_list(demo, "visits", ListOptions(village="西街社区")))
    assert [(v["姓名"], v["走访日期*"]) for v in west] == [("李芳", datetime(2021, 1, 2))]


def test_mediation_register(demo):
    data = export_list(demo, "mediation")
    assert sheet_rows(data)[1] == tuple(titles("mediation"))
    first, second, third = as_dicts(data)
    assert first["编号"] == "〔2025〕第1号" and second["编号"] == "城关〔2025〕第2号" and third["编号"] == "〔2026〕第1号"
    assert (first["申请人*"], first["被申请人*"], first["调解员*"]) == ("甲某、乙某", "丙某", "陈一、刘二")
    assert (first["协议金额(元)"], first["防止民转刑(人)"], first["防止自杀(人)"]) == (12000.5, 2, None)
    assert first["回访日期"] == "2025-04-10、2025-05-10" and first["司法确认日期"] == datetime(2025, 4, 1)
    assert second["案件来源*"] == "委托移送(法院)" and second["防止自杀(人)"] == 1
    assert (third["调解结果*"], third["结案日期"]) == ("调解中", None)
    only_2026 = as_dicts(export_list(demo, "mediation", ListOptions(start=date(2026, 1, 1))))
    assert [c["编号"] for c in only_2026] == ["〔2026〕第1号"]


def test_template_lists_the_office_villages(ctx):
    office.save_village(ctx, None, name="南关村", sort_order=1)
    codes_sheet = list(open_book(template(ctx, "roster"))["代码表"].iter_cols(values_only=True))
    villages = next(col for col in codes_sheet if col[0] == "所属村(社区)")
    assert [v for v in villages[1:] if v] == ["东街社区", "南关村"]
    blank = list(open_book(template(None, "roster"))["代码表"].iter_cols(values_only=True))
    assert all(col[0] != "所属村(社区)" for col in blank)


def test_issue_list_workbook():
    data = issues_workbook([Issue("安置帮教对象", 3, "公民身份号码*", "123", "公民身份号码应为18位，现为3位"),
                            Issue("走访记录", None, "", "", "列“备注”不是模板中的列，已忽略", "提示")], "台账.xlsx")
    rows = sheet_rows(data)
    assert rows[0][0] == "导入问题清单 台账.xlsx"
    assert rows[1] == ("类型", "工作表", "行", "列", "单元格内容", "原因")
    assert rows[2] == ("错误", "安置帮教对象", 3, "公民身份号码*", "123", "公民身份号码应为18位，现为3位")
    assert rows[3] == ("提示", "走访记录", None, None, None, "列“备注”不是模板中的列，已忽略")


def test_unknown_list_kind(ctx):
    with pytest.raises(UserError, match="未知的名单"):
        export_list(ctx, "table7")

