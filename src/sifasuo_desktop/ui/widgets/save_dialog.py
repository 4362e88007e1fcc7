"""Ask where to save a report file (打印PDF… / 保存Excel…): the suffix is added when left out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

FILE_FILTERS = {"pdf": "PDF 文件 (*.pdf)", "xlsx": "Excel 文件 (*.xlsx)"}
TITLES = {"pdf": "打印PDF", "xlsx": "保存Excel"}


def ask_save_path(parent: QWidget, fmt: str, name: str) -> Path | None:
    """The chosen file for a ``pdf`` or ``xlsx`` report suggested as ``name``; None when cancelled."""
    path, _filter = QFileDialog.getSaveFileName(parent, TITLES[fmt], name, FILE_FILTERS[fmt])
    if not path:
        return None
    return Path(path if path.lower().endswith(f".{fmt}") else f"{path}.{fmt}")
