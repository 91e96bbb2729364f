"""The server's start-up heap is frozen out of the garbage collector's passes, and young passes are rarer."""

from __future__ import annotations

import gc

from zonula.web.heap import YOUNG_THRESHOLD, tune_collector


def test_start_up_objects_are_moved_out_of_the_collected_generations() -> None:
    kept = [[n] for n in range(1000)]  # live containers the collector tracks
    thresholds = gc.get_threshold()
    try:
        frozen = tune_collector()
        assert frozen == gc.get_freeze_count() >= len(kept)
        assert all(not any(o is kept for o in gc.get_objects(generation)) for generation in (0, 1, 2))
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    assert gc.get_freeze_count() == 0


def test_cycles_made_after_tuning_are_still_collected() -> None:
    thresholds = gc.get_threshold()
    try:
        tune_collector()

        class Node:
            def __init__(self) -> None:
                self.me = self

        node = Node()
        del node
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
