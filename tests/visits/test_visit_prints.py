"""Printing from the database: a visit's record, the agreement and its editable text, the monthly
plan (hand-picked persons), the dossier bundle with its progress; every print audited."""

import sys
from datetime import date
from pathlib import Path

import pytest
import visit_factories as f

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from pdfcheck import compact, pdf_pages, pdf_rows, pdf_text  # noqa: E402

from sifasuo_desktop.core.errors import Cancelled, PermissionDenied, ValidationError  # noqa: E402
from sifasuo_desktop.services import (  # noqa: E402
    attachments,
    audit,
    dossier_bundle,
    office,
    visit_plan,
    visit_prints,
    visits,
)
from sifasuo_desktop.services.context import CurrentUser  # noqa: E402
from sifasuo_desktop.services.visits import VisitData  # noqa: E402


def prints(ctx) -> list[str]:
    return [e.summary for e in audit.list_entries(ctx) if e.action == "打印"]


@pytest.fixture
def zhang(ctx):
    pid = f.person(ctx, "张三", address="东街12号")
    term = f.aftercare(ctx, pid, date(2026, 3, 1), category="一般", agreement=date(2026, 3, 20))
    f.change_category(ctx, term, date(2026, 10, 1), "重点")
    f.helper(ctx, pid, "李主任", role="村(居)干部", phone="13911112222")
    f.helper(ctx, pid, "张父", role="家属", phone="13933334444")
    return pid


def test_a_visit_prints_its_record_with_the_category_of_that_day(ctx, zhang):
    visit_id = visits.save_visit(ctx, None, VisitData(zhang, date(2026, 9, 10), "家访", place="本人家中", staff="王助理",
                                                      content_thought="思想稳定", content="问：近况？\n答：挺好。"))
    text = pdf_text(visit_prints.print_visit(ctx, visit_id))
    for part in ("谈话（走访）记录", "时间2026年9月10日方式家访", "地点本人家中谈话人王助理", "姓名张三性别男",
                 "类别一般", "住址东街社区东街12号", "思想情况：思想稳定", "问：近况？", "答：挺好。"):
        assert part in text, part                      # 重点 only from 10-01: 一般 on the visit day
    assert prints(ctx) == ["打印家访记录 张三 2026-09-10"]


def test_a_review_prints_as_the_review_form(ctx, zhang):
    visit_id = visits.save_visit(ctx, None, VisitData(
        zhang, date(2026, 11, 20), "跟踪考察", review_period_start=date(2026, 5, 21),
        review_period_end=date(2026, 11, 20), review_conduct_law="遵纪守法", reviewer="王助理"))
    text = pdf_text(visit_prints.print_visit(ctx, visit_id))
    assert "跟踪考察表" in text and "类别重点" in text and "考察期2026年5月21日至2026年11月20日" in text
    assert "遵纪守法遵纪守法" in text and "考察人王助理考察日期2026年11月20日" in text


def test_agreement_takes_the_parties_from_the_helper_group(ctx, zhang):
    text = pdf_text(visit_prints.print_agreement(ctx, zhang))
    for part in ("甲方（司法所）名称测试镇司法所", "姓名李主任联系电话13911112222", "所属村(社区)东街社区",
                 "姓名张父联系电话13933334444", "姓名张三联系电话13800000000",
                 "帮教期限自2026年3月1日起至2031年3月1日止帮教类别重点", "甲方（司法所）的责任1.负责组织",
                 "本协议一式五份"):
        assert part in text, part
    assert prints(ctx) == ["打印安置帮教协议书 张三"]


def test_the_office_edits_the_agreement_text_and_can_go_back(ctx, zhang):
    default = visit_prints.agreement_text(ctx)
    visit_prints.save_agreement_text(ctx, "开头语。\n【甲方的责任】\n每月走访一次。\n【丁方的义务】\n按时报到。")
    text = pdf_text(visit_prints.print_agreement(ctx, zhang))
    assert "开头语。甲方的责任1.每月走访一次。丁方的义务1.按时报到。" in text and "负责组织" not in text
    with pytest.raises(ValidationError):
        visit_prints.save_agreement_text(ctx, "没有标题的条款")
    clerk = ctx.as_user(CurrentUser(None, "clerk", "李助理", "工作人员"))
    with pytest.raises(PermissionDenied):
        visit_prints.save_agreement_text(clerk, "【甲方】\n一条")
    visit_prints.save_agreement_text(ctx, None)
    assert visit_prints.agreement_text(ctx) == default
    assert [e.summary for e in audit.list_entries(ctx) if e.table_name == "setting"] == ["安置帮教协议书条款"] * 2


def test_agreement_needs_an_aftercare_term(ctx):
    sun = f.person(ctx, "孙八")
    f.correction(ctx, sun, date(2026, 3, 1), date(2027, 2, 28))
    with pytest.raises(ValidationError) as err:
        visit_prints.print_agreement(ctx, sun)
    assert "孙八没有帮教期" in str(err.value)


def test_monthly_plan_lists_who_is_due_by_month_end_by_village(ctx, zhang):
    office.save_village(ctx, None, name="南关村", sort_order=1, contact_name="王主任", contact_phone="0371-2")
    # 张三 (重点 since 10-01, last visit 10-20): due 11-20, overdue today (11-24)
    visits.save_visit(ctx, None, VisitData(zhang, date(2026, 10, 20), "家访"))
    visits.save_visit(ctx, None, VisitData(zhang, date(2026, 10, 20), "跟踪考察"))
    li = f.person(ctx, "李四", village="南关村", address="南关5号")       # 一般, last visit 09-10: due 12-10
    f.aftercare(ctx, li, date(2026, 1, 5), agreement=date(2026, 1, 20))
    f.status_event(ctx, li, date(2026, 1, 8))
    visits.save_visit(ctx, None, VisitData(li, date(2026, 9, 10), "走访"))
    visits.save_visit(ctx, None, VisitData(li, date(2026, 9, 10), "跟踪考察"))
    wang = f.person(ctx, "王五")                                         # due 2027-01-15: next month
    f.aftercare(ctx, wang, date(2026, 1, 5), agreement=date(2026, 1, 20))
    visits.save_visit(ctx, None, VisitData(wang, date(2026, 10, 15), "跟踪考察"))
    old = f.person(ctx, "赵六")                                          # term ended: nothing
    f.aftercare(ctx, old, date(2020, 1, 1))
    data = visit_plan.plan_data(ctx, date(2026, 12, 1))
    assert [(v.name, v.contact, [r.name for r in v.rows]) for v in data.villages] == [
        ("东街社区", "", ["张三"]), ("南关村", "王主任 0371-2", ["李四"])]
    zhang_row, li_row = data.villages[0].rows[0], data.villages[1].rows[0]
    assert (zhang_row.category, zhang_row.items, zhang_row.due_date, zhang_row.state, zhang_row.last_visit) == (
        "重点", "定期走访", "11月20日", "逾期", "10月20日")
    assert zhang_row.helper == "李主任 13911112222" and zhang_row.phone == "13800000000"
    assert (li_row.items, li_row.due_date, li_row.state, li_row.address) == ("定期走访", "12月10日", "本月到期", "南关5号")
    only_south = visit_plan.plan_data(ctx, date(2026, 12, 1), f.village_id(ctx, "南关村"))
    assert [v.name for v in only_south.villages] == ["南关村"]
    rows = pdf_rows(visit_plan.print_visit_plan(ctx, date(2026, 12, 1)))
    assert "2026年12月走访计划" in rows
    assert prints(ctx) == ["打印2026年12月走访计划"]


def test_dossier_bundle_holds_every_document_in_order_with_page_numbers(ctx, zhang):
    later = visits.save_visit(ctx, None, VisitData(zhang, date(2026, 10, 20), "跟踪考察", reviewer="王助理"))
    visits.save_visit(ctx, None, VisitData(zhang, date(2026, 4, 2), "家访", content_thought="刚回家，情绪稳定"))
    attachments.add_attachment(ctx, "visit", later, "考察照片.jpg", b"\xff\xd8jpeg")
    steps = []
    pdf = dossier_bundle.dossier_bundle(ctx, zhang, lambda done, total, message: steps.append((done, total, message)))
    pages = pdf_pages(pdf)
    rows = pdf_rows(pdf)
    assert [s[0] for s in steps] == [0, 1, 2, 3, 4] and steps[1][2] == "整理文书（走访记录2份）"
    assert "安置帮教对象档案" in compact(pages[0]) and "期限2026年3月1日至2031年3月1日" in compact(pages[0])
    assert "1安置帮教对象基本情况登记表2026年3月1日3" in rows
    contents = compact(pages[1])
    order = ["安置帮教对象基本情况登记表", "安置帮教协议书", "谈话（走访）记录（家访）", "跟踪考察表", "附件清单"]
    assert [contents.index(t) for t in order] == sorted(contents.index(t) for t in order)
    assert "跟踪考察表" in compact(pages[-2]) and "附件清单" in compact(pages[-1])
    assert "考察照片.jpg" in compact(pages[-1]) and "2026年10月20日跟踪考察记录" in compact(pages[-1])
    assert f"第{len(pages)}页共{len(pages)}页" in compact(pages[-1])
    assert prints(ctx) == ["打印档案案卷 张三（4份文书）"]


def test_cancelled_bundle_is_not_recorded_as_printed(ctx, zhang):
    def progress(done, total, message):
        if done == 2:
            raise Cancelled()

    with pytest.raises(Cancelled):
        dossier_bundle.dossier_bundle(ctx, zhang, progress)
    assert prints(ctx) == []


def test_blank_forms(ctx):
    for form in visit_prints.BLANK_FORMS:
        assert form in pdf_text(visit_prints.print_blank(ctx, form))
    assert "卷内目录" in pdf_text(dossier_bundle.blank_cover(ctx))
    with pytest.raises(ValidationError):
        visit_prints.print_blank(ctx, "未知表格")
