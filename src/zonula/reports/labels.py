"""Words the report needs beyond the shared labels of the CLI, protocol and analysis: red flags."""

from __future__ import annotations

from zonula.knowledge.redflags import safety_rules


def red_flag_label(key: str) -> str:
    """A red flag's explanation from the knowledge base in the current language (an unknown key, e.g.
    from an older assessment, in words)."""
    try:
        return str(safety_rules().red_flag(key).reason)
    except KeyError:
        return key.replace("_", " ")
