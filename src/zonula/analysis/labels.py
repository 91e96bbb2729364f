"""Translated names of food groups and screening statuses (for the CLI and the web)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zonula.i18n import _

if TYPE_CHECKING:
    from zonula.analysis.results import ScreeningReport


def group_label(key: str) -> str:
    """The translated name of a food group key (unknown keys shown as typed)."""
    labels = {
        "gluten": _("gluten"),
        "wheat": _("wheat"),
        "dairy": _("dairy"),
        "egg": _("egg"),
        "soy": _("soy"),
        "peanut": _("peanut"),
        "tree_nut": _("tree nuts"),
        "fish": _("fish"),
        "shellfish": _("shellfish"),
        "sesame": _("sesame"),
        "corn": _("corn"),
        "nightshade": _("nightshades"),
        "alcohol": _("alcohol"),
        "caffeine": _("caffeine"),
        "added_sugar": _("added sugar"),
        "high_fat": _("high-fat food"),
        "spicy": _("spicy food"),
        "fructans": _("fructans (FODMAP)"),
        "gos": _("GOS (FODMAP)"),
        "lactose": _("lactose (FODMAP)"),
        "excess_fructose": _("excess fructose (FODMAP)"),
        "sorbitol": _("sorbitol (FODMAP)"),
        "mannitol": _("mannitol (FODMAP)"),
    }
    return labels.get(key, key.replace("_", " "))


def status_label(status: str) -> str:
    """The translated name of a screening status."""
    labels = {
        "suspect": _("suspect"),
        "no_evidence": _("not a suspect"),
        "insufficient_data": _("not enough data"),
    }
    return labels.get(status, status)


def food_label(food_id: str, fallback: str = "") -> str:
    """A lexicon food's name in the current language, else `fallback` or the id (a person's own food)."""
    from zonula.foods import load_lexicon  # the lexicon loads on first use only
    from zonula.i18n import pick

    try:
        food = load_lexicon().get(food_id)
    except KeyError:
        return fallback or food_id
    return pick(food.name_en, food.name_zh)


def exposure_label(kind: str, exposure: str, label: str = "") -> str:
    """The translated name of a screened exposure: a food group, or a food (`label` is its stored name)."""
    return group_label(exposure) if kind == "group" else food_label(exposure, label)


def believed_labels(report: ScreeningReport) -> list[str]:
    """The translated names of the exposures the person suspected before the screen (as in its rows)."""
    rows = {r.exposure: r for r in report.results}
    return [exposure_label(rows[b].kind, b, rows[b].label) if b in rows else b for b in report.summary.believed]
