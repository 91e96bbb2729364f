"""The compiled bilingual food lexicon: loading, lookup, search and user overlays."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from zonula.errors import FieldProblem, ValidationError
from zonula.foods.groups import GROUPS, GroupLevel, Level, level_from_code, max_level
from zonula.foods.text import BASE_FOLD, build_fold, en_key, fold, is_cjk, plural_variants
from zonula.i18n import _

LEXICON_FILE = "lexicon.json.gz"
USER_SOURCE = "user"
USER_PREFIX = "user:"


@dataclass(frozen=True, slots=True)
class Food:
    """One canonical food: names in both languages, group levels with sources, and its parts."""

    id: str
    name_en: str
    name_zh: str
    synonyms_en: tuple[str, ...]
    synonyms_zh: tuple[str, ...]
    groups: Mapping[str, GroupLevel]
    parts: tuple[str, ...] = ()
    origin: str = "zonula"

    def levels(self) -> dict[str, Level]:
        """Group → level, without sources."""
        return {group: gl.level for group, gl in self.groups.items()}


@dataclass(frozen=True, slots=True)
class UserFood:
    """A user's own food or recipe; `parts` name lexicon foods whose groups it inherits.

    Explicit `groups` override what the parts give. `key` is the user's stable id for it; its
    lexicon id is `user:<key>`. `kind` is "food" or "recipe".
    """

    key: str
    name_en: str
    name_zh: str = ""
    synonyms: tuple[str, ...] = ()
    groups: Mapping[str, Level] = field(default_factory=dict)
    parts: tuple[str, ...] = ()
    kind: str = "food"

    @property
    def food_id(self) -> str:
        """The id of this food in an overlaid lexicon."""
        return f"{USER_PREFIX}{self.key}"


class Lexicon:
    """Food names (English and Simplified Chinese) mapped to foods, with fast longest-match tables."""

    def __init__(self, data: Mapping[str, Any], *, version: str) -> None:
        self.version = version
        self.sources: dict[str, str] = dict(data["sources"])
        self.attribution: str = data["attribution"]
        self._source_keys: list[str] = list(data["source_keys"])
        self._rows: list[list[Any]] = list(data["foods"])
        self._index: dict[str, int] = {row[0]: i for i, row in enumerate(self._rows)}
        self.t2s: dict[str, str] = dict(data["t2s"])
        self.fold_table: dict[int, int] = build_fold(self.t2s)
        self.en: dict[str, int] = dict(data["en"])
        self.zh: dict[str, int] = dict(data["zh"])
        self.emoji: dict[str, int] = dict(data["emoji"])
        self.en_prefixes: set[str] = set()
        self.zh_prefixes: set[str] = set()
        for key in self.en:
            self._add_en_prefixes(key)
        for key in self.zh:
            self._add_zh_prefixes(key)
        self._foods: dict[str, Food] = {}
        self._views: dict[int, Mapping[str, Level]] = {}
        self._all_prefixes: tuple[frozenset[str], frozenset[str]] | None = None

    def zh_all_prefixes(self, extra: frozenset[str]) -> frozenset[str]:
        """Chinese name prefixes united with the parser's special-word prefixes (cached per extra set)."""
        cached = self._all_prefixes
        if cached is None or cached[0] is not extra:
            cached = self._all_prefixes = (extra, frozenset(self.zh_prefixes | extra))
        return cached[1]

    def _add_en_prefixes(self, key: str) -> None:
        words = key.split(" ")
        for n in range(1, len(words) + 1):
            self.en_prefixes.add(" ".join(words[:n]))

    def _add_zh_prefixes(self, key: str) -> None:
        for n in range(1, len(key) + 1):
            self.zh_prefixes.add(key[:n])

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, food_id: object) -> bool:
        return food_id in self._index

    def ids(self) -> list[str]:
        """Every food id, in file order."""
        return [row[0] for row in self._rows]

    def get(self, food_id: str) -> Food:
        """The food with this id.

        Raises:
            KeyError: when no food has that id.
        """
        found = self._foods.get(food_id)
        if found is None:
            found = self._food(self._index[food_id])
            self._foods[food_id] = found
        return found

    def food_at(self, index: int) -> Food:
        """The food stored at a row index (as found in the name tables)."""
        return self.get(self._rows[index][0])

    def names_at(self, index: int) -> tuple[str, str, str]:
        """(id, English name, Chinese name) of the food at a row index, without building the Food."""
        row = self._rows[index]
        return row[0], row[1], row[2]

    def _food(self, i: int) -> Food:
        fid, en, zh, syn_en, syn_zh, levels, srcs, via, parts, origin = self._rows[i]
        groups = {
            group: GroupLevel(
                level_from_code(levels[g]),
                self._source_keys[int(srcs[g], 36)],
                (via or {}).get(group),
            )
            for g, group in enumerate(GROUPS)
        }
        return Food(fid, en, zh, tuple(syn_en), tuple(syn_zh), groups, tuple(parts or ()), origin)

    def levels_at(self, index: int) -> dict[str, Level]:
        """Group levels of the food at a row index, without building the whole Food."""
        return dict(zip(GROUPS, map(level_from_code, self._rows[index][5]), strict=True))

    def levels_view(self, index: int) -> Mapping[str, Level]:
        """A shared read-only view of the levels of the food at a row index (cached)."""
        view = self._views.get(index)
        if view is None:
            view = self._views[index] = MappingProxyType(self.levels_at(index))
        return view

    def lookup(self, name: str) -> Food | None:
        """The food whose name (either language, any synonym) is exactly `name`, if any."""
        folded = fold(name.strip(), self.fold_table)
        index = self.zh.get(folded) if is_cjk(folded) else self.en.get(en_key(folded))
        if index is None:
            index = self.emoji.get(folded)
        return None if index is None else self.food_at(index)

    def search(self, term: str, *, limit: int = 20) -> list[Food]:
        """Foods whose names match `term`: exact matches first, then names starting with it, then containing it."""
        folded = fold(term.strip(), self.fold_table)
        if not folded:
            return []
        key = folded if is_cjk(folded) else en_key(folded)
        if not key:
            return []
        ranked: dict[int, tuple[int, int]] = {}
        for table in (self.en, self.zh):
            for name, index in table.items():
                if key not in name:
                    continue
                rank = 0 if name == key else 1 if name.startswith(key) else 2
                best = ranked.get(index)
                if best is None or (rank, len(name)) < best:
                    ranked[index] = (rank, len(name))
        order = sorted(ranked, key=lambda i: (*ranked[i], self._rows[i][0]))
        return [self.food_at(i) for i in order[:limit]]

    def with_user_foods(self, foods: Iterable[UserFood], *, version: str | None = None) -> Lexicon:
        """A copy of this lexicon in which the user's foods and recipes add to and override the names.

        Args:
            foods: the person's foods and recipes.
            version: the overlay's version; by default `overlay_version(self.version, foods)`.

        Raises:
            ValidationError: when a food has no name or names an unknown part.
        """
        user = list(foods)
        if not user:
            return self
        clone = object.__new__(Lexicon)
        clone.__dict__.update(self.__dict__)
        clone._rows = list(self._rows)
        clone._index = dict(self._index)
        clone.en, clone.zh = dict(self.en), dict(self.zh)
        clone.en_prefixes, clone.zh_prefixes = set(self.en_prefixes), set(self.zh_prefixes)
        clone._source_keys = list(self._source_keys)
        if USER_SOURCE not in clone._source_keys:
            clone._source_keys.append(USER_SOURCE)
        clone._foods = {}
        clone._views = {}
        clone._all_prefixes = None
        problems: list[FieldProblem] = []
        for item in user:
            problems += clone._add_user_food(item)
        if problems:
            raise ValidationError(problems)
        clone.version = version or overlay_version(self.version, user)
        return clone

    def _add_user_food(self, item: UserFood) -> list[FieldProblem]:
        """Add one user food to this (cloned) lexicon; returns the problems found."""
        if not item.name_en.strip() and not item.name_zh.strip():
            return [FieldProblem("name", _("a food needs an English or Chinese name"))]
        missing = [p for p in item.parts if p not in self._index]
        if missing:
            return [FieldProblem("parts", _("unknown ingredient id(s): {ids}").format(ids=", ".join(missing)))]
        food_id = item.food_id
        levels: dict[str, Level] = {}
        srcs: dict[str, str] = {}
        via: dict[str, str] = {}
        for group in GROUPS:
            best, best_part = Level.NONE, None
            for part in item.parts:
                part_level = self.get(part).groups[group].level
                if max_level([best, part_level]) is not best:
                    best, best_part = part_level, part
            levels[group] = item.groups.get(group, best if item.parts else Level.UNKNOWN)
            srcs[group] = USER_SOURCE
            if group not in item.groups and best_part is not None:
                via[group] = best_part
        codes = "".join(levels[g].code for g in GROUPS)
        user_index = self._source_keys.index(USER_SOURCE)
        src_codes = "".join(_b36(user_index) for _ in GROUPS)
        zh_name = fold(item.name_zh.strip(), self.fold_table)
        row = [food_id, item.name_en.strip(), zh_name, list(item.synonyms), [], codes, src_codes, via,
               list(item.parts), USER_SOURCE]  # fmt: skip
        if food_id in self._index:
            self._rows[self._index[food_id]] = row
            index = self._index[food_id]
        else:
            index = len(self._rows)
            self._rows.append(row)
            self._index[food_id] = index
        for name in [item.name_en, item.name_zh, *item.synonyms]:
            self._index_name(name, index)
        return []

    def _index_name(self, name: str, index: int) -> None:
        folded = fold(name.strip(), self.fold_table)
        if not folded:
            return
        if is_cjk(folded):
            self.zh[folded] = index
            self._add_zh_prefixes(folded)
            return
        key = en_key(folded)
        if not key:
            return
        self.en[key] = index
        self._add_en_prefixes(key)
        for variant in plural_variants(key):
            self.en.setdefault(variant, index)
            self._add_en_prefixes(variant)


def overlay_version(base: str, foods: Iterable[UserFood]) -> str:
    """The version of `base` overlaid with `foods` (the base version alone when there are none)."""
    user = list(foods)
    if not user:
        return base
    digest = hashlib.sha256()
    for item in user:
        digest.update(repr((item.key, item.name_en, item.name_zh, item.synonyms, sorted(item.groups.items()),
                            item.parts, item.kind)).encode())  # fmt: skip
    return f"{base}+{digest.hexdigest()[:8]}"


def _b36(n: int) -> str:
    return "0123456789abcdefghijklmnopqrstuvwxyz"[n]


def read_lexicon_data(raw: bytes) -> dict[str, Any]:
    """Decode the shipped gzip JSON file."""
    data: dict[str, Any] = json.loads(gzip.decompress(raw))
    return data


@cache
def load_lexicon() -> Lexicon:
    """The shipped lexicon (loaded once per process)."""
    raw = resources.files("zonula.foods").joinpath("data", LEXICON_FILE).read_bytes()
    data = read_lexicon_data(raw)
    return Lexicon(data, version=data["version"])


def lexicon_from_foods(foods: Sequence[Food], *, sources: Mapping[str, str] | None = None) -> Lexicon:
    """A small lexicon built in memory from Food records (for tests and tools)."""
    source_keys = sorted({gl.source for f in foods for gl in f.groups.values()} | {"zonula"})
    rows: list[list[Any]] = []
    en: dict[str, int] = {}
    zh: dict[str, int] = {}
    for i, food in enumerate(foods):
        gl = [food.groups.get(g, GroupLevel(Level.UNKNOWN, "zonula")) for g in GROUPS]
        via = {g: x.via for g, x in zip(GROUPS, gl, strict=True) if x.via}
        rows.append([food.id, food.name_en, food.name_zh, list(food.synonyms_en), list(food.synonyms_zh),
                     "".join(x.level.code for x in gl), "".join(_b36(source_keys.index(x.source)) for x in gl),
                     via, list(food.parts), food.origin])  # fmt: skip
        for name in [food.name_en, *food.synonyms_en]:
            key = en_key(name, BASE_FOLD)
            if key:
                en.setdefault(key, i)
        for name in [food.name_zh, *food.synonyms_zh]:
            if name:
                zh.setdefault(name, i)
    data = {
        "sources": dict(sources or {}), "attribution": "", "source_keys": source_keys, "foods": rows,
        "t2s": {}, "en": en, "zh": zh, "emoji": {},
    }  # fmt: skip
    version = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
    return Lexicon(data, version=version)
