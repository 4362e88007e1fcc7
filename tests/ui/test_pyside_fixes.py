"""The PySide6 refcount defect (see ui.pyside_fixes) cannot bring the program down."""

import sys

from PySide6.QtWidgets import QCheckBox

from sifasuo_desktop.ui import pyside_fixes


def test_singletons_survive_many_void_calls_and_emits(qtbot):
    box = QCheckBox()
    qtbot.addWidget(box)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(5000):
        box.setChecked(i % 2 == 0)            # a void call and a toggled(bool) emit each time
    if pyside_fixes.defect_present():
        assert sys.version_info < (3, 12)
        assert min(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)) > 1 << 61
    else:
        assert (sys.getrefcount(None), sys.getrefcount(True)) >= (before[0] - 10, before[1] - 10)
