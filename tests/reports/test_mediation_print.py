from dataclasses import replace
from datetime import date

import pytest
from mediation_fixtures import new_case
from pdfcheck import pdf_pages, pdf_text

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain.mediation import Record
from sifasuo_desktop.services import audit, mediation, mediation_print, mediation_records, office


@pytest.fixture
def case(ctx):
    case = mediation.create_case(ctx, new_case())
    for day, text in ((2, "第一次调查"), (3, "第二次调查")):
        case = mediation_records.save_record(ctx, case.id, Record("调查", date(2026, 11, day), text=text))
    return case


def test_case_forms_are_printed_from_the_stored_case_and_audited(ctx, case):
    text = pdf_text(mediation_print.render_case_form(ctx, case.id, "人民调解受理登记表"))
    assert "测试镇人民调解委员会" in text and "张三" in text          # committee named after the office
    entry = audit.list_entries(ctx, record_id=case.id)[0]
    assert (entry.action, entry.summary) == ("打印", "打印人民调解受理登记表 城关镇人调字〔2026〕第1号")


def test_records_print_one_or_all(ctx, case):
    both = mediation_print.render_case_form(ctx, case.id, "调查记录")
    assert len(pdf_pages(both)) == 2
    one = mediation_print.render_case_form(ctx, case.id, "调查记录", case.records[1].id)
    assert "第二次调查" in pdf_text(one) and "第一次调查" not in pdf_text(one)
    with pytest.raises(UserError, match="本案没有回访记录"):
        mediation_print.render_case_form(ctx, case.id, "回访记录")


def test_agreement_needs_a_written_agreement(ctx, case):
    with pytest.raises(UserError, match="书面调解协议"):
        mediation_print.render_case_form(ctx, case.id, "人民调解协议书")
    oral = mediation.update_case(ctx, case.id, replace(case, result="成功", concluded_date=date(2026, 11, 10),
                                                       agreement_form="口头"))
    with pytest.raises(UserError):
        mediation_print.render_case_form(ctx, oral.id, "人民调解协议书")


def test_committee_name_and_copies_come_from_the_office(ctx, case):
    office.update_office(ctx, code="410101001", name="测试镇司法所", committee_name="测试镇东街人民调解委员会")
    office.save_settings(ctx, {"agreement_copies_extra": 2})
    who = mediation_print.committee(ctx)
    assert (who.office_name, who.committee_name, who.copies_extra) == ("测试镇司法所", "测试镇东街人民调解委员会", 2)


@pytest.mark.parametrize("form", mediation_print.BLANK_FORMS)
def test_every_blank_form_prints(ctx, form):
    pdf = mediation_print.render_blank(ctx, form)
    assert pdf.startswith(b"%PDF") and len(pdf_pages(pdf)) >= 1
    title = {"调查记录": "人民调解调查记录", "调解记录": "人民调解记录", "回访记录": "人民调解回访记录",
             "卷宗封面": "人民调解卷宗"}.get(form, form)
    assert title in pdf_text(pdf)


def test_register_print_is_audited(ctx, case):
    pdf = mediation_print.render_register(ctx, date(2026, 1, 1), date(2026, 12, 31))
    assert "〔2026〕第1号" in pdf_text(pdf)
    assert audit.list_entries(ctx)[0].summary == "打印人民调解案件登记簿 2026-01-01至2026-12-31（1件）"
