"""附件 of one record (a dossier, a visit): scans and files kept inside the database; add, open,
save a copy, delete.

The panel is given its owner (table name and id, as ``services.attachments`` stores them) and a
hint shown until the record is saved: files are added to a saved record at once, each its own
audited write.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import attachments
from sifasuo_desktop.services.attachments import AttachmentInfo
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.models.row_table import Column, RowTableModel, make_table, selected_row

FILE_FILTER = "扫描件、照片和文档 (*.pdf *.jpg *.jpeg *.png *.tif *.doc *.docx *.xls *.xlsx);;所有文件 (*)"


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


class AttachmentsPanel(QWidget):
    def __init__(self, ctx: AppContext, owner_table: str, owner_id: str | None, hint: str,
                 parent: QWidget | None = None, table_height: int | None = None):
        super().__init__(parent)
        self.ctx, self.owner_table, self.owner_id = ctx, owner_table, owner_id
        self.model = RowTableModel([
            Column("文件名", lambda a: a.filename, width=260),
            Column("大小", lambda a: a.size, lambda a: size_text(a.size), width=80, align_right=True),
            Column("说明", lambda a: a.description or "", width=160),
            Column("添加时间", lambda a: a.created_at, lambda a: f"{a.created_at:%Y-%m-%d %H:%M}" if a.created_at else "",
                   width=130),
        ], self)
        self.table = make_table(self.model)
        if table_height is not None:
            self.table.setMaximumHeight(table_height)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        for text, slot in (("添加文件…", self.add_files), ("打开", self.open_selected),
                           ("另存为…", self.save_selected), ("删除附件", self.delete_selected)):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        saved = self.owner_id is not None
        self.hint.setVisible(not saved)
        self.table.setVisible(saved)
        for button in self.buttons:
            button.setEnabled(saved)
        self.model.set_rows(attachments.list_attachments(self.ctx, self.owner_table, self.owner_id) if saved else [])

    def add_paths(self, paths: list[Path]) -> None:
        """Store the files one by one; the first that cannot be read or stored stops and is shown."""
        try:
            for path in paths:
                attachments.add_attachment(self.ctx, self.owner_table, self.owner_id, path.name, path.read_bytes())
        except (UserError, OSError) as err:
            QMessageBox.warning(self, "无法添加附件", str(err))
        self.reload()

    def add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "添加附件", "", FILE_FILTER)
        self.add_paths([Path(n) for n in names])

    def selected(self) -> AttachmentInfo | None:
        return selected_row(self.table)

    def _data(self, info: AttachmentInfo) -> bytes | None:
        try:
            return attachments.attachment_data(self.ctx, info.id)
        except UserError as err:
            QMessageBox.warning(self, "无法读取附件", str(err))
            self.reload()
            return None

    def open_selected(self) -> None:
        info = self.selected()
        data = self._data(info) if info is not None else None
        if data is None:
            return
        target = Path(tempfile.mkdtemp(prefix="sifasuo-")) / info.filename
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def save_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "另存附件", info.filename)
        data = self._data(info) if name else None
        if data is None:
            return
        try:
            Path(name).write_bytes(data)
        except OSError as err:
            QMessageBox.warning(self, "无法保存", str(err))

    def delete_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        if QMessageBox.question(self, "删除附件", f"删除附件“{info.filename}”？") != QMessageBox.Yes:
            return
        try:
            attachments.delete_attachment(self.ctx, info.id)
        except UserError as err:
            QMessageBox.warning(self, "无法删除", str(err))
        self.reload()
