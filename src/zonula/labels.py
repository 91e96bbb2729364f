"""Translated labels of entry kinds, symptoms, practices and Bristol types, shared by every shell."""

from __future__ import annotations

from zonula.i18n import _


def kind_label(kind: str) -> str:
    """The translated name of an entry kind."""
    labels = {
        "meal": _("meal"),
        "symptom": _("symptom"),
        "stool": _("stool"),
        "stress": _("stress"),
        "sleep": _("sleep"),
        "medication": _("medication"),
        "supplement": _("supplement"),
        "practice": _("practice"),
        "menstruation": _("period"),
        "note": _("note"),
    }
    return labels.get(kind, kind)


def symptom_label(key: str) -> str:
    """The translated name of a canonical symptom key (custom names shown as typed)."""
    labels = {
        "bloating": _("bloating"),
        "abdominal_pain": _("abdominal pain"),
        "indigestion": _("indigestion"),
        "heartburn": _("heartburn"),
        "nausea": _("nausea"),
        "gas": _("gas"),
        "constipation": _("constipation"),
        "diarrhea": _("diarrhoea"),
        "fatigue": _("fatigue"),
        "brain_fog": _("brain fog"),
        "headache": _("headache"),
        "migraine": _("migraine"),
        "joint_pain": _("joint pain"),
        "skin": _("skin symptoms"),
    }
    return labels.get(key, key.replace("_", " "))


def practice_label(key: str) -> str:
    """The translated name of a practice kind."""
    labels = {
        "yoga": _("yoga"),
        "tai_chi": _("tai chi"),
        "meditation": _("meditation"),
        "breathing": _("breathing exercise"),
        "mindful_eating": _("slow, mindful eating"),
        "other": _("other practice"),
    }
    return labels.get(key, key)


def bristol_label(kind: int) -> str:
    """The Bristol stool form scale description of a type 1-7."""
    labels = {
        1: _("separate hard lumps"),
        2: _("lumpy and sausage-like"),
        3: _("sausage with cracks"),
        4: _("smooth, soft sausage"),
        5: _("soft blobs with clear edges"),
        6: _("mushy, ragged edges"),
        7: _("entirely liquid"),
    }
    return labels.get(kind, str(kind))
