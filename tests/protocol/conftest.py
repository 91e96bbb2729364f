"""Shared fixtures for protocol tests."""

from __future__ import annotations

import pytest

from zonula.protocol.settings import Mode, PlanSettings, Suspect


@pytest.fixture
def targeted() -> PlanSettings:
    """A targeted plan testing lactose and caffeine, seed 7."""
    return PlanSettings(mode=Mode.TARGETED, seed=7, suspects=(Suspect("lactose"), Suspect("caffeine")))
