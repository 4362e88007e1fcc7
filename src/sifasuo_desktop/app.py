"""The only place that wires things together: paths -> logging -> database -> Qt -> window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from sifasuo_desktop import APP_TITLE, __version__

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sifasuo-desktop", description=APP_TITLE)
    parser.add_argument("--db", type=Path, help="数据库文件")
    parser.add_argument("--data-dir", type=Path, help="数据目录（数据库、日志、备份）")
    parser.add_argument("--demo", action="store_true", help="数据库为空时填入演示数据")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.data_dir:
        os.environ["SIFASUO_DATA_DIR"] = str(args.data_dir)
    from sifasuo_desktop.core import paths
    from sifasuo_desktop.core.logging_setup import setup_logging

    log_file = setup_logging()
    db_path = args.db or paths.default_db_path()
    log.info("%s %s starting on %s", APP_TITLE, __version__, db_path)
    from sifasuo_desktop.ui.qt_setup import make_application

    app = make_application([sys.argv[0], *argv])
    from sifasuo_desktop.ui.errors import install_excepthook
    from sifasuo_desktop.ui.startup import start

    install_excepthook(str(log_file))
    window = start(db_path, demo=args.demo)
    if window is None:
        return 1
    window.showMaximized()  # the program of the working day: the whole screen, also at 1366×768
    return app.exec()
