"""List editors inside the case form: the parties, the agreement clauses, records and follow-ups."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.domain import idnumber
from sifasuo_desktop.domain.mediation import chinese_numeral
from sifasuo_desktop.ui.dialogs.mediation_small import PartyDialog
from sifasuo_desktop.ui.widgets.form import ERROR_STYLE


class ItemTable(QWidget):
    """A read-only table of items with a row of buttons under it and an error line."""

    activated = Signal()

    def __init__(self, columns: Sequence[tuple[str, Callable[[Any], str]]], parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.items: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([c[0] for c in self.columns])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _index: self.activated.emit())
        layout.addWidget(self.table)
        self.button_row = QHBoxLayout()
        self.button_row.addStretch(1)
        layout.addLayout(self.button_row)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def add_button(self, text: str, slot: Callable[[], None], edits: bool = True,
                   denied: str | None = None) -> QPushButton:
        """A button under the table; ``edits`` buttons are disabled while the case is locked.
        ``denied``: why the signed-in user may not use it (disabled for good, the reason as tooltip)."""
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        button.setProperty("edits", edits)
        if denied:
            button.setProperty("denied", True)
            button.setEnabled(False)
            button.setToolTip(denied)
        self.button_row.insertWidget(self.button_row.count() - 1, button)
        return button

    def set_read_only(self, read_only: bool) -> None:
        for button in self.findChildren(QPushButton):
            if button.property("edits"):
                button.setEnabled(not read_only and not button.property("denied"))

    def set_items(self, items: Sequence[Any]) -> None:
        self.items = list(items)
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            for c, (_header, text) in enumerate(self.columns):
                self.table.setItem(r, c, QTableWidgetItem(text(item)))
        self.table.resizeColumnsToContents()

    def current_index(self) -> int | None:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.items) else None

    def current(self) -> Any:
        index = self.current_index()
        return None if index is None else self.items[index]

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))


class PartiesEditor(ItemTable):
    """当事人: added and changed in a ``PartyDialog``; the form saves them with the case.
    A party who has a dossier (same 公民身份号码) can be looked up there: 查看档案 calls the
    function given to ``set_dossier_link`` (hidden when there is none)."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__([
            ("身份", lambda p: p.role),
            ("姓名或名称", lambda p: p.name),
            ("性别", lambda p: p.sex or ""),
            ("民族", lambda p: p.ethnicity_name),
            ("年龄", lambda p: "" if p.age_on(today) is None else str(p.age_on(today))),
            ("公民身份号码", lambda p: idnumber.mask(p.id_number) if p.id_number else ""),
            ("联系方式", lambda p: p.phone or ""),
            ("单位或住址", lambda p: p.address or ""),
            ("一人一档", lambda p: "在档人员" if p.person_id else ""),
        ], parent)
        self.today = today
        self.dialog: PartyDialog | None = None
        self.add_button("添加当事人", lambda: self._edit(None))
        self.add_button("修改", self._edit_current)
        self.add_button("删除", self._remove)
        self.dossier_button = self.add_button("查看档案", self._open_dossier, edits=False)
        self.dossier_button.setToolTip("当事人的公民身份号码与一人一档中的人员相同时（案件保存后）可查看其档案")
        self.open_person: Callable[[str], object] | None = None
        self.set_dossier_link(None)
        self.table.itemSelectionChanged.connect(self._update_dossier_button)
        self.activated.connect(self._edit_current)
        self.read_only = False

    def set_dossier_link(self, open_person: Callable[[str], object] | None) -> None:
        self.open_person = open_person
        self.dossier_button.setVisible(open_person is not None)
        self._update_dossier_button()

    def set_items(self, items: Sequence[Any]) -> None:
        super().set_items(items)
        self._update_dossier_button()

    def _update_dossier_button(self) -> None:
        party = self.current()
        self.dossier_button.setEnabled(party is not None and party.person_id is not None)

    def _open_dossier(self) -> None:
        party = self.current()
        if party is not None and party.person_id and self.open_person is not None:
            self.open_person(party.person_id)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.read_only = read_only

    def _edit_current(self) -> None:
        if self.current_index() is not None:
            self._edit(self.current_index())

    def _edit(self, index: int | None) -> None:
        """Add (``index`` None) or change a party in its dialog (only look at it when locked)."""
        if self.read_only and index is None:
            return
        party = None if index is None else self.items[index]
        roles = [p.role for p in self.items]
        default_role = "申请人" if "申请人" not in roles else "被申请人"
        self.dialog = PartyDialog(party, self.today, self, default_role=default_role)
        if self.read_only:
            self.dialog.form.setEnabled(False)
            self.dialog.ok_button.setEnabled(False)
            self.dialog.ok_button.hide()

        def accepted() -> None:
            items = list(self.items)
            if index is None:
                items.append(self.dialog.party())
            else:
                items[index] = self.dialog.party()
            self.set_items(items)
            self.changed.emit()

        self.dialog.accepted.connect(accepted)
        self.dialog.open()

    def _remove(self) -> None:
        index = self.current_index()
        if index is not None:
            self.set_items(self.items[:index] + self.items[index + 1:])
            self.changed.emit()


class ClauseEditor(QWidget):
    """协议内容: one clause per row, numbered 一、二、… as printed; edited in place."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 1)
        self.table.setHorizontalHeaderLabels(["协议条款（双击修改）"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(140)
        self.table.itemChanged.connect(self._item_changed)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        for text, slot in (("添加条款", self.add_clause), ("删除条款", self.remove_clause),
                           ("上移", lambda: self._move(-1)), ("下移", lambda: self._move(1))):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.error = QLabel()
        self.error.setObjectName("error_clauses")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)

    def clauses(self) -> tuple[str, ...]:
        texts = (self.table.item(r, 0).text().strip() for r in range(self.table.rowCount()) if self.table.item(r, 0))
        return tuple(t for t in texts if t)

    def set_clauses(self, clauses: Sequence[str]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for text in clauses:
            self._append(text)
        self.table.blockSignals(False)
        self._renumber()

    def _append(self, text: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(text))
        return row

    def _renumber(self) -> None:
        self.table.setVerticalHeaderLabels([f"{chinese_numeral(r + 1)}、" for r in range(self.table.rowCount())])
        self.table.resizeRowsToContents()

    def add_clause(self) -> None:
        self.table.blockSignals(True)
        row = self._append("")
        self.table.blockSignals(False)
        self._renumber()
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, 0))

    def remove_clause(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._renumber()
            self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        texts = [self.table.item(r, 0).text() for r in range(self.table.rowCount())]
        texts[row], texts[target] = texts[target], texts[row]
        self.set_clauses(texts)
        self.table.setCurrentCell(target, 0)
        self.changed.emit()

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        self.table.resizeRowsToContents()
        self.changed.emit()

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def set_read_only(self, read_only: bool) -> None:
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers if read_only
                                   else QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        for button in self.findChildren(QPushButton):
            button.setEnabled(not read_only)
