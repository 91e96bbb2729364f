"""Stage 0: the safety gate a plan passes before it starts (red flags, IgE, coeliac, supervision)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from zonula.domain.safety import SafetyStatus
from zonula.errors import FieldProblem, SafetyLockError, ValidationError
from zonula.i18n import _
from zonula.protocol.groups import COELIAC_RELEVANT, group_for, touches
from zonula.protocol.settings import PlanSettings


class CoeliacTestFirstError(SafetyLockError):
    """Wheat or gluten would be removed before coeliac serology; test first (or opt out explicitly)."""


class SupervisionRequiredError(SafetyLockError):
    """The safety status says clinician-supervised use only, and the plan is not marked supervised."""


@dataclass(frozen=True, slots=True)
class GateResult:
    """The settings a plan may start with, and the notices to show the person."""

    settings: PlanSettings
    notices: tuple[str, ...]


def removes_wheat(settings: PlanSettings) -> bool:
    """True when the plan removes gluten, wheat or fructans (so coeliac serology should come first)."""
    return any(touches(group_for(k), COELIAC_RELEVANT) for k in settings.group_keys())


def check_safety(settings: PlanSettings, status: SafetyStatus) -> GateResult:
    """Let a plan start only if it is safe; drop IgE-suspected foods from every challenge.

    Raises:
        SafetyLockError: red flags are unacknowledged (the message lists them).
        SupervisionRequiredError: supervised-only status without the plan's supervised flag.
        CoeliacTestFirstError: wheat/gluten/fructan removal without coeliac testing or an explicit opt-out.
    """
    if status.diet_tools_locked:
        raise SafetyLockError(
            _("Diet plans are locked until you have seen a doctor about: {flags}.").format(
                flags=", ".join(status.red_flags)
            )
        )
    notices: list[str] = []
    if status.supervised_only:
        if not settings.supervised:
            raise SupervisionRequiredError(
                _(
                    "This plan needs a clinician or dietitian to supervise it ({reasons}). Start it with the "
                    "supervised option once they are involved."
                ).format(reasons=", ".join(status.supervised_reasons))
            )
        notices.append(_("Supervised plan: follow your clinician's advice where it differs from this app."))
    excluded = tuple(k for k in settings.group_keys() if touches(group_for(k), status.ige_suspected_foods))
    if excluded:
        settings = replace(settings, excluded=tuple(sorted({*settings.excluded, *excluded})))
        notices.append(
            _(
                "Never challenged because an immediate (IgE) allergy is suspected: {groups}. Ask an allergist instead."
            ).format(groups=", ".join(excluded))
        )
    if not settings.group_keys():
        raise ValidationError(
            [FieldProblem("suspects", _("nothing is left to test once allergy suspects are removed"))]
        )
    if removes_wheat(settings) and not status.coeliac_tested:
        if not settings.without_coeliac_test:
            raise CoeliacTestFirstError(
                _(
                    "This plan removes wheat or gluten. Ask your doctor for a coeliac blood test first, "
                    "while you still eat gluten; removing it first can hide coeliac disease."
                )
            )
        notices.append(
            _(
                "You chose to start without a coeliac blood test. Removing gluten first can make "
                "the test falsely normal later."
            )
        )
    return GateResult(settings, tuple(notices))
