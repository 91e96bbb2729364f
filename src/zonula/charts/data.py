"""The charts' inputs as plain dataclasses, and builders of them from diary entries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from zonula.domain.entries import Entry, EntryKind

BRISTOL_TYPES: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)


@dataclass(frozen=True, slots=True)
class PhaseSpan:
    """A protocol phase drawn as a shaded band: `start` to `end` inclusive."""

    start: date
    end: date
    label: str


@dataclass(frozen=True, slots=True)
class TrendData:
    """Daily mean severity (0-10) of one symptom; days without a rating are simply absent.

    `start` and `end`, when given, fix the date axis (so charts of one period line up).
    """

    symptom: str
    days: Sequence[date]
    values: Sequence[float]
    phases: Sequence[PhaseSpan] = ()
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if len(self.days) != len(self.values):
            raise ValueError("days and values must have the same length")


@dataclass(frozen=True, slots=True)
class StoolCounts:
    """How many stools of each Bristol type (1-7) were logged."""

    counts: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """All stools counted."""
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class SuspectEffect:
    """One exposure's estimated effect on a symptom with its 95 % interval (0-10 rating points).

    `highlight` marks a row in the warm colour (e.g. the screen named it a suspect); None marks
    it when its interval lies wholly above zero.
    """

    label: str
    effect: float
    low: float
    high: float
    highlight: bool | None = None


@dataclass(frozen=True, slots=True)
class BeforeAfter:
    """A measure's mean before and after a change, each with its 95 % interval when known.

    `note` is drawn at the row's right end (e.g. the change with its own interval).
    """

    label: str
    before: float
    before_low: float | None
    before_high: float | None
    after: float
    after_low: float | None
    after_high: float | None
    note: str = ""


def rolling_mean(days: Sequence[date], values: Sequence[float], *, window: int = 7,
                 min_days: int = 4) -> list[float | None]:
    """For each day, the mean of the values in the `window` calendar days ending that day.

    Gaps count as missing, not as zero; a day whose window holds fewer than `min_days` rated
    days gets None, so a sparse stretch draws no misleading average.
    """
    by_day = dict(zip(days, values, strict=True))
    out: list[float | None] = []
    for day in days:
        window_values = [by_day[d] for k in range(window) if (d := day - timedelta(days=k)) in by_day]
        out.append(sum(window_values) / len(window_values) if len(window_values) >= min_days else None)
    return out


def trend_from_entries(entries: Iterable[Entry], symptom: str, *, label: str,
                       phases: Sequence[PhaseSpan] = ()) -> TrendData:
    """The daily mean of one symptom's ratings (by local calendar day of each entry)."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for e in entries:
        if e.kind is EntryKind.SYMPTOM and e.name == symptom and e.value is not None:
            by_day[e.at.date()].append(e.value)
    days = sorted(by_day)
    return TrendData(label, days, [sum(by_day[d]) / len(by_day[d]) for d in days], tuple(phases))


def stool_counts_from_entries(entries: Iterable[Entry]) -> StoolCounts:
    """Count logged stools by Bristol type."""
    counts = dict.fromkeys(BRISTOL_TYPES, 0)
    for e in entries:
        if e.kind is EntryKind.STOOL and e.value is not None and int(e.value) in counts:
            counts[int(e.value)] += 1
    return StoolCounts(counts)
