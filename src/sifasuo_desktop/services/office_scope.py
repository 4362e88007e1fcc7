"""Which rows of each table belong to one office: the basis of exchange between databases.

Every top-level record carries ``office_id``; a child record (a party of a mediation case, a
placement of a term) belongs to the office of its parent. The rules are read from the models, so
a new table is covered without a list to keep up to date.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Table

from sifasuo_desktop.db.models import Base

# Database-wide tables that never travel: the file's own facts and the district's import log.
NOT_EXCHANGED = {"app_meta", "package_import"}


def _parent_link(table: Table) -> tuple[str, Table] | None:
    """(column, parent table) through which a child table belongs to an office."""
    for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
        parent = fk.column.table
        if parent is not table and _scope(parent.name, "= 0", "main") is not None:
            return fk.parent.name, parent
    return None


@cache
def _scope(table_name: str, match: str, schema: str) -> str | None:
    table = Base.metadata.tables[table_name]
    if table_name == "office":
        return f"id {match}"
    if "office_id" in table.columns:
        return f"office_id {match}"
    link = _parent_link(table)
    if link is None:
        return None
    column, parent = link
    return f"{column} IN (SELECT id FROM {schema}.{parent.name} WHERE {_scope(parent.name, match, schema)})"


def scope_sql(table_name: str, office_param: str = "office_id", schema: str = "main") -> str | None:
    """A WHERE condition selecting one office's rows of ``table_name``; None for unscoped tables.

    ``office_param`` is the name of the bound parameter holding the office id; ``schema`` the
    attached database the condition's sub-queries read.
    """
    return _scope(table_name, f"= :{office_param}", schema)


def scope_in_sql(table_name: str, ids_query: str, schema: str = "main") -> str | None:
    """Like ``scope_sql`` for the offices whose ids ``ids_query`` (a SELECT) returns."""
    return _scope(table_name, f"IN ({ids_query})", schema)


def exchanged_tables() -> list[Table]:
    """The tables an office package carries, parents before children."""
    return [t for t in Base.metadata.sorted_tables
            if t.name not in NOT_EXCHANGED and scope_sql(t.name) is not None]
