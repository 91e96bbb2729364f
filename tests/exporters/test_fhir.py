"""The FHIR R4 export: every resource and the Bundle validate, codes and values are where expected."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient

from zonula.demo import demo_entries
from zonula.domain.entries import Entry, EntryKind
from zonula.exporters import EXPORTERS, ExportBundle
from zonula.exporters.fhir import build_bundle, pseudonym
from zonula.exporters.fhir_codes import LOINC, SNOMED
from zonula.service import Diary

CST = timezone(timedelta(hours=8))
AT = datetime(2026, 3, 2, 9, 30, tzinfo=CST)
MODELS: dict[str, Any] = {"Patient": Patient, "Observation": Observation, "MedicationStatement": MedicationStatement}


def bundle_of(entries: list[Entry]) -> dict[str, Any]:
    numbered = [e.with_changes(id=i + 1) for i, e in enumerate(entries)]
    return build_bundle(ExportBundle("alice", "Alice Wang", "Asia/Shanghai", "zh", numbered),
                        now=datetime(2026, 4, 1, tzinfo=UTC))


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_every_resource_and_the_bundle_validate_as_fhir_r4b() -> None:
    bundle = bundle_of(demo_entries(days=28, end=AT.date()))
    Bundle.model_validate(bundle)
    kinds = set()
    for item in bundle["entry"]:
        resource = item["resource"]
        MODELS[resource["resourceType"]].model_validate(resource)
        assert item["fullUrl"] == f"urn:uuid:{resource['id']}"
        kinds.add(resource["resourceType"])
    assert kinds == set(MODELS)
    assert bundle["type"] == "collection"


def test_the_patient_is_pseudonymous() -> None:
    bundle = bundle_of([Entry(EntryKind.SYMPTOM, AT, name="bloating", value=3)])
    text = json.dumps(bundle, ensure_ascii=False)
    assert "Alice" not in text and "alice" not in text
    (patient,) = resources(bundle, "Patient")
    assert patient["identifier"][0]["value"] == pseudonym("alice")
    (obs,) = resources(bundle, "Observation")
    assert obs["subject"]["reference"] == f"urn:uuid:{patient['id']}"


def test_a_known_symptom_carries_its_snomed_code_and_an_integer_severity() -> None:
    bundle = bundle_of([Entry(EntryKind.SYMPTOM, AT, name="bloating", value=6, note="after lunch")])
    (obs,) = resources(bundle, "Observation")
    assert obs["code"]["coding"][0] == {"system": SNOMED, "code": "116289008", "display": "Abdominal bloating"}
    assert obs["valueInteger"] == 6
    assert obs["category"][0]["coding"][0]["code"] == "survey"
    assert obs["effectiveDateTime"] == "2026-03-02T09:30:00+08:00"
    assert [n["text"] for n in obs["note"]][-1] == "after lunch"
    assert "0-10" in obs["note"][0]["text"]


def test_an_uncoded_symptom_has_only_the_zonula_code_and_a_half_point_is_a_quantity() -> None:
    bundle = bundle_of([Entry(EntryKind.SYMPTOM, AT, name="brain_fog", value=4.5)])
    (obs,) = resources(bundle, "Observation")
    assert [c["system"] for c in obs["code"]["coding"]] == ["urn:zonula:codesystem:symptom"]
    assert obs["valueQuantity"]["value"] == 4.5
    Observation.model_validate(obs)


def test_stool_uses_loinc_stool_consistency_and_the_bristol_type() -> None:
    bundle = bundle_of([Entry(EntryKind.STOOL, AT, value=6)])
    (obs,) = resources(bundle, "Observation")
    assert obs["code"]["coding"][0] == {"system": LOINC, "code": "11029-6", "display": "Consistency of Stool"}
    assert obs["valueCodeableConcept"]["coding"][0]["code"] == "6"


def test_a_meal_is_a_food_intake_observation_with_its_text() -> None:
    bundle = bundle_of([Entry(EntryKind.MEAL, AT, name="牛肉面")])
    (obs,) = resources(bundle, "Observation")
    assert obs["code"]["coding"][0]["code"] == "food-intake"
    assert obs["valueString"] == "牛肉面"


def test_a_medication_is_a_statement_with_its_dose() -> None:
    bundle = bundle_of([Entry(EntryKind.MEDICATION, AT, name="ibuprofen", value=400, unit="mg"),
                        Entry(EntryKind.SUPPLEMENT, AT, name="vitamin D", value=1000, unit="IU")])
    med, supp = resources(bundle, "MedicationStatement")
    assert med["medicationCodeableConcept"]["text"] == "ibuprofen"
    assert med["dosage"][0]["doseAndRate"][0]["doseQuantity"] == {
        "value": 400, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}
    assert "Drug class: nsaid" in [n["text"] for n in med["note"]]
    assert supp["dosage"][0]["doseAndRate"][0]["doseQuantity"]["code"] == "[iU]"
    assert supp["note"][0]["text"] == "Dietary supplement"


@pytest.mark.parametrize(("entry", "key"), [
    (Entry(EntryKind.SLEEP, AT, value=7.5, quality=6), "valueQuantity"),
    (Entry(EntryKind.STRESS, AT, value=5), "valueInteger"),
    (Entry(EntryKind.PRACTICE, AT, name="tai_chi", value=20), "valueQuantity"),
    (Entry(EntryKind.MENSTRUATION, AT, value=1), "valueBoolean"),
    (Entry(EntryKind.NOTE, AT, note="出差"), "valueString"),
])
def test_other_kinds_are_valid_observations(entry: Entry, key: str) -> None:
    (obs,) = resources(bundle_of([entry]), "Observation")
    Observation.model_validate(obs)
    assert key in obs


def test_the_sleep_observation_carries_quality_as_a_component() -> None:
    (obs,) = resources(bundle_of([Entry(EntryKind.SLEEP, AT, value=7.5, quality=6)]), "Observation")
    assert obs["code"]["coding"][0]["code"] == "93832-4"
    assert obs["valueQuantity"]["code"] == "h"
    assert obs["component"][0]["valueInteger"] == 6


def test_the_fhir_exporter_is_registered_and_exports_the_diary(diary: Diary) -> None:
    assert "fhir" in EXPORTERS
    diary.add_many([Entry(EntryKind.SYMPTOM, AT, name="nausea", value=2), Entry(EntryKind.STOOL, AT, value=4)])
    out = io.BytesIO()
    assert diary.export("fhir", out) == 2
    Bundle.model_validate(json.loads(out.getvalue()))
