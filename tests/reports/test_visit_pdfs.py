"""The visit PDFs read back: filled and blank forms, the agreement's copies, the plan, the bundle's
page numbers (hand-counted)."""

from pdfcheck import compact, pdf_pages, pdf_rows, pdf_text

from sifasuo_desktop.reports.pdf import aftercare_agreement, dossier_bundle, visit_forms, visit_plan
from sifasuo_desktop.reports.pdf.grid import PageBreak, Paragraph, Title
from sifasuo_desktop.reports.pdf.visit_data import (
    AgreementData,
    AgreementSection,
    AttachmentRow,
    BundleCover,
    BundleEntry,
    Party,
    PersonHeader,
    PlanRow,
    PlanVillage,
    ReviewData,
    VisitPlanData,
    VisitRecordData,
)

OFFICE = "测试镇司法所"
ZHANG = PersonHeader("张三", "男", "1985年5月17日", "410101198505170011", "东街社区", "东街12号", "安置帮教", "重点")


def test_visit_record_prints_header_sections_and_the_conversation():
    data = VisitRecordData(ZHANG, "2026年11月24日", "家访", "本人家中", "王助理", "刘协管", "村主任李四",
                           (("思想情况", "思想稳定"), ("下一步工作", "联系技能培训")),
                           "问：最近身体怎么样？\n答：挺好的。\n我补充一句。")
    pages = pdf_pages(visit_forms.render_visit_record(data, OFFICE))
    text = compact(pages[0])
    assert len(pages) == 1
    for part in ("谈话（走访）记录", "时间2026年11月24日方式家访", "地点本人家中谈话人王助理", "姓名张三性别男",
                 "类别重点", "公民身份号码410101198505170011", "思想情况：思想稳定", "问：最近身体怎么样？",
                 "答：挺好的。", "我补充一句。", "被谈话人（签名并按指印）", OFFICE):
        assert part in text, part


def test_blank_visit_record_is_one_page_with_tick_boxes_and_lines():
    pages = pdf_pages(visit_forms.render_visit_record(None, OFFICE))
    text = compact(pages[0])
    assert len(pages) == 1
    assert "□谈话" in text and "□集中教育" in text and "□跟踪考察" not in text and "谈话（走访）内容：" in text
    assert "□男□女" in text and "被谈话人（签名并按指印）" in text


def test_review_form_prints_the_five_conduct_rows():
    conduct = (("思想", "稳定"), ("遵纪守法", "无违法"), ("就业收入", "务工"), ("家庭", "和睦"), ("社会交往", "正常"))
    data = ReviewData(ZHANG, "2026年11月24日", "2026年5月24日至2026年11月24日", "走访", conduct, "缺技能",
                      "安排培训", "继续帮教", "王助理", "同意")
    text = pdf_text(visit_forms.render_review(data, OFFICE))
    for part in ("跟踪考察表", "考察期2026年5月24日至2026年11月24日", "现实表现", "思想稳定", "遵纪守法无违法",
                 "就业收入务工", "家庭和睦", "社会交往正常", "存在问题缺技能", "帮教措施安排培训", "帮教小组意见继续帮教",
                 "考察人王助理考察日期2026年11月24日", "司法所审核意见同意"):
        assert part in text, part
    blank = pdf_pages(visit_forms.render_review(None, OFFICE))
    assert len(blank) == 1 and "□走访□谈话□电话□书面汇报" in compact(blank[0])


def _agreement(extra: int, parties=True) -> bytes:
    people = (Party("甲方（司法所）", OFFICE, "陈所长", "0371-1"), Party("乙方（村(居)帮教人员）", "李主任", "东街社区"),
              Party("丙方（家属）", "张父", "父亲"), Party("丁方（帮教对象）", "张三", "410101198505170011")) if parties else ()
    sections = (AgreementSection("甲方的责任", ("定期走访。", "建立档案。")), AgreementSection("丁方的义务", ("遵纪守法。",)))
    return aftercare_agreement.render_agreement(AgreementData(
        OFFICE, people, sections, "自2026年3月1日起至2031年3月1日止", "一般", extra, "AZBJ-1", "为帮助……签订本协议。"))


def test_agreement_has_four_parties_numbered_clauses_and_copies():
    text = pdf_text(_agreement(1))
    for part in ("安置帮教协议书", "编号：AZBJ-1", "甲方（司法所）名称测试镇司法所", "负责人陈所长", "姓名李主任",
                 "所属村(社区)东街社区", "与丁方关系父亲", "姓名张三", "帮教期限自2026年3月1日起至2031年3月1日止",
                 "帮教类别一般", "甲方的责任1.定期走访。2.建立档案。", "丁方的义务1.遵纪守法。",
                 "本协议一式五份，甲、乙、丙、丁四方各执一份，一份报县（区）安置帮教工作办公室备案",
                 "甲方（盖章）", "丁方（签名并按指印）"):
        assert part in text, part
    four = pdf_text(_agreement(0))
    assert "本协议一式四份，甲、乙、丙、丁四方各执一份，具有同等效力。" in four and "备案" not in four


def test_blank_agreement_keeps_the_clauses_and_leaves_the_parties_to_fill():
    text = pdf_text(_agreement(1, parties=False))
    assert "□重点□一般" in text and "甲方的责任1.定期走访。" in text and "张三" not in text


def test_visit_plan_groups_by_village_with_note_columns():
    row = PlanRow("张三", "重点", "定期走访、跟踪考察", "11月20日", "逾期", "10月20日", "东街12号", "13800000000",
                  "李主任 139")
    data = VisitPlanData(OFFICE, "2026年12月", "2026年11月24日",
                         (PlanVillage("东街社区", "李主任 139", (row,)), PlanVillage("南关村", "", (row,))))
    pdf = visit_plan.render_visit_plan(data, OFFICE)
    rows = pdf_rows(pdf)
    assert "2026年12月走访计划" in rows
    assert "东街社区（1人）村(社区)联系人：李主任139" in rows and "南关村（1人）" in rows
    text = pdf_text(pdf)
    assert "走访日期走访情况及签名" in text and "张三重点定期走访、跟踪考察11月20日逾期10月20日东街12号13800000000李主任139" in text
    empty = pdf_text(visit_plan.render_visit_plan(VisitPlanData(OFFICE, "2026年12月", "", ()), OFFICE))
    assert "本月没有到期或逾期的走访。" in empty
    blank = pdf_pages(visit_plan.render_visit_plan(None, OFFICE))
    assert len(blank) == 1 and "月份：" in compact(blank[0])


def test_bundle_contents_carry_the_page_numbers_of_each_document():
    one_page = [Title("文书甲"), Paragraph("内容")]
    three_pages = [Title("文书乙"), Paragraph("第一页"), PageBreak(), Paragraph("第二页"), PageBreak(), Paragraph("第三页")]
    cover = BundleCover("AZBJ-7", "张三", sex="男", term="2026年3月1日至2031年3月1日", dossier_date="2026年2月20日",
                        bound_date="2026年11月24日")
    documents = [(BundleEntry("文书甲", "2026年3月1日"), one_page), (BundleEntry("文书乙", "2026年4月1日"), three_pages),
                 (BundleEntry("文书丙"), one_page)]
    attachments = [AttachmentRow("协议书扫描.pdf", "档案", "已签字", "2026年3月2日", "120 KB")]
    steps = []
    pdf = dossier_bundle.render_bundle(cover, documents, attachments, OFFICE, progress=steps.append)
    pages = pdf_pages(pdf)
    # cover 1, 目录 2, 甲 3, 乙 4-6, 丙 7, 附件清单 8
    assert len(pages) == 8 and steps == ["排版", "生成PDF"]
    assert "安置帮教对象档案" in compact(pages[0]) and "档案号AZBJ-7" in compact(pages[0])
    rows = pdf_rows(pdf)
    assert "1文书甲2026年3月1日3" in rows and "2文书乙2026年4月1日4-6" in rows
    assert "3文书丙7" in rows and "4附件清单8" in rows
    assert "协议书扫描.pdf" in compact(pages[7]) and "第8页共8页" in compact(pages[7])


def test_blank_cover_and_contents():
    pages = pdf_pages(dossier_bundle.render_blank_cover(OFFICE))
    assert len(pages) == 2 and "一人一档" in compact(pages[0]) and "卷内目录" in compact(pages[1])
    assert "20" in pdf_rows(dossier_bundle.render_blank_cover(OFFICE))
