"""The 一人一档 list: states, categories as of the day, warnings, filters and search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import office, persons
from sifasuo_desktop.services.person_list import PersonFilters, filter_rows, list_persons
from sifasuo_desktop.services.persons import (
    AftercareInput,
    CategoryInput,
    CorrectionInput,
    LevelInput,
    PersonInput,
    StatusEventInput,
)

TODAY = date(2026, 11, 24)


@pytest.fixture
def people(ctx):
    """A small office: one person per state, in two villages."""
    east = office.list_villages(ctx)[0].id
    west = office.save_village(ctx, None, name="西街社区", sort_order=1)
    seq = iter(range(101, 999, 2))

    def add(name, village=east, aftercare=(), corrections=(), history=()):
        number = compose("410102", date(1985, 6, 15), next(seq))
        return persons.create_person(ctx, PersonInput(name=name, id_number=number, village_id=village),
                                     aftercare=aftercare, corrections=corrections, history=history)

    release = TODAY - timedelta(days=400)
    ids = {
        "在册": add("张三", aftercare=[AftercareInput("监狱刑满释放", release, handover_date=release,
                                                     category="重点")],
                    history=[CategoryInput(TODAY, "一般")]),
        "未衔接": add("李四", west, aftercare=[AftercareInput("看守所刑满释放", release)]),
        # expiry = release + 5 years; released so that the term ends in exactly 30 days
        "即将期满": add("王五", aftercare=[AftercareInput("监狱刑满释放", date(2021, 12, 24),
                                                        handover_date=date(2021, 12, 24))]),
        "已解除": add("赵六", aftercare=[AftercareInput("监狱刑满释放", date(2022, 1, 1), handover_date=date(2022, 1, 1),
                                                      removal_date=TODAY, removal_reason="死亡")]),
        "在矫": add("钱七", west, corrections=[CorrectionInput("缓刑", date(2025, 1, 1), date(2027, 1, 1),
                                                             supervision_level="严管")],
                    history=[LevelInput(TODAY + timedelta(days=1), "普管")]),
        "解矫": add("孙八", corrections=[CorrectionInput("管制", date(2025, 1, 1), date(2026, 1, 1),
                                                        actual_end_date=date(2026, 1, 1), end_reason="撤销缓刑")]),
        "转帮教": add("周九", corrections=[CorrectionInput("假释", date(2024, 1, 1), date(2025, 1, 1),
                                                          actual_end_date=date(2025, 1, 1), end_reason="期满解除")]),
        "待列管": add("吴十", aftercare=[AftercareInput("监狱刑满释放", TODAY)]),
        "脱管": add("郑十一", aftercare=[AftercareInput("监狱刑满释放", release, handover_date=release)],
                    history=[StatusEventInput(TODAY - timedelta(days=10), "脱管")]),
        "找回": add("冯十二", aftercare=[AftercareInput("监狱刑满释放", release, handover_date=release)],
                    history=[StatusEventInput(TODAY - timedelta(days=10), "脱管"),
                             StatusEventInput(TODAY, "脱管找回")]),
    }
    return ids


def by_id(ctx, day=None):
    return {r.id: r for r in list_persons(ctx, day=day)}


def test_states_categories_and_warnings(ctx, people):
    rows = by_id(ctx)
    got = {key: (rows[pid].population, rows[pid].state, rows[pid].category) for key, pid in people.items()}
    assert got == {
        "在册": ("安置帮教", "在册", "一般"),          # the change effective today counts today
        "未衔接": ("安置帮教", "未衔接", "一般"),
        "即将期满": ("安置帮教", "在册", "一般"),
        "已解除": ("安置帮教", "已解除", ""),          # removal day is the first day off the register
        "在矫": ("社区矫正", "在矫", "严管"),          # the change tomorrow does not count yet
        "解矫": ("社区矫正", "解矫", ""),
        "转帮教": ("安置帮教", "在册", "一般"),        # 期满解除 opened an aftercare term
        "待列管": ("安置帮教", "未衔接", "一般"),      # released today, not handed over yet
        "脱管": ("安置帮教", "在册", "一般"),
        "找回": ("安置帮教", "在册", "一般"),
    }
    soon = rows[people["即将期满"]]
    assert (soon.days_left, soon.ending_soon) == (30, True)
    assert rows[people["在册"]].days_left == 5 * 365 + 1 - 400 and not rows[people["在册"]].ending_soon
    assert rows[people["已解除"]].days_left is None
    assert rows[people["脱管"]].lost_contact and not rows[people["找回"]].lost_contact
    assert rows[people["未衔接"]].unconnected and rows[people["未衔接"]].warning
    assert not rows[people["找回"]].warning
    assert rows[people["在册"]].id_masked.startswith("410102********")


def test_state_on_another_day(ctx, people):
    rows = by_id(ctx, day=TODAY - timedelta(days=1))
    assert rows[people["待列管"]].state == "待列管" and rows[people["待列管"]].category == "一般"
    assert rows[people["已解除"]].state == "在册"
    assert rows[people["在册"]].category == "重点"
    assert rows[people["找回"]].lost_contact   # found again only today
    later = by_id(ctx, day=TODAY + timedelta(days=1))
    assert later[people["在矫"]].category == "普管"


def test_warn_days_follow_the_office_rule(ctx, people):
    office.save_settings(ctx, {"term_ending_warn_days": 29})
    assert not by_id(ctx)[people["即将期满"]].ending_soon


def test_rows_are_sorted_by_village_then_pinyin_and_first_page_matches(ctx, people):
    rows = list_persons(ctx)
    assert [r.village for r in rows] == ["东街社区"] * 8 + ["西街社区"] * 2
    east = [r.pinyin for r in rows[:8]]
    assert east == sorted(east)
    assert list_persons(ctx, limit=3) == rows[:3]


@pytest.mark.parametrize("text, names", [
    ("zs", {"张三", "郑十一"}),     # initials zs, zsy
    ("ZS", {"张三", "郑十一"}),
    ("zhang", {"张三"}),
    ("十", {"吴十", "郑十一", "冯十二"}),
    ("钱", {"钱七"}),
    ("sb", {"孙八"}),
    ("19850615", None),          # every number has this birth date
    ("zzz", set()),
])
def test_search_by_name_initials_pinyin_and_id_part(ctx, people, text, names):
    rows = list_persons(ctx, PersonFilters(text=text))
    assert {r.name for r in rows} == (names if names is not None else {r.name for r in list_persons(ctx)})


def test_search_by_id_tail_and_filters(ctx, people):
    rows = list_persons(ctx)
    li = next(r for r in rows if r.name == "李四")
    assert [r.name for r in filter_rows(rows, PersonFilters(text=li.id_number[-6:].lower()))] == ["李四"]
    west = li.village_id
    assert {r.name for r in filter_rows(rows, PersonFilters(village_id=west))} == {"李四", "钱七"}
    assert {r.name for r in filter_rows(rows, PersonFilters(population="社区矫正"))} == {"钱七", "孙八"}
    assert {r.name for r in filter_rows(rows, PersonFilters(category="严管"))} == {"钱七"}
    assert {r.name for r in filter_rows(rows, PersonFilters(state="未衔接"))} == {"李四", "吴十"}
    assert filter_rows(rows, PersonFilters(village_id=west, state="在矫", text="qq")) == [
        r for r in rows if r.name == "钱七"]


def test_deleted_persons_are_not_listed(ctx, people):
    persons.delete_person(ctx, people["在册"])
    assert people["在册"] not in by_id(ctx)
