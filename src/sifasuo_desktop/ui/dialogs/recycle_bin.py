"""回收站: deleted dossiers, with 恢复 (管理员: ``permissions.RESTORE_DELETED``; others only look)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services import persons
from sifasuo_desktop.services.context import AppContext


class RecycleBinDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.restored: list[str] = []
        self.setWindowTitle("回收站")
        self.resize(760, 420)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["姓名", "公民身份号码", "村(社区)", "删除时间"])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.doubleClicked.connect(self.restore_selected)
        self.empty = QLabel("回收站是空的。")
        self.restore_button = QPushButton("恢复(&R)")
        self.restore_button.clicked.connect(self.restore_selected)
        self.may_restore = perm.can(ctx.user, perm.RESTORE_DELETED)
        if not self.may_restore:
            self.restore_button.setToolTip(perm.denied_message(perm.RESTORE_DELETED))
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("删除的档案保存在这里，恢复后回到一人一档列表。"))
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.items = persons.list_deleted(self.ctx)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            texts = (item.name, item.id_number_masked, item.village or "", item.deleted_at.strftime("%Y-%m-%d %H:%M"))
            for col, text in enumerate(texts):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if self.items:
            self.table.selectRow(0)
        self.empty.setVisible(not self.items)
        self.restore_button.setEnabled(bool(self.items) and self.may_restore)

    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return
        item = self.items[row]
        if not self.may_restore:   # a double-click: the button is disabled
            QMessageBox.information(self, "无法恢复", perm.denied_message(perm.RESTORE_DELETED))
            return
        try:
            persons.restore_person(self.ctx, item.id)
        except UserError as err:
            QMessageBox.warning(self, "无法恢复", str(err))
            return
        self.restored.append(item.id)
        self.reload()
