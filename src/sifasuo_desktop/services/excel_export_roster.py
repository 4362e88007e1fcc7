"""The rows of the 花名册 (one per aftercare term) and of the 未衔接人员 list, from a few SQL
queries; each term's category, placement, flags and reoffense are taken as of the term's last
day on the register up to today, the same way the import writes them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import AftercareTerm, CategoryChange, FlagPeriod, Person, Placement, Reoffense, Village
from sifasuo_desktop.domain import codes, idnumber, person_state


def _as_of(changes: list[tuple[date, Any]], day: date) -> Any:
    """The value of the latest change on or before ``day`` (the first one when all lie ahead)."""
    ordered = sorted(changes, key=lambda c: c[0])
    current = [c for c in ordered if c[0] <= day] or ordered[:1]
    return current[-1][1] if current else None


def roster_rows(session: Session, office_id: str, today: date, *, village_id: str | None, include_ended: bool,
                full_id: bool) -> list[dict[str, Any]]:
    """One dict per aftercare term (column key -> value), by village order, name and release date."""
    query = (select(AftercareTerm, Person, Village.name.label("village"), Village.sort_order)
             .join(Person, Person.id == AftercareTerm.person_id)
             .outerjoin(Village, Village.id == Person.village_id)
             .where(AftercareTerm.office_id == office_id, AftercareTerm.deleted_at.is_(None),
                    Person.deleted_at.is_(None)))
    if village_id:
        query = query.where(Person.village_id == village_id)
    if not include_ended:
        query = query.where(AftercareTerm.register_start <= today, AftercareTerm.end_date > today)
    found = session.execute(query).all()
    history = _History(session, office_id)
    rows = []
    for term, person, village, order in found:
        rows.append(_row(term, person, village or "", history, today, full_id) | {"_order": (order or 0, village or "",
                                                                                           person.name_pinyin)})
    rows.sort(key=lambda r: (r.pop("_order"), r["release_date"]))
    return rows


class _History:
    """Category changes, placements, flags and reoffenses of the office, grouped by owner."""

    def __init__(self, session: Session, office_id: str):
        terms = select(AftercareTerm.id).where(AftercareTerm.office_id == office_id)
        persons = select(Person.id).where(Person.office_id == office_id)
        self.categories: dict[str, list] = defaultdict(list)
        for term_id, day, category, reason in session.execute(
                select(CategoryChange.term_id, CategoryChange.effective_date, CategoryChange.category,
                       CategoryChange.reason).where(CategoryChange.term_id.in_(terms),
                                                    CategoryChange.deleted_at.is_(None))):
            self.categories[term_id].append((day, (category, reason)))
        self.placements: dict[str, list] = defaultdict(list)
        for term_id, day, method in session.execute(
                select(Placement.term_id, Placement.placement_date, Placement.method).where(
                    Placement.term_id.in_(terms), Placement.deleted_at.is_(None))):
            self.placements[term_id].append((day, method))
        self.flags: dict[str, list] = defaultdict(list)
        for person_id, flag, start, end in session.execute(
                select(FlagPeriod.person_id, FlagPeriod.flag, FlagPeriod.start_date, FlagPeriod.end_date).where(
                    FlagPeriod.person_id.in_(persons), FlagPeriod.deleted_at.is_(None))):
            self.flags[person_id].append((flag, start, end))
        self.reoffenses: dict[str, list] = defaultdict(list)
        for person_id, day, kind in session.execute(
                select(Reoffense.person_id, Reoffense.offense_date, Reoffense.kind).where(
                    Reoffense.person_id.in_(persons), Reoffense.deleted_at.is_(None))):
            self.reoffenses[person_id].append((day, kind))

    def flag_on(self, person_id: str, flag: str, day: date) -> bool:
        return any(f == flag and start <= day and (end is None or end > day)
                   for f, start, end in self.flags[person_id])


def _row(term: AftercareTerm, person: Person, village: str, history: _History, today: date,
         full_id: bool) -> dict[str, Any]:
    day = max(term.register_start, min(today, term.end_date - timedelta(days=1)))
    category, reason = _as_of(history.categories[term.id], day) or ("", None)
    placed = [p for p in history.placements[term.id] if p[0] <= day] or history.placements[term.id]
    placement = max(placed, default=None)
    offenses = [r for r in history.reoffenses[person.id] if term.release_date <= r[0] <= term.end_date]
    offense = max(offenses, default=None)
    state = person_state.aftercare_state(person_state.AftercareFacts(
        term.register_start, term.end_date, term.source, term.handover_date), today)
    active = state in (codes.STATE_ON_REGISTER, codes.STATE_UNCONNECTED)
    return {
        "person_id": person.id, "name": person.name, "id_number": person.id_number if full_id else idnumber.mask(person.id_number),
        "sex": person.sex, "ethnicity": codes.ETHNICITIES.get(person.ethnicity or "", person.ethnicity),
        "birth_date": person.birth_date, "education": person.education,
        "household_address": person.household_address, "residence_address": person.residence_address,
        "village": village, "phone": person.phone,
        "residence_mismatch": history.flag_on(person.id, "residence_mismatch", day),
        "charge": term.charge, "original_sentence": term.original_sentence, "source": term.source,
        "release_date": term.release_date, "transfer_in_date": term.transfer_in_date,
        "handover_date": term.handover_date, "handover_method": term.handover_method, "category": category,
        "category_reason": reason, "three_nos": history.flag_on(person.id, "three_nos", day),
        "agreement_date": term.agreement_date,
        "placement_method": codes.PLACEMENT_METHODS.get(placement[1]) if placement else None,
        "placement_date": placement[0] if placement else None,
        "removal_date": term.removal_date, "removal_reason": term.removal_reason,
        "reoffense_date": offense[0] if offense else None, "reoffense_kind": offense[1] if offense else None,
        "notes": person.notes, "state": state, "register_start": term.register_start, "expiry": term.expiry,
        "days_left": (term.end_date - today).days if active else None,
        "prison": term.prison, "notice_date": term.notice_date,
    }


def unconnected_rows(session: Session, office_id: str, today: date, *, village_id: str | None,
                     person_ids: set[str], full_id: bool) -> list[dict[str, Any]]:
    """The current terms of the 未衔接 persons (``person_ids``: those the 一人一档 list shows as 未衔接),
    with the days since they should have been taken over."""
    rows = roster_rows(session, office_id, today, village_id=village_id, include_ended=False, full_id=full_id)
    return [r | {"days": (today - r["register_start"]).days} for r in rows
            if r["state"] == codes.STATE_UNCONNECTED and r["person_id"] in person_ids]
