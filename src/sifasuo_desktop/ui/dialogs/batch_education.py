"""集中教育: one session recorded once, with a tick list of the persons who attended (one visit each)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain.visits import visit_problems
from sifasuo_desktop.services import office, visits
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.visits import BatchData
from sifasuo_desktop.ui.widgets.form import ERROR_STYLE, DateField, FormKit, bind_save, button_row, make_combo, text_box


class BatchEducationDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.batch_id: str | None = None
        self.setWindowTitle("集中教育")
        self.resize(760, 620)
        self.form = FormKit()
        self.form.add("visit_date", "日期", DateField(), required=True)
        self.form.add("place", "地点", QLineEdit())
        self.form.add("staff", "组织人", make_combo(visits.staff_names(ctx), editable=True))
        self.form.add("recorder", "记录人", QLineEdit())
        self.form.add("content", "教育内容", text_box())
        self.form.set_value("visit_date", ctx.today())
        self.form.set_value("staff", ctx.user.display_name)
        self.form.validate = self._problems
        self.village = QComboBox()
        self.village.addItem("全部村(社区)", None)
        for v in office.list_villages(ctx):
            self.village.addItem(v.name, v.id)
        self.find = QLineEdit()
        self.find.setPlaceholderText("查找：姓名、拼音首字母")
        self.list = QListWidget()
        self.ticked_label = QLabel()
        for choice in visits.person_choices(ctx):
            item = QListWidgetItem(f"{choice.name}　{choice.village_name}　{choice.population}")
            item.setData(Qt.UserRole, choice)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self.form.revalidate())
        self.village.currentIndexChanged.connect(self._filter)
        self.find.textChanged.connect(self._filter)
        self.save_button = QPushButton("保存")
        self._build_layout()
        bind_save(self.save_button, [self.form], self, self.save)
        self.form.revalidate()

    def _build_layout(self) -> None:
        picker = QHBoxLayout()
        picker.addWidget(self.village)
        picker.addWidget(self.find, 1)
        for text, state in (("全选(所列)", Qt.Checked), ("全不选", Qt.Unchecked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=state: self.tick_shown(s))
            picker.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(QLabel("参加人员（勾选）"))
        layout.addLayout(picker)
        layout.addWidget(self.list, 1)
        layout.addLayout(button_row(self, self.save_button, self.ticked_label))

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def ticked_ids(self) -> list[str]:
        return [item.data(Qt.UserRole).id for item in self.items() if item.checkState() == Qt.Checked]

    def tick(self, name: str) -> None:
        for item in self.items():
            if item.data(Qt.UserRole).name == name:
                item.setCheckState(Qt.Checked)

    def tick_shown(self, state: Qt.CheckState) -> None:
        for item in self.items():
            if not item.isHidden():
                item.setCheckState(state)

    def _filter(self) -> None:
        village, text = self.village.currentData(), self.find.text().strip()
        wanted = {c.id for c in visits.person_choices(self.ctx, text, village)} if (village or text) else None
        for item in self.items():
            item.setHidden(wanted is not None and item.data(Qt.UserRole).id not in wanted)

    def _problems(self, values) -> dict[str, str]:
        problems = visit_problems(person_id="-", visit_date=values["visit_date"], visit_type="集中教育",
                                  today=self.ctx.today())
        count = len(self.ticked_ids())
        if count == 0:
            problems["person_ids"] = "请勾选参加集中教育的对象"
        self.ticked_label.setText(problems.get("person_ids") or f"已选 {count} 人")
        self.ticked_label.setStyleSheet(ERROR_STYLE if count == 0 else "")
        return problems

    def save(self) -> None:
        values = self.form.values()
        batch = BatchData(visit_date=values["visit_date"], person_ids=tuple(self.ticked_ids()),
                          place=values["place"], staff=values["staff"], recorder=values["recorder"],
                          content=values["content"])
        try:
            self.batch_id = visits.record_batch(self.ctx, batch)
        except UserError as err:
            QMessageBox.warning(self, "无法保存", str(err))
            return
        self.accept()
