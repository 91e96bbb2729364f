"""Translated names of phases, activities and verdict outcomes (for the CLI and the web)."""

from __future__ import annotations

from zonula.i18n import _


def phase_label(phase: str) -> str:
    """The translated name of a plan phase."""
    labels = {
        "run_in": _("run-in"),
        "elimination": _("elimination"),
        "reintroduction": _("reintroduction"),
        "confirmation": _("confirmation"),
        "maintenance": _("maintenance"),
        "stopped": _("stopped"),
        "paused": _("paused"),
    }
    return labels.get(phase, phase)


def outcome_label(outcome: str) -> str:
    """The translated name of a verdict outcome."""
    labels = {
        "tolerated": _("tolerated at this dose"),
        "possible_trigger": _("possible trigger"),
        "unclear_repeat": _("unclear, repeat"),
        "likely_trigger": _("likely trigger"),
        "likely_tolerated": _("likely tolerated"),
        "inconclusive_at_this_dose": _("inconclusive at this dose"),
        "in_progress": _("in progress"),
    }
    return labels.get(outcome, outcome)


def stage_label(stage: str) -> str:
    """The translated name of a verdict stage."""
    return {"reintroduction": _("reintroduction"), "confirmation": _("confirmation")}.get(stage, stage)


def change_label(kind: str) -> str:
    """The translated name of a change in a plan's log (started, paused, ...)."""
    labels = {
        "started": _("started"),
        "paused": _("paused"),
        "resumed": _("resumed"),
        "extended": _("extended"),
        "skipped": _("step skipped"),
        "restarted": _("restarted"),
    }
    return labels.get(kind, kind)
