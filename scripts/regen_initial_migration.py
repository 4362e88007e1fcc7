"""Regenerate migrations/versions/0001_initial.py from the models.

Only while no revision has been released to an office (see README, "Schema changes"): once
0001 ships, every change is a new revision made with ``alembic revision --autogenerate``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402

from sifasuo_desktop.db.engine import make_engine  # noqa: E402

target = ROOT / "migrations" / "versions" / "0001_initial.py"
target.unlink(missing_ok=True)
with tempfile.TemporaryDirectory() as tmp:
    engine = make_engine(Path(tmp) / "empty.sqlite3")
    with engine.connect() as connection:
        cfg = Config()
        cfg.set_main_option("script_location", str(ROOT / "migrations"))
        cfg.attributes["connection"] = connection
        command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001_initial")
    engine.dispose()
generated = next((ROOT / "migrations" / "versions").glob("0001_initial*.py"))
text = generated.read_text(encoding="utf-8")
# A fixed header date, so regenerating an unchanged schema gives an unchanged file.
text = "\n".join(
    "Create Date: 2026-11-24" if line.startswith("Create Date:") else line for line in text.split("\n")
)
target.write_text(text, encoding="utf-8")
generated.unlink()
print("wrote", target)
