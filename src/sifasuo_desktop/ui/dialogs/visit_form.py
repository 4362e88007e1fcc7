"""The visit form: one 走访/谈话 record, with the 跟踪考察 assessment when the type is 跟踪考察.

Opened from the 走访记录 tab, from the 工作台 (pre-filled with the person and the visit type the
due item asks for) or from a dossier (``record_visit``: pre-filled with the person and the visit
their most urgent open due item asks for). Save is enabled only while valid; Ctrl+S saves, Esc
cancels. After a visit is written ``refresh_visit_views`` reloads the 走访记录 list and the 工作台.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import UserError, ValidationError
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.visits import visit_problems
from sifasuo_desktop.services import due, visits
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.visits import VisitData
from sifasuo_desktop.ui.widgets.attachments import AttachmentsPanel
from sifasuo_desktop.ui.widgets.form import DateField, FormKit, bind_save, make_combo

BASIC = [("visit_date", "日期"), ("visit_type", "方式"), ("place", "地点"), ("staff", "谈话(走访)人"),
         ("recorder", "记录人"), ("participants", "参加人员(帮教小组)")]
CONTENT = [("content_thought", "思想情况"), ("content_work", "工作(就业)情况"), ("content_life", "生活情况"),
           ("content_family", "家庭情况"), ("content", "谈话内容(问/答)"), ("problems", "发现的问题"),
           ("help_given", "帮教措施"), ("next_step", "下一步工作")]
REVIEW = [("review_period_start", "考察期起"), ("review_period_end", "考察期止"), ("review_method", "考察方式"),
          ("review_conduct_thought", "思想表现"), ("review_conduct_law", "遵纪守法"),
          ("review_conduct_work", "就业收入"), ("review_conduct_family", "家庭情况"),
          ("review_conduct_social", "社会交往"), ("review_measures", "帮教措施"),
          ("review_group_opinion", "帮教小组意见"), ("reviewer", "考察人"), ("review_office_opinion", "司法所审核意见")]
LONG_TEXT = {code for code, _ in CONTENT} | {
    "review_conduct_thought", "review_conduct_law", "review_conduct_work", "review_conduct_family",
    "review_conduct_social", "review_measures", "review_group_opinion", "review_office_opinion"}
DATES = {"visit_date", "review_period_start", "review_period_end"}


def _text_box(rows: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(22 * rows)
    return box


class VisitDialog(QDialog):
    def __init__(self, ctx: AppContext, visit_id: str | None = None, parent: QWidget | None = None, *,
                 person_id: str | None = None, visit_type: str | None = None):
        super().__init__(parent)
        self.ctx, self.visit_id = ctx, visit_id
        record = visits.get_visit(ctx, visit_id) if visit_id else None
        self.setWindowTitle("修改走访记录" if record else "新增走访记录")
        self.resize(820, 760)
        self.find = QLineEdit()
        self.find.setPlaceholderText("查找对象：姓名、拼音首字母、身份证号码")
        self.find.setClearButtonEnabled(True)
        self.person = QComboBox()
        self.person.setMinimumContentsLength(24)
        self.basic, self.content, self.review = FormKit(), FormKit(), FormKit()
        self.basic.add("person_id", "对象", self.person, required=True)
        self.basic.layout_.insertRow(0, "", self.find)
        for code, label in BASIC:
            self.basic.add(code, label, self._widget(code), required=code in ("visit_date", "visit_type"))
        for code, label in CONTENT:
            self.content.add(code, label, self._widget(code))
        for code, label in REVIEW:
            self.review.add(code, label, self._widget(code))
        for form in (self.basic, self.content, self.review):
            form.validate = lambda values, form=form: self._problems(form)
        self.basic.edited.connect(self.review.revalidate)
        self.basic.fields["visit_type"].currentTextChanged.connect(self._type_changed)
        self.attachments = AttachmentsPanel(ctx, "visit", visit_id, "保存走访记录后即可添加附件（签字的谈话记录扫描件、照片等）。",
                                            table_height=120)
        self._build_layout()
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(lambda: self._fill_persons(self.find.text()))
        self.find.textChanged.connect(self._search_timer.start)
        self._fill(record, person_id, visit_type)

    def _widget(self, code: str) -> QWidget:
        if code in DATES:
            return DateField()
        if code == "visit_type":
            return make_combo(codes.VISIT_TYPES, allow_empty=False)
        if code == "staff":
            return make_combo(visits.staff_names(self.ctx), editable=True)
        return _text_box() if code in LONG_TEXT else QLineEdit()

    def _build_layout(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.basic)
        content = QGroupBox("走访谈话内容")
        QVBoxLayout(content).addWidget(self.content)
        self.review_box = QGroupBox("跟踪考察")
        QVBoxLayout(self.review_box).addWidget(self.review)
        files = QGroupBox("附件")
        QVBoxLayout(files).addWidget(self.attachments)
        for box in (content, self.review_box, files):
            column.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.save_button = QPushButton("保存(&S)")
        self.save_button.setDefault(True)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        bind_save(self.save_button, [self.basic, self.content, self.review], self, self.save)

    # --- filling ----------------------------------------------------------------------------
    def _fill_persons(self, text: str = "", keep: str | None = None, keep_label: str = "") -> None:
        current = keep or self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem("（请选择）", "")
        for choice in visits.person_choices(self.ctx, text):
            self.person.addItem(f"{choice.name}（{choice.village_name or '未填村(社区)'}，{choice.population}）",
                                choice.id)
        if current and self.person.findData(current) < 0 and keep:
            self.person.addItem(keep_label or "（当前对象）", current)
        self.person.setCurrentIndex(max(self.person.findData(current), 0) if current else 0)
        self.person.blockSignals(False)
        self.basic.revalidate()

    def _fill(self, record, person_id: str | None, visit_type: str | None) -> None:
        if record is None:
            self._fill_persons(keep=person_id)
            self.basic.set_value("visit_date", self.ctx.today())
            self.basic.set_value("visit_type", visit_type or "走访")
            self.basic.set_value("staff", self.ctx.user.display_name)
        else:
            self._fill_persons(keep=record.data.person_id, keep_label=record.person_name)
            for form in (self.basic, self.content, self.review):
                for code in form.fields:
                    if code != "person_id":
                        form.set_value(code, getattr(record.data, code))
        self._type_changed(self.basic.value("visit_type"))
        for form in (self.basic, self.content, self.review):
            form.revalidate()

    def _type_changed(self, visit_type: str) -> None:
        self.review_box.setVisible(visit_type == codes.VISIT_TYPE_REVIEW)
        if visit_type == codes.VISIT_TYPE_REVIEW and self.review.value("review_period_end") is None:
            visit_day = self.basic.value("visit_date")
            if isinstance(visit_day, date):
                self.review.set_value("review_period_end", visit_day)

    # --- values and checks ------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for form in (self.basic, self.content, self.review):
            values.update(form.values())
        return values

    def data(self) -> VisitData:
        values = self.values()
        values["person_id"] = values.get("person_id") or ""
        return VisitData(**{k: (None if isinstance(v, DateField) else v) for k, v in values.items()})

    def _problems(self, form: FormKit) -> dict[str, str]:
        v = {k: (None if isinstance(x, DateField) else x) for k, x in self.values().items()}
        found = visit_problems(person_id=v.get("person_id"), visit_date=v["visit_date"], visit_type=v["visit_type"],
                               review_period_start=v["review_period_start"], review_period_end=v["review_period_end"],
                               today=self.ctx.today())
        return {code: reason for code, reason in found.items() if code in form.fields}

    def save(self) -> None:
        try:
            self.visit_id = visits.save_visit(self.ctx, self.visit_id, self.data())
        except ValidationError as err:
            for form in (self.basic, self.content, self.review):
                form.show_problems({k: v for k, v in err.fields.items() if k in form.fields})
            QMessageBox.warning(self, "无法保存", str(err))
            return
        except UserError as err:
            QMessageBox.warning(self, "无法保存", str(err))
            return
        self.accept()


VISIT_VIEWS = ("VisitsTab", "WorkbenchTab")


def due_visit_type(ctx: AppContext, person_id: str) -> str:
    """The visit the person's most urgent open due item asks for (走访 when none asks for one)."""
    for item in due.person_due(ctx, person_id):
        if item.state != r.DONE and r.RULES[item.rule].visit_type:
            return r.RULES[item.rule].visit_type
    return "走访"


def record_visit(parent: QWidget | None, ctx: AppContext, person_id: str | None = None,
                 visit_type: str | None = None) -> str | None:
    """Open the form for a new visit (of ``person_id``: of the type their due items ask for unless
    ``visit_type`` is given); returns the saved visit's id, None when cancelled."""
    if person_id and visit_type is None:
        visit_type = due_visit_type(ctx, person_id)
    dialog = VisitDialog(ctx, None, parent, person_id=person_id, visit_type=visit_type)
    return dialog.visit_id if dialog.exec() else None


def edit_visit(parent: QWidget | None, ctx: AppContext, visit_id: str) -> bool:
    """Open a visit in the form; True when the lists showing it should reload (it was saved, or it
    had been deleted meanwhile: the user is told)."""
    try:
        dialog = VisitDialog(ctx, visit_id, parent)
    except UserError as err:
        QMessageBox.warning(parent, "无法打开", str(err))
        return True
    return bool(dialog.exec())


def refresh_visit_views(window, *own: QWidget) -> None:
    """A visit was written: the 走访记录 tab and the 工作台 of ``window`` reload, and so do ``own``
    (the calling view, which may have no window in tests), each once."""
    views = list(own)
    for name in VISIT_VIEWS:
        tab = window.tab(name) if window is not None and hasattr(window, "tab") else None
        if tab is not None and tab not in views:
            views.append(tab)
    for view in views:
        view.refresh()
