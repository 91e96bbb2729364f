"""Reading timestamps as people and files write them, always ending with an aware datetime."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _

_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


def zone(name: str | None) -> tzinfo:
    """The named IANA zone, or the system's local zone when None."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            problem = FieldProblem("timezone", _("unknown time zone {name!r}").format(name=name))
            raise ValidationError([problem]) from None
    local = datetime.now().astimezone().tzinfo
    assert local is not None
    return local


def localise(naive: datetime, tz: tzinfo) -> datetime:
    """Attach `tz` to a naive local time, fixing the offset so it survives storage."""
    aware = naive.replace(tzinfo=tz)
    offset = aware.utcoffset()
    assert offset is not None
    return naive.replace(tzinfo=timezone(offset))


def parse_timestamp(text: str, *, tz: tzinfo, now: datetime | None = None,
                    field: str = "timestamp") -> datetime:
    """Parse ISO 8601 (with or without offset), `YYYY-MM-DD HH:MM`, or `HH:MM` (today).

    Naive times are read in `tz`. Raises ValidationError naming `field` when unreadable.
    """
    raw = text.strip()
    if not raw:
        raise ValidationError([FieldProblem(field, _("is empty"))])
    match = _HHMM.match(raw) if len(raw) <= 5 else None  # "HH:MM" is five characters at most
    try:
        if match:
            base = (now or datetime.now(tz)).astimezone(tz)
            parsed = datetime.combine(base.date(), time(int(match[1]), int(match[2])))
        else:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        raise ValidationError([FieldProblem(field, _(
            "cannot read {text!r} as a date and time (use 2026-11-20T08:10+08:00 or 2026-11-20 08:10)"
        ).format(text=raw))]) from None
    if parsed.tzinfo is None:
        return localise(parsed, tz)
    return parsed


def parse_date(text: str, *, field: str = "date") -> date:
    """Parse `YYYY-MM-DD`; raise ValidationError naming `field`."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        message = _("cannot read {text!r} as a date (use YYYY-MM-DD)").format(text=text)
        raise ValidationError([FieldProblem(field, message)]) from None


def day_bounds(day_from: date | None, day_to: date | None, tz: tzinfo) -> tuple[datetime | None, datetime | None]:
    """Aware [start, end) instants covering whole local days `day_from`..`day_to` inclusive.

    A bound within a day of the calendar's ends means "unbounded" (None): it cannot be shifted to UTC.
    """
    if day_from is not None and day_from <= date.min + timedelta(days=1):
        day_from = None
    if day_to is not None and day_to >= date.max - timedelta(days=1):
        day_to = None
    start = localise(datetime.combine(day_from, time()), tz) if day_from else None
    end = localise(datetime.combine(day_to + timedelta(days=1), time()), tz) if day_to else None
    return start, end


EARLIEST_DAY = date(1900, 1, 1)
FUTURE_DAYS = 366


def plausible_day(day: date, *, today: date, field: str) -> date:
    """`day` when it lies between 1900 and a year after `today`; ValidationError naming `field` otherwise."""
    last = today + timedelta(days=FUTURE_DAYS)
    if not EARLIEST_DAY <= day <= last:
        message = _("must be between {first} and {last}").format(first=EARLIEST_DAY.isoformat(), last=last.isoformat())
        raise ValidationError([FieldProblem(field, message)])
    return day


def not_future(day: date, *, today: date, field: str) -> date:
    """`day` when it is not after `today`; ValidationError naming `field` otherwise."""
    if day > today:
        raise ValidationError([FieldProblem(field, _("cannot be in the future"))])
    return day
