"""The foods facade: meals parsed on add, import and edit; re-parse on lexicon change; user foods."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from zonula.domain.entries import Entry, EntryKind
from zonula.errors import ConflictError, NotFoundError, ValidationError
from zonula.foods import Level
from zonula.service import Diary
from zonula.storage import foods as store

CST = timezone(timedelta(hours=8))
AT = datetime(2026, 11, 20, 8, 0, tzinfo=CST)


def meal(diary: Diary, text: str) -> int:
    saved = diary.add(Entry(EntryKind.MEAL, AT, name=text))
    assert saved.id is not None
    return saved.id


def test_a_logged_meal_is_parsed_and_stored_with_the_lexicon_version(diary: Diary) -> None:
    entry_id = meal(diary, "早餐:牛奶、两个包子 and a latte")
    items, version = diary.meal_items(entry_id)
    assert [i.text for i in items] == ["牛奶", "两个包子", "a latte"]
    assert items[1].quantity == 2 and items[1].unit == "个"
    assert items[0].groups["lactose"] is Level.HIGH
    assert version == diary.food_lexicon().version


def test_editing_a_meal_parses_it_again_and_a_non_meal_has_no_items(diary: Diary) -> None:
    entry_id = meal(diary, "pizza")
    diary.edit(entry_id, name="豆浆 and rice")
    items, _ = diary.meal_items(entry_id)
    assert [i.text for i in items] == ["豆浆", "rice"]
    note = diary.add(Entry(EntryKind.NOTE, AT, note="slept badly", name=""))
    assert diary.meal_items(note.id or 0) == ([], None)


def test_deleting_a_meal_deletes_its_items(diary: Diary) -> None:
    entry_id = meal(diary, "pizza and beer")
    diary.delete(entry_id)
    with diary.db.reading() as session:
        assert store.all_meal_items(session, diary.user.id) == []


def test_an_imported_meal_is_parsed(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "meals.csv"
    rows = "timestamp,kind,name,value,unit,note\n2026-11-20T08:00:00+08:00,meal,一碗小米粥,,,\n"
    path.write_text(rows, encoding="utf-8")
    diary.import_file("csv", path)
    (entry,) = diary.entries()
    items, _ = diary.meal_items(entry.id or 0)
    assert [i.text for i in items] == ["一碗小米粥"]


def test_a_user_food_is_used_for_new_and_old_meals(diary: Diary) -> None:
    entry_id = meal(diary, "外婆饺子")
    assert diary.meal_items(entry_id)[0][0].food_id is None
    diary.add_food("grandma's dumplings", name_zh="外婆饺子", parts=["面粉", "pork"],
                   groups={"fructans": Level.HIGH})
    items, version = diary.meal_items(entry_id)
    assert items[0].food_id == "user:grandma-s-dumplings"
    assert items[0].groups["gluten"].contained and items[0].groups["fructans"] is Level.HIGH
    assert version == diary.food_lexicon().version
    diary.delete_food("grandma-s-dumplings")
    assert diary.meal_items(entry_id)[0][0].food_id is None


def test_a_recipe_takes_the_groups_of_its_parts(diary: Diary) -> None:
    diary.add_recipe("morning pancakes", name_zh="早餐煎饼", parts=["wheat_flour", "milk", "egg"])
    (recipe,) = diary.user_foods(kind="recipe")
    assert recipe.parts == ("wheat_flour", "milk", "egg")
    item = diary.parse_meal("two morning pancakes").items[0]
    assert {"gluten", "lactose", "egg"} <= {g for g, level in item.groups.items() if level.contained}


def test_bad_user_foods_are_rejected_with_every_problem(diary: Diary) -> None:
    with pytest.raises(ValidationError) as err:
        diary.add_food("", groups={"glutten": Level.HIGH}, parts=["unobtainium"])
    assert {p.field for p in err.value.problems} == {"name", "groups", "parts"}
    with pytest.raises(ValidationError):
        diary.add_recipe("empty recipe", parts=[])
    diary.add_food("kombucha special")
    with pytest.raises(ConflictError):
        diary.add_food("Kombucha special")
    with pytest.raises(NotFoundError):
        diary.delete_food("never-added")


def test_reparse_stale_only_touches_meals_from_another_lexicon_version(diary: Diary) -> None:
    entry_id = meal(diary, "pizza")
    assert diary.reparse_stale() == 0
    with diary.db.transaction() as session:
        store.replace_meal_items(session, diary.user.id, entry_id,
                                 diary.parse_meal("pizza").__class__("pizza", (), "old-version"))
    assert diary.reparse_stale() == 1
    assert diary.meal_items(entry_id)[1] == diary.food_lexicon().version


def test_search_and_show_include_the_persons_own_foods(diary: Diary) -> None:
    diary.add_food("zintaberry", name_zh="辛塔莓", groups={"sorbitol": Level.HIGH})
    assert diary.search_foods("zintaberry")[0].id == "user:zintaberry"
    assert diary.food("user:zintaberry").groups["sorbitol"].level is Level.HIGH
    assert diary.food("latte").name_en == "latte"
    with pytest.raises(NotFoundError):
        diary.food("no such food")


def test_the_export_carries_user_foods_and_parsed_items(diary: Diary) -> None:
    meal(diary, "latte")
    diary.add_food("zintaberry")
    extra = diary.export_bundle().extra
    assert [f["key"] for f in extra["user_foods"]] == ["zintaberry"]
    assert extra["meal_items"][0]["text"] == "latte"


def test_meal_exposures_give_each_meals_groups_skipping_refused_and_unknown_items(diary: Diary) -> None:
    first = meal(diary, "latte and a croissant")
    second = meal(diary, "咖啡不加糖，flimmerade")
    diary.add(Entry(EntryKind.SYMPTOM, AT, name="bloating", value=3))
    exposures = {e.entry_id: e for e in diary.meal_exposures()}
    assert set(exposures) == {first, second}
    assert exposures[first].contains("lactose") and exposures[first].contains("gluten")
    assert not exposures[second].contains("added_sugar")
    assert exposures[second].contains("caffeine") and exposures[second].unknown == 1
