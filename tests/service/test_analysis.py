"""Diary.analyze over both stores: parsed meals, results cached by input version, recomputed on change."""

from __future__ import annotations

from datetime import date

from zonula.analysis import Status
from zonula.analysis.periods import diary_date
from zonula.domain.entries import Entry, EntryKind
from zonula.service import Diary
from zonula.service.simulation import simulate_diary
from zonula.storage import screening as store


def _cached(diary: Diary) -> int:
    with diary.db.reading() as session:
        return store.count_reports(session, diary.user.id)


def test_analyze_screens_a_simulated_diary_and_reuses_the_stored_result(diary: Diary) -> None:
    entries, truth = simulate_diary(days=42, seed=3, triggers=["lactose"], lang="mixed")
    diary.add_many(entries)
    report = diary.analyze("腹胀")  # Chinese name of bloating
    assert report.summary.symptoms == ("bloating",)
    assert report.summary.meals == sum(1 for e in entries if e.kind is EntryKind.MEAL)
    assert any(r.exposure == "lactose" and r.status is not Status.INSUFFICIENT_DATA for r in report.results)
    assert {r.kind for r in report.results} == {"group", "food"}
    assert truth["triggers"][0]["group"] == "lactose"
    assert _cached(diary) == 1
    again = diary.analyze("bloating")
    assert again.results == report.results
    assert _cached(diary) == 1


def test_a_diary_change_gives_a_new_result(diary: Diary) -> None:
    entries, _ = simulate_diary(days=28, seed=4)
    diary.add_many(entries)
    first = diary.analyze("bloating")
    meal = next(e for e in diary.entries(kinds=[EntryKind.MEAL]))
    diary.add(Entry(EntryKind.SYMPTOM, meal.at, name="bloating", value=9))
    second = diary.analyze("bloating")
    assert second.summary.ratings == first.summary.ratings + 1
    assert _cached(diary) == 1  # the older report of the same scope is replaced


def test_a_date_range_is_its_own_scope(diary: Diary) -> None:
    entries, truth = simulate_diary(days=28, seed=5)
    diary.add_many(entries)
    start = date.fromisoformat(truth["start"])
    whole = diary.analyze()
    end = date(start.year, start.month, start.day + 9)
    part = diary.analyze(None, start, end)
    used = [diary_date(e.at) for e in diary.entries(date_from=start, date_to=end)
            if e.kind in (EntryKind.MEAL, EntryKind.SYMPTOM)]
    used = [d for d in used if start <= d <= end]
    assert part.summary.days == (max(used) - min(used)).days + 1  # the asked days that have data
    assert 9 <= part.summary.days <= 10 and whole.summary.days >= 28
    assert all(r.status is Status.INSUFFICIENT_DATA for r in part.results)
    assert _cached(diary) == 2


def test_an_empty_diary_says_what_to_log(diary: Diary) -> None:
    report = diary.analyze()
    assert report.results == ()
    assert [n.key for n in report.needed] == ["log_more_days", "rate_more_often"]
