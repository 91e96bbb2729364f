"""Seeded randomisation: the reintroduction order, food-or-control first per cycle, sachet codes."""

from __future__ import annotations

import random
from dataclasses import replace

from zonula.protocol.settings import PlanSettings


def reintroduction_order(settings: PlanSettings, epoch: int = 0) -> tuple[str, ...]:
    """The app-randomised reintroduction order, reproducible from the plan's seed."""
    keys = list(settings.group_keys())
    random.Random(f"{settings.seed}:{epoch}:reintroduction").shuffle(keys)
    return tuple(keys)


def with_recorded_order(settings: PlanSettings, epoch: int = 0) -> PlanSettings:
    """The settings with a freshly drawn reintroduction order recorded in them."""
    return replace(settings, order=reintroduction_order(replace(settings, order=()), epoch))


def food_first(settings: PlanSettings, group: str, cycle: int, epoch: int = 0) -> bool:
    """Whether the food block comes first in a confirmation cycle (seeded coin flip)."""
    return random.Random(f"{settings.seed}:{epoch}:{group}:{cycle}").random() < 0.5


def sachet_code(group: str, cycle: int, block: int) -> str:
    """The label on a blinded sachet: names the cycle and block, never the content."""
    return f"{group[:3].upper()}-{cycle}{'AB'[block - 1]}"
