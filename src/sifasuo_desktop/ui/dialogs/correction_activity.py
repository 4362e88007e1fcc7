"""One 社区矫正 activity: 报到, 教育学习 / 公益活动 hours, 请假 / 销假, rewards and punishments."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import UserError, ValidationError
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.visits import ACTIVITY_KINDS, ACTIVITY_LEAVE, HOURS_KINDS, activity_problems
from sifasuo_desktop.services import correction_activities, visits
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.correction_activities import ActivityData
from sifasuo_desktop.ui.widgets.form import DateField, FormKit, bind_save, button_row, make_combo, text_box


def _hours(text: str) -> float | None:
    try:
        return float(text.strip()) if text.strip() else None
    except ValueError:
        return None


class ActivityDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, person_id: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id: str | None = None
        self.setWindowTitle("社区矫正活动")
        self.resize(560, 420)
        self.form = FormKit()
        people = QComboBox()
        people.addItem("（请选择）", "")
        for choice in visits.person_choices(ctx):
            if choice.population == codes.POPULATION_CORRECTION:
                people.addItem(f"{choice.name}（{choice.village_name}）", choice.id)
        self.form.add("person_id", "社区矫正对象", people, required=True)
        self.form.add("activity_date", "日期", DateField(), required=True)
        self.form.add("kind", "类别", make_combo(ACTIVITY_KINDS, allow_empty=False), required=True)
        self.form.add("hours", "时长(小时)", QLineEdit())
        self.form.add("end_date", "请假截止日期", DateField())
        self.form.add("content", "内容", text_box())
        self.form.add("staff", "经办人", QLineEdit())
        self.form.set_value("activity_date", ctx.today())
        self.form.set_value("staff", ctx.user.display_name)
        if person_id:
            people.setCurrentIndex(max(people.findData(person_id), 0))
        self.form.validate = self._problems
        self.form.fields["kind"].currentTextChanged.connect(self._kind_changed)
        self.save_button = QPushButton("保存")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)                  # spare height below the fields, not between them
        layout.addLayout(button_row(self, self.save_button))
        bind_save(self.save_button, [self.form], self, self.save)
        self._kind_changed(self.form.value("kind"))

    def _kind_changed(self, kind: str) -> None:
        self.form.set_row_visible("hours", kind in HOURS_KINDS)
        self.form.set_row_visible("end_date", kind == ACTIVITY_LEAVE)
        self.form.revalidate()

    def data(self) -> ActivityData:
        v = self.form.values()
        end = v["end_date"] if v["kind"] == ACTIVITY_LEAVE and not isinstance(v["end_date"], DateField) else None
        return ActivityData(person_id=v["person_id"] or "", activity_date=v["activity_date"], kind=v["kind"],
                            hours=_hours(v["hours"]) if v["kind"] in HOURS_KINDS else None, end_date=end,
                            content=v["content"], staff=v["staff"])

    def _problems(self, values) -> dict[str, str]:
        problems = activity_problems(person_id=values["person_id"], activity_date=values["activity_date"],
                                     kind=values["kind"], hours=_hours(values["hours"]), end_date=values["end_date"],
                                     today=self.ctx.today())
        if values["kind"] in HOURS_KINDS and values["hours"] and _hours(values["hours"]) is None:
            problems["hours"] = "时长应为数字，如 2 或 1.5"
        return problems

    def save(self) -> None:
        try:
            self.activity_id = correction_activities.save_activity(self.ctx, None, self.data())
        except ValidationError as err:
            self.form.show_problems(err.fields)
            QMessageBox.warning(self, "无法保存", str(err))
            return
        except UserError as err:
            QMessageBox.warning(self, "无法保存", str(err))
            return
        self.accept()
