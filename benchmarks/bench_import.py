"""Import speed: a 5-year Cronometer servings.csv, ten users' years of zonula CSV, and a year's JSON listing.

Run: `PYTHONPATH=src python benchmarks/bench_import.py [--years 5] [--users 10] [--runs 5]`. Prints its
figures; targets (issue 8 and issue 2): Cronometer <= 5 s, zonula CSV >= 20,000 rows/s, diary JSON <= 0.5 s
as the command a user runs (a new process: the median and best of `--runs`, wall and CPU).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner

from zonula.cli import main
from zonula.service import Diary
from zonula.storage import Database
from zonula.storage.users import ensure_user

NUTRIENTS = [
    'Energy (kcal)', 'Alcohol (g)', 'Caffeine (mg)', 'Water (g)', 'B1 (Thiamine) (mg)', 'B2 (Riboflavin) (mg)',
    'B3 (Niacin) (mg)', 'B5 (Pantothenic Acid) (mg)', 'B6 (Pyridoxine) (mg)', 'B12 (Cobalamin) (µg)',
    'Folate (µg)', 'Vitamin A (µg)', 'Vitamin C (mg)', 'Vitamin D (IU)', 'Vitamin E (mg)', 'Vitamin K (µg)',
    'Calcium (mg)', 'Copper (mg)', 'Iron (mg)', 'Magnesium (mg)', 'Manganese (mg)', 'Phosphorus (mg)',
    'Potassium (mg)', 'Selenium (µg)', 'Sodium (mg)', 'Zinc (mg)', 'Carbs (g)', 'Fiber (g)', 'Starch (g)',
    'Sugars (g)', 'Net Carbs (g)', 'Fat (g)', 'Cholesterol (mg)', 'Monounsaturated (g)', 'Polyunsaturated (g)',
    'Saturated (g)', 'Trans-Fats (g)', 'Omega-3 (g)', 'Omega-6 (g)', 'Cystine (g)', 'Histidine (g)',
    'Isoleucine (g)', 'Leucine (g)', 'Lysine (g)', 'Methionine (g)', 'Phenylalanine (g)', 'Protein (g)',
    'Threonine (g)', 'Tryptophan (g)', 'Tyrosine (g)', 'Valine (g)',
]
FOODS = ["Oatmeal, Cooked With Water", "Milk, 2%", "Banana", "Eggs, Cooked", "Rice, White, Cooked", "牛肉面",
         "豆浆", "包子", "Apple", "Yogurt, Plain", "Bread, Whole Wheat", "Chicken Breast, Roasted", "Broccoli",
         "Salmon, Atlantic, Baked", "Coffee, Brewed", "Almonds", "麻婆豆腐", "Green Tea"]
MEALS = [("Breakfast", "7:{m:02d} AM", 4), ("Lunch", "12:{m:02d} PM", 5), ("Dinner", "6:{m:02d} PM", 5),
         ("Snacks", "3:{m:02d} PM", 2)]


def cronometer_servings(path: Path, years: int, rng: random.Random) -> int:
    """Write a servings.csv of `years` years (about 16 servings a day); return its row count."""
    rows = 0
    start = date(2021, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Day,Time,Group,Food Name,Amount," + ",".join(NUTRIENTS) + ",Category\r\n")
        for offset in range(365 * years):
            day = (start + timedelta(days=offset)).isoformat()
            for group, clock, count in MEALS:
                at = clock.format(m=rng.randrange(60))
                for _ in range(count):
                    numbers = ",".join("" if rng.random() < 0.15 else f"{rng.random() * 50:.2f}" for _n in NUTRIENTS)
                    out.write(f'{day},{at},"{group}","{rng.choice(FOODS)}","{rng.randint(1, 3)}.00 serving",'
                              f'{numbers},"Custom"\r\n')
                    rows += 1
    return rows


def zonula_year(path: Path, rng: random.Random, per_day: int = 27) -> int:
    """Write a year of zonula CSV (about `per_day` entries a day); return its row count."""
    rows = 0
    start = date(2025, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("timestamp,kind,name,value,unit,note\n")
        for offset in range(365):
            day = start + timedelta(days=offset)
            for i in range(per_day):
                stamp = f"{day.isoformat()}T{6 + i * 16 // per_day:02d}:{rng.randrange(60):02d}:00+08:00"
                kind = i % 6
                if kind == 0:
                    line = f"{stamp},meal,\"{rng.choice(FOODS)}, {rng.choice(FOODS)}\",,,"
                elif kind == 1:
                    line = f"{stamp},symptom,bloating,{rng.randint(0, 10)},,"
                elif kind == 2:
                    line = f"{stamp},stool,,{rng.randint(1, 7)},,"
                elif kind == 3:
                    line = f"{stamp},stress,,{rng.randint(0, 10)},,"
                elif kind == 4:
                    line = f"{stamp},supplement,probiotic,1,capsule,"
                else:
                    line = f"{stamp},note,,,,day {offset} item {i}"
                out.write(line + "\n")
                rows += 1
    return rows


def _diary(db: Database, name: str) -> Diary:
    with db.transaction() as session:
        user = ensure_user(session, name)
    diary = Diary(db, user)
    diary.set_preferences(timezone="Asia/Shanghai")
    return diary


def main_bench() -> None:
    """Run the three measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=5, help="Years of Cronometer servings (default 5).")
    parser.add_argument("--users", type=int, default=10, help="Users with a year of zonula CSV (default 10).")
    parser.add_argument("--runs", type=int, default=5, help="New-process runs of each command timed (default 5).")
    args = parser.parse_args()
    rng = random.Random(8)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        servings = work / "servings.csv"
        rows = cronometer_servings(servings, args.years, rng)
        db = Database(f"sqlite:///{work / 'zonula.sqlite3'}")
        diary = _diary(db, "cronometer")
        began, cpu = time.perf_counter(), time.process_time()
        report = diary.import_file("cronometer", servings)
        took, cpu = time.perf_counter() - began, time.process_time() - cpu
        print(f"cronometer servings.csv: {rows} rows ({servings.stat().st_size / 1e6:.1f} MB) -> "
              f"{report.added} meals in {took:.2f} s wall, {cpu:.2f} s CPU ({rows / took:,.0f} rows/s wall; "
              f"target <= 5 s)")

        files = []
        for n in range(args.users):
            path = work / f"user{n}.csv"
            files.append((path, zonula_year(path, rng)))
        total_rows = sum(r for _p, r in files)
        diaries = [_diary(db, f"user{n}") for n in range(len(files))]
        began, cpu = time.perf_counter(), time.process_time()
        for user_diary, (path, _rows) in zip(diaries, files, strict=True):
            user_diary.import_file("csv", path)
        took, cpu = time.perf_counter() - began, time.process_time() - cpu
        print(f"zonula CSV: {args.users} users, {total_rows} rows in {took:.2f} s wall, {cpu:.2f} s CPU "
              f"({total_rows / took:,.0f} rows/s wall, {total_rows / cpu:,.0f} rows/s CPU; "
              f"target >= 20,000 rows/s)")
        db.dispose()

        env = {"ZONULA_DATA_DIR": str(work), "ZONULA_DATABASE_URL": "", "ZONULA_USER": "user0",
               "ZONULA_LANG": "en", "ZONULA_TIMEZONE": "Asia/Shanghai"}
        runner = CliRunner()
        began, cpu = time.perf_counter(), time.process_time()
        result = runner.invoke(main, ["diary", "--format", "json"], env=env, catch_exceptions=False)
        took, cpu = time.perf_counter() - began, time.process_time() - cpu
        print(f"zonula diary --format json, one user's year ({files[0][1]} entries, {len(result.output) / 1e6:.1f} MB)"
              f": {took:.2f} s wall, {cpu:.2f} s CPU in-process (the command's own work, modules already loaded)")
        diary_args = ["diary", "--format", "json"]
        cached = {**os.environ, **env, "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        cached.pop("PYTHONDONTWRITEBYTECODE", None)
        run_cli(diary_args, cached)  # warm-up: writes the bytecode cache, as installing zonula does
        print("  as a new process, Python start-up and imports included (target <= 0.5 s), "
              f"{args.runs} runs:\n    {timed_runs(diary_args, cached, args.runs)} (bytecode cached, as installed)")
        bare = {**os.environ, **env, "PYTHONDONTWRITEBYTECODE": "1"}
        print(f"    {timed_runs(diary_args, bare, args.runs)} (no bytecode cache: every module compiled)")
        print(f"  zonula --help as a new process: {timed_runs(['--help'], cached, args.runs)}")
        print(f"  load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())} on "
              f"{os.cpu_count()} CPUs")


def run_cli(argv: list[str], env: dict[str, str]) -> None:
    """Run `zonula ARGV` as a new process, output discarded."""
    subprocess.run([sys.executable, "-c", "from zonula.cli import main; main()", *argv], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def timed_runs(argv: list[str], env: dict[str, str], runs: int) -> str:
    """Median and best wall and CPU seconds of `runs` new-process runs of `zonula ARGV`."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        run_cli(argv, env)
        walls.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return (f"wall median {statistics.median(walls):.3f} s, best {min(walls):.3f} s; "
            f"CPU median {statistics.median(cpus):.3f} s, best {min(cpus):.3f} s")

if __name__ == "__main__":
    main_bench()
