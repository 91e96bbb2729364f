"""Benchmark the knowledge base and assessment: cold load, assess(), JSON round trip, storage.

Run: `PYTHONPATH=src python benchmarks/bench_assessment.py`. Prints its figures; not a timed test.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zonula.knowledge import AssessmentResult, assess, build_safety_status  # noqa: E402
from zonula.knowledge.loader import knowledge_base, references  # noqa: E402
from zonula.knowledge.questionnaire import AnswerType, questionnaire  # noqa: E402
from zonula.knowledge.redflags import safety_rules  # noqa: E402
from zonula.service import Diary  # noqa: E402
from zonula.storage import Database  # noqa: E402
from zonula.storage.users import ensure_user  # noqa: E402

EXAMPLE = json.loads((ROOT / "docs" / "examples" / "answers.json").read_text(encoding="utf-8"))


def per_call_us(fn: Callable[[], object], n: int) -> float:
    """Median of 5 runs of n calls, in microseconds per call."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append((time.perf_counter() - start) / n * 1e6)
    return statistics.median(runs)


def random_answers(rng: random.Random) -> dict[str, Any]:
    """A random complete, valid answers dict (for throughput over varied inputs)."""
    answers: dict[str, Any] = {}
    clean: dict[str, Any] = {}
    for q in questionnaire().questions:
        if not q.is_asked(clean):
            continue
        if q.type is AnswerType.YESNO:
            value: Any = rng.random() < 0.15
        elif q.type is AnswerType.CHOICE:
            value = rng.choice(q.choices).value
        elif q.type is AnswerType.MULTI:
            value = [c.value for c in q.choices if rng.random() < 0.1]
        elif q.type is AnswerType.INT:
            value = rng.randint(q.min or 0, min(q.max or 0, 90))
        else:
            value = rng.sample(["peanuts", "milk", "虾", "kiwi", "egg"], 2)
        answers[q.id] = value
        clean[q.id] = q.parse(value)
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stored", type=int, default=200, help="assessments to store in SQLite (default 200)")
    args = parser.parse_args()
    start = time.perf_counter()
    kb, q, rules = knowledge_base(), questionnaire(), safety_rules()
    cold_ms = (time.perf_counter() - start) * 1e3
    print(f"cold load (items, references, questionnaire, red flags): {cold_ms:.1f} ms "
          f"[{len(kb.items)} items, {len(references())} references, {len(q.questions)} questions, "
          f"{len(rules.red_flags)} red flags, {len(rules.supervision)} supervision rules]")

    print(f"assess(example): {per_call_us(lambda: assess(EXAMPLE), 500):.0f} µs/call")
    rng = random.Random(7)
    varied = [random_answers(rng) for _ in range(max(500, args.stored))]
    it = iter(varied * 5)
    print(f"assess(random valid answers): {per_call_us(lambda: assess(next(it)), 500):.0f} µs/call")
    flagged = sum(bool(assess(a).red_flags) for a in varied)
    print(f"  share of random answers with >= 1 red flag: {flagged / len(varied):.0%}")

    result = assess(EXAMPLE)
    blob = json.dumps(result.to_dict())
    print(f"result JSON size: {len(blob)} bytes; round trip: "
          f"{per_call_us(lambda: AssessmentResult.from_dict(json.loads(json.dumps(result.to_dict()))), 500):.0f}"
          " µs/call")
    print(f"build_safety_status: {per_call_us(lambda: build_safety_status(result), 5000):.1f} µs/call")
    print(f"search('glutamine'): {per_call_us(lambda: kb.search('glutamine'), 5000):.1f} µs/call")

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/bench.sqlite3")
        with db.transaction() as session:
            user = ensure_user(session, "bench")
        diary = Diary(db, user)
        n = args.stored
        start = time.perf_counter()
        for k, answers in enumerate(varied[:n]):
            diary.save_assessment(answers, on=date(2026, 1, 1) + timedelta(days=k))
        save_ms = (time.perf_counter() - start) / n * 1e3
        start = time.perf_counter()
        history = diary.assessment_history()
        changes = diary.assessment_changes()
        status = diary.safety_status()
        read_ms = (time.perf_counter() - start) * 1e3
        db.dispose()
    print(f"SQLite save_assessment: {save_ms:.1f} ms each (n={n}); history + {len(changes)} comparisons "
          f"+ safety status over {len(history)} assessments: {read_ms:.0f} ms "
          f"(locked={status.diet_tools_locked})")


if __name__ == "__main__":
    main()
