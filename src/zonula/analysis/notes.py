"""Notes attached to screening results: stable keys, parameters, and their translated text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zonula.i18n import _

REVERSE_CAUSATION = "reverse_causation"
AVOIDED_WHEN_UNWELL = "avoided_when_unwell"
FEW_EXPOSED = "few_exposed"
FEW_UNEXPOSED = "few_unexposed"
FEW_DAYS = "few_days"
EATEN_TOGETHER = "eaten_together"
EXPLAINED_BY = "explained_by"
EXPECTED = "expected"
WIDENED = "widened"
NO_CALIBRATION = "no_calibration"
LOG_MORE_DAYS = "log_more_days"
RATE_MORE_OFTEN = "rate_more_often"
KEEP_LOGGING = "keep_logging"


def _templates() -> dict[str, str]:
    # Built per call so that each text is translated into the language in force.
    return {
        REVERSE_CAUSATION: _("Eaten more often after bad periods: it may be eaten because you feel unwell."),
        AVOIDED_WHEN_UNWELL: _("Eaten less often after bad periods, which can blur its apparent effect."),
        FEW_EXPOSED: _("Too few periods with it ({exposed}); at least {needed} are needed."),
        FEW_UNEXPOSED: _("Too few periods without it ({unexposed}); at least {needed} are needed."),
        FEW_DAYS: _("Only {days} days with ratings; at least {needed} are needed."),
        EATEN_TOGETHER: _("Mostly eaten together with {others}; their effects cannot be told apart."),
        EXPLAINED_BY: _("Its link fades once {others} is taken into account; it is not named a suspect."),
        EXPECTED: _("You suspected this before the diary: expecting symptoms can bring them on after eating it, "
                    "so more evidence is needed; only a blinded challenge can tell the two apart."),
        WIDENED: _("Day-to-day patterns in your diary make this less certain; the interval was widened."),
        NO_CALIBRATION: _("The diary is too short to check the result against shifted timings."),
        LOG_MORE_DAYS: _("Log {days} more days with {ratings} ratings a day."),
        RATE_MORE_OFTEN: _("Rate your symptoms on more days: {share}% of days have a rating, aim for 80%."),
        KEEP_LOGGING: _("Keep logging: {days} days are recommended for a reliable screen."),
    }


@dataclass(frozen=True, slots=True)
class Note:
    """A note: a stable key for programs and parameters for its translated sentence."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The sentence in the current language."""
        template = _templates().get(self.key, self.key)
        return template.format(**self.params)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: key, parameters and text."""
        return {"key": self.key, "params": dict(self.params), "text": self.text}
