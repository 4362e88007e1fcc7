"""Round trip: an office's data exported to the templates and imported into an empty database
gives the same persons, terms, history, visits and cases."""

from __future__ import annotations

from datetime import date

from sifasuo_desktop.services.excel_export import ListOptions, export_list
from sifasuo_desktop.services.excel_import import import_excel
from tests.excel_data import LI, WANG, ZHANG, ZHAO, fill_demo, new_office, snapshot
from tests.excel_files import open_book


def test_export_then_import_into_an_empty_database_gives_the_same_data(ctx, tmp_path, _template_db):
    fill_demo(ctx)
    files = {kind: export_list(ctx, kind, ListOptions(full_id=True, include_ended=True))
             for kind in ("roster", "visits", "mediation")}
    target = new_office(tmp_path, _template_db)
    results = {kind: import_excel(target, data, file_name=f"{kind}.xlsx") for kind, data in files.items()}
    assert [i for r in results.values() for i in r.errors] == []
    assert (results["roster"].persons_created, results["roster"].terms_created) == (5, 6)
    assert results["roster"].villages_created == ("东街社区", "西街社区")
    assert results["visits"].visits_created == 6 and results["mediation"].cases_created == 3
    # the visit and case lists carry their own columns (姓名, 所属村(社区)): reported, ignored
    assert {i.column for i in results["visits"].issues} == {"姓名", "所属村(社区)"}

    before, after = snapshot(ctx), snapshot(target)
    assert after == before
    # spot checks that the comparison looks at what matters
    assert len(after["persons"]) == 5 and len(after["visits"]) == 6 and len(after["cases"]) == 3
    zhao = after["persons"][ZHAO]
    assert [t["release"] for t in zhao["terms"]] == [date(2015, 5, 5), date(2025, 6, 30)]
    assert [t["category"] for t in zhao["terms"]] == ["一般", "重点"]
    assert zhao["reoffenses"] == [(date(2017, 5, 20), "犯罪")]
    assert after["persons"][ZHANG]["terms"][0]["placements"] == [(date(2024, 5, 1), "03")]
    assert after["persons"][WANG]["terms"][0]["start"] == date(2024, 6, 1)
    li = after["persons"][LI]
    assert li["terms"][0]["expiry"] == date(2025, 2, 28) and li["flags"] == ["three_nos"]
    assert li["sex"] == "女" and li["ethnicity"] == "03"
    assert after["cases"][0]["amount"] == before["cases"][0]["amount"]


def test_round_trip_is_stable_a_second_import_adds_nothing(ctx, tmp_path, _template_db):
    fill_demo(ctx)
    target = new_office(tmp_path, _template_db)
    for kind in ("roster", "visits", "mediation"):
        import_excel(target, export_list(ctx, kind, ListOptions(full_id=True, include_ended=True)))
    again = {kind: import_excel(target, export_list(ctx, kind, ListOptions(full_id=True, include_ended=True)))
             for kind in ("roster", "visits", "mediation")}
    assert not any(r.imported for r in again.values())
    assert again["roster"].persons_existing == 5
    assert snapshot(target) == snapshot(ctx)


def test_the_demo_office_round_trips(empty_ctx, tmp_path, _template_db):
    """The program's own demo: every aftercare person, term, visit and case comes back the same.
    (Persons with only a correction term have no place in the §10 templates and stay behind.)"""
    from sifasuo_desktop.services.demo import create_demo_office

    demo = create_demo_office(empty_ctx, today=empty_ctx.today())
    target = new_office(tmp_path, _template_db)
    before = snapshot(demo)
    aftercare = {k: v for k, v in before["persons"].items() if v["terms"]}
    for kind in ("roster", "visits", "mediation"):
        data = export_list(demo, kind, ListOptions(full_id=True, include_ended=True))
        if len(list(open_book(data).worksheets[0].iter_rows())) > 2:      # a title, the headers, then rows
            # Visits of correction-only persons are in the list but their persons are not in the
            # roster template: exactly those rows are refused, the rest comes in.
            result = import_excel(target, data, valid_only=(kind == "visits"))
            assert all(i.column == "公民身份号码*" and i.value not in aftercare
                       for i in result.errors), result.errors[:5]
    after = snapshot(target)
    assert len(aftercare) >= 40 and len(before["cases"]) >= 20
    assert after["persons"] == aftercare
    assert after["visits"] == [v for v in before["visits"] if v[0] in aftercare]
    assert after["cases"] == before["cases"]
