"""Work-arounds for defects of the pinned PySide6, installed once when ``sifasuo_desktop.ui`` loads.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without owning a reference to it, so
every ``emit`` of a signal declared in Python lowers the reference count of ``True`` by one.
After a few hundred emits the interpreter aborts ("Fatal Python error: bool_dealloc"), typically
while a form revalidates as the user types. The fix wraps ``emit`` and gives the reference back.
It is installed only when a probe shows the defect, so a fixed PySide6 runs untouched.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    signal = Signal()


def emit_leaks_true() -> bool:
    """Does ``emit`` lose a reference to ``True``? (Measured, not assumed from the version.)"""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.signal.emit()
    leaked = sys.getrefcount(True) < before
    if leaked:  # give back what the probe took
        for _ in range(before - sys.getrefcount(True)):
            _incref(True)
    return leaked


def install() -> bool:
    """Patch ``SignalInstance.emit`` when needed; returns whether the patch is in place."""
    if getattr(SignalInstance.emit, "_sifasuo_fixed", False):
        return True
    if not emit_leaks_true():
        return False
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True:
            _incref(True)
        return result

    emit._sifasuo_fixed = True
    SignalInstance.emit = emit
    return True
