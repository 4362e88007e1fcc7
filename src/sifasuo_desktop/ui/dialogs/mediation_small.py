"""The small forms of a mediation case: a party, a record, a follow-up, an extension, a reopening.

Each is a ``FormDialog``: a FormKit checked by the domain rules as the user types, OK enabled
only when valid. The caller reads the result (``party()``, ``record()``, ...) after ``accepted``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sifasuo_desktop.domain import codes, idnumber
from sifasuo_desktop.domain.mediation import FOLLOWUP_METHODS, Case, Followup, Party, Record, reopen_problem
from sifasuo_desktop.domain.mediation_checks import (
    extension_problems,
    followup_problems,
    party_problems,
    record_problems,
)
from sifasuo_desktop.ui.widgets.form import DateField, FormKit, bind_save, make_combo, text_box

_PERSON_ONLY = ("id_number", "sex", "ethnicity", "birth_date", "age")


def optional_spin(maximum: int, empty_text: str = "未填") -> QSpinBox:
    """A number where 0 means "not given" (shown as ``empty_text``)."""
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setSpecialValueText(empty_text)
    return spin


class FormDialog(QDialog):
    """A titled FormKit with OK/Cancel; OK (or Ctrl+S) accepts only while the form is valid."""

    def __init__(self, title: str, parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.form = FormKit()
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)

    def finish_setup(self) -> None:
        bind_save(self.ok_button, [self.form], self, self.accept)
        self.form.revalidate()

    def field(self, code: str) -> QWidget:
        return self.form.fields[code]


class PartyDialog(FormDialog):
    def __init__(self, party: Party | None, today: date, parent: QWidget | None = None,
                 default_role: str = "申请人"):
        super().__init__("当事人", parent, "公民身份号码可不填；填写时会核对，并自动填入性别和出生日期。")
        self.today, self.original = today, party
        f = self.form
        f.add("role", "身份", make_combo(codes.PARTY_ROLES, allow_empty=False), required=True)
        f.add("is_organisation", "单位", QCheckBox("当事人是单位（法人或其他组织）"))
        f.add("name", "姓名或名称", QLineEdit(), required=True)
        f.add("id_number", "公民身份号码", QLineEdit())
        f.add("sex", "性别", make_combo(["男", "女"]))
        f.add("ethnicity", "民族", make_combo(list(codes.ETHNICITIES.values())))
        f.add("birth_date", "出生日期", DateField())
        f.add("age", "年龄", optional_spin(150))
        f.add("occupation", "职业或职务", QLineEdit())
        f.add("phone", "联系方式", QLineEdit())
        f.add("address", "单位或住址", QLineEdit())
        f.validate = lambda _values: party_problems(self.party(), self.today)
        self.field("id_number").textChanged.connect(self._fill_from_id)
        self.field("is_organisation").toggled.connect(self._organisation_toggled)
        if party is not None:
            for code in ("role", "is_organisation", "name", "id_number", "sex", "birth_date", "age",
                         "occupation", "phone", "address"):
                f.set_value(code, getattr(party, code))
            f.set_value("ethnicity", party.ethnicity_name)
        else:
            f.set_value("role", default_role)
            f.set_value("ethnicity", "汉族")
        self.finish_setup()

    def _fill_from_id(self, text: str) -> None:
        try:
            info = idnumber.parse(text, self.today)
        except idnumber.IdNumberError:
            return
        if not self.form.value("sex"):
            self.form.set_value("sex", info.sex)
        if not self.field("birth_date").text().strip():
            self.form.set_value("birth_date", info.birth_date)

    def _organisation_toggled(self, organisation: bool) -> None:
        for code in _PERSON_ONLY:
            self.field(code).setEnabled(not organisation)

    def party(self) -> Party:
        v = self.form.values()
        organisation = v["is_organisation"]
        birth = v["birth_date"] if isinstance(v["birth_date"], date) else None
        values = dict(
            role=v["role"], name=v["name"], is_organisation=organisation,
            sex=None if organisation else (v["sex"] or None),
            ethnicity=None if organisation else codes.ethnicity_code(v["ethnicity"]),
            birth_date=None if organisation else birth,
            age=None if organisation or not v["age"] else v["age"],
            occupation=v["occupation"] or None, phone=v["phone"] or None, address=v["address"] or None,
            id_number=None if organisation else (idnumber.normalise(v["id_number"]) or None),
        )
        if self.original is not None:
            return replace(self.original, **values)
        return Party(**values)


class RecordDialog(FormDialog):
    """调查记录 or 调解记录."""

    def __init__(self, case: Case, record: Record, today: date, parent: QWidget | None = None):
        super().__init__(f"{record.kind}记录", parent)
        self.case, self.original, self.today = case, record, today
        f = self.form
        f.add("record_date", "日期", DateField(), required=True)
        f.add("place", "地点", QLineEdit())
        f.add("participants", "参加人" if record.kind == "调解" else "被调查人及在场人", QLineEdit())
        f.add("recorder", "记录人", QLineEdit())
        f.add("text", "记录内容", text_box(220), required=True)
        for code in ("record_date", "place", "participants", "recorder", "text"):
            f.set_value(code, getattr(record, code))
        f.validate = lambda _values: record_problems(self.record(), self.case, self.today)
        self.finish_setup()

    def record(self) -> Record:
        v = self.form.values()
        when = v["record_date"] if isinstance(v["record_date"], date) else None
        return replace(self.original, record_date=when, place=v["place"], participants=v["participants"],
                       recorder=v["recorder"], text=v["text"])


class FollowupDialog(FormDialog):
    """人民调解回访记录."""

    def __init__(self, case: Case, followup: Followup, today: date, parent: QWidget | None = None):
        super().__init__("回访记录", parent)
        self.case, self.original, self.today = case, followup, today
        f = self.form
        f.add("followup_date", "回访日期", DateField(), required=True)
        f.add("method", "回访方式", make_combo(FOLLOWUP_METHODS, editable=True))
        f.add("visitor", "回访人", QLineEdit())
        f.add("content", "回访情况", text_box(), required=True)
        f.add("result", "回访结果", text_box(60))
        for code in ("followup_date", "method", "visitor", "content", "result"):
            f.set_value(code, getattr(followup, code))
        f.validate = lambda _values: followup_problems(self.followup(), self.case, self.today)
        self.finish_setup()

    def followup(self) -> Followup:
        v = self.form.values()
        when = v["followup_date"] if isinstance(v["followup_date"], date) else None
        return replace(self.original, followup_date=when, method=v["method"] or None, visitor=v["visitor"],
                       content=v["content"], result=v["result"])


class ExtensionDialog(FormDialog):
    """延长调解期限, with both parties' consent."""

    def __init__(self, case: Case, limit_days: int, today: date, parent: QWidget | None = None):
        super().__init__("延长调解期限", parent, "调解期限届满前，经双方当事人同意，可以延长调解期限。")
        self.case, self.limit_days, self.today = case, limit_days, today
        f = self.form
        days = QSpinBox()
        days.setRange(0, limit_days)
        days.setValue(min(15, limit_days))
        f.add("days", "延长天数", days, required=True)
        f.add("consent_date", "当事人同意日期", DateField(), required=True)
        f.add("both_consent", "当事人意见", QCheckBox("双方当事人均同意延长"), required=True)
        f.add("reason", "延长理由", QLineEdit(), required=True)
        f.set_value("consent_date", today)
        f.validate = lambda v: extension_problems(
            self.case, days=v["days"], consent_date=v["consent_date"], both_consent=v["both_consent"],
            reason=v["reason"], limit_days=self.limit_days, today=self.today)
        self.finish_setup()


class ReopenDialog(FormDialog):
    """重新打开 an archived case: the reason is kept in the audit log."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("重新打开案件", parent, "归档的案件重新打开后可以修改。理由将记入操作日志。")
        self.form.add("reason", "理由", text_box(70), required=True)
        self.form.validate = lambda v: {"reason": p} if (p := reopen_problem(True, v["reason"])) else {}
        self.finish_setup()
