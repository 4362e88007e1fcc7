"""The shared form layout: grids, free text, page flow, page numbers."""

from __future__ import annotations

import io
import logging
import re

import pytest
from pdfcheck import compact, pdf_fonts, pdf_image_count, pdf_pages, pdf_rows, pdf_text

from sifasuo_desktop.reports.pdf import fonts
from sifasuo_desktop.reports.pdf import layout as engine
from sifasuo_desktop.reports.pdf.grid import (
    FILL, Anchor, Document, Grid, Keep, Line, PageBreak, Paragraph, Ruled, Spacer, Title, blank,
    chinese_number, choices, clauses, date_text, fields, label, layout, photo, qa, render, row,
    signature, value,
)
from sifasuo_desktop.reports.pdf.text import text_width


def one_grid(*rows, **options) -> Document:
    return Document(header="测试镇司法所", blocks=[Title("测试表"), Grid(rows, **options)])


def postscript_name(font_name: str) -> str:
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font_name).face.name.decode() + "-0"


def outer_rects(document: Document) -> list[list[tuple]]:
    """Per page, the thick outer borders of grid segments (x, top, width, height)."""
    pages, _ = engine.paginate(document)
    return [[op[1:5] for op in ops if op[0] == "rect" and op[5] == engine.OUTER_LW] for ops in pages]


def test_labels_values_title_header_and_page_number_print():
    doc = Document(header="测试镇司法所", blocks=[
        Title("谈话记录"),
        Line(left="填表单位：测试镇司法所", right=f"日期：{date_text('2024年3月1日')}"),
        Grid(columns=(1, 2, 1, 2), rows=[
            row(label("姓名"), value("张三"), label("性别"), value("男")),
            row(label("谈话内容"), value("近况良好", span=3), height=30),
        ]),
    ])
    pdf = render(doc)
    assert pdf_rows(pdf) == ["测试镇司法所", "谈话记录", "填表单位：测试镇司法所日期：2024年3月1日",
                             "姓名张三性别男", "近况良好", "谈话内容", "第1页共1页"]


def test_free_text_blocks():
    doc = Document(blocks=[
        *qa("你最近在做什么？", "在镇上务工。"),
        *clauses(["按时参加帮教活动。", "遵守法律法规。"]),
        *clauses(["第一条内容。"], style="arabic"),
        Paragraph("兹证明。", indent=2),
        signature(f"签名：{blank(4)}", f"日期：{date_text()}"),
        Ruled(2),
        Spacer(10),
    ])
    text = pdf_text(render(doc))
    for expected in ["问：你最近在做什么？", "答：在镇上务工。", "一、按时参加帮教活动。",
                     "二、遵守法律法规。", "1.第一条内容。", "兹证明。", "签名：________", "日期：年月日"]:
        assert expected in text


def test_chinese_numbers_and_choices():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]
    assert compact(pdf_text(render(one_grid(row(label("类别"), value(choices(["重点", "一般"]))),
                                            columns=(1, 3))))).count("□") == 2


def test_long_paragraphs_flow_onto_numbered_pages():
    doc = Document(header="测试镇司法所", blocks=[Paragraph(f"第{i}条记录内容。" * 8) for i in range(1, 80)])
    pages = pdf_pages(render(doc))
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in compact(page)
        assert "测试镇司法所" in page
    text = pdf_text(render(doc))
    assert all(f"第{i}条记录内容。" in text for i in range(1, 80))


def test_a_row_taller_than_a_page_continues_with_its_label_marked():
    long = "".join(f"第{i}段内容。" for i in range(1, 400))
    doc = one_grid(row(label("姓名"), value("张三")), row(label("情况说明"), value(long), height=30),
                   row(label("备注"), value("无")), columns=(1, 5))
    pages = [compact(p) for p in pdf_pages(render(doc))]
    assert len(pages) == 2
    assert "情况说明（续）" in pages[1] and "（续）" not in pages[0]
    assert "第1段" in pages[0] and "第399段" in pages[1] and "备注无" in pdf_rows(render(doc))
    # nothing lost or repeated at the break: without labels and page furniture the text is whole
    body = re.sub(r"测试镇司法所|测试表|第\d页共\d页|情况说明（续）|情况说明|姓名|张三|备注|无", "", "".join(pages))
    assert body == long


def test_a_shorter_row_that_does_not_fit_moves_whole_to_the_next_page():
    doc = Document(blocks=[Spacer(250), Grid([row(label("备注"), value("甲\n乙\n丙\n丁"))], columns=(1, 5))])
    pages = [compact(p) for p in pdf_pages(render(doc))]
    assert len(pages) == 2 and "备注甲乙丙丁" in pages[1]


def test_header_rows_repeat_on_every_page_of_a_roster():
    rows = [row(label("序号"), label("姓名"), label("公民身份号码"))]
    rows += [row(value(str(i)), value(f"人员{i}号"), value("410101198506120318")) for i in range(1, 101)]
    pages = [compact(p) for p in pdf_pages(render(one_grid(*rows, columns=(1, 2, 4), header_rows=1)))]
    assert len(pages) >= 3
    assert all(page.count("序号姓名公民身份号码") == 1 for page in pages)
    assert all(f"人员{i}号" in "".join(pages) for i in range(1, 101))


def test_rows_joined_by_a_rowspan_stay_on_one_page():
    members = [row(label("帮教小组", rowspan=4), label("姓名"), label("电话"))]
    members += [row(value(f"成员{i}"), value("13900000000")) for i in range(3)]
    doc = Document(blocks=[Spacer(245), Grid(members, columns=(1, 2, 2))])
    pages = [compact(p) for p in pdf_pages(render(doc))]
    assert len(pages) == 2
    assert "帮教小组" in pages[1] and "成员2" in pages[1] and "成员0" in pages[1]


def test_cells_placed_by_edges_and_photo_spanning_rows():
    grid = Grid([
        row(fields((0, 20, 40, 60), ("姓名", "张三"), ("性别", "男"), end=140), photo(rowspan=2, at=(140, 170))),
        row(fields((0, 20), ("住址", "东街1号"), end=140)),
        row(fields((0, 20, 60, 80), ("罪名", "盗窃罪"), ("刑期", "三年"))),
    ])
    text = pdf_text(render(Document([grid])))
    assert "姓名张三性别男" in text and "照片" in text and "罪名盗窃罪刑期三年" in text


@pytest.mark.parametrize("grid, message", [
    (Grid([row(label("姓名"), value("张三"))], columns=(1, 1, 1)), "没有填满 3 列"),
    (Grid([row(label("姓名"), value("张三", span=2))], columns=(1, 1)), "超出 2 列"),
    (Grid([row(label("甲", rowspan=3), value("乙"))], columns=(1, 1)), "跨行超出表格"),
    (Grid([row(label("甲", rowspan=2, at=(0, 10)), value("乙", at=(10, 20))),
           row(value("丙", at=(0, 20)))]), "重叠"),
    (Grid([row(label("甲"))]), "没有列宽也没有有效的 at 位置"),
])
def test_inconsistent_grids_are_refused_with_the_row_named(grid, message):
    with pytest.raises(ValueError, match=message):
        render(Document([grid]))


def test_fill_row_reaches_the_bottom_of_the_page():
    doc = one_grid(row(label("姓名"), value("")), row(label("内容"), value(""), height=FILL), columns=(1, 5))
    [[(x, top, width, height)]] = outer_rects(doc)
    assert top + height == pytest.approx(engine.LIMIT)


def test_anchors_name_the_page_where_the_next_content_lands():
    doc = Document([Anchor("cover"), Title("封面"), Anchor("first"), PageBreak(), Title("目录"),
                    PageBreak(), PageBreak(), Anchor("record"), Paragraph("记录" * 2000)])
    result = layout(doc)
    assert result.anchors == {"cover": 1, "first": 2, "record": 3}
    assert result.page_count == len(pdf_pages(render(doc))) > 3


def test_keep_moves_a_signature_block_to_the_next_page_when_it_would_be_torn():
    block = Keep([Paragraph("以上情况属实。"), signature("当事人（签名）：", "调解员（签名）："),
                  signature(f"日期：{date_text()}")])
    doc = Document([Spacer(228), block])
    pages = [compact(p) for p in pdf_pages(render(doc))]
    assert len(pages) == 2 and "以上情况属实。" in pages[1] and "日期" in pages[1]


def test_photo_image_is_embedded_and_a_damaged_one_is_skipped(caplog):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (50, 70), "navy").save(buffer, "JPEG")
    grid = one_grid(row(label("照片"), photo(buffer.getvalue())), columns=(1, 1))
    assert pdf_image_count(render(grid)) == 1
    with caplog.at_level(logging.WARNING):
        damaged = render(one_grid(row(label("照片"), photo(b"\xff\xd8broken")), columns=(1, 1)))
    assert pdf_image_count(damaged) == 0 and "照片无法绘制" in caplog.text


def test_rare_character_prints_with_the_fallback_font(fallback_char):
    ch, font = fallback_char
    pdf = render(one_grid(row(label("姓名"), value(f"张{ch}")), columns=(1, 3)))
    assert f"姓名张{ch}" in pdf_text(pdf)
    assert postscript_name(font) in pdf_fonts(pdf)
    assert postscript_name(fonts.main_font()) in pdf_fonts(pdf)


def test_every_font_in_a_form_is_embedded():
    pdf = render(one_grid(row(label("姓名"), value("张三")), columns=(1, 3)))
    assert pdf_fonts(pdf) == [postscript_name(fonts.main_font())]


def test_twenty_page_document_renders():
    rows = [row(label("序号"), label("姓名"), label("住址"), label("备注"))]
    rows += [row(value(str(i)), value(f"人员{i}"), value("某镇某村某组" * 2), value("")) for i in range(1, 600)]
    grid = Grid(rows, columns=(1, 2, 5, 2), header_rows=1, row_height=8)
    doc = Document(header="测试镇司法所", blocks=[Title("花名册"), grid])
    pages = pdf_pages(render(doc))
    assert len(pages) >= 20
    assert f"第20页共{len(pages)}页" in compact(pages[19])


@pytest.mark.parametrize("name", ["张𠈌", "刘䶮", "李𣲷𤆬"])
def test_rare_characters_read_back_exactly_when_copied_or_searched(name):
    assert fonts.missing_glyphs(name) == set()
    pdf = render(one_grid(row(label("姓名"), value(name)), columns=(1, 3)))
    assert f"姓名{name}第1页" in pdf_text(pdf)


def texts_on_first_page(document: Document) -> list[tuple[float, float, str]]:
    """(x, baseline, text) of every text drawn on page 1."""
    pages, _ = engine.paginate(document)
    return [(op[1], op[2], op[3]) for op in pages[0] if op[0] == "text"]


def test_line_parts_never_overlap_and_the_right_part_wraps_when_crowded():
    office = "某某省某某市某某县某某镇人民政府司法所（社区矫正中心）"
    parts = texts_on_first_page(Document([Line(left=f"填表单位：{office}", center="编号：2024-001",
                                               right="填表日期：2024年12月31日")]))
    (x1, y1, left), (x2, y2, center), (x3, y3, right) = parts
    assert y1 == y2 and x2 >= x1 + text_width(left, 10.5) + 10.5
    assert y3 > y2 and x3 + text_width(right, 10.5) == pytest.approx(engine.LEFT + engine.TEXT_W)
    short = texts_on_first_page(Document([Line(left="填表单位：某镇司法所", center="编号：1", right="日期：")]))
    assert len({y for _, y, _ in short}) == 1
    assert short[1][0] == pytest.approx(engine.LEFT + (engine.TEXT_W - text_width("编号：1", 10.5)) / 2)


def test_a_label_taller_than_the_page_beside_a_short_value_still_ends():
    doc = Document([Grid([row(label("很长的栏目名称" * 120), value("短"))], columns=(1, 5))])
    assert "短" in pdf_text(render(doc))
