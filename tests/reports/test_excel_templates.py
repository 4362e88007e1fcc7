"""The blank templates of DOMAIN §10, opened with openpyxl the way Excel would open them."""

from __future__ import annotations

import pytest
from openpyxl.utils import get_column_letter

from sifasuo_desktop.domain import codes
from sifasuo_desktop.reports.excel.templates import render_template
from tests.excel_files import open_book

# DOMAIN §10, word for word.
DOMAIN_HEADERS = {
    "roster": "姓名*, 公民身份号码*, 性别, 民族, 出生日期, 文化程度, 户籍地址, 居住地址, 所属村(社区)*, 联系电话, 人户分离, "
              "罪名, 原判刑期, 来源*, 释放日期*, 迁入日期, 衔接日期, 衔接方式, 帮教类别*, 重点原因, 三无人员, 帮教协议签订日期, "
              "安置方式, 安置日期, 减少日期, 减少原因, 重新违法犯罪日期, 重新违法犯罪类别, 备注",
    "visits": "公民身份号码*, 走访日期*, 方式*, 走访人, 内容",
    "mediation": "编号, 受理日期*, 纠纷类型*, 案件来源*, 申请人*, 被申请人*, 纠纷简要情况, 调解员*, 调解结果*, 结案日期, 协议形式, "
                 "协议金额(元), 履行情况, 司法确认日期, 防止民转刑(人), 防止群体性上访(人), 防止群体性械斗(人), 防止自杀(人), 回访日期",
}
SHEET_NAMES = {"roster": "安置帮教对象", "visits": "走访记录", "mediation": "人民调解台账"}


def _validations(ws, codes_ws) -> dict[str, list[str]]:
    """Header -> the drop-down values a user sees in that column."""
    headers = {cell.column_letter: cell.value for cell in ws[1]}
    found = {}
    for dv in ws.data_validations.dataValidation:
        (cell_range,) = dv.sqref.ranges
        letter = cell_range.coord.split(":")[0].rstrip("0123456789")
        assert cell_range.coord == f"{letter}2:{letter}1048576"
        formula = dv.formula1
        if formula.startswith('"'):
            values = formula.strip('"').split(",")
        else:
            sheet, ref = formula.rsplit("!", 1)
            assert sheet == "'代码表'"
            start, end = ref.replace("$", "").split(":")
            values = [c.value for (c,) in codes_ws[start:end]]
        found[headers[letter]] = values
    return found


@pytest.mark.parametrize("kind", ["roster", "visits", "mediation"])
def test_headers_are_exactly_those_of_the_domain(kind):
    book = open_book(render_template(kind))
    assert book.sheetnames == [SHEET_NAMES[kind], "说明", "代码表"]
    ws = book[SHEET_NAMES[kind]]
    assert [c.value for c in ws[1]] == DOMAIN_HEADERS[kind].split(", ")
    assert ws.max_row == 1 and ws.freeze_panes == "A2"
    assert book["代码表"].sheet_state == "hidden"
    red = [c.value for c in ws[1] if c.font.color is not None and c.font.color.rgb == "00C00000"]
    assert red == [h for h in DOMAIN_HEADERS[kind].split(", ") if h.endswith("*")]


def test_roster_drop_downs_and_formats():
    book = open_book(render_template("roster", villages=["东街社区", "南关村"]))
    ws = book["安置帮教对象"]
    lists = _validations(ws, book["代码表"])
    assert lists["来源*"] == ["监狱刑满释放", "看守所刑满释放", "解除社区矫正", "外地迁入"]
    assert lists["帮教类别*"] == ["重点", "一般"]
    assert lists["衔接方式"] == codes.HANDOVER_METHODS
    assert lists["减少原因"] == ["死亡", "迁出", "重新违法犯罪收监", "其他"]
    assert lists["重新违法犯罪类别"] == ["犯罪", "违法"]
    assert lists["安置方式"] == list(codes.PLACEMENT_METHODS.values())
    assert lists["民族"][0] == "汉族" and lists["民族"][35] == "毛南族" and len(lists["民族"]) == 58
    assert lists["人户分离"] == lists["三无人员"] == ["是", "否"]
    assert lists["所属村(社区)*"] == ["东街社区", "南关村"]
    assert lists["性别"] == ["男", "女"]
    headers = {c.value: c.column_letter for c in ws[1]}
    for title in ("出生日期", "释放日期*", "迁入日期", "衔接日期", "帮教协议签订日期", "安置日期", "减少日期", "重新违法犯罪日期"):
        assert ws.column_dimensions[headers[title]].number_format == "yyyy-mm-dd", title
    assert ws.column_dimensions[headers["公民身份号码*"]].number_format == "@"
    assert ws.column_dimensions[headers["联系电话"]].number_format == "@"
    strictness = {get_column_letter(next(iter(dv.sqref.ranges)).min_col): dv.errorStyle
                  for dv in ws.data_validations.dataValidation}
    assert strictness[headers["来源*"]] == "stop"
    assert strictness[headers["民族"]] == "warning"        # codes such as 01 are accepted too


def test_roster_without_villages_has_no_village_list():
    book = open_book(render_template("roster"))
    assert "所属村(社区)*" not in _validations(book["安置帮教对象"], book["代码表"])


def test_visit_and_mediation_drop_downs():
    book = open_book(render_template("visits"))
    assert _validations(book["走访记录"], book["代码表"]) == {"方式*": codes.VISIT_TYPES}
    book = open_book(render_template("mediation"))
    lists = _validations(book["人民调解台账"], book["代码表"])
    assert lists["纠纷类型*"] == codes.DISPUTE_TYPES
    assert lists["案件来源*"] == ["当事人申请", "主动调解", "委托移送", "委托移送(法院)", "委托移送(公安)", "委托移送(政府部门)"]
    assert lists["调解结果*"] == ["调解中", "成功", "不成功"]
    assert lists["协议形式"] == ["书面", "口头"]
    assert lists["履行情况"] == ["已履行", "部分履行", "未履行"]


def test_help_sheet_explains_every_column():
    book = open_book(render_template("roster"))
    rows = [tuple(r) for r in book["说明"].iter_rows(values_only=True)]
    assert rows[0][0] == "填写说明"
    table = rows[[i for i, r in enumerate(rows) if r[:2] == ("工作表", "列名")][0] + 1:]
    assert [r[1] for r in table] == DOMAIN_HEADERS["roster"].split(", ")
    by_title = {r[1]: r for r in table}
    assert by_title["迁入日期"][3] == "日期，如 2024-03-01" and "外地迁入时必填" in by_title["迁入日期"][5]
    assert by_title["姓名*"][2] == "是" and by_title["性别"][2] in (None, "")
    assert by_title["来源*"][4] == "监狱刑满释放、看守所刑满释放、解除社区矫正、外地迁入"
    assert by_title["人户分离"][4] == "是、否"
    assert any("YYYY-MM-DD" in (r[0] or "") for r in rows[:10])


def test_unknown_template_kind():
    with pytest.raises(ValueError, match="未知的模板"):
        render_template("unconnected")
