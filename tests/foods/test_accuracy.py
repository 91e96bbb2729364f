"""Group recall and precision of the parser on the labelled meal set (tests/data/meals_labelled.jsonl)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from zonula.foods import GROUPS, parse_meal

LABELLED = Path(__file__).resolve().parent.parent / "data" / "meals_labelled.jsonl"


def evaluate() -> tuple[float, float, list[str]]:
    """Micro-averaged recall and precision over meal × group, and a report of the misses."""
    tp = fp = fn = 0
    missed: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    lines: list[str] = []
    for raw in LABELLED.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        row = json.loads(raw)
        expected = set(row["groups"])
        found = set(parse_meal(row["text"]).contained())
        tp += len(expected & found)
        fp += len(found - expected)
        fn += len(expected - found)
        if expected != found:
            missed.update(expected - found)
            extra.update(found - expected)
            lines.append(f"  {row['text']!r}: missed {sorted(expected - found)} extra {sorted(found - expected)}")
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    per_group = [f"  {g}: missed {missed[g]}, extra {extra[g]}" for g in GROUPS if missed[g] or extra[g]]
    return recall, precision, per_group + lines


def test_labelled_set_has_enough_meals_in_both_languages() -> None:
    rows = [json.loads(r) for r in LABELLED.read_text(encoding="utf-8").splitlines() if r.strip()]
    langs = Counter(r["lang"] for r in rows)
    assert len(rows) >= 300
    assert langs["en"] >= 50
    assert langs["zh"] >= 50


def test_group_recall_and_precision_reach_95_percent() -> None:
    recall, precision, report = evaluate()
    message = f"recall {recall:.3f}, precision {precision:.3f}\n" + "\n".join(report)
    assert recall >= 0.95, message
    assert precision >= 0.95, message


if __name__ == "__main__":
    r, p, rep = evaluate()
    print("\n".join(rep))
    print(f"recall {r:.3f} precision {p:.3f}")
