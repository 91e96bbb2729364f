"""Meal text (English, Chinese or mixed) → food items with quantities, portions and food groups.

Pure and fast: one tokeniser pass, longest match over the lexicon's prefix tables, no models.
Every letter or digit of the input ends up in an item span or in a recognised context span.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from zonula.errors import FieldProblem, ValidationError
from zonula.foods.groups import Level, max_level
from zonula.foods.lexicon import Lexicon, load_lexicon
from zonula.foods.text import AMP, CJK, NUM, OTHER, SPACE, WORD, fold, tokens
from zonula.foods.vocab import (
    EN_CONTEXT, EN_FILLERS, EN_NEGATORS, EN_NUMBERS, EN_PORTIONS, EN_UNITS, ZH_CONTEXT, ZH_NEGATORS,
    ZH_NUMERAL_CHARS, ZH_NUMERALS, ZH_PORTIONS, ZH_UNITS, Portion,
)  # fmt: skip

MAX_TEXT_LENGTH = 20_000
EN_CONJUNCTIONS = frozenset({"and", "or", "plus", "then", "with", "w", "also", "&"})
ZH_CONJUNCTIONS = frozenset({"和", "跟", "与", "及", "以及", "还有", "加", "配", "搭配", "外加", "另外", "再"})
_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "¼": 0.25, "¾": 0.75, "⅔": 2 / 3}
_ZH_SPECIAL: dict[str, str] = {
    **{w: "context" for w in ZH_CONTEXT},
    **{w: "negator" for w in ZH_NEGATORS},
    **{w: "portion" for w in ZH_PORTIONS},
}
_ZH_SPECIAL_PREFIXES = frozenset(w[:n] for w in _ZH_SPECIAL for n in range(1, len(w) + 1))
_ZH_UNIT_MAX = max(len(u) for u in ZH_UNITS)
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
        raise ValidationError([FieldProblem("text", "meal text must be a string")])
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError([FieldProblem("text", f"meal text is longer than {MAX_TEXT_LENGTH} characters")])
    lex = lexicon or load_lexicon()
    return _Parse(text, lex).run()


def parse_number(text: str) -> float | None:
    """A quantity from digits ("2", "1.5", "1,5", "1/2", "½") or Chinese numerals ("两", "十二", "半")."""
    if text in _FRACTIONS:
        return _FRACTIONS[text]
    if "/" in text:
        num, _, den = text.partition("/")
        return float(num) / float(den) if float(den) else None
    if text[0].isdigit():
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return None
    return zh_number(text)


def zh_number(text: str) -> float | None:
    """The value of a Chinese numeral (一, 两, 十二, 二十五, 一百, 半); None when vague (几, 两三)."""
    if text == "半":
        return 0.5
    if any(c in "几数" for c in text):
        return None
    if text.endswith("半") and len(text) > 1:
        whole = zh_number(text[:-1])
        return None if whole is None else whole + 0.5
    total, digit, seen_unit = 0, None, False
    for c in text:
        if c in ZH_NUMERALS:
            if digit is not None and not seen_unit:
                return None  # 两三: a range, not a number
            digit = ZH_NUMERALS[c]
            seen_unit = False
        elif c in "十百千":
            scale = {"十": 10, "百": 100, "千": 1000}[c]
            total += (digit if digit is not None else 1) * scale
            digit, seen_unit = None, True
        else:
            return None
    return float(total + (digit or 0))


class _Pending:
    """A quantity phrase waiting for the food it belongs to."""

    __slots__ = ("end", "portion", "quantity", "start", "unit")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.quantity: float | None = None
        self.unit: str | None = None
        self.portion = Portion.USUAL


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

    def run(self) -> ParsedMeal:
        toks = list(tokens(self.norm))
        norm, lex = self.norm, self.lex
        t, n = 0, len(toks)
        while t < n:
            kind, s, e = toks[t]
            if kind is SPACE or kind == SPACE:
                t += 1
                continue
            if kind in (WORD, NUM, AMP):
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
            while k < n and (toks[k][0] == SPACE or (toks[k][0] == OTHER and norm[toks[k][1]] == "-")):
                k += 1
            if k >= n or toks[k][0] not in (WORD, NUM, AMP):
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
        elif word in EN_FILLERS and self.pending is not None:
            self.pending.end = e
        elif word in EN_NEGATORS:
            self._flush_unknown()
            self.negate = True
            self.context.append((s, e))
        elif word in EN_CONJUNCTIONS:
            self._boundary()
            self.context.append((s, e))
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
        norm, zh, prefixes = self.norm, self.lex.zh, self.lex.zh_prefixes
        j = s
        while j < e:
            food_end, food_index = j, -1
            k = j + 1
            while k <= e and norm[j:k] in prefixes:
                index = zh.get(norm[j:k])
                if index is not None:
                    food_end, food_index = k, index
                k += 1
            special_end, special = j, ""
            k = j + 1
            while k <= e and norm[j:k] in _ZH_SPECIAL_PREFIXES:
                if norm[j:k] in _ZH_SPECIAL:
                    special_end, special = k, norm[j:k]
                k += 1
            if special and special_end >= food_end:
                self._zh_special(special, j, special_end)
                j = special_end
            elif food_index >= 0:
                self._emit(j, food_end, food_index)
                j = food_end
            elif norm[j] in ZH_NUMERAL_CHARS:
                j = self._zh_quantity(j, e)
            elif self.pending is not None and self.pending.unit is None and (u := self._zh_unit(j, e)):
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
            self._flush_unknown()
            self.negate = True
            self.context.append((s, e))
        elif word in ZH_CONJUNCTIONS:
            self._boundary()
            self.context.append((s, e))
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

    # --- other characters ---
    def _other(self, char: str, s: int, e: int) -> None:
        index = self.lex.emoji.get(char)
        if index is not None:
            self._emit(s, e, index)
        elif char == "\ufe0f" or char == "\u200d" or unicodedata.category(char) in ("Mn", "Me", "Sk"):
            return
        else:
            self._boundary()
            self.negate = False

    # --- state ---
    def _pending_at(self, s: int, e: int) -> _Pending:
        self._flush_unknown()
        if self.pending is None:
            self.pending = _Pending(s, e)
        self.pending.end = e
        return self.pending

    def _quantity(self, s: int, e: int, value: float | None, *, soft: bool = False) -> _Pending:
        if self.pending is not None and self.pending.quantity is not None:
            self._boundary()
        pending = self._pending_at(s, e)
        if not soft or pending.quantity is None:
            pending.quantity = value
        return pending

    def _unknown(self, s: int, e: int) -> None:
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
                     q.portion if q else Portion.USUAL, {}, self.negate)  # fmt: skip
        )
        self.unknown = self.unknown_q = None
        self.negate = False

    def _emit(self, s: int, e: int, index: int) -> None:
        self._flush_unknown()
        q, self.pending = self.pending, None
        start = q.start if q is not None else s
        food = self.lex.food_at(index)
        self.items.append(
            MealItem((start, e), self.text[start:e], food.id, food.name_en, food.name_zh or None,
                     q.quantity if q else None, q.unit if q else None, q.portion if q else Portion.USUAL,
                     self.lex.levels_view(index), self.negate)  # fmt: skip
        )
        self.negate = False

    def _boundary(self) -> None:
        """End of a phrase: pending quantities attach to the item just before them, or become context."""
        self._flush_unknown()
        q, self.pending = self.pending, None
        if q is None:
            return
        last = self.items[-1] if self.items else None
        if (
            last is not None
            and last.quantity is None
            and last.unit is None
            and not self.text[last.span[1] : q.start].strip()
        ):
            self.items[-1] = MealItem(
                (last.span[0], q.end), self.text[last.span[0] : q.end], last.food_id, last.name_en,
                last.name_zh, q.quantity, q.unit, q.portion if q.portion is not Portion.USUAL else last.portion,
                last.groups, last.negated,
            )  # fmt: skip
        else:
            self.context.append((q.start, q.end))
