"""Entry validation and normalisation."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from zonula.domain.drugs import DrugClass, classify_drug
from zonula.domain.entries import Entry, EntryKind, normalise_symptom, parse_kind, validate
from zonula.errors import ValidationError

AT = datetime(2026, 11, 20, 8, 10, tzinfo=timezone(timedelta(hours=8)))


def test_it_rejects_severity_11() -> None:
    with pytest.raises(ValidationError) as err:
        validate(Entry(EntryKind.SYMPTOM, AT, name="bloating", value=11))
    assert err.value.problems[0].field == "value"
    assert "between 0 and 10" in err.value.problems[0].message


def test_it_rejects_bristol_8_and_half_types() -> None:
    with pytest.raises(ValidationError, match="between 1 and 7"):
        validate(Entry(EntryKind.STOOL, AT, value=8))
    with pytest.raises(ValidationError, match="whole number"):
        validate(Entry(EntryKind.STOOL, AT, value=3.5))


def test_it_requires_an_offset() -> None:
    with pytest.raises(ValidationError, match="UTC offset"):
        validate(Entry(EntryKind.STRESS, AT.replace(tzinfo=None), value=3))


@pytest.mark.parametrize("at", [datetime(1, 1, 1, tzinfo=timezone(timedelta(minutes=1))),
                                datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-1)))])
def test_it_rejects_times_that_cannot_be_stored_in_utc(at: datetime) -> None:
    with pytest.raises(ValidationError, match="range of dates") as err:
        validate(Entry(EntryKind.PRACTICE, at))
    assert err.value.problems[0].field == "timestamp"


def test_it_lists_every_bad_field_at_once() -> None:
    with pytest.raises(ValidationError) as err:
        validate(Entry(EntryKind.SLEEP, AT, value=30, quality=12))
    assert {p.field for p in err.value.problems} == {"value", "quality"}


def test_symptoms_normalise_from_chinese_and_aliases() -> None:
    assert normalise_symptom("腹胀") == "bloating"
    assert normalise_symptom("Abdominal pain") == "abdominal_pain"
    assert normalise_symptom("diarrhoea") == "diarrhea"
    assert normalise_symptom("itchy eyes") == "itchy_eyes"  # custom symptoms are kept


def test_practice_and_period_are_normalised() -> None:
    assert validate(Entry(EntryKind.PRACTICE, AT, name="Tai Chi", value=20)).name == "tai_chi"
    assert validate(Entry(EntryKind.PRACTICE, AT, name="太极拳")).name == "tai_chi"
    assert validate(Entry(EntryKind.MENSTRUATION, AT)).value == 1.0


def test_unknown_kind_is_named() -> None:
    with pytest.raises(ValidationError, match="unknown kind 'snack'"):
        parse_kind("snack")
    assert parse_kind("med") is EntryKind.MEDICATION
    assert parse_kind("period") is EntryKind.MENSTRUATION


def test_backfilled_means_recorded_over_two_hours_later() -> None:
    late = Entry(EntryKind.MEAL, AT, name="toast", recorded_at=AT + timedelta(hours=2, minutes=1))
    prompt = Entry(EntryKind.MEAL, AT, name="toast", recorded_at=AT + timedelta(minutes=5))
    assert late.backfilled and not prompt.backfilled


@pytest.mark.parametrize(("name", "cls"), [
    ("Ibuprofen", DrugClass.NSAID), ("布洛芬缓释胶囊", DrugClass.NSAID), ("aspirin 81", DrugClass.NSAID),
    ("amoxicillin", DrugClass.ANTIBIOTIC), ("头孢克肟", DrugClass.ANTIBIOTIC),
    ("omeprazole", DrugClass.ACID_SUPPRESSANT), ("paracetamol", None),
])
def test_drug_classes_are_recognised(name: str, cls: DrugClass | None) -> None:
    assert classify_drug(name) == cls
    entry = Entry(EntryKind.MEDICATION, AT, name=name)
    assert entry.drug_class == cls
