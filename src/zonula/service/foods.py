"""Facade: meal parsing kept in step with the entries, the food lexicon, a person's own foods and recipes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from zonula.domain.entries import Entry, EntryKind
from zonula.errors import FieldProblem, NotFoundError, ValidationError
from zonula.foods import (
    GROUPS,
    LEXICON_VERSION,
    Food,
    Level,
    Lexicon,
    MealItem,
    ParsedMeal,
    UserFood,
    load_lexicon,
    parse_meal,
    parse_meals,
)  # fmt: skip
from zonula.foods.groups import max_level
from zonula.foods.lexicon import overlay_version
from zonula.i18n import _
from zonula.service.transfer import ExtraImport, TransferMixin, section_list
from zonula.storage import foods as store

_SLUG = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


def food_key(name: str) -> str:
    """A stable key for a user food from its name ("Grandma's dumplings" → "grandma-s-dumplings")."""
    return _SLUG.sub("-", name.strip().lower()).strip("-")[:120]


def _food_json(f: UserFood) -> dict[str, Any]:
    return {"key": f.key, "kind": f.kind, "name_en": f.name_en, "name_zh": f.name_zh, "synonyms": list(f.synonyms),
            "groups": {g: v.value for g, v in f.groups.items()}, "parts": list(f.parts)}


def _parse_each(meals: Iterable[tuple[int, str]], lexicon: Lexicon) -> list[tuple[int, ParsedMeal]]:
    """Parse the text of each (entry id, meal text), once per distinct text (diaries repeat their meals)."""
    pairs = list(meals)
    return list(zip((i for i, _text in pairs), parse_meals((text for _i, text in pairs), lexicon), strict=True))


@dataclass(frozen=True, slots=True)
class MealExposure:
    """One meal's food groups: the strongest level of each over its recognised, non-refused items."""

    entry_id: int
    at: datetime
    text: str
    levels: dict[str, Level]
    foods: tuple[str, ...]
    unknown: int

    def contains(self, group: str) -> bool:
        """True when the meal has the group at moderate or high."""
        return self.levels.get(group, Level.NONE).contained


class FoodsMixin(TransferMixin):
    """Foods: meals are parsed when stored or edited, and re-parsed when the lexicon changes."""

    _lexicon: Lexicon | None = None

    # --- the lexicon, overlaid with the person's own foods ---
    def food_lexicon(self, version: str | None = None) -> Lexicon:
        """The shipped lexicon extended and overridden by this person's foods and recipes.

        With `version` (from `food_lexicon_version`), a cached lexicon of another version is
        reloaded: the person's foods changed since this facade cached it (e.g. in another process).
        """
        if self._lexicon is not None and version is not None and self._lexicon.version != version:
            self._lexicon = None
        if self._lexicon is None:
            with self.db.reading() as session:
                self._lexicon = self._overlay(store.list_user_foods(session, self.user.id))
        return self._lexicon

    @staticmethod
    def _overlay(foods: Iterable[UserFood]) -> Lexicon:
        stored = list(foods)
        base = load_lexicon()
        usable = [
            UserFood(f.key, f.name_en, f.name_zh, f.synonyms, f.groups, tuple(p for p in f.parts if p in base), f.kind)
            for f in stored
        ]  # parts dropped from a newer lexicon are ignored rather than breaking the diary
        return base.with_user_foods(usable, version=overlay_version(base.version, stored))

    def food_lexicon_version(self) -> str:
        """The version of this person's lexicon (the shipped one plus their foods), without loading it."""
        with self.db.reading() as session:
            return overlay_version(LEXICON_VERSION, store.list_user_foods(session, self.user.id))

    def parse_meal(self, text: str) -> ParsedMeal:
        """Parse meal text with this person's lexicon (nothing is stored)."""
        return parse_meal(text, self.food_lexicon())

    def search_foods(self, term: str, *, limit: int = 20) -> list[Food]:
        """Foods whose English or Chinese names match `term` (the person's own foods included)."""
        return self.food_lexicon().search(term, limit=limit)

    def food(self, food_id: str) -> Food:
        """One food by id; NotFoundError when there is none."""
        lexicon = self.food_lexicon()
        if food_id not in lexicon:
            found = lexicon.lookup(food_id)
            if found is None:
                raise NotFoundError(_("no food {id!r}").format(id=food_id))
            return found
        return lexicon.get(food_id)

    # --- a person's own foods and recipes ---
    def user_foods(self, *, kind: str | None = None) -> list[UserFood]:
        """This person's foods and recipes (only one kind when `kind` is "food" or "recipe")."""
        with self.db.reading() as session:
            foods = store.list_user_foods(session, self.user.id)
        return [f for f in foods if kind is None or f.kind == kind]

    def add_food(self, name_en: str, *, name_zh: str = "", groups: Mapping[str, Level] | None = None,
                 synonyms: Iterable[str] = (), parts: Iterable[str] = (), kind: str = "food",
                 replace: bool = False) -> UserFood:  # fmt: skip
        """Add (or with `replace`, overwrite) a food of this person's; meals are re-parsed with it.

        `parts` are lexicon ids or names ("wheat_flour", "milk", "面粉"); the food takes their groups,
        and explicit `groups` override them.

        Raises:
            ValidationError: no name, an unknown group, an unknown part, or a recipe without parts.
            ConflictError: a food with the same name exists and `replace` is false.
        """
        food = self._checked_food(name_en, name_zh, groups or {}, list(synonyms), list(parts), kind)
        with self.db.transaction() as session:
            store.save_user_food(session, self.user.id, food, replace=replace)
        self._lexicon = None
        self.reparse_stale()
        return food

    def add_recipe(self, name_en: str, *, name_zh: str = "", parts: Iterable[str],
                   groups: Mapping[str, Level] | None = None, replace: bool = False) -> UserFood:  # fmt: skip
        """Add a recipe: a named list of ingredients (ids or names) whose groups it takes."""
        return self.add_food(name_en, name_zh=name_zh, parts=parts, groups=groups, kind="recipe", replace=replace)

    def delete_food(self, key: str) -> None:
        """Delete one of this person's foods or recipes; meals are re-parsed without it."""
        with self.db.transaction() as session:
            store.delete_user_food(session, self.user.id, key)
        self._lexicon = None
        self.reparse_stale()

    def _checked_food(self, name_en: str, name_zh: str, groups: Mapping[str, Level], synonyms: list[str],
                      parts: list[str], kind: str) -> UserFood:  # fmt: skip
        problems: list[FieldProblem] = []
        name_en, name_zh = name_en.strip(), name_zh.strip()
        key = food_key(name_en or name_zh)
        if not key:
            problems.append(FieldProblem("name", _("a food needs an English or Chinese name")))
        unknown = [g for g in groups if g not in GROUPS]
        if unknown:
            problems.append(FieldProblem("groups", _("unknown group(s): {names}").format(names=", ".join(unknown))))
        if kind not in ("food", "recipe"):
            problems.append(FieldProblem("kind", _("kind must be food or recipe")))
        if kind == "recipe" and not parts:
            problems.append(FieldProblem("parts", _("a recipe needs at least one ingredient")))
        base = load_lexicon()
        resolved: list[str] = []
        for part in (p.strip() for p in parts if p.strip()):
            found = base.get(part) if part in base else base.lookup(part)
            if found is None:
                problems.append(FieldProblem("parts", _("unknown ingredient {name!r}").format(name=part)))
            else:
                resolved.append(found.id)
        if problems:
            raise ValidationError(problems)
        return UserFood(key, name_en, name_zh, tuple(s.strip() for s in synonyms if s.strip()), dict(groups),
                        tuple(resolved), kind)  # fmt: skip

    # --- parsed meals ---
    def meal_items(self, entry_id: int) -> tuple[list[MealItem], str | None]:
        """The stored parse of a meal entry: its items and the lexicon version that produced them."""
        self.get(entry_id)  # NotFoundError for someone else's entry
        with self.db.reading() as session:
            return store.meal_items(session, self.user.id, entry_id)

    def meal_exposures(self, *, date_from: date | None = None, date_to: date | None = None) -> list[MealExposure]:
        """Every meal between two local dates with its food-group levels (for trigger analysis)."""
        self.reparse_stale()
        meals = self.entries(date_from=date_from, date_to=date_to, kinds=[EntryKind.MEAL])
        ids = [m.id for m in meals if m.id is not None]
        with self.db.reading() as session:
            items = store.items_by_entry(session, self.user.id, ids)
        out = []
        for meal in meals:
            assert meal.id is not None
            levels: dict[str, Level] = {}
            foods, unknown = [], 0
            for food_id, negated, groups in items.get(meal.id, []):
                if food_id is None:
                    unknown += 1
                    continue
                if negated:
                    continue
                foods.append(food_id)
                for group, value in groups.items():
                    levels[group] = max_level([levels.get(group, Level.NONE), Level(value)])
            out.append(MealExposure(meal.id, meal.at, meal.name, levels, tuple(foods), unknown))
        return out

    def reparse_stale(self, *, batch: int = 2000) -> int:
        """Parse every meal never parsed or parsed by another lexicon version; return how many.

        Cheap when nothing is stale: the lexicon is only loaded when some meal needs it.
        """
        expected = self.food_lexicon_version()
        with self.db.reading() as session:
            if not store.stale_meals(session, self.user.id, expected, limit=1):
                return 0
        lexicon = self.food_lexicon()
        done = 0
        while True:
            with self.db.transaction() as session:
                stale = store.stale_meals(session, self.user.id, lexicon.version, limit=batch)
                if not stale:
                    return done
                parsed = _parse_each(stale, lexicon)
                store.replace_many_meal_items(session, self.user.id, parsed)
            done += len(stale)

    # --- hooks on the entries facade ---
    def _after_add(self, session: Any, entries: list[Entry], ids: list[int]) -> None:
        super()._after_add(session, entries, ids)
        pairs = [(i, e.name) for e, i in zip(entries, ids, strict=True) if e.kind is EntryKind.MEAL]
        if pairs:
            meals = _parse_each(pairs, self._session_lexicon(session))
            store.replace_many_meal_items(session, self.user.id, meals, fresh=True)

    def _after_edit(self, session: Any, entry: Entry) -> None:
        super()._after_edit(session, entry)
        assert entry.id is not None
        if entry.kind is EntryKind.MEAL:
            parsed = parse_meal(entry.name, self._session_lexicon(session))
            store.replace_meal_items(session, self.user.id, entry.id, parsed)
        else:
            store.clear_meal_items(session, self.user.id, entry.id)

    def _session_lexicon(self, session: Any) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = self._overlay(store.list_user_foods(session, self.user.id))
        return self._lexicon

    def _import_extra(self, session: Any, extra: dict[str, Any], *, dry_run: bool) -> ExtraImport:
        """Restore user foods and recipes (key: their name key); parsed meal items are derived, not read.

        A food whose key exists with different content is a problem (never overwritten silently).
        """
        out = super()._import_extra(session, extra, dry_run=dry_run)
        have = {f.key: f for f in store.list_user_foods(session, self.user.id)}
        fresh: list[UserFood] = []
        for where, item in section_list(extra, "user_foods", out):
            try:
                raw_groups = item.get("groups") or {}
                if not isinstance(raw_groups, dict):
                    raise ValidationError([FieldProblem("groups", _("is not an object"))])
                levels = {str(g): Level(v) for g, v in raw_groups.items()}
            except ValueError:
                out.problem(where, "groups", _("unknown group level"))
                continue
            except ValidationError as err:
                out.problems += [FieldProblem(p.field, p.message, where) for p in err.problems]
                continue
            try:
                food = self._checked_food(str(item.get("name_en") or ""), str(item.get("name_zh") or ""), levels,
                                          [str(s) for s in item.get("synonyms") or []],
                                          [str(p) for p in item.get("parts") or []], str(item.get("kind") or "food"))
            except ValidationError as err:
                out.problems += [FieldProblem(p.field, p.message, where) for p in err.problems]
                continue
            key = str(item.get("key") or food.key)
            food = UserFood(key, food.name_en, food.name_zh, food.synonyms, food.groups, food.parts, food.kind)
            old = have.get(key)
            if old is None:
                have[key] = food
                fresh.append(food)
            elif _food_json(old) != _food_json(food):
                out.problem(where, "key", _("a different food {key!r} already exists; rename or delete it first")
                            .format(key=key))
        out.count("user_foods", len(fresh))
        if not dry_run and not out.problems:
            for food in fresh:
                store.save_user_food(session, self.user.id, food, replace=False)
        return out

    def _after_import_extra(self) -> None:
        super()._after_import_extra()
        self._lexicon = None
        self.reparse_stale()

    def _extend_export(self, extra: dict[str, Any]) -> None:
        super()._extend_export(extra)
        self.reparse_stale()  # exported items come from the person's current foods
        with self.db.reading() as session:
            extra["user_foods"] = [_food_json(f) for f in store.list_user_foods(session, self.user.id)]
            extra["meal_items"] = store.all_meal_items(session, self.user.id)
