"""Attachments stored inside the database: add, list, read back, soft delete."""

from __future__ import annotations

import hashlib

import pytest

from sifasuo_desktop.core.errors import NotFoundError, ValidationError
from sifasuo_desktop.services import attachments


def test_add_list_read_delete(ctx):
    data = b"%PDF-1.4 scan of the notice"
    aid = attachments.add_attachment(ctx, "person", "p1", r"C:\扫描\释放通知书.pdf", data, "释放通知书")
    [info] = attachments.list_attachments(ctx, "person", "p1")
    assert (info.id, info.filename, info.mime_type, info.size) == (aid, "释放通知书.pdf", "application/pdf", len(data))
    assert info.sha256 == hashlib.sha256(data).hexdigest() and info.description == "释放通知书"
    assert attachments.attachment_data(ctx, aid) == data
    assert attachments.list_attachments(ctx, "person", "p2") == []
    attachments.delete_attachment(ctx, aid)
    assert attachments.list_attachments(ctx, "person", "p1") == []
    with pytest.raises(NotFoundError):
        attachments.attachment_data(ctx, aid)


@pytest.mark.parametrize("name, data, field", [("", b"x", "filename"), ("a.txt", b"", "data")])
def test_empty_name_or_file_refused(ctx, name, data, field):
    with pytest.raises(ValidationError) as err:
        attachments.add_attachment(ctx, "person", "p1", name, data)
    assert field in err.value.fields
