"""The pages of the case form that edit the case's own fields: 受理, 结果与协议, 司法确认, 卷宗.

A page shows its fields in FormKits, ``load``s a case, returns its part of the case from
``values()`` (with problems of text that is not a number), and ``set_locked`` makes it read-only.
The case dialog checks the whole case with the domain rules and shows each problem beside its field.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.mediation import RESULT_FAILED, RESULT_OPEN, RESULT_SUCCESS, RETENTION_PERIODS, Case
from sifasuo_desktop.domain.mediation_file import PAPER
from sifasuo_desktop.ui.dialogs.mediation_editors import ClauseEditor, ItemTable, PartiesEditor
from sifasuo_desktop.ui.dialogs.mediation_small import optional_spin
from sifasuo_desktop.ui.widgets.form import DateField, FormKit, make_combo, text_box


def parse_amount(text: str) -> tuple[Decimal | None, str | None]:
    cleaned = (text or "").replace(",", "").replace("，", "").replace("元", "").strip()
    if not cleaned:
        return None, None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None, "金额应为数字（元）"
    return (amount.quantize(Decimal("0.01")), None) if amount.is_finite() else (None, "金额应为数字（元）")


def amount_text(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}"


def as_date(value: Any) -> date | None:
    return value if isinstance(value, date) else None


class Page(QWidget):
    """A scrolling page of the case form."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        scroll.setWidget(self.body)
        self.forms: list[FormKit] = []

    def add_form(self, form: FormKit) -> FormKit:
        self.forms.append(form)
        self.layout_.addWidget(form)
        return form

    def set_locked(self, locked: bool) -> None:
        for form in self.forms:
            form.setEnabled(not locked)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Problems of widgets outside the FormKits (parties, clauses)."""


class AcceptancePage(Page):
    """受理: number, dates, source, type, parties, mediators, summary."""

    def __init__(self, today: date, mediator_names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        f = self.form = self.add_form(FormKit())
        f.add("number_prefix", "编号字号", QLineEdit())
        seq = QLineEdit()
        seq.setPlaceholderText("自动编号")
        f.add("seq", "编号（第N号）", seq)
        f.add("acceptance_date", "受理日期", DateField(), required=True)
        f.add("source", "案件来源", make_combo(codes.CASE_SOURCES), required=True)
        f.add("referring_organ", "移送单位", make_combo(codes.REFERRING_ORGANS, editable=True))
        f.add("dispute_type", "纠纷类型", make_combo(codes.DISPUTE_TYPES), required=True)
        mediators = QLineEdit()
        mediators.setPlaceholderText("一般两名，用“、”分隔，如：王明、李红")
        mediators.setToolTip("常用调解员：" + "、".join(mediator_names[:12]))
        f.add("mediators", "调解员", mediators, required=True)
        f.add("recorder", "记录人", QLineEdit())
        f.add("amount_involved", "涉及金额（元）", QLineEdit())
        f.add("people_involved", "涉及人数", optional_spin(100000))
        f.add("summary", "纠纷简要情况", text_box(80))
        f.fields["source"].currentTextChanged.connect(self._source_changed)
        group = QGroupBox("当事人（至少一名申请人和一名被申请人）")
        box = QVBoxLayout(group)
        self.parties = PartiesEditor(today)
        self.parties.table.setMinimumHeight(150)
        box.addWidget(self.parties)
        self.layout_.addWidget(group)

    def _source_changed(self, source: str) -> None:
        self.form.fields["referring_organ"].setEnabled(source == "委托移送")

    def load(self, case: Case) -> None:
        f = self.form
        for code in ("number_prefix", "acceptance_date", "source", "referring_organ", "dispute_type",
                     "recorder", "summary", "people_involved"):
            f.set_value(code, getattr(case, code))
        f.set_value("seq", str(case.seq) if case.seq else "")
        f.set_value("mediators", "、".join(case.mediators))
        f.set_value("amount_involved", amount_text(case.amount_involved))
        self._source_changed(case.source)
        self.parties.set_items(case.parties)

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        v, problems = self.form.values(), {}
        seq_text = v["seq"]
        if seq_text and not seq_text.isdigit():
            problems["seq"] = "编号应为数字，留空则自动编号"
        amount, problem = parse_amount(v["amount_involved"])
        if problem:
            problems["amount_involved"] = problem
        values = dict(
            number_prefix=v["number_prefix"], seq=int(seq_text) if seq_text.isdigit() else None,
            acceptance_date=as_date(v["acceptance_date"]), source=v["source"],
            referring_organ=v["referring_organ"] or None, dispute_type=v["dispute_type"],
            mediators=tuple(n for n in re.split(r"[、，,；;\s]+", v["mediators"]) if n),
            recorder=v["recorder"] or None, amount_involved=amount,
            people_involved=v["people_involved"] or None, summary=v["summary"] or None,
            parties=tuple(self.parties.items),
        )
        return values, problems

    def show_problems(self, problems: dict[str, str]) -> None:
        self.parties.show_error(problems.get("parties"))

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        self.parties.set_read_only(locked)


_FAILURE = ("failure_reason", "suggested_route")
_AGREEMENT = ("agreement_form", "agreement_date", "agreement_amount", "performance_method", "performance_deadline")


class OutcomePage(Page):
    """结果与协议: the result, the agreement with its clauses, the prevention flags."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        f = self.form = self.add_form(FormKit())
        f.add("result", "调解结果", make_combo(codes.MEDIATION_RESULTS, allow_empty=False), required=True)
        f.add("concluded_date", "结案日期", DateField())
        f.add("failure_reason", "不成功（终止）原因", text_box(50))
        f.add("suggested_route", "建议途径", make_combo(codes.FAILURE_ROUTES))
        f.add("agreement_form", "协议形式", make_combo(codes.AGREEMENT_FORMS))
        f.add("agreement_date", "协议日期", DateField())
        f.add("agreement_amount", "协议金额（元）", QLineEdit())
        f.add("performance_method", "履行方式、时限", text_box(50))
        f.add("performance_deadline", "履行期限", DateField())
        self.clause_group = QGroupBox("经调解，自愿达成如下协议")
        box = QVBoxLayout(self.clause_group)
        self.clauses = ClauseEditor()
        box.addWidget(self.clauses)
        self.layout_.addWidget(self.clause_group)
        flags = self.flags = self.add_form(FormKit())
        flags.add_section("预防纠纷激化（填写涉及人数；显示“否”为未涉及）")
        for key, text in codes.PREVENTION_FLAGS.items():
            flags.add(key, text + "（人）", optional_spin(100000, "否"))
        f.fields["result"].currentTextChanged.connect(self._result_changed)
        self._result_changed(RESULT_OPEN)

    def _result_changed(self, result: str) -> None:
        self.form.fields["concluded_date"].setEnabled(result != RESULT_OPEN)
        for code in _FAILURE:
            self.form.fields[code].setEnabled(result == RESULT_FAILED)
        for code in _AGREEMENT:
            self.form.fields[code].setEnabled(result == RESULT_SUCCESS)
        self.clause_group.setEnabled(result == RESULT_SUCCESS)

    def load(self, case: Case) -> None:
        for code in ("result", "concluded_date", "failure_reason", "suggested_route", *_AGREEMENT):
            if code != "agreement_amount":
                self.form.set_value(code, getattr(case, code))
        self.form.set_value("agreement_amount", amount_text(case.agreement_amount))
        self.clauses.set_clauses(case.clauses)
        for key in codes.PREVENTION_FLAGS:
            self.flags.set_value(key, getattr(case, key))
        self._result_changed(case.result)

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        v, problems = self.form.values(), {}
        amount, problem = parse_amount(v["agreement_amount"])
        if problem:
            problems["agreement_amount"] = problem
        values = dict(
            result=v["result"], concluded_date=as_date(v["concluded_date"]),
            failure_reason=v["failure_reason"] or None, suggested_route=v["suggested_route"] or None,
            agreement_form=v["agreement_form"] or None, agreement_date=as_date(v["agreement_date"]),
            agreement_amount=amount, performance_method=v["performance_method"] or None,
            performance_deadline=as_date(v["performance_deadline"]), clauses=self.clauses.clauses(),
            **{key: self.flags.value(key) for key in codes.PREVENTION_FLAGS},
        )
        return values, problems

    def show_problems(self, problems: dict[str, str]) -> None:
        self.clauses.show_error(problems.get("clauses"))

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        self.clauses.set_read_only(locked)


class JudicialPage(Page):
    """司法确认: applied jointly within the window, the court, the confirmation date."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_label = QLabel()
        self.window_label.setWordWrap(True)
        self.layout_.addWidget(self.window_label)
        f = self.form = self.add_form(FormKit())
        f.add("judicial_apply_date", "申请司法确认日期", DateField())
        f.add("judicial_court", "受理法院", QLineEdit())
        f.add("judicial_confirm_date", "法院确认日期", DateField())
        self.layout_.addStretch(1)

    def load(self, case: Case) -> None:
        for code in ("judicial_apply_date", "judicial_court", "judicial_confirm_date"):
            self.form.set_value(code, getattr(case, code))

    def show_window(self, text: str) -> None:
        self.window_label.setText(text)

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        v = self.form.values()
        return dict(judicial_apply_date=as_date(v["judicial_apply_date"]), judicial_court=v["judicial_court"] or None,
                    judicial_confirm_date=as_date(v["judicial_confirm_date"])), {}


class FilePage(Page):
    """卷宗: who files it, how long it is kept, which paper documents are in it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        f = self.form = self.add_form(FormKit())
        f.add("filer", "立卷人", QLineEdit())
        f.add("retention", "保管期限", make_combo(RETENTION_PERIODS, editable=True))
        f.add("notes", "备注", text_box(50))
        group = QGroupBox("卷内纸质材料（勾选已入卷的材料并填写页数）")
        grid = QGridLayout(group)
        self.materials: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        for row, title in enumerate(PAPER):
            check, pages = QCheckBox(title), QSpinBox()
            check.setObjectName(f"material_{title}")
            pages.setRange(0, 999)
            pages.setSuffix(" 页")
            pages.setMaximumWidth(110)
            grid.addWidget(check, row, 0)
            grid.addWidget(pages, row, 1)
            self.materials[title] = (check, pages)
        self.layout_.addWidget(group)
        contents = QGroupBox("卷内目录（按规定顺序；“缺”为应有而未入卷的材料）")
        box = QVBoxLayout(contents)
        self.contents = ItemTable([("序号", lambda e: str(e.seq)), ("材料名称", lambda e: e.title),
                                   ("应有", lambda e: "是" if e.required else ""), ("情况", lambda e: e.mark),
                                   ("来源", lambda e: "本程序打印" if e.printed else "纸质材料")])
        self.contents.table.setMinimumHeight(330)
        box.addWidget(self.contents)
        self.layout_.addWidget(contents)

    def watch(self, slot) -> None:
        for check, pages in self.materials.values():
            check.toggled.connect(slot)
            pages.valueChanged.connect(slot)

    def load(self, case: Case) -> None:
        for code in ("filer", "retention", "notes"):
            self.form.set_value(code, getattr(case, code))
        for title, (check, pages) in self.materials.items():
            check.setChecked(title in case.file_materials)
            pages.setValue(case.file_materials.get(title, 0))

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        v = self.form.values()
        materials = {t: pages.value() for t, (check, pages) in self.materials.items() if check.isChecked()}
        return dict(filer=v["filer"] or None, retention=v["retention"] or None, notes=v["notes"] or None,
                    file_materials=materials), {}

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        for check, pages in self.materials.values():
            check.setEnabled(not locked)
            pages.setEnabled(not locked)
