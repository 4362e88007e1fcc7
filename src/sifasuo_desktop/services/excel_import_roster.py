"""Checking the 安置帮教对象 sheet: each row becomes a person, an aftercare term and its history,
checked with the dossier form's own rules (services.person_validation), then rows of one person
(the same 公民身份号码: one row per term) are checked against each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sifasuo_desktop.domain import codes, idnumber, terms
from sifasuo_desktop.domain.rules import RuleSettings
from sifasuo_desktop.reports.excel.columns import ROSTER
from sifasuo_desktop.reports.excel.reader import Issue, Row, SheetRows, display
from sifasuo_desktop.services.person_inputs import (
    AftercareInput, HistoryInput, PersonInput, PlacementInput, ReoffenseInput,
)
from sifasuo_desktop.services.person_validation import (
    aftercare_problems, history_problems, normalise_person, person_problems,
)

# A stand-in village id while checking: the village is looked up (or created) when writing.
_VILLAGE_PENDING = "pending"

# Field codes of services.person_validation -> column keys of the sheet.
_FIELD_COLUMNS = {
    "name": "name", "id_number": "id_number", "sex": "sex", "birth_date": "birth_date", "ethnicity": "ethnicity",
    "education": "education", "village_id": "village",
    **{k: k for k in ("household_address", "residence_address", "phone")},        # too long (text_limits)
    **{f"aftercare.{k}": k for k in ("source", "release_date", "transfer_in_date", "removal_date", "removal_reason",
                                     "handover_date", "handover_method", "agreement_date", "category", "charge",
                                     "original_sentence")},
}
_HISTORY_COLUMNS = {
    "placement": {"method": "placement_method", "placement_date": "placement_date"},
    "reoffense": {"kind": "reoffense_kind", "offense_date": "reoffense_date"},
}


@dataclass(frozen=True, slots=True)
class TermRow:
    """One checked row: the person's 基本信息 as given, one term and the history that comes with it."""

    row: int
    person: PersonInput              # normalised; village_id is a stand-in, see ``village``
    village: str
    term: AftercareInput
    history: tuple[HistoryInput, ...]  # placement, reoffense
    flags: dict[str, bool]           # flag code -> 是/否 as given (absent when the cell is empty)
    given: frozenset[str]            # column keys the row fills in (for updates: only these change)

    @property
    def register_start(self) -> date:
        return terms.register_start(self.term.source, self.term.release_date, self.term.transfer_in_date)

    def window(self, rules: RuleSettings) -> terms.TermWindow:
        start = self.register_start
        expiry = terms.expiry(self.term.release_date, rules.aftercare_years(self.term.source))
        return terms.TermWindow(start, expiry, self.term.removal_date, self.term.removal_reason)


@dataclass
class RosterCheck:
    people: dict[str, list[TermRow]] = field(default_factory=dict)   # id number -> rows in file order
    bad_rows: set[int] = field(default_factory=set)
    rows_of: dict[str, list[int]] = field(default_factory=dict)      # id number -> every row, good or bad

    def drop(self, number: str) -> list[TermRow]:
        return self.people.pop(number, [])


def check_roster(sheet: SheetRows, today: date, rules: RuleSettings, issues: list[Issue],
                 step: Callable[[str], None]) -> RosterCheck:
    result = RosterCheck()
    for row in sheet.rows:
        step("检查安置帮教对象")
        row_issues: list[Issue] = []
        checked = _check_row(row, today, row_issues)
        number = idnumber.normalise(row.values.get("id_number") or "")
        if number:
            result.rows_of.setdefault(number, []).append(row.number)
        if checked is not None and not row_issues:
            _check_against_same_person(checked, result.people.get(number, []), rules, row_issues)
        if row_issues or row.unreadable or checked is None:
            issues.extend(row_issues)
            result.bad_rows.add(row.number)
        else:
            result.people.setdefault(number, []).append(checked)
    return result


def issue(row: Row, key: str | None, reason: str, value: Any = None) -> Issue:
    column = ROSTER.column(key).title if key else ""
    shown = value if value is not None else (row.values.get(key) if key else None)
    return Issue(ROSTER.name, row.number, column, "" if shown is None else display(shown), reason)


def _check_row(row: Row, today: date, found: list[Issue]) -> TermRow | None:
    v = row.values
    for column in ROSTER.columns:
        if column.required and v.get(column.key) is None and column.key not in row.unreadable:
            found.append(issue(row, column.key, f"“{column.title}”必须填写"))
    person = normalise_person(PersonInput(
        name=v["name"] or "", id_number=v["id_number"] or "", village_id=_VILLAGE_PENDING if v["village"] else None,
        sex=codes.SEXES.get(v["sex"] or "", v["sex"]), birth_date=v["birth_date"], ethnicity=v["ethnicity"],
        education=v["education"], household_address=v["household_address"],
        residence_address=v["residence_address"], phone=v["phone"], notes=v["notes"],
    ), today)
    term = AftercareInput(
        source=v["source"] or "", release_date=v["release_date"], transfer_in_date=v["transfer_in_date"],
        removal_date=v["removal_date"], removal_reason=v["removal_reason"], handover_date=v["handover_date"],
        handover_method=v["handover_method"], agreement_date=v["agreement_date"], charge=v["charge"],
        original_sentence=v["original_sentence"], category=v["category"] or "", category_reason=v["category_reason"],
    )
    problems = {**person_problems(person, today), **aftercare_problems(term, today, person.birth_date)}
    for code, reason in problems.items():
        _add(row, found, _FIELD_COLUMNS.get(code), reason)
    start = terms.register_start(term.source, term.release_date, term.transfer_in_date)
    history = _history(row, found)
    for item in history:
        for code, reason in history_problems(item, today).items():
            _add(row, found, _HISTORY_COLUMNS.get(item.KIND, {}).get(code), reason)
    if found or row.unreadable or start is None:
        return None
    flags = {flag: v[flag] for flag in codes.FLAGS if v.get(flag) is not None}
    given = frozenset(k for k, value in v.items() if value is not None)
    return TermRow(row.number, person, v["village"], term, tuple(history), flags, given)


def field_issue(row: Row, code: str, reason: str, prefix: str = "") -> Issue:
    """An issue for a field code of services.person_validation, placed in its column."""
    key = _FIELD_COLUMNS.get(code)
    return issue(row, key, prefix + reason)


def _add(row: Row, found: list[Issue], key: str | None, reason: str) -> None:
    """One issue per column: a cell already reported (unreadable or required) is not repeated."""
    if key in row.unreadable:
        return
    title = ROSTER.column(key).title if key else ""
    if any(i.column == title and title for i in found):
        return
    found.append(issue(row, key, reason))


def _history(row: Row, found: list[Issue]) -> list[HistoryInput]:
    """Placement and reoffense of the row (flags are person-wide: see ``flags``)."""
    v = row.values
    items: list[HistoryInput] = []
    method, placed = v["placement_method"], v["placement_date"]
    if method and not placed:
        _add(row, found, "placement_date", "填写安置方式时须填写安置日期")
    elif placed and not method:
        _add(row, found, "placement_method", "填写安置日期时须填写安置方式")
    elif method and placed:
        if codes.placement_code(method) is None:
            _add(row, found, "placement_method", f"未知的安置方式“{method}”，应为名称或两位代码（如 灵活就业(务工) 或 03）")
        items.append(PlacementInput(placed, method))
    offense, kind = v["reoffense_date"], v["reoffense_kind"]
    if offense and not kind:
        _add(row, found, "reoffense_kind", "填写重新违法犯罪日期时须填写类别（犯罪或违法）")
    elif kind and not offense:
        _add(row, found, "reoffense_date", "填写重新违法犯罪类别时须填写日期")
    elif offense and kind:
        if v["release_date"] and offense < v["release_date"]:
            _add(row, found, "reoffense_date", "重新违法犯罪日期不能早于释放日期")
        items.append(ReoffenseInput(offense, kind))
    return items


def _check_against_same_person(new: TermRow, earlier: list[TermRow], rules: RuleSettings,
                               found: list[Issue]) -> None:
    """Several rows of one 公民身份号码 are several terms of one person: same name, no overlap."""
    row = Row(new.row, {"name": new.person.name, "release_date": new.term.release_date})
    for old in earlier:
        if old.person.name != new.person.name:
            found.append(issue(row, "name", f"与第{old.row}行公民身份号码相同，但姓名不同（{old.person.name}）"))
            return
        if old.term.release_date == new.term.release_date:
            found.append(issue(row, "release_date", f"与第{old.row}行重复：同一人员、同一释放日期"))
            return
        a, b = old.window(rules), new.window(rules)
        if a.register_start < b.end and b.register_start < a.end:
            found.append(issue(row, "release_date", f"与第{old.row}行的帮教期重叠"
                               f"（{a.register_start.isoformat()} 至 {a.end.isoformat()}）"))
            return
