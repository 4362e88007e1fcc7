"""How a due item looks wherever it is listed (工作台, a dossier's 走访与到期): red when overdue,
yellow when due soon; the days as 逾期N天 / 今天 / 还有N天."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor

from sifasuo_desktop.domain import due_rules as r

OVERDUE_BRUSH = QBrush(QColor("#f8d7d3"))
SOON_BRUSH = QBrush(QColor("#fff2b3"))


def state_brush(state: str) -> QBrush | None:
    """The background of an item in ``state`` (None: the view's own)."""
    return {r.OVERDUE: OVERDUE_BRUSH, r.DUE_SOON: SOON_BRUSH}.get(state)


def days_text(due_date: date, today: date) -> str:
    days = (due_date - today).days
    return f"逾期{-days}天" if days < 0 else ("今天" if days == 0 else f"还有{days}天")
