"""Compile the shipped food lexicon from our curated tables and the Open Food Facts taxonomies.

Usage: python tools/build_lexicon.py [--off DIR] [--check]

Reads data/foods/{sources,ingredients,dishes,chinese_dishes}.yaml and the OFF snapshot, writes
src/zonula/foods/data/lexicon.json.gz and src/zonula/foods/_version.py. With --check it only
verifies that the shipped file is up to date (exit 1 when not).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import deque
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from opencc import OpenCC

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from off_taxonomy import OffEntry, read_taxonomy  # noqa: E402

from zonula.foods.groups import FODMAP_GROUPS, GROUPS, Level, max_level, parse_level  # noqa: E402
from zonula.foods.text import BASE_FOLD, en_key, fold, is_cjk, plural_variants  # noqa: E402
from zonula.foods.vocab import EN_NOT_FOOD, ZH_NOT_FOOD  # noqa: E402

DATA = ROOT / "data" / "foods"
OUT = ROOT / "src" / "zonula" / "foods" / "data" / "lexicon.json.gz"
VERSION_PY = ROOT / "src" / "zonula" / "foods" / "_version.py"
DEFAULT_OFF = Path("/work/shared/data/openfoodfacts")
ATTRIBUTION = (
    "Contains information from Open Food Facts (https://world.openfoodfacts.org), made available under "
    "the Open Database License (ODbL) 1.0; taxonomy files from openfoodfacts-server (commit 5d9836d, "
    "2022-03-23, AGPL-3.0-or-later). The compiled lexicon, including zonula's own ingredient, dish and "
    "group tables, is a derivative database published under ODbL 1.0."
)
TAXONOMIC = re.compile(r"(科|属|亚门|亚科|目|纲|类制品|亚种)$")
RESERVED_EN = EN_NOT_FOOD
RESERVED_ZH = ZH_NOT_FOOD
def word_set(text: str) -> set[str]:
    """The whitespace-separated words of a block of text."""
    return set(text.split())


# OFF names that would swallow ordinary words in meal text.
OFF_BLOCKLIST = word_set(
    """natural preparation extract powder fat fats flavouring flavoring food plant vegetal meat meats product
    products mix sauce sauces filling dough co cut cuts must musts fond fonds glue glues smoke rape rapes pout
    pouts ant ants bib bibs cos sal sals saler elder zebra horse cow cows deer deers aroma fiber fibre tspp
    tspps hvp hvps frik friks sapp sapps ling lings bone bones rind rinds brine ice ices dairy seed seeds grain
    grains glaze crust crusts tuber herb herbs sole soles mate mates palm palms"""
)
OFF_BLOCKLIST_ZH = {"卤水", "脂肪", "种子", "原浆", "纤维", "调料", "菜肴", "佳美", "果若", "香精"}
EXCEPTIONS = (  # name pattern -> group levels forced on OFF-derived foods
    (re.compile(r"lactose[- ]free"), {"lactose": Level.NONE}),
    (re.compile(r"gluten[- ]free"), {"gluten": Level.NONE, "wheat": Level.NONE, "fructans": Level.LOW}),
    (re.compile(r"decaf"), {"caffeine": Level.LOW}),
    (re.compile(r"sugar[- ]free|no added sugar|unsweetened"), {"added_sugar": Level.NONE}),
)


class BuildError(Exception):
    """The curated tables are inconsistent."""


def load_yaml(data: Path, name: str, key: str) -> list[dict[str, Any]]:
    """Rows of one curated YAML table (empty when the file does not exist yet)."""
    path = data / name
    if not path.exists():
        return []
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = doc.get(key, doc.get("dishes", [])) if isinstance(doc, dict) else doc
    return [dict(r) for r in rows or []]


def parse_groups(raw: Any, defaults: dict[str, str], where: str) -> dict[str, tuple[Level, str]]:
    """Group overrides from a row: {group: "LEVEL [SOURCE]"} or {group: {level:, source:}}."""
    out: dict[str, tuple[Level, str]] = {}
    for group, value in (raw or {}).items():
        if isinstance(value, dict):
            level_text, source = str(value.get("level", "")), value.get("source")
        else:
            level_text, _, source = str(value).partition(" ")
        targets = FODMAP_GROUPS if group == "fodmap" else (group,)
        for target in targets:
            if target not in GROUPS:
                raise BuildError(f"{where}: unknown group {group!r}")
            try:
                level = parse_level(level_text)
            except ValueError as exc:
                raise BuildError(f"{where}: bad level {level_text!r} for {group}") from exc
            out[target] = (level, (source or "").strip() or defaults.get(target, "zonula"))
    return out


def as_list(value: Any) -> list[str]:
    """A YAML scalar or list as a list of non-empty strings."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).replace("，", ",").split(",")
    return [str(v).strip() for v in items if str(v).strip()]


class Builder:
    """Collects foods, resolves groups and writes the compiled lexicon."""

    def __init__(self, off_dir: Path, data: Path = DATA) -> None:
        self.cc = OpenCC("t2s")
        src = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
        self.sources: dict[str, str] = {k: v["title"] for k, v in src["sources"].items()}
        self.defaults: dict[str, str] = src["defaults"]
        self.off_dir = off_dir
        self.foods: dict[str, dict[str, Any]] = {}
        self.order: list[str] = []
        self._current = ""
        doc = yaml.safe_load((data / "ingredients.yaml").read_text(encoding="utf-8"))
        self.aliases: dict[str, str] = dict(doc.get("aliases") or {})

    def t2s(self, text: str) -> str:
        """Simplified form of a Chinese name."""
        return str(self.cc.convert(text.strip()))

    def add_curated(self, rows: list[dict[str, Any]], origin: str, table: str, *, rank: int) -> None:
        """Add curated rows; a later duplicate id only contributes its names (at the better rank)."""
        for n, row in enumerate(rows):
            where = f"{table}[{n}] {row.get('id')}"
            fid = str(row.get("id", "")).strip()
            if not fid or not row.get("en") or not row.get("zh"):
                raise BuildError(f"{where}: id, en and zh are required")
            syn_en = as_list(row.get("syn_en")) + as_list(row.get("synonyms_en"))
            syn_zh = [self.t2s(z) for z in as_list(row.get("syn_zh")) + as_list(row.get("synonyms_zh"))]
            twin = None if fid in self.foods else self._twin(row, rank)
            if twin is not None:
                self.aliases[fid] = twin
                fid = twin
            if fid in self.foods:
                known = self.foods[fid]
                if rank == 1 and known["rank"] == 0 and en_key(known["en"]) != en_key(str(row["en"])):
                    raise BuildError(f"{where}: id already names {known['en']!r} in chinese_dishes.yaml")
                late_en, late_zh = [str(row["en"]), *syn_en], [self.t2s(str(row["zh"])), *syn_zh]
                known["syn_en"] += late_en
                known["syn_zh"] += late_zh
                known["late"].append((rank, late_en, late_zh))
                known["emoji"] += as_list(row.get("emoji"))
                continue
            self.foods[fid] = {
                "id": fid, "en": str(row["en"]).strip(), "zh": self.t2s(str(row["zh"])), "syn_en": syn_en,
                "syn_zh": syn_zh, "emoji": as_list(row.get("emoji")), "parts": as_list(row.get("parts")),
                "explicit": parse_groups(row.get("groups"), self.defaults, where), "origin": origin,
                "is_ingredient": table == "ingredients",
                "as_part": parse_groups(row.get("as_part"), self.defaults, where), "rank": rank, "late": [],
            }  # fmt: skip
            self.order.append(fid)

    def _twin(self, row: dict[str, Any], rank: int) -> str | None:
        """A better-ranked dish with the same English name, which this row then joins."""
        if rank != 1:
            return None
        key = en_key(str(row["en"]))
        for fid in self.order:
            food = self.foods[fid]
            if food["rank"] == 0 and en_key(food["en"]) == key:
                return fid
        return None

    def resolve_groups(self) -> None:
        """Give every curated food a full group table: ingredients from their rows, dishes from parts."""
        done: dict[str, dict[str, tuple[Level, str, str | None]]] = {}

        def resolve(fid: str, stack: tuple[str, ...]) -> dict[str, tuple[Level, str, str | None]]:
            if fid in done:
                return done[fid]
            if fid in stack:
                raise BuildError(f"cycle in parts: {' -> '.join((*stack, fid))}")
            food = self.foods[fid]
            table: dict[str, tuple[Level, str, str | None]] = {}
            self._current = fid
            if food["is_ingredient"]:
                for group in GROUPS:
                    table[group] = (Level.NONE, "zonula", None)
            else:
                ids = [q for q in (self.aliases.get(p, p) for p in food["parts"]) if q != fid]
                resolved = [(p, resolve(p, (*stack, fid))) for p in ids]
                self._current = fid
                parts = [(p, self._capped(p, t)) for p, t in resolved]
                for group in GROUPS:
                    best: tuple[Level, str, str | None] = (Level.NONE if parts else Level.UNKNOWN, "zonula", None)
                    for part, part_table in parts:
                        level, source, _ = part_table[group]
                        if max_level([best[0], level]) is not best[0]:
                            best = (level, source, part)
                    table[group] = best
            for group, (level, source) in food["explicit"].items():
                table[group] = (level, source, None)
            done[fid] = table
            return table

        bad_alias = sorted(a for a, target in self.aliases.items() if target not in self.foods or a in self.foods)
        if bad_alias:
            raise BuildError("aliases must name a new id and an existing ingredient: " + ", ".join(bad_alias))
        missing = sorted(
            {p for f in self.foods.values() for p in f["parts"] if self.aliases.get(p, p) not in self.foods}
        )
        if missing:
            raise BuildError("parts name foods that do not exist: " + ", ".join(missing))
        for fid in self.order:
            self.foods[fid]["groups"] = resolve(fid, ())

    def _capped(
        self, part: str, table: dict[str, tuple[Level, str, str | None]]
    ) -> dict[str, tuple[Level, str, str | None]]:
        """A part's levels as it counts inside a dish: `as_part` caps (cooking fat → low high_fat)."""
        caps = self.foods[part].get("as_part") or {}
        if len(self.foods[self._current]["parts"]) < 2:
            return table  # a one-part dish is the ingredient itself
        out = dict(table)
        for group, (cap, source) in caps.items():
            level = out[group][0]
            if max_level([level, cap]) is level and level is not cap:
                out[group] = (cap, source, None)
        return out

    def add_off(self) -> int:
        """Link OFF entries to curated foods (adding their names) or add them with inherited groups."""
        by_key: dict[str, str] = {}
        for fid in self.order:
            food = self.foods[fid]
            for name in [food["en"], *food["syn_en"]]:
                by_key.setdefault(en_key(name), fid)
        added = 0
        for filename, prefix, need_zh in (("ingredients.txt", "off", False), ("categories.txt", "offcat", True)):
            entries = read_taxonomy(self.off_dir / filename)
            linked: dict[str, str] = {}
            for entry in entries.values():
                for name in entry.names.get("en", []):
                    if en_key(name) in by_key:
                        linked[entry.id] = by_key[en_key(name)]
                        break
            for entry in entries.values():
                zh = self._off_zh(entry)
                en = [n for n in entry.names.get("en", []) if self._usable_en(n)]
                if not en or (need_zh and not zh):
                    continue
                target = linked.get(entry.id)
                if target is not None:
                    if prefix == "off":
                        self.foods[target]["syn_en"] += en
                        self.foods[target]["syn_zh"] += zh
                    continue
                fid = f"{prefix}:{entry.id.split(':', 1)[1]}"
                self.foods[fid] = {
                    "id": fid, "en": en[0], "zh": zh[0] if zh else "", "syn_en": en[1:], "syn_zh": zh[1:],
                    "emoji": [], "parts": [], "origin": "off", "rank": 3, "late": [],
                    "groups": self._off_groups(entry, entries, linked),
                }  # fmt: skip
                self.order.append(fid)
                added += 1
        return added

    def _usable_en(self, name: str) -> bool:
        key = en_key(name)
        return len(key) >= 3 and key not in RESERVED_EN and key not in OFF_BLOCKLIST and not key[0].isdigit()

    def _off_zh(self, entry: OffEntry) -> list[str]:
        out = []
        for name in entry.names.get("zh", []):
            simp = self.t2s(name)
            if (
                len(simp) >= 2 and is_cjk(simp) and not TAXONOMIC.search(simp)
                and simp not in RESERVED_ZH and simp not in OFF_BLOCKLIST_ZH
            ):  # fmt: skip
                out.append(simp)
        return out

    def _off_groups(
        self, entry: OffEntry, entries: dict[str, OffEntry], linked: dict[str, str]
    ) -> dict[str, tuple[Level, str, str | None]]:
        """Groups of the nearest linked ancestor, else unknown plus OFF allergen properties."""
        seen, queue = {entry.id}, deque(entry.parents)
        ancestor = None
        while queue:
            pid = queue.popleft()
            if pid in seen:
                continue
            seen.add(pid)
            if pid in linked:
                ancestor = linked[pid]
                break
            if pid in entries:
                queue.extend(entries[pid].parents)
        table: dict[str, tuple[Level, str, str | None]]
        if ancestor is not None:
            table = {g: (lv, src, ancestor) for g, (lv, src, _) in self.foods[ancestor]["groups"].items()}
        else:
            table = dict.fromkeys(GROUPS, (Level.UNKNOWN, "off_taxonomy", None))
            allergen = entry.props.get("allergens:en", "")
            for off_name, group in (("gluten", "gluten"), ("milk", "dairy"), ("eggs", "egg"),
                                    ("soybeans", "soy"), ("peanuts", "peanut"), ("nuts", "tree_nut"),
                                    ("fish", "fish"), ("crustaceans", "shellfish"), ("molluscs", "shellfish"),
                                    ("sesame-seeds", "sesame")):  # fmt: skip
                if f"en:{off_name}" in allergen:
                    table[group] = (Level.MODERATE, "off_taxonomy", None)
        names = " ".join(entry.names.get("en", [])).lower()
        for pattern, forced in EXCEPTIONS:
            if pattern.search(names):
                for group, level in forced.items():
                    table[group] = (level, "zonula", None)
        return table

    def compile(self) -> dict[str, Any]:
        """The lexicon payload (without its version)."""
        source_keys = sorted({s for f in self.foods.values() for (_, s, _) in f["groups"].values()})
        unknown = [s for s in source_keys if s not in self.sources]
        if unknown:
            raise BuildError(f"unknown source keys: {unknown}")
        rows: list[list[Any]] = []
        en: dict[str, int] = {}
        zh: dict[str, int] = {}
        emoji: dict[str, int] = {}
        variants: list[tuple[str, int]] = []
        def flush_variants() -> None:
            for key, index in variants:
                if key not in RESERVED_EN and not (rows[index][9] == "off" and key in OFF_BLOCKLIST):
                    en.setdefault(key, index)
            variants.clear()

        row_of = {fid: i for i, fid in enumerate(self.order)}
        for fid in self.order:
            f = self.foods[fid]
            codes = "".join(f["groups"][g][0].code for g in GROUPS)
            srcs = "".join("0123456789abcdefghijklmnopqrstuvwxyz"[source_keys.index(f["groups"][g][1])] for g in GROUPS)
            via = {g: f["groups"][g][2] for g in GROUPS if f["groups"][g][2]}
            syn_en = list(dict.fromkeys(s for s in f["syn_en"] if s.lower() != f["en"].lower()))
            syn_zh = list(dict.fromkeys(s for s in f["syn_zh"] if s and s != f["zh"]))
            f["syn_en"], f["syn_zh"] = syn_en, syn_zh
            rows.append([fid, f["en"], f["zh"], syn_en, syn_zh, codes, srcs, via or 0, f["parts"] or 0, f["origin"]])
        # Names are indexed best rank first; names a lower-ranked table merged into a food keep that rank.
        batches: list[tuple[int, int, str, list[str], list[str]]] = []
        for seq, fid in enumerate(self.order):
            f = self.foods[fid]
            late_en = {n for _r, names, _z in f["late"] for n in names}
            late_zh = {n for _r, _e, names in f["late"] for n in names}
            own_en = [f["en"], *(n for n in f["syn_en"] if n not in late_en)]
            own_zh = [f["zh"], *(n for n in f["syn_zh"] if n not in late_zh)]
            batches.append((f["rank"], seq, fid, own_en, own_zh))
            batches += [(r, seq, fid, e, z) for r, e, z in f["late"]]
        batches.sort(key=lambda b: (b[0], b[1]))
        for n, (rank, _seq, fid, names_en, names_zh) in enumerate(batches):
            f, i = self.foods[fid], row_of[fid]
            if rank == 3 and (n == 0 or batches[n - 1][0] != 3):
                flush_variants()
            for name in names_en:
                key = en_key(name)
                if rank == 3 and key in OFF_BLOCKLIST:
                    continue
                if key and key not in RESERVED_EN and key not in en:
                    en[key] = i
                    variants += [(v, i) for v in plural_variants(key)]
            for name in names_zh:
                name = fold(name, BASE_FOLD)
                if not name:
                    continue
                if is_cjk(name):
                    if name not in RESERVED_ZH:
                        zh.setdefault(name, i)
                else:
                    key = en_key(name)
                    if key and key not in RESERVED_EN:
                        en.setdefault(key, i)
            for symbol in f["emoji"]:
                emoji.setdefault(symbol.replace("\ufe0f", ""), i)
        flush_variants()
        return {
            "format": 1, "licence": "ODbL-1.0", "attribution": ATTRIBUTION, "groups": list(GROUPS),
            "sources": {k: self.sources[k] for k in source_keys}, "source_keys": source_keys,
            "foods": rows, "en": en, "zh": zh, "emoji": emoji, "t2s": self.t2s_table(),
            # The parser's word lists are part of what a stored parse depends on: changing them changes
            # the version, so meals are parsed again.
            "vocab": hashlib.sha256(json.dumps([sorted(RESERVED_EN), sorted(RESERVED_ZH)]).encode()).hexdigest()[:12],
        }  # fmt: skip

    def t2s_table(self) -> dict[str, str]:
        """One-character Traditional → Simplified pairs from OpenCC's t2s data."""
        return dict(t2s_characters())


@cache
def t2s_characters() -> tuple[tuple[str, str], ...]:
    """Every one-character Traditional → Simplified pair OpenCC's t2s conversion makes (cached)."""
    converter = OpenCC("t2s")
    path = Path(sys.modules["opencc"].__file__ or "").parent / "dictionary" / "TSCharacters.txt"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        trad = line.split("\t")[0]
        if len(trad) == 1:
            simp = str(converter.convert(trad))
            if len(simp) == 1 and simp != trad:
                pairs.append((trad, simp))
    return tuple(pairs)


def build_payload(data: Path, off_dir: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Compile the curated tables in `data` and the OFF taxonomies in `off_dir` into the lexicon payload."""
    builder = Builder(off_dir, data)
    chinese = load_yaml(data, "chinese_dishes.yaml", "dishes")
    builder.add_curated(load_yaml(data, "ingredients.yaml", "ingredients"), "ingredient", "ingredients", rank=2)
    builder.add_curated(chinese, "chinese_dish", "chinese_dishes", rank=0)
    builder.add_curated(load_yaml(data, "dishes.yaml", "dishes"), "dish", "dishes", rank=1)
    needed = data / "ingredients_needed.txt"
    if needed.exists():
        ids = [line.split("#")[0].split("\t")[0].strip() for line in needed.read_text(encoding="utf-8").splitlines()]
        missing = sorted({i for i in ids if i and builder.aliases.get(i, i) not in builder.foods})
        if missing:
            raise BuildError("ingredients_needed.txt ids missing from the tables: " + ", ".join(missing))
    builder.resolve_groups()
    n_off = builder.add_off()
    payload = builder.compile()
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    payload["version"] = hashlib.sha256(body.encode()).hexdigest()[:12]
    return payload, {"chinese": len(chinese), "off": n_off}


def main(argv: list[str] | None = None) -> int:
    """Build (or with --check, verify) the shipped lexicon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--off", type=Path, default=DEFAULT_OFF, help="Open Food Facts taxonomy folder")
    parser.add_argument("--check", action="store_true", help="only check that the shipped file is current")
    args = parser.parse_args(argv)
    payload, stats = build_payload(DATA, args.off)
    version = payload["version"]
    blob = gzip.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0)
    version_py = (
        f'"""Content hash of the shipped lexicon (written by tools/build_lexicon.py)."""\n\n'
        f'LEXICON_VERSION = "{version}"\n'
    )
    if args.check:
        current = json.loads(gzip.decompress(OUT.read_bytes())) if OUT.exists() else {}
        ok = current.get("version") == version and VERSION_PY.read_text() == version_py
        print("lexicon is up to date" if ok else "lexicon is stale: run python tools/build_lexicon.py")
        return 0 if ok else 1
    OUT.write_bytes(blob)
    VERSION_PY.write_text(version_py)
    rows = payload["foods"]
    both = sum(1 for r in rows if r[1] and r[2])
    print(f"foods: {len(rows)} ({both} with English and Chinese names; {stats['chinese']} Chinese dishes; "
          f"{stats['off']} from OFF)")
    print(f"names: {len(payload['en'])} en keys, {len(payload['zh'])} zh keys; {OUT.stat().st_size} bytes; "
          f"version {version}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildError as exc:
        print(f"build_lexicon: {exc}", file=sys.stderr)
        sys.exit(1)
