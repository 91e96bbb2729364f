"""Length-preserving text normalisation and the tokeniser shared by the lexicon build and the parser."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Code points treated as Chinese characters (CJK unified ideographs and extensions).
CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"

TOKEN_RE = re.compile(
    rf"(?P<num>\d+(?:[.,]\d+)?(?:/\d+)?|[½⅓¼¾⅔])"
    rf"|(?P<cjk>[{CJK_RANGES}]+)"
    rf"|(?P<word>[^\W\d_{CJK_RANGES}]+(?:'[^\W\d_{CJK_RANGES}]+)*)"
    r"|(?P<amp>&)"
    r"|(?P<other>\S)",
)
NUM, CJK, WORD, AMP, OTHER = "num", "cjk", "word", "amp", "other"


def _base_fold() -> dict[int, int]:
    """Full-width ASCII to half-width, curly quotes to straight, ASCII upper to lower."""
    table: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = 0x20
    for quote in "’‘`´":
        table[ord(quote)] = ord("'")
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = cp + 32
    for cp in range(0xFF21, 0xFF3B):  # full-width capitals go straight to lower case
        table[cp] = cp - 0xFEE0 + 32
    return table


BASE_FOLD: dict[int, int] = _base_fold()


def build_fold(t2s: Mapping[str, str]) -> dict[int, int]:
    """The full translate table: base folding plus one-character Traditional→Simplified mappings."""
    table = dict(BASE_FOLD)
    for trad, simp in t2s.items():
        table[ord(trad)] = ord(simp)
    return table


def fold(text: str, table: Mapping[int, int]) -> str:
    """Normalise `text` without changing its length, so spans stay valid on the original.

    Args:
        text: the raw text.
        table: a table from `build_fold`.

    Returns:
        The folded text, same length as `text`.
    """
    if text.isascii() and "`" not in text:
        return text.lower()
    out = text.translate(table)
    if not out.isascii():
        lowered = out.lower()
        if len(lowered) == len(out):
            return lowered
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
    return out.lower()


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every token of already folded text; whitespace is skipped."""
    return [(m.lastgroup or OTHER, m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def en_key(name: str, table: Mapping[int, int] = BASE_FOLD) -> str:
    """The lookup key of an English (or Latin-script) name: word and number tokens joined by spaces."""
    folded = fold(name, table)
    parts = [folded[s:e] for kind, s, e in tokens(folded) if kind in (WORD, NUM, AMP)]
    return " ".join(parts)


def is_cjk(text: str) -> bool:
    """True when every character of `text` is a Chinese character."""
    return bool(text) and all(_CJK_CHAR.match(c) for c in text)


_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")


def plural_variants(key: str) -> list[str]:
    """Other number forms of an English key's last word (pizza→pizzas, berries→berry, cookies→cookie)."""
    head, _, last = key.rpartition(" ")
    prefix = f"{head} " if head else ""
    if not last.isalpha() or len(last) < 3:
        return []
    forms: list[str] = []
    if last.endswith("ies"):
        forms += [last[:-3] + "y", last[:-1]]
    elif last.endswith(("ches", "shes", "xes", "sses", "oes")):
        forms += [last[:-2], last[:-1]]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        forms.append(last[:-1])
    else:
        if last.endswith("y") and last[-2] not in "aeiou":
            forms.append(last[:-1] + "ies")
        elif last.endswith(("s", "x", "ch", "sh", "z")):
            forms.append(last + "es")
        elif last.endswith("o"):
            forms += [last + "es", last + "s"]
        else:
            forms.append(last + "s")
    return [prefix + form for form in forms if form != last]
