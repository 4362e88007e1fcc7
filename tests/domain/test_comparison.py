"""The district's Part 一 and the lines of the 分所对比 (offices side by side with the total)."""

from sifasuo_desktop.domain import comparison as cmp
from sifasuo_desktop.domain import mediation_table, table7
from sifasuo_desktop.domain import statistics
from sifasuo_desktop.domain.statistics import StatTable

from reports.comparison_data import END, START, comparison


def test_part1_of_a_district_adds_the_offices_numbers_and_counts_the_budget_answers():
    parts = [table7.Part1(stations=2, helper_groups=9, staff_fulltime=3, staff_parttime=4, volunteers=15, budget=True),
             table7.Part1(stations=1, helper_groups=5, staff_fulltime=2, staff_parttime=0, volunteers=8, budget=False),
             table7.Part1(stations=3, helper_groups=1, staff_fulltime=1, staff_parttime=1, volunteers=0, budget=True)]
    assert table7.part1_total(parts) == (
        ("工作站数", 6, "个"), ("帮教小组数", 15, "个"), ("专职工作人员", 6, "人"), ("兼职工作人员", 5, "人"),
        ("志愿者", 23, "人"), ("专项经费列入政府预算", "是2所、否1所", ""))
    assert table7.part1_total([])[0] == ("工作站数", 0, "个")
    assert table7.part1_total([])[-1][1] == "是0所、否0所"


def test_lines_put_part_one_first_then_every_row_in_form_order_with_the_total_last():
    c = comparison(3)
    lines = cmp.lines(c)
    assert c.headings == ("城关镇司法所", "河湾乡司法所", "东关街道办事处司法所", "合计")
    assert lines[0] == cmp.Line("", "一、工作机构、人员和经费")
    assert lines[1] == cmp.Line("一.1", "工作站数（个）", 0, (1, 2, 3, 6))
    assert lines[6] == cmp.Line("一.6", "专项经费列入政府预算", 0, ("是", "否", "否", "是1所、否2所"))
    assert lines[7] == cmp.Line("", "二、帮教对象变动情况")
    rows = [line for line in lines if not line.is_heading]
    assert [line.code for line in rows[6:]] == [r.code for r in table7.ROWS]
    headings = [line.label for line in lines if line.is_heading]
    assert headings == list(table7.PARTS.values())
    rate = next(line for line in lines if line.code == "8")        # 衔接率 = row 6 / row 5, each column its own
    six, five = (next(line for line in lines if line.code == code).values for code in ("6", "5"))
    assert rate.values == tuple(statistics.rate(a, b) for a, b in zip(six, five))
    assert rate.values[-1] == statistics.rate(sum(six[:-1]), sum(five[:-1]))

def test_mediation_lines_print_the_short_codes_and_have_no_part_one():
    lines = cmp.lines(comparison(2, mediation_table.REPORT))
    assert lines[0] == cmp.Line("", "一、受理情况")
    codes = [line.code for line in lines if not line.is_heading]
    assert codes == [r.shown_code for r in mediation_table.ROWS]
    assert "M1.2" in codes and "M1.邻里" not in codes


def test_a_district_without_offices_has_only_the_total_column():
    empty = StatTable(report=table7.REPORT, title=table7.TITLE, office_name="空县司法局（汇总0个司法所）", start=START,
                      end=END, rows=table7.ROWS, values={r.code: None if r.is_rate else 0 for r in table7.ROWS},
                      parts=table7.PARTS)
    lines = cmp.lines(cmp.Comparison(empty, ()))
    assert lines[0].label == "二、帮教对象变动情况"
    assert all(len(line.values) == 1 for line in lines if not line.is_heading)
    assert cmp.cell_text(lines[-1].values[0]) == "—" and cmp.cell_text("是") == "是"
