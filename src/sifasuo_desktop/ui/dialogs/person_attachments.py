"""附件 of a dossier: scans and files kept inside the database; add, open, save a copy, delete."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import attachments
from sifasuo_desktop.services.context import AppContext

OWNER = "person"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


class AttachmentsPanel(QWidget):
    def __init__(self, ctx: AppContext, person_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        self.items: list[attachments.AttachmentInfo] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["文件名", "大小", "说明", "添加时间"])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.doubleClicked.connect(self.open_selected)
        self.hint = QLabel("保存档案后即可添加附件（释放通知书、判决书、协议书扫描件等）。")
        buttons = QHBoxLayout()
        self.buttons = []
        for text, slot in (("添加文件…", self.add_files), ("打开", self.open_selected),
                           ("另存为…", self.save_selected), ("删除", self.delete_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        saved = self.person_id is not None
        self.hint.setVisible(not saved)
        for button in self.buttons:
            button.setEnabled(saved)
        self.items = attachments.list_attachments(self.ctx, OWNER, self.person_id) if saved else []
        self.table.setRowCount(len(self.items))
        for row, info in enumerate(self.items):
            added = info.created_at.strftime("%Y-%m-%d %H:%M") if info.created_at else ""
            for col, text in enumerate((info.filename, _size(info.size), info.description or "", added)):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def add_path(self, path: Path) -> None:
        attachments.add_attachment(self.ctx, OWNER, self.person_id, path.name, path.read_bytes())

    def add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "添加附件", "", "扫描件和文档 (*.pdf *.jpg *.jpeg *.png *.tif *.doc *.docx *.xls *.xlsx);;所有文件 (*)")
        try:
            for name in names:
                self.add_path(Path(name))
        except (UserError, OSError) as err:
            QMessageBox.warning(self, "无法添加附件", str(err))
        self.reload()

    def _selected(self) -> attachments.AttachmentInfo | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def open_selected(self) -> None:
        info = self._selected()
        if info is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="sifasuo-"))
        target = folder / info.filename
        target.write_bytes(attachments.attachment_data(self.ctx, info.id))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def save_selected(self) -> None:
        info = self._selected()
        if info is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "另存附件", info.filename)
        if name:
            try:
                Path(name).write_bytes(attachments.attachment_data(self.ctx, info.id))
            except OSError as err:
                QMessageBox.warning(self, "无法保存", str(err))

    def delete_selected(self) -> None:
        info = self._selected()
        if info is None:
            return
        if QMessageBox.question(self, "删除附件", f"删除附件“{info.filename}”？") == QMessageBox.Yes:
            attachments.delete_attachment(self.ctx, info.id)
            self.reload()
