"""Facade for accounts: sign-up and sign-in, browser sessions, clinician grants, API tokens.

Diaries are opened only through here when several people share a store, so that nobody reads
another person's diary without that person's grant.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from zonula.config import Settings
from zonula.domain.timeparse import zone
from zonula.errors import (
    AuthenticationError,
    ConflictError,
    FieldProblem,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ValidationError,
)
from zonula.i18n import _
from zonula.service import Diary
from zonula.storage import Database
from zonula.storage import accounts as store
from zonula.storage.accounts import ApiToken, WebSession
from zonula.storage.users import User, create_user, ensure_user, get_user, password_hash_of, update_user

ROLES = ("person", "clinician")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,39}$")
MIN_PASSWORD = 10
SESSION_DAYS = 14
LOCKOUT_WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
TOKEN_PREFIX = "zt_"
TOKEN_CACHE_SECONDS = 10.0

_hasher = PasswordHasher()


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash to verify against when the username is unknown."""
    return hasher.hash("not a real password, only for constant-time refusals")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new browser session: the secret key for the cookie and the session it opens."""

    key: str
    session: WebSession


__all__ = ["ROLES", "Accounts", "ApiToken", "SignedIn", "User", "WebSession", "open_accounts"]


class Accounts:
    """Everyone in one store: who they are, how they sign in, and who may read whose diary."""

    def __init__(self, db: Database, *, hasher: PasswordHasher | None = None,
                 token_cache_seconds: float = TOKEN_CACHE_SECONDS) -> None:
        self.db = db
        self.hasher = hasher or _hasher
        self.token_cache_seconds = token_cache_seconds
        self._token_cache: dict[str, tuple[float, User]] = {}
        self._token_lock = threading.Lock()

    # --- people -----------------------------------------------------------------------------
    def local_user(self, username: str, *, timezone: str | None = None) -> User:
        """The single person of local mode (created on first use)."""
        with self.db.reading() as session:
            found = get_user(session, username)
        if found is not None and (found.timezone is not None or not timezone):
            return found
        with self.db.transaction() as session:
            user = ensure_user(session, username)
            if user.timezone is None and timezone:
                user = update_user(session, user.id, timezone=timezone)
        return user

    def user(self, username: str) -> User:
        """A user by name; NotFoundError when there is none."""
        with self.db.reading() as session:
            found = get_user(session, username)
        if found is None:
            raise NotFoundError(_("no such user"))
        return found

    def diary_of(self, user: User) -> Diary:
        """The signed-in person's own diary."""
        return Diary(self.db, user)

    def sign_up(self, username: str, password: str, *, role: str = "person", display_name: str = "",
                language: str | None = None, timezone: str | None = None) -> User:
        """Create an account; ValidationError names every bad field, ConflictError a taken name."""
        name = username.strip().lower()
        problems: list[FieldProblem] = []
        if not USERNAME.match(name):
            problems.append(FieldProblem("username", _(
                "use 2-40 lower-case letters, digits, dots, dashes or underscores")))
        problems += self._password_problems(password, "password")
        if role not in ROLES:
            problems.append(FieldProblem("role", _("choose person or clinician")))
        if timezone:
            try:
                zone(timezone)
            except ValidationError as err:
                problems += err.problems
        if problems:
            raise ValidationError(problems)
        with self.db.transaction() as session:
            if get_user(session, name) is not None:
                raise ConflictError(_("this username is taken"))
            return create_user(session, name, display_name=display_name.strip(), role=role,
                               password_hash=self.hasher.hash(password), language=language,
                               timezone=timezone or None)

    @staticmethod
    def _password_problems(password: str, field: str) -> list[FieldProblem]:
        if len(password) < MIN_PASSWORD:
            return [FieldProblem(field, _("use at least {n} characters").format(n=MIN_PASSWORD))]
        if len(password) > 1000:
            return [FieldProblem(field, _("is too long"))]
        return []

    def change_password(self, user: User, current: str, new: str) -> None:
        """Replace a password after checking the current one."""
        with self.db.reading() as session:
            stored = password_hash_of(session, user.username)
        if stored is None or not self._verify(stored, current):
            raise ValidationError([FieldProblem("current_password", _("is not your current password"))])
        problems = self._password_problems(new, "new_password")
        if problems:
            raise ValidationError(problems)
        with self.db.transaction() as session:
            store.set_password_hash(session, user.id, self.hasher.hash(new))

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def delete_account(self, user: User, *, password: str = "", confirm: str = "") -> dict[str, int]:
        """Delete a person and everything about them, after their password (or, without one, their username).

        Raises ValidationError when the confirmation does not match; nothing is deleted then.
        """
        with self.db.reading() as session:
            stored = password_hash_of(session, user.username)
        if stored is not None:
            if not self._verify(stored, password):
                raise ValidationError([FieldProblem("password", _("is not your current password"))])
        elif confirm.strip().lower() != user.username:
            raise ValidationError([FieldProblem("confirm", _("type your username to confirm"))])
        deleted = Diary(self.db, user).delete_account()
        with self._token_lock:  # the person's tokens must stop working at once
            self._token_cache.clear()
        return deleted

    # --- browser sessions -------------------------------------------------------------------
    def sign_in(self, username: str, password: str, *, ip: str) -> SignedIn:
        """Check a password (rate-limited per username and per address) and open a new session.

        Raises RateLimitedError after too many failures in the window, AuthenticationError on a
        wrong name or password (the same message for both).
        """
        name = username.strip().lower()
        now = datetime.now(UTC)
        with self.db.reading() as session:
            by_name, by_ip = store.failures_since(session, username=name, ip=ip, since=now - LOCKOUT_WINDOW)
            stored = password_hash_of(session, name)
        if by_name >= MAX_FAILURES or by_ip >= MAX_FAILURES:
            raise RateLimitedError(_("Too many failed sign-ins; wait 15 minutes and try again."))
        if stored:
            ok = self._verify(stored, password)
        else:  # an unknown name costs as long as a wrong password
            self._verify(_dummy_hash(self.hasher), password)
            ok = False
        with self.db.transaction() as session:
            store.record_attempt(session, username=name, ip=ip, ok=ok, at=now)
            if ok:
                user = get_user(session, name)
                assert user is not None
                if stored and self.hasher.check_needs_rehash(stored):
                    store.set_password_hash(session, user.id, self.hasher.hash(password))
                store.delete_expired_sessions(session, now)
                return self._open_session(session, user, now)
        raise AuthenticationError(_("Wrong username or password."))

    @staticmethod
    def _open_session(session: Any, user: User, now: datetime) -> SignedIn:
        key = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        store.add_session(session, key_hash=_digest(key), user_id=user.id, csrf_token=csrf,
                          expires_at=now + timedelta(days=SESSION_DAYS))
        return SignedIn(key=key, session=WebSession(user=user, csrf_token=csrf))

    def session(self, key: str) -> WebSession | None:
        """The live session with this key, or None."""
        with self.db.reading() as session:
            return store.find_session(session, _digest(key), datetime.now(UTC))

    def sign_out(self, key: str) -> None:
        """End a browser session at once."""
        with self.db.transaction() as session:
            store.delete_session(session, _digest(key))

    # --- clinician access -------------------------------------------------------------------
    def grant(self, person: User, clinician_username: str) -> User:
        """Let a clinician (by username) read this person's diary; return the clinician."""
        with self.db.transaction() as session:
            clinician = get_user(session, clinician_username.strip().lower())
            if clinician is None or clinician.role != "clinician":
                raise ValidationError([FieldProblem("clinician", _("there is no clinician with this username"))])
            if clinician.id == person.id:
                raise ValidationError([FieldProblem("clinician", _("you cannot grant access to yourself"))])
            store.add_grant(session, person.id, clinician.id)
        return clinician

    def revoke(self, person: User, clinician_username: str) -> None:
        """Withdraw a clinician's access at once."""
        with self.db.transaction() as session:
            clinician = get_user(session, clinician_username.strip().lower())
            if clinician is None or not store.delete_grant(session, person.id, clinician.id):
                raise NotFoundError(_("this clinician has no access"))

    def clinicians_of(self, person: User) -> list[User]:
        """The clinicians who may read this person's diary."""
        with self.db.reading() as session:
            return store.clinicians_of(session, person.id)

    def people_of(self, clinician: User) -> list[User]:
        """The people who granted this clinician access (nobody else)."""
        if clinician.role != "clinician":
            raise PermissionDeniedError(_("only clinicians have a dashboard"))
        with self.db.reading() as session:
            return store.people_of(session, clinician.id)

    def diary_for_reader(self, reader: User, username: str) -> Diary:
        """Another person's diary, for a clinician they granted access to (read-only by the caller).

        NotFoundError both when the person does not exist and when there is no grant, so a
        clinician cannot probe for usernames.
        """
        with self.db.reading() as session:
            person = get_user(session, username.strip().lower())
            allowed = person is not None and (
                person.id == reader.id or store.has_grant(session, person.id, reader.id))
        if person is None or not allowed:
            raise NotFoundError(_("no such person among those who granted you access"))
        return Diary(self.db, person)

    # --- API tokens -------------------------------------------------------------------------
    def create_token(self, user: User, name: str) -> tuple[str, ApiToken]:
        """A new API token (the secret is returned once; only its hash is kept)."""
        label = name.strip() or "token"
        if len(label) > 80:
            raise ValidationError([FieldProblem("name", _("is longer than {n} characters").format(n=80))])
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.db.transaction() as session:
            token = store.add_token(session, user_id=user.id, name=label, token_hash=_digest(secret),
                                    prefix=secret[:10])
        return secret, token

    def tokens(self, user: User) -> list[ApiToken]:
        """A user's API tokens (names and prefixes only)."""
        with self.db.reading() as session:
            return store.tokens_of(session, user.id)

    def revoke_token(self, user: User, token_id: int) -> None:
        """Delete one of the user's tokens at once (this process forgets every cached token)."""
        with self.db.transaction() as session:
            if not store.delete_token(session, user.id, token_id):
                raise NotFoundError(_("no such token"))
        with self._token_lock:
            self._token_cache.clear()

    def cached_token_user(self, secret: str) -> User | None:
        """The owner of a token looked up recently (no I/O), else None: then call `user_of_token`."""
        with self._token_lock:
            cached = self._token_cache.get(_digest(secret))
        if cached is not None and time.monotonic() - cached[0] < self.token_cache_seconds:
            return cached[1]
        return None

    def user_of_token(self, secret: str) -> User | None:
        """The owner of an API token, or None when the token is unknown.

        Known tokens are remembered for `token_cache_seconds` (a busy client then costs no lookup);
        a token revoked through this object is forgotten at once, one revoked by another process
        (`zonula token revoke` while the server runs) within that time.
        """
        if not secret.startswith(TOKEN_PREFIX):
            return None
        digest = _digest(secret)
        now = time.monotonic()
        with self._token_lock:
            cached = self._token_cache.get(digest)
        if cached is not None and now - cached[0] < self.token_cache_seconds:
            return cached[1]
        with self.db.reading() as session:
            user = store.user_of_token(session, digest)
        with self._token_lock:
            if user is None:
                self._token_cache.pop(digest, None)
            else:
                if len(self._token_cache) > 10_000:
                    self._token_cache.clear()
                self._token_cache[digest] = (now, user)
        return user

    def set_role(self, username: str, role: str) -> User:
        """Make a user a person or a clinician (an administrator's command)."""
        if role not in ROLES:
            raise ValidationError([FieldProblem("role", _("choose person or clinician"))])
        with self.db.transaction() as session:
            user = get_user(session, username)
            if user is None:
                raise NotFoundError(_("no such user"))
            store.set_role(session, user.id, role)
            found = get_user(session, username)
        assert found is not None
        return found


def open_accounts(settings: Settings) -> Accounts:
    """Open (and migrate) the store named by the settings."""
    return Accounts(Database.from_settings(settings))
