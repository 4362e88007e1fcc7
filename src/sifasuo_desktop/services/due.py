"""Due items of the whole office for the 工作台, of one person for the dossier, and postponing.

Other features add their own counts to the 工作台 (e.g. mediation cases near their limit) without
this module importing them: list the module in ``EXTRA_GROUP_PROVIDERS``. Such a module has

- ``workbench_group(ctx, today) -> WorkGroup`` (its count is ``len(group.items)``), and
- optionally ``postpone(ctx, subject_id, rule, new_date, reason)``, called for its postponable
  items (it may store them with :func:`save_postponement`).

A group's ``open_tab`` names the main-window tab class whose ``open_record(subject_id)`` a
double-click calls.

Speed (scripts/bench_due.py): the office's items are computed from the facts of only those
persons who may have an open item (``due_open``; the same ``domain.due.compute`` as the dossier,
which reads one person's full facts through ``due_facts``), and kept by ``due_cache`` until the
next commit to the database or the next day.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple
from datetime import date, datetime

from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.db.models import DuePostponement
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.due import DueItem, compute
from sifasuo_desktop.domain.rules import RuleSettings
from sifasuo_desktop.services import audit, due_cache, due_facts, due_open, office
from sifasuo_desktop.services.context import AppContext

# Modules adding a group to the 工作台 (see the module docstring).
EXTRA_GROUP_PROVIDERS: list[str] = ["sifasuo_desktop.services.mediation_due"]

GROUP_OVERDUE = "overdue"
GROUP_DUE_SOON = "due_soon"
GROUP_UNCONNECTED = "unconnected"
GROUP_ENDING = "ending"


class WorkItem(NamedTuple):
    """One row of a 工作台 list (a named tuple for the same reason as ``domain.due.DueItem``:
    thousands are made on every refresh)."""

    subject_id: str
    subject_table: str                 # "person", or the provider's table ("mediation_case")
    name: str
    village_id: str | None
    village_name: str
    rule: str
    rule_label: str
    due_date: date
    state: str
    state_label: str
    last_contact: date | None = None
    visit_type: str | None = None      # the visit that settles it (pre-fills the visit form)
    postponable: bool = False
    original_due: date | None = None
    note: str = ""
    provider: str = ""                 # module of an extra group ("" for the built-in ones)
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class WorkGroup:
    key: str
    label: str
    items: tuple[WorkItem, ...]
    open_tab: str | None = None        # tab class whose open_record(subject_id) opens an item

    @property
    def count(self) -> int:
        return len(self.items)


def _work_item(item: DueItem, brief: due_facts.PersonBrief, last_visit: date | None) -> WorkItem:
    info = r.RULES[item.rule]
    note = f"已延期，原到期日{item.original_due.isoformat()}：{item.postpone_reason}" if item.postponed else ""
    return WorkItem(item.person_id, "person", brief.name, brief.village_id, brief.village_name, item.rule,
                    info.label, item.due_date, item.state, item.state_label, last_visit, info.visit_type,
                    info.postponable, item.original_due, note, "", brief.phone, brief.address)


def compute_office(ctx: AppContext, today: date | None = None) -> list[WorkItem]:
    """Every open item (overdue, due soon, 未衔接, term ending) of the office, most urgent first
    (by due date; ties in the order the database reads them)."""
    day = today or ctx.today()
    rules = office.rules(ctx)
    key = ("compute_office", ctx.office_id, day, rules)
    return list(due_cache.cached(ctx.engine, key, lambda: _compute_office(ctx, rules, day)))


def _compute_office(ctx: AppContext, rules: RuleSettings, day: date) -> tuple[WorkItem, ...]:
    with _gc_paused(), ctx.reading() as session:
        facts, briefs = due_open.load_open(session, ctx.office_id, rules, day)
        rows: list[WorkItem] = []
        for person in facts:
            for item in compute(person, rules, day, open_only=True):
                rows.append(_work_item(item, briefs[person.person_id], person.last_visit))
    rows.sort(key=attrgetter("due_date"))
    return tuple(rows)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building ~10^5 short-lived tuples triggers the cyclic garbage collector over and over
    (40% of the time at district scale); none of them forms a cycle, so pause it meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _soon_label(days: int) -> str:
    return "本周到期" if days == 7 else f"{days}天内到期"


_GROUP_OF_KIND = {"unconnected": GROUP_UNCONNECTED, "ending": GROUP_ENDING}
_GROUP_OF_RULE = {code: _GROUP_OF_KIND.get(info.kind) for code, info in r.RULES.items()}   # None: a task


def workbench(ctx: AppContext, today: date | None = None) -> list[WorkGroup]:
    """The 工作台 counts with their lists: built-in groups first, then the extra providers'."""
    day = today or ctx.today()
    rules = office.rules(ctx)
    lists: dict[str, list[WorkItem]] = {GROUP_OVERDUE: [], GROUP_DUE_SOON: [], GROUP_UNCONNECTED: [], GROUP_ENDING: []}
    for w in compute_office(ctx, day):          # one pass, keeping the most-urgent-first order
        lists[_GROUP_OF_RULE[w.rule] or (GROUP_OVERDUE if w.state == r.OVERDUE else GROUP_DUE_SOON)].append(w)
    labels = {GROUP_OVERDUE: "逾期", GROUP_DUE_SOON: _soon_label(rules.due_soon_days), GROUP_UNCONNECTED: "未衔接人员",
              GROUP_ENDING: f"{rules.term_ending_warn_days}天内期满"}
    groups = [WorkGroup(key, labels[key], tuple(items)) for key, items in lists.items()]
    for module in EXTRA_GROUP_PROVIDERS:
        groups.append(importlib.import_module(module).workbench_group(ctx, day))
    return groups


def person_due(ctx: AppContext, person_id: str, today: date | None = None) -> list[DueItem]:
    """Every item of one person, done and later ones included (for the dossier)."""
    day = today or ctx.today()
    with ctx.reading() as session:
        facts, _briefs = due_facts.load(session, ctx.office_id, day, person_id=person_id)
    if not facts:
        return []
    return sorted(compute(facts[0], office.rules(ctx), day), key=lambda i: (i.state == r.DONE, i.due_date))


def save_postponement(session: Session, ctx: AppContext, *, subject_id: str, rule: str, original_due: date,
                      shown_due: date, new_due: date | None, reason: str, summary: str) -> None:
    """Store and audit a postponement after checking the new date and the reason."""
    problems = r.postponement_problems(new_due, shown_due, reason, ctx.today())
    if problems:
        raise ValidationError(problems)
    row = DuePostponement(office_id=ctx.office_id, subject_id=subject_id, rule=rule, original_due=original_due,
                          new_due=new_due, reason=reason.strip(), user_name=ctx.user.display_name,
                          created_at=datetime.now())   # to the microsecond: the last one given wins
    session.add(row)
    audit.record_change(session, ctx, row, None, summary)


def postpone(ctx: AppContext, subject_id: str, rule: str, new_date: date | None, reason: str) -> None:
    """Move a person's open due item to ``new_date``; the reason is kept and audited."""
    info = r.RULES.get(rule)
    if info is None or not info.postponable:
        raise ValidationError({"rule": "该事项不能延期"})
    item = next((i for i in person_due(ctx, subject_id) if i.rule == rule and i.state != r.DONE), None)
    if item is None:
        raise ValidationError({"rule": f"该对象当前没有待办的“{info.label}”事项"})
    with ctx.transaction() as session:
        save_postponement(session, ctx, subject_id=subject_id, rule=rule, original_due=item.original_due or item.due_date,
                          shown_due=item.due_date, new_due=new_date, reason=reason,
                          summary=f"{info.label} 延期至 {new_date}：{(reason or '').strip()}")


def postpone_item(ctx: AppContext, item: WorkItem, new_date: date | None, reason: str) -> None:
    """Postpone a 工作台 row, whichever feature it belongs to."""
    if item.provider:
        importlib.import_module(item.provider).postpone(ctx, item.subject_id, item.rule, new_date, reason)
    else:
        postpone(ctx, item.subject_id, item.rule, new_date, reason)
