"""Account tables and queries: browser sessions, clinician grants, API tokens, login attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String, UniqueConstraint, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from zonula.storage.tables import Base, IdType, UserRow
from zonula.storage.users import User, _to_user


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


class WebSessionRow(Base):
    """A signed-in browser: the hash of its session key, its CSRF token and its expiry (UTC)."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime())
    expires_at: Mapped[datetime] = mapped_column(DateTime())


class GrantRow(Base):
    """A person lets a clinician read their diary (read-only) until revoked."""

    __tablename__ = "grants"
    __table_args__ = (UniqueConstraint("person_id", "clinician_id", name="uq_grants_person_clinician"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    clinician_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime())


class ApiTokenRow(Base):
    """A bearer token for the REST API, stored as a SHA-256 hash (the token itself is shown once)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime())


class LoginAttemptRow(Base):
    """One sign-in attempt, kept to rate-limit guessing per username and per address."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_ip_at", "ip", "at"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80))
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime())
    ok: Mapped[bool] = mapped_column(Boolean())


@dataclass(frozen=True, slots=True)
class WebSession:
    """A live browser session: who, and the CSRF token its forms must carry."""

    user: User
    csrf_token: str


@dataclass(frozen=True, slots=True)
class ApiToken:
    """An API token as listed in Settings (never the secret itself)."""

    id: int
    name: str
    prefix: str
    created_at: datetime


def add_session(session: Session, *, key_hash: str, user_id: int, csrf_token: str, expires_at: datetime) -> None:
    """Store a new browser session."""
    session.add(WebSessionRow(key_hash=key_hash, user_id=user_id, csrf_token=csrf_token,
                              created_at=_naive(datetime.now(UTC)), expires_at=_naive(expires_at)))
    session.flush()


def find_session(session: Session, key_hash: str, now: datetime) -> WebSession | None:
    """The live session with this key hash, or None when unknown or expired."""
    stmt = (select(WebSessionRow, UserRow).join(UserRow, UserRow.id == WebSessionRow.user_id)
            .where(WebSessionRow.key_hash == key_hash, WebSessionRow.expires_at > _naive(now)))
    row = session.execute(stmt).first()
    if row is None:
        return None
    return WebSession(user=_to_user(row[1]), csrf_token=row[0].csrf_token)


def delete_session(session: Session, key_hash: str) -> None:
    """End one browser session."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.key_hash == key_hash))


def delete_expired_sessions(session: Session, now: datetime) -> None:
    """Forget sessions past their expiry."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at <= _naive(now)))


def add_grant(session: Session, person_id: int, clinician_id: int) -> bool:
    """Let a clinician read a person's diary; False when the grant already existed."""
    exists = session.scalars(select(GrantRow.id).where(
        GrantRow.person_id == person_id, GrantRow.clinician_id == clinician_id)).first()
    if exists is not None:
        return False
    session.add(GrantRow(person_id=person_id, clinician_id=clinician_id,
                         created_at=_naive(datetime.now(UTC))))
    session.flush()
    return True


def delete_grant(session: Session, person_id: int, clinician_id: int) -> bool:
    """Revoke a grant; False when there was none."""
    result = session.execute(delete(GrantRow).where(
        GrantRow.person_id == person_id, GrantRow.clinician_id == clinician_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def has_grant(session: Session, person_id: int, clinician_id: int) -> bool:
    """True when the clinician may read the person's diary."""
    return session.scalars(select(GrantRow.id).where(
        GrantRow.person_id == person_id, GrantRow.clinician_id == clinician_id)).first() is not None


def clinicians_of(session: Session, person_id: int) -> list[User]:
    """The clinicians a person has granted access to, by username."""
    stmt = (select(UserRow).join(GrantRow, GrantRow.clinician_id == UserRow.id)
            .where(GrantRow.person_id == person_id).order_by(UserRow.username))
    return [_to_user(r) for r in session.scalars(stmt)]


def people_of(session: Session, clinician_id: int) -> list[User]:
    """The people who granted a clinician access, by username."""
    stmt = (select(UserRow).join(GrantRow, GrantRow.person_id == UserRow.id)
            .where(GrantRow.clinician_id == clinician_id).order_by(UserRow.username))
    return [_to_user(r) for r in session.scalars(stmt)]


def add_token(session: Session, *, user_id: int, name: str, token_hash: str, prefix: str) -> ApiToken:
    """Store a new API token's hash."""
    row = ApiTokenRow(user_id=user_id, name=name, token_hash=token_hash, prefix=prefix,
                      created_at=_naive(datetime.now(UTC)))
    session.add(row)
    session.flush()
    return ApiToken(row.id, row.name, row.prefix, row.created_at.replace(tzinfo=UTC))


def user_of_token(session: Session, token_hash: str) -> User | None:
    """The owner of the token with this hash, or None."""
    stmt = select(UserRow).join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id).where(
        ApiTokenRow.token_hash == token_hash)
    row = session.scalars(stmt).first()
    return _to_user(row) if row else None


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """A user's API tokens, newest first."""
    stmt = select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id.desc())
    return [ApiToken(r.id, r.name, r.prefix, r.created_at.replace(tzinfo=UTC)) for r in session.scalars(stmt)]


def delete_token(session: Session, user_id: int, token_id: int) -> bool:
    """Revoke one of a user's tokens; False when it was not theirs."""
    result = session.execute(delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id,
                                                       ApiTokenRow.id == token_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def record_attempt(session: Session, *, username: str, ip: str, ok: bool, at: datetime) -> None:
    """Remember one sign-in attempt."""
    session.add(LoginAttemptRow(username=username[:80], ip=ip[:64], ok=ok, at=_naive(at)))
    session.flush()


def failures_since(session: Session, *, username: str, ip: str, since: datetime) -> tuple[int, int]:
    """Failed attempts since a moment: (for this username, from this address)."""
    base = select(func.count()).select_from(LoginAttemptRow).where(
        LoginAttemptRow.at >= _naive(since), LoginAttemptRow.ok.is_(False))
    by_name = session.execute(base.where(LoginAttemptRow.username == username[:80])).scalar_one()
    by_ip = session.execute(base.where(LoginAttemptRow.ip == ip[:64])).scalar_one()
    return int(by_name), int(by_ip)


def set_password_hash(session: Session, user_id: int, password_hash: str) -> None:
    """Replace a user's password hash."""
    row = session.get(UserRow, user_id)
    if row is not None:
        row.password_hash = password_hash
        session.flush()


def set_role(session: Session, user_id: int, role: str) -> None:
    """Change a user's role (person or clinician)."""
    row = session.get(UserRow, user_id)
    if row is not None:
        row.role = role
        session.flush()
