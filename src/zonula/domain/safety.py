"""The safety state that gates diet tools: red flags, IgE allergies, coeliac testing, supervision."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class SafetyStatus:
    """What the latest assessment and the person's acknowledgements say about diet-tool safety.

    Attributes:
        red_flags: keys of red flags answered positive in the latest assessment.
        red_flags_acknowledged_on: the date the person recorded that they have seen, or will see, a
            doctor about them; None while unacknowledged.
        ige_suspected_foods: food or group ids with a suspected IgE (immediate) allergy: never
            offered for a challenge.
        coeliac_tested: the person says coeliac serology was done (before gluten removal).
        supervised_only: pregnancy, a child, or eating-disorder risk: clinician-supervised use only.
        supervised_reasons: keys explaining `supervised_only`.
    """

    red_flags: tuple[str, ...] = ()
    red_flags_acknowledged_on: date | None = None
    ige_suspected_foods: frozenset[str] = field(default_factory=frozenset)
    coeliac_tested: bool = False
    supervised_only: bool = False
    supervised_reasons: tuple[str, ...] = ()

    @property
    def diet_tools_locked(self) -> bool:
        """Diet tools stay locked while red flags are unacknowledged."""
        return bool(self.red_flags) and self.red_flags_acknowledged_on is None
