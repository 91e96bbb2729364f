"""Diary entries: the kinds a person logs, as plain dataclasses with their validation."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from zonula.domain.drugs import DrugClass, classify_drug
from zonula.errors import FieldProblem, ValidationError
from zonula.i18n import _

BACKFILL_AFTER = timedelta(hours=2)


class EntryKind(StrEnum):
    """What an entry records."""

    MEAL = "meal"
    SYMPTOM = "symptom"
    STOOL = "stool"
    STRESS = "stress"
    SLEEP = "sleep"
    MEDICATION = "medication"
    SUPPLEMENT = "supplement"
    PRACTICE = "practice"
    MENSTRUATION = "menstruation"
    NOTE = "note"


KIND_ALIASES: dict[str, EntryKind] = {
    "med": EntryKind.MEDICATION,
    "meds": EntryKind.MEDICATION,
    "period": EntryKind.MENSTRUATION,
    "food": EntryKind.MEAL,
}


_KIND_VALUES: dict[str, EntryKind] = {k.value: k for k in EntryKind}


def parse_kind(text: str) -> EntryKind:
    """Read an entry kind from its name or a common alias; raise ValidationError otherwise."""
    exact = _KIND_VALUES.get(text)  # the usual case in files: the kind's own lower-case name
    if exact is not None:
        return exact
    key = text.strip().lower()
    if key in KIND_ALIASES:
        return KIND_ALIASES[key]
    try:
        return EntryKind(key)
    except ValueError:
        allowed = ", ".join(k.value for k in EntryKind)
        raise ValidationError([FieldProblem(
            "kind", _("unknown kind {kind!r} (one of {allowed})").format(kind=text, allowed=allowed))]) from None


SYMPTOM_KEYS: tuple[str, ...] = (
    "bloating",
    "abdominal_pain",
    "indigestion",
    "heartburn",
    "nausea",
    "gas",
    "constipation",
    "diarrhea",
    "fatigue",
    "brain_fog",
    "headache",
    "migraine",
    "joint_pain",
    "skin",
)

SYMPTOM_ALIASES: dict[str, str] = {
    "pain": "abdominal_pain",
    "stomach_pain": "abdominal_pain",
    "tummy_ache": "abdominal_pain",
    "diarrhoea": "diarrhea",
    "wind": "gas",
    "flatulence": "gas",
    "reflux": "heartburn",
    "tiredness": "fatigue",
    "tired": "fatigue",
    "腹胀": "bloating",
    "胀气": "bloating",
    "腹痛": "abdominal_pain",
    "肚子疼": "abdominal_pain",
    "消化不良": "indigestion",
    "烧心": "heartburn",
    "胃灼热": "heartburn",
    "恶心": "nausea",
    "排气": "gas",
    "放屁": "gas",
    "便秘": "constipation",
    "腹泻": "diarrhea",
    "拉肚子": "diarrhea",
    "疲劳": "fatigue",
    "乏力": "fatigue",
    "脑雾": "brain_fog",
    "头痛": "headache",
    "偏头痛": "migraine",
    "关节痛": "joint_pain",
    "皮肤": "skin",
    "皮疹": "skin",
}


def normalise_symptom(text: str) -> str:
    """Map a symptom name (English, Chinese or alias) to its canonical key; custom names are kept."""
    raw = text.strip()
    key = raw.lower().replace("-", "_").replace(" ", "_")
    if key in SYMPTOM_KEYS:
        return key
    if key in SYMPTOM_ALIASES:
        return SYMPTOM_ALIASES[key]
    if raw in SYMPTOM_ALIASES:
        return SYMPTOM_ALIASES[raw]
    return key


class PracticeKind(StrEnum):
    """Stress-reduction and eating practices from the article's repair steps."""

    YOGA = "yoga"
    TAI_CHI = "tai_chi"
    MEDITATION = "meditation"
    BREATHING = "breathing"
    MINDFUL_EATING = "mindful_eating"
    OTHER = "other"


PRACTICE_ALIASES: dict[str, PracticeKind] = {
    "taichi": PracticeKind.TAI_CHI,
    "tai-chi": PracticeKind.TAI_CHI,
    "tai chi": PracticeKind.TAI_CHI,
    "mindfulness": PracticeKind.MEDITATION,
    "slow_eating": PracticeKind.MINDFUL_EATING,
    "slow eating": PracticeKind.MINDFUL_EATING,
    "mindful eating": PracticeKind.MINDFUL_EATING,
    "breathwork": PracticeKind.BREATHING,
    "瑜伽": PracticeKind.YOGA,
    "太极": PracticeKind.TAI_CHI,
    "太极拳": PracticeKind.TAI_CHI,
    "冥想": PracticeKind.MEDITATION,
    "正念": PracticeKind.MEDITATION,
    "呼吸": PracticeKind.BREATHING,
    "呼吸练习": PracticeKind.BREATHING,
    "细嚼慢咽": PracticeKind.MINDFUL_EATING,
    "慢食": PracticeKind.MINDFUL_EATING,
    "其他": PracticeKind.OTHER,
}


def parse_practice(text: str) -> PracticeKind:
    """Read a practice kind; unknown names count as `other`."""
    key = text.strip().lower()
    if key in PRACTICE_ALIASES:
        return PRACTICE_ALIASES[key]
    try:
        return PracticeKind(key.replace(" ", "_").replace("-", "_"))
    except ValueError:
        return PracticeKind.OTHER


@dataclass(frozen=True, slots=True)
class Entry:
    """One diary entry.

    The generic fields map one to one onto zonula CSV (`timestamp,kind,name,value,unit,note`):
    meal `name` is the meal text; symptom `name` is the key and `value` the severity 0-10; stool
    `value` is the Bristol type; stress `value` 0-10; sleep `value` hours and `quality` 0-10;
    medication and supplement `name`, `value` dose and `unit`; practice `name` and `value` minutes;
    menstruation `value` 1; note `note`.

    `at` is the event's local time with its UTC offset (always timezone-aware).
    """

    kind: EntryKind
    at: datetime
    name: str = ""
    value: float | None = None
    unit: str = ""
    note: str = ""
    quality: float | None = None
    id: int | None = None
    user_id: int | None = None
    recorded_at: datetime | None = None
    source: str = "zonula"
    source_key: str | None = None
    original: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def backfilled(self) -> bool:
        """True when the entry was recorded more than two hours after the event."""
        if self.recorded_at is None:
            return False
        return self.recorded_at - self.at > BACKFILL_AFTER

    @property
    def drug_class(self) -> DrugClass | None:
        """The recognised class of a medication (NSAID, antibiotic, ...), else None."""
        if self.kind is not EntryKind.MEDICATION:
            return None
        return classify_drug(self.name)

    def with_changes(self, **changes: Any) -> Entry:
        """A copy with some fields replaced (validated again by the caller)."""
        return replace(self, **changes)


def _check_range(problems: list[FieldProblem], name: str, value: float | None, lo: float, hi: float,
                 *, integer: bool = False, required: bool = True) -> None:
    if value is None:
        if required:
            problems.append(FieldProblem(name, _("is required ({lo}-{hi})").format(lo=f"{lo:g}", hi=f"{hi:g}")))
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        problems.append(FieldProblem(name, _("must be a number")))
        return
    if not lo <= value <= hi:
        problems.append(FieldProblem(name, _("must be between {lo} and {hi}, got {value}").format(
            lo=f"{lo:g}", hi=f"{hi:g}", value=f"{value:g}")))
    elif integer and value != int(value):
        problems.append(FieldProblem(name, _("must be a whole number, got {value}").format(value=f"{value:g}")))


MAX_TEXT = 10_000
_DAY = timedelta(days=1)  # a UTC offset never moves a time by more, so storing in UTC cannot overflow


def validate(entry: Entry) -> Entry:
    """Check an entry against its kind's rules and return it normalised; raise ValidationError.

    All problems are collected, so a message can name every bad field at once.
    """
    problems: list[FieldProblem] = []
    kind = entry.kind
    if entry.at.tzinfo is None or entry.at.utcoffset() is None:
        problems.append(FieldProblem("timestamp", _("must carry a UTC offset")))
    elif not datetime.min + _DAY <= entry.at.replace(tzinfo=None) <= datetime.max - _DAY:
        problems.append(FieldProblem("timestamp", _("is outside the range of dates zonula can store")))
    for fname in ("name", "unit", "note"):
        text = getattr(entry, fname)
        if len(text) > MAX_TEXT:
            problems.append(FieldProblem(fname, _("is longer than {n} characters").format(n=MAX_TEXT)))
        if "\x00" in text:
            problems.append(FieldProblem(fname, _("contains a NUL character")))
    changes: dict[str, Any] = {}
    if kind is EntryKind.MEAL:
        if not entry.name.strip():
            problems.append(FieldProblem("name", _("a meal needs its text")))
    elif kind is EntryKind.SYMPTOM:
        key = normalise_symptom(entry.name)
        if not key:
            problems.append(FieldProblem("name", _("a symptom needs its name")))
        changes["name"] = key
        _check_range(problems, "value", entry.value, 0, 10)
    elif kind is EntryKind.STOOL:
        _check_range(problems, "value", entry.value, 1, 7, integer=True)
    elif kind is EntryKind.STRESS:
        _check_range(problems, "value", entry.value, 0, 10)
    elif kind is EntryKind.SLEEP:
        _check_range(problems, "value", entry.value, 0, 24)
        _check_range(problems, "quality", entry.quality, 0, 10, required=False)
    elif kind in (EntryKind.MEDICATION, EntryKind.SUPPLEMENT):
        if not entry.name.strip():
            problems.append(FieldProblem("name", _("a medication needs its name") if kind is EntryKind.MEDICATION
                                            else _("a supplement needs its name")))
        _check_range(problems, "value", entry.value, 0, 1_000_000, required=False)
    elif kind is EntryKind.PRACTICE:
        changes["name"] = parse_practice(entry.name or "other").value
        _check_range(problems, "value", entry.value, 0, 24 * 60, required=False)
    elif kind is EntryKind.MENSTRUATION:
        if entry.value is None:
            changes["value"] = 1.0
        else:
            _check_range(problems, "value", entry.value, 0, 1, integer=True)
    elif kind is EntryKind.NOTE and not (entry.note.strip() or entry.name.strip()):
        problems.append(FieldProblem("note", _("a note needs its text")))
    if kind is not EntryKind.SLEEP and entry.quality is not None:
        problems.append(FieldProblem("quality", _("only sleep entries have a quality")))
    if problems:
        raise ValidationError(problems)
    changes = {k: v for k, v in changes.items() if getattr(entry, k) != v}
    return replace(entry, **changes) if changes else entry
