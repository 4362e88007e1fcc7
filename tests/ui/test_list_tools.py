"""The list tabs' shared pieces: the village filter refill and the action buttons' shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget

from sifasuo_desktop.services import office
from sifasuo_desktop.ui.widgets.list_tools import Action, action_row, bind_find, fill_villages


def test_village_filter_keeps_the_choice_and_emits_nothing(qtbot, ctx):
    combo = QComboBox()
    qtbot.addWidget(combo)
    west = office.save_village(ctx, None, name="西街村")
    fill_villages(combo, ctx)
    assert [combo.itemText(i) for i in range(combo.count())] == ["全部村(社区)", "东街社区", "西街村"]
    assert combo.itemData(0) is None
    combo.setCurrentIndex(2)
    changes = []
    combo.currentIndexChanged.connect(changes.append)
    office.save_village(ctx, None, name="北关村", sort_order=0)          # sorts first
    fill_villages(combo, ctx)
    assert combo.currentData() == west and combo.currentText() == "西街村" and changes == []
    office.delete_village(ctx, west)
    fill_villages(combo, ctx)
    assert combo.currentIndex() == 0 and "西街村" not in [combo.itemText(i) for i in range(combo.count())]


def test_shortcuts_press_enabled_buttons_only_and_ctrl_f_finds(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    pressed = []
    row, buttons = action_row(owner, [Action("go", "执行", lambda: pressed.append("go"), "执行所选", "Ctrl+Shift+G"),
                                      Action("plain", "普通", lambda: pressed.append("plain"))])
    search, other = QLineEdit(), QLineEdit()
    search.setText("张三")
    layout = QVBoxLayout(owner)
    layout.addWidget(search)
    layout.addWidget(other)
    layout.addLayout(row)
    bind_find(owner, search)
    owner.show()
    owner.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is owner)
    assert buttons["go"].toolTip() == "执行所选（Ctrl+Shift+G）" and buttons["plain"].toolTip() == ""
    other.setFocus()
    qtbot.keyClick(other, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)
    buttons["go"].setEnabled(False)
    qtbot.keyClick(other, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.mouseClick(buttons["plain"], Qt.LeftButton)
    assert pressed == ["go", "plain"]
    qtbot.keyClick(other, Qt.Key_F, Qt.ControlModifier)
    assert QApplication.focusWidget() is search and search.selectedText() == "张三"
