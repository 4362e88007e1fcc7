"""kill -9 at random points of service writes, 100 times: the database stays sound and keeps
every record whose commit the writer had reported (tests/crash/writer.py prints right after it).
The writes are edits through the services (村(社区), dossiers with their terms, mediation cases with
parties and records) and Excel imports of rosters (all or nothing).

One database serves all 100 kills, so later writers start on whatever the previous death left,
as the program does after a crash. Each death is followed by ``PRAGMA integrity_check`` (which
also replays the write-ahead log, as the next start would); at the end every reported id is looked
up, every reported edit is there (or a later one), and no multi-row write is half there (a case
without its parties, a record without its audit row, or the reverse).
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("writer.py")
KILLS = 100

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="the writer forks (POSIX only)")]


class Writers:
    """The forking writer process and a thread that hands its output lines over a queue."""

    def __init__(self, db: Path, errors: Path):
        self.stderr = errors.open("w")
        self.proc = subprocess.Popen([sys.executable, str(WRITER), str(db), "--fork"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, text=True, encoding="utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.split())

    def next(self) -> list[str]:
        return self.lines.get(timeout=60)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.stderr.close()


def _reported_after_kill(writers: Writers, writes: int, delay: float, log: list[list[str]]) -> None:
    """Start a writer, let it report ``writes`` commits, kill it ``delay`` seconds later (somewhere
    in the next writes: counting first keeps the test meaningful on a slow, busy machine)."""
    writers.proc.stdin.write("go\n")
    writers.proc.stdin.flush()
    line = writers.next()
    assert line[0] == "ready", line
    pid = int(line[1])
    for _ in range(writes):
        log.append(line := writers.next())
        assert line[0] != "done", f"writer {pid} died by itself (see its traceback)"
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    while (line := writers.next()) != ["done", str(pid)]:
        assert line[0] != "done", f"writer {pid} died by itself (see its traceback)"
        log.append(line)


def _integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def test_kill_9_during_edits_loses_no_committed_record(ctx, tmp_path):
    db = ctx.path
    ctx.dispose()
    rng = random.Random(20261124)
    log: list[list[str]] = []
    writers = Writers(db, tmp_path / "writer-errors.txt")
    try:
        for _ in range(KILLS):
            _reported_after_kill(writers, rng.randint(0, 6), rng.uniform(0.0, 0.1), log)
            assert _integrity(db) == "ok"
    finally:
        writers.close()
    assert (tmp_path / "writer-errors.txt").read_text() == ""

    reported = defaultdict(list)
    for kind, *values in log:
        reported[kind].append(values)
    kinds = ("village", "village-name", "person", "person-notes", "case", "case-summary", "record", "import")
    assert all(reported[k] for k in kinds), {k: len(reported[k]) for k in kinds}

    con = sqlite3.connect(db)
    one = lambda sql, *args: con.execute(sql, args).fetchone()  # noqa: E731
    ids = lambda sql: {r[0] for r in con.execute(sql)}  # noqa: E731
    try:
        assert not con.execute("PRAGMA foreign_key_check").fetchall()
        villages, cases = ids("SELECT id FROM village"), ids("SELECT id FROM mediation_case")
        people = ids("SELECT id FROM person")
        assert {v for v, in reported["village"]} <= villages
        assert {p for p, in reported["person"]} <= people
        assert {c for c, in reported["case"]} <= cases
        assert {r for _, r in reported["record"]} <= ids("SELECT id FROM mediation_record")
        last_name = {v: int(s) for v, s in reported["village-name"]}
        for village_id, printed in last_name.items():
            assert int(one("SELECT name FROM village WHERE id=?", village_id)[0].removeprefix("村")) >= printed
        last_notes = {p: int(s) for p, s in reported["person-notes"]}
        for person_id, printed in last_notes.items():
            assert int(one("SELECT notes FROM person WHERE id=?", person_id)[0].removeprefix("备注")) >= printed
        last_summary = {c: int(s) for c, s in reported["case-summary"]}
        for case_id, printed in last_summary.items():
            assert int(one("SELECT summary FROM mediation_case WHERE id=?", case_id)[0].removeprefix("摘要")) >= printed
        # An import is all or nothing: reported ones whole, the one a kill cut short whole or absent.
        numbers = ids("SELECT id_number FROM person")
        for started in reported["import-start"]:
            present = [n in numbers for n in started]
            assert all(present) or (not any(present) and started not in reported["import"]), started
        # Whole transactions only: each dossier with its term and first category, each case with its
        # parties and mediators, each record with its audit row, and back.
        assert one("SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM aftercare_term t "
                   "WHERE t.person_id=p.id AND EXISTS (SELECT 1 FROM category_change c WHERE c.term_id=t.id))")[0] == 0
        assert one("SELECT count(*) FROM mediation_case c WHERE (SELECT count(*) FROM mediation_party p "
                   "WHERE p.case_id=c.id) < 2 OR NOT EXISTS (SELECT 1 FROM mediation_mediator m "
                   "WHERE m.case_id=c.id)")[0] == 0
        for table, existing in (("mediation_case", cases), ("village", villages), ("person", people)):
            audited = ids(f"SELECT record_id FROM audit_log WHERE table_name='{table}' AND action='新增'")
            assert audited == existing, table
    finally:
        con.close()
