"""Work-around for a defect of the pinned PySide6 on Python 3.11, installed when ``ui`` loads.

PySide6 6.12.0 (the abi3 wheel) returns ``None`` from void methods and ``True``/``False`` from
some calls (``SignalInstance.emit``) without owning a reference, as if they were immortal
objects (they are from Python 3.12 on, PEP 683). On Python 3.11 every such call lowers their
reference count by one: ``checkbox.setChecked(...)``, ``timer.start()``, ``combo.addItem(...)``,
``signal.emit(...)``, a repaint of a table... After some thousands of calls the interpreter
aborts with "Fatal Python error: none_dealloc" (or ``bool_dealloc``), at the latest on exit.

The fix gives these three singletons the immortality the wheel assumes: a reference count so
large that no run can exhaust it. It is applied only when a probe shows the defect, so a
fixed PySide6 or Python 3.12+ runs untouched.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

# Half of the signed 64-bit range: never reached by any run, and far from overflow.
_IMMORTAL = 1 << 62


class _Probe(QObject):
    signal = Signal()


def defect_present() -> bool:
    """Do calls into PySide6 lose references to ``None`` or ``True``? (Measured, not assumed.)"""
    probe = _Probe()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.signal.emit()
        probe.setObjectName("probe")
    after = sys.getrefcount(None), sys.getrefcount(True)
    return after[0] < before[0] or after[1] < before[1]


def _refcount_field(obj: object) -> ctypes.c_ssize_t:
    return ctypes.c_ssize_t.from_address(id(obj))   # ob_refcnt is the first field of every object


def install() -> bool:
    """Make None, True and False effectively immortal when needed; returns whether it did."""
    if sys.version_info >= (3, 12) or not defect_present():
        return False
    for singleton in (None, True, False):
        field = _refcount_field(singleton)
        if field.value < _IMMORTAL:
            field.value += _IMMORTAL
    return True
