"""FHIR R4 export: one person's diary as a Bundle (type collection) of Patient, Observation and
MedicationStatement resources (docs/fhir.md)."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import IO, Any

from zonula.domain.entries import Entry, EntryKind
from zonula.exporters import fhir_codes as c
from zonula.exporters.base import ExportBundle

Resource = dict[str, Any]
NAMESPACE = uuid.UUID("6f1c2a0e-7d4b-5c1e-9a3f-3b7f0c2d4e51")


def _coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def _concept(*codings: dict[str, str], text: str) -> dict[str, Any]:
    return {"coding": list(codings), "text": text}


def _diary_code(code: tuple[str, str]) -> dict[str, Any]:
    return _concept(_coding(c.ZONULA_DIARY, *code), text=code[1])


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _quantity(value: float, unit: str) -> dict[str, Any]:
    code = c.UNIT_ALIASES.get(unit, unit)
    quantity: dict[str, Any] = {"value": _number(value)}
    if unit:
        quantity["unit"] = unit
    if code in c.UCUM_UNITS:
        quantity.update(system=c.UCUM, code=code)
    return quantity


def _score(value: float) -> dict[str, Any]:
    """A 0-10 self-rating: valueInteger when whole, else a unitless valueQuantity."""
    if value == int(value):
        return {"valueInteger": int(value)}
    return {"valueQuantity": {"value": value, "unit": "{score}", "system": c.UCUM, "code": "{score}"}}


def pseudonym(username: str) -> str:
    """A stable pseudonymous patient id (a hash of the username, not the name itself)."""
    return "zonula-" + hashlib.blake2b(username.encode("utf-8"), digest_size=10).hexdigest()


class FhirBuilder:
    """Builds the resources of one person's Bundle (plain JSON dicts)."""

    def __init__(self, username: str) -> None:
        self.patient_id = pseudonym(username)
        self.patient_ref = {"reference": f"urn:uuid:{self._uuid('patient')}"}

    def _uuid(self, key: str) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"{self.patient_id}/{key}")

    def patient(self) -> Resource:
        """The pseudonymous Patient: no name, no contact, only a zonula identifier."""
        return {"resourceType": "Patient", "id": str(self._uuid("patient")),
                "identifier": [{"system": "urn:zonula:pseudonym", "value": self.patient_id}],
                "active": True}

    def _base(self, entry: Entry, index: int, resource_type: str) -> Resource:
        key = str(entry.id) if entry.id is not None else f"i{index}"
        res: Resource = {"resourceType": resource_type, "id": str(self._uuid(f"entry/{key}"))}
        if entry.id is not None:
            res["identifier"] = [{"system": c.ZONULA_ENTRY_ID, "value": str(entry.id)}]
        return res

    def observation(self, entry: Entry, index: int, code: dict[str, Any], value: dict[str, Any],
                    *, notes: tuple[str, ...] = (), components: list[dict[str, Any]] | None = None) -> Resource:
        """A survey-category Observation of one diary entry."""
        obs = self._base(entry, index, "Observation")
        obs.update({
            "status": "final",
            "category": [{"coding": [_coding(c.OBSERVATION_CATEGORY, "survey", "Survey")]}],
            "code": code,
            "subject": self.patient_ref,
            "effectiveDateTime": entry.at.isoformat(),
            **value,
        })
        if entry.recorded_at is not None:
            obs["issued"] = entry.recorded_at.isoformat()
        if components:
            obs["component"] = components
        texts = [t for t in (*notes, entry.note) if t]
        if texts:
            obs["note"] = [{"text": t} for t in texts]
        return obs

    def medication(self, entry: Entry, index: int) -> Resource:
        """A MedicationStatement for a medicine or supplement taken, with its dose."""
        res = self._base(entry, index, "MedicationStatement")
        res.update({
            "status": "completed",
            "category": _concept(_coding(c.MEDICATION_STATEMENT_CATEGORY, "patientspecified",
                                         "Patient Specified"), text="Patient-reported"),
            "medicationCodeableConcept": {"text": entry.name},
            "subject": self.patient_ref,
            "effectiveDateTime": entry.at.isoformat(),
        })
        if entry.recorded_at is not None:
            res["dateAsserted"] = entry.recorded_at.isoformat()
        if entry.value is not None:
            dose_text = f"{_number(entry.value)} {entry.unit}".strip()
            res["dosage"] = [{"text": dose_text,
                              "doseAndRate": [{"doseQuantity": _quantity(entry.value, entry.unit)}]}]
        notes = ["Dietary supplement" if entry.kind is EntryKind.SUPPLEMENT else "Medication"]
        if entry.drug_class is not None:
            notes.append(f"Drug class: {entry.drug_class.value}")
        if entry.note:
            notes.append(entry.note)
        res["note"] = [{"text": t} for t in notes]
        return res

    def entry_resource(self, entry: Entry, index: int) -> Resource:
        """The resource for one diary entry."""
        kind = entry.kind
        if kind in (EntryKind.MEDICATION, EntryKind.SUPPLEMENT):
            return self.medication(entry, index)
        if kind is EntryKind.SYMPTOM:
            label = entry.name.replace("_", " ")
            codings = [_coding(c.ZONULA_SYMPTOM, entry.name, label)]
            if entry.name in c.SNOMED_SYMPTOMS:
                codings.insert(0, _coding(c.SNOMED, *c.SNOMED_SYMPTOMS[entry.name]))
            return self.observation(entry, index, _concept(*codings, text=label), _score(entry.value or 0),
                                    notes=(c.SEVERITY_NOTE,))
        if kind is EntryKind.STOOL:
            form = int(entry.value or 0)
            code = _concept(_coding(c.LOINC, *c.LOINC_STOOL_CONSISTENCY), _coding(c.ZONULA_DIARY, *c.STOOL_FORM),
                            text="Stool form (Bristol stool form scale)")
            value = _concept(_coding(c.ZONULA_BRISTOL, str(form), f"Bristol stool form type {form}"),
                             text=f"Bristol type {form}")
            return self.observation(entry, index, code, {"valueCodeableConcept": value})
        if kind is EntryKind.SLEEP:
            code = _concept(_coding(c.LOINC, *c.LOINC_SLEEP_DURATION), text="Sleep duration")
            parts = None
            if entry.quality is not None:
                parts = [{"code": _diary_code(c.SLEEP_QUALITY), **_score(entry.quality)}]
            return self.observation(entry, index, code, {"valueQuantity": _quantity(entry.value or 0, "h")},
                                    components=parts)
        if kind is EntryKind.STRESS:
            return self.observation(entry, index, _diary_code(c.STRESS), _score(entry.value or 0))
        if kind is EntryKind.PRACTICE:
            parts = [{"code": _diary_code(c.PRACTICE_KIND), "valueString": entry.name}]
            value = {"valueQuantity": _quantity(entry.value, "min")} if entry.value is not None else {}
            return self.observation(entry, index, _diary_code(c.PRACTICE), value, components=parts)
        if kind is EntryKind.MENSTRUATION:
            return self.observation(entry, index, _diary_code(c.MENSTRUATION), {"valueBoolean": True})
        if kind is EntryKind.MEAL:
            return self.observation(entry, index, _diary_code(c.FOOD_INTAKE), {"valueString": entry.name})
        return self.observation(entry, index, _diary_code(c.NOTE), {"valueString": entry.note or entry.name},
                                notes=())


def build_bundle(bundle: ExportBundle, *, now: datetime | None = None) -> Resource:
    """The FHIR R4 Bundle (type collection) of one person's diary."""
    builder = FhirBuilder(bundle.username)
    resources = [builder.patient()]
    resources += [builder.entry_resource(e, i) for i, e in enumerate(bundle.entries)]
    stamp = (now or datetime.now(UTC)).isoformat()
    return {
        "resourceType": "Bundle",
        "id": str(builder._uuid(f"bundle/{stamp}")),
        "meta": {"lastUpdated": stamp},
        "type": "collection",
        "timestamp": stamp,
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }


class FhirExporter:
    """FHIR R4 JSON: a Bundle for exchange with clinical systems (entries only, pseudonymous)."""

    name = "fhir"
    description = "FHIR R4 Bundle (JSON; entries as Observations and MedicationStatements)"
    binary = False

    def write(self, bundle: ExportBundle, out: IO[bytes]) -> None:
        """Write the Bundle as JSON."""
        out.write(json.dumps(build_bundle(bundle), ensure_ascii=False, indent=1).encode("utf-8"))
