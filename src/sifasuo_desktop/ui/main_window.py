"""The main window: the feature tabs, the menus, the idle lock.

Tabs are listed in ``TABS`` (module, class); each tab class takes ``(ctx, window)``, has a
``refresh()`` and may have ``install_actions(window)`` to put its actions into the menus.
Features without a tab put their menu actions in via ``ACTION_INSTALLERS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QTabWidget

from sifasuo_desktop import APP_TITLE
from sifasuo_desktop.services import office as office_service
from sifasuo_desktop.services.context import AppContext

TABS: list[tuple[str, str]] = [
    ("sifasuo_desktop.ui.tabs.workbench", "WorkbenchTab"),
    ("sifasuo_desktop.ui.tabs.dossiers", "DossierTab"),
    ("sifasuo_desktop.ui.tabs.visits", "VisitsTab"),
    ("sifasuo_desktop.ui.tabs.mediation", "MediationTab"),
    ("sifasuo_desktop.ui.tabs.reports", "ReportsTab"),   # 统计报表: keep last
]
ACTION_INSTALLERS: list[str] = [
    "sifasuo_desktop.ui.exchange_actions",
    "sifasuo_desktop.ui.excel_actions",
    "sifasuo_desktop.ui.settings_actions",
    "sifasuo_desktop.ui.help_actions",
]
# A district database (many offices' merged packages, read-only) shows these instead.
DISTRICT_TABS: list[tuple[str, str]] = [
    ("sifasuo_desktop.ui.tabs.district", "DistrictOfficesTab"),
    ("sifasuo_desktop.ui.tabs.district_reports", "DistrictReportsTab"),
    ("sifasuo_desktop.ui.tabs.district", "DistrictRegisterTab"),
]
DISTRICT_ACTION_INSTALLERS: list[str] = [
    "sifasuo_desktop.ui.exchange_actions",
    "sifasuo_desktop.ui.settings_actions",   # the district's own users, its audit log, the lock
    "sifasuo_desktop.ui.help_actions",
]
MENU_TITLES = ["文件", "打印", "设置", "帮助"]


class _IdleWatcher(QObject):
    """Restarts the idle timer on every key press or mouse action anywhere in the program."""

    def __init__(self, timer: QTimer):
        # A child of the timer (and so of the window): destroyed with it, which also removes the
        # application-wide filter; an orphan would outlive a closed window and crash the next event.
        super().__init__(timer)
        self.timer = timer

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        # Only a running timer restarts: not while locked, not when the lock is switched off (0).
        if self.timer.isActive() and event.type() in (QEvent.KeyPress, QEvent.MouseButtonPress,
                                                      QEvent.MouseMove, QEvent.Wheel):
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.district_mode = office_service.database_mode(ctx) == "district"
        self.office_name = ""
        self.status_label = QLabel()
        self.update_office()
        self.resize(1280, 720)
        self.setMinimumSize(1000, 600)
        self.menus: dict[str, QMenu] = {title: self.menuBar().addMenu(title) for title in MENU_TITLES}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.tab_widgets: dict[str, object] = {}
        for module_name, class_name in (DISTRICT_TABS if self.district_mode else TABS):
            tab_class = getattr(importlib.import_module(module_name), class_name)
            tab = tab_class(ctx, self)
            self.tab_widgets[class_name] = tab
            self.tabs.addTab(tab, tab.TITLE)
            if hasattr(tab, "install_actions"):
                tab.install_actions(self)
        for module_name in (DISTRICT_ACTION_INSTALLERS if self.district_mode else ACTION_INSTALLERS):
            importlib.import_module(module_name).install(self)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        for index in range(min(self.tabs.count(), 9)):   # Alt+1 … Alt+9 go to the tabs
            QShortcut(QKeySequence(f"Alt+{index + 1}"), self, lambda i=index: self.tabs.setCurrentIndex(i))
        self.add_action("文件", "退出(&X)", self.close, shortcut=QKeySequence.Quit, separator=True)
        self.statusBar().addPermanentWidget(self.status_label)
        self._setup_idle_lock()

    def update_office(self) -> None:
        """Show the office's name as stored (at start and after 设置 → 单位信息 is saved)."""
        info = office_service.get_office(self.ctx)
        self.office_name = info.name if info else ""
        user = self.ctx.user.display_name
        kind = "（区县汇总）" if self.district_mode else ""
        self.setWindowTitle(f"{APP_TITLE}{kind} — {self.office_name}（{user}）")
        self.status_label.setText(f"{self.office_name}  |  {user}")

    # --- menus ----------------------------------------------------------------------------
    def add_action(self, menu: str, text: str, slot: Callable[[], object], shortcut=None,
                   separator: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        if separator:
            self.menus[menu].addSeparator()
        self.menus[menu].addAction(action)
        return action

    def tab(self, class_name: str):
        return self.tab_widgets.get(class_name)

    def show_tab(self, class_name: str):
        tab = self.tab_widgets[class_name]
        self.tabs.setCurrentWidget(tab)
        return tab

    def _on_tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is not None and hasattr(widget, "refresh"):
            widget.refresh()

    def refresh_all(self) -> None:
        for tab in self.tab_widgets.values():
            tab.refresh()

    # --- idle lock ------------------------------------------------------------------------
    def _setup_idle_lock(self) -> None:
        minutes = office_service.app_settings(self.ctx).idle_lock_minutes
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(max(minutes, 1) * 60_000)
        self.idle_timer.timeout.connect(self.lock)
        self._idle_watcher = _IdleWatcher(self.idle_timer)
        QApplication.instance().installEventFilter(self._idle_watcher)
        if minutes > 0:
            self.idle_timer.start()

    def lock(self) -> bool:
        """Hide the data and ask for the password again; closes the program when cancelled."""
        from sifasuo_desktop.ui.dialogs.sign_in import SignInDialog

        self.idle_timer.stop()
        self.centralWidget().hide()
        dialog = SignInDialog(self.ctx, self.office_name, self, username=self.ctx.user.username, locked=True)
        if dialog.exec() and dialog.user is not None:
            self.centralWidget().show()
            self.idle_timer.start()
            return True
        self.close()
        return False
