"""Validate zonula's curated food data files (dish table, ingredient glossary, labelled meals)."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DISHES = ROOT / "data" / "foods" / "chinese_dishes.yaml"
INGREDIENTS = ROOT / "data" / "foods" / "ingredients_needed.txt"
MEALS = ROOT / "tests" / "data" / "meals_labelled.jsonl"

sys.path.insert(0, str(ROOT / "src"))
from zonula.foods.groups import GROUPS as ALL_GROUPS  # noqa: E402
from zonula.foods.groups import Level  # noqa: E402

GROUPS = frozenset(ALL_GROUPS)  # the package's list: one place for the allowed groups
LEVELS = frozenset(level.value for level in Level)
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def check_ingredients(problems: list[str]) -> set[str]:
    """Return the ingredient ids, recording format problems."""
    ids: list[str] = []
    for n, line in enumerate(INGREDIENTS.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            problems.append(f"ingredients line {n}: expected 'id<TAB>gloss'")
            continue
        if not ID_RE.match(parts[0]):
            problems.append(f"ingredients line {n}: bad id {parts[0]!r}")
        ids.append(parts[0])
    if ids != sorted(ids):
        problems.append("ingredients: not sorted")
    for dup, count in Counter(ids).items():
        if count > 1:
            problems.append(f"ingredients: duplicate {dup}")
    return set(ids)


def check_dishes(problems: list[str], warnings: list[str], ingredients: set[str]) -> list[dict[str, object]]:
    """Check the dish table and return its entries."""
    dishes = yaml.safe_load(DISHES.read_text(encoding="utf-8"))
    if not isinstance(dishes, list):
        problems.append("dishes: top level is not a list")
        return []
    used: set[str] = set()
    ids: Counter[str] = Counter()
    names_zh: dict[str, list[str]] = {}
    names_en: dict[str, list[str]] = {}
    for d in dishes:
        did = str(d.get("id"))
        ids[did] += 1
        if not ID_RE.match(did):
            problems.append(f"dish {did}: id is not snake_case")
        for key in ("en", "zh", "parts"):
            if not d.get(key):
                problems.append(f"dish {did}: missing {key}")
        if not HAN_RE.search(str(d.get("zh", ""))):
            problems.append(f"dish {did}: zh has no Chinese characters")
        for key in ("synonyms_en", "synonyms_zh", "parts"):
            if not isinstance(d.get(key, []), list):
                problems.append(f"dish {did}: {key} is not a list")
        for part in d.get("parts", []):
            used.add(part)
            if part not in ingredients:
                problems.append(f"dish {did}: part {part!r} not in ingredients_needed.txt")
        for group, level in (d.get("groups") or {}).items():
            if group not in GROUPS:
                problems.append(f"dish {did}: unknown group {group!r}")
            if level not in LEVELS:
                problems.append(f"dish {did}: bad level {level!r} for {group}")
        for name in [d.get("zh"), *list(d.get("synonyms_zh", []))]:
            names_zh.setdefault(str(name), []).append(did)
        for name in [d.get("en"), *list(d.get("synonyms_en", []))]:
            names_en.setdefault(str(name).lower(), []).append(did)
    for did, count in ids.items():
        if count > 1:
            problems.append(f"dishes: duplicate id {did}")
    for name, owners in names_zh.items():
        if len(owners) > 1:
            warnings.append(f"zh name {name!r} used by {owners}")
    for name, owners in names_en.items():
        if len(owners) > 1:
            warnings.append(f"en name {name!r} used by {owners}")
    for unused in sorted(ingredients - used):
        warnings.append(f"ingredient {unused} is not used by any dish")
    return dishes


def check_meals(problems: list[str]) -> None:
    """Check the labelled meal set."""
    langs: Counter[str] = Counter()
    seen_ids: set[int] = set()
    for n, line in enumerate(MEALS.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"meals line {n}: {exc}")
            continue
        if set(row) != {"id", "text", "lang", "foods", "groups"}:
            problems.append(f"meals line {n}: unexpected keys {sorted(row)}")
        if row.get("id") in seen_ids:
            problems.append(f"meals line {n}: duplicate id")
        seen_ids.add(row.get("id"))
        langs[row.get("lang")] += 1
        if row.get("lang") not in {"en", "zh", "mixed"}:
            problems.append(f"meals line {n}: bad lang")
        groups = row.get("groups", [])
        if groups != sorted(set(groups)):
            problems.append(f"meals line {n}: groups not sorted and unique")
        for group in groups:
            if group not in GROUPS:
                problems.append(f"meals line {n}: unknown group {group!r}")
        if not row.get("foods") or not row.get("text"):
            problems.append(f"meals line {n}: empty text or foods")
    total = sum(langs.values())
    if total < 320:
        problems.append(f"meals: only {total} entries")
    if (langs["zh"] + langs["mixed"]) * 2 < total:
        problems.append("meals: fewer than half are zh or mixed")
    print(f"meals: {total} entries {dict(langs)}")


def main() -> int:
    """Run all checks; print problems and return a process exit code."""
    problems: list[str] = []
    warnings: list[str] = []
    ingredients = check_ingredients(problems)
    dishes = check_dishes(problems, warnings, ingredients)
    check_meals(problems)
    print(f"dishes: {len(dishes)}, ingredients: {len(ingredients)}")
    for w in warnings:
        print("warning:", w)
    for p in problems:
        print("problem:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
