"""Garbage-collector settings for a long-running server process.

After start-up the interpreter holds about 220,000 tracked objects (modules, the app, routes,
pydantic and SQLAlchemy metadata, the knowledge base), and they live as long as the process.
CPython's full collection walks them all, and under a steady write load one ran every few
seconds: 40-800 ms each with the event loop stopped, the main source of the latency tail.
Moving them to the permanent generation once, when start-up is over, makes a full collection walk
only the objects created since.

The youngest generation is collected after 700 net new container objects by default. With a
couple of hundred requests in flight that is several times per request batch, and each pass
promotes the in-flight requests' objects, which then make the older generations' passes long.
Requests free nearly everything they allocate by reference counting, so a first threshold of
10,000 loses nothing: cycles are still found, in passes that are rarer and short.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000
OLDER_THRESHOLDS = (10, 10)


def tune_collector() -> int:
    """Collect start-up garbage, freeze the survivors, raise the young threshold; return how many were frozen."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)
    return gc.get_freeze_count()
