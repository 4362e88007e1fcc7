"""The main window reads a tab's list when the tab is selected, not while building the window:
hidden tabs cost nothing at start (scripts/bench_district.py measures a district's start)."""

from __future__ import annotations

from datetime import date

import pytest

from mediation_fixtures import new_case
from sifasuo_desktop.services import mediation, office, persons, visits
from sifasuo_desktop.services.persons import AftercareInput, PersonInput
from sifasuo_desktop.ui.main_window import MainWindow


@pytest.fixture
def person(ctx) -> str:
    village = office.list_villages(ctx)[0].id
    return persons.create_person(ctx, PersonInput("王五", "410101198001010011", village),
                                 aftercare=[AftercareInput("监狱刑满释放", date(2026, 3, 1))])


@pytest.fixture
def window(qtbot, ctx, person, no_dialogs):
    """The main window over a case and a visit (written before it is built)."""
    mediation.create_case(ctx, new_case())
    visits.save_visit(ctx, None, visits.VisitData(person, date(2026, 11, 2), "家访", place="王家"))
    main = MainWindow(ctx)
    main.idle_timer.stop()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.tab("WorkbenchTab").wait_loaded()


def test_hidden_tabs_read_their_lists_when_selected(qtbot, ctx, window):
    cases, visit_tab = window.tab("MediationTab"), window.tab("VisitsTab")
    assert cases.model.rowCount() == 0 and visit_tab.visits.model.rowCount() == 0   # nothing read at start
    window.show_tab("MediationTab")
    assert cases.model.rowCount() == 1 and cases.summary.text().startswith("共 1 件")
    window.show_tab("VisitsTab")
    assert [r.place for r in visit_tab.visits.model.rows] == ["王家"]

    mediation.create_case(ctx, new_case(date(2026, 11, 3)))          # while another tab is in front
    cases.refresh()
    assert cases.model.rowCount() == 1                                 # not read behind the visits tab
    window.show_tab("MediationTab")
    assert cases.model.rowCount() == 2                                 # read again when selected
