"""Speed of the suspect screen: one person's year, all groups plus the 300 most eaten foods.

A year of ≈1,800 eating occasions and 3 ratings a day, 1,000 circular shifts, one symptom,
one core. Target: ≤ 0.5 s for the screen itself (building inputs is not timed). `--symptoms 2`
or 3 rates that many symptoms at each prompt and screens them together (screen-4 reads them
jointly, bloating named as the main one).

    python benchmarks/bench_screening_speed.py [--repeats 5] [--symptoms 1]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import datetime, timedelta, timezone

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np

from zonula.analysis import MealOccasion, Measurement, Rating, ScreeningInput, ScreeningSettings, screen
from zonula.simulation.menu import ALL_GROUPS

DAYS = 365
N_FOODS = 400
TZ = timezone(timedelta(hours=8))


SYMPTOMS = ("bloating", "abdominal_pain", "gas")


def year_input(seed: int = 0, symptoms: int = 1) -> ScreeningInput:
    """A synthetic year: 5 occasions a day, Zipf-distributed foods, random group doses."""
    rng = np.random.default_rng(seed)
    start = datetime(2026, 1, 5, tzinfo=TZ)
    weights = 1.0 / np.arange(1, N_FOODS + 1) ** 0.9
    weights /= weights.sum()
    food_groups = {f"food{i}": rng.choice(ALL_GROUPS, size=rng.integers(0, 4), replace=False)
                   for i in range(N_FOODS)}
    meals: list[MealOccasion] = []
    for day in range(DAYS):
        for hour in (8.0, 10.5, 12.5, 15.5, 19.0):
            at = start + timedelta(days=day, hours=hour + rng.normal(0, 0.5))
            foods = rng.choice(N_FOODS, size=rng.integers(1, 6), replace=False, p=weights)
            groups: dict[str, float] = {}
            for f in foods:
                for g in food_groups[f"food{f}"]:
                    groups[str(g)] = min(2.0, groups.get(str(g), 0.0) + 0.67)
            meals.append(MealOccasion(at, groups, {f"food{f}": 1.0 for f in foods}))
    ratings = [Rating(start + timedelta(days=d, hours=h), key, float(rng.integers(0, 8)))
               for d in range(DAYS) for h in (11.5, 17.5, 22.5) for key in SYMPTOMS[:symptoms]]
    stress = [Measurement(start + timedelta(days=d, hours=21), float(rng.integers(0, 10))) for d in range(DAYS)]
    return ScreeningInput(tuple(meals[:1800]), tuple(ratings), tuple(stress), main_symptoms=("bloating",))


def main() -> None:
    """Time the screen and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--symptoms", type=int, choices=(1, 2, 3), default=1, help="symptoms rated and screened")
    args = parser.parse_args()
    data = year_input(symptoms=args.symptoms)
    keys = list(SYMPTOMS[: args.symptoms])
    settings = ScreeningSettings(max_shifts=1000, max_foods=300, min_food_occasions=1)
    screen(data, symptoms=keys, settings=settings)  # warm-up (imports, FFT plans)
    times, cpu = [], []
    report = None
    for _ in range(args.repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        report = screen(data, symptoms=keys, settings=settings)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    assert report is not None
    first = [r for r in report.results if r.symptom == "bloating"]
    groups = sum(1 for r in first if r.kind == "group")
    foods = sum(1 for r in first if r.kind == "food")
    tested = sum(1 for r in first if r.status.value != "insufficient_data")
    print(f"occasions {len(data.meals)}, ratings {len(data.ratings)} ({args.symptoms} symptom(s)), "
          f"periods {report.summary.periods}")
    print(f"exposures: {groups} groups + {foods} foods ({tested} tested), circular shifts {report.shifts}")
    print(f"screen time, one core: best {min(times):.3f} s, median {float(np.median(times)):.3f} s "
          f"over {args.repeats} runs (target ≤ 0.5 s); CPU best {min(cpu):.3f} s, median "
          f"{float(np.median(cpu)):.3f} s")


if __name__ == "__main__":
    main()
