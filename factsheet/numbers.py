"""Number reading: which whole numbers an excerpt states, in digits, scale words or words."""

from __future__ import annotations

import re

from factsheet.model import Range

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_TENS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
         90: "ninety", 100: "a hundred"}
# A separator between thousands groups ("3,700", "3 700", "3.700", "3'700"), removed first
# so every number in an excerpt is read once.
_THOUSANDS_SEP_RE = re.compile(r"(?<=\d)(?:[,.'’]|[\s\u00a0\u202f\u2009])(?=\d{3}(?!\d))")
_INT_RE = re.compile(r"(?<![\d.,])(\d+)(?![\d]|[.,]\d)")
_SCALED_RE = re.compile(r"(?<![\d.,])(\d+)(?:[.,](\d))?[\s\u00a0-]*(billion|million|thousand)\b",
                        re.IGNORECASE)
_SCALES = {"billion": 1_000_000_000, "million": 1_000_000, "thousand": 1_000}
_WORD_VALUES = {w: n for n, w in enumerate(_NUMBER_WORDS)} | {w: n for n, w in _TENS.items()}
_WORDS_RE = re.compile(r"\b(" + "|".join(sorted(_WORD_VALUES, key=len, reverse=True)) + r")\b",
                       re.IGNORECASE)
# Fractions reporters use for shares, accepted for a figure whose unit is a percentage.
_FRACTIONS = {50: r"(?:one[- ])?half", 25: r"(?:one[- ]|a[- ])?quarter",
              20: r"one[- ]fifth", 10: r"one[- ]tenth", 75: r"three[- ]quarters"}
_FRACTIONS_RE = {n: re.compile(rf"\b{rx}\b", re.IGNORECASE) for n, rx in _FRACTIONS.items()}


def numbers_in(says: str, percent: bool = False) -> set[int]:
    """Every whole number an excerpt states: digits, scale words, number words, fractions."""
    text = _THOUSANDS_SEP_RE.sub("", says)
    found = {int(m) for m in _INT_RE.findall(text)}
    for whole, tenth, scale in _SCALED_RE.findall(text):
        # "19 million", "1.5 million": how reporters write large round numbers.
        found.add((int(whole) * 10 + int(tenth or 0)) * _SCALES[scale.lower()] // 10)
    found.update(_WORD_VALUES[w.lower()] for w in _WORDS_RE.findall(says))
    if percent:
        found.update(n for n, rx in _FRACTIONS_RE.items() if rx.search(says))
    return found


def says_number(says: str, value: int | Range | str, unit: str | None = None) -> bool:
    """True when an excerpt states the value in a usual digit form (or as a word)."""
    if isinstance(value, str):
        word = value.removeprefix("a ")
        return re.search(rf"\b{re.escape(word)}\b", says, re.IGNORECASE) is not None
    percent = bool(unit) and ("%" in (unit or "") or "percent" in (unit or "").lower())
    numbers = {value.min, value.max} if isinstance(value, Range) else {value}
    return numbers <= numbers_in(says, percent)

