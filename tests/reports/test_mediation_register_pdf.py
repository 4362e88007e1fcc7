"""The 人民调解案件登记簿 PDF: A4 landscape, the 16 columns of the screen, the header on every page."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from pdfcheck import compact, pdf_page_sizes, pdf_pages, pdf_text

from sifasuo_desktop.domain.mediation import REGISTER_COLUMNS, RegisterRow
from sifasuo_desktop.reports.pdf import layout as engine
from sifasuo_desktop.reports.pdf import mediation_file
from sifasuo_desktop.reports.pdf.mediation_forms import Committee

COMMITTEE = Committee("示范县城关镇司法所", "城关镇人民调解委员会")
HEADER = "编号受理日期案件来源纠纷类型申请人被申请人纠纷简要情况调解员调解结果结案日期协议形式协议金额(元)履行情况回访日期司法确认日期备注"
CASE = RegisterRow("城关镇人调字〔2026〕第3号", date(2026, 3, 1), "委托移送（法院）", "合同", "张三", "某公司",
                   "货款纠纷", "王调解、赵调解", "成功", date(2026, 3, 8), "书面", Decimal("8600"), "已履行",
                   date(2026, 4, 2), date(2026, 3, 20), "当事人要求保密")
PERIOD = (date(2026, 1, 1), date(2026, 12, 31))


def register(rows, start=PERIOD[0], end=PERIOD[1]) -> bytes:
    return mediation_file.render_register(rows, COMMITTEE, start, end)


def test_the_screen_columns_print_in_order_with_every_value_of_a_case():
    assert compact("".join(h for h, _ in REGISTER_COLUMNS)) == HEADER  # the screen's 16 headers
    assert len(REGISTER_COLUMNS) == 16
    pdf = register([CASE])
    assert pdf_page_sizes(pdf) == [(297, 210)]
    text = pdf_text(pdf)
    assert "人民调解案件登记簿" in text and "受理期间：2026年1月1日至2026年12月31日" in text
    # one cell after the other, left to right: all 16 values of the row
    assert (HEADER + "城关镇人调字〔2026〕第3号2026-03-01委托移送（法院）合同张三某公司货款纠纷王调解、赵调解成功"
            "2026-03-08书面8600.00已履行2026-04-022026-03-20当事人要求保密") in text


def drawn_texts(rows) -> set[str]:
    """Every line of text drawn on the register's pages (one text operation each)."""
    pages, _ = engine.paginate(mediation_file.register_document(rows, COMMITTEE, *PERIOD))
    return {op[3] for ops in pages for op in ops if op[0] == "text"}


def test_dates_amounts_codes_and_the_number_prefix_are_never_broken():
    widest = replace(CASE, source="当事人申请", dispute_type="婚姻家庭", agreement_amount=Decimal("1234567.89"),
                     performance_status="部分履行", result="不成功", agreement_form="口头",
                     mediators="欧阳建国", concluded_date=date(2026, 12, 28))
    lines = drawn_texts([widest])
    for whole in ("城关镇人调字", "〔2026〕", "第3号", "2026-03-01", "当事人申请", "婚姻家庭", "欧阳建国", "不成功",
                  "2026-12-28", "口头", "1234567.89", "部分履行", "2026-04-02", "2026-03-20"):
        assert whole in lines, whole


def test_the_columns_fill_the_landscape_width():
    assert sum(mediation_file.REGISTER_WIDTHS.values()) == 257
    assert list(mediation_file.REGISTER_WIDTHS) == [h for h, _ in REGISTER_COLUMNS]


def test_a_long_register_repeats_its_header_on_every_page():
    rows = [replace(CASE, number=f"城关镇人调字〔2026〕第{i}号", summary="两家因院墙排水沟改道发生争执，多次协商未果。" * (i % 4))
            for i in range(1, 61)]
    pdf = register(rows)
    pages = [compact(p) for p in pdf_pages(pdf)]
    assert len(pages) >= 3 and pdf_page_sizes(pdf) == [(297, 210)] * len(pages)
    assert all(page.count(HEADER) == 1 for page in pages)
    numbers = [n for page in pages for n in range(1, 61) if f"〔2026〕第{n}号2026" in page]
    assert numbers == list(range(1, 61))  # each case once, in number order
    assert all(f"第{i}页共{len(pages)}页" in page for i, page in enumerate(pages, start=1))


def test_blank_register_is_one_landscape_page_of_ruled_rows():
    pdf = register([], None, None)
    assert pdf_page_sizes(pdf) == [(297, 210)]
    assert HEADER in pdf_text(pdf) and "受理期间：" in pdf_text(pdf)
    pages, _ = engine.paginate(mediation_file.register_document([], COMMITTEE, None, None))
    cells = [op for op in pages[0] if op[0] == "rect" and op[5] == engine.INNER_LW]
    assert len(cells) == 16 * (1 + mediation_file.REGISTER_BLANK_ROWS)
