"""Meal text (English, Chinese or mixed) → food items with quantities, portions and food groups.

Pure and fast: one tokeniser pass, longest match over the lexicon's prefix tables, no models.
Every letter or digit of the input ends up in an item span or in a recognised context span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from zonula.errors import FieldProblem, ValidationError
from zonula.foods.groups import Level, max_level
from zonula.foods.lexicon import Lexicon, load_lexicon
from zonula.foods.numbers import parse_number, zh_number
from zonula.foods.substitute import SWAP_WORDS, is_milk_swap, swapped_levels
from zonula.foods.text import AMP, CJK, NUM, WORD, fold, tokens
from zonula.foods.vocab import (
    EN_CONTEXT,
    EN_CONTEXT_PHRASES,
    EN_FILLERS,
    EN_NEGATORS,
    EN_NUMBERS,
    EN_PORTIONS,
    EN_UNITS,
    ZH_CONTEXT,
    ZH_NEGATORS,
    ZH_NUMERAL_CHARS,
    ZH_PORTIONS,
    ZH_UNITS,
    Portion,
)  # fmt: skip
from zonula.i18n import _

MAX_TEXT_LENGTH = 20_000
EN_CONJUNCTIONS = frozenset({"and", "or", "plus", "then", "with", "w", "also", "&"})
ZH_CONJUNCTIONS = frozenset(
    {"和", "跟", "与", "及", "以及", "还有", "加", "配", "搭配", "外加", "另外", "再", "换", "换成", "用"}
)
_ZH_SPECIAL: dict[str, str] = {
    **dict.fromkeys(ZH_CONTEXT, "context"),
    **dict.fromkeys(ZH_NEGATORS, "negator"),
    **dict.fromkeys(ZH_PORTIONS, "portion"),
}
_ZH_SPECIAL_PREFIXES = frozenset(w[:n] for w in _ZH_SPECIAL for n in range(1, len(w) + 1))
_ZH_UNIT_MAX = max(len(u) for u in ZH_UNITS)
_WORDISH = frozenset({WORD, NUM, AMP})
_BRACKETED = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class MealItem:
    """One food (or unknown words) found in meal text, with where it was and how much."""

    span: Span
    text: str
    food_id: str | None
    name_en: str | None
    name_zh: str | None
    quantity: float | None
    unit: str | None
    portion: Portion
    groups: Mapping[str, Level]
    negated: bool = False

    @property
    def known(self) -> bool:
        """True when the words matched a lexicon food."""
        return self.food_id is not None


@dataclass(frozen=True, slots=True)
class ParsedMeal:
    """The items of one meal text and the lexicon version that produced them."""

    text: str
    items: tuple[MealItem, ...]
    lexicon_version: str
    context: tuple[Span, ...] = field(default=())

    def levels(self) -> dict[str, Level]:
        """Each group's strongest level over the meal's (non-negated, known) items."""
        out: dict[str, Level] = {}
        for item in self.items:
            if item.negated or not item.known:
                continue
            for group, level in item.groups.items():
                out[group] = max_level([out.get(group, Level.NONE), level])
        return out

    def contained(self) -> frozenset[str]:
        """Groups the meal contains (some item has them at moderate or high)."""
        return frozenset(g for g, level in self.levels().items() if level.contained)

    @property
    def unknown(self) -> tuple[MealItem, ...]:
        """Items the lexicon did not recognise."""
        return tuple(i for i in self.items if not i.known)


def parse_meal(text: str, lexicon: Lexicon | None = None) -> ParsedMeal:
    """Parse free meal text into items.

    Args:
        text: what the person wrote, e.g. "2 slices of pizza and a latte" or "早餐:牛奶、包子".
        lexicon: the lexicon to use (the shipped one by default; pass an overlay for user foods).

    Returns:
        The parsed meal; unknown words become items with `food_id` None.

    Raises:
        ValidationError: when `text` is not a string or is longer than MAX_TEXT_LENGTH.
    """
    if not isinstance(text, str):
        raise ValidationError([FieldProblem("text", _("meal text must be text"))])
    if len(text) > MAX_TEXT_LENGTH:
        message = _("meal text is longer than {n} characters").format(n=MAX_TEXT_LENGTH)
        raise ValidationError([FieldProblem("text", message)])
    lex = lexicon or load_lexicon()
    return _Parse(text, lex).run()


def parse_meals(texts: Iterable[str], lexicon: Lexicon | None = None) -> Iterator[ParsedMeal]:
    """Parse each text in turn, once per distinct text (diaries repeat their meals); the same lexicon for all."""
    seen: dict[str, ParsedMeal] = {}
    for text in texts:
        parsed = seen.get(text)
        if parsed is None:
            parsed = seen[text] = parse_meal(text, lexicon)
        yield parsed


class _Pending:
    """A quantity phrase waiting for the food it belongs to."""

    __slots__ = ("end", "num_end", "portion", "quantity", "ranged", "soft", "start", "unit")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.quantity: float | None = None
        self.unit: str | None = None
        self.portion = Portion.USUAL
        self.soft = False  # "a": a later "couple" or "few" may replace it
        self.ranged = False  # "3-": the next number closes a range
        self.num_end = end  # where its last number ends


class _Parse:
    """One parse run over one text."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text, self.lex = text, lex
        self.norm = fold(text, lex.fold_table)
        self.items: list[MealItem] = []
        self.context: list[Span] = []
        self.pending: _Pending | None = None
        self.unknown: list[int] | None = None
        self.unknown_q: _Pending | None = None
        self.negate = False
        self.swap_into: int | None = None
        self.depth = 0  # inside how many brackets: "Oatmeal (cooked with water) 1 cup"
        self.depths: list[int] = []  # the bracket depth of each item

    def run(self) -> ParsedMeal:
        toks = tokens(self.norm)
        norm, lex = self.norm, self.lex
        t, n = 0, len(toks)
        while t < n:
            kind, s, e = toks[t]
            if kind in _WORDISH:
                if t + 1 < n and f"{norm[s:e]} {norm[toks[t + 1][1] : toks[t + 1][2]]}" in EN_CONTEXT_PHRASES:
                    self._flush_unknown()
                    self.context.append((s, toks[t + 1][2]))
                    t += 2
                    continue
                match = self._match_en(toks, t)
                if match is not None:
                    end_t, index = match
                    self._emit(s, toks[end_t][2], index)
                    t = end_t + 1
                    continue
                self._en_word(kind, norm[s:e], s, e)
            elif kind == CJK:
                self._cjk(s, e)
            else:
                self._other(norm[s:e], s, e)
            t += 1
        self._boundary()
        return ParsedMeal(self.text, tuple(self.items), lex.version, tuple(self.context))

    # --- English ---
    def _match_en(self, toks: list[tuple[str, int, int]], t: int) -> tuple[int, int] | None:
        norm, en, prefixes = self.norm, self.lex.en, self.lex.en_prefixes
        key = norm[toks[t][1] : toks[t][2]]
        if key not in prefixes:
            return None
        best = None
        j, n = t, len(toks)
        while True:
            index = en.get(key)
            if index is not None:
                best = (j, index)
            k = j + 1
            if k < n and norm[toks[k][1]] == "-" and toks[k][2] - toks[k][1] == 1:
                k += 1  # a hyphen joins words like a space
            if k >= n or toks[k][0] not in _WORDISH or norm[toks[k - 1][2] : toks[k][1]].strip():
                break
            longer = f"{key} {norm[toks[k][1] : toks[k][2]]}"
            if longer not in prefixes:
                break
            key, j = longer, k
        return best

    def _en_word(self, kind: str, word: str, s: int, e: int) -> None:
        if kind == NUM:
            self._quantity(s, e, parse_number(word))
        elif word in EN_NUMBERS:
            self._quantity(s, e, EN_NUMBERS[word], soft=word in ("a", "an", "some"))
        elif word in EN_UNITS:
            self._pending_at(s, e).unit = EN_UNITS[word]
        elif word in EN_PORTIONS:
            self._pending_at(s, e).portion = EN_PORTIONS[word]
        elif word in EN_FILLERS and (self.pending is not None or word == "x"):
            self._pending_at(s, e)
        elif word in EN_NEGATORS:
            self._negator(s, e)
        elif word in EN_CONJUNCTIONS:
            self._conjunction(s, e, word)
        elif word in EN_CONTEXT:
            self._flush_unknown()
            if self.pending is not None:
                self.pending.end = e
            else:
                self.context.append((s, e))
        else:
            self._unknown(s, e)

    # --- Chinese ---
    def _cjk(self, s: int, e: int) -> None:
        norm, zh, prefixes = self.norm, self.lex.zh, self.lex.zh_all_prefixes(_ZH_SPECIAL_PREFIXES)
        j = s
        while j < e:
            food_end, food_index, special_end, special = j, -1, j, ""
            k = j + 1
            while k <= e and (piece := norm[j:k]) in prefixes:
                index = zh.get(piece)
                if index is not None:
                    food_end, food_index = k, index
                if piece in _ZH_SPECIAL:
                    special_end, special = k, piece
                k += 1
            if special and special_end >= food_end:
                self._zh_special(special, j, special_end)
                j = special_end
            elif food_index >= 0:
                self._emit(j, food_end, food_index)
                j = food_end
            elif norm[j] in ZH_NUMERAL_CHARS:
                j = self._zh_quantity(j, e)
            elif (u := self._zh_unit(j, e)) and (
                (self.pending is not None and self.pending.unit is None) or self._food_len(j + len(u), e)
            ):
                if self.pending is None or self.pending.unit is not None:
                    self._quantity(j, j, 1.0)  # 加个蛋, 来碗面: the 一 is left out
                assert self.pending is not None
                self.pending.unit, self.pending.end = u, j + len(u)
                j += len(u)
            else:
                self._unknown(j, j + 1)
                j += 1

    def _zh_special(self, word: str, s: int, e: int) -> None:
        kind = _ZH_SPECIAL[word]
        if kind == "portion":
            portion, unit = ZH_PORTIONS[word]
            pending = self._pending_at(s, e)
            pending.portion = portion
            pending.unit = pending.unit or unit
        elif kind == "negator":
            self._negator(s, e)
        elif word in ZH_CONJUNCTIONS:
            self._conjunction(s, e, word)
        else:
            self._flush_unknown()
            self.context.append((s, e))

    def _zh_unit(self, j: int, e: int) -> str:
        for size in range(min(_ZH_UNIT_MAX, e - j), 0, -1):
            if self.norm[j : j + size] in ZH_UNITS:
                return self.norm[j : j + size]
        return ""

    def _food_len(self, j: int, e: int) -> int:
        norm, zh, prefixes = self.norm, self.lex.zh, self.lex.zh_prefixes
        best, k = 0, j + 1
        while k <= e and norm[j:k] in prefixes:
            if norm[j:k] in zh:
                best = k - j
            k += 1
        return best

    def _zh_quantity(self, j: int, e: int) -> int:
        end = self._zh_quantity_phrase(j, e)
        self._suffix_if_listed(end, e)
        return end

    def _zh_quantity_phrase(self, j: int, e: int) -> int:
        norm = self.norm
        k = j
        while k < e and norm[k] in ZH_NUMERAL_CHARS:
            k += 1
        pending = self._quantity(j, k, zh_number(norm[j:k]))
        portion_word = next((w for w in (norm[k : k + 3], norm[k : k + 2]) if w in ZH_PORTIONS), "")
        if portion_word and ZH_PORTIONS[portion_word][1]:
            pending.portion, pending.unit = ZH_PORTIONS[portion_word]
            pending.end = k = k + len(portion_word)
            return k
        if k < e and norm[k] in "大小" and (unit := self._zh_unit(k + 1, e)):
            pending.portion = Portion.LARGE if norm[k] == "大" else Portion.SMALL
            pending.unit, pending.end = unit, k + 1 + len(unit)
            return pending.end
        unit = self._zh_unit(k, e)
        if unit and self._food_len(k, e) <= len(unit):
            pending.unit, pending.end = unit, k + len(unit)
            return pending.end
        return k

    def _suffix_if_listed(self, k: int, e: int) -> None:
        """In "包子两个豆浆一杯" each quantity follows its food: attach it to the food before."""
        last, pending = (self.items[-1] if self.items else None), self.pending
        if last is None or pending is None or last.quantity is not None or last.span[1] != pending.start:
            return
        size = self._food_len(k, e)
        if size and k + size < e and self.norm[k + size] in ZH_NUMERAL_CHARS:
            self._boundary()


    # --- other characters ---
    def _other(self, char: str, s: int, e: int) -> None:
        index = self.lex.emoji.get(char)
        if index is not None:
            self._emit(s, e, index)
        elif char == "\ufe0f" or char == "\u200d" or unicodedata.category(char) in ("Mn", "Me", "Sk"):
            return
        elif (
            char in "-–~～" and self.pending is not None and self.pending.quantity is not None
            and not self.text[self.pending.num_end : s].strip()
        ):  # fmt: skip
            self.pending.ranged, self.pending.end = True, e
        elif char in "%％" and self.pending is not None and self.pending.num_end == s:
            self.context.append((self.pending.start, e))  # "Milk (2%)": a percentage, not an amount
            self.pending = None
        elif char in "(（[【":
            self._boundary()
            self.depth += 1
            if self.items and self.items[-1].known and not self.items[-1].negated:
                self.swap_into = len(self.items) - 1  # "latte (oat milk)"
        elif char in ")）]】":
            self._boundary()
            self.depth = max(0, self.depth - 1)
        elif char in "×*":  # "toast ×2"
            self._pending_at(s, e)
        else:
            self._boundary()
            self.negate = False

    # --- state ---
    def _negator(self, s: int, e: int) -> None:
        """"no", "without", "不加": the next food is excluded from the meal."""
        self._flush_unknown()
        self.negate = True
        self.context.append((s, e))

    def _conjunction(self, s: int, e: int, word: str) -> None:
        """"and", "with", "和": ends the phrase before it ("with", "换" may announce a milk swap)."""
        self._boundary()
        self.context.append((s, e))
        if word in SWAP_WORDS and self.items and self.items[-1].known and not self.items[-1].negated:
            self.swap_into = len(self.items) - 1

    def _pending_at(self, s: int, e: int) -> _Pending:
        self._flush_unknown()
        if self.pending is None:
            self.pending = _Pending(s, e)
        self.pending.end = e
        return self.pending

    def _quantity(self, s: int, e: int, value: float | None, *, soft: bool = False) -> _Pending:
        held = self.pending
        if held is not None and held.quantity is not None:
            if held.ranged and value is not None:  # "3-4 cookies": the middle of the range
                held.quantity, held.ranged, held.end, held.num_end = (held.quantity + value) / 2, False, e, e
                return held
            if soft:  # "half a sandwich"
                held.end = e
                return held
            if not held.soft:
                self._boundary()
        pending = self._pending_at(s, e)
        if not soft or pending.quantity is None:
            pending.quantity, pending.soft = value, soft
        pending.num_end = e
        return pending

    def _unknown(self, s: int, e: int) -> None:
        if self.depth:  # words in brackets describe: "Rice (White / Cooked)", "(MyFitnessPal: 320 kcal)"
            self.context.append((s, e))
            return
        if self.unknown is None:
            self.unknown_q, self.pending = self.pending, None
            self.unknown = [self.unknown_q.start if self.unknown_q else s, e]
        else:
            self.unknown[1] = e

    def _flush_unknown(self) -> None:
        if self.unknown is None:
            return
        s, e = self.unknown
        q = self.unknown_q
        self.items.append(
            MealItem((s, e), self.text[s:e], None, None, None, q.quantity if q else None, q.unit if q else None,
                     q.portion if q else Portion.USUAL, {}, self.negate)
        )
        self.depths.append(self.depth)
        self.unknown = self.unknown_q = None
        self.negate = False

    def _emit(self, s: int, e: int, index: int) -> None:
        self._flush_unknown()
        q, self.pending = self.pending, None
        start = q.start if q is not None else s
        food_id, name_en, name_zh = self.lex.names_at(index)
        self.items.append(
            MealItem((start, e), self.text[start:e], food_id, name_en, name_zh or None,
                     q.quantity if q else None, q.unit if q else None, q.portion if q else Portion.USUAL,
                     self.lex.levels_view(index), self.negate)
        )
        self.depths.append(self.depth)
        self.negate = False
        if self.swap_into is not None:
            self._swap_milk(self.swap_into, food_id)
        self.swap_into = None

    def _swap_milk(self, target: int, swap_id: str) -> None:
        """"latte with oat milk": the latte's dairy and lactose come from the oat milk instead."""
        dish = self.items[target]
        if dish.food_id is None or not is_milk_swap(self.lex, swap_id):
            return
        levels = swapped_levels(self.lex, dish.food_id, swap_id)
        if levels is not None:
            self.items[target] = replace(dish, groups=levels)

    def _boundary(self) -> None:
        """End of a phrase: pending quantities attach to the item just before them, or become context."""
        self._flush_unknown()
        self.swap_into = None
        q, self.pending = self.pending, None
        if q is None:
            return
        target = next((k for k in range(len(self.items) - 1, -1, -1) if self.depths[k] <= self.depth), None)
        last = None if target is None else self.items[target]
        if (
            last is not None
            and last.quantity is None
            and last.unit is None
            and not any(c.isalnum() for c in _BRACKETED.sub("", self.text[last.span[1] : q.start]))
        ):
            assert target is not None
            self.items[target] = MealItem(
                (last.span[0], q.end), self.text[last.span[0] : q.end], last.food_id, last.name_en,
                last.name_zh, q.quantity, q.unit, q.portion if q.portion is not Portion.USUAL else last.portion,
                last.groups, last.negated,
            )  # fmt: skip
        else:
            self.context.append((q.start, q.end))
