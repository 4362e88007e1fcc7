"""Short text fields against their column (``String(n)`` in db/models): length and control characters.

A pasted 100,000-character name or telephone number is refused with a reason beside the field,
instead of being stored and then filling page after page of every printed form. Long texts
(``Text`` columns: 纠纷简要情况, 备注, 记录内容, 简历) have no limit: they are kept whole and print
over as many pages as they need. Control characters (NUL, BEL, ... that come along when pasting
from other programs) print as nothing and are refused in short fields too.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import String, Text

from sifasuo_desktop.db.models import Base


def text_problem(value: object, limit: int | None) -> str | None:
    """Why ``value`` (trimmed, as it will be stored) cannot go into a field of ``limit`` characters."""
    if not isinstance(value, str) or limit is None:
        return None
    text = value.strip()
    if any(unicodedata.category(ch) == "Cc" and not ch.isspace() for ch in text):
        shown = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")[:8]
        return f"“{shown}”含有不可打印的控制字符（多为从其他程序粘贴带入），请删除后重新输入"
    if len(text) <= limit:
        return None
    return f"“{text[:8]}…”过长：此项最多{limit}个字，现为{len(text)}个字"


def limit_of(model: type[Base], column: str) -> int | None:
    kind = model.__table__.c[column].type
    return kind.length if isinstance(kind, String) and not isinstance(kind, Text) else None


def length_problems(model: type[Base], data: object, prefix: str = "") -> dict[str, str]:
    """Field code -> reason for each attribute of ``data`` named like a ``String(n)`` column of
    ``model`` and longer than n (attributes ``data`` does not have are not looked at)."""
    problems = {}
    for column in model.__table__.columns:
        reason = text_problem(getattr(data, column.key, None), limit_of(model, column.key))
        if reason:
            problems[prefix + column.key] = reason
    return problems
