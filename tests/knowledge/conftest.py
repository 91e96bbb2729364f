"""Fixtures for the knowledge tests: a complete, valid answers dict (the documented example)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "answers.json"


@pytest.fixture
def answers() -> dict[str, Any]:
    """The example answers of docs/examples/answers.json (a fresh copy per test)."""
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def calm_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """Answers with no red flags, no supervision reasons and coeliac serology done."""
    answers.update(symptoms_new=False, allergic_reaction=False, coeliac_tested="yes")
    answers.pop("allergic_foods")
    return answers
