"""Build the SafetyStatus that gates diet tools from an assessment and red-flag acknowledgements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from zonula.domain.safety import SafetyStatus
from zonula.knowledge.assessment import AssessmentResult


@dataclass(frozen=True, slots=True)
class RedFlagAck:
    """The person recorded on `on` that they have seen, or will see, a doctor about `red_flags`."""

    on: date
    red_flags: tuple[str, ...]


def build_safety_status(result: AssessmentResult | None, acks: Iterable[RedFlagAck] = ()) -> SafetyStatus:
    """The safety state implied by the latest assessment and the acknowledgements made so far.

    Red flags count as acknowledged when one acknowledgement covers every current red flag; a
    red flag that is new since then needs a new acknowledgement. With no assessment yet, the
    status is empty (nothing is known, so nothing is flagged).
    """
    if result is None:
        return SafetyStatus()
    flags = set(result.red_flags)
    covering = [a.on for a in acks if flags and flags <= set(a.red_flags)]
    return SafetyStatus(
        red_flags=result.red_flags,
        red_flags_acknowledged_on=max(covering) if covering else None,
        ige_suspected_foods=frozenset(result.ige_foods),
        coeliac_tested=result.coeliac_tested,
        supervised_only=bool(result.supervised_reasons),
        supervised_reasons=result.supervised_reasons,
    )


def needs_coeliac_test_first(status: SafetyStatus) -> bool:
    """True when gluten should not be removed yet: coeliac serology needs gluten in the diet."""
    return not status.coeliac_tested
