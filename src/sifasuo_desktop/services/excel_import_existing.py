"""Persons of an import who already have a dossier (same 公民身份号码).

Without "更新已有人员" they are reported and left alone. With it, the filled-in cells of their
rows update the dossier through ``persons.update_person_in`` (empty cells keep what is stored);
a term with the same 释放日期 is updated, another 释放日期 adds a term; a different 帮教类别, a new
placement or reoffense, and a changed 是/否 flag become new dated history rows (never overwrites).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import AftercareTerm, CategoryChange, FlagPeriod, Person, Placement, Reoffense
from sifasuo_desktop.domain import codes, terms
from sifasuo_desktop.reports.excel.reader import Issue, Row
from sifasuo_desktop.services.excel_import_roster import TermRow, field_issue, issue
from sifasuo_desktop.services.person_inputs import (
    AftercareInput, CategoryInput, FlagInput, HistoryInput, HistoryRef, PersonInput, PlacementInput, ReoffenseInput,
)
from sifasuo_desktop.services.person_validation import aftercare_problems, person_problems

CHUNK = 500
# Column keys of the sheet -> PersonInput / AftercareInput fields they update.
_PERSON_KEYS = {"name": "name", "sex": "sex", "birth_date": "birth_date", "ethnicity": "ethnicity",
                "education": "education", "household_address": "household_address",
                "residence_address": "residence_address", "phone": "phone", "notes": "notes"}
_TERM_KEYS = ("source", "transfer_in_date", "removal_date", "removal_reason", "handover_date", "handover_method",
              "agreement_date", "charge", "original_sentence")


@dataclass(frozen=True)
class Existing:
    id: str
    name: str
    deleted: bool


@dataclass(frozen=True)
class UpdateCall:
    """One ``update_person_in`` call: a row's changes to a dossier (village given by name)."""

    row: int
    person_id: str
    person: PersonInput
    village: str | None
    aftercare: tuple[AftercareInput, ...]
    history: tuple[HistoryInput, ...]
    removed: tuple[HistoryRef, ...]
    new_term: bool


def chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def load_existing(session: Session, office_id: str, numbers: Iterable[str]) -> dict[str, Existing]:
    """Dossiers of this office (live or in the 回收站) with one of ``numbers``."""
    found: dict[str, Existing] = {}
    for part in chunks(sorted(set(numbers))):
        query = select(Person.id, Person.name, Person.id_number, Person.deleted_at).where(
            Person.office_id == office_id, Person.id_number.in_(part))
        for r in session.execute(query):
            if r.id_number not in found or found[r.id_number].deleted:
                found[r.id_number] = Existing(r.id, r.name, r.deleted_at is not None)
    return found


class _Stored:
    """What is stored for the persons to update, loaded with a few queries."""

    def __init__(self, session: Session, person_ids: list[str]):
        self.persons = {p.id: p for part in chunks(person_ids) for p in session.scalars(
            select(Person).where(Person.id.in_(part)))}
        self.terms: dict[str, list[AftercareTerm]] = defaultdict(list)
        self.categories: dict[str, list[CategoryChange]] = defaultdict(list)
        self.placements: dict[str, set[tuple[date, str]]] = defaultdict(set)
        self.reoffenses: dict[str, set[tuple[date, str]]] = defaultdict(set)
        self.flags: dict[str, list[FlagPeriod]] = defaultdict(list)
        for part in chunks(person_ids):
            for t in session.scalars(select(AftercareTerm).where(AftercareTerm.person_id.in_(part),
                                                                 AftercareTerm.deleted_at.is_(None))):
                self.terms[t.person_id].append(t)
            for r in session.scalars(select(Reoffense).where(Reoffense.person_id.in_(part),
                                                             Reoffense.deleted_at.is_(None))):
                self.reoffenses[r.person_id].add((r.offense_date, r.kind))
            for f in session.scalars(select(FlagPeriod).where(FlagPeriod.person_id.in_(part),
                                                              FlagPeriod.deleted_at.is_(None))):
                self.flags[f.person_id].append(f)
        term_ids = [t.id for ts in self.terms.values() for t in ts]
        for part in chunks(term_ids):
            for c in session.scalars(select(CategoryChange).where(CategoryChange.term_id.in_(part),
                                                                  CategoryChange.deleted_at.is_(None))):
                self.categories[c.term_id].append(c)
            for p in session.scalars(select(Placement).where(Placement.term_id.in_(part),
                                                             Placement.deleted_at.is_(None))):
                self.placements[p.term_id].add((p.placement_date, p.method))

    def category_on(self, term_id: str, day: date) -> str | None:
        changes = sorted(self.categories[term_id], key=lambda c: c.effective_date)
        current = [c for c in changes if c.effective_date <= day] or changes[:1]
        return current[-1].category if current else None


def plan_updates(session: Session, people: dict[str, list[TermRow]], existing: dict[str, Existing],
                 villages: dict[str, str], today: date, rules, issues: list[Issue]) -> tuple[list[UpdateCall], set[str]]:
    """The update calls for persons with a live dossier (``villages``: name -> id); returns them
    and the id numbers whose rows have a problem against the stored dossier (added to ``issues``)."""
    stored = _Stored(session, [existing[n].id for n in people])
    calls: list[UpdateCall] = []
    bad: set[str] = set()
    for number, rows in people.items():
        person_calls, problems = _plan_person(stored, existing[number].id, rows, villages, today, rules)
        if problems:
            issues.extend(problems)
            bad.add(number)
        else:
            calls.extend(person_calls)
    return calls, bad


def _plan_person(stored: _Stored, person_id: str, rows: list[TermRow], villages: dict[str, str], today: date,
                 rules):
    base = PersonInput(**{f.name: getattr(stored.persons[person_id], f.name) for f in fields(PersonInput)})
    first = rows[0]
    person = replace(base, **{field: getattr(first.person, field) for key, field in _PERSON_KEYS.items()
                              if key in first.given})
    village = first.village if villages.get(first.village) != base.village_id else None
    problems: list[Issue] = [field_issue(Row(first.row, {}), code, reason, "与系统中的档案合并后：")
                             for code, reason in person_problems(person, today).items()]
    latest = max(rows, key=lambda r: r.term.release_date)
    calls = []
    for term_row in rows:
        call = _plan_term(stored, person_id, person, village, term_row, term_row is latest, today, rules, problems)
        if call is not None:
            calls.append(call)
    return calls, problems


def _plan_term(stored: _Stored, person_id: str, person: PersonInput, village: str | None, row: TermRow,
               is_latest: bool, today: date, rules, problems: list[Issue]) -> UpdateCall | None:
    same = next((t for t in stored.terms[person_id] if t.release_date == row.term.release_date), None)
    history: list[HistoryInput] = []
    removed: list[HistoryRef] = []
    if same is None:
        overlap = _overlapping(stored.terms[person_id], row, rules)
        if overlap is not None:
            problems.append(issue(Row(row.row, {"release_date": row.term.release_date}), "release_date",
                                  f"与系统中已有的帮教期重叠（{overlap.register_start.isoformat()} 至 "
                                  f"{overlap.end_date.isoformat()}）"))
            return None
        term = row.term
        flag_start = row.register_start
    else:
        term = AftercareInput(**{f.name: getattr(same, f.name) for f in fields(AftercareInput)
                                 if f.name not in ("category", "category_reason")})
        term = replace(term, **{k: getattr(row.term, k) for k in _TERM_KEYS if k in row.given})
        if stored.category_on(same.id, today) != row.term.category:
            history.append(CategoryInput(today, row.term.category, row.term.category_reason, term_id=same.id))
        flag_start = today
    problems.extend(field_issue(Row(row.row, {}), code, reason,
                                "与系统中的帮教期合并后：")
                    for code, reason in aftercare_problems(term, today, person.birth_date).items())
    term_id = same.id if same else None
    for item in row.history:
        if isinstance(item, PlacementInput):
            if same is None or (item.placement_date, codes.placement_code(item.method)) not in stored.placements[same.id]:
                history.append(replace(item, term_id=term_id))
        elif isinstance(item, ReoffenseInput) and (item.offense_date, item.kind) not in stored.reoffenses[person_id]:
            history.append(item)
    if is_latest:
        _plan_flags(stored.flags[person_id], row.flags, flag_start, today, history, removed)
    changed_person = person != PersonInput(**{f.name: getattr(stored.persons[person_id], f.name)
                                               for f in fields(PersonInput)})
    changed_term = same is None or any(getattr(term, k) != getattr(same, k) for k in _TERM_KEYS)
    if not (changed_person or village or changed_term or history or removed):
        return None
    return UpdateCall(row.row, person_id, person, village, (term,), tuple(history), tuple(removed), same is None)


def _overlapping(stored_terms: list[AftercareTerm], row: TermRow, rules) -> AftercareTerm | None:
    window: terms.TermWindow = row.window(rules)
    for t in stored_terms:
        if t.register_start < window.end and window.register_start < t.end_date:
            return t
    return None


def _plan_flags(periods: list[FlagPeriod], given: dict[str, bool], start: date, today: date,
                history: list[HistoryInput], removed: list[HistoryRef]) -> None:
    """是 opens a flag period when none is open; 否 closes the open one today (remove + re-add)."""
    for flag, value in given.items():
        open_period = next((p for p in periods if p.flag == flag and p.start_date <= today
                            and (p.end_date is None or p.end_date > today)), None)
        if value and open_period is None:
            history.append(FlagInput(flag, min(start, today)))
        elif not value and open_period is not None:
            removed.append(HistoryRef("flag", open_period.id))
            if today > open_period.start_date:
                history.append(FlagInput(flag, open_period.start_date, today, open_period.notes))
