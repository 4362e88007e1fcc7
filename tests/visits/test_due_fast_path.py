"""The 工作台's fast path (services.due_open, cached by services.due_cache) against the
straightforward computation: every running term's facts (``due_facts.load``) through
``compute(..., open_only=True)``. On generated offices full of edge cases (several running terms,
deleted rows, category and level changes on the same day, unknown values, postponements that
match or have lapsed, reports by activity), for many days and settings, both must give the same
items; speed may never change a due date."""

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert

from sifasuo_desktop.db.models import (AftercareTerm, CategoryChange, CorrectionActivity, CorrectionTerm,
                                       DuePostponement, Office, Person, StatusEvent, SupervisionLevelChange, Village,
                                       Visit, new_id)
from sifasuo_desktop.domain import due_rules as r
from sifasuo_desktop.domain.dates import add_years
from sifasuo_desktop.domain.due import compute
from sifasuo_desktop.domain.due_window import open_window
from sifasuo_desktop.domain.rules import RuleSettings
from sifasuo_desktop.services import due, due_facts, due_open, office, visits
from sifasuo_desktop.services.visits import VisitData

TODAY = date(2026, 11, 24)
VISIT_TYPES = ["谈话", "家访", "电话", "走访", "回访", "集中教育", "跟踪考察", "跟踪考察"]


DAYS = [TODAY, TODAY - timedelta(days=200), TODAY + timedelta(days=45), date(2024, 2, 29), date(2025, 1, 31),
        date(2027, 3, 1)]
SETTINGS = [{}, {"due_soon_days": 0, "term_ending_warn_days": 0},
            {"due_soon_days": 30, "term_ending_warn_days": 90, "visit_interval_key_months": 2,
             "visit_interval_general_months": 1, "review_interval_months": 3, "correction_visit_strict_days": 10,
             "correction_visit_loose_months": 1, "agreement_after_return_months": 2}]
EDGES = sorted({cut + timedelta(days=shift) for day in DAYS for values in SETTINGS
                for w in [open_window(RuleSettings().with_values(values), day)]
                for cut in (w.horizon, w.ending_until, w.review, *w.categories.values(), *w.levels.values())
                for shift in (-1, 0, 1)})


def _day(rng: random.Random, around: date, before: int, after: int) -> date:
    """A day near ``around``; one time in six a day on or next to a cut-off of the days tested."""
    if rng.random() < 1 / 6:
        return rng.choice(EDGES)
    return around + timedelta(days=rng.randint(-before, after))


def _maybe(rng: random.Random, p: float, value):
    return value if rng.random() < p else None


class Office_:
    """Rows of a generated office, inserted in one transaction."""

    def __init__(self, ctx, rng: random.Random, deleted_share: float = 0.06):
        self.ctx, self.rng, self.rows, self.deleted_share = ctx, rng, {}, deleted_share
        self.start: date | None = None
        self.villages = [None, self.add(Village, name="西村", sort_order=1)]
        with ctx.reading() as session:
            self.villages += [row[0] for row in session.query(Village.id).limit(1)]
        self.other_office = self.add(Office, code="410101999", name="邻镇司法所")

    def add(self, model, **values) -> str:
        values.setdefault("id", new_id())
        if "deleted_at" in model.__table__.c:
            values["deleted_at"] = datetime(2026, 1, 1) if self.rng.random() < self.deleted_share else None
        if "office_id" in model.__table__.c:
            values.setdefault("office_id", self.ctx.office_id)
        self.rows.setdefault(model, []).append(values)
        return values["id"]

    def history(self, model, owner: str, owner_id: str, start: date, values: list[str], field: str) -> None:
        when = start
        for _ in range(self.rng.choice([0, 1, 1, 1, 2, 3])):
            self.add(model, **{owner: owner_id, "effective_date": when, field: self.rng.choice(values),
                               "created_at": datetime(2026, 1, 1, 8, 0, self.rng.choice([0, 0, 1]))})
            when += timedelta(days=self.rng.choice([0, 0, 1, 30, 90, 300]))

    def aftercare(self, pid: str) -> None:
        rng = self.rng
        release = self.start if self.start and rng.random() < 0.4 else _day(rng, TODAY, 2000, 90)   # ties too
        self.start = release
        source = "外地迁入" if rng.random() < 0.1 else "监狱刑满释放"
        start = release + timedelta(days=rng.randint(0, 30)) if source == "外地迁入" else release
        expiry = add_years(release, 5)
        removal = _maybe(rng, 0.1, _day(rng, release, 0, 1500))
        notice = _maybe(rng, 0.3, release - timedelta(days=rng.randint(0, 40)))
        term = self.add(AftercareTerm, person_id=pid, source=source, release_date=release, register_start=start,
                        term_years=5, expiry=expiry, removal_date=removal, end_date=min(expiry, removal or expiry),
                        notice_date=notice, dossier_date=_maybe(rng, 0.5, notice),
                        handover_date=_maybe(rng, 0.9, _day(rng, release, 3, 40)),
                        agreement_date=_maybe(rng, 0.8, _day(rng, release, 0, 40)))
        self.history(CategoryChange, "term_id", term, start, ["重点", "一般", "一般", "其他"], "category")

    def correction(self, pid: str) -> None:
        rng = self.rng
        start = self.start if self.start and rng.random() < 0.4 else _day(rng, TODAY, 900, 40)
        self.start = start
        end = start + timedelta(days=rng.randint(60, 1100))
        term = self.add(CorrectionTerm, person_id=pid, kind="缓刑", start_date=start, end_date=end,
                        actual_end_date=_maybe(rng, 0.3, _day(rng, end, 400, 30)),
                        judgment_effective_date=_maybe(rng, 0.5, start - timedelta(days=rng.randint(0, 9))),
                        report_date=_maybe(rng, 0.6, _day(rng, start, 0, 15)))
        self.history(SupervisionLevelChange, "correction_term_id", term, start, ["严管", "普管", "宽管", "其他"], "level")
        for _ in range(rng.choice([0, 0, 1, 2])):
            self.add(CorrectionActivity, person_id=pid, correction_term_id=term, activity_date=_day(rng, start, 5, 30),
                     kind=rng.choice(["报到", "报到", "教育学习"]))

    def person(self) -> str:
        rng = self.rng
        pid = self.add(Person, name=f"人员{len(self.rows.get(Person, ()))}", name_initials="", id_number="1",
                       village_id=rng.choice(self.villages), phone="1380000", residence_address="某村",
                       **({"office_id": self.other_office} if rng.random() < 0.03 else {}))
        self.start = None                       # a second term may start the same day as the first
        for _ in range(rng.choice([0, 1, 1, 1, 1, 2])):
            self.aftercare(pid)
        self.start = None
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            self.correction(pid)
        for _ in range(rng.choice([0, 1, 3, 6, 12])):
            self.add(Visit, person_id=pid, visit_date=_day(rng, TODAY, 1500, 20), visit_type=rng.choice(VISIT_TYPES))
        for _ in range(rng.choice([0, 1, 1, 2])):
            self.add(StatusEvent, person_id=pid, event_date=_day(rng, TODAY, 2000, 10),
                     kind=rng.choice(["落户", "落户", "脱管"]))
        return pid

    def save(self) -> None:
        with self.ctx.transaction() as session:
            for model in (Office, Village, Person, AftercareTerm, CategoryChange, CorrectionTerm,
                          SupervisionLevelChange, CorrectionActivity, Visit, StatusEvent, DuePostponement):
                if self.rows.get(model):
                    session.execute(insert(model), self.rows[model])
        self.rows = {}


def straightforward(ctx, rules: RuleSettings, day: date) -> list[due.WorkItem]:
    with ctx.reading() as session:
        facts, briefs = due_facts.load(session, ctx.office_id, day)
    return [due._work_item(item, briefs[f.person_id], f.last_visit)
            for f in facts for item in compute(f, rules, day, open_only=True)]


def _key(w: due.WorkItem):
    return w.subject_id, w.rule


def _postpone_some(ctx, gen: Office_, rng: random.Random) -> None:
    """Postpone about one item in four by its exact date (these move), a few by dates no rule
    computes (these have lapsed), and a few not yet open to an earlier date (only imported data
    can do that; the item then opens)."""
    with ctx.reading() as session:
        facts = due_facts.load(session, ctx.office_id, TODAY)[0]
    for item in (i for f in facts for i in compute(f, RuleSettings(), TODAY)):
        if item.state == r.DONE or not r.RULES[item.rule].postponable or rng.random() > 0.25:
            continue
        later = item.state == r.LATER and rng.random() < 0.3
        new_due = TODAY + timedelta(days=rng.randint(-5, 7)) if later else item.due_date + timedelta(days=rng.choice([1, 5, 40]))
        gen.add(DuePostponement, subject_id=item.person_id, rule=item.rule, original_due=item.due_date, new_due=new_due,
                reason="外出", user_name="测试", created_at=datetime(2026, 11, 1, 9, rng.randint(0, 59)))
        if rng.random() < 0.3:
            gen.add(DuePostponement, subject_id=item.person_id, rule=item.rule, original_due=item.due_date - timedelta(days=3),
                    new_due=item.due_date + timedelta(days=60), reason="已失效", user_name="测试",
                    created_at=datetime(2026, 11, 2))
    gen.save()


@pytest.fixture
def generated(ctx):
    rng = random.Random(20261124)
    gen = Office_(ctx, rng)
    people = [gen.person() for _ in range(400)]
    gen.save()
    _postpone_some(ctx, gen, rng)
    return people


@pytest.mark.parametrize("settings", SETTINGS)
def test_fast_path_gives_the_items_of_the_straightforward_computation(ctx, generated, settings):
    if settings:
        office.save_settings(ctx, settings)
    rules = office.rules(ctx)
    total = 0
    for day in DAYS:
        expected = sorted(straightforward(ctx, rules, day), key=_key)
        got = due.compute_office(ctx, day)
        assert sorted(got, key=_key) == expected, day
        assert [w.due_date for w in got] == sorted(w.due_date for w in got)     # most urgent first
        total += len(expected)
    assert total > 800 and any(w.original_due for w in due.compute_office(ctx, TODAY))


def _edge_office(ctx) -> None:
    """One person per cut-off of TODAY with the default rules (horizon 12-01, ending 12-24), on
    the day that still makes the item open and on the day after; nothing else open for them."""
    gen = Office_(ctx, random.Random(1), deleted_share=0)

    review = (date(2026, 6, 15), "跟踪考察")     # recent enough, older than the visits tested

    def aftercare(name, release=date(2024, 1, 10), visits=((date(2026, 11, 20), "走访"), review),
                  categories=(("一般", None),),
                  handover="release", household="release", end=None, moved=None):
        pid = gen.add(Person, name=name, name_initials="", id_number="1", village_id=None, phone="", residence_address="")
        handover = release if handover == "release" else handover
        term = gen.add(AftercareTerm, person_id=pid, source="监狱刑满释放", release_date=release, register_start=release,
                       term_years=5, expiry=end or add_years(release, 5), end_date=end or add_years(release, 5),
                       handover_date=handover, agreement_date=release)
        for value, when in categories:
            gen.add(CategoryChange, term_id=term, effective_date=when or release, category=value,
                    created_at=datetime(2026, 1, 1))
        for day, kind in visits:
            gen.add(Visit, person_id=pid, visit_date=day, visit_type=kind)
        gen.add(StatusEvent, person_id=pid, event_date=release if household == "release" else household, kind="落户")
        if moved:
            gen.add(DuePostponement, subject_id=pid, rule=r.AFTERCARE_VISIT, original_due=moved[0], new_due=moved[1],
                    reason="导入", user_name="测试", created_at=datetime(2026, 11, 1))

    def correction(name, level, last_visit, end=date(2027, 6, 30), actual=None, moved=None):
        pid = gen.add(Person, name=name, name_initials="", id_number="1", village_id=None, phone="", residence_address="")
        term = gen.add(CorrectionTerm, person_id=pid, kind="缓刑", start_date=date(2026, 1, 5), end_date=end,
                       actual_end_date=actual, report_date=date(2026, 1, 6))
        gen.add(SupervisionLevelChange, correction_term_id=term, effective_date=date(2026, 1, 5), level=level,
                created_at=datetime(2026, 1, 1))
        gen.add(Visit, person_id=pid, visit_date=last_visit, visit_type="谈话")
        if moved:
            gen.add(DuePostponement, subject_id=pid, rule=r.CORRECTION_VISIT, original_due=moved[0], new_due=moved[1],
                    reason="导入", user_name="测试", created_at=datetime(2026, 11, 1))

    for open_, late in ((True, 0), (False, 1)):
        shift = timedelta(days=late)
        aftercare(f"重点{open_}", visits=((date(2026, 11, 1) + shift, "电话"), review), categories=(("重点", None),))
        aftercare(f"一般{open_}", visits=((date(2026, 9, 1) + shift, "家访"), review))
        aftercare(f"升重点{open_}", visits=((date(2026, 11, 1) + shift, "谈话"), review),
                  categories=(("一般", None), ("重点", date(2026, 10, 1))))
        aftercare(f"考察{open_}", visits=((date(2026, 6, 1) + shift, "跟踪考察"), (date(2026, 11, 20), "走访")))
        aftercare(f"期满{open_}", release=date(2021, 12, 24) + shift)
        aftercare(f"首访{open_}", release=date(2026, 11, 10), visits=((date(2026, 11, 9) + shift, "家访"),))
        aftercare(f"落户{open_}", release=date(2026, 10, 1), household=date(2026, 9, 30) + shift)
        aftercare(f"提前{open_}", moved=(date(2027, 2, 20), date(2026, 12, 1) + shift))
        correction(f"严管{open_}", "严管", date(2026, 11, 24) + shift)
        correction(f"普管{open_}", "普管", date(2026, 11, 1) + shift)
        correction(f"宽管{open_}", "宽管", date(2026, 9, 1) + shift)
        correction(f"矫期满{open_}", "宽管", date(2026, 11, 20), end=date(2026, 12, 24) + shift)
        correction(f"解矫{open_}", "宽管", date(2026, 11, 20), actual=date(2026, 12, 25) + shift)
        correction(f"矫提前{open_}", "宽管", date(2026, 11, 20), moved=(date(2027, 2, 20), date(2026, 12, 1) + shift))
    gen.save()


@pytest.mark.parametrize("settings", [{}, {"due_soon_days": 0}])
def test_fast_path_at_every_cut_off(ctx, settings):
    _edge_office(ctx)
    office.save_settings(ctx, settings)
    expected = sorted(straightforward(ctx, office.rules(ctx), TODAY), key=_key)
    assert sorted(due.compute_office(ctx, TODAY), key=_key) == expected
    if not settings:                           # the data does sit on the cut-offs: exactly one of each pair is open
        assert sorted({w.name for w in expected}) == sorted(
            f"{name}True" for name in ("重点", "一般", "升重点", "考察", "期满", "首访", "落户", "提前",
                                       "严管", "普管", "宽管", "矫期满", "解矫", "矫提前"))
        with ctx.reading() as session:         # and here SQL lets through exactly those persons
            candidates = due_open.load_open(session, ctx.office_id, RuleSettings(), TODAY)[0]
        assert {f.person_id for f in candidates} == {w.subject_id for w in expected}


def test_the_facts_read_for_the_candidates_are_those_of_the_straightforward_read(ctx, generated):
    """Each term the fast path reads (with the visits, 落户 and postponements) is exactly what
    ``due_facts.load`` reads; it only leaves out terms with nothing open."""
    rules = RuleSettings()
    with ctx.reading() as session:
        full, full_briefs = due_facts.load(session, ctx.office_id, TODAY)
        fast, briefs = due_open.load_open(session, ctx.office_id, rules, TODAY)
    full = {f.person_id: f for f in full}
    assert fast and len(fast) < len(full)
    for f in fast:
        ref = full[f.person_id]
        assert (f.last_visit, f.postponements, briefs[f.person_id]) == (
            ref.last_visit, ref.postponements, full_briefs[f.person_id])
        if f.aftercare is not None:
            assert (f.aftercare, f.last_review, f.household_date) == (ref.aftercare, ref.last_review, ref.household_date)
        if f.correction is not None:
            assert f.correction == ref.correction
    left_out = full.keys() - {f.person_id for f in fast}
    assert left_out and not any(compute(full[p], rules, TODAY, open_only=True) for p in left_out)


def test_every_lookup_is_an_index_seek(ctx, generated):
    """Only the two term tables are read whole; visits, history, events and activities are
    looked up per term through their indexes (the plan that keeps 50,000 persons fast)."""
    rules = RuleSettings()
    window = open_window(rules, TODAY)
    params = due_open._params(ctx.office_id, window)
    with ctx.reading() as session:
        for sql in (due_open._aftercare_sql(window, params), due_open._correction_sql(window, params)):
            plan = [row[3] for row in due_facts.fetch(session, "EXPLAIN QUERY PLAN " + sql, params)]
            assert [line for line in plan if line.startswith("SCAN")] == ["SCAN t", "SCAN t"], plan   # + its CTE
            assert plan[0] == "MATERIALIZE running"                    # each per-term lookup runs once
            assert any("COVERING INDEX ix_visit_person_date" in line for line in plan)


def test_a_cached_list_is_reused_until_something_is_committed(ctx, generated):
    first = due.compute_office(ctx, TODAY)
    assert all(a is b for a, b in zip(first, due.compute_office(ctx, TODAY)))        # nothing recomputed
    assert due.compute_office(ctx, TODAY + timedelta(days=1))[0] is not first[0]      # another day
    overdue = next(w for w in first if w.rule == r.AFTERCARE_VISIT and w.state == r.OVERDUE)
    visits.save_visit(ctx, None, VisitData(overdue.subject_id, TODAY, "家访"))
    after = due.compute_office(ctx, TODAY)
    assert (overdue.subject_id, r.AFTERCARE_VISIT) not in {_key(w) for w in after}
    assert sorted(after, key=_key) == sorted(straightforward(ctx, office.rules(ctx), TODAY), key=_key)


def test_a_commit_by_another_program_is_seen(ctx, generated):
    """The CLI or a second window writes through its own connection: the list follows."""
    import sqlite3

    first = due.compute_office(ctx, TODAY)
    target = next(w for w in first if w.rule == r.AFTERCARE_VISIT)
    other = sqlite3.connect(ctx.path)
    with other:
        other.execute("INSERT INTO visit (id, office_id, person_id, visit_date, visit_type, created_at, updated_at) "
                      "VALUES (?, ?, ?, ?, '电话', '2026-11-24', '2026-11-24')",
                      (new_id(), ctx.office_id, target.subject_id, TODAY.isoformat()))
    other.close()
    assert (target.subject_id, r.AFTERCARE_VISIT) not in {_key(w) for w in due.compute_office(ctx, TODAY)}


def test_disposing_the_engine_lets_go_of_the_file(ctx, generated):
    import os

    due.compute_office(ctx, TODAY)
    ctx.dispose()
    fds = "/proc/self/fd"
    if not os.path.isdir(fds):
        pytest.skip("needs /proc")
    opened = {os.path.realpath(os.path.join(fds, fd)) for fd in os.listdir(fds)}
    assert str(os.path.realpath(ctx.path)) not in opened


def test_the_cache_works_in_a_folder_with_spaces_and_chinese(tmp_path):
    from sifasuo_desktop.services.context import open_database

    folder = tmp_path / "司法所 数据#1"
    folder.mkdir()
    ctx = open_database(folder / "本所.sqlite3", today=TODAY)
    try:
        ctx = office.create_office(ctx, code="410101002", name="测试所")
        rng = random.Random(3)
        gen = Office_(ctx, rng)
        for _ in range(30):
            gen.person()
        gen.save()
        first = due.compute_office(ctx, TODAY)
        assert first and all(a is b for a, b in zip(first, due.compute_office(ctx, TODAY)))
        assert sorted(first, key=_key) == sorted(straightforward(ctx, office.rules(ctx), TODAY), key=_key)
    finally:
        ctx.dispose()
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["本所.sqlite3"]
