"""Every tab has a keyboard path: Alt+1 … Alt+5 switch tabs in the main window."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sifasuo_desktop.ui.main_window import MainWindow


def test_alt_number_switches_tabs(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["工作台", "一人一档", "走访记录", "人民调解", "统计报表"]
    bar = window.tabs.tabBar()
    bar.setFocus()
    for index in (1, 3, 4, 0):
        qtbot.keyClick(bar, Qt.Key(int(Qt.Key_1.value) + index), Qt.AltModifier)
        assert window.tabs.currentIndex() == index
