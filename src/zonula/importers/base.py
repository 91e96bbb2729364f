"""What every importer returns: entries with their `file:line`, and the problems it found."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any, Protocol

from zonula.domain.entries import Entry
from zonula.errors import FieldProblem

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """One entry read from a file, and where it came from (`file:line`)."""

    entry: Entry
    location: str


@dataclass(slots=True)
class ParseResult:
    """Everything read from one file: good rows, located problems and (zonula JSON only) other sections.

    `extra` holds a full export's non-entry sections (user preferences, foods, assessments, plans...)
    for the facade's `_import_extra` hook; other importers leave it empty.
    """

    rows: list[ImportedRow] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)
    lines_read: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


class Importer(Protocol):
    """A source format: a name for the CLI, a description, and a parser."""

    name: str
    description: str

    def parse(self, path: Path, *, tz: tzinfo, progress: Progress | None = None) -> ParseResult:
        """Read `path`; naive times are in `tz`. Never raises on bad content: reports problems."""
        ...


def row_key(source: str, *parts: object) -> str:
    """A stable key for an imported row, so re-importing the same file adds nothing."""
    try:
        text = "\x1f".join((source, *parts))  # type: ignore[arg-type]  # all text: the common case, no str() each
    except TypeError:
        text = "\x1f".join(str(p) for p in (source, *parts))
    return source[:12] + ":" + hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class KeyCounter:
    """Numbers identical rows within one file, so two equal rows both survive a re-import."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def key(self, source: str, *parts: object) -> str:
        """The key of this row content and its occurrence number."""
        base = row_key(source, *parts)
        n = self._seen.get(base, 0)
        self._seen[base] = n + 1
        return base if n == 0 else row_key(source, *parts, f"#{n}")
