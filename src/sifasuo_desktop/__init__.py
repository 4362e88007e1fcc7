"""司法所桌面系统: the desktop program of a township judicial office (司法所)."""

__version__ = "0.1.0"
APP_TITLE = "司法所桌面系统"
