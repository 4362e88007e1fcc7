"""Reading the due engine's facts for a whole office with a handful of SQL queries.

Speed matters here (50,000 persons / 500,000 visits in well under a second), so:

- visits are aggregated in SQL to the last visit and the last 跟踪考察 per person, reading only
  the covering index ``ix_visit_person_date``; they are never loaded one by one;
- the queries are plain SQL read as plain tuples (dates stay ISO text until needed: the typed
  ORM columns cost twice as much per row), and small tables are scanned whole rather than
  probed row by row through an index (sequential reads beat random seeks on a large file);
- only terms still running today become facts (ended terms produce nothing).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import DuePostponement
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.due import AftercareFacts, CorrectionFacts, PersonFacts, Postponement
from sifasuo_desktop.domain.visits import ACTIVITY_REPORT

HOUSEHOLD_EVENT = "落户"
_iso = date.fromisoformat


class PersonBrief(NamedTuple):
    """What a due list shows about the person besides the item."""

    id: str
    name: str
    village_id: str | None
    village_name: str
    phone: str
    address: str


def _day(value: str | None) -> date | None:
    return _iso(value) if value else None


def _rows(session: Session, sql: str, person_id: str | None, person_clause: str, suffix: str = "", **params):
    """Run ``sql`` (ending in a WHERE clause), narrowed to one person when asked, then ``suffix``."""
    if person_id:
        sql += f" AND {person_clause} = :person"
        params["person"] = person_id
    return fetch(session, sql + suffix, params)


def fetch(session: Session, sql: str, params: dict | None = None) -> list[tuple]:
    """Plain tuples straight from the driver, inside the session's transaction."""
    return session.connection().connection.dbapi_connection.execute(sql, params or {}).fetchall()


class Briefs(dict):
    """person id -> ``PersonBrief``, made on first use from the plain row (most persons of a large
    office have nothing due, so most rows are never turned into briefs)."""

    def __getitem__(self, person_id: str) -> PersonBrief:
        row = dict.__getitem__(self, person_id)
        if isinstance(row, PersonBrief):
            return row
        brief = PersonBrief(row[0], row[1], row[2], row[3] or "", row[4] or "", row[5] or "")
        self[person_id] = brief
        return brief


def _briefs(session: Session, office_id: str, person_id: str | None) -> Briefs:
    rows = _rows(session, "SELECT p.id, p.name, p.village_id, v.name, p.phone, p.residence_address FROM person p "
                          "LEFT JOIN village v ON v.id = p.village_id WHERE p.office_id = :office "
                          "AND p.deleted_at IS NULL", person_id, "p.id", office=office_id)
    return Briefs((r[0], r) for r in rows)


def history(items: list[tuple[str, str, str]]) -> tuple[tuple[date, str], ...]:
    """``(effective date, created_at, value)`` ISO texts -> the dated history, by date then creation."""
    return tuple((_iso(w), v) for w, _c, v in (sorted(items) if len(items) > 1 else items))


def _history(session: Session, sql: str, wanted: set[str]) -> dict[str, tuple[tuple[date, str], ...]]:
    """Dated history (category / level changes) of the wanted terms."""
    rows: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for owner, when, value, created in fetch(session, sql):
        if owner in wanted:
            rows[owner].append((when, created or "", value))
    return {owner: history(items) for owner, items in rows.items()}


def _aftercare(session: Session, office_id: str, today: date, person_id: str | None) -> dict[str, AftercareFacts]:
    # No end_date condition in SQL: scanning the office's terms beats seeking them by date.
    rows = _rows(session, "SELECT id, person_id, source, release_date, register_start, end_date, notice_date, "
                          "dossier_date, handover_date, agreement_date FROM aftercare_term "
                          "WHERE office_id = :office AND deleted_at IS NULL", person_id, "person_id", office=office_id)
    now = today.isoformat()
    running: dict[str, tuple] = {}
    for row in rows:
        if row[5] > now and (row[1] not in running or (running[row[1]][4], running[row[1]][0]) < (row[4], row[0])):
            running[row[1]] = row            # of two running terms the later one counts (then the larger id)
    categories = _history(session, "SELECT term_id, effective_date, category, created_at FROM category_change "
                                   "WHERE deleted_at IS NULL", {row[0] for row in running.values()})
    return {owner: AftercareFacts(r[0], r[2], _iso(r[3]), _iso(r[4]), _iso(r[5]), _day(r[6]), _day(r[7]), _day(r[8]),
                                  _day(r[9]), categories.get(r[0], ()))
            for owner, r in running.items()}


def _correction(session: Session, office_id: str, today: date, person_id: str | None) -> dict[str, CorrectionFacts]:
    now = today.isoformat()
    rows = _rows(session, "SELECT id, person_id, start_date, end_date, actual_end_date, judgment_effective_date, "
                          "report_date FROM correction_term WHERE office_id = :office AND deleted_at IS NULL "
                          "AND (actual_end_date IS NULL OR actual_end_date > :today)",
                 person_id, "person_id", office=office_id, today=now)
    running: dict[str, tuple] = {}
    for row in rows:
        if row[1] not in running or (running[row[1]][2], running[row[1]][0]) < (row[2], row[0]):
            running[row[1]] = row
    wanted = {row[0] for row in running.values()}
    levels = _history(session, "SELECT correction_term_id, effective_date, level, created_at "
                               "FROM supervision_level_change WHERE deleted_at IS NULL", wanted)
    reports = {term: first for term, first in fetch(
        session, "SELECT correction_term_id, min(activity_date) FROM correction_activity WHERE kind = :kind "
                 "AND deleted_at IS NULL AND office_id = :office GROUP BY correction_term_id",
        {"kind": ACTIVITY_REPORT, "office": office_id}) if term in wanted}
    return {owner: CorrectionFacts(r[0], _iso(r[2]), _iso(r[3]), _day(r[4]), _day(r[5]), _day(r[6] or reports.get(r[0])),
                                   levels.get(r[0], ()))
            for owner, r in running.items()}


def last_visits(session: Session, person_id: str | None = None) -> dict[str, tuple[str, str | None]]:
    """person -> (last visit of any type, last 跟踪考察) as ISO text, aggregated over the covering
    index. Not filtered by office: person ids are unique and callers look up their own persons."""
    rows = _rows(session, "SELECT person_id, max(visit_date), max(CASE WHEN visit_type = :review "
                          "THEN visit_date END) FROM visit WHERE deleted_at IS NULL", person_id, "person_id",
                 " GROUP BY person_id", review=codes.VISIT_TYPE_REVIEW)
    return {r[0]: (r[1], r[2]) for r in rows}


def _households(session: Session, person_id: str | None) -> dict[str, str]:
    """person -> latest 落户 date. Scanned and maxed here: a GROUP BY walks the person index and
    looks every row up (4x slower), while most persons have one such event."""
    latest: dict[str, str] = {}
    for owner, day in _rows(session, "SELECT person_id, event_date FROM status_event WHERE kind = :kind "
                                     "AND deleted_at IS NULL", person_id, "person_id", kind=HOUSEHOLD_EVENT):
        if day > latest.get(owner, ""):
            latest[owner] = day
    return latest


def postponements(session: Session, office_id: str, person_id: str | None = None) -> dict[str, list[Postponement]]:
    """subject -> its postponements in the order given (the last one given wins)."""
    query = (select(DuePostponement.subject_id, DuePostponement.rule, DuePostponement.original_due,
                    DuePostponement.new_due, DuePostponement.reason)
             .where(DuePostponement.office_id == office_id)
             .order_by(DuePostponement.created_at, DuePostponement.new_due))
    if person_id:
        query = query.where(DuePostponement.subject_id == person_id)
    moved: dict[str, list[Postponement]] = defaultdict(list)
    for subject, rule, original, new, reason in session.execute(query):
        moved[subject].append(Postponement(rule, original, new, reason))
    return moved


def load(session: Session, office_id: str, today: date,
         person_id: str | None = None) -> tuple[list[PersonFacts], Briefs]:
    """The facts of every person with a running term (or of one person), and the persons' briefs."""
    briefs = _briefs(session, office_id, person_id)
    aftercare = _aftercare(session, office_id, today, person_id)
    correction = _correction(session, office_id, today, person_id)
    visits = last_visits(session, person_id)
    households = _households(session, person_id)
    moved = postponements(session, office_id, person_id)
    no_visit = (None, None)
    facts = []
    for pid in aftercare.keys() | correction.keys():
        if pid not in briefs:
            continue                          # the terms of a deleted person
        last, last_review = visits.get(pid, no_visit)
        facts.append(PersonFacts(pid, aftercare.get(pid), correction.get(pid), _day(last), _day(last_review),
                                 _day(households.get(pid)), tuple(moved[pid]) if pid in moved else ()))
    return facts, briefs
