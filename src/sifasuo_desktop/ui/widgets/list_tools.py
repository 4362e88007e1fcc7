"""What every list tab has: a row of action buttons (with their shortcuts in the tooltip), Ctrl+F
to the search box, and the village filter kept up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from sifasuo_desktop.services import office
from sifasuo_desktop.services.context import AppContext

ALL_VILLAGES = "全部村(社区)"


class Action(NamedTuple):
    key: str
    text: str
    slot: Callable[[], object]
    tip: str = ""
    shortcut: str | None = None      # active while the focus is anywhere in the owner widget


def action_row(owner: QWidget, actions: list[Action]) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """The buttons in a row (followed by a stretch) and by key; a shortcut is named in the tooltip."""
    row = QHBoxLayout()
    buttons: dict[str, QPushButton] = {}
    for action in actions:
        button = QPushButton(action.text)
        button.clicked.connect(lambda _checked=False, slot=action.slot: slot())
        if action.shortcut:
            keys = QKeySequence(action.shortcut)
            shortcut = QShortcut(keys, owner, context=Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda button=button: button.isEnabled() and button.click())
            button.setToolTip(f"{action.tip}（{keys.toString(QKeySequence.NativeText)}）")
        elif action.tip:
            button.setToolTip(action.tip)
        buttons[action.key] = button
        row.addWidget(button)
    row.addStretch(1)
    return row, buttons


def bind_find(owner: QWidget, search: QLineEdit) -> None:
    """Ctrl+F anywhere in ``owner`` puts the cursor in ``search`` with its text selected."""
    shortcut = QShortcut(QKeySequence.Find, owner, context=Qt.WidgetWithChildrenShortcut)
    shortcut.activated.connect(lambda: (search.setFocus(Qt.ShortcutFocusReason), search.selectAll()))


def fill_villages(combo: QComboBox, ctx: AppContext, all_text: str = ALL_VILLAGES) -> None:
    """(Re)fill a village filter ("all" first, data None), keeping the chosen village when it is
    still there, without emitting a change."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, None)
    for village in office.list_villages(ctx):
        combo.addItem(village.name, village.id)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
    combo.blockSignals(False)
