import random
from collections import Counter
from datetime import date

from sifasuo_desktop.domain import codes
from sifasuo_desktop.services import mediation
from sifasuo_desktop.services import mediation_query as query
from sifasuo_desktop.services.demo import mediation as demo

TODAY = date(2026, 11, 24)


def test_demo_cases_cover_every_type_source_result_and_state(ctx):
    demo.generate(ctx, random.Random(7), TODAY)
    rows = query.list_cases(ctx)
    assert 24 <= len(rows) <= 26
    assert {r.dispute_type for r in rows} == set(codes.DISPUTE_TYPES)
    assert {r.source for r in rows} == set(codes.CASE_SOURCES)
    assert {r.result for r in rows} == set(codes.MEDIATION_RESULTS)
    states = Counter(r.state for r in rows)
    assert states["临近期限"] >= 2 and states["已超期"] >= 1 and states["已归档"] >= 10
    assert min(r.acceptance_date for r in rows) >= date(2024, 11, 24)
    cases = [mediation.get_case(ctx, r.id) for r in rows]
    success = [c for c in cases if c.result == "成功"]
    assert {c.agreement_form for c in success} == {"书面", "口头"}
    assert sum(1 for c in cases if c.judicial_confirm_date) == 1
    assert any(c.prevent_criminal for c in success) and any(c.followups for c in success)
    assert any(c.extension_days for c in cases)
    assert any(p.is_organisation for c in cases for p in c.parties)
    numbers_2026 = sorted(c.seq for c in cases if c.year == 2026)
    assert numbers_2026 == list(range(1, len(numbers_2026) + 1))
