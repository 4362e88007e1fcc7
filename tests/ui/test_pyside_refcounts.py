"""Guard against the PySide6 6.12.0 defect that drops a reference to None/True on every void call
and signal emit: on Python 3.11 the program aborts ("none_dealloc") after a few thousand calls.
pyproject.toml pins 6.11.3, which does not have it; this test fails if the pin is lifted too early."""

import sys

from PySide6.QtWidgets import QCheckBox


def test_void_calls_and_emits_keep_singleton_refcounts(qtbot):
    box = QCheckBox()
    qtbot.addWidget(box)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for i in range(5000):
        box.setChecked(i % 2 == 0)  # a void call and a toggled(bool) emit each time
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(a >= b - 50 for a, b in zip(after, before)), (before, after)
