"""Users: the local person by default; people, clinicians and admins in a clinic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from zonula.errors import ConflictError, NotFoundError
from zonula.i18n import _
from zonula.storage.tables import UserRow


@dataclass(frozen=True, slots=True)
class User:
    """A user as the service sees it (no password hash)."""

    id: int
    username: str
    display_name: str
    role: str
    language: str | None
    timezone: str | None


def _to_user(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name, row.role, row.language, row.timezone)


def get_user(session: Session, username: str) -> User | None:
    """The user called `username`, or None."""
    row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
    return _to_user(row) if row else None


def get_user_by_id(session: Session, user_id: int) -> User:
    """The user with this id; NotFoundError otherwise."""
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFoundError(_("no user {id}").format(id=user_id))
    return _to_user(row)


def create_user(session: Session, username: str, *, display_name: str = "", role: str = "person",
                password_hash: str | None = None, language: str | None = None,
                timezone: str | None = None) -> User:
    """Add a user; ConflictError when the name is taken."""
    if get_user(session, username) is not None:
        raise ConflictError(_("the username {name!r} is taken").format(name=username))
    row = UserRow(username=username, display_name=display_name or username, role=role,
                  password_hash=password_hash, language=language, timezone=timezone,
                  created_at=datetime.now(UTC).replace(tzinfo=None))
    session.add(row)
    session.flush()
    return _to_user(row)


def ensure_user(session: Session, username: str) -> User:
    """The user called `username`, created as a person when missing (the local single-user mode)."""
    return get_user(session, username) or create_user(session, username)


def update_user(session: Session, user_id: int, **fields: str | None) -> User:
    """Change a user's preferences (language, timezone, display_name, password_hash)."""
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFoundError(_("no user {id}").format(id=user_id))
    for key, value in fields.items():
        setattr(row, key, value)
    session.flush()
    return _to_user(row)


def password_hash_of(session: Session, username: str) -> str | None:
    """The stored password hash of a user (for sign-in only)."""
    row = session.scalars(select(UserRow).where(UserRow.username == username)).first()
    return row.password_hash if row else None
