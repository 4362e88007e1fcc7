"""Printing from the dossier: the forms filled from the DB, written, audited, missing glyphs named."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from sqlalchemy import select

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.db.models import AuditLog
from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import office, person_print, persons
from sifasuo_desktop.services.person_dossier import get_dossier
from sifasuo_desktop.services.persons import (
    AftercareInput,
    CorrectionInput,
    FlagInput,
    HelperInput,
    PersonInput,
    PlacementInput,
    ReoffenseInput,
)

NUMBER = compose("410102", date(1985, 6, 15), 123)


def text_of(path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return re.sub(r"\s+", "", out)


def make(ctx, name="张三", **kw):
    village = office.list_villages(ctx)[0].id
    return persons.create_person(ctx, PersonInput(name, NUMBER, village, phone="13800001111", **kw), **{
        "aftercare": [AftercareInput("监狱刑满释放", date(2024, 3, 1), handover_date=date(2024, 3, 2),
                                     handover_method="必接必送", category="重点", category_reason="暴力犯罪",
                                     charge="故意伤害罪", original_sentence="有期徒刑三年")],
        "history": [PlacementInput(date(2024, 4, 1), "03", "县建筑队"), HelperInput("家属", "李秀英", phone="139"),
                    FlagInput("three_nos", date(2024, 3, 1)), ReoffenseInput(date(2025, 1, 5), "违法", "殴打他人")],
    })


def test_aftercare_registration_is_filled_written_and_audited(ctx, tmp_path):
    pid = make(ctx)
    assert person_print.forms_for(ctx, pid) == [person_print.AFTERCARE_FORM]
    result = person_print.print_person_form(ctx, pid, person_print.AFTERCARE_FORM, tmp_path / "登记表.pdf")
    assert result.path == tmp_path / "登记表.pdf" and result.missing_glyphs == ()
    text = text_of(result.path)
    for expected in ("安置帮教对象基本情况登记表", "张三", NUMBER, "1985年6月15日", "东街社区", "故意伤害罪",
                     "2024年3月1日", "2029年3月1日", "必接必送", "重点", "暴力犯罪", "灵活就业(务工)", "县建筑队",
                     "李秀英", "殴打他人", "测试镇司法所"):
        assert expected in text, expected
    with ctx.reading() as s:
        row = s.execute(select(AuditLog.action, AuditLog.record_id, AuditLog.summary)
                        .where(AuditLog.action == "打印")).one()
    assert row == ("打印", pid, "打印安置帮教对象基本情况登记表 张三")


def test_aftercare_data_flags_and_removal(ctx):
    dossier = get_dossier(ctx, make(ctx))
    data = person_print.aftercare_data(dossier, date(2026, 11, 24))
    assert (data.three_nos, data.residence_mismatch, data.removal) == ("是", "否", "")
    assert data.placement == "2024年4月1日 灵活就业(务工) 县建筑队"
    assert data.reoffense == "2025年1月5日 违法 殴打他人"
    later = person_print.aftercare_data(dossier, date(2029, 3, 1))
    assert later.removal == "2029年3月1日 帮教期满"


def test_correction_form_and_unknown_glyph(ctx, tmp_path):
    village = office.list_villages(ctx)[0].id
    pid = persons.create_person(ctx, PersonInput("𰻞明", NUMBER, village, political_status="群众"), corrections=[
        CorrectionInput("缓刑", date(2025, 1, 1), date(2027, 1, 1), term_text="二年", charge="危险驾驶罪",
                        decision_organ="示范县人民法院", prohibition="禁止进入酒吧", prohibition_start=date(2025, 1, 1),
                        prohibition_end=date(2026, 1, 1), report_date=date(2025, 1, 5), reception_method="自行报到",
                        report_status="按时报到", documents_received_date=date(2024, 12, 28), documents_kinds="判决书")])
    with pytest.raises(ValidationError):
        person_print.print_person_form(ctx, pid, person_print.AFTERCARE_FORM, tmp_path / "x.pdf")
    result = person_print.print_person_form(ctx, pid, person_print.CORRECTION_FORM, tmp_path / "c.pdf")
    assert result.missing_glyphs == ("𰻞",)
    text = text_of(result.path)
    for expected in ("社区矫正对象基本信息表", "明", "缓刑", "二年", "2025年1月1日至2027年1月1日", "示范县人民法院",
                     "禁止进入酒吧", "自行报到，2025年1月5日报到", "按时报到", "2024年12月28日判决书"):
        assert expected in text, expected
