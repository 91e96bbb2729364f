"""Codes used by the FHIR export: standard ones where we are confident, zonula's own otherwise.

See docs/fhir.md for how each standard code was checked. Anything not listed under SNOMED CT or
LOINC is coded only in zonula's local, unregistered code systems (URNs, so no domain is implied).
"""

from __future__ import annotations

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
MEDICATION_STATEMENT_CATEGORY = "http://terminology.hl7.org/CodeSystem/medication-statement-category"

ZONULA_DIARY = "urn:zonula:codesystem:diary"
ZONULA_SYMPTOM = "urn:zonula:codesystem:symptom"
ZONULA_BRISTOL = "urn:zonula:codesystem:bristol-stool-form"
ZONULA_ENTRY_ID = "urn:zonula:entry-id"

# SNOMED CT findings (code, preferred display). Symptoms not listed here (brain_fog, skin, migraine
# as a symptom, custom names) are coded only in ZONULA_SYMPTOM.
SNOMED_SYMPTOMS: dict[str, tuple[str, str]] = {
    "bloating": ("116289008", "Abdominal bloating"),
    "abdominal_pain": ("21522001", "Abdominal pain"),
    "indigestion": ("162031009", "Indigestion"),
    "heartburn": ("16331000", "Heartburn"),
    "nausea": ("422587007", "Nausea"),
    "gas": ("249504006", "Passing flatus"),
    "constipation": ("14760008", "Constipation"),
    "diarrhea": ("62315008", "Diarrhea"),
    "fatigue": ("84229001", "Fatigue"),
    "headache": ("25064002", "Headache"),
    "joint_pain": ("57676002", "Pain of joint"),
}

LOINC_STOOL_CONSISTENCY = ("11029-6", "Consistency of Stool")
LOINC_SLEEP_DURATION = ("93832-4", "Sleep duration")

# zonula diary codes: (code, display)
FOOD_INTAKE = ("food-intake", "Food intake (free-text meal description)")
STOOL_FORM = ("bristol-stool-form", "Bristol stool form scale type")
SLEEP_QUALITY = ("sleep-quality", "Sleep quality, self-rated 0-10")
STRESS = ("stress-level", "Stress level, self-rated 0-10")
PRACTICE = ("practice", "Stress-reduction or eating practice")
PRACTICE_KIND = ("practice-kind", "Kind of practice")
MENSTRUATION = ("menstruation", "Menstruating on this day")
NOTE = ("diary-note", "Free-text diary note")

SEVERITY_NOTE = "Severity self-rated on a 0-10 scale (0 = none, 10 = worst imaginable)."

UCUM_UNITS: frozenset[str] = frozenset({"mg", "g", "ug", "mL", "L", "[iU]", "h", "min"})
UNIT_ALIASES: dict[str, str] = {"µg": "ug", "mcg": "ug", "ml": "mL", "iu": "[iU]", "IU": "[iU]"}
