"""Quantities: digits, fractions and Chinese numerals."""

from __future__ import annotations

from zonula.foods.vocab import ZH_NUMERALS

_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "¼": 0.25, "¾": 0.75, "⅔": 2 / 3}


def parse_number(text: str) -> float | None:
    """A quantity from digits ("2", "1.5", "1,5", "1/2", "½") or Chinese numerals ("两", "十二", "半")."""
    if text in _FRACTIONS:
        return _FRACTIONS[text]
    try:
        if "/" in text:
            num, _, den = text.partition("/")
            return float(num) / float(den) if float(den) else None
        if text[:1].isdigit():
            return float(text.replace(",", "."))
    except (ValueError, OverflowError):
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
