"""Everything stored about one person, found by schema (every table that points at users): to export or erase."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, delete, or_, select
from sqlalchemy.orm import Session

from zonula.storage.backup import jsonable, reflect

# Secrets are never exported: password and key hashes, CSRF tokens.
SECRET_SUFFIXES = ("_hash", "csrf_token")


def _tables(conn: Connection) -> list[Table]:
    return [t for t in reflect(conn) if t.name != "users"]


def user_columns(table: Table) -> list[Column[Any]]:
    """The columns of `table` that name a user: foreign keys to users.id."""
    return [c for c in table.columns if any(fk.column.table.name == "users" and fk.column.name == "id"
                                            for fk in c.foreign_keys)]


def _owned_by(table: Table, user_id: int, username: str) -> Any:
    columns = user_columns(table)
    conditions = [c == user_id for c in columns]
    if "username" in table.c:  # e.g. sign-in attempts, kept by name
        conditions.append(table.c.username == username)
    return or_(*conditions) if conditions else None


def personal_tables(conn: Connection) -> list[Table]:
    """Every table holding rows about a person (a user foreign key or a username column), parents first."""
    return [t for t in _tables(conn) if user_columns(t) or "username" in t.c]


def rows_of(session: Session, user_id: int, username: str) -> dict[str, list[dict[str, Any]]]:
    """Every row about this person, table by table (secret columns left out)."""
    conn = session.connection()
    found: dict[str, list[dict[str, Any]]] = {}
    for table in personal_tables(conn):
        shown = [c for c in table.columns if not c.name.endswith(SECRET_SUFFIXES)]
        order = table.c.id if "id" in table.c else shown[0]
        rows = conn.execute(select(*shown).where(_owned_by(table, user_id, username)).order_by(order))
        found[table.name] = [{k: jsonable(v) for k, v in row._mapping.items()} for row in rows]
    return found


def erase(session: Session, user_id: int, username: str) -> dict[str, int]:
    """Delete every row about this person, then the person; return the rows deleted per table."""
    conn = session.connection()
    counts: dict[str, int] = {}
    for table in reversed(personal_tables(conn)):
        result = conn.execute(delete(table).where(_owned_by(table, user_id, username)))
        counts[table.name] = int(result.rowcount)
    meta = MetaData()
    users = Table("users", meta, autoload_with=conn)
    counts["users"] = int(conn.execute(delete(users).where(users.c.id == user_id)).rowcount)
    return counts
