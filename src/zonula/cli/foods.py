"""`zonula foods ...` and `zonula recipe ...`: parse meal text, browse the lexicon, your own foods."""

from __future__ import annotations

import json
from collections.abc import Mapping

import click
from rich.table import Table

from zonula.cli.common import console, state
from zonula.foods import GROUPS, Food, Level, MealItem, ParsedMeal, UserFood
from zonula.foods.groups import GROUP_LABELS, parse_group_levels
from zonula.i18n import _, pgettext, pick


def group_label(group: str) -> str:
    """A group's name in the current language."""
    en, zh = GROUP_LABELS.get(group, (group, group))
    return pick(en, zh)


def level_label(level: Level) -> str:
    """A level's name in the current language."""
    labels = {Level.NONE: _("none"), Level.LOW: pgettext("level", "low"),
              Level.MODERATE: pgettext("level", "moderate"), Level.HIGH: pgettext("level", "high"),
              Level.UNKNOWN: _("unknown")}  # fmt: skip
    return labels[level]


def _contained(levels: Mapping[str, Level]) -> str:
    return ", ".join(f"{group_label(g)} ({level_label(v)})" for g, v in levels.items() if v.contained)


def _food_name(item: MealItem) -> str:
    if item.food_id is None:
        return "[yellow]" + _("unknown") + "[/]"
    return pick(item.name_en or "", item.name_zh or "")


def _quantity(item: MealItem) -> str:
    parts = [f"{item.quantity:g}" if item.quantity is not None else "", item.unit or ""]
    if item.portion.value != "usual":
        parts.append({"small": _("small"), "large": _("large")}[item.portion.value])
    return " ".join(p for p in parts if p)


def meal_json(meal: ParsedMeal) -> dict[str, object]:
    """A parsed meal as JSON-ready data."""
    return {
        "text": meal.text,
        "lexicon_version": meal.lexicon_version,
        "contains": sorted(meal.contained()),
        "items": [
            {"span": list(i.span), "text": i.text, "food_id": i.food_id, "name_en": i.name_en, "name_zh": i.name_zh,
             "quantity": i.quantity, "unit": i.unit, "portion": i.portion.value, "negated": i.negated,
             "groups": {g: v.value for g, v in i.groups.items()}}
            for i in meal.items
        ],
    }


@click.group("foods")
def foods_group() -> None:
    """Foods: parse meal text, search and show foods, manage your own foods."""


@foods_group.command("parse")
@click.argument("text")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output as a table or as JSON.")
def parse_cmd(text: str, fmt: str) -> None:
    """Show the foods, quantities and food groups found in TEXT (English, Chinese or mixed)."""
    meal = state().diary.parse_meal(text)
    if fmt == "json":
        click.echo(json.dumps(meal_json(meal), ensure_ascii=False, indent=2))
        return
    table = Table(title=_("Foods in: {text}").format(text=text))
    for heading in (_("Text"), _("Food"), _("Amount"), _("Contains")):
        table.add_column(heading)
    for item in meal.items:
        food = _food_name(item) + (" " + _("(without)") if item.negated else "")
        table.add_row(item.text, food, _quantity(item), "" if item.negated else _contained(item.groups))
    console.print(table)
    groups = ", ".join(group_label(g) for g in GROUPS if g in meal.contained())
    console.print(_("Meal contains: {groups}").format(groups=groups or _("none of the tracked groups")))
    if meal.unknown:
        console.print(_("Not recognised: {words}. Add them with `zonula foods add`.").format(
            words=", ".join(i.text for i in meal.unknown)))
    console.print(_("Lexicon version {version}").format(version=meal.lexicon_version), style="dim")


@foods_group.command("search")
@click.argument("term")
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True, help="How many foods to show.")
def search_cmd(term: str, limit: int) -> None:
    """Find foods whose English or Chinese names contain TERM."""
    found = state().diary.search_foods(term, limit=limit)
    if not found:
        console.print(_("No food matches {term!r}.").format(term=term))
        return
    table = Table()
    for heading in (_("Id"), _("English"), _("Chinese"), _("Contains")):
        table.add_column(heading)
    for food in found:
        table.add_row(food.id, food.name_en, food.name_zh, _contained(food.levels()))
    console.print(table)


@foods_group.command("show")
@click.argument("food_id")
def show_cmd(food_id: str) -> None:
    """Show one food (by id or name): names, parts, and every group's level with its source."""
    food: Food = state().diary.food(food_id)
    console.print(f"[bold]{food.name_en}[/] {food.name_zh}  [dim]{food.id}[/]")
    if food.synonyms_en or food.synonyms_zh:
        console.print(_("Also called: {names}").format(names=", ".join([*food.synonyms_en, *food.synonyms_zh][:30])))
    if food.parts:
        console.print(_("Made of: {parts}").format(parts=", ".join(food.parts)))
    table = Table()
    for heading in (_("Group"), _("Level"), _("Source"), _("Through")):
        table.add_column(heading)
    for group in GROUPS:
        gl = food.groups[group]
        table.add_row(group_label(group), level_label(gl.level), gl.source, gl.via or "")
    console.print(table)


def _print_user_food(food: UserFood) -> None:
    console.print(_("Saved {kind} {name!r} (id user:{key}).").format(
        kind=_("recipe") if food.kind == "recipe" else _("food"), name=food.name_en or food.name_zh, key=food.key))


@foods_group.command("add")
@click.argument("name")
@click.option("--zh", "name_zh", default="", help="The Chinese name.")
@click.option("--groups", "groups", default="", metavar="GROUP:LEVEL,...",
              help="Group levels, e.g. gluten:high,lactose:moderate (levels: none, low, moderate, high, unknown).")
@click.option("--parts", default="", metavar="ID,...", help="Ingredients (ids or names) whose groups it takes.")
@click.option("--synonym", "synonyms", multiple=True, help="Another name for it (repeatable).")
@click.option("--replace", is_flag=True, help="Overwrite your food of the same name.")
def add_food_cmd(name: str, name_zh: str, groups: str, parts: str, synonyms: tuple[str, ...], replace: bool) -> None:
    """Add a food of your own (it overrides a lexicon food of the same name for you)."""
    food = state().diary.add_food(name, name_zh=name_zh, groups=parse_group_levels(groups), synonyms=synonyms,
                                  parts=_split(parts), replace=replace)  # fmt: skip
    _print_user_food(food)


@foods_group.command("list")
def list_foods_cmd() -> None:
    """List your own foods and recipes."""
    _print_user_foods(state().diary.user_foods())


@foods_group.command("delete")
@click.argument("key")
def delete_food_cmd(key: str) -> None:
    """Delete one of your foods or recipes (by its key, as shown by `foods list`)."""
    state().diary.delete_food(key.removeprefix("user:"))
    console.print(_("Deleted {key}.").format(key=key))


@foods_group.command("reparse")
def reparse_cmd() -> None:
    """Parse again every meal parsed by an older lexicon (this also happens on start-up)."""
    count = state().diary.reparse_stale()
    console.print(_("Re-parsed {n} meals.").format(n=count))


@click.group("recipe")
def recipe_group() -> None:
    """Your recipes: named lists of ingredients whose food groups they take."""


@recipe_group.command("add")
@click.argument("name")
@click.option("--zh", "name_zh", default="", help="The Chinese name.")
@click.option("--parts", required=True, metavar="ID,...", help="Ingredients (ids or names), e.g. wheat_flour,milk,egg.")
@click.option("--groups", "groups", default="", metavar="GROUP:LEVEL,...", help="Levels that override the parts'.")
@click.option("--replace", is_flag=True, help="Overwrite your recipe of the same name.")
def add_recipe_cmd(name: str, name_zh: str, parts: str, groups: str, replace: bool) -> None:
    """Add a recipe of your own."""
    food = state().diary.add_recipe(name, name_zh=name_zh, parts=_split(parts), groups=parse_group_levels(groups),
                                    replace=replace)  # fmt: skip
    _print_user_food(food)


@recipe_group.command("list")
def list_recipes_cmd() -> None:
    """List your recipes."""
    _print_user_foods(state().diary.user_foods(kind="recipe"))


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",") if p.strip()]


def _print_user_foods(foods: list[UserFood]) -> None:
    if not foods:
        console.print(_("You have not added any foods yet."))
        return
    table = Table()
    for heading in (_("Key"), _("English"), _("Chinese"), _("Made of"), _("Groups")):
        table.add_column(heading)
    for food in foods:
        levels = ", ".join(f"{group_label(g)}: {level_label(v)}" for g, v in food.groups.items())
        table.add_row(food.key, food.name_en, food.name_zh, ", ".join(food.parts), levels)
    console.print(table)
