"""The person form (一人一档): one dialog, one page per section, saved in one transaction.

Problems are checked as the user types with the same functions the service uses
(services.person_validation) and shown beside the field; the first one is repeated beside the
Save button with its page, since it may sit on a page not in view. The 公民身份号码 fills sex
and birth date. History rows and new terms are staged and written on Save. A saved person's
form shows their visits and due items (走访与到期, where visits are recorded and edited at once)
and the mediation cases they are a party to (相关调解案件), opened through the main window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import DuplicateError, UserError, ValidationError
from sifasuo_desktop.domain import codes, idnumber
from sifasuo_desktop.services import office, persons
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_dossier import Dossier, get_dossier
from sifasuo_desktop.services.person_inputs import HistoryRef
from sifasuo_desktop.services.person_validation import (
    aftercare_problems,
    correction_problems,
    normalise_person,
    person_problems,
)
from sifasuo_desktop.ui.dialogs import person_form_pages as pages
from sifasuo_desktop.ui.dialogs.person_cases import RelatedCasesPanel
from sifasuo_desktop.ui.dialogs.person_form_fill import fill_form, term_summary
from sifasuo_desktop.ui.dialogs.person_history_specs import specs
from sifasuo_desktop.ui.dialogs.person_visits import PersonVisitsPanel
from sifasuo_desktop.ui.navigation import main_window_of, opener
from sifasuo_desktop.ui.widgets.attachments import AttachmentsPanel
from sifasuo_desktop.ui.widgets.form import ERROR_STYLE, FormKit, bind_save
from sifasuo_desktop.ui.widgets.history import HistoryEditor

FORM_WIDTH = 900  # fields wider than this are harder to read, not easier


class PersonFormDialog(QDialog):
    def __init__(self, ctx: AppContext, person_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        self._problems: dict[str, str] = {}
        self._revalidating = False
        self.rules = office.rules(ctx)
        self.open_existing: str | None = None   # set when the user chose to open a duplicate's dossier
        self.dossier: Dossier | None = get_dossier(ctx, person_id) if person_id else None
        self.aftercare_id = self.correction_id = None
        self.setWindowTitle("编辑档案" if person_id else "新建档案")
        self.resize(1100, 700)
        self.tabs = QTabWidget()
        self.forms: dict[str, FormKit] = {}
        self.history: dict[str, HistoryEditor] = {}
        self._build_pages()
        self._build_buttons()
        villages = {v.id: v.name for v in office.list_villages(ctx)}
        combo = self.field("village_id")
        for vid, name in villages.items():
            combo.addItem(name, vid)
        self.field("id_number").textChanged.connect(self._id_typed)
        self.field("aftercare.category").setCurrentText(codes.CATEGORY_GENERAL)
        self.field("correction.supervision_level").setCurrentText("普管")
        if self.dossier:
            self.aftercare_id, self.correction_id = fill_form(self, self.dossier)
        else:
            self.new_term_button.hide()
            if len(villages) == 1:
                combo.setCurrentIndex(1)
        self._id_typed(self.field("id_number").text())
        self._groups_changed()
        self.field("name").setFocus()

    # --- building ---------------------------------------------------------------------------
    def _page(self, title: str, *parts: QWidget) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        for part in parts:
            layout.addWidget(part)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.tabs.addTab(scroll, title)

    def _form(self, name: str, spec: list[pages.Field]) -> FormKit:
        form = FormKit()
        form.setMaximumWidth(FORM_WIDTH)
        pages.add_fields(form, spec)
        form.validate = lambda _values, f=form: {k: v for k, v in self._problems.items() if k in f.fields}
        form.edited.connect(self._edited)
        self.forms[name] = form
        return form

    def _editor(self, kind: str, title: str) -> QWidget:
        editor = HistoryEditor(specs(self.ctx.today())[kind])
        self.history[kind] = editor
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(QLabel(f"<b>{title}</b>"))
        layout.addWidget(editor)
        return box

    def _build_pages(self) -> None:
        self.aftercare_box = QCheckBox("列为安置帮教对象（刑满释放或解除社区矫正）")
        self.correction_box = QCheckBox("列为社区矫正对象")
        self.aftercare_box.setChecked(True)
        self.aftercare_box.toggled.connect(self._groups_changed)
        self.correction_box.toggled.connect(self._groups_changed)
        self.term_info = QLabel()
        self.new_term_button = QPushButton("开始新的帮教期")
        self.new_term_button.clicked.connect(self.start_new_term)
        self.earlier_terms = QLabel()
        self.earlier_terms.setWordWrap(True)
        self._page("基本信息", self._form("basic", pages.BASIC))
        term_row = QWidget()
        row = QHBoxLayout(term_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.new_term_button)
        row.addStretch(1)
        self._page("刑事与释放", self.aftercare_box, self._form("release", pages.RELEASE), self.term_info,
                   self.earlier_terms, term_row)
        self._page("衔接", self._form("handover", pages.HANDOVER), self._editor("status_event", "状态记录（脱管、找回、落户等）"))
        self._page("帮教", self._form("aftercare", pages.AFTERCARE), self._editor("category", "帮教类别历史"),
                   self._editor("flag", "三无人员、人户分离"), self._editor("helper", "帮教小组"))
        self._page("安置", self._editor("placement", "安置情况"))
        self._page("重新违法犯罪", self._editor("reoffense", "重新违法犯罪"))
        self._page("社区矫正", self.correction_box, self._form("correction", pages.CORRECTION),
                   self._editor("level", "管理等级历史"))
        self.attachments = AttachmentsPanel(self.ctx, "person", self.person_id,
                                            "保存档案后即可添加附件（释放通知书、判决书、协议书扫描件等）。", self)
        self._page("附件", self.attachments)
        self.cases: RelatedCasesPanel | None = None
        self.visits: PersonVisitsPanel | None = None
        if self.person_id:
            self.visits = PersonVisitsPanel(self.ctx, self.person_id, self)
            self.tabs.addTab(self.visits, "走访与到期")
            open_case = opener(main_window_of(self.parentWidget()), "MediationTab", "open_record")
            self.cases = RelatedCasesPanel(self.ctx, self.person_id, open_case, self)
            self._page("相关调解案件", self.cases)

    def _build_buttons(self) -> None:
        self.save_button = QPushButton("保存(&S)")
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        self.summary = QLabel()
        self.summary.setStyleSheet(ERROR_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.save_button)
        row.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        bind_save(self.save_button, list(self.forms.values()), self, self.save)

    # --- helpers ----------------------------------------------------------------------------
    def field(self, code: str) -> QWidget:
        return next(f.fields[code] for f in self.forms.values() if code in f.fields)

    def values(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for form in self.forms.values():
            merged.update({k: (None if isinstance(v, QWidget) else v) for k, v in form.values().items()})
        return merged

    def problems(self) -> dict[str, str]:
        """Every problem of the form as it stands (same rules as the service)."""
        today, values = self.ctx.today(), self.values()
        person = normalise_person(pages.person_input(values), today)
        found = person_problems(person, today)
        if self.aftercare_box.isChecked():
            found.update(aftercare_problems(pages.aftercare_input(values, self.aftercare_id), today, person.birth_date))
        if self.correction_box.isChecked():
            found.update(correction_problems(pages.correction_input(values, self.correction_id), today))
        return found

    def revalidate(self) -> None:
        self._problems = self.problems()
        for form in self.forms.values():
            form.revalidate()
        self._show_summary()

    def _edited(self) -> None:
        if not self._revalidating:
            self._revalidating = True
            try:
                self.revalidate()
                self.term_info.setText(term_summary(self))
            finally:
                self._revalidating = False

    def _show_summary(self) -> None:
        for name, form in self.forms.items():
            if form.problems:
                code, reason = next(iter(form.problems.items()))
                page = self.tabs.tabText(self._page_of(form))
                self.summary.setText(f"请先修正（{page}）：{reason}")
                return
        self.summary.setText("")

    def _page_of(self, form: FormKit) -> int:
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(form):
                return index
        return 0

    def _id_typed(self, text: str) -> None:
        """A valid number fills sex and birth date; the verified box only matters for a bad one."""
        try:
            info = idnumber.parse(text, self.ctx.today())
        except idnumber.IdNumberError as err:
            self.field("id_number_verified").setEnabled(err.kind not in ("empty", "length"))
            return
        self.field("id_number_verified").setChecked(False)
        self.field("id_number_verified").setEnabled(False)
        self.forms["basic"].set_value("sex", info.sex)
        self.forms["basic"].set_value("birth_date", info.birth_date)

    def _groups_changed(self) -> None:
        after, corr = self.aftercare_box.isChecked(), self.correction_box.isChecked()
        for name in ("release", "handover", "aftercare"):
            self.forms[name].setEnabled(after)
        self.forms["correction"].setEnabled(corr)
        for kind in ("category", "placement"):
            self.history[kind].setEnabled(after)
        self.history["level"].setEnabled(corr)
        new_after, new_corr = self.aftercare_id is None, self.correction_id is None
        for code in ("aftercare.category", "aftercare.category_reason"):
            self.forms["aftercare"].set_row_visible(code, new_after)
        self.forms["correction"].set_row_visible("correction.supervision_level", new_corr)
        self._edited()

    def start_new_term(self) -> None:
        """A person released again: keep the old term, enter a new one."""
        self.aftercare_id = None
        for code in self.forms["release"].fields:
            self.forms["release"].set_value(code, None)
        for name in ("handover", "aftercare"):
            for code in self.forms[name].fields:
                self.forms[name].set_value(code, None)
        self.field("aftercare.category").setCurrentText(codes.CATEGORY_GENERAL)
        self.new_term_button.hide()
        self._groups_changed()

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        values = self.values()
        person = pages.person_input(values)
        aftercare = [pages.aftercare_input(values, self.aftercare_id)] if self.aftercare_box.isChecked() else []
        corrections = [pages.correction_input(values, self.correction_id)] if self.correction_box.isChecked() else []
        history = [item for editor in self.history.values() for item in editor.additions()]
        removed = [HistoryRef(kind, rid) for kind, editor in self.history.items() for rid in editor.removed_ids()]
        try:
            if self.person_id:
                persons.update_person(self.ctx, self.person_id, person, aftercare=aftercare, corrections=corrections,
                                      history=history, removed=removed)
            else:
                self.person_id = persons.create_person(self.ctx, person, aftercare=aftercare,
                                                       corrections=corrections, history=history)
        except DuplicateError as err:
            answer = QMessageBox.question(self, "公民身份号码重复", f"{err}\n\n是否打开已有的档案？",
                                          QMessageBox.Yes | QMessageBox.No)
            if answer == QMessageBox.Yes and err.existing_id:
                self.open_existing = err.existing_id
                self.reject()
            return
        except ValidationError as err:
            self._show_service_problems(err.fields)
            return
        except UserError as err:
            QMessageBox.warning(self, "无法保存", str(err))
            return
        self.accept()

    def _show_service_problems(self, found: dict[str, str]) -> None:
        shown = False
        for form in self.forms.values():
            own = {k: v for k, v in found.items() if k in form.fields}
            if own:
                form.show_problems(own)
                shown = True
        if not shown or any(not any(k in f.fields for f in self.forms.values()) for k in found):
            QMessageBox.warning(self, "无法保存", "\n".join(found.values()))
        self._show_summary()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        """Enter presses the focused button only: it never saves or closes a half-typed form
        (saving is the button or Ctrl+S); Esc cancels."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
            return
        super().keyPressEvent(event)
