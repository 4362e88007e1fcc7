"""Crash-test writer: service writes in a loop, each record's id printed right AFTER its commit.

    python tests/crash/writer.py DB           write until killed
    python tests/crash/writer.py DB --fork    for each line "go" on stdin, fork a writer child;
                                              print "done <pid>" once it has died

The database must already hold an office (the test prepares it). ``--fork`` pays the imports
(~0.8 s) once, so the test can kill 100 writers in well under a minute; each child opens the
database itself, as the program does at start.

Lines printed (one per committed transaction, flushed at once):
    ready <pid>                    the child has opened the database
    village <id>                   a new 村(社区)
    village-name <id> <stamp>      a village renamed to 村<stamp> (stamps only increase)
    case <id>                      a new mediation case with its parties and mediators
    case-summary <id> <stamp>      a case's 纠纷简要情况 set to 摘要<stamp>
    record <case id> <record id>   an 调查记录 added to a case
    person <id>                    a new dossier with its 帮教期 and first 帮教类别
    person-notes <id> <stamp>      a dossier's 备注 set to 备注<stamp>
    import-start <numbers...>      (before) an Excel roster of new persons is about to be imported
    import <numbers...>            (after) the roster is imported: all its persons are there
"""

from __future__ import annotations

import io
import os
import random
import sys
import time
import traceback
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from openpyxl import Workbook  # noqa: E402

from sifasuo_desktop.domain.idnumber import compose  # noqa: E402
from sifasuo_desktop.domain.mediation import Case, Party, Record  # noqa: E402
from sifasuo_desktop.reports.excel.columns import ROSTER  # noqa: E402
from sifasuo_desktop.services import mediation, mediation_records, office, persons  # noqa: E402
from sifasuo_desktop.services.excel_import import import_excel  # noqa: E402
from sifasuo_desktop.services.person_inputs import AftercareInput, PersonInput  # noqa: E402
from sifasuo_desktop.services.context import open_database  # noqa: E402

TODAY = date(2026, 11, 24)
NAMES = "王建国 李秀英 张志强 刘红梅 陈国庆 杨玉兰 赵海燕 黄德明 周春花 吴卫东".split()


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def stamp() -> int:
    return time.time_ns()


def new_case(rng: random.Random) -> Case:
    parties = [Party(role="申请人" if i == 0 or rng.random() < 0.3 else "被申请人", name=rng.choice(NAMES))
               for i in range(rng.randint(2, 8))]
    parties[-1] = Party(role="被申请人", name=parties[-1].name)
    accepted = TODAY - timedelta(days=rng.randint(0, 300))
    return Case(acceptance_date=accepted, source="当事人申请", dispute_type="邻里", parties=tuple(parties),
                mediators=tuple(rng.sample(NAMES, rng.randint(1, 3))), summary="因院墙排水发生纠纷" * rng.randint(1, 50))


def unique_number(region: str, number: int) -> str:
    """A 公民身份号码 no other writer uses: the birth day from the pid, the sequence counted."""
    return compose(region, date(1950, 1, 1) + timedelta(days=os.getpid() % 20_000), number)


def new_person(rng: random.Random, village_id: str, number: int) -> PersonInput:
    return PersonInput(name=rng.choice(NAMES), id_number=unique_number("410101", number), village_id=village_id)


def roster(rng: random.Random, numbers: list[str]) -> bytes:
    """The 安置帮教对象 import sheet with one new person per number."""
    book = Workbook()
    sheet = book.active
    sheet.title = ROSTER.name
    sheet.append([c.title for c in ROSTER.columns])
    for number in numbers:
        values = {"name": rng.choice(NAMES), "id_number": number, "village": "东街社区", "source": "监狱刑满释放",
                  "release_date": "2024-03-01", "category": rng.choice(["重点", "一般"])}
        sheet.append([values.get(c.key) for c in ROSTER.columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_forever(db: Path, rng: random.Random) -> None:
    ctx = open_database(db, today=TODAY)  # acting as the built-in administrator: no password hashing
    villages = [v.id for v in office.list_villages(ctx)]
    cases: list[str] = []
    people: list[tuple[str, PersonInput]] = []
    imported = 0
    say("ready", os.getpid())
    while True:
        action = rng.random()
        if action < 0.08 or not villages:
            village_id = office.save_village(ctx, None, name=f"村{stamp()}")
            villages.append(village_id)
            say("village", village_id)
        elif action < 0.16:
            village_id, now = rng.choice(villages), stamp()
            office.save_village(ctx, village_id, name=f"村{now}")
            say("village-name", village_id, now)
        elif action < 0.3 or not people:
            data = new_person(rng, rng.choice(villages), len(people) + 1)
            release = AftercareInput("监狱刑满释放", TODAY - timedelta(days=rng.randint(1, 900)),
                                     category=rng.choice(["重点", "一般"]))
            people.append((persons.create_person(ctx, data, aftercare=[release]), data))
            say("person", people[-1][0])
        elif action < 0.4:
            (person_id, data), now = rng.choice(people), stamp()
            persons.update_person(ctx, person_id, replace(data, notes=f"备注{now}"))
            say("person-notes", person_id, now)
        elif action < 0.55 or not cases:
            case = mediation.create_case(ctx, new_case(rng))
            cases.append(case.id)
            say("case", case.id)
        elif action < 0.7:
            case_id, now = rng.choice(cases), stamp()
            case = mediation.get_case(ctx, case_id)
            mediation.update_case(ctx, case_id, replace(case, summary=f"摘要{now}"))
            say("case-summary", case_id, now)
        elif action < 0.8:
            numbers = [unique_number("410102", imported + i + 1) for i in range(rng.randint(3, 15))]
            imported += len(numbers)
            say("import-start", *numbers)
            assert import_excel(ctx, roster(rng, numbers), file_name="花名册.xlsx").persons_created == len(numbers)
            say("import", *numbers)
        else:
            case_id = rng.choice(cases)
            case = mediation_records.save_record(ctx, case_id, Record("调查", TODAY, text="走访了解情况。" * 20))
            say("record", case_id, case.records[-1].id)


def serve(db: Path) -> None:
    """Fork a writer per "go" line; report each one's death so the test knows its output is complete."""
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        seed = random.randrange(1 << 30)
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(db, random.Random(seed))
            except BaseException:  # noqa: BLE001 - a writer must only ever die by the test's SIGKILL
                traceback.print_exc()
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        say("done", pid)


if __name__ == "__main__":
    database = Path(sys.argv[1])
    if "--fork" in sys.argv[2:]:
        serve(database)
    else:
        write_forever(database, random.Random())
