"""What the 设置 dialogs share: a size that fits the screen, the read-only note for users who
may not change settings, a plain table view, a list dialog (table with a column of buttons), and
running a service call with its errors shown beside the fields (ValidationError) or in a message
(any other UserError)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import UserError, ValidationError
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.ui.widgets.form import FormKit
from sifasuo_desktop.ui.widgets.record_model import RecordTableModel

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


class AdminListDialog(QDialog):
    """A list of records (users, villages): the table with a column of buttons beside it and 关闭
    below. Subclasses call ``add_table`` once and enable their buttons in ``_update_buttons``."""

    model: RecordTableModel
    view: QTableView
    buttons: dict[str, QPushButton]

    def add_table(self, layout: QVBoxLayout, model: RecordTableModel,
                  buttons: Sequence[tuple[str, str, Callable[[], object]]],
                  extra: Sequence[QWidget] = ()) -> None:
        """The table over ``model``, then one button per (object name, text, slot) and the
        ``extra`` widgets in a column beside it; the 关闭 button below."""
        self.model = model
        self.view = make_table_view(model, self)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        side = QVBoxLayout()
        self.buttons = {}
        for key, text, slot in buttons:
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(slot)
            side.addWidget(button)
            self.buttons[key] = button
        for widget in extra:
            side.addWidget(widget)
        side.addStretch(1)
        body.addLayout(side)
        layout.addLayout(body, 1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.button(QDialogButtonBox.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def show_rows(self, rows: list, select_id: str | None = None) -> None:
        """Fill the table with ``rows`` and select the one whose id is ``select_id``."""
        self.model.set_rows(rows)
        fit_columns(self.view)
        ids = [row.id for row in self.model.rows]
        if select_id in ids:
            self.view.selectRow(ids.index(select_id))
        self._update_buttons()

    def selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        raise NotImplementedError


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
