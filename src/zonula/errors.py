"""The ZonulaError family: small named errors, mapped to HTTP codes and CLI exits at the edges."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One bad field: its name, what is wrong, and where (a `file:line` for imports)."""

    field: str
    message: str
    location: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.field}: {self.message}"


class ZonulaError(Exception):
    """Base class of every error zonula raises on purpose."""


class ValidationError(ZonulaError):
    """Input broke a rule; `problems` names every bad field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class NotFoundError(ZonulaError):
    """The thing asked for does not exist (or is not visible to this user)."""


class PermissionDeniedError(ZonulaError):
    """The user may not do this."""


class ConflictError(ZonulaError):
    """The request clashes with the current state (duplicate name, plan already running...)."""


class SafetyLockError(ZonulaError):
    """A diet tool is locked until red flags are acknowledged or a clinician is involved."""


class ImportFileError(ZonulaError):
    """An import file has problems; nothing was written. `problems` carry `file:line` locations."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = list(problems)
        shown = "\n".join(str(p) for p in self.problems[:50])
        more = f"\n... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(shown + more)


class SchemaVersionError(ZonulaError):
    """A database or backup comes from a newer zonula than this one."""


class ConfigError(ZonulaError):
    """A setting is missing, malformed or insecure."""


class KnowledgeDataError(ZonulaError):
    """A data file shipped with zonula's knowledge base is malformed (a bug, caught by the tests)."""


class AuthenticationError(ZonulaError):
    """Sign-in is needed, or the credentials given are wrong."""


class RateLimitedError(ZonulaError):
    """Too many failed attempts; try again later."""
