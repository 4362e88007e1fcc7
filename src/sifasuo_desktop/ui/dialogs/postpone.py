"""延期: move one 工作台 item to a new date, with the reason that is kept and audited."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout

from sifasuo_desktop.core.errors import UserError, ValidationError
from sifasuo_desktop.domain.due_rules import postponement_problems
from sifasuo_desktop.services import due
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.due import WorkItem
from sifasuo_desktop.ui.widgets.form import DateField, FormKit, bind_save, button_row, text_box


class PostponeDialog(QDialog):
    def __init__(self, ctx: AppContext, item: WorkItem, parent=None):
        super().__init__(parent)
        self.ctx, self.item = ctx, item
        self.setWindowTitle("延期")
        header = QLabel(f"<b>{item.name}</b>　{item.rule_label}　现到期日 {item.due_date.isoformat()}"
                        + (f"<br>{item.note}" if item.note else ""))
        self.form = FormKit()
        self.new_date = self.form.add("new_date", "新的到期日", DateField(), required=True)
        self.reason = self.form.add("reason", "延期原因", text_box(80), required=True)
        self.form.validate = self._problems
        self.new_date.set_value(max(item.due_date, ctx.today()) + timedelta(days=7))
        self.save_button = QPushButton("确定延期")
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.form)
        layout.addLayout(button_row(self, self.save_button))
        bind_save(self.save_button, [self.form], self, self.save)
        self.form.revalidate()

    def _problems(self, values) -> dict[str, str]:
        return postponement_problems(values["new_date"], self.item.due_date, values["reason"], self.ctx.today())

    def save(self) -> None:
        try:
            due.postpone_item(self.ctx, self.item, self.new_date.value(), self.reason.toPlainText())
        except ValidationError as err:
            self.form.show_problems(err.fields)
            if not set(err.fields) & set(self.form.fields):
                QMessageBox.warning(self, "无法延期", str(err))
            return
        except UserError as err:
            QMessageBox.warning(self, "无法延期", str(err))
            return
        self.accept()
