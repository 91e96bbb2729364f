"""Repair steps: adherence from entries, an autocorrelation-aware before/after, and honest caveats."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from zonula.domain.entries import Entry, EntryKind
from zonula.errors import ValidationError
from zonula.protocol.repair import (
    KNOWLEDGE_ITEM,
    REPAIR_STEPS,
    RepairItem,
    adherence,
    before_after,
    item_report,
    matches,
    step_for,
)

START = date(2026, 2, 1)


def _at(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 9, tzinfo=UTC)


def _ar1_scores(mean_before: float, mean_after: float, phi: float, seed: int) -> dict[date, float]:
    rng = np.random.default_rng(seed)
    x, out = 0.0, {}
    for i in range(-28, 28):
        x = phi * x + rng.normal(0, 1.2 * np.sqrt(1 - phi**2))
        out[START + timedelta(days=i)] = (mean_before if i < 0 else mean_after) + x
    return out


def test_every_article_step_has_an_id_and_both_names() -> None:
    ids = {s.id for s in REPAIR_STEPS}
    assert {"probiotics", "vitamin_d", "omega_3", "l_glutamine", "yoga", "tai_chi", "cut_nsaids"} <= ids
    assert all(s.name_en and s.name_zh for s in REPAIR_STEPS)


def test_every_step_names_its_knowledge_item() -> None:
    assert set(KNOWLEDGE_ITEM) == {s.id for s in REPAIR_STEPS}
    assert all(v.startswith(("repair.", "treatment.", "cause.")) for v in KNOWLEDGE_ITEM.values())


def test_vitamin_d_does_not_count_for_vitamin_a() -> None:
    entry = Entry(EntryKind.SUPPLEMENT, _at(START), name="Vitamin D")
    assert matches(step_for("vitamin_d"), entry)
    assert not matches(step_for("vitamin_a"), entry)
    assert matches(step_for("vitamin_a"), entry.with_changes(name="vitamin A"))


def test_an_unknown_step_is_rejected_with_the_known_ids() -> None:
    with pytest.raises(ValidationError, match="vitamin_d"):
        step_for("unicorn_dust")


def test_adherence_counts_days_with_a_matching_supplement() -> None:
    item = RepairItem("vitamin_d", START, dose="1000 IU")
    entries = [
        Entry(EntryKind.SUPPLEMENT, _at(START + timedelta(days=i)), name=n)
        for i, n in ((0, "Vitamin D3"), (1, "vit d"), (1, "Vitamin D"), (3, "维生素D"), (4, "magnesium"))
    ]
    got = adherence(item, entries, START + timedelta(days=9))
    assert got is not None
    assert (got.days, got.done) == (10, 3)
    assert got.share == pytest.approx(0.3)


def test_practice_steps_count_their_practice_entries() -> None:
    item = RepairItem("tai_chi", START)
    entries = [
        Entry(EntryKind.PRACTICE, _at(START), name="tai_chi"),
        Entry(EntryKind.PRACTICE, _at(START + timedelta(days=1)), name="yoga"),
    ]
    got = adherence(item, entries, START + timedelta(days=1))
    assert got is not None
    assert got.done == 1


def test_cutting_nsaids_counts_days_without_them() -> None:
    item = RepairItem("cut_nsaids", START)
    entries = [Entry(EntryKind.MEDICATION, _at(START + timedelta(days=2)), name="ibuprofen")]
    got = adherence(item, entries, START + timedelta(days=4))
    assert got is not None
    assert (got.days, got.done) == (5, 4)


def test_a_clear_drop_has_an_interval_below_zero() -> None:
    ba = before_after(_ar1_scores(5.0, 2.0, 0.5, seed=1), START, START + timedelta(days=27))
    assert ba is not None
    assert ba.high < 0
    assert ba.low < ba.difference < ba.high


def test_no_change_mostly_gives_an_interval_covering_zero() -> None:
    covered = 0
    for seed in range(200):
        ba = before_after(_ar1_scores(3.0, 3.0, 0.5, seed), START, START + timedelta(days=27))
        assert ba is not None
        covered += ba.low <= 0 <= ba.high
    assert covered / 200 >= 0.90


def test_too_few_ratings_give_no_comparison_and_say_so() -> None:
    scores = {START + timedelta(days=i): 3.0 for i in range(-3, 3)}
    report = item_report(RepairItem("yoga", START), entries=[], scores=scores, today=START + timedelta(days=2))
    assert report.change is None
    assert any("uncontrolled" in n for n in report.notes)
    assert any("at least 7" in n for n in report.notes)


def test_the_report_names_other_steps_started_nearby() -> None:
    others = [RepairItem("probiotics", START + timedelta(days=5)), RepairItem("yoga", START)]
    report = item_report(RepairItem("yoga", START), entries=[], scores={}, today=START, others=others)
    assert any("Probiotics" in n for n in report.notes)


def test_every_repair_step_is_graded_by_the_knowledge_base() -> None:
    from zonula.knowledge.loader import knowledge_base
    from zonula.protocol.repair import KNOWLEDGE_ITEM, STEPS, evidence_grade

    kb = knowledge_base()
    assert set(KNOWLEDGE_ITEM) == set(STEPS)
    for step, item_id in KNOWLEDGE_ITEM.items():
        assert kb.get(item_id).id == item_id
        assert evidence_grade(step) in {"A", "A*", "C", "D", "X"}
    assert evidence_grade("l_glutamine") == kb.get("repair.l_glutamine").grade.value
