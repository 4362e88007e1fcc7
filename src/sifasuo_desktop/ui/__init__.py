"""The Qt user interface: the only layer (with app.py) that imports PySide6."""
