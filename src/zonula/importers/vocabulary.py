"""Other apps' words for symptoms, severities and practices, mapped onto zonula's keys and scales."""

from __future__ import annotations

from datetime import time

from zonula.domain.entries import PracticeKind, normalise_symptom

# Names other apps use for symptoms zonula knows; anything else is kept as a custom symptom key.
SYMPTOM_NAMES: dict[str, str] = {
    "stomach ache": "abdominal_pain",
    "stomach pain": "abdominal_pain",
    "stomachache": "abdominal_pain",
    "abdominal pain": "abdominal_pain",
    "abdominal cramps": "abdominal_pain",
    "stomach cramps": "abdominal_pain",
    "stomach cramping": "abdominal_pain",
    "cramps": "abdominal_pain",
    "tummy ache": "abdominal_pain",
    "bloated": "bloating",
    "bloating": "bloating",
    "distension": "bloating",
    "acid reflux": "heartburn",
    "reflux": "heartburn",
    "heartburn": "heartburn",
    "indigestion": "indigestion",
    "dyspepsia": "indigestion",
    "nausea": "nausea",
    "nauseous": "nausea",
    "gas": "gas",
    "wind": "gas",
    "flatulence": "gas",
    "burping": "gas",
    "constipation": "constipation",
    "constipated": "constipation",
    "diarrhoea": "diarrhea",
    "diarrhea": "diarrhea",
    "loose stools": "diarrhea",
    "fatigue": "fatigue",
    "tiredness": "fatigue",
    "exhaustion": "fatigue",
    "low energy": "fatigue",
    "brain fog": "brain_fog",
    "foggy head": "brain_fog",
    "headache": "headache",
    "migraine": "migraine",
    "joint pain": "joint_pain",
    "rash": "skin",
    "acne": "skin",
    "itchy skin": "skin",
    "hives": "skin",
    "eczema": "skin",
    "dry skin": "skin",
}


def symptom_key(name: str) -> str:
    """zonula's key for another app's symptom name (`Stomach ache` -> abdominal_pain); custom names kept."""
    low = " ".join(name.lower().split())
    return SYMPTOM_NAMES.get(low) or normalise_symptom(name)


# Severity words on one shared scale, so every importer lands on the same 0-10 values:
# none 0, mild 3, moderate 5, severe 8, extreme/unbearable 10.
SEVERITY_WORDS: dict[str, float] = {
    "none": 0.0,
    "not present": 0.0,
    "mild": 3.0,
    "moderate": 5.0,
    "severe": 8.0,
    "extreme": 10.0,
    "unbearable": 10.0,
}


PRACTICE_WORDS: tuple[tuple[str, PracticeKind], ...] = (
    ("yoga", PracticeKind.YOGA), ("瑜伽", PracticeKind.YOGA),
    ("tai chi", PracticeKind.TAI_CHI), ("taichi", PracticeKind.TAI_CHI), ("tai-chi", PracticeKind.TAI_CHI),
    ("qigong", PracticeKind.TAI_CHI), ("太极", PracticeKind.TAI_CHI), ("气功", PracticeKind.TAI_CHI),
    ("meditat", PracticeKind.MEDITATION), ("mindful", PracticeKind.MEDITATION), ("冥想", PracticeKind.MEDITATION),
    ("正念", PracticeKind.MEDITATION), ("breath", PracticeKind.BREATHING), ("呼吸", PracticeKind.BREATHING),
)


def practice_of(activity: str) -> PracticeKind:
    """The zonula practice of an activity name (`Yoga, Hatha` -> yoga); walking and the rest are `other`."""
    low = activity.lower()
    for needle, kind in PRACTICE_WORDS:
        if needle in low:
            return kind
    return PracticeKind.OTHER


# Clock times for meals an app stores without one (Cronometer's blank `Time`, MyFitnessPal's per-meal
# rows); the entry's note says the time was not in the export.
MEAL_TIMES: dict[str, time] = {
    "breakfast": time(8, 0), "早餐": time(8, 0),
    "lunch": time(12, 30), "午餐": time(12, 30),
    "dinner": time(18, 30), "晚餐": time(18, 30),
    "snacks": time(15, 0), "snack": time(15, 0), "加餐": time(15, 0), "零食": time(15, 0),
}
NOON = time(12, 0)


def meal_time(meal: str) -> time:
    """The stand-in clock time of a named meal (noon for names it does not know)."""
    return MEAL_TIMES.get(meal.strip().lower(), NOON)
