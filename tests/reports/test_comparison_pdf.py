"""The district's 分所对比 on A4 landscape: a column per office and 合计, headings on every page,
many offices split into balanced groups, the signature lines never alone on a page."""

from __future__ import annotations

import pytest
from pdfcheck import compact, pdf_page_sizes, pdf_pages

from reports.comparison_data import comparison, office_name
from sifasuo_desktop.domain import mediation_table
from sifasuo_desktop.domain.comparison import cell_text, lines
from sifasuo_desktop.domain.statistics import Signatures
from sifasuo_desktop.reports.pdf import statistics as pdf
from sifasuo_desktop.reports.pdf.grid import Document, layout

SIGNED = Signatures(head="李局长", filler="王科员")


@pytest.mark.parametrize("count, groups", [(0, [(0, 0)]), (1, [(0, 1)]), (10, [(0, 10)]), (11, [(0, 6), (6, 11)]),
                                           (12, [(0, 6), (6, 12)]), (20, [(0, 10), (10, 20)]),
                                           (21, [(0, 7), (7, 14), (14, 21)])])
def test_offices_are_split_into_balanced_groups_of_at_most_ten(count, groups):
    assert [(g.start, g.stop) for g in pdf.office_groups(count)] == groups


def test_three_offices_fit_one_group_with_every_row_and_value_readable():
    c = comparison(3)
    data = pdf.render_comparison(c, SIGNED)
    pages = [compact(page) for page in pdf_pages(data)]
    assert set(pdf_page_sizes(data)) == {(297, 210)}
    assert "刑满释放人员安置帮教工作情况统计表（分所对比）" in pages[0]
    assert "填报单位：测试县司法局（汇总3个司法所）" in pages[0] and "统计时段：2026年1月1日至2026年6月30日" in pages[0]
    for page in pages:                                      # the column headings on every page
        assert "项目行次城关镇司法所河湾乡司法所东关街道办事处司法所合计" in page
    text = "".join(pages)
    for line in lines(c):
        if line.is_heading:
            assert line.label in text
        else:
            assert compact(line.label) + line.code + "".join(cell_text(v) for v in line.values) in text, line.code
    assert "单位负责人：李局长" in pages[-1] and "填表人：王科员" in pages[-1]


def test_twelve_offices_print_as_two_tables_of_six_each_with_the_total_again():
    c = comparison(12)
    pages = [compact(page) for page in pdf_pages(pdf.render_comparison(c, SIGNED))]
    second = next(i for i, page in enumerate(pages) if "（分所对比，续表）" in page)
    assert "第1～6个司法所" in pages[0] and "第7～12个司法所" in pages[second]
    first_head = "项目行次" + "".join(office_name(i) for i in range(6)) + "合计"
    second_head = "项目行次" + "".join(office_name(i) for i in range(6, 12)) + "合计"
    assert all(first_head in page for page in pages[:second])
    assert all(second_head in page and office_name(0) not in page for page in pages[second:])
    row4 = [cell_text(v) for v in next(line for line in lines(c) if line.code == "4").values]
    text = "".join(pages)
    assert "期末在册人数4" + "".join(row4[:6]) + row4[-1] in text       # 合计 in both tables
    assert "期末在册人数4" + "".join(row4[6:]) in text


@pytest.mark.parametrize("count", [9, 10])
def test_the_signature_lines_take_the_last_rows_with_them_to_a_new_page(count):
    c = comparison(count, mediation_table.REPORT)
    plain = pdf._comparison_blocks(c, SIGNED, carry=0)
    alone = layout(Document(blocks=plain, landscape=True)).page_count
    assert alone > layout(Document(blocks=plain[:-1], landscape=True)).page_count     # would stand alone
    pages = [compact(page) for page in pdf_pages(pdf.render_comparison(c, SIGNED))]
    assert len(pages) == alone
    last = pages[-1]
    assert "单位负责人：李局长" in last and "项目行次" in last and "防止民间纠纷引起自杀（人）M13.1" in last
    assert "防止群体性械斗（人）M12.1" in last and "防止民间纠纷引起自杀（件）M13" in last


def test_the_district_total_prints_on_the_official_single_office_form():
    c = comparison(3)
    pages = [compact(page) for page in pdf_pages(pdf.render_stat_table(c.total, SIGNED))]
    assert len(pages) == 1 and set(pdf_page_sizes(pdf.render_stat_table(c.total, SIGNED))) == {(210, 297)}
    assert "填报单位：测试县司法局（汇总3个司法所）" in pages[0]
    assert "6个6个" in pages[0] and "是1所、否2所" in pages[0]
