"""设置 menu: 单位信息, 村(社区), 规则参数, 程序设置, 用户, 修改我的密码, 操作日志, 锁定.

Everyone may look at the office's settings (read-only unless ``manage_settings``); 用户 and
操作日志 are for 管理员 only and shown disabled to others, labelled so nobody wonders why.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox

from sifasuo_desktop.services import office
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.ui.dialogs.audit_viewer import AuditViewerDialog
from sifasuo_desktop.ui.dialogs.office_info import OfficeInfoDialog
from sifasuo_desktop.ui.dialogs.password import PasswordDialog
from sifasuo_desktop.ui.dialogs.settings_pages import program_settings_dialog, rules_dialog
from sifasuo_desktop.ui.dialogs.users import UsersDialog
from sifasuo_desktop.ui.dialogs.villages import VillagesDialog


def install(window) -> None:
    ctx = window.ctx

    def opener(make: Callable[[], QDialog], after: Callable[[], None] | None = None) -> Callable[[], None]:
        def open_dialog() -> None:
            if make().exec() and after:
                after()
        return open_dialog

    def admin_only(text: str, permission: str, make: Callable[[], QDialog]) -> None:
        allowed = perm.can(ctx.user, permission)
        action = window.add_action("设置", text if allowed else f"{text}（仅管理员）", opener(make))
        action.setEnabled(allowed)
        if not allowed:
            action.setStatusTip(perm.denied_message(permission))

    window.add_action("设置", "单位信息(&O)…", opener(lambda: OfficeInfoDialog(ctx, window), window.update_office))
    window.add_action("设置", "村(社区)(&V)…", opener(lambda: VillagesDialog(ctx, window)))
    window.add_action("设置", "规则参数(&R)…", opener(lambda: rules_dialog(ctx, window), window.refresh_all))
    window.add_action("设置", "程序设置(&P)…", opener(lambda: program_settings_dialog(ctx, window),
                                                   lambda: apply_idle_lock(window)))
    window.menus["设置"].addSeparator()
    admin_only("用户(&U)…", perm.MANAGE_USERS, lambda: UsersDialog(ctx, window))
    window.add_action("设置", "修改我的密码(&W)…", opener(
        lambda: PasswordDialog(ctx, None, window),
        lambda: QMessageBox.information(window, "修改密码", "密码已修改，下次登录请使用新密码。")))
    admin_only("操作日志(&L)…", perm.VIEW_AUDIT, lambda: AuditViewerDialog(ctx, window))
    window.add_action("设置", "立即锁定(&K)", window.lock, separator=True)


def apply_idle_lock(window) -> None:
    """Use the stored idle-lock minutes at once (0: never lock)."""
    minutes = office.app_settings(window.ctx).idle_lock_minutes
    window.idle_timer.setInterval(max(minutes, 1) * 60_000)
    if minutes > 0:
        window.idle_timer.start()
    else:
        window.idle_timer.stop()

