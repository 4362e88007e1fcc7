"""Many new dossiers at once (Excel import): the rules of ``persons.create_person_in`` without an
ORM flush per record.

The same input records (services.person_inputs), the same checks (services.person_validation),
the same derived dates (domain.terms) and the same audit rows (one 新增 row per record), written
with SQLAlchemy Core inserts in the caller's transaction, so 20,000 persons take seconds. Only
aftercare terms and their history are supported (correction terms go through ``persons``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import DuplicateError, ValidationError
from sifasuo_desktop.db.models import (
    AftercareTerm, CategoryChange, FlagPeriod, HelperMember, Person, Placement, Reoffense, StatusEvent, Village,
    new_id,
)
from sifasuo_desktop.domain import codes, idnumber, terms
from sifasuo_desktop.services import audit, pinyin
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.office import rules as office_rules
from sifasuo_desktop.services.person_history import LABELS
from sifasuo_desktop.services.person_inputs import (
    AftercareInput, CategoryInput, FlagInput, HelperInput, HistoryInput, PersonInput, PlacementInput,
    ReoffenseInput, StatusEventInput,
)
from sifasuo_desktop.services.person_validation import (
    aftercare_problems, history_problems, normalise_person, person_problems,
)

_PERSON_FIELDS = [f.name for f in fields(PersonInput)]
_TERM_FIELDS = [f.name for f in fields(AftercareInput)
                if f.name not in ("id", "category", "category_reason", "term_years")]
_CHUNK = 500


@dataclass(frozen=True)
class NewTerm:
    """An aftercare term with the history that belongs to it: category changes and placements
    attach to this term; flags, reoffenses, status events and helpers to the person."""

    term: AftercareInput
    history: tuple[HistoryInput, ...] = ()


@dataclass(frozen=True)
class NewPerson:
    person: PersonInput
    terms: tuple[NewTerm, ...] = ()


def problems_of(entry: NewPerson, today) -> dict[str, str]:
    """The checks of ``create_person``: field code -> reason (``aftercare.`` / ``history.`` prefixed)."""
    data = normalise_person(entry.person, today)
    found = person_problems(data, today)
    for term in entry.terms:
        for code, reason in aftercare_problems(term.term, today, data.birth_date).items():
            found.setdefault(code, reason)
        for index, item in enumerate(term.history):
            found.update({f"history.{index}.{k}": v for k, v in history_problems(item, today).items()})
    return found


class _Rows:
    """Rows per table plus their audit summaries, inserted together at the end."""

    def __init__(self) -> None:
        self.tables: dict[type, list[dict[str, Any]]] = {}
        self.summaries: dict[type, list[str]] = {}

    def add(self, model: type, row: dict[str, Any], summary: str) -> str:
        row.setdefault("id", new_id())
        self.tables.setdefault(model, []).append(row)
        self.summaries.setdefault(model, []).append(summary)
        return row["id"]

    def write(self, session: Session, ctx: AppContext) -> None:
        for model, rows in self.tables.items():
            for start in range(0, len(rows), 5000):
                session.execute(insert(model.__table__), rows[start:start + 5000])
            audit.record_created(session, ctx, model.__tablename__, rows, self.summaries[model])


def create_many(session: Session, ctx: AppContext, people: Sequence[NewPerson],
                progress: Callable[[int, int, str], None] | None = None, *, checked: bool = False) -> list[str]:
    """Create every dossier of ``people`` in the caller's transaction; returns their ids in order.

    Raises ``ValidationError`` (codes prefixed with the entry's index) or ``DuplicateError`` as
    ``create_person`` would, before anything is written. ``checked``: the caller has already
    found no ``problems_of`` any entry (and normalised them), so only villages and duplicates
    are checked again.
    """
    today = ctx.today()
    data = people if checked else [replace(p, person=normalise_person(p.person, today)) for p in people]
    _check(session, ctx, data, checked)
    rules = office_rules(ctx)
    rows = _Rows()
    ids = []
    for index, entry in enumerate(data):
        ids.append(_add_person(rows, ctx, entry, rules))
        if progress and index % 1000 == 999:
            progress(index + 1, len(data), "写入人员")
    rows.write(session, ctx)
    return ids


def _check(session: Session, ctx: AppContext, people: Sequence[NewPerson], checked: bool) -> None:
    today = ctx.today()
    for index, entry in enumerate(people if not checked else ()):
        found = problems_of(entry, today)
        if found:
            raise ValidationError({f"{index}.{k}": f"{entry.person.name}：{v}" for k, v in found.items()})
    villages = set(session.scalars(select(Village.id).where(Village.office_id == ctx.office_id,
                                                             Village.deleted_at.is_(None))))
    seen: set[str] = set()
    for index, entry in enumerate(people):
        if entry.person.village_id not in villages:
            raise ValidationError({f"{index}.village_id": f"{entry.person.name}：所属村(社区)不存在"})
        if entry.person.id_number in seen:
            raise DuplicateError(f"公民身份号码 {entry.person.id_number} 重复出现（{entry.person.name}）")
        seen.add(entry.person.id_number)
    numbers = list(seen)
    for start in range(0, len(numbers), _CHUNK):
        clash = session.execute(select(Person.id, Person.name, Person.id_number).where(
            Person.office_id == ctx.office_id, Person.id_number.in_(numbers[start:start + _CHUNK]))).first()
        if clash:
            raise DuplicateError(f"公民身份号码 {clash.id_number} 已登记（{clash.name}）", clash.id)


def _add_person(rows: _Rows, ctx: AppContext, entry: NewPerson, rules) -> str:
    data = entry.person
    values = {f: getattr(data, f) for f in _PERSON_FIELDS}
    values.update(office_id=ctx.office_id, name_initials=pinyin.initials(data.name), name_pinyin=pinyin.full(data.name),
                  id_number_verified=bool(data.id_number_verified and idnumber.problem(data.id_number) is not None))
    person_id = rows.add(Person, values, f"新建档案 {data.name}")
    for new in entry.terms:
        term_id = _add_term(rows, ctx, person_id, data.name, new.term, rules)
        for item in new.history:
            _add_history(rows, person_id, term_id, data.name, item)
    return person_id


def _add_term(rows: _Rows, ctx: AppContext, person_id: str, name: str, term: AftercareInput, rules) -> str:
    values = {f: getattr(term, f) for f in _TERM_FIELDS}
    years = term.term_years or rules.aftercare_years(term.source)
    start = terms.register_start(term.source, term.release_date, term.transfer_in_date)
    expiry = terms.expiry(term.release_date, years)
    end = terms.TermWindow(start, expiry, term.removal_date, term.removal_reason).end
    values.update(office_id=ctx.office_id, person_id=person_id, term_years=years, register_start=start,
                  expiry=expiry, end_date=end, correction_term_id=None)
    term_id = rows.add(AftercareTerm, values, f"{name} 新增帮教期")
    rows.add(CategoryChange, {"term_id": term_id, "effective_date": start, "category": term.category,
                              "reason": term.category_reason}, f"{name} 帮教类别 {term.category}")
    return term_id


def _add_history(rows: _Rows, person_id: str, term_id: str, name: str, item: HistoryInput) -> None:
    summary = f"{name} 新增{LABELS[item.KIND]}"
    if isinstance(item, CategoryInput):
        rows.add(CategoryChange, {"term_id": term_id, "effective_date": item.effective_date,
                                  "category": item.category, "reason": item.reason}, summary)
    elif isinstance(item, PlacementInput):
        rows.add(Placement, {"term_id": term_id, "placement_date": item.placement_date,
                             "method": codes.placement_code(item.method), "employer": item.employer,
                             "notes": item.notes}, summary)
    elif isinstance(item, FlagInput):
        rows.add(FlagPeriod, {"person_id": person_id, "flag": item.flag, "start_date": item.start_date,
                              "end_date": item.end_date, "notes": item.notes}, summary)
    elif isinstance(item, ReoffenseInput):
        rows.add(Reoffense, {"person_id": person_id, "offense_date": item.offense_date, "kind": item.kind,
                             "charge": item.charge, "handling": item.handling}, summary)
    elif isinstance(item, StatusEventInput):
        rows.add(StatusEvent, {"person_id": person_id, "event_date": item.event_date, "kind": item.kind,
                               "notes": item.notes}, summary)
    elif isinstance(item, HelperInput):
        rows.add(HelperMember, {"person_id": person_id, "role": item.role, "name": item.name.strip(),
                                "unit": item.unit, "phone": item.phone}, summary)
    else:
        raise TypeError(f"批量建档不支持 {type(item).__name__}")
