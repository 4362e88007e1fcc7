"""What the 设置 dialogs share: a size that fits the screen, the read-only note for users who
may not change settings, a plain table view, and running a service call with its errors shown
beside the fields (ValidationError) or in a message (any other UserError)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMessageBox, QTableView, QWidget

from sifasuo_desktop.core.errors import UserError, ValidationError
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.ui.widgets.form import FormKit

NOTE_STYLE = "background: #fff4d6; border: 1px solid #e0c36a; padding: 6px;"


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width`` × ``height`` or less, so the whole dialog shows on a 1366×768 screen at
    125%/150% scaling (the contents scroll where they need to)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    widget.resize(min(width, int(available.width() * 0.95)), min(height, int(available.height() * 0.9)))


def read_only_note(permission: str) -> QLabel:
    label = QLabel(f"当前为只读：{perm.denied_message(permission)}。")
    label.setObjectName("read_only_note")
    label.setStyleSheet(NOTE_STYLE)
    label.setWordWrap(True)
    return label


def make_table_view(model, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, padding: int = 18) -> None:
    """Columns as wide as their contents plus some air (the last one takes the rest)."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        header.resizeSection(column, header.sectionSize(column) + padding)


def attempt(parent: QWidget, action: Callable[[], object], forms: Iterable[FormKit] = (),
            title: str = "无法保存") -> bool:
    """Run ``action``; on a ``UserError`` show it (beside the field when a form has that field)
    and return False. Nothing is half-written: each service call is one transaction."""
    try:
        action()
    except ValidationError as err:
        rest = dict(err.fields)
        for form in forms:
            mine = {code: reason for code, reason in err.fields.items() if code in form.fields}
            if mine:
                form.show_problems(mine)
                for code in mine:
                    rest.pop(code, None)
        if rest:
            QMessageBox.warning(parent, title, "\n".join(rest.values()))
        return False
    except UserError as err:
        QMessageBox.warning(parent, title, str(err))
        return False
    return True
