"""Very long texts and characters that cannot be printed.

Classes:
- a 100,000-character *long-text* field (备注, 家庭成员, 纠纷简要情况): accepted by design (a pasted
  statement is real work), stored whole, printed over as many pages as it needs, and the program
  stays quick. 100,000 characters in a *short* field are refused (test_dossier_input,
  test_mediation_input, test_settings_input: ``*-100000-characters``).
- a name with a character no font has (a rare 生僻字 beyond every bundled and system font): saved,
  and the user is told which characters will print blank, for a dossier and for a mediation case.
- control characters in a name (pasted along from another program): refused (test_dossier_input
  ``name-control-character``, test_mediation_input ``party-address-control-character``).
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import replace
from datetime import date

import pytest
from mediation_fixtures import new_case
from PySide6.QtGui import QDesktopServices

from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import mediation, mediation_print, office, person_print, persons
from sifasuo_desktop.services.person_dossier import get_dossier
from sifasuo_desktop.services.persons import AftercareInput, PersonInput
from sifasuo_desktop.ui.dialogs.mediation_case import MediationCaseDialog

LONG = "家庭成员情况说明，" * 11_112  # 100,008 characters
NO_FONT = "\U00030000"               # CJK Extension G: in no bundled font


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def new_person(ctx, **kw) -> str:
    data = PersonInput(**{"name": "张三", "id_number": compose("410101", date(1980, 5, 17), 123),
                          "village_id": office.list_villages(ctx)[0].id, **kw})
    return persons.create_person(ctx, data, aftercare=[AftercareInput("监狱刑满释放", date(2024, 3, 1))])


def test_100000_characters_in_a_long_text_field_are_kept_and_printed(ctx, tmp_path):
    started = time.perf_counter()
    pid = new_person(ctx, family_members=LONG, notes=LONG)
    stored = get_dossier(ctx, pid).person
    assert stored.family_members == LONG and stored.notes == LONG
    result = person_print.print_person_form(ctx, pid, person_print.AFTERCARE_FORM, tmp_path / "登记表.pdf")
    assert pages(result.path) > 40 and result.missing_glyphs == ()
    case = mediation.create_case(ctx, replace(new_case(), summary=LONG))
    assert mediation.get_case(ctx, case.id).summary == LONG
    pdf = mediation_print.render_case_form(ctx, case.id, mediation_print.APPLICATION)
    (tmp_path / "申请书.pdf").write_bytes(pdf)
    assert pages(tmp_path / "申请书.pdf") > 20
    assert time.perf_counter() - started < 20
    new_person(ctx, id_number=compose("410101", date(1981, 1, 1), 125))  # still usable


def test_character_no_font_has_in_a_dossier_name_is_reported(ctx, tmp_path):
    pid = new_person(ctx, name=f"张{NO_FONT}")
    result = person_print.print_person_form(ctx, pid, person_print.AFTERCARE_FORM, tmp_path / "登记表.pdf")
    assert result.missing_glyphs == (NO_FONT,)    # the 一人一档 tab shows them (tests/ui/test_dossier_tab.py)
    assert result.path.read_bytes().startswith(b"%PDF")


def test_character_no_font_has_in_a_mediation_case_is_reported(qtbot, ctx, no_dialogs, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    parties = (replace(new_case().parties[0], address=f"东街{NO_FONT}巷"), new_case().parties[1])
    case = mediation.create_case(ctx, replace(new_case(), parties=parties))
    assert mediation_print.unprintable(ctx, case.id) == (NO_FONT,)

    dialog = MediationCaseDialog(ctx, case.id)
    qtbot.addWidget(dialog)
    dialog.print_form(mediation_print.APPLICATION)
    assert any(f"有字符无法打印: 以下字符在所有字体中都没有，打印出来会是空白，请手工填写：{NO_FONT}" == shown
               for shown in no_dialogs), no_dialogs
    assert opened and opened[-1].endswith(".pdf")      # the PDF is still made and opened
    assert mediation_print.unprintable(ctx, mediation.create_case(ctx, new_case()).id) == ()


@pytest.mark.parametrize("name", ["张\x00三", "李\x1b四"], ids=["nul", "escape"])
def test_control_character_in_a_village_name_is_refused(ctx, refused, name):
    refused(lambda: office.save_village(ctx, None, name=name), "控制字符", field="name")
