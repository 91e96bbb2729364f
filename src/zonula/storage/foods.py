"""Rows of the foods area: user foods and recipes, parsed meal items, stale-parse queries."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.orm import Session

from zonula.domain.entries import EntryKind
from zonula.errors import ConflictError, NotFoundError
from zonula.foods.groups import Level
from zonula.foods.lexicon import UserFood
from zonula.foods.parser import MealItem, ParsedMeal
from zonula.foods.vocab import Portion
from zonula.i18n import _
from zonula.storage.food_tables import MealItemRow, MealParseRow, UserFoodRow
from zonula.storage.tables import EntryRow

_FOODS: Table = UserFoodRow.__table__  # type: ignore[assignment]
_ITEMS: Table = MealItemRow.__table__  # type: ignore[assignment]
_PARSES: Table = MealParseRow.__table__  # type: ignore[assignment]
_ENTRIES: Table = EntryRow.__table__  # type: ignore[assignment]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _user_food(row: Any) -> UserFood:
    return UserFood(
        key=row.key, name_en=row.name_en, name_zh=row.name_zh, synonyms=tuple(row.synonyms or ()),
        groups={g: Level(v) for g, v in (row.groups or {}).items()}, parts=tuple(row.parts or ()),
        kind=row.kind,
    )  # fmt: skip


def list_user_foods(session: Session, user_id: int) -> list[UserFood]:
    """A person's own foods and recipes, oldest first."""
    rows = session.execute(select(_FOODS).where(_FOODS.c.user_id == user_id).order_by(_FOODS.c.id))
    return [_user_food(r) for r in rows]


def save_user_food(session: Session, user_id: int, food: UserFood, *, replace: bool) -> None:
    """Insert a user food, or overwrite the one with the same key when `replace`.

    Raises:
        ConflictError: when the key exists and `replace` is false.
    """
    values = {
        "name_en": food.name_en, "name_zh": food.name_zh, "synonyms": list(food.synonyms),
        "groups": {g: level.value for g, level in food.groups.items()}, "parts": list(food.parts),
        "kind": food.kind, "updated_at": _now(),
    }  # fmt: skip
    existing = session.execute(
        select(_FOODS.c.id).where(_FOODS.c.user_id == user_id, _FOODS.c.key == food.key)
    ).scalar_one_or_none()
    if existing is not None:
        if not replace:
            raise ConflictError(_("you already have a food called {key!r}").format(key=food.key))
        session.execute(_FOODS.update().where(_FOODS.c.id == existing).values(**values))
        return
    session.execute(insert(_FOODS).values(user_id=user_id, key=food.key, created_at=_now(), **values))


def delete_user_food(session: Session, user_id: int, key: str) -> None:
    """Remove one of a person's foods; NotFoundError when there is none with that key."""
    result = session.execute(delete(_FOODS).where(_FOODS.c.user_id == user_id, _FOODS.c.key == key))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        raise NotFoundError(_("no food of yours called {key!r}").format(key=key))


def replace_meal_items(session: Session, user_id: int, entry_id: int, meal: ParsedMeal) -> None:
    """Store the parse of one meal entry, replacing any earlier one."""
    replace_many_meal_items(session, user_id, [(entry_id, meal)])


_ITEM_COLUMNS = ("entry_id", "user_id", "position", "span_start", "span_end", "text", "food_id", "name_en",
                 "name_zh", "quantity", "unit", "portion", "negated", "groups", "lexicon_version")  # fmt: skip
_SQLITE_ITEMS = (f"INSERT INTO {_ITEMS.name} ({', '.join(_ITEM_COLUMNS)}) "
                 f"VALUES ({', '.join('?' for _ in _ITEM_COLUMNS)})")  # fmt: skip
_SQLITE_PARSES = f"INSERT INTO {_PARSES.name} (entry_id, user_id, lexicon_version, parsed_at) VALUES (?, ?, ?, ?)"


def replace_many_meal_items(
    session: Session, user_id: int, meals: list[tuple[int, ParsedMeal]], *, fresh: bool = False
) -> None:
    """Store the parses of several meal entries in bulk, replacing earlier ones (none when `fresh`)."""
    if not meals:
        return
    if not fresh:
        ids = [entry_id for entry_id, _meal in meals]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            session.execute(delete(_ITEMS).where(_ITEMS.c.user_id == user_id, _ITEMS.c.entry_id.in_(chunk)))
            session.execute(delete(_PARSES).where(_PARSES.c.user_id == user_id, _PARSES.c.entry_id.in_(chunk)))
    now = _now()
    sqlite = session.get_bind().dialect.name == "sqlite"
    rows = []
    prepared: dict[int, list[tuple[Any, ...]]] = {}  # a meal's item columns, once per distinct ParsedMeal object
    for entry_id, meal in meals:
        items = prepared.get(id(meal))
        if items is None:
            items = prepared[id(meal)] = _item_columns(meal, sqlite=sqlite)
        rows += [(entry_id, user_id, *item) for item in items]
    parses = [(entry_id, user_id, meal.lexicon_version, now) for entry_id, meal in meals]
    if sqlite:
        # The driver's executemany, as for entries: several times faster than the ORM path on imports.
        connection = session.connection()
        if rows:
            connection.exec_driver_sql(_SQLITE_ITEMS, rows)
        stamp = now.isoformat(sep=" ", timespec="microseconds")
        connection.exec_driver_sql(_SQLITE_PARSES, [(*p[:3], stamp) for p in parses])
        return
    if rows:
        session.execute(insert(_ITEMS), [dict(zip(_ITEM_COLUMNS, r, strict=True)) for r in rows])
    parse_columns = ("entry_id", "user_id", "lexicon_version", "parsed_at")
    session.execute(insert(_PARSES), [dict(zip(parse_columns, p, strict=True)) for p in parses])


def _item_columns(meal: ParsedMeal, *, sqlite: bool) -> list[tuple[Any, ...]]:
    """The stored columns of each item of a meal after entry_id and user_id (as the driver takes them on SQLite)."""
    out: list[tuple[Any, ...]] = []
    for n, item in enumerate(meal.items):
        groups = {g: level.value for g, level in item.groups.items()}
        out.append((n, item.span[0], item.span[1], item.text, item.food_id, item.name_en, item.name_zh,
                    item.quantity, item.unit, item.portion.value, int(item.negated) if sqlite else item.negated,
                    json.dumps(groups) if sqlite else groups, meal.lexicon_version))
    return out


def clear_meal_items(session: Session, user_id: int, entry_id: int) -> None:
    """Forget the parse of an entry (it is no longer a meal)."""
    session.execute(delete(_ITEMS).where(_ITEMS.c.user_id == user_id, _ITEMS.c.entry_id == entry_id))
    session.execute(delete(_PARSES).where(_PARSES.c.user_id == user_id, _PARSES.c.entry_id == entry_id))


def meal_items(session: Session, user_id: int, entry_id: int) -> tuple[list[MealItem], str | None]:
    """The stored items of one meal entry and the lexicon version that parsed them."""
    version = session.execute(
        select(_PARSES.c.lexicon_version).where(_PARSES.c.user_id == user_id, _PARSES.c.entry_id == entry_id)
    ).scalar_one_or_none()
    rows = session.execute(
        select(_ITEMS).where(_ITEMS.c.user_id == user_id, _ITEMS.c.entry_id == entry_id).order_by(_ITEMS.c.position)
    )
    items = [
        MealItem(
            (r.span_start, r.span_end), r.text, r.food_id, r.name_en, r.name_zh, r.quantity, r.unit,
            Portion(r.portion), {g: Level(v) for g, v in (r.groups or {}).items()}, bool(r.negated),
        )
        for r in rows
    ]
    return items, version


StoredItem = tuple[str | None, bool, dict[str, str]]


def items_by_entry(session: Session, user_id: int, entry_ids: list[int]) -> dict[int, list[StoredItem]]:
    """(food id, negated, groups) of the stored items of several entries, by entry id."""
    found: dict[int, list[StoredItem]] = {}
    for start in range(0, len(entry_ids), 500):
        chunk = entry_ids[start : start + 500]
        stmt = (
            select(_ITEMS.c.entry_id, _ITEMS.c.food_id, _ITEMS.c.negated, _ITEMS.c.groups)
            .where(_ITEMS.c.user_id == user_id, _ITEMS.c.entry_id.in_(chunk))
            .order_by(_ITEMS.c.entry_id, _ITEMS.c.position)
        )
        for entry_id, food_id, negated, groups in session.execute(stmt):
            found.setdefault(int(entry_id), []).append((food_id, bool(negated), dict(groups or {})))
    return found


def all_meal_items(session: Session, user_id: int) -> list[dict[str, Any]]:
    """Every stored item of a person, as JSON-ready dicts (for exports)."""
    rows = session.execute(
        select(_ITEMS).where(_ITEMS.c.user_id == user_id).order_by(_ITEMS.c.entry_id, _ITEMS.c.position)
    )
    keep = ("entry_id", "position", "span_start", "span_end", "text", "food_id", "quantity", "unit",
            "portion", "negated", "groups", "lexicon_version")  # fmt: skip
    return [{k: getattr(r, k) for k in keep} for r in rows]


def stale_meals(session: Session, user_id: int, version: str, *, limit: int | None = None) -> list[tuple[int, str]]:
    """(entry id, text) of meal entries never parsed, or parsed by another lexicon version."""
    stmt = (
        select(_ENTRIES.c.id, _ENTRIES.c.name)
        .select_from(_ENTRIES.outerjoin(_PARSES, _PARSES.c.entry_id == _ENTRIES.c.id))
        .where(
            _ENTRIES.c.user_id == user_id,
            _ENTRIES.c.kind == EntryKind.MEAL.value,
            or_(_PARSES.c.lexicon_version.is_(None), _PARSES.c.lexicon_version != version),
        )
        .order_by(_ENTRIES.c.id)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [(int(i), str(name)) for i, name in session.execute(stmt)]
