"""Screenshots of the 设置 dialogs and the 操作日志 viewer on a 1366×768 screen, for looking at.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_admin_dialogs.py OUT_DIR [SCALE]

SCALE 1.25 or 1.5 imitates Windows display scaling (QT_SCALE_FACTOR). Uses a fresh demo office in a
temporary folder; nothing else is touched.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
SCALE = sys.argv[2] if len(sys.argv) > 2 else "1"
WORK = Path(tempfile.mkdtemp(prefix="sifasuo-shots-"))
(WORK / "screen.json").write_text(json.dumps({"screens": [
    {"name": "office-pc", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1}]}))
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={WORK / 'screen.json'}"
os.environ["QT_SCALE_FACTOR"] = SCALE
os.environ["SIFASUO_DATA_DIR"] = str(WORK / "data")
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from sifasuo_desktop.core.errors import AuthError  # noqa: E402
from sifasuo_desktop.services import auth, demo, office  # noqa: E402
from sifasuo_desktop.services.context import open_database  # noqa: E402
from sifasuo_desktop.ui.dialogs.about import AboutDialog  # noqa: E402
from sifasuo_desktop.ui.dialogs.audit_viewer import AuditViewerDialog  # noqa: E402
from sifasuo_desktop.ui.dialogs.office_info import OfficeInfoDialog  # noqa: E402
from sifasuo_desktop.ui.dialogs.password import PasswordDialog  # noqa: E402
from sifasuo_desktop.ui.dialogs.settings_pages import program_settings_dialog, rules_dialog  # noqa: E402
from sifasuo_desktop.ui.dialogs.sign_in import SignInDialog  # noqa: E402
from sifasuo_desktop.ui.dialogs.users import NewUserDialog, UsersDialog  # noqa: E402
from sifasuo_desktop.ui.dialogs.villages import VillagesDialog  # noqa: E402
from sifasuo_desktop.ui.qt_setup import make_application  # noqa: E402


def prepare():
    ctx = demo.create_demo_office(open_database(WORK / "data" / "office.sqlite3"))
    admin = ctx.as_user(auth.sign_in(ctx, demo.DEMO_USERNAME, demo.DEMO_PASSWORD))
    office.update_office(admin, address="示范县城关镇人民路18号", phone="0371-62345678")
    office.save_settings(admin, {"visit_interval_general_months": 2, "due_soon_days": 10})
    for username, name, role in (("lixz", "李晓珍", "工作人员"), ("wangq", "王强", "工作人员"), ("zhaom", "赵敏", "管理员")):
        auth.create_user(admin, username=username, display_name=name, password="abc12345", role=role)
    for _ in range(5):
        try:
            auth.sign_in(ctx, "wangq", "wrong")
        except AuthError:
            pass
    return admin


def shoot(widget: QWidget, name: str) -> None:
    widget.show()
    QApplication.processEvents()
    path = OUT / f"{name}@{SCALE}x.png"
    widget.grab().save(str(path))
    size = widget.frameGeometry()
    print(f"{path}  {size.width()}×{size.height()} logical")
    widget.close()


def main() -> None:
    make_application([sys.argv[0]])
    OUT.mkdir(parents=True, exist_ok=True)
    ctx = prepare()
    shoot(OfficeInfoDialog(ctx), "office_info")
    villages = VillagesDialog(ctx)
    villages.view.selectRow(2)
    shoot(villages, "villages")
    shoot(rules_dialog(ctx), "rules")
    rules = rules_dialog(ctx)
    rules.pages.setCurrentIndex(3)
    shoot(rules, "rules_page4")
    shoot(program_settings_dialog(ctx), "program_settings")
    users = UsersDialog(ctx)
    users.view.selectRow(3)
    shoot(users, "users")
    shoot(NewUserDialog(ctx), "new_user")
    shoot(PasswordDialog(ctx), "own_password")
    viewer = AuditViewerDialog(ctx)
    viewer.view.selectRow(next(i for i, e in enumerate(viewer.model.rows) if e.summary == "修改单位信息"))
    shoot(viewer, "audit_viewer")
    shoot(AboutDialog(ctx), "about")
    sign_in = SignInDialog(ctx, "示范县城关镇司法所", username="wangq")
    sign_in.password.setText("wrong")
    sign_in.try_sign_in()
    shoot(sign_in, "sign_in_locked")


if __name__ == "__main__":
    main()
