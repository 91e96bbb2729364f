"""The facade's base: the store, the user, their time zone and language."""

from __future__ import annotations

from datetime import datetime, tzinfo

from zonula.config import Settings
from zonula.domain.timeparse import zone
from zonula.storage import Database
from zonula.storage.users import User, ensure_user, update_user


class DiaryBase:
    """State every facade mixin shares: the database and the user it acts for."""

    def __init__(self, db: Database, user: User) -> None:
        self.db = db
        self.user = user

    @property
    def tz(self) -> tzinfo:
        """The person's time zone (their setting, else the system's)."""
        return zone(self.user.timezone)

    def now(self) -> datetime:
        """The current time in the person's zone."""
        return datetime.now(self.tz)

    def set_preferences(self, *, language: str | None = None, timezone: str | None = None) -> User:
        """Store the person's language (`en`/`zh`) and IANA time zone."""
        changes: dict[str, str | None] = {}
        if language is not None:
            changes["language"] = language
        if timezone is not None:
            zone(timezone)  # validates
            changes["timezone"] = timezone
        with self.db.transaction() as session:
            self.user = update_user(session, self.user.id, **changes)
        return self.user


def open_diary_for(settings: Settings, username: str | None = None) -> tuple[Database, User]:
    """Open the store and make sure the user exists (the local person is created on first use)."""
    db = Database.from_settings(settings)
    with db.transaction() as session:
        user = ensure_user(session, username or settings.user)
        if user.timezone is None and settings.timezone:
            user = update_user(session, user.id, timezone=settings.timezone)
    return db, user
