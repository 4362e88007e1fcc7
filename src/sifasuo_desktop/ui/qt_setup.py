"""The QApplication: bundled Chinese font, Qt's own zh_CN translations, a calm style."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from sifasuo_desktop import APP_TITLE
from sifasuo_desktop.core import paths

log = logging.getLogger(__name__)
_keep: list[QTranslator] = []


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    configure(app)
    return app


def configure(app: QApplication) -> None:
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("sifasuo")
    app.setWindowIcon(QIcon(str(paths.resource_path("icons", "app.png"))))
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    _install_font(app)
    _install_translations(app)


def _install_font(app: QApplication) -> None:
    """Without a Chinese font every character is a box (STACK.md): load the bundled one."""
    font_file = paths.resource_path("fonts", "wqy-microhei.ttc")
    font_id = QFontDatabase.addApplicationFont(str(font_file))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(families[0])
        font.setPointSize(10)
        app.setFont(font)
    else:
        log.warning("bundled font %s could not be loaded", font_file)


def _install_translations(app: QApplication) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _keep.append(translator)
