"""The server's start-up heap is frozen out of the garbage collector's full collections."""

from __future__ import annotations

import gc

from zonula.web.heap import freeze_startup_objects


def test_start_up_objects_are_moved_out_of_the_collected_generations() -> None:
    kept = [[n] for n in range(1000)]  # live containers the collector tracks
    try:
        frozen = freeze_startup_objects()
        assert frozen == gc.get_freeze_count() >= len(kept)
        assert all(not any(o is kept for o in gc.get_objects(generation)) for generation in (0, 1, 2))
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
