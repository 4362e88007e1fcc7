"""The 走访记录 tab: 集中教育 with a tick list, the visit form (review fields, validation), filters."""

from datetime import date

import pytest
import visit_factories as f
from helpers import type_text
from PySide6.QtCore import Qt
from visit_ui_helpers import when_dialog_opens

from sifasuo_desktop.services import correction_activities, visits
from sifasuo_desktop.services.visits import VisitData, VisitFilter
from sifasuo_desktop.ui.dialogs.batch_education import BatchEducationDialog
from sifasuo_desktop.ui.dialogs.correction_activity import ActivityDialog
from sifasuo_desktop.ui.dialogs.visit_form import VisitDialog
from sifasuo_desktop.ui.tabs.visits import VisitsTab


@pytest.fixture
def people(ctx):
    ids = {}
    for name, initials in (("张三", "zs"), ("李四", "ls"), ("王五", "ww"), ("赵六", "zl")):
        ids[name] = f.person(ctx, name, initials=initials)
        f.aftercare(ctx, ids[name], date(2026, 3, 1))
    return ids


def open_tab(qtbot, ctx) -> VisitsTab:
    tab = VisitsTab(ctx, None)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    return tab


def test_batch_education_creates_one_visit_per_ticked_person(qtbot, ctx, people):
    tab = open_tab(qtbot, ctx)
    seen = {}

    def fill(dialog):
        seen["listed"] = dialog.list.count()
        seen["enabled_empty"] = dialog.save_button.isEnabled()
        seen["hint"] = dialog.ticked_label.text()
        type_text(dialog.form.fields["place"], "司法所会议室")
        type_text(dialog.form.fields["content"], "学习《社区矫正法》")
        type_text(dialog.find, "ls")                       # narrow to 李四, tick all shown
        qtbot.waitUntil(lambda: sum(not i.isHidden() for i in dialog.items()) == 1)
        dialog.tick_shown(Qt.Checked)
        dialog.find.clear()
        qtbot.waitUntil(lambda: sum(not i.isHidden() for i in dialog.items()) == 4)
        dialog.tick("王五")
        dialog.tick("张三")
        seen["label"] = dialog.ticked_label.text()
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_dialog_opens(BatchEducationDialog, fill)
    qtbot.mouseClick(tab.visits.buttons["batch"], Qt.LeftButton)
    assert seen == {"listed": 4, "enabled_empty": False, "hint": "请勾选参加集中教育的对象", "label": "已选 3 人"}
    rows = visits.list_visits(ctx, VisitFilter(visit_type="集中教育"))
    assert sorted(r.person_name for r in rows) == ["张三", "李四", "王五"]
    assert len({r.batch_id for r in rows}) == 1 and all(r.place == "司法所会议室" for r in rows)
    assert tab.visits.model.rowCount() == 3
    assert tab.visits.count.text() == "共 3 条"


def test_review_section_shows_for_reviews_and_checks_its_period(qtbot, ctx, people):
    dialog = VisitDialog(ctx, None, None, person_id=people["张三"], visit_type="电话")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.review_box.isVisible()
    dialog.basic.set_value("visit_type", "跟踪考察")
    assert dialog.review_box.isVisible()
    assert dialog.review.value("review_period_end") == date(2026, 11, 24)
    type_text(dialog.review.fields["review_period_start"], "2026-12-01")
    assert dialog.review.errors["review_period_end"].text() == "考察期止日不能早于起日"
    assert not dialog.save_button.isEnabled()
    dialog.review.fields["review_period_start"].clear()
    type_text(dialog.review.fields["review_period_start"], "2026-05-25")
    type_text(dialog.review.fields["review_conduct_law"], "遵纪守法，无违法行为")
    assert dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key_S, Qt.ControlModifier)
    [row] = visits.list_visits(ctx)
    data = visits.get_visit(ctx, row.id).data
    assert (data.visit_type, data.review_period_start, data.review_conduct_law) == (
        "跟踪考察", date(2026, 5, 25), "遵纪守法，无违法行为")


def test_future_date_disables_save_with_the_reason_beside_the_field(qtbot, ctx, people):
    dialog = VisitDialog(ctx, None, None, person_id=people["张三"])
    qtbot.addWidget(dialog)
    field = dialog.basic.fields["visit_date"]
    field.clear()
    type_text(field, "2026-11-25")
    assert dialog.basic.errors["visit_date"].text() == "走访日期不能晚于今天"
    assert not dialog.save_button.isEnabled()
    field.clear()
    type_text(field, "2026-11-31")
    assert "日期“2026-11-31”无效" in dialog.basic.errors["visit_date"].text()
    dialog.person.setCurrentIndex(0)
    assert dialog.basic.errors["person_id"].text() == "请选择走访对象"


def test_edit_from_the_list_and_filters(qtbot, ctx, people):
    visits.save_visit(ctx, None, VisitData(people["张三"], date(2026, 10, 1), "家访", staff="王助理"))
    visits.save_visit(ctx, None, VisitData(people["李四"], date(2026, 11, 2), "电话", staff="刘协管"))
    tab = open_tab(qtbot, ctx)
    assert [tab.visits.model.data(tab.visits.model.index(r, 1)) for r in range(2)] == ["李四", "张三"]
    type_text(tab.visits.staff, "王")
    qtbot.waitUntil(lambda: tab.visits.model.rowCount() == 1)
    tab.visits.staff.clear()
    qtbot.waitUntil(lambda: tab.visits.model.rowCount() == 2)
    type_text(tab.visits.search, "ls")
    qtbot.waitUntil(lambda: tab.visits.model.rowCount() == 1)
    assert tab.visits.model.data(tab.visits.model.index(0, 1)) == "李四"

    def change(dialog):
        type_text(dialog.basic.fields["place"], "村委会")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_dialog_opens(VisitDialog, change)
    tab.visits.table.selectRow(0)
    qtbot.mouseClick(tab.visits.buttons["edit"], Qt.LeftButton)
    assert tab.visits.model.data(tab.visits.model.index(0, 5)) == "村委会"


def test_correction_activity_is_recorded_from_its_page(qtbot, ctx, people):
    sun = f.person(ctx, "孙八")
    f.correction(ctx, sun, date(2026, 3, 1), date(2027, 2, 28))
    tab = open_tab(qtbot, ctx)
    tab.pages.setCurrentWidget(tab.activities)

    def fill(dialog):
        dialog.form.set_value("person_id", sun)
        dialog.form.set_value("kind", "公益活动")
        assert not dialog.save_button.isEnabled()
        type_text(dialog.form.fields["hours"], "3.5")
        type_text(dialog.form.fields["content"], "敬老院清扫")
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    when_dialog_opens(ActivityDialog, fill)
    qtbot.mouseClick(tab.activities.buttons["new"], Qt.LeftButton)
    assert correction_activities.hours_by_kind(ctx, sun, date(2026, 11, 1), date(2026, 11, 30))["公益活动"] == 3.5
    assert tab.activities.model.rowCount() == 1


@pytest.fixture
def opened(monkeypatch):
    """PDFs handed to the system viewer (their paths)."""
    from PySide6.QtGui import QDesktopServices

    files = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: files.append(url.toLocalFile()) or True)
    return files


def test_print_buttons_and_menu(qtbot, ctx, people, opened):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
    from pdfcheck import pdf_text

    from sifasuo_desktop.ui.dialogs.visit_print import PlanDialog
    from sifasuo_desktop.ui.main_window import MainWindow

    visits.save_visit(ctx, None, VisitData(people["张三"], date(2026, 11, 2), "家访", place="张家"))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    tab = window.show_tab("VisitsTab")
    tab.visits.table.selectRow(0)
    qtbot.mouseClick(tab.visits.buttons["print"], Qt.LeftButton)
    assert "地点张家" in pdf_text(Path(opened[-1]).read_bytes())
    qtbot.mouseClick(tab.visits.buttons["bundle"], Qt.LeftButton)
    assert "卷内目录" in pdf_text(Path(opened[-1]).read_bytes()) and "档案案卷" in opened[-1]
    blanks = {a.text(): a for a in window.menus["打印"].actions()}["空白走访文书"].menu().actions()
    for action in blanks:
        action.trigger()
        assert "空白" in opened[-1]
    assert len(opened) == 2 + 5

    def choose(dialog):
        dialog.month.setValue(12)
        qtbot.mouseClick(dialog.print_button, Qt.LeftButton)

    when_dialog_opens(PlanDialog, choose)
    {a.text(): a for a in window.menus["打印"].actions()}["走访计划…"].trigger()
    assert "2026年12月走访计划" in pdf_text(Path(opened[-1]).read_bytes())
    window.tab("WorkbenchTab").wait_loaded()


def test_delete_asks_first_and_attachments_belong_to_the_visit(qtbot, ctx, people, no_dialogs, tmp_path):
    from sifasuo_desktop.services import attachments

    visit_id = visits.save_visit(ctx, None, VisitData(people["张三"], date(2026, 11, 2), "家访"))
    dialog = VisitDialog(ctx, visit_id, None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "修改走访记录"
    scan = tmp_path / "谈话记录签字.jpg"
    scan.write_bytes(b"\xff\xd8scan")
    dialog.attachments.add_paths([scan])
    assert dialog.attachments.model.rowCount() == 1
    [info] = attachments.list_attachments(ctx, "visit", visit_id)
    assert info.filename == "谈话记录签字.jpg" and attachments.attachment_data(ctx, info.id) == b"\xff\xd8scan"
    dialog.attachments.table.selectRow(0)
    dialog.attachments.delete_selected()
    assert no_dialogs == ["删除附件: 删除附件“谈话记录签字.jpg”？"] and dialog.attachments.model.rowCount() == 0
    new_dialog = VisitDialog(ctx, None, None, person_id=people["张三"])
    qtbot.addWidget(new_dialog)
    assert new_dialog.attachments.hint.text().startswith("保存走访记录后")

    tab = open_tab(qtbot, ctx)
    tab.visits.table.selectRow(0)
    qtbot.mouseClick(tab.visits.buttons["delete"], Qt.LeftButton)
    assert no_dialogs[-1] == "删除走访记录: 删除张三 2026-11-02的家访记录？"
    assert visits.list_visits(ctx) == [] and tab.visits.model.rowCount() == 0
