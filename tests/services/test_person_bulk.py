"""person_bulk.create_many: many dossiers with the rules of create_person, in the caller's transaction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from sifasuo_desktop.core.errors import DuplicateError, ValidationError
from sifasuo_desktop.db.models import AftercareTerm, AuditLog, Person, Placement
from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import office, persons
from sifasuo_desktop.services.person_bulk import NewPerson, NewTerm, create_many
from sifasuo_desktop.services.persons import AftercareInput, PersonInput, PlacementInput

A = compose("410101", date(1980, 5, 17), 123)
B = compose("410101", date(1981, 6, 18), 246)


def entry(ctx, number=A, **person) -> NewPerson:
    village = office.list_villages(ctx)[0].id
    return NewPerson(PersonInput(**{"name": "张三", "id_number": number, "village_id": village, **person}),
                     (NewTerm(AftercareInput(source="外地迁入", release_date=date(2023, 1, 1),
                                             transfer_in_date=date(2024, 2, 29), category="重点"),
                              (PlacementInput(date(2024, 3, 1), "务农"),)),))


def test_creates_dossiers_with_derived_dates_and_audit(ctx):
    with ctx.transaction() as s:
        ids = create_many(s, ctx, [entry(ctx), entry(ctx, B, name="李四")])
    with ctx.reading() as s:
        assert s.scalars(select(Person.name).order_by(Person.name)).all() == ["张三", "李四"]
        term = s.scalar(select(AftercareTerm).where(AftercareTerm.person_id == ids[0]))
        assert (term.register_start, term.expiry, term.end_date) == (date(2024, 2, 29), date(2028, 1, 1),
                                                                      date(2028, 1, 1))
        assert s.scalar(select(Placement.method)) == "04"
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.table_name == "person")) == 2


def test_refuses_what_create_person_refuses_before_writing(ctx):
    with pytest.raises(ValidationError) as err:
        with ctx.transaction() as s:
            create_many(s, ctx, [entry(ctx), entry(ctx, B, sex="男")])
    assert err.value.fields == {"1.sex": "张三：性别与公民身份号码不符（号码显示为女）"}
    persons.create_person(ctx, entry(ctx).person, aftercare=[entry(ctx).terms[0].term])
    with pytest.raises(DuplicateError, match="已登记"):
        with ctx.transaction() as s:
            create_many(s, ctx, [entry(ctx, B), entry(ctx)])
    with pytest.raises(DuplicateError, match="重复出现"):
        with ctx.transaction() as s:
            create_many(s, ctx, [entry(ctx, B), entry(ctx, B)])
    with ctx.reading() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1
