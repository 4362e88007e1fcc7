"""The smoke test of an installed program (``sifasuo-desktop --smoke-test --data-dir DIR``).

Walks the paths a frozen build most often breaks without opening a window: the database is
created or opened and migrated (alembic loads its revision files by path), a form is rendered with
the bundled fonts, the roster import template is written as Excel with openpyxl (drop-downs,
formats, a 说明 sheet), and the file passes an integrity check.
Everything it writes stays inside ``DIR``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sifasuo_desktop.core.errors import DatabaseError
from sifasuo_desktop.core.storage import write_atomic
from sifasuo_desktop.reports.pdf.person_forms import render_aftercare_registration
from sifasuo_desktop.services import excel_export, maintenance, office
from sifasuo_desktop.services.context import open_database

DB_NAME = "office.sqlite3"
OUTPUT_FOLDER = "smoke-test"


@dataclass(frozen=True)
class SmokeResult:
    db_path: Path
    revision: str | None
    files: tuple[Path, ...]
    lines: tuple[str, ...]    # what was done, in Chinese, one step a line


def run(data_dir: Path, say: Callable[[str], None] = lambda _line: None) -> SmokeResult:
    """Do every step, reporting each through ``say``; raises on the first failure."""
    lines: list[str] = []

    def step(text: str) -> None:
        lines.append(text)
        say(text)

    data_dir = Path(data_dir)
    db_path = data_dir / DB_NAME
    existed = db_path.exists()
    ctx = open_database(db_path)
    try:
        step(f"数据库：{'打开并检查升级' if existed else '新建并升级到最新版本'} {db_path}")
        unit = office.get_office(ctx)
        out = data_dir / OUTPUT_FOLDER
        pdf = write_atomic(out / "安置帮教对象基本情况登记表.pdf",
                           render_aftercare_registration(None, unit.name if unit else ""))
        step(f"PDF：空白安置帮教对象基本情况登记表 {pdf}（{pdf.stat().st_size} 字节）")
        xlsx = write_atomic(out / "安置帮教对象导入模板.xlsx", excel_export.template(ctx, "roster"))
        step(f"Excel：安置帮教对象导入模板 {xlsx}（{xlsx.stat().st_size} 字节）")
    finally:
        ctx.dispose()
    report = maintenance.check(db_path)
    if not report.integrity_ok:
        raise DatabaseError(f"数据库完整性检查未通过：{report.integrity_message}")
    step(f"检查：数据库完整，版本 {report.revision}，SQLite {report.sqlite_version}")
    return SmokeResult(db_path, report.revision, (pdf, xlsx), tuple(lines))
