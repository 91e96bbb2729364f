"""Main symptoms and prior suspicions in Diary.analyze: from the running plan, overridden, in the cache version."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zonula.analysis import ScreeningInput
from zonula.domain.entries import Entry, EntryKind
from zonula.errors import ValidationError
from zonula.foods import Lexicon, load_lexicon
from zonula.service import Diary
from zonula.service.beliefs import MAX_SUSPECTED, believed_exposures, exposures_of, suspected_names
from zonula.service.protocol import suspects_from
from zonula.storage import screening as store

LEXICON = load_lexicon()


def _lexicon() -> Lexicon:
    return LEXICON


def _with_plan(diary: Diary, *, days_ago: int = 0) -> None:
    """A targeted plan: onion (own), lactose (IgG panel) and caffeine (from the screen); bloating is main."""
    diary.start_plan(suspects=suspects_from(["onion"], ["lactose"], ["caffeine"]), main_symptoms=["腹胀"],
                     on=diary.now().date() - timedelta(days=days_ago))


def _versions(diary: Diary) -> list[str]:
    from sqlalchemy import select

    from zonula.storage.tables import ScreeningRow

    with diary.db.reading() as session:
        return [r.version for r in session.scalars(select(ScreeningRow))]


def test_the_screen_reads_the_running_plans_main_symptoms_and_the_persons_own_and_igg_suspects(
        diary: Diary, screened: list[ScreeningInput]) -> None:
    _with_plan(diary)
    diary.analyze()
    [data] = screened
    assert data.main_symptoms == ("bloating",)
    assert data.believed == {"yangcong", "lactose", "dairy"}  # onion is the lexicon's food yangcong
    assert "caffeine" not in data.believed  # the screen's own suspects never feed back into it


def test_without_a_running_plan_nothing_is_main_or_believed(diary: Diary, screened: list[ScreeningInput]) -> None:
    diary.analyze()
    _with_plan(diary, days_ago=60)  # nothing rated: the plan stopped long ago
    assert diary.current_plan_settings() is None
    diary.analyze()
    [data] = screened  # the stopped plan changes nothing: the stored screen is reused
    assert (data.main_symptoms, data.believed) == ((), frozenset())


def test_arguments_override_the_plan(diary: Diary, screened: list[ScreeningInput]) -> None:
    _with_plan(diary)
    diary.analyze(main_symptoms=["Abdominal pain", "腹胀", "bloating"], suspected=["fructans_onion", " milk "])
    diary.analyze(suspected=[])
    first, second = screened
    assert first.main_symptoms == ("abdominal_pain", "bloating")
    assert first.believed == {"fructans_onion", "fructans", LEXICON.lookup("milk").id}  # type: ignore[union-attr]
    assert second.main_symptoms == ("bloating",) and second.believed == frozenset()


def test_a_changed_main_symptom_or_suspect_list_gives_a_fresh_screen(
        diary: Diary, screened: list[ScreeningInput]) -> None:
    diary.add(Entry(EntryKind.SYMPTOM, diary.now() - timedelta(hours=2), name="bloating", value=4))
    diary.analyze(main_symptoms=["bloating"], suspected=["lactose"])
    diary.analyze(main_symptoms=["bloating"], suspected=["乳糖"])  # the same beliefs: the stored screen
    [first] = _versions(diary)
    diary.analyze(main_symptoms=["nausea"], suspected=["lactose"])
    [second] = _versions(diary)
    diary.analyze(main_symptoms=["nausea"], suspected=["lactose", "onion"])
    [third] = _versions(diary)
    assert len({first, second, third}) == 3
    assert len(screened) == 3  # one scope: each new version replaced the stored one


def test_a_custom_symptom_rated_in_the_period_may_be_main(diary: Diary, screened: list[ScreeningInput]) -> None:
    diary.add(Entry(EntryKind.SYMPTOM, diary.now() - timedelta(hours=1), name="Heartburn at night", value=5))
    diary.analyze(main_symptoms=["heartburn at night"])
    assert screened[0].main_symptoms == ("heartburn_at_night",)


@pytest.mark.parametrize(("main", "suspected", "says"), [
    (["sneezing"], None, "unknown symptom 'sneezing'"),
    (["bloating", "nausea", "gas", "diarrhoea"], None, "at most 3 main symptoms"),
    (["  "], None, "needs a name"),
    (None, ["x" * 81], "at most 80 characters"),
    (None, [f"food {i}" for i in range(MAX_SUSPECTED + 1)], "at most 20 suspected"),
])
def test_bad_main_symptoms_or_suspects_are_refused_and_nothing_is_stored(
        diary: Diary, main: list[str] | None, suspected: list[str] | None, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        diary.analyze(main_symptoms=main, suspected=suspected)
    with diary.db.reading() as session:
        assert store.count_reports(session, diary.user.id) == 0


def test_a_persons_own_food_is_believed_by_its_id(diary: Diary, screened: list[ScreeningInput]) -> None:
    food = diary.add_food("Nonna's special", parts=["onion"])
    diary.analyze(suspected=["nonna's special", "durian cake from the corner"])
    assert screened[0].believed == {food.food_id, "durian_cake_from_the_corner"}


@pytest.mark.parametrize(("name", "exposures"), [
    ("fructans_onion", {"fructans_onion", "fructans"}),
    ("fructans", {"fructans"}),  # the group itself, not the wheat challenge its alias points to
    ("Lactose", {"lactose", "dairy"}),
    ("乳糖", {"lactose", "dairy"}),  # a challenge group's Chinese name
    ("peanut", {"peanut"}),  # a lexicon group without a challenge of its own
    ("洋葱", {"yangcong"}),
    ("yangcong", {"yangcong"}),
    ("Bubble Tea", {"zhenzhu_naicha"}),
])
def test_a_suspect_stands_for_its_groups_or_its_food(name: str, exposures: set[str]) -> None:
    assert exposures_of(name, _lexicon) == exposures


def test_beliefs_are_the_union_of_each_suspects_exposures() -> None:
    assert believed_exposures(["gluten", "", "onion"], _lexicon) == {"gluten", "wheat", "fructans", "yangcong"}


@given(st.lists(st.text(max_size=80), max_size=MAX_SUSPECTED))
def test_suspected_names_are_stripped_without_blanks_or_repeats(names: list[str]) -> None:
    got = suspected_names(names)
    assert all(n and n == n.strip() for n in got)
    assert len(set(got)) == len(got)
    assert set(got) == {n.strip() for n in names if n.strip()}
