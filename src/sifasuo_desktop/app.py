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
    parser.add_argument("--smoke-test", action="store_true",
                        help="安装检查：在 --data-dir 中建库、升级、生成一份PDF和一份Excel后退出（不开窗口）")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.smoke_test:
        return smoke_test(args.data_dir, argv)
    if args.data_dir:
        os.environ["SIFASUO_DATA_DIR"] = str(args.data_dir)
    from sifasuo_desktop.core import paths
    from sifasuo_desktop.core.logging_setup import setup_logging

    log_file = setup_logging()
    db_path = args.db or paths.default_db_path()
    log.info("%s %s starting on %s", APP_TITLE, __version__, db_path)
    from sifasuo_desktop.ui.qt_setup import make_application

    app = make_application([sys.argv[0], *argv])
    from sifasuo_desktop.ui import bench_hook
    from sifasuo_desktop.ui.errors import install_excepthook
    from sifasuo_desktop.ui.startup import start

    install_excepthook(str(log_file))
    window = start(db_path, demo=args.demo)
    if window is None:
        return 1
    window.showMaximized()  # the program of the working day: the whole screen, also at 1366×768
    if bench_hook.active():      # scripts/bench_district.py only: measure the start and quit
        bench_hook.arm(window)
    return app.exec()


def _print(text: str, error: bool = False) -> None:
    """A Windows window program has no console (stdout is None): then only the log has it."""
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
        print(text, file=stream, flush=True)


def _say(text: str, error: bool = False) -> None:
    _print(text, error)
    (log.error if error else log.info)("smoke test: %s", text)


def _import_all() -> int:
    """Import every module of the program: a frozen build missing a library or a Qt module
    (QtCharts, cryptography, ...) fails here instead of when the user opens that tab."""
    import importlib
    import pkgutil

    import sifasuo_desktop

    names = [m.name for m in pkgutil.walk_packages(sifasuo_desktop.__path__, "sifasuo_desktop.")
             if m.name != "sifasuo_desktop.__main__"]
    for name in names:
        importlib.import_module(name)
    return len(names)


def smoke_test(data_dir: Path | None, argv: list[str]) -> int:
    """``--smoke-test --data-dir DIR``: the checks of ``services.smoke``, every module importable,
    and Qt's own start (platform plugin, bundled font, translations), without a window. 0 when all
    passed."""
    if data_dir is None:
        _print("冒烟测试需要 --data-dir 指定一个测试用的文件夹（不会动用正式数据）", error=True)
        return 2
    os.environ["SIFASUO_DATA_DIR"] = str(data_dir)
    from sifasuo_desktop.core.errors import UserError
    from sifasuo_desktop.core.logging_setup import setup_logging

    try:
        setup_logging()
        from sifasuo_desktop.services import smoke

        smoke.run(Path(data_dir), _say)
        _say(f"模块：{_import_all()} 个全部可以加载")
        from sifasuo_desktop.ui.qt_setup import make_application

        app = make_application([sys.argv[0], *argv])
        cancel = app.translate("QPlatformTheme", "Cancel")  # Qt's own zh_CN catalogue is bundled
        if cancel == "Cancel":
            raise UserError("缺少Qt的中文翻译文件（qtbase_zh_CN.qm），标准按钮会显示英文")
        _say(f"界面：Qt {app.platformName()} 平台，字体 {app.font().family()}，标准按钮“{cancel}”")
    except UserError as err:
        _say(f"冒烟测试失败：{err}", error=True)
        return 1
    except Exception as err:  # noqa: BLE001 - a broken build must say why, not die silently
        log.exception("smoke test failed")
        _say(f"冒烟测试失败（程序错误）：{type(err).__name__}: {err}", error=True)
        return 1
    _say("冒烟测试通过")
    return 0
