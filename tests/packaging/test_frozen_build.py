"""The frozen one-folder build (build.spec) starts and does its work without the source tree.

PyInstaller builds into a temporary folder (about 40-90 s on the 2-core machine); then the frozen
programs run from another folder with a clean environment: ``sifasuo-desktop --smoke-test`` on a
new data folder (create + migrate: alembic's files and hidden imports; every module of the program imports, so
no library or Qt module is missing), again on the same folder
(open an existing database), on a damaged database (the failure is told in Chinese, exit 1), and
the ``sifasuo`` command's integrity check.
"""

from __future__ import annotations

import importlib.util
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import sifasuo_desktop

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install -e .[build]); scripts/install.sh installs it"),
]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        cwd=work, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "dist" / "sifasuo-desktop"


def _run(program: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SIFASUO_", "PYTHON")) and k not in ("VIRTUAL_ENV",)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(program), *args], cwd=cwd, env=env, capture_output=True, timeout=120,
                          encoding="utf-8", errors="replace")


def test_smoke_test_creates_then_opens_a_database(frozen, tmp_path):
    data = tmp_path / "数据"
    first = _run(frozen / "sifasuo-desktop", "--smoke-test", "--data-dir", str(data), cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "新建并升级到最新版本" in first.stdout
    modules = [m.name for m in pkgutil.walk_packages(sifasuo_desktop.__path__, "sifasuo_desktop.")]
    assert f"模块：{len(modules) - 1} 个全部可以加载" in first.stdout   # all but __main__, from the bundle
    assert "字体 WenQuanYi Micro Hei" in first.stdout and "标准按钮“取消”" in first.stdout
    assert first.stdout.rstrip().endswith("冒烟测试通过")
    pdf = data / "smoke-test" / "安置帮教对象基本情况登记表.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    assert (data / "smoke-test" / "安置帮教对象导入模板.xlsx").read_bytes()[:2] == b"PK"

    second = _run(frozen / "sifasuo-desktop", "--smoke-test", "--data-dir", str(data), cwd=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "打开并检查升级" in second.stdout

    check = _run(frozen / "sifasuo", "--db", str(data / "office.sqlite3"), "check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "完整性：正常" in check.stdout


def test_smoke_test_reports_a_damaged_database_in_chinese(frozen, tmp_path):
    (tmp_path / "office.sqlite3").write_bytes(b"not a database at all " * 200)
    result = _run(frozen / "sifasuo-desktop", "--smoke-test", "--data-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "冒烟测试失败：文件“office.sqlite3”已损坏或不是数据库文件" in result.stderr


def test_smoke_test_needs_a_data_folder(frozen, tmp_path):
    result = _run(frozen / "sifasuo-desktop", "--smoke-test", cwd=tmp_path)
    assert result.returncode == 2
    assert "需要 --data-dir" in result.stderr


def test_unused_qt_parts_are_left_out(frozen):
    files = [p.relative_to(frozen).as_posix() for p in frozen.rglob("*") if p.is_file() and not p.is_symlink()]
    assert not [f for f in files if "Qt6Quick" in f or "Qt6Qml" in f or "virtualkeyboard" in f.lower()]
    translations = sorted(Path(f).name for f in files if "/translations/" in f)
    assert translations == ["qt_zh_CN.qm", "qtbase_zh_CN.qm"]
    size_mb = sum((frozen / f).stat().st_size for f in files) / 1e6
    assert size_mb < 300, f"the build grew to {size_mb:.0f} MB"
