"""Hand a rendered PDF to the user: saved in the data folder's 打印 folder, opened in the viewer.

The system PDF viewer prints (the office printer is set up there); when none opens, the user is
told where the file is.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from sifasuo_desktop.core import paths
from sifasuo_desktop.core.storage import write_atomic


def output_folder() -> Path:
    folder = paths.data_dir() / "打印"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def show_pdf(parent: QWidget | None, data: bytes, name: str, missing: tuple[str, ...] = ()) -> Path:
    """Write ``data`` as ``<name>_<time>.pdf`` and open it; returns the file. ``missing``: characters
    no font has (``reports.pdf.fonts.missing_in``): the user is told to write them in by hand."""
    if missing:
        QMessageBox.warning(parent, "有字符无法打印", "以下字符在所有字体中都没有，打印出来会是空白，请手工填写："
                            + "　".join(missing))
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "文书"
    target = output_folder() / f"{safe}_{datetime.now():%Y%m%d-%H%M%S}.pdf"
    write_atomic(target, data)  # a full disk raises StorageError and leaves no half PDF
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        QMessageBox.information(parent, "已生成PDF", f"没有找到PDF阅读器。文件已保存到：\n{target}")
    return target
