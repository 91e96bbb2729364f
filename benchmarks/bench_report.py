"""Benchmark: a clinician report over one year of a demo diary, built and rendered to HTML and PDF.

Run: `PYTHONPATH=src python benchmarks/bench_report.py`. Target: build + PDF ≤ 10 s per language.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from zonula.demo import demo_entries
from zonula.service import Diary
from zonula.storage import Database
from zonula.storage.users import ensure_user

DAYS = 365
TARGET_S = 10.0


def main() -> None:
    """Fill a fresh store with a year of diary, then time build_report and render per language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--days", type=int, default=DAYS, help=f"diary length in days (default {DAYS})")
    days = parser.parse_args().days
    from zonula.reports import build_report, render  # timed separately below: first import loads WeasyPrint

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/bench.sqlite3")
        with db.transaction() as session:
            user = ensure_user(session, "bench")
        diary = Diary(db, user)
        diary.set_preferences(timezone="Asia/Shanghai")
        end = date(2026, 6, 30)
        entries = demo_entries(days=days, end=end, tz=diary.tz)
        diary.add_many(entries)
        print(f"diary: {days} days, {len(entries)} entries")
        worst = 0.0
        for lang in ("en", "zh"):
            t0 = time.perf_counter()
            report = build_report(diary, end - timedelta(days=days - 1), end)
            t1 = time.perf_counter()
            html = render(report, "html", lang)
            t2 = time.perf_counter()
            pdf = render(report, "pdf", lang)
            t3 = time.perf_counter()
            Path(tmp, f"report-{lang}.pdf").write_bytes(pdf)
            total = (t1 - t0) + (t3 - t2)
            worst = max(worst, total)
            print(f"{lang}: build {t1 - t0:.2f} s, html {t2 - t1:.2f} s ({len(html) / 1e3:.0f} kB), "
                  f"pdf {t3 - t2:.2f} s ({len(pdf) / 1e3:.0f} kB); build+pdf {total:.2f} s")
        db.dispose()
    verdict = "OK" if worst <= TARGET_S else "TOO SLOW"
    print(f"worst build+pdf: {worst:.2f} s (target ≤ {TARGET_S:.0f} s): {verdict}")


if __name__ == "__main__":
    main()
