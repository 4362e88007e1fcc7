"""村(社区): add, rename, reorder, delete (to the 回收站, only without dossiers) and restore."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.services import office
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.office import VillageInfo
from sifasuo_desktop.ui.dialogs.admin_common import AdminListDialog, attempt, fit_to_screen, read_only_note
from sifasuo_desktop.ui.widgets.form import FormKit, form_buttons
from sifasuo_desktop.ui.widgets.record_model import Column, RecordTableModel


class VillageEditDialog(QDialog):
    """One village's name, code and contact person."""

    def __init__(self, ctx: AppContext, village: VillageInfo | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.village = ctx, village
        self.saved_id: str | None = None
        self.setWindowTitle("修改村(社区)" if village else "新增村(社区)")
        layout = QVBoxLayout(self)
        self.form = FormKit()
        for code, label, required in (("name", "名称", True), ("code", "代码", False),
                                      ("contact_name", "联系人", False), ("contact_phone", "联系电话", False)):
            edit = QLineEdit()
            edit.setMinimumWidth(220)
            self.form.add(code, label, edit, required=required)
            if village:
                self.form.set_value(code, getattr(village, code))
        self.form.validate = lambda v: {} if v["name"] else {"name": "请填写村(社区)名称"}
        layout.addWidget(self.form)
        layout.addWidget(form_buttons(self, [self.form], self.save))
        self.form.revalidate()

    def save(self) -> None:
        values: dict[str, Any] = self.form.values()

        def call() -> None:
            self.saved_id = office.save_village(self.ctx, self.village.id if self.village else None, **values)

        if attempt(self, call, [self.form]):
            self.accept()


class VillagesDialog(AdminListDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("村(社区)")
        self.may_edit = perm.can(ctx.user, perm.MANAGE_SETTINGS)
        layout = QVBoxLayout(self)
        if not self.may_edit:
            layout.addWidget(read_only_note(perm.MANAGE_SETTINGS))
        hint = QLabel("列表的顺序就是各处下拉框和花名册中的顺序。删除的村(社区)进入回收站，可以恢复；"
                      "还有档案的村(社区)不能删除。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.counts: dict[str, int] = {}
        self.show_deleted = QCheckBox("显示已删除")
        self.show_deleted.toggled.connect(lambda _on: self.reload())
        self.add_table(layout, RecordTableModel([
            Column("名称", lambda v: v.name),
            Column("代码", lambda v: v.code or ""),
            Column("联系人", lambda v: v.contact_name or ""),
            Column("联系电话", lambda v: v.contact_phone or ""),
            Column("档案数", lambda v: str(self.counts.get(v.id, 0)), sort=lambda v: self.counts.get(v.id, 0)),
            Column("状态", lambda v: "已删除" if v.deleted else "", color=lambda v: "#b3261e" if v.deleted else None),
        ], self), (("add", "新增…", self.add), ("edit", "修改…", self.edit),
                   ("up", "上移", lambda: self.move(-1)), ("down", "下移", lambda: self.move(1)),
                   ("delete", "删除", self.delete), ("restore", "恢复", self.restore)), [self.show_deleted])
        self.view.doubleClicked.connect(lambda _index: self.edit())
        self.reload()
        fit_to_screen(self, 760, 520)

    def reload(self, select_id: str | None = None) -> None:
        self.counts = office.village_person_counts(self.ctx)
        self.show_rows(office.list_villages(self.ctx, include_deleted=self.show_deleted.isChecked()), select_id)

    def _update_buttons(self) -> None:
        village = self.selected()
        active = [v for v in self.model.rows if not v.deleted]
        live = village is not None and not village.deleted
        self.buttons["add"].setEnabled(self.may_edit)
        self.buttons["edit"].setEnabled(self.may_edit and live)
        self.buttons["up"].setEnabled(self.may_edit and live and village != active[0])
        self.buttons["down"].setEnabled(self.may_edit and live and village != active[-1])
        self.buttons["delete"].setEnabled(self.may_edit and live)
        self.buttons["restore"].setEnabled(self.may_edit and village is not None and village.deleted)
        self.buttons["restore"].setVisible(self.show_deleted.isChecked())

    def add(self) -> None:
        dialog = VillageEditDialog(self.ctx, None, self)
        if dialog.exec():
            self.reload(dialog.saved_id)

    def edit(self) -> None:
        village = self.selected()
        if not (self.may_edit and village and not village.deleted):
            return
        dialog = VillageEditDialog(self.ctx, village, self)
        if dialog.exec():
            self.reload(village.id)

    def move(self, step: int) -> None:
        village = self.selected()
        ids = [v.id for v in self.model.rows if not v.deleted]
        at = ids.index(village.id)
        ids[at], ids[at + step] = ids[at + step], ids[at]
        if attempt(self, lambda: office.reorder_villages(self.ctx, ids), title="无法调整顺序"):
            self.reload(village.id)

    def delete(self) -> None:
        village = self.selected()
        if not self.counts.get(village.id):   # with dossiers the service refuses: no question first
            answer = QMessageBox.question(self, "删除村(社区)", f"把“{village.name}”移入回收站？以后可以恢复。")
            if answer != QMessageBox.Yes:
                return
        if attempt(self, lambda: office.delete_village(self.ctx, village.id), title="无法删除"):
            self.reload()

    def restore(self) -> None:
        village = self.selected()
        if attempt(self, lambda: office.restore_village(self.ctx, village.id), title="无法恢复"):
            self.reload(village.id)
