"""人民调解 PDFs read back: the agreement's structure (DOMAIN §8), the 卷宗 and its 目录 (the 登记簿:
test_mediation_register_pdf.py)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from mediation_fixtures import new_case
from pdfcheck import compact, pdf_pages, pdf_rows, pdf_text

from sifasuo_desktop.domain import mediation_file as mf
from sifasuo_desktop.domain.mediation import Followup, Party, Record
from sifasuo_desktop.reports.pdf import mediation_agreement, mediation_file, mediation_forms
from sifasuo_desktop.reports.pdf.mediation_forms import Committee

COMMITTEE = Committee("示范县城关镇司法所", "城关镇人民调解委员会")
CLAUSES = ("李四于2026年11月30日前将院墙排水沟改道至自家院内，费用由李四承担。",
           "张三、王五对改道施工予以配合，不得阻挠。",
           "双方就此纠纷再无其他争议。")


def _agreed(**changes):
    case = new_case(date(2026, 11, 1))
    wang = Party(role="申请人", name="王五", sex="男", ethnicity="11", age=60, occupation="退休职工",
                 phone="13900000003", address="东街社区3号")
    case = replace(case, parties=(case.parties[0], wang, case.parties[1]), year=2026, seq=12,
                   result="成功", concluded_date=date(2026, 11, 10), agreement_date=date(2026, 11, 10),
                   agreement_form="书面", clauses=CLAUSES, performance_method="李四自行施工",
                   performance_deadline=date(2026, 11, 30), agreement_amount=Decimal("800"))
    return replace(case, **changes)


def test_agreement_holds_every_party_clause_and_the_copies_sentence():
    pdf = mediation_agreement.render_agreement(_agreed(), COMMITTEE)
    pages = pdf_pages(pdf)
    text = pdf_text(pdf)
    assert len(pages) == 1
    assert "人民调解协议书" in text and "编号：城关镇人调字〔2026〕第12号" in text
    # each party with 姓名 性别 民族 年龄 (张三: born 1980-03-15 by his 公民身份号码 -> 46 on 2026-11-10)
    assert "姓名张三性别男民族汉族年龄46" in text
    assert "姓名王五性别男民族满族年龄60" in text
    assert "姓名李四性别女民族回族年龄41" in text
    for expected in ("职业或职务农民联系方式13800000001", "单位或住址东街社区1号", "职业或职务退休职工",
                     "纠纷主要事实、争议事项两家因院墙排水发生争执。", "经调解，自愿达成如下协议："):
        assert expected in text, expected
    for number, clause in zip("一二三", CLAUSES):
        assert compact(f"{number}、{clause}") in text
    assert "履行方式、时限：李四自行施工；履行期限：2026年11月30日前" in text
    assert "本协议一式四份，当事人、人民调解委员会各持一份。" in text          # 3 parties + 1
    for role, name in (("申请人", "张三"), ("申请人", "王五"), ("被申请人", "李四")):
        assert f"{role}：{name}（签名盖章或按指印）" in text
    assert text.count("签名盖章或按指印") == 3
    assert "人民调解员（签名）：王调解、赵调解" in text and "记录人（签名）：孙记录" in text
    assert text.index("城关镇人民调解委员会（印）") < text.index("2026年11月10日")


def test_copies_follow_the_setting():
    text = pdf_text(mediation_agreement.render_agreement(_agreed(), replace(COMMITTEE, copies_extra=2)))
    assert "本协议一式五份" in text


def test_blank_agreement_fits_one_page_with_lines_to_write_on():
    pdf = mediation_agreement.render_agreement(None, COMMITTEE)
    text = pdf_text(pdf)
    assert len(pdf_pages(pdf)) == 1
    assert "本协议一式" in text and "份，当事人、人民调解委员会各持一份。" in text
    assert text.count("签名盖章或按指印") == 2 and "张三" not in text
    assert "年月日" in text


def _whole_case():
    return _agreed(
        records=(Record("调查", date(2026, 11, 2), "东街社区", "张三", "孙记录", "查看排水沟。"),
                 Record("调解", date(2026, 11, 5), "调解室", "张三、王五、李四", "孙记录", "双方同意改道。")),
        followups=(Followup(date(2026, 11, 21), "上门回访", "王调解", "已改道。", "满意"),),
        file_materials={mf.IDENTITY: 3, mf.EVIDENCE: 2}, filer="孙记录", retention="长期")


def test_whole_file_numbers_its_contents_in_the_official_order():
    pdf = mediation_file.render_whole_file(_whole_case(), COMMITTEE)
    pages = pdf_pages(pdf)
    # cover, 目录, 申请书, 告知书, 调查记录, 调解记录, 协议书, 回访记录, 备考表
    assert len(pages) == 9
    assert "人民调解卷宗" in compact(pages[0]) and "（2026）城关镇人调字第12号" in compact(pages[0])
    assert "人民调解申请书" in compact(pages[2]) and "人民调解协议书" in compact(pages[6])
    lines = pdf_rows(pdf)
    rows = lines[lines.index("序号文件材料名称页次情况备注") + 1:lines.index("应有材料齐全。")]
    # 页次: 申请书 1, 告知书 2, 身份证明 3-5 (paper, 3 pages), 调查 6, 证据 7-8, 调解 9, 协议书 10, 回访 11, 封底 12
    expected = [
        "1申请书或受理登记表（人民调解申请书）1有应有", "2权利义务告知书2有应有", "3当事人身份证明3-5有应有",
        "4授权委托书无", "5调查记录6有", "6证据材料7-8有", "7调解记录9有应有", "8协议书10有应有",
        "9履行凭证无", "10回访记录11有应有", "11司法确认材料无", "12卷宗情况说明无", "13封底12有应有",
    ]
    assert rows == expected
    assert "应有材料齐全。" in compact(pages[1])
    assert "本卷共有文件材料9件，共12页。" in compact(pages[8])


def test_contents_mark_missing_required_documents():
    case = _agreed(performance_status="已履行", performance_date=date(2026, 11, 20))
    text = pdf_text(mediation_file.render_contents(case, COMMITTEE))
    assert "3当事人身份证明缺应有" in text and "9履行凭证缺应有" in text and "10回访记录缺应有" in text
    assert "尚缺应有材料：当事人身份证明、调解记录、履行凭证、回访记录。" in text


def test_blank_cover_and_contents():
    cover = pdf_text(mediation_file.render_cover(None, COMMITTEE))
    assert "人调字第" in cover and all(w in cover for w in ("人民调解员", "调解日期", "立卷人", "保管期限"))
    contents = pdf_text(mediation_file.render_contents(None, COMMITTEE))
    positions = [contents.index(title) for title in mf.ORDER]
    assert positions == sorted(positions)


@pytest.mark.parametrize("render", [mediation_forms.render_application, mediation_forms.render_registration,
                                    mediation_forms.render_rights])
def test_acceptance_forms_name_every_party(render):
    text = pdf_text(render(_agreed(), COMMITTEE))
    assert all(name in text for name in ("张三", "王五", "李四"))
    assert "城关镇人调字〔2026〕第12号" in text
