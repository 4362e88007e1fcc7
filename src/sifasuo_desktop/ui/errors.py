"""The three tiers of errors: a field problem beside the field (forms do that), an environment
problem as a plain message with details to copy, a bug as a crash dialog that names the log file."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.core.storage import describe

log = logging.getLogger(__name__)
_log_file: str = ""


def show_user_error(parent: QWidget | None, err: BaseException, title: str = "无法完成") -> None:
    """A user error, or an environment problem (full disk, file in use ...) with details to copy."""
    message = str(err) if isinstance(err, UserError) else (describe(err) or str(err))
    box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, parent)
    if not isinstance(err, UserError):
        box.setDetailedText("".join(traceback.format_exception(err)))
    box.exec()


def show_crash(parent: QWidget | None, exc_type, exc, tb) -> None:
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    box = QMessageBox(
        QMessageBox.Critical,
        "程序出错",
        "程序遇到了一个意外错误。已保存的数据不受影响。\n"
        f"请把日志文件发给维护人员：\n{_log_file}",
        QMessageBox.Ok,
        parent,
    )
    box.setDetailedText(details)
    box.exec()


def install_excepthook(log_file: str) -> None:
    """Uncaught exceptions in slots: log them and show the crash dialog instead of dying."""
    global _log_file
    _log_file = log_file

    def hook(exc_type, exc, tb):
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        if isinstance(exc, UserError) or describe(exc) is not None:
            show_user_error(None, exc)
        else:
            show_crash(None, exc_type, exc, tb)

    sys.excepthook = hook
