"""关于: version and where everything is (database, data, logs, backups), with a copy button for
support calls and buttons that open the folders."""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sifasuo_desktop import APP_TITLE
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.system_info import SystemInfo, system_info


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager (created first, so it always opens)."""
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def info_lines(info: SystemInfo) -> list[tuple[str, str]]:
    return [
        ("版本", info.version),
        ("数据库文件", str(info.database_path)),
        ("数据库大小", f"{info.database_bytes / 1_048_576:.1f} MB"),
        ("数据库版本", info.schema_revision or "（空）"),
        ("SQLite 版本", info.sqlite_version),
        ("数据文件夹", str(info.data_dir)),
        ("日志文件夹", str(info.log_dir)),
        ("备份文件夹", str(info.backup_dir)),
        ("运行环境", f"Python {info.python_version}，Qt {qVersion()}，PySide6 {pyside_version}"),
    ]


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("关于")
        self.info = system_info(ctx)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h3>{APP_TITLE}</h3>"))
        form = QFormLayout()
        self.lines = info_lines(self.info)
        for label, value in self.lines:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse)
            form.addRow(label, text)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        for text, slot in (("复制以上信息", self.copy), ("打开数据文件夹", lambda: open_folder(self.info.data_dir)),
                           ("打开日志文件夹", lambda: open_folder(self.info.log_dir))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(f"{label}：{value}" for label, value in self.lines))
