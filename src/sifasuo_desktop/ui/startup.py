"""From a database path to a signed-in main window: open/upgrade, first run, sign-in."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from sifasuo_desktop.core.errors import AuthError, DatabaseError, DatabaseInUse, StorageError
from sifasuo_desktop.core.instance_lock import InstanceLock
from sifasuo_desktop.services import auth, demo, office
from sifasuo_desktop.services.context import AppContext, open_database
from sifasuo_desktop.ui import bench_hook
from sifasuo_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def start(db_path: Path, demo_data: bool = False, *, demo: bool | None = None) -> MainWindow | None:
    """The signed-in main window, or None (the user was told why, or cancelled).

    One window per database: a second start on the same file is refused while the first window
    lives (``core.instance_lock``; the operating system frees the lock if the program dies).
    """
    try:
        lock = InstanceLock(db_path).acquire()
    except DatabaseInUse as err:
        QMessageBox.warning(None, "数据库正在使用", str(err))
        return None
    except StorageError as err:
        QMessageBox.critical(None, "无法打开数据库", f"{err}\n\n文件：{db_path}")
        return None
    window = _open_window(db_path, demo_data if demo is None else demo)
    if window is None:
        lock.release()
    else:
        window.destroyed.connect(lambda *_: lock.release())  # held as long as the window lives
    return window


def _open_window(db_path: Path, want_demo: bool) -> MainWindow | None:
    try:
        ctx = open_database(db_path)
    except (DatabaseError, StorageError) as err:
        QMessageBox.critical(None, "无法打开数据库", f"{err}\n\n文件：{db_path}")
        return None
    if ctx.office_id is None:
        ctx = _first_run(ctx, want_demo)
        if ctx is None:
            return None
    if not auth.has_users(ctx) and not _first_user(ctx):
        return None
    user = _sign_in(ctx)
    if user is None:
        return None
    return MainWindow(ctx.as_user(user))


def _first_run(ctx: AppContext, want_demo: bool) -> AppContext | None:
    from sifasuo_desktop.ui.dialogs.first_run import FirstRunDialog

    if want_demo:
        # --demo on an empty database: a ready demo office, signed in as its administrator.
        return demo.create_demo_office(ctx)
    dialog = FirstRunDialog()
    result = dialog.exec()
    if result == FirstRunDialog.DISTRICT:
        return _new_district(ctx)
    if not result:
        return None
    values = dialog.values()
    bound = office.create_office(ctx, code=values["office_code"], name=values["office_name"],
                                 county=values["county"] or None)
    auth.create_user(bound, username=values["username"], display_name=values["display_name"],
                     password=values["password"], role="管理员")
    if values["demo"]:
        demo.fill_demo_data(bound)
    return bound


def _sign_in(ctx: AppContext):
    if bench_hook.active():          # the start-up benchmark: its own user, checked, no dialog
        try:
            return auth.sign_in(ctx, *bench_hook.credentials())
        except AuthError as err:
            log.error("benchmark sign-in refused: %s", err)
            return None
    from sifasuo_desktop.ui.dialogs.sign_in import SignInDialog

    info = office.get_office(ctx)
    dialog = SignInDialog(ctx, info.name if info else "", username=demo.DEMO_USERNAME if demo.is_demo(ctx) else "")
    if dialog.exec() and dialog.user is not None:
        return dialog.user
    return None


def _new_district(ctx: AppContext) -> AppContext | None:
    """The 区/县司法局's own database: its unit and administrator (see services.district)."""
    from sifasuo_desktop.services import district
    from sifasuo_desktop.ui.dialogs.district_setup import DistrictSetupDialog

    dialog = DistrictSetupDialog()
    if not dialog.exec():
        return None
    values = dialog.values()
    bound = district.create_district(ctx, code=values["code"], name=values["name"])
    auth.create_user(bound, username=values["username"], display_name=values["display_name"],
                     password=values["password"], role="管理员")
    return bound


def _first_user(ctx: AppContext) -> bool:
    """A database with its unit but no user yet (a district database made by ``sifasuo merge``)."""
    from sifasuo_desktop.ui.dialogs.district_setup import DistrictSetupDialog

    info = office.get_office(ctx)
    dialog = DistrictSetupDialog(unit_name=info.name if info else "")
    if not dialog.exec():
        return False
    values = dialog.values()
    auth.create_user(ctx, username=values["username"], display_name=values["display_name"],
                     password=values["password"], role="管理员")
    return True
