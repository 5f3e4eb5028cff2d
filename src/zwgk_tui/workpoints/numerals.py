"""Chinese numerals as printed in headings (一 … 九十九) and dates (二〇一九年四月十七日)."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3,
          "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL_CHARS = "零〇○一二两兩三四五六七八九十百"


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; None if not a numeral."""
    if not text:
        return None
    total = 0
    current = 0
    seen_unit = False
    for char in text:
        if char in DIGITS:
            current = current * 10 + DIGITS[char] if current and not seen_unit else DIGITS[char]
            seen_unit = False
        elif char == "十":
            total += (current or 1) * 10
            current = 0
            seen_unit = True
        elif char == "百":
            total += (current or 1) * 100
            current = 0
            seen_unit = True
        else:
            return None
    return total + current


def digits_to_int(text: str) -> int | None:
    """A run of digits written as 二〇一九 (year style) → 2019."""
    if text.isdigit():
        return int(text)
    if all(char in DIGITS for char in text):
        return int("".join(str(DIGITS[char]) for char in text))
    return cn_to_int(text)


def int_to_cn(number: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (for messages and inferred markers)."""
    names = "零一二三四五六七八九"
    if number < 10:
        return names[number]
    if number < 20:
        return "十" + (names[number % 10] if number % 10 else "")
    if number < 100:
        return names[number // 10] + "十" + (names[number % 10] if number % 10 else "")
    return str(number)
