"""Words the report needs beyond the shared labels of the CLI, protocol and analysis: red flags and
evidence grades from the knowledge base."""

from __future__ import annotations

from zonula.knowledge.model import Grade
from zonula.knowledge.redflags import safety_rules
from zonula.knowledge.wording import grade_label


def red_flag_label(key: str) -> str:
    """A red flag's explanation from the knowledge base in the current language (an unknown key, e.g.
    from an older assessment, in words)."""
    try:
        return str(safety_rules().red_flag(key).reason)
    except KeyError:
        return key.replace("_", " ")


def grade_text(grade: str) -> str:
    """`A: Established` for a knowledge-base grade letter (empty when there is none)."""
    try:
        return f"{grade}: {grade_label(Grade(grade))}"
    except ValueError:
        return grade
