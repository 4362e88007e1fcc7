"""附件 of one visit (a signed 谈话记录 scan, photos of the home visit): add, open, delete.

Files are added to a saved visit at once (each its own audited write); a new visit is saved first.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import attachments
from sifasuo_desktop.services.context import AppContext

OWNER = "visit"
FILE_FILTER = "扫描件和照片 (*.pdf *.jpg *.jpeg *.png *.tif *.doc *.docx);;所有文件 (*)"


class VisitAttachments(QWidget):
    def __init__(self, ctx: AppContext, visit_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.visit_id = ctx, visit_id
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.hint = QLabel("保存走访记录后即可添加附件（签字的谈话记录扫描件、照片等）。")
        self.buttons = []
        row = QHBoxLayout()
        for text, slot in (("添加附件…", self.add_files), ("打开", self.open_selected), ("删除附件", self.delete_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        saved = self.visit_id is not None
        self.hint.setVisible(not saved)
        self.list.setVisible(saved)
        for button in self.buttons:
            button.setEnabled(saved)
        self.list.clear()
        for info in attachments.list_attachments(self.ctx, OWNER, self.visit_id) if saved else []:
            item = QListWidgetItem(f"{info.filename}（{max(info.size // 1024, 1)} KB）")
            item.setData(Qt.UserRole, info)
            self.list.addItem(item)

    def add_paths(self, paths: list[Path]) -> None:
        try:
            for path in paths:
                attachments.add_attachment(self.ctx, OWNER, self.visit_id, path.name, path.read_bytes())
        except (UserError, OSError) as err:
            QMessageBox.warning(self, "无法添加附件", str(err))
        self.reload()

    def add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "添加附件", "", FILE_FILTER)
        self.add_paths([Path(n) for n in names])

    def _selected(self):
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def open_selected(self) -> None:
        info = self._selected()
        if info is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="sifasuo-"))
        target = folder / info.filename
        target.write_bytes(attachments.attachment_data(self.ctx, info.id))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def delete_selected(self) -> None:
        info = self._selected()
        if info is None:
            return
        if QMessageBox.question(self, "删除附件", f"删除附件“{info.filename}”？") != QMessageBox.Yes:
            return
        attachments.delete_attachment(self.ctx, info.id)
        self.reload()
