"""Translated words the report needs beyond the shared CLI/web labels: phases, outcomes, statuses."""

from __future__ import annotations

from zonula.i18n import _
from zonula.knowledge.redflags import safety_rules


def phase_label(phase: str) -> str:
    """A protocol phase's name."""
    labels = {
        "run_in": _("run-in (usual diet)"),
        "elimination": _("elimination"),
        "reintroduction": _("reintroduction"),
        "confirmation": _("blinded confirmation"),
        "maintenance": _("maintenance"),
        "stopped": _("stopped"),
        "paused": _("paused"),
    }
    return labels.get(phase, phase.replace("_", " "))


def outcome_label(outcome: str) -> str:
    """A verdict's outcome in words."""
    labels = {
        "tolerated": _("tolerated"),
        "possible_trigger": _("possible trigger (open challenge)"),
        "unclear_repeat": _("unclear: repeat"),
        "likely_trigger": _("likely trigger (blinded)"),
        "likely_tolerated": _("likely tolerated (blinded)"),
        "inconclusive_at_this_dose": _("inconclusive at this dose"),
        "in_progress": _("in progress"),
    }
    return labels.get(outcome, outcome.replace("_", " "))


def stage_label(stage: str) -> str:
    """A verdict's stage."""
    return {"reintroduction": _("open reintroduction"), "confirmation": _("blinded confirmation")}.get(stage, stage)


def status_label(status: str) -> str:
    """A screening result's status."""
    labels = {
        "suspect": _("suspect"),
        "no_evidence": _("no evidence of an effect"),
        "insufficient_data": _("too little data"),
    }
    return labels.get(status, status.replace("_", " "))


def red_flag_label(key: str) -> str:
    """A red flag's explanation from the knowledge base in the current language (an unknown key, e.g.
    from an older assessment, in words)."""
    try:
        return str(safety_rules().red_flag(key).reason)
    except KeyError:
        return key.replace("_", " ")
