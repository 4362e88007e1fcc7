"""安置帮教对象基本情况登记表 and 社区矫正对象基本信息表: filled and blank."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pdfcheck import compact, pdf_fonts, pdf_image_count, pdf_pages, pdf_text

from sifasuo_desktop.reports.pdf import fonts
from sifasuo_desktop.reports.pdf.grid import Anchor, Document, PageBreak, layout, render
from sifasuo_desktop.reports.pdf.person_forms import (
    AftercareRegistrationData, CorrectionInfoData, HelperRow, aftercare_registration,
    correction_info, render_aftercare_registration, render_correction_info,
)

OFFICE = "郑州市某某区某某镇司法所"

AFTERCARE = AftercareRegistrationData(
    name="刘䶮", archive_no="AZ-2024-0012", dossier_date="2024年3月4日", former_name="刘小龙",
    sex="男", ethnicity="汉族", birth_date="1985年6月12日", id_number="410101198506120318",
    education="初中", marital_status="已婚", health="良好", village="东街社区", phone="13800138000",
    household_address="河南省郑州市某某区某某镇东街社区3组18号", residence_address="某某镇幸福路88号",
    residence_mismatch="是", three_nos="否", work_unit="某某建材有限公司", charge="盗窃罪",
    original_sentence="有期徒刑三年六个月", prison="河南省第一监狱", source="监狱刑满释放",
    release_date="2024年3月1日", register_start="2024年3月2日", expiry="2029年3月1日",
    handover_date="2024年3月3日", handover_method="必接必送", category="重点",
    category_reason="无稳定收入", agreement_date="2024年3月20日",
    placement="2024年4月2日 灵活就业(务工)", reoffense="无", removal="",
    helpers=(HelperRow("王建国", "司法所", "某某镇司法所", "0371-12345678"),
             HelperRow("刘大山", "家属", "父子", "13900000003")),
    family_members="父亲 刘大山 65岁 务农", notes="按月走访",
)

CORRECTION = CorrectionInfoData(
    name="张三丰", number="JZ-2024-007", fill_date="2024年5月6日", former_name="张君宝",
    id_number="41010119900101123X", sex="男", ethnicity="回族", birth_date="1990年1月1日",
    education="高中", health="良好", political_status="群众", marital_status="未婚",
    household_address="某某镇西村5组", residence_address="某某镇西村5组12号",
    execution_place="郑州市某某区", work_unit="个体经营", phone="13700137000", charge="危险驾驶罪",
    sentence_kind="拘役", original_sentence="拘役四个月", decision_organ="某某区人民法院",
    custody_place="某某区看守所", prohibition="禁止进入酒吧", prohibition_period="六个月",
    additional_penalty="罚金五千元", kind="缓刑", term_text="六个月",
    term_period="2024年5月1日至2024年10月31日", documents="2024年4月28日判决书",
    reception="自行报到", report_status="按时报到", crime_facts="醉酒驾驶机动车。",
    prior_record="无前科", resume="2009年至今个体经营", family_members="父亲张某某",
    notes="已建立矫正小组",
)


def jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (250, 350), "white").save(buffer, "JPEG")
    return buffer.getvalue()


AFTERCARE_FIELDS = {
    "姓名": "刘䶮", "曾用名": "刘小龙", "公民身份号码": "410101198506120318", "性别": "男",
    "民族": "汉族", "出生日期": "1985年6月12日", "文化程度": "初中", "婚姻状况": "已婚",
    "健康状况": "良好", "所属村(社区)": "东街社区", "联系电话": "13800138000",
    "户籍地址": "河南省郑州市某某区某某镇东街社区3组18号", "居住地址": "某某镇幸福路88号",
    "人户分离": "是", "工作单位": "某某建材有限公司", "三无人员": "否", "罪名": "盗窃罪",
    "原判刑期": "有期徒刑三年六个月", "来源": "监狱刑满释放", "原服刑场所": "河南省第一监狱",
    "释放日期": "2024年3月1日", "列管日期": "2024年3月2日", "帮教期满日期": "2029年3月1日",
    "衔接日期": "2024年3月3日", "衔接方式": "必接必送", "帮教协议签订日期": "2024年3月20日",
    "帮教类别": "重点", "重点原因": "无稳定收入", "安置情况": "2024年4月2日灵活就业(务工)",
    "重新违法犯罪": "无", "家庭成员及主要社会关系": "父亲刘大山65岁务农", "备注": "按月走访",
}


def test_aftercare_registration_prints_every_field_beside_its_label():
    pdf = render_aftercare_registration(AFTERCARE, OFFICE)
    text = pdf_text(pdf)
    assert text.startswith(f"{OFFICE}安置帮教对象基本情况登记表填表单位：{OFFICE}档案号：AZ-2024-0012"
                           "建档日期：2024年3月4日姓名刘䶮")
    for label, value in AFTERCARE_FIELDS.items():
        assert label + value in text, label
    assert "帮教小组成员姓名身份工作单位或与本人关系联系电话王建国司法所某某镇司法所0371-12345678" \
           "刘大山家属父子13900000003" in text
    assert len(pdf_pages(pdf)) == 1 and text.endswith("填表人：____________审核人：____________第1页共1页")


def test_blank_aftercare_registration_has_every_label_empty_cells_and_tick_boxes():
    pdf = render_aftercare_registration(None, OFFICE)
    text = pdf_text(pdf)
    for label in AFTERCARE_FIELDS:
        assert label in text, label
    assert "姓名曾用名公民身份号码照片性别民族出生日期文化程度婚姻状况健康状况" in text  # empty values
    assert "人户分离□是□否" in text and "三无人员□是□否" in text and "帮教类别□重点□一般" in text
    assert "衔接方式□必接必送□家属接回□自行报到□其他" in text
    assert "来源□监狱刑满释放□看守所刑满释放□解除社区矫正□外地迁入" in text
    assert "释放日期年月日列管日期年月日" in text and "档案号：建档日期：年月日" in text
    assert "帮教小组成员姓名身份工作单位或与本人关系联系电话家庭成员" in text
    assert len(pdf_pages(pdf)) == 1


CORRECTION_FIELDS = {
    "姓名": "张三丰", "曾用名": "张君宝", "身份证号码": "41010119900101123X", "性别": "男",
    "民族": "回族", "出生日期": "1990年1月1日", "文化程度": "高中", "健康状况": "良好",
    "原政治面貌": "群众", "婚姻状况": "未婚", "户籍地": "某某镇西村5组", "居住地": "某某镇西村5组12号",
    "执行地": "郑州市某某区", "工作单位": "个体经营", "联系电话": "13700137000", "罪名": "危险驾驶罪",
    "刑种": "拘役", "原判刑期": "拘役四个月", "决定机关": "某某区人民法院", "原羁押场所": "某某区看守所",
    "禁止令内容": "禁止进入酒吧", "禁止期限起止日": "六个月", "附加刑": "罚金五千元", "矫正类别": "缓刑",
    "矫正期限": "六个月", "起止日": "2024年5月1日至2024年10月31日",
    "法律文书收到时间及种类": "2024年4月28日判决书", "接收方式及报到时间": "自行报到",
    "报到情况": "按时报到", "主要犯罪事实": "醉酒驾驶机动车。", "前科": "无前科",
    "个人简历": "2009年至今个体经营", "家庭成员及主要社会关系": "父亲张某某", "备注": "已建立矫正小组",
}


def test_correction_info_prints_the_fields_of_domain_8_in_order_on_two_pages():
    pdf = render_correction_info(CORRECTION, OFFICE)
    text = pdf_text(pdf)
    places = [text.find(label + value) for label, value in CORRECTION_FIELDS.items()]
    assert -1 not in places and places == sorted(places)  # every field, in the order of DOMAIN §8
    pages = pdf_pages(pdf)
    assert len(pages) == 2
    assert "主要犯罪事实醉酒驾驶机动车。" in compact(pages[0]) and "前科无前科" in compact(pages[1])
    assert "姓名：张三丰" in pdf_text(pdf) and "编号：JZ-2024-007" in pdf_text(pdf)


def test_blank_correction_info_offers_tick_boxes_and_room_to_write():
    pdf = render_correction_info(None, OFFICE)
    text = pdf_text(pdf)
    assert "".join(CORRECTION_FIELDS).replace("矫正类别", "矫正类别□管制□缓刑□假释□暂予监外执行") \
        .replace("报到情况", "报到情况□按时报到□超期报到□未报到且下落不明") \
        .replace("身份证号码", "身份证号码照片").replace("主要犯罪事实", "主要犯罪事实第1页共2页") \
        .replace("前科", f"{OFFICE}姓名：__________编号：__________前科") in text
    assert "填表日期：年月日" in text
    pages = pdf_pages(pdf)
    assert len(pages) == 2 and compact(pages[1]).endswith("备注第2页共2页")


def test_long_crime_facts_flow_onto_a_further_page_and_nothing_is_lost():
    facts = "".join(f"第{i}项事实经查证属实。" for i in range(1, 200))
    pdf = render_correction_info(replace(CORRECTION, crime_facts=facts), OFFICE)
    pages = pdf_pages(pdf)
    assert len(pages) == 3
    assert compact(pages[1]).startswith(f"{OFFICE}主要犯罪事实（续）")
    # the facts continue where they broke off: nothing lost or repeated between the pages
    text = pdf_text(pdf)
    start, end = text.index("主要犯罪事实") + len("主要犯罪事实"), text.index("姓名：张三丰")
    between = text[start:end].replace(f"第1页共3页{OFFICE}主要犯罪事实（续）", "")
    assert between == f"{facts}第2页共3页{OFFICE}"


@pytest.mark.parametrize("render_form, data", [
    (render_aftercare_registration, AFTERCARE), (render_correction_info, CORRECTION),
])
def test_photo_prints_in_the_photo_box(render_form, data):
    assert pdf_image_count(render_form(replace(data, photo=jpeg()), OFFICE)) == 1
    assert pdf_image_count(render_form(data, OFFICE)) == 0
    assert "照片" in pdf_text(render_form(data, OFFICE))


def test_rare_character_in_a_name_prints_through_the_fallback_font(fallback_char):
    from reportlab.pdfbase import pdfmetrics

    ch, font = fallback_char
    name = f"张{ch}"
    for pdf in (render_correction_info(replace(CORRECTION, name=name), OFFICE),
                render_aftercare_registration(replace(AFTERCARE, name=name), OFFICE)):
        assert f"姓名{name}曾用名" in pdf_text(pdf)
        assert pdfmetrics.getFont(font).face.name.decode() + "-0" in pdf_fonts(pdf)


def test_a_character_no_font_has_is_reported_and_the_form_still_prints():
    name = "张\ue000"
    assert fonts.missing_glyphs(name) == {"\ue000"}
    pdf = render_aftercare_registration(replace(AFTERCARE, name=name), OFFICE)
    assert "公民身份号码" in pdf_text(pdf)


def test_forms_combine_into_one_bundle_with_pages_numbered_through():
    registration = aftercare_registration(AFTERCARE, OFFICE)
    information = correction_info(CORRECTION, OFFICE)
    bundle = Document(header=OFFICE, blocks=[
        Anchor("登记表"), *registration.blocks, PageBreak(), Anchor("信息表"), *information.blocks,
    ])
    assert layout(bundle).anchors == {"登记表": 1, "信息表": 2}
    pages = [compact(page) for page in pdf_pages(render(bundle))]
    assert len(pages) == 3 and all(page.endswith(f"第{n}页共3页") for n, page in enumerate(pages, 1))
