"""``sifasuo``: headless commands over the same services as the window.

Each feature module in ``COMMAND_MODULES`` has ``register(subparsers)``; a command's function
takes ``(ctx, args)`` and returns the exit code. Errors meant for the user print in Chinese.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from sifasuo_desktop import __version__
from sifasuo_desktop.core import paths
from sifasuo_desktop.core.errors import UserError

COMMAND_MODULES = [
    "sifasuo_desktop.cli.maintenance",
    "sifasuo_desktop.cli.demo",
    "sifasuo_desktop.cli.report",
    "sifasuo_desktop.cli.exchange",
    "sifasuo_desktop.cli.excel",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sifasuo", description="司法所桌面系统 命令行工具")
    parser.add_argument("--db", type=Path, default=None, help="数据库文件（默认：用户数据目录中的 office.sqlite3）")
    parser.add_argument("--version", action="version", version=f"sifasuo {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    db_path = args.db or paths.default_db_path()
    try:
        return int(args.func(db_path, args) or 0)
    except UserError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
