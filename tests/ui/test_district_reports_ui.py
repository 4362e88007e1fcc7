"""The district's 统计报表 tab prints and saves: 打印PDF… (the total on the official form, or the
offices side by side) and 保存Excel…, through file dialogs, each logged."""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from exchange_data import merged_district
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from reports.pdfcheck import compact, pdf_page_sizes, pdf_pages
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import open_database
from sifasuo_desktop.ui.tabs import district_reports as tab_module
from sifasuo_desktop.ui.tabs.district_reports import DistrictReportsTab

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def district_file(tmp_path_factory):
    from sifasuo_desktop.db.migrate import upgrade

    tmp = tmp_path_factory.mktemp("district_tab")
    upgrade(tmp / "template.sqlite3")
    dctx, offices = merged_district(tmp / "template.sqlite3", tmp, offices=(("410101001", "城关镇司法所"),
                                                                           ("410101002", "河湾乡司法所")))
    for ctx in (dctx, *offices):
        ctx.dispose()
    return dctx.path


@pytest.fixture
def tab(district_file, tmp_path, qtbot, monkeypatch):
    shutil.copyfile(district_file, tmp_path / "district.sqlite3")
    ctx = open_database(tmp_path / "district.sqlite3", today=TODAY)
    widget = DistrictReportsTab(ctx, None)
    qtbot.addWidget(widget)
    widget.errors = []
    widget.show()
    qtbot.waitExposed(widget)
    monkeypatch.setattr(tab_module, "show_user_error", lambda parent, err, title="无法完成": widget.errors.append(str(err)))
    widget.start.setText("2025-01-01")
    widget.end.setText("2025-12-31")
    qtbot.mouseClick(widget.compute_button, Qt.LeftButton)
    yield widget
    ctx.dispose()


@pytest.fixture
def save_as(monkeypatch, tmp_path):
    """The file dialog answers with ``tmp_path / <the suggested name>``; ``asked`` lists the questions."""
    asked: list[tuple[str, str]] = []

    def choose(parent, title, name, filters):
        asked.append((title, name))
        return str(tmp_path / name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    return asked


def choose_from_menu(qtbot, button, text: str) -> None:
    """Press the button and click the menu entry ``text`` in the menu that drops down."""
    picked = []

    def pick():
        menu = QApplication.activePopupWidget()
        if menu is None or not menu.isVisible():
            QTimer.singleShot(20, pick)
            return
        action = next(a for a in menu.actions() if a.text() == text)
        QTest.mouseClick(menu, Qt.LeftButton, pos=menu.actionGeometry(action).center())
        picked.append(action)

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(picked), timeout=3000)


def _shown_total(tab, code: str) -> str:
    model = tab.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == code)
    return model.data(model.index(row, 2))


def test_print_the_total_and_the_comparison_and_save_the_workbook(qtbot, tab, save_as, tmp_path, no_dialogs):
    assert [a.text() for a in tab.pdf_button.menu().actions()] == ["区县汇总表（正式格式）…", "分所对比表（横向）…"]
    qtbot.mouseClick(tab.xlsx_button, Qt.LeftButton)
    choose_from_menu(qtbot, tab.pdf_button, "区县汇总表（正式格式）…")
    choose_from_menu(qtbot, tab.pdf_button, "分所对比表（横向）…")
    names = ["7号表_区县汇总_2025-01-01_2025-12-31.xlsx", "7号表_区县汇总_2025-01-01_2025-12-31.pdf",
             "7号表_分所对比_2025-01-01_2025-12-31.pdf"]
    assert save_as == [("保存Excel", names[0]), ("打印PDF", names[1]), ("打印PDF", names[2])]
    assert no_dialogs == [f"已保存: 已保存到：\n{tmp_path / name}" for name in names] and tab.errors == []

    book = load_workbook(io.BytesIO((tmp_path / names[0]).read_bytes()))
    assert book.sheetnames == ["汇总", "分所对比", "汇总数值"]
    side = {r[1]: r[2:] for r in book["分所对比"].iter_rows(min_row=6, values_only=True) if r[1]}
    assert str(side["4"][-1]) == _shown_total(tab, "4") and side["4"][-1] == side["4"][0] + side["4"][1] > 0
    assert f"{side['14'][-1]:.2f}" == _shown_total(tab, "14")

    total = (tmp_path / names[1]).read_bytes()
    assert pdf_page_sizes(total) == [(210, 297)]
    assert "填报单位：测试县司法局（汇总2个司法所）" in compact(pdf_pages(total)[0])
    assert f"期末在册人数4{_shown_total(tab, '4')}" in compact(pdf_pages(total)[0])
    by_office = (tmp_path / names[2]).read_bytes()
    assert set(pdf_page_sizes(by_office)) == {(297, 210)}
    assert "项目行次城关镇司法所河湾乡司法所合计" in compact(pdf_pages(by_office)[-1])
    logged = [(e.action, e.summary) for e in audit.list_entries(tab.ctx, limit=5000) if "2025年1月1日" in e.summary]
    assert logged == [("打印", "7号表（分所对比） 2025年1月1日至2025年12月31日 PDF"),
                      ("打印", "7号表（区县汇总） 2025年1月1日至2025年12月31日 PDF"),
                      ("导出", "7号表（区县汇总） 2025年1月1日至2025年12月31日 XLSX")]


def test_the_mediation_table_prints_side_by_side(qtbot, tab, save_as, tmp_path, no_dialogs):
    tab.report.setCurrentIndex(1)
    choose_from_menu(qtbot, tab.pdf_button, "分所对比表（横向）…")
    assert save_as == [("打印PDF", "人民调解统计表_分所对比_2025-01-01_2025-12-31.pdf")]
    text = compact(pdf_pages((tmp_path / save_as[0][1]).read_bytes())[0])
    assert "人民调解工作统计表（分所对比）" in text and "受理纠纷件数M1" in text


def test_a_cancelled_dialog_writes_nothing_and_a_wrong_period_is_explained(qtbot, tab, monkeypatch, no_dialogs):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    qtbot.mouseClick(tab.xlsx_button, Qt.LeftButton)
    assert no_dialogs == [] and tab.errors == []
    assert not [e for e in audit.list_entries(tab.ctx, limit=5000) if "（区县汇总）" in e.summary]
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: asked.append(args) or ("", ""))
    tab.end.setText("2024-12-31")
    qtbot.mouseClick(tab.xlsx_button, Qt.LeftButton)
    assert tab.errors == ["请填写正确的统计时段（结束日期不早于开始日期）"] and asked == []
