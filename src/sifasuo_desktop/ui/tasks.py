"""Long work in a worker thread with a progress dialog and a cancel button.

A service function that takes a ``progress`` callable ``(done, total, message) -> None`` runs
unchanged here and in the CLI. Cancelling sets ``progress.cancelled``; the service checks it and
raises ``core.errors.Cancelled`` (rolling back its transaction).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from sifasuo_desktop.core.errors import Cancelled


class Progress(QObject):
    changed = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = False

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if self.cancelled:
            raise Cancelled()
        self.changed.emit(done, total, message)


class _Worker(QThread):
    def __init__(self, fn: Callable[..., Any], progress: Progress):
        super().__init__()
        self.fn, self.progress = fn, progress
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn(self.progress)
        except BaseException as err:  # noqa: BLE001 - handed to the UI thread
            self.error = err


def run_with_progress(parent: QWidget | None, title: str, fn: Callable[[Progress], Any]) -> Any:
    """Run ``fn(progress)`` in a worker while a modal progress dialog shows; return its result.

    Raises the worker's exception in the UI thread (``Cancelled`` when the user cancelled).
    """
    progress = Progress()
    dialog = QProgressDialog(title, "取消", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def on_change(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if message:
            dialog.setLabelText(f"{title}\n{message}")

    def on_cancel() -> None:
        progress.cancelled = True

    progress.changed.connect(on_change)
    dialog.canceled.connect(on_cancel)
    worker = _Worker(fn, progress)
    worker.finished.connect(dialog.close)
    worker.start()
    dialog.exec()
    worker.wait()
    if worker.error is not None:
        raise worker.error
    return worker.result


class BackgroundCall(QThread):
    """Run ``fn()`` in a worker thread without a dialog; ``done(result)`` or ``failed(error)`` arrive
    in the UI thread. For quick loads that should not block painting (e.g. a 50,000-row list)."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.fn = fn
        app = QCoreApplication.instance()
        if app is not None:  # a thread still running when Qt tears down aborts the program
            app.aboutToQuit.connect(self.wait)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as err:  # noqa: BLE001 - handed to the UI thread
            self.failed.emit(err)
        else:
            self.done.emit(result)
