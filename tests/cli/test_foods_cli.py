"""The foods CLI: parse (table and JSON), search, show, own foods and recipes, clean errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zonula.cli import main

pytestmark = pytest.mark.usefixtures("cli_env")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_parse_prints_a_table_with_unknown_words_flagged() -> None:
    code, out = run("foods", "parse", "2 slices of pizza and a glass of flimmerade")
    assert code == 0, out
    assert "pizza" in out and "Not recognised: a glass of flimmerade" in out


def test_parse_as_json_lists_items_and_contained_groups() -> None:
    code, out = run("foods", "parse", "早餐:牛奶、两个包子", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [i["text"] for i in data["items"]] == ["牛奶", "两个包子"]
    assert data["items"][1]["quantity"] == 2
    assert {"dairy", "gluten"} <= set(data["contains"])


def test_search_and_show_a_food() -> None:
    code, out = run("foods", "search", "latte", "--limit", "3")
    assert code == 0 and "拿铁" in out
    code, out = run("foods", "show", "latte")
    assert code == 0 and "eu1169" in out and "milk" in out


def test_chinese_output_uses_chinese_group_names() -> None:
    code, out = run("--lang", "zh", "foods", "parse", "豆浆")
    assert code == 0 and "大豆" in out


def test_own_foods_and_recipes_are_saved_listed_and_used() -> None:
    code, out = run("foods", "add", "zintaberry", "--zh", "辛塔莓", "--groups", "sorbitol:high,fructans:moderate")
    assert code == 0, out
    code, out = run("recipe", "add", "morning pancakes", "--parts", "wheat_flour,milk,egg")
    assert code == 0, out
    code, out = run("recipe", "list")
    assert "morning-pancakes" in out and "zintaberry" not in out
    code, out = run("foods", "parse", "辛塔莓 and morning pancakes", "--format", "json")
    assert [i["food_id"] for i in json.loads(out)["items"]] == ["user:zintaberry", "user:morning-pancakes"]
    code, out = run("foods", "delete", "zintaberry")
    assert code == 0
    code, out = run("foods", "list")
    assert "zintaberry" not in out


def test_bad_input_gives_a_clean_error_and_exit_code() -> None:
    code, out = run("foods", "add", "x", "--groups", "glutten:high")
    assert code == 2 and "glutten" in out and "Traceback" not in out
    code, out = run("recipe", "add", "stew", "--parts", "unobtainium")
    assert code == 2 and "unobtainium" in out
    code, out = run("foods", "show", "no such food")
    assert code == 3
    code, out = run("foods", "parse", "x" * 30_000)
    assert code == 2
