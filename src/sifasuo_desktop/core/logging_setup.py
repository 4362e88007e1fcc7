"""Rotating log files in the per-user log folder; nothing ever goes to a missing console."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from sifasuo_desktop.core import paths

LOG_FILE_NAME = "sifasuo.log"


def setup_logging(level: int = logging.INFO) -> Path:
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / LOG_FILE_NAME
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return log_file
