"""The one attachments panel (dossier and visit forms) driven like a person: add, open, save a
copy, delete; nothing before the record is saved; clear messages when a file or the record is gone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import attachments, office, persons, visits
from sifasuo_desktop.services.persons import PersonInput
from sifasuo_desktop.services.visits import VisitData
from sifasuo_desktop.ui.widgets.attachments import AttachmentsPanel

HINT = "保存后即可添加附件。"


@pytest.fixture
def person_id(ctx) -> str:
    village = office.list_villages(ctx)[0].id
    return persons.create_person(ctx, PersonInput("张三", compose("410102", date(1985, 6, 15), 123), village))


def make_panel(qtbot, ctx, table: str, owner_id: str | None) -> AttachmentsPanel:
    panel = AttachmentsPanel(ctx, table, owner_id, HINT)
    qtbot.addWidget(panel)
    panel.resize(700, 300)
    panel.show()
    return panel


def button(panel: AttachmentsPanel, text: str):
    return next(b for b in panel.buttons if b.text() == text)


def test_add_open_save_a_copy_and_delete(qtbot, ctx, person_id, tmp_path, monkeypatch, no_dialogs):
    scan = tmp_path / "判决书.pdf"
    scan.write_bytes(b"%PDF-1.4 " + b"x" * 3000)
    photo = tmp_path / "照片.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan), str(photo)], ""))
    panel = make_panel(qtbot, ctx, "person", person_id)
    assert not panel.hint.isVisible() and all(b.isEnabled() for b in panel.buttons)
    qtbot.mouseClick(button(panel, "添加文件…"), Qt.LeftButton)
    model = panel.model
    assert [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(2)] == [
        ("判决书.pdf", "2 KB"), ("照片.jpg", "1 KB")]
    assert [a.filename for a in attachments.list_attachments(ctx, "person", person_id)] == ["判决书.pdf", "照片.jpg"]

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())) or True)
    panel.table.selectRow(1)
    qtbot.mouseClick(button(panel, "打开"), Qt.LeftButton)
    assert opened[0].name == "照片.jpg" and opened[0].read_bytes() == b"\xff\xd8photo"

    copy = tmp_path / "副本.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    panel.table.selectRow(0)
    qtbot.mouseClick(button(panel, "另存为…"), Qt.LeftButton)
    assert copy.read_bytes() == scan.read_bytes()

    qtbot.mouseClick(button(panel, "删除附件"), Qt.LeftButton)
    assert no_dialogs == ["删除附件: 删除附件“判决书.pdf”？"]
    assert model.rowCount() == 1 and model.index(0, 0).data() == "照片.jpg"
    assert [a.filename for a in attachments.list_attachments(ctx, "person", person_id)] == ["照片.jpg"]


def test_nothing_can_be_added_before_the_record_is_saved(qtbot, ctx):
    panel = make_panel(qtbot, ctx, "visit", None)
    assert panel.hint.isVisible() and panel.hint.text() == HINT
    assert not panel.table.isVisible() and not any(b.isEnabled() for b in panel.buttons)


def test_a_missing_file_stops_with_a_message_and_keeps_what_was_added(qtbot, ctx, person_id, tmp_path, no_dialogs):
    good = tmp_path / "通知书.pdf"
    good.write_bytes(b"%PDF")
    panel = make_panel(qtbot, ctx, "person", person_id)
    panel.add_paths([good, tmp_path / "不存在.pdf"])
    assert len(no_dialogs) == 1 and no_dialogs[0].startswith("无法添加附件: ") and "不存在.pdf" in no_dialogs[0]
    assert panel.model.rowCount() == 1 and panel.model.index(0, 0).data() == "通知书.pdf"


def test_a_visit_deleted_meanwhile_gets_no_file(qtbot, ctx, person_id, tmp_path, no_dialogs):
    visit_id = visits.save_visit(ctx, None, VisitData(person_id, date(2026, 11, 2), "家访"))
    panel = make_panel(qtbot, ctx, "visit", visit_id)
    visits.delete_visit(ctx, visit_id)
    scan = tmp_path / "记录.jpg"
    scan.write_bytes(b"\xff\xd8")
    panel.add_paths([scan])
    assert no_dialogs == ["无法添加附件: 要添加附件的记录不存在或已删除"]
    assert panel.model.rowCount() == 0 and attachments.list_attachments(ctx, "visit", visit_id) == []


def test_a_file_deleted_elsewhere_is_reported_and_dropped_from_the_list(qtbot, ctx, person_id, no_dialogs):
    aid = attachments.add_attachment(ctx, "person", person_id, "协议书.pdf", b"%PDF")
    panel = make_panel(qtbot, ctx, "person", person_id)
    attachments.delete_attachment(ctx, aid)
    panel.table.selectRow(0)
    qtbot.mouseClick(button(panel, "打开"), Qt.LeftButton)
    assert no_dialogs == ["无法读取附件: 附件不存在或已删除"] and panel.model.rowCount() == 0
