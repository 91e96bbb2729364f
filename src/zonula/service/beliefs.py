"""Facade: a person's main symptoms and prior suspicions, as the suspect screen reads them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from zonula.domain.entries import SYMPTOM_KEYS, normalise_symptom
from zonula.errors import FieldProblem, ValidationError
from zonula.foods.groups import GROUPS as FOOD_GROUPS
from zonula.i18n import _

if TYPE_CHECKING:
    from zonula.foods import Lexicon
    from zonula.protocol.settings import PlanSettings

MAX_MAIN = 3
MAX_SUSPECTED = 20
MAX_NAME = 80


def main_symptom_keys(names: Sequence[str], *, rated: Collection[str]) -> tuple[str, ...]:
    """Canonical keys of 1-3 main symptoms, each a known symptom or one rated in the diary.

    Raises:
        ValidationError: an empty or unknown name, or more than three symptoms.
    """
    problems: list[FieldProblem] = []
    keys: list[str] = []
    for name in names:
        key = normalise_symptom(name) if len(name) <= MAX_NAME else ""
        if not key:
            problems.append(FieldProblem("main_symptoms", _("a main symptom needs a name of 1-{n} characters")
                                         .format(n=MAX_NAME)))
        elif key not in SYMPTOM_KEYS and key not in rated:
            problems.append(FieldProblem("main_symptoms", _(
                "unknown symptom {name!r}: use a symptom key such as bloating or abdominal_pain, "
                "or one rated in the screened period").format(name=name.strip())))
        elif key not in keys:
            keys.append(key)
    if len(keys) > MAX_MAIN:
        problems.append(FieldProblem("main_symptoms", _("choose at most {n} main symptoms, got {got}")
                                     .format(n=MAX_MAIN, got=len(keys))))
    if problems:
        raise ValidationError(problems)
    return tuple(keys)


def suspected_names(names: Iterable[str]) -> tuple[str, ...]:
    """The suspected foods or groups, stripped, without empty items or repeats.

    Raises:
        ValidationError: a name over 80 characters, or more than 20 names.
    """
    out: list[str] = []
    for name in (n.strip() for n in names):
        if len(name) > MAX_NAME:
            raise ValidationError([FieldProblem("suspected", _("a suspected food or group has at most {n} "
                                                               "characters").format(n=MAX_NAME))])
        if name and name not in out:
            out.append(name)
    if len(out) > MAX_SUSPECTED:
        raise ValidationError([FieldProblem("suspected", _("name at most {n} suspected foods or groups, got {got}")
                                            .format(n=MAX_SUSPECTED, got=len(out)))])
    return tuple(out)


def prior_suspects(plan: PlanSettings | None) -> tuple[str, ...]:
    """The plan's suspects the person brought to it (their own list, an IgG panel), never the screen's."""
    from zonula.protocol.settings import SuspectSource

    if plan is None:
        return ()
    return tuple(s.key for s in plan.suspects if s.source in (SuspectSource.OWN, SuspectSource.IGG_PANEL))


def exposures_of(name: str, lexicon: Callable[[], Lexicon]) -> frozenset[str]:
    """The exposure names (food-group ids, food ids) the screen reads for one suspected group or food.

    A challenge group stands for its id and the lexicon groups it belongs to (`fructans_onion` ->
    fructans; `dairy` -> dairy and lactose); a lexicon group for itself; a food for its lexicon id
    (the person's own foods included); anything else for its slug.
    """
    from zonula.protocol.groups import GROUPS, slug

    key = slug(name)
    group = GROUPS.get(key) or next((g for g in GROUPS.values() if g.name_zh == name.strip()), None)
    if key in FOOD_GROUPS and (group is None or group.id != key):
        return frozenset({key})  # e.g. "fructans" names the group itself, not the wheat challenge behind its alias
    if group is not None:
        return frozenset({group.id, *group.food_groups})
    found = lexicon().lookup(name)
    if found is None and name.strip() in lexicon():
        found = lexicon().get(name.strip())
    return frozenset({found.id if found is not None else key})


def believed_exposures(names: Iterable[str], lexicon: Callable[[], Lexicon]) -> frozenset[str]:
    """Every exposure name the suspected groups and foods stand for (empty names are skipped)."""
    return frozenset().union(*(exposures_of(n, lexicon) for n in names if n.strip()))
