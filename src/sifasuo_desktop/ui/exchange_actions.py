"""文件 menu: 备份, 从备份恢复, 导出U盘数据包 (office) / 导入数据包 (district); backup on exit.

Installed through ``main_window.ACTION_INSTALLERS`` and ``DISTRICT_ACTION_INSTALLERS``.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from sifasuo_desktop.core.errors import Cancelled, UserError
from sifasuo_desktop.services import backups, district, package
from sifasuo_desktop.services.package_check import summary
from sifasuo_desktop.ui.errors import show_user_error
from sifasuo_desktop.ui.tasks import run_with_progress

log = logging.getLogger(__name__)
_windows: list = []   # a window rebuilt after a restore stays alive here


class _BackupOnExit(QObject):
    """An automatic backup when the main window closes (never in the way of closing)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Close and not getattr(obj, "rebuilding", False):
            try:
                backups.backup_now(obj.ctx, backups.EXIT)
            except Exception:  # noqa: BLE001 - closing must go on; the log says why
                log.exception("backup on exit failed")
        return False


def install(window) -> None:
    if window.district_mode:
        window.add_action("文件", "导入数据包…", lambda: import_packages(window), shortcut="Ctrl+I")
    else:
        window.add_action("文件", "导出U盘数据包…", lambda: export_package(window), shortcut="Ctrl+E")
    window.add_action("文件", "备份…", lambda: backup_to_file(window), separator=True)
    window.add_action("文件", "从备份恢复…", lambda: restore(window))
    window.backup_on_exit = _BackupOnExit(window)
    window.installEventFilter(window.backup_on_exit)


def _run(window, title: str, work):
    try:
        return run_with_progress(window, title, work)
    except Cancelled:
        return None
    except UserError as err:
        show_user_error(window, err)
    except OSError as err:
        show_user_error(window, UserError(f"无法完成：{err.strerror or err}"))
    return None


def backup_to_file(window) -> None:
    suggested = f"{Path(window.ctx.path).stem}-备份-{date.today():%Y%m%d}.sqlite3"
    name, _filter = QFileDialog.getSaveFileName(window, "备份到文件", suggested, "数据库备份 (*.sqlite3)")
    if not name:
        return
    target = _run(window, "正在备份", lambda progress: backups.backup_to_file(window.ctx, Path(name)))
    if target:
        QMessageBox.information(window, "备份完成", f"已备份到：\n{target}")


def export_package(window) -> None:
    from sifasuo_desktop.ui.dialogs.export_package import ExportPackageDialog

    dialog = ExportPackageDialog(window.office_name, window.ctx.today(), window)
    if not dialog.exec():
        return
    result = _run(window, "正在导出U盘数据包", lambda progress: package.export_package(
        window.ctx, dialog.folder(), passphrase=dialog.passphrase(), options=dialog.options(), progress=progress))
    if result:
        protected = "已用密码保护，请把密码另行告知区县（不要写在U盘上）。" if result.encrypted else "未加密。"
        QMessageBox.information(window, "导出完成", f"数据包已保存：\n{result.path}\n"
                                f"大小 {result.size / 1_048_576:.1f} MB，人员 {result.counts.get('person', 0)}。"
                                f"{protected}\n请先“安全弹出”U盘再拔出。")


def restore(window) -> None:
    from sifasuo_desktop.ui.dialogs.restore_backup import RestoreBackupDialog, confirmation_text

    dialog = RestoreBackupDialog(backups.list_backups(window.ctx), window)
    if not dialog.exec() or dialog.selected is None:
        return
    info = dialog.selected
    try:
        backups.check_restorable(window.ctx, info)
    except UserError as err:
        show_user_error(window, err, "不能恢复")
        return
    if QMessageBox.question(window, "从备份恢复", confirmation_text(info)) != QMessageBox.Yes:
        return
    result = _run(window, "正在恢复", lambda progress: backups.restore_backup(window.ctx, info))
    if result:
        QMessageBox.information(window, "恢复完成", f"已恢复为 {info.describe()} 的备份。\n"
                                f"恢复前的数据已备份为：{result.safety_backup.name}\n请重新登录。")
        rebuild(window, result.ctx)


def sign_in_again(ctx, office_name: str, username: str):
    from sifasuo_desktop.ui.dialogs.sign_in import SignInDialog

    dialog = SignInDialog(ctx, office_name, username=username)
    return dialog.user if dialog.exec() else None


def rebuild(window, ctx) -> None:
    """After the file was replaced: sign in again, then a new window on the new context."""
    from sifasuo_desktop.ui.main_window import MainWindow

    window.rebuilding = True
    user = sign_in_again(ctx, window.office_name, ctx.user.username)
    if user is not None:
        fresh = MainWindow(ctx.as_user(user))
        fresh.show()
        _windows.append(fresh)
    window.close()


def _passphrases(window, files: list[Path]) -> dict[str, str] | None:
    """Read each package's manifest; ask the passphrase of each encrypted one. None: cancelled."""
    found, problems = {}, []
    for file in files:
        try:
            info = summary(file)
        except UserError as err:
            problems.append(str(err))
            continue
        if info.encrypted:
            text, ok = QInputDialog.getText(window, "数据包密码", f"{info.office_name}（导出于 "
                                            f"{info.exported_at:%Y-%m-%d %H:%M}）的数据包已加密，请输入密码：",
                                            QLineEdit.Password)
            if not ok:
                return None
            found[str(file)] = text
    if problems:
        show_user_error(window, UserError("以下文件不能导入，请重新选择：\n" + "\n".join(problems)))
        return None
    return found


def import_packages(window) -> None:
    names, _filter = QFileDialog.getOpenFileNames(window, "选择各司法所的数据包", "", "U盘数据包 (*.sfpkg)")
    if not names:
        return
    files = [Path(n) for n in names]
    passphrases = _passphrases(window, files)
    if passphrases is None:
        return

    def merge(allow_older: bool):
        return lambda progress: district.merge_packages(window.ctx, files, passphrases=passphrases,
                                                        allow_older=allow_older, progress=progress)

    try:
        result = run_with_progress(window, "正在导入数据包", merge(False))
    except district.OlderPackageError as err:
        if QMessageBox.question(window, "数据包较旧", f"{err}\n\n确定用旧数据包替换吗？") != QMessageBox.Yes:
            return
        result = _run(window, "正在导入数据包", merge(True))
    except Cancelled:
        return
    except UserError as err:
        show_user_error(window, err, "未导入")
        return
    if result:
        lines = [f"{m.office_name}：导出于 {m.exported_at:%Y-%m-%d %H:%M}，人员 {m.persons}"
                 + ("（已替换原有数据）" if m.previous_exported_at else "") for m in result.merged]
        lines += [f"已跳过 {name}（同一司法所有更新的数据包）" for name in result.skipped]
        QMessageBox.information(window, "导入完成", "\n".join(lines))
        window.refresh_all()
