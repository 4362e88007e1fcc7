"""The 工作台's fast path: the facts of only those persons who may have an open due item today.

``due_facts.load`` reads every running term of the office (the dossier, the visit plan). The
工作台 wants open items only, and at district scale two persons in three have none, so here
SQL lets through only the terms that may have one (``domain.due_window`` says why the filter
never drops an open item) and reads their history and the person's brief in the same query.

One query per population. A materialized CTE looks up, once per running term, what both the
filter and the facts need (last visit, last 跟踪考察, latest 落户 / the report-in); the category or
level cut-off is looked up only for terms the cheaper tests leave undecided. Every lookup is an
index seek (``EXPLAIN QUERY PLAN`` is checked in tests/visits/test_due_fast_path.py):

- last visit / last 跟踪考察: ``ix_visit_person_date`` (covering), newest entry first;
- category / level history: ``ix_category_change_term_id`` / ``ix_supervision_level_change_...``;
- 落户 events: ``ix_status_event_person_id``; report-in activities: ``ix_correction_activity_correction_term_id``.

At 50,000 persons this is about 1 µs per seek and half the work of reading every term's facts;
covering indexes on the history tables measured no faster, so none were added.

A candidate's facts hold the terms that let it through (a person let through for the
correction term alone carries no aftercare term): ``compute(..., open_only=True)`` on them gives
exactly the open items of the full facts, because each term's items depend on that term alone.
The randomized test in tests/visits/test_due_fast_path.py holds this against ``due_facts.load``.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.due import AftercareFacts, CorrectionFacts, PersonFacts
from sifasuo_desktop.domain.due_window import OTHER, OpenWindow, open_window
from sifasuo_desktop.domain.rules import RuleSettings
from sifasuo_desktop.domain.visits import ACTIVITY_REPORT
from sifasuo_desktop.services.due_facts import HOUSEHOLD_EVENT, PersonBrief, fetch, history, postponements

_iso = date.fromisoformat
_SEP, _END = "\x1f", "\x1e"          # field / record separators of a history packed by group_concat


def _day(value: str | None) -> date | None:
    return _iso(value) if value else None


def _cut_off(column: str, cut_offs: dict[str, date], prefix: str, params: dict) -> str:
    """``CASE column WHEN value THEN its cut-off ... ELSE the cut-off of other values END``."""
    whens = []
    for number, (value, cut) in enumerate(cut_offs.items()):
        if value == OTHER:
            continue
        params[f"{prefix}{number}"], params[f"{prefix}{number}_cut"] = value, cut.isoformat()
        whens.append(f"WHEN :{prefix}{number} THEN :{prefix}{number}_cut")
    params[f"{prefix}_other"] = cut_offs[OTHER].isoformat()
    return f"CASE {column} {' '.join(whens)} ELSE :{prefix}_other END"


def _last(extra: str = "") -> str:
    return (f"(SELECT v.visit_date FROM visit v WHERE v.person_id = t.person_id AND v.deleted_at IS NULL{extra} "
            "ORDER BY v.visit_date DESC LIMIT 1)")


def _packed(table: str, owner: str, value: str) -> str:
    return (f"(SELECT group_concat(h.effective_date || '{_SEP}' || coalesce(h.created_at, '') || '{_SEP}' || "
            f"h.{value}, '{_END}') FROM {table} h WHERE h.{owner} = t.id AND h.deleted_at IS NULL)")


def _unpack(packed: str | None) -> tuple[tuple[date, str], ...]:
    if not packed:
        return ()
    if _END not in packed:                                     # the common case: one entry
        when, _created, value = packed.split(_SEP)
        return ((_iso(when), value),)
    return history([tuple(item.split(_SEP)) for item in packed.split(_END)])


_BRIEF = "p.id, p.name, p.village_id, p.phone, p.residence_address FROM running t JOIN person p ON p.id = t.person_id"
# A postponed item is open by its new date. (Made through the program the new date is later than
# the computed one, so the rule's own test already lets the person through; imported rows may differ.)
_POSTPONED = "t.person_id IN (SELECT subject_id FROM due_postponement WHERE office_id = :office AND new_due <= :horizon)"


def _params(office_id: str, window: OpenWindow) -> dict:
    return {"office": office_id, "today": window.today.isoformat(), "horizon": window.horizon.isoformat(),
            "ending": window.ending_until.isoformat(),
            "ending_next": (window.ending_until + timedelta(days=1)).isoformat(),
            "review_cut": window.review.isoformat(), "review": codes.VISIT_TYPE_REVIEW,
            "transfer_in": codes.SOURCE_TRANSFER_IN, "household": HOUSEHOLD_EVENT, "report": ACTIVITY_REPORT,
            "category_default": window.default_category.isoformat(), "category_max": max(window.categories.values()).isoformat(),
            "category_min": min(window.categories.values()).isoformat(), "level_min": min(window.levels.values()).isoformat(),
            "level_default": window.default_level.isoformat(), "level_max": max(window.levels.values()).isoformat()}


# Both queries first look up, once per running term, what the filter and the facts share (the CTE
# is materialized so that each lookup runs once), then keep the terms that may have an open item.
# The term tables are scanned whole (NOT INDEXED): cheaper than seeking most of their rows by date.

def _aftercare_sql(window: OpenWindow, params: dict) -> str:
    cut = (f"coalesce((SELECT max({_cut_off('c.category', window.categories, 'category', params)}) "
           "FROM category_change c WHERE c.term_id = t.id AND c.deleted_at IS NULL), :category_default)")
    return (
        "WITH running AS MATERIALIZED (SELECT t.id, t.person_id, t.source, t.release_date, t.register_start, "
        "t.end_date, t.notice_date, t.dossier_date, t.handover_date, t.agreement_date, "
        f"coalesce({_last()}, '') AS last, coalesce({_last(' AND v.visit_type = :review')}, '') AS review, "
        "coalesce((SELECT max(e.event_date) FROM status_event e WHERE e.person_id = t.person_id "
        "AND e.kind = :household AND e.deleted_at IS NULL), '') AS household "
        "FROM aftercare_term t NOT INDEXED WHERE t.office_id = :office AND t.deleted_at IS NULL AND t.end_date > :today) "
        "SELECT t.id, t.source, t.release_date, t.register_start, t.end_date, t.notice_date, t.dossier_date, "
        f"t.handover_date, t.agreement_date, {_packed('category_change', 'term_id', 'category')}, t.last, t.review, "
        f"t.household, {_BRIEF}"
        " WHERE (t.notice_date IS NOT NULL AND t.dossier_date IS NULL OR t.end_date <= :ending"
        f" OR {_POSTPONED} OR t.register_start <= :today AND ("
        "   (t.handover_date IS NULL OR t.handover_date > :today) AND t.source != :transfer_in"
        "   OR t.agreement_date IS NULL"
        "   OR t.last < coalesce(t.handover_date, '')"                # no home visit since the handover
        "   OR t.household < t.release_date"                           # no 落户 since the release
        "   OR max(t.register_start, t.review) <= :review_cut"
        "   OR max(t.register_start, t.last) <= :category_min"
        f"  OR max(t.register_start, t.last) <= :category_max AND max(t.register_start, t.last) <= {cut}))"
        " AND p.deleted_at IS NULL AND p.office_id = :office"
        # of two running terms the later one counts (due_facts: by register_start, then id)
        " AND NOT EXISTS (SELECT 1 FROM aftercare_term o WHERE o.person_id = t.person_id AND o.office_id = :office"
        "   AND o.deleted_at IS NULL AND o.end_date > :today AND (o.register_start > t.register_start"
        "   OR o.register_start = t.register_start AND o.id > t.id))"
    )


def _correction_sql(window: OpenWindow, params: dict) -> str:
    cut = (f"coalesce((SELECT max({_cut_off('s.level', window.levels, 'level', params)}) "
           "FROM supervision_level_change s WHERE s.correction_term_id = t.id AND s.deleted_at IS NULL), "
           ":level_default)")
    running = "t.office_id = :office AND t.deleted_at IS NULL AND (t.actual_end_date IS NULL OR t.actual_end_date > :today)"
    return (
        "WITH running AS MATERIALIZED (SELECT t.id, t.person_id, t.start_date, t.end_date, t.actual_end_date, "
        "t.judgment_effective_date, coalesce(t.report_date, (SELECT min(a.activity_date) FROM correction_activity a "
        "WHERE a.correction_term_id = t.id AND a.kind = :report AND a.deleted_at IS NULL AND a.office_id = :office)) "
        f"AS report, coalesce({_last()}, '') AS last FROM correction_term t NOT INDEXED WHERE {running}) "
        "SELECT t.id, t.start_date, t.end_date, t.actual_end_date, t.judgment_effective_date, t.report, "
        f"{_packed('supervision_level_change', 'correction_term_id', 'level')}, t.last, {_BRIEF}"
        f" WHERE (t.end_date <= :ending OR t.actual_end_date <= :ending_next OR {_POSTPONED} OR t.report IS NULL"
        "   OR t.start_date <= :today AND (max(t.start_date, t.last) <= :level_min"
        f"     OR max(t.start_date, t.last) <= :level_max AND max(t.start_date, t.last) <= {cut}))"
        " AND p.deleted_at IS NULL AND p.office_id = :office"
        f" AND NOT EXISTS (SELECT 1 FROM correction_term o WHERE o.person_id = t.person_id AND {running.replace('t.', 'o.')}"
        "   AND (o.start_date > t.start_date OR o.start_date = t.start_date AND o.id > t.id))"
    )


def _aftercare(a: tuple) -> AftercareFacts:
    return AftercareFacts(a[0], a[1], _iso(a[2]), _iso(a[3]), _iso(a[4]), _day(a[5]), _day(a[6]), _day(a[7]),
                          _day(a[8]), _unpack(a[9]))


def _correction(c: tuple) -> CorrectionFacts:
    return CorrectionFacts(c[0], _iso(c[1]), _iso(c[2]), _day(c[3]), _day(c[4]), _day(c[5]), _unpack(c[6]))


def load_open(session: Session, office_id: str, rules: RuleSettings,
              today: date) -> tuple[list[PersonFacts], dict[str, PersonBrief]]:
    """The facts of every person who may have an open item on ``today``, and their briefs."""
    window = open_window(rules, today)
    params = _params(office_id, window)
    # aftercare rows: term (9), categories, last visit, last 跟踪考察, latest 落户, brief (5);
    # correction rows: term (6), levels, last visit, brief (5)
    aftercare = {row[-5]: row for row in fetch(session, _aftercare_sql(window, params), params)}
    correction = {row[-5]: row for row in fetch(session, _correction_sql(window, params), params)}
    villages = dict(fetch(session, "SELECT id, name FROM village"))      # a few dozen: cheaper than a join
    briefs = {pid: PersonBrief(pid, row[-4], row[-3], villages.get(row[-3]) or "", row[-2] or "", row[-1] or "")
              for rows in (aftercare, correction) for pid, row in rows.items()}
    moved = postponements(session, office_id)
    facts = []
    for pid in briefs:
        a, c = aftercare.get(pid), correction.get(pid)
        facts.append(PersonFacts(
            pid, _aftercare(a) if a else None, _correction(c) if c else None, _day((a or c)[10 if a else 7]),
            _day(a[11]) if a else None, _day(a[12]) if a else None, tuple(moved.get(pid, ()))))
    return facts, briefs
