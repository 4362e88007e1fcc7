"""The case form: 受理, 调查/调解记录, 结果与协议, 履行与回访, 司法确认, 卷宗.

The whole case is checked by the domain rules on every change and each problem is shown beside
its field; 保存 (Ctrl+S) is enabled only when there is none. A closed (归档) case opens read-only
with a 重新打开 button. Records and follow-ups are saved at once in their own dialogs. A party
with a dossier offers 查看档案 (the 一人一档 tab's ``open_person``, through the main window).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain import mediation_file
from sifasuo_desktop.domain.mediation import (
    RESULT_OPEN,
    RESULT_SUCCESS,
    Case,
    case_state,
    judicial_window_end,
    limit_status,
)
from sifasuo_desktop.domain.mediation_checks import case_problems, normalise
from sifasuo_desktop.services import mediation, mediation_print, office
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.mediation_query import mediator_names
from sifasuo_desktop.ui.dialogs.mediation_children import PerformancePage, RecordsPage
from sifasuo_desktop.ui.dialogs.mediation_pages import AcceptancePage, FilePage, JudicialPage, OutcomePage
from sifasuo_desktop.ui.dialogs.mediation_small import ExtensionDialog, ReopenDialog
from sifasuo_desktop.ui.navigation import main_window_of, opener
from sifasuo_desktop.ui.widgets.pdf_output import show_pdf
from sifasuo_desktop.ui.widgets.form import ERROR_STYLE

LOCK_STYLE = "background: #fdecea; color: #8a1c12; padding: 6px; border-radius: 3px;"
_SHOWN_OUTSIDE_FORMS = {"parties", "clauses"}


class MediationCaseDialog(QDialog):
    saved = Signal()  # the case changed in the database: lists refresh

    def __init__(self, ctx: AppContext, case_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.rules, self.today = ctx, office.rules(ctx), ctx.today()
        self.case = mediation.get_case(ctx, case_id) if case_id else self._new_case()
        self.setWindowTitle("人民调解案件")
        self.resize(1060, 760)
        self._problems: dict[str, str] = {}
        self._busy = False
        self._loaded: Case | None = None
        self.child_dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.number_label, self.state_label = QLabel(), QLabel()
        self.number_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        top.addWidget(self.number_label)
        top.addStretch(1)
        top.addWidget(self.state_label)
        layout.addLayout(top)
        self.lock_label = QLabel()
        self.lock_label.setStyleSheet(LOCK_STYLE)
        layout.addWidget(self.lock_label)
        self.acceptance = AcceptancePage(self.today, mediator_names(ctx))
        self.records = RecordsPage(self)
        self.outcome = OutcomePage()
        self.performance = PerformancePage(self)
        self.judicial = JudicialPage()
        self.file = FilePage()
        self.pages = [self.acceptance, self.records, self.outcome, self.performance, self.judicial, self.file]
        self.tabs = QTabWidget()
        for page, title in zip(self.pages, ("受理", "调查/调解记录", "结果与协议", "履行与回访", "司法确认", "卷宗")):
            self.tabs.addTab(page, title)
        layout.addWidget(self.tabs, 1)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        layout.addWidget(self.general_error)
        layout.addLayout(self._buttons())
        self.forms = [form for page in self.pages for form in page.forms]
        for form in self.forms:
            form.validate = lambda _values, f=form: {k: v for k, v in self._problems.items() if k in f.fields}
            form.validity_changed.connect(self.revalidate)
        self.acceptance.parties.changed.connect(self.revalidate)
        self.acceptance.parties.set_dossier_link(opener(main_window_of(parent), "DossierTab", "open_person"))
        self.outcome.clauses.changed.connect(self.revalidate)
        self.file.watch(self.revalidate)
        self.acceptance.form.fields["acceptance_date"].textChanged.connect(self._show_header)
        QShortcut(QKeySequence.Save, self).activated.connect(lambda: self.save_button.isEnabled() and self.save())
        for push in self.findChildren(QPushButton):   # Enter ends a clause or a line, it never saves
            push.setAutoDefault(False)
        self._load(self.case)

    def _new_case(self) -> Case:
        return Case(acceptance_date=self.today, source="当事人申请", dispute_type="",
                    number_prefix=mediation.default_number_prefix(self.ctx), recorder=self.ctx.user.display_name)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.extend_button = self._button(row, "延长期限…", self.extend)
        self.close_case_button = self._button(row, "结案归档", self.close_case)
        self.reopen_button = self._button(row, "重新打开…", self.reopen)
        self.print_button = QToolButton()
        self.print_button.setText("打印")
        self.print_button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.print_button)
        for form in mediation_print.CASE_FORMS:
            menu.addAction(form, lambda f=form: self.print_form(f))
        menu.addSeparator()
        menu.addAction("整卷（卷宗封面、目录及全部文书）", lambda: self.print_form(mediation_print.WHOLE_FILE))
        self.print_button.setMenu(menu)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.status_label = QLabel()
        row.addWidget(self.status_label)
        self.save_button = self._button(row, "保存", self.save)
        self._button(row, "关闭", self.reject)
        return row

    @staticmethod
    def _button(row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    # --- the form as a case ---------------------------------------------------------------
    def draft(self) -> tuple[Case, dict[str, str]]:
        """The case as the form shows it, and problems of text that is not a number."""
        values, problems = {}, {}
        for page in (self.acceptance, self.outcome, self.performance, self.judicial, self.file):
            page_values, page_problems = page.values()
            values.update(page_values)
            problems.update(page_problems)
        return replace(self.case, **values), problems

    def is_dirty(self) -> bool:
        return not self.case.closed and self._loaded is not None and self.draft()[0] != self._loaded

    def revalidate(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            draft, problems = self.draft()
            checked = normalise(draft)
            self._problems = {**case_problems(checked, self.today, self.rules.judicial_confirmation_days), **problems}
            for form in self.forms:
                form.revalidate()
            for page in self.pages:
                page.show_problems(self._problems)
            shown = _SHOWN_OUTSIDE_FORMS.union(*(f.fields for f in self.forms))
            self.general_error.setText("；".join(v for k, v in self._problems.items() if k not in shown))
            self.file.contents.set_items(mediation_file.contents(checked))
            for page in (self.performance, self.judicial):   # only an agreement is performed and confirmed
                page.form.setEnabled(not self.case.closed and checked.result == RESULT_SUCCESS)
            self.performance.show_due(checked, self.rules.mediation_followup_days)
            self._show_judicial_window(checked)
            self._update_buttons()
        finally:
            self._busy = False

    def _update_buttons(self) -> None:
        locked, saved = self.case.closed, self.case.id is not None
        valid = not self._problems and all(not f.problems for f in self.forms)
        self.save_button.setEnabled(valid and not locked)
        self.extend_button.setEnabled(saved and not locked and self.case.result == RESULT_OPEN)
        self.close_case_button.setEnabled(saved and not locked and self.case.result != RESULT_OPEN)
        self.reopen_button.setVisible(locked)

    def _show_header(self) -> None:
        case = self.case
        if case.id:
            self.number_label.setText(case.number)
        else:
            when = self.draft()[0].acceptance_date or self.today
            self.number_label.setText(f"新案件（保存后自动编号：{when.year}年第{mediation.next_number(self.ctx, when)}号）")
        state = case_state(case, self.rules.mediation_limit_days, self.rules.due_soon_days, self.today)
        limit = limit_status(case, self.rules.mediation_limit_days, self.rules.due_soon_days, self.today)
        if limit is not None:
            extended = f"，已延长{case.extension_days}天" if case.extension_days else ""
            state += f" · {limit.label}（期限 {limit.deadline.isoformat()}{extended}）"
        elif case.concluded_date:
            state += f" · 调解{case.result} · {case.concluded_date.isoformat()} 结案"
        self.state_label.setText(state if case.id else "")
        self.lock_label.setText("本案已结案归档，内容只读。如需修改，请点击“重新打开”并说明理由。")
        self.lock_label.setVisible(case.closed)

    def _show_judicial_window(self, case: Case) -> None:
        days = self.rules.judicial_confirmation_days
        end = judicial_window_end(case.agreement_date, days) if case.result == RESULT_SUCCESS else None
        self.judicial.show_window(
            f"双方当事人可以自调解协议生效之日起{days}日内（{case.agreement_date.isoformat()} 至 {end.isoformat()}）"
            "共同向人民法院申请司法确认。" if end else "调解成功并达成协议后，当事人可以共同申请司法确认。")

    def _load(self, case: Case) -> None:
        self._busy = True
        try:
            for page in self.pages:
                page.load(case)
                page.set_locked(case.closed)
        finally:
            self._busy = False
        self._loaded = self.draft()[0]
        self._show_header()
        self.revalidate()

    # --- actions --------------------------------------------------------------------------
    def case_changed(self, case: Case) -> None:
        """The case was written: show it as stored."""
        self.case = case
        self._load(case)
        self.saved.emit()

    def save(self) -> bool:
        draft, _problems = self.draft()
        try:
            if self.case.id:
                case = mediation.update_case(self.ctx, self.case.id, draft)
            else:
                case = mediation.create_case(self.ctx, draft)
        except UserError as err:
            QMessageBox.warning(self, "无法保存", str(err))
            return False
        self.case_changed(case)
        self.status_label.setText("已保存")
        return True

    def saved_case(self) -> Case | None:
        """The stored case, saving the form's changes first (records need a saved case)."""
        if self.case.id and not self.is_dirty():
            return self.case
        if not self.save_button.isEnabled():
            QMessageBox.warning(self, "请先完成受理信息", "请先改正标红的项目并保存案件。")
            return None
        return self.case if self.save() else None

    def _act(self, action) -> None:
        try:
            case = action()
        except UserError as err:
            QMessageBox.warning(self, "无法完成", str(err))
            return
        self.case_changed(case)

    def extend(self) -> None:
        case = self.saved_case()
        if case is None:
            return
        dialog = self.child_dialog = ExtensionDialog(case, self.rules.mediation_limit_days, self.today, self)

        def accepted() -> None:
            v = dialog.form.values()
            self._act(lambda: mediation.extend_limit(self.ctx, case.id, days=v["days"], consent_date=v["consent_date"],
                                                     both_consent=v["both_consent"], reason=v["reason"]))

        dialog.accepted.connect(accepted)
        dialog.open()

    def close_case(self) -> None:
        case = self.saved_case()
        if case is None:
            return
        missing = mediation_file.missing(case)
        note = f"\n\n卷宗尚缺：{'、'.join(missing)}。" if missing else ""
        if QMessageBox.question(self, "结案归档", f"归档后案件将锁定，不能再修改。确定将 {case.number} 结案归档？{note}") \
                == QMessageBox.Yes:
            self._act(lambda: mediation.close_case(self.ctx, case.id))

    def reopen(self) -> None:
        dialog = self.child_dialog = ReopenDialog(self)
        dialog.accepted.connect(lambda: self._act(
            lambda: mediation.reopen_case(self.ctx, self.case.id, dialog.form.value("reason"))))
        dialog.open()

    def print_form(self, form: str, item_id: str | None = None) -> None:
        case = self.saved_case()
        if case is None:
            return
        try:
            data = mediation_print.render_case_form(self.ctx, case.id, form, item_id)
        except UserError as err:
            QMessageBox.warning(self, "无法打印", str(err))
            return
        show_pdf(self, data, f"{form}_{case.year}-{case.seq}", mediation_print.unprintable(self.ctx, case.id))

    def reject(self) -> None:
        if self.is_dirty() and QMessageBox.question(self, "未保存", "有未保存的修改，放弃这些修改吗？") != QMessageBox.Yes:
            return
        super().reject()
