"""Parser speed: 100k mixed English/Chinese meal entries on one core, and lexicon load time.

Run: PYTHONPATH=src python benchmarks/bench_parser.py [N]
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from zonula.foods import load_lexicon, parse_meal

ROOT = Path(__file__).resolve().parent.parent
LOAD_SNIPPET = (
    "import time; t0 = time.perf_counter(); import zonula.foods as f; t1 = time.perf_counter(); "
    "c1 = time.process_time(); f.load_lexicon(); t2 = time.perf_counter(); "
    "print(t1 - t0, t2 - t1, time.process_time() - c1)"
)
EN_QTY = ["", "2 ", "a ", "a bowl of ", "two slices of ", "a large ", "half a cup of ", "3 pieces of ", "some "]
ZH_QTY = ["", "两个", "一杯", "半碗", "一大碗", "三片", "一份", "小份", "一盘"]
JOIN_EN = [", ", " and ", " with ", " + ", "; "]
JOIN_ZH = ["、", "，", "和", "加", " "]
PREFIX = ["", "breakfast: ", "lunch - ", "早餐：", "午饭 ", "晚饭吃了", "dinner ", "夜宵："]


def make_entries(n: int, seed: int = 7) -> list[str]:
    """Varied meal texts: labelled examples plus random bilingual combinations of lexicon names."""
    rng = random.Random(seed)
    lex = load_lexicon()
    en_names = [k for k in lex.en if " " not in k or k.count(" ") < 3]
    zh_names = list(lex.zh)
    labelled = [
        json.loads(line)["text"]
        for line in (ROOT / "tests" / "data" / "meals_labelled.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out = []
    for i in range(n):
        if i % 10 == 0:
            out.append(rng.choice(labelled))
            continue
        parts = []
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.5:
                parts.append(rng.choice(EN_QTY) + rng.choice(en_names))
            else:
                parts.append(rng.choice(ZH_QTY) + rng.choice(zh_names))
        joiner = rng.choice(JOIN_EN + JOIN_ZH)
        out.append(rng.choice(PREFIX) + joiner.join(parts))
    return out


def main() -> None:
    """Print parse throughput and lexicon load time."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = [
        subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, check=True).stdout.split()
        for _ in range(5)
    ]
    imports = sorted(float(r[0]) for r in runs)[2]
    loads = sorted(float(r[1]) for r in runs)[2]
    load_cpu = sorted(float(r[2]) for r in runs)[2]
    print(f"lexicon: {len(load_lexicon())} foods; import {imports * 1000:.0f} ms; load_lexicon() {loads * 1000:.0f} ms "
          f"wall, {load_cpu * 1000:.0f} ms CPU (median of 5 fresh processes; target <= 200 ms)")  # fmt: skip
    entries = make_entries(n)
    chars = sum(len(e) for e in entries)
    items = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in entries:
        items += len(parse_meal(text).items)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"parsed {n} entries ({chars / n:.1f} chars, {items / n:.2f} items each) in {elapsed:.2f} s wall, "
          f"{cpu:.2f} s CPU: {n / elapsed:,.0f} entries/s wall, {n / cpu:,.0f} entries/s per CPU-second "
          f"(target >= 20,000; the machine's load average was {os.getloadavg()[0]:.1f})")  # fmt: skip


if __name__ == "__main__":
    main()
