"""导入Excel (DOMAIN §9, §10): the office's rosters and ledgers, all or nothing.

``import_excel(ctx, data, update=..., valid_only=...)`` reads whichever template sheets the
workbook has, checks every row with the rules of the forms, and then either writes everything
in ONE transaction or, when any row has an error, writes nothing and returns the list of
problems (sheet, row, column, value, reason). With ``valid_only`` the good rows are written and
the bad ones listed. Persons already on file are reported, never duplicated; with ``update``
their dossiers are updated. The ``progress`` callable may raise ``Cancelled``: everything rolls
back. One 导入 audit row sums up the import; every record written has its own 新增 row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import UserError, ValidationError
from sifasuo_desktop.db.models import Village, new_id
from sifasuo_desktop.domain import idnumber
from sifasuo_desktop.reports.excel.reader import ERROR, NOTICE, Issue, Row, WorkbookRows, read_workbook
from sifasuo_desktop.services import audit, backups, person_bulk, persons
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.excel_import_existing import Existing, UpdateCall, load_existing, plan_updates
from sifasuo_desktop.services.excel_import_mediation import CaseRow, check_cases, stored_cases, write_cases
from sifasuo_desktop.services.excel_import_roster import RosterCheck, TermRow, check_roster, issue
from sifasuo_desktop.services.excel_import_visits import (
    PersonsKnown, VisitRow, check_visits, drop_duplicates, write_visits,
)
from sifasuo_desktop.services.mediation import default_number_prefix
from sifasuo_desktop.services.office import rules as office_rules
from sifasuo_desktop.services.person_inputs import FlagInput
from sifasuo_desktop.services.progress import ProgressFn, Steps

__all__ = ["ERROR", "NOTICE", "ImportResult", "Issue", "import_excel"]


@dataclass(frozen=True)
class ImportResult:
    issues: tuple[Issue, ...]
    imported: bool                       # False: nothing was written
    persons_created: int = 0
    terms_created: int = 0
    persons_updated: int = 0
    persons_existing: int = 0            # already on file, reported and left alone
    visits_created: int = 0
    cases_created: int = 0
    villages_created: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == ERROR]

    @property
    def error_rows(self) -> int:
        return len({(i.sheet, i.row) for i in self.errors})

    def summary(self) -> str:
        lines = []
        if self.errors and not self.imported:
            lines.append(f"文件中有 {len(self.errors)} 处错误（{self.error_rows} 行），未导入任何数据。"
                         "请改正后重新导入，或选择“只导入无误的行”。")
        elif self.errors:
            lines.append(f"有 {self.error_rows} 行有错误，未导入；其余无误的行已导入。")
        if self.imported:
            lines.append(f"已导入：新建人员 {self.persons_created} 人（帮教期 {self.terms_created} 个），"
                         f"更新人员 {self.persons_updated} 人，走访记录 {self.visits_created} 条，"
                         f"人民调解案件 {self.cases_created} 件。")
        elif not self.errors:
            lines.append("没有需要导入的新数据。")
        if self.villages_created:
            lines.append(f"新建村(社区)：{'、'.join(self.villages_created)}。")
        if self.persons_existing:
            lines.append(f"系统中已有、未更新的人员 {self.persons_existing} 人（见提示）。")
        return "\n".join(lines)


@dataclass
class _Plan:
    creates: list[list[TermRow]]
    updates: list[UpdateCall]
    persons_existing: int
    visits: list[VisitRow]
    cases: list[CaseRow]
    villages: dict[str, str]             # name -> id of the office's villages
    new_villages: list[str]
    existing: dict[str, Existing]

    @property
    def empty(self) -> bool:
        return not (self.creates or self.updates or self.visits or self.cases)


def import_excel(ctx: AppContext, data: bytes, *, file_name: str = "", update: bool = False,
                 valid_only: bool = False, progress: ProgressFn | None = None) -> ImportResult:
    """Import the workbook in ``data``; see the module text. Raises ``ExcelFileError`` for a file
    that is no import workbook, ``Cancelled`` when the progress callable says so."""
    perm.require(ctx, perm.IMPORT_DATA)
    book = read_workbook(data)
    issues = list(book.issues)
    if book.row_count == 0 and not any(i.level == ERROR for i in issues):
        raise UserError("文件中没有数据：表头下面的行都是空的。")
    steps = Steps(progress, 2 * book.row_count)
    steps.report("检查数据")
    with ctx.reading() as session:
        plan = _check(session, ctx, book, update, valid_only, issues, steps)
    del book                                     # the plan holds what is written; free the raw rows
    errors = any(i.level == ERROR for i in issues)
    if (errors and not valid_only) or plan.empty:
        steps.finish("检查完毕，未导入")
        return ImportResult(tuple(issues), False, persons_existing=plan.persons_existing)
    steps.report("写入数据库")
    backups.backup_now(ctx, backups.IMPORT)          # a copy to go back to, taken before any write
    with ctx.transaction() as session:
        result = _write(session, ctx, plan, steps)
        result = replace(result, issues=tuple(issues))
        audit.record(session, ctx, audit.IMPORT, summary=f"导入Excel {file_name}：" + result.summary().replace("\n", ""))
        steps.finish("完成")             # still inside: a cancel now rolls back; after the commit no more calls
    return result


def _check(session: Session, ctx: AppContext, book: WorkbookRows, update: bool, valid_only: bool,
           issues: list[Issue], steps: Steps) -> _Plan:
    today, rules = ctx.today(), office_rules(ctx)
    villages = {r.name: r.id for r in session.execute(select(Village.name, Village.id).where(
        Village.office_id == ctx.office_id, Village.deleted_at.is_(None)))}
    roster = RosterCheck()
    if "roster" in book.sheets:
        roster = check_roster(book.sheets["roster"], today, rules, issues, steps)
    visit_sheet = book.sheets.get("visits")
    visit_numbers = {idnumber.normalise(r.values["id_number"]) for r in (visit_sheet.rows if visit_sheet else [])
                     if r.values.get("id_number")}
    existing = load_existing(session, ctx.office_id, set(roster.rows_of) | visit_numbers)
    bad_people = {n: [r for r in rows if r in roster.bad_rows] for n, rows in roster.rows_of.items()
                  if any(r in roster.bad_rows for r in rows)}
    for number in bad_people:
        for dropped in roster.drop(number):
            if valid_only:
                issues.append(issue_for(dropped, f"同一人员的第{'、'.join(map(str, bad_people[number]))}行有错误，本行也未导入"))
    creates, to_update, skipped = [], {}, 0
    for number, rows in roster.people.items():
        stored = existing.get(number)
        if stored is None:
            creates.append(rows)
        elif stored.deleted:
            issues.extend(issue_for(r, f"该人员（{stored.name}）的档案在回收站中，请先从回收站恢复", ERROR) for r in rows)
            bad_people[number] = [r.row for r in rows]
        elif not update:
            issues.append(issue_for(rows[0], f"系统中已有该人员的档案（{stored.name}），未导入；"
                                             "如需更新请选择“更新已有人员”"))
            skipped += 1
        else:
            to_update[number] = rows
    calls, bad_updates = plan_updates(session, to_update, existing, villages, today, rules, issues)
    bad_people.update({n: [r.row for r in to_update[n]] for n in bad_updates})
    in_file = {rows[0].person.id_number for rows in creates} | (set(to_update) - bad_updates)
    visits: list[VisitRow] = []
    if visit_sheet is not None:
        visits, _ = check_visits(visit_sheet, today, PersonsKnown(in_file, bad_people, existing), issues, steps)
        visits = drop_duplicates(session, visits, existing, issues)
    cases: list[CaseRow] = []
    if "mediation" in book.sheets:
        cases, _ = check_cases(book.sheets["mediation"], today, stored_cases(session, ctx.office_id), issues,
                               steps, prefix=default_number_prefix(ctx), judicial_days=rules.judicial_confirmation_days)
    wanted = [rows[0].village for rows in creates] + [c.village for c in calls if c.village]
    new_villages = list(dict.fromkeys(name for name in wanted if name not in villages))
    return _Plan(creates, calls, skipped, visits, cases, villages, new_villages, existing)


def issue_for(row: TermRow, reason: str, level: str = NOTICE) -> Issue:
    found = issue(Row(row.row, {"id_number": row.person.id_number}), "id_number", reason)
    return replace(found, level=level)


def _write(session: Session, ctx: AppContext, plan: _Plan, steps: Steps) -> ImportResult:
    village_ids = {**plan.villages, **_create_villages(session, ctx, plan.new_villages)}
    people = [_new_person(rows, village_ids) for rows in plan.creates]
    created = person_bulk.create_many(session, ctx, people, progress=lambda done, total, m: steps(m, 1000),
                                      checked=True)      # every row passed the same checks in _check
    person_ids = {n: e.id for n, e in plan.existing.items() if not e.deleted}
    person_ids.update({entry.person.id_number: pid for entry, pid in zip(people, created)})
    for call in plan.updates:
        person = call.person if call.village is None else replace(call.person, village_id=village_ids[call.village])
        try:
            persons.update_person_in(session, ctx, call.person_id, person, aftercare=call.aftercare,
                                     history=call.history, removed=call.removed)
        except ValidationError as err:
            raise UserError(f"安置帮教对象第{call.row}行：{err}") from None
        steps("更新人员")
    visits = write_visits(session, ctx, plan.visits, person_ids, steps)
    cases = write_cases(session, ctx, plan.cases, steps)
    return ImportResult(
        (), True, persons_created=len(people), terms_created=sum(len(p.terms) for p in people)
        + sum(c.new_term for c in plan.updates), persons_updated=len({c.person_id for c in plan.updates}),
        persons_existing=plan.persons_existing, visits_created=visits, cases_created=cases,
        villages_created=tuple(plan.new_villages))


def _create_villages(session: Session, ctx: AppContext, names: list[str]) -> dict[str, str]:
    if not names:
        return {}
    last = session.scalar(select(func.max(Village.sort_order)).where(Village.office_id == ctx.office_id)) or 0
    rows = [{"id": new_id(), "office_id": ctx.office_id, "name": name, "sort_order": last + i + 1}
            for i, name in enumerate(names)]
    session.execute(insert(Village.__table__), rows)
    audit.record_created(session, ctx, Village.__tablename__, rows, [f"导入时新建村(社区) {n}" for n in names])
    return {r["name"]: r["id"] for r in rows}


def _new_person(rows: list[TermRow], village_ids: dict[str, str]) -> person_bulk.NewPerson:
    """One dossier from its rows: 基本信息 of the first row, a term per row, flags of the latest term."""
    rows = sorted(rows, key=lambda r: r.term.release_date)
    latest = rows[-1]
    flags = tuple(FlagInput(flag, latest.register_start) for flag, on in latest.flags.items() if on)
    terms = tuple(person_bulk.NewTerm(r.term, r.history + (flags if r is latest else ())) for r in rows)
    first = min(rows, key=lambda r: r.row)
    return person_bulk.NewPerson(replace(first.person, village_id=village_ids[first.village]), terms)
