"""The lexicon compiler on small tables: parts, caps, aliases, OFF inheritance, exceptions, t2s."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from build_lexicon import BuildError, build_payload  # noqa: E402

from zonula.foods import Level  # noqa: E402
from zonula.foods.lexicon import Lexicon  # noqa: E402

SOURCES = """
sources:
  eu1169: {title: EU}
  varney2017: {title: Varney}
  yao2014: {title: Yao}
  off_taxonomy: {title: OFF}
  zonula: {title: zonula}
defaults: {dairy: eu1169, lactose: varney2017, gluten: eu1169}
"""
INGREDIENTS = """
ingredients:
- {id: milk, en: milk, zh: 牛奶, groups: {dairy: h, lactose: h}}
- {id: wheat_flour, en: wheat flour, zh: 面粉, groups: {gluten: h, wheat: h, fructans: h}}
- {id: butter, en: butter, zh: 黄油, groups: {dairy: h, lactose: l, high_fat: h}, as_part: {high_fat: l}}
- {id: mystery_root, en: mystery root, zh: 神秘根, groups: {fodmap: u}}
aliases:
  cow_milk: milk
"""
DISHES = """
dishes:
- {id: pancake, en: pancake, zh: 煎饼果, parts: [wheat_flour, cow_milk, butter]}
- {id: rich_pancake, en: rich pancake, zh: 黄油煎饼, parts: [pancake], groups: {high_fat: high}}
- {id: plain_butter, en: butter pat, zh: 黄油块, parts: [butter]}
"""
OFF = """
en: milk, cow milk
zh: 牛乳

< en:milk
en: lactose-free milk
zh: 無乳糖牛奶

< en:lactose-free-milk
en: lactose-free skimmed milk

en: dragonfruit powder
allergens:en: en:milk
"""


def build(tmp_path: Path, dishes: str = DISHES) -> tuple[dict[str, Any], Lexicon]:
    data, off = tmp_path / "data", tmp_path / "off"
    data.mkdir(parents=True)
    off.mkdir(parents=True)
    (data / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (data / "ingredients.yaml").write_text(INGREDIENTS, encoding="utf-8")
    (data / "dishes.yaml").write_text(dishes, encoding="utf-8")
    (off / "ingredients.txt").write_text(OFF, encoding="utf-8")
    (off / "categories.txt").write_text("", encoding="utf-8")
    payload, _stats = build_payload(data, off)
    return payload, Lexicon(payload, version=payload["version"])


def test_dishes_take_the_strongest_level_of_their_parts_with_caps_and_aliases(tmp_path: Path) -> None:
    _payload, lex = build(tmp_path)
    pancake = lex.get("pancake")
    assert pancake.groups["lactose"].level is Level.HIGH and pancake.groups["lactose"].via == "milk"
    assert pancake.groups["gluten"].source == "eu1169"
    assert pancake.groups["high_fat"].level is Level.LOW  # butter inside a dish is capped
    assert lex.get("rich_pancake").groups["high_fat"].level is Level.HIGH  # an override wins
    assert lex.get("plain_butter").groups["high_fat"].level is Level.HIGH  # a one-part dish is uncapped


def test_off_entries_link_inherit_and_honour_exceptions(tmp_path: Path) -> None:
    _payload, lex = build(tmp_path)
    assert lex.lookup("牛乳") == lex.get("milk")  # OFF synonyms join the curated food
    lactose_free = lex.lookup("无乳糖牛奶")  # Traditional OFF name stored as Simplified
    assert lactose_free is not None
    assert lactose_free.groups["dairy"].level is Level.HIGH
    assert lactose_free.groups["lactose"].level is Level.NONE
    child = lex.lookup("lactose-free skimmed milk")
    assert child is not None and child.groups["lactose"].level is Level.NONE
    powder = lex.lookup("dragonfruit powder")
    assert powder is not None
    assert powder.groups["dairy"].level is Level.MODERATE
    assert powder.groups["gluten"].level is Level.UNKNOWN


def test_the_build_is_deterministic_and_versioned_by_content(tmp_path: Path) -> None:
    first, _ = build(tmp_path / "a")
    second, _ = build(tmp_path / "b")
    assert first["version"] == second["version"]
    third, _ = build(tmp_path / "c", DISHES + "- {id: toast, en: toast, zh: 吐司, parts: [wheat_flour]}\n")
    assert third["version"] != first["version"]


def test_a_part_that_does_not_exist_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="unobtainium"):
        build(tmp_path, "dishes:\n- {id: stew, en: stew, zh: 炖菜, parts: [unobtainium]}\n")


def test_the_shipped_tables_cover_every_ingredient_the_chinese_table_needs() -> None:
    data = ROOT / "data" / "foods"
    doc = yaml.safe_load((data / "ingredients.yaml").read_text(encoding="utf-8"))
    known = {row["id"] for row in doc["ingredients"]} | set(doc["aliases"])
    known |= {row["id"] for row in yaml.safe_load((data / "chinese_dishes.yaml").read_text(encoding="utf-8"))}
    needed = [
        line.split("\t")[0].strip()
        for line in (data / "ingredients_needed.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert sorted(set(needed) - known) == []
