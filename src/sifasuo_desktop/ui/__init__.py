"""The Qt user interface: the only layer (with app.py) that imports PySide6."""

from sifasuo_desktop.ui import pyside_fixes

pyside_fixes.install()
