"""从备份恢复: choose one of the automatic backups (date, reason, counts) or another backup file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import backups
from sifasuo_desktop.services.backups import BackupInfo
from sifasuo_desktop.ui.errors import show_user_error
from sifasuo_desktop.ui.widgets.record_model import RecordTableModel, sorting_proxy, value_column

COLUMNS = [
    value_column("备份时间", lambda b: b.made_at),
    value_column("原因", lambda b: b.reason_label),
    *(value_column(label, lambda b, label=label: b.counts.get(label, 0), align_right=True)
      for _table, label in backups.COUNTED),
    value_column("文件", lambda b: b.path.name),
]


def backup_model(items: list[BackupInfo], parent=None) -> RecordTableModel:
    model = RecordTableModel(COLUMNS, parent)
    model.set_rows(items)
    return model


class RestoreBackupDialog(QDialog):
    """``selected`` is the chosen backup once the dialog is accepted."""

    def __init__(self, items: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.selected: BackupInfo | None = None
        self.setWindowTitle("从备份恢复")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择要恢复的备份。恢复前，当前数据会先自动备份；恢复后需要重新登录。"))
        self.model = backup_model(items, self)  # owned by the dialog, freed with it
        self.table = QTableView()
        self.table.setObjectName("backups")
        self.table.setModel(sorting_proxy(self.model))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.choose_selected())
        layout.addWidget(self.table)
        if not items:
            layout.addWidget(QLabel("还没有自动备份（程序每次退出时自动备份）。可以选择其他备份文件。"))
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.restore_button = QPushButton("恢复所选备份…")
        self.restore_button.setObjectName("restore_selected")
        self.other_button = QPushButton("选择其他备份文件…")
        self.other_button.setObjectName("restore_other")
        buttons.addButton(self.restore_button, QDialogButtonBox.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ActionRole)
        self.restore_button.clicked.connect(self.choose_selected)
        self.other_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.restore_button.setEnabled(False)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.table.selectionModel().hasSelection()))
        if items:
            self.table.selectRow(0)

    def choose_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        source_row = self.table.model().mapToSource(rows[0]).row()
        self.selected = self.model.row_object(source_row)
        self.accept()

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "选择备份文件", "", "数据库备份 (*.sqlite3 *.db);;所有文件 (*)")
        if not name:
            return
        try:
            self.selected = backups.describe_backup(Path(name))
        except UserError as err:
            show_user_error(self, err, "不能使用该文件")
            return
        self.accept()


def confirmation_text(info: BackupInfo) -> str:
    return (f"将把全部数据恢复为 {info.describe()} 的备份"
            f"{'（' + info.unit_name + '）' if info.unit_name else ''}。\n\n"
            "恢复前，当前数据会先自动备份；恢复后需要重新登录。\n确定恢复吗？")

