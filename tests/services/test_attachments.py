"""Attachments stored inside the database: add, list, read back, soft delete; only to a live
record (a person, a visit) of the signed-in office."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from sifasuo_desktop.core.errors import NotFoundError, ValidationError
from sifasuo_desktop.domain.idnumber import compose
from sifasuo_desktop.services import attachments, office, persons, visits
from sifasuo_desktop.services.persons import PersonInput
from sifasuo_desktop.services.visits import VisitData


def _person(ctx, name: str, serial: int) -> str:
    village = office.list_villages(ctx)[0].id
    return persons.create_person(ctx, PersonInput(name, compose("410102", date(1980, 1, 2), serial), village))


@pytest.fixture
def owners(ctx) -> dict[str, str]:
    zhang, li = _person(ctx, "张三", 11), _person(ctx, "李四", 12)
    return {"张三": zhang, "李四": li, "visit": visits.save_visit(ctx, None, VisitData(zhang, date(2026, 11, 2), "家访"))}


def test_add_list_read_delete(ctx, owners):
    data = b"%PDF-1.4 scan of the notice"
    aid = attachments.add_attachment(ctx, "person", owners["张三"], r"C:\扫描\释放通知书.pdf", data, "释放通知书")
    [info] = attachments.list_attachments(ctx, "person", owners["张三"])
    assert (info.id, info.filename, info.mime_type, info.size) == (aid, "释放通知书.pdf", "application/pdf", len(data))
    assert info.sha256 == hashlib.sha256(data).hexdigest() and info.description == "释放通知书"
    assert attachments.attachment_data(ctx, aid) == data
    assert attachments.list_attachments(ctx, "person", owners["李四"]) == []
    attachments.delete_attachment(ctx, aid)
    assert attachments.list_attachments(ctx, "person", owners["张三"]) == []
    with pytest.raises(NotFoundError):
        attachments.attachment_data(ctx, aid)


def test_a_visit_owns_its_files_apart_from_the_person(ctx, owners):
    attachments.add_attachment(ctx, "visit", owners["visit"], "谈话记录.jpg", b"\xff\xd8")
    assert [a.filename for a in attachments.list_attachments(ctx, "visit", owners["visit"])] == ["谈话记录.jpg"]
    assert attachments.list_attachments(ctx, "person", owners["张三"]) == []


@pytest.mark.parametrize("name, data, field", [("", b"x", "filename"), ("a.txt", b"", "data")])
def test_empty_name_or_file_refused(ctx, owners, name, data, field):
    with pytest.raises(ValidationError) as err:
        attachments.add_attachment(ctx, "person", owners["张三"], name, data)
    assert field in err.value.fields


def test_only_a_live_record_of_a_known_table_gets_files(ctx, owners):
    with pytest.raises(NotFoundError, match="不存在或已删除"):
        attachments.add_attachment(ctx, "person", "no-such-id", "a.pdf", b"x")
    visits.delete_visit(ctx, owners["visit"])
    with pytest.raises(NotFoundError, match="不存在或已删除"):
        attachments.add_attachment(ctx, "visit", owners["visit"], "a.pdf", b"x")
    with pytest.raises(ValidationError) as err:
        attachments.add_attachment(ctx, "no_such_table", owners["张三"], "a.pdf", b"x")
    assert err.value.fields == {"owner": "不能给“no_such_table”添加附件"}
    assert attachments.list_attachments(ctx, "visit", owners["visit"]) == []
