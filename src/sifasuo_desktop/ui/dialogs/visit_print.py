"""Printing from the visit screens: one record, a person's agreement or whole dossier bundle (in a
worker with a progress dialog), the monthly visit plan, blank forms, and the agreement text.

``print_bundle(parent, ctx, person_id)`` is the one-click 打印档案案卷 any screen (the dossier
too) can call.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.core.errors import Cancelled, UserError
from sifasuo_desktop.services import dossier_bundle, visit_plan, visit_prints
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.ui.tasks import run_with_progress
from sifasuo_desktop.ui.widgets.list_tools import fill_villages
from sifasuo_desktop.ui.widgets.pdf_output import show_pdf

BLANK_PLAN = "走访计划"
BLANK_COVER = "档案封面及卷内目录"
BLANK_FORMS = (*visit_prints.BLANK_FORMS, BLANK_PLAN, BLANK_COVER)


def _run(parent: QWidget | None, make, name: str):
    """Render with ``make()``, hand the PDF to the viewer; a user error is shown, not raised."""
    try:
        data = make()
    except Cancelled:
        return None
    except UserError as err:
        QMessageBox.warning(parent, "无法打印", str(err))
        return None
    return show_pdf(parent, data, name)


def print_visit(parent, ctx: AppContext, visit_id: str):
    return _run(parent, lambda: visit_prints.print_visit(ctx, visit_id), "走访记录")


def print_agreement(parent, ctx: AppContext, person_id: str):
    return _run(parent, lambda: visit_prints.print_agreement(ctx, person_id), "安置帮教协议书")


def print_bundle(parent, ctx: AppContext, person_id: str):
    return _run(parent, lambda: run_with_progress(
        parent, "打印档案案卷", lambda progress: dossier_bundle.dossier_bundle(ctx, person_id, progress)), "档案案卷")


def print_blank(parent, ctx: AppContext, form: str):
    if form == BLANK_PLAN:
        return _run(parent, lambda: visit_plan.print_visit_plan(ctx, None), f"空白{form}")
    if form == BLANK_COVER:
        return _run(parent, lambda: dossier_bundle.blank_cover(ctx), f"空白{form}")
    return _run(parent, lambda: visit_prints.print_blank(ctx, form), f"空白{form}")


class PlanDialog(QDialog):
    """Which month and village the 走访计划 is for."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("打印走访计划")
        today = ctx.today()
        self.year, self.month = QSpinBox(), QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        self.village = QComboBox()
        fill_villages(self.village, ctx)
        when = QHBoxLayout()
        for widget, unit in ((self.year, "年"), (self.month, "月")):
            when.addWidget(widget)
            when.addWidget(QLabel(unit))
        when.addWidget(self.village, 1)
        self.print_button = QPushButton("打印")
        self.print_button.clicked.connect(self.print_plan)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("列出本月底前到期和已经逾期的走访、跟踪考察，按村(社区)分组。"))
        layout.addLayout(when)
        layout.addLayout(buttons)
        self.path = None

    def print_plan(self) -> None:
        month = date(self.year.value(), self.month.value(), 1)
        self.path = _run(self, lambda: visit_plan.print_visit_plan(self.ctx, month, self.village.currentData()),
                         f"{month.year}年{month.month}月走访计划")
        if self.path is not None:
            self.accept()


class AgreementTextDialog(QDialog):
    """The 安置帮教协议书 obligations as the office prints them (administrators edit)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("安置帮教协议书条款")
        self.resize(760, 620)
        self.text = QPlainTextEdit(visit_prints.agreement_text(ctx))
        hint = QLabel("以【】括起的一行是一方的标题，其下每行是一条条款（打印时自动编号）；以 # 开头的行不打印。")
        hint.setWordWrap(True)
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        reset = QPushButton("恢复默认条款")
        reset.clicked.connect(self.reset)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(reset)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

    def _store(self, text: str | None) -> None:
        try:
            visit_prints.save_agreement_text(self.ctx, text)
        except UserError as err:
            QMessageBox.warning(self, "无法保存", str(err))
            return
        self.accept()

    def save(self) -> None:
        self._store(self.text.toPlainText())

    def reset(self) -> None:
        if QMessageBox.question(self, "恢复默认条款", "放弃本所修改过的条款，恢复程序自带的条款？") == QMessageBox.Yes:
            self._store(None)


def install(window) -> None:
    """The visit feature's entries in the 打印 menu."""
    ctx = window.ctx
    window.add_action("打印", "走访计划…", lambda: PlanDialog(ctx, window).exec(), separator=True)
    blanks = window.menus["打印"].addMenu("空白走访文书")
    for form in BLANK_FORMS:
        blanks.addAction(form, lambda f=form: print_blank(window, ctx, f))
    window.add_action("打印", "安置帮教协议书条款…", lambda: AgreementTextDialog(ctx, window).exec())
