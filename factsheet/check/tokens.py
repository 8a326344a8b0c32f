"""Number tokens in normalised text: sign, groups, decimals, percent, scale word and range."""

# A number is matched whole or not at all: an excerpt's match may not start or end inside
# a token, so "19" is not found in "19 million", "30" in "-30", "7" in ".7", "700" in
# "3٬700", "45" in "45%" or "2" in "2-3 million". The token is read from normalised text,
# where every dash is "-" and a minus sign after a space keeps that space ("fell to -30").

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import lru_cache

from factsheet.validate.number_words import TABLES

# Marks between digit groups or before decimals: comma, point, apostrophe, middle dot,
# Arabic thousands and decimal marks, slash and fraction slash (1/2), colon (10:30), and
# the caret of a power written out ("10^6" is one number, never 10 or 6).
SEPARATORS = ",.'·\u066c\u066b/\u2044:^"
# Longest first: "percentage points" is not "percent" cut from "percentage".
PERCENT = r"(?: ?[%‰]|(?i: (?:percentage points?|per ?cent|pct|процент\w*)(?!\w)| п\.п\.))"
# Marks between the two ends of a range besides the dash: a tilde or wave dash ("2~3").
RANGE_MARKS = "~\u301c"
# Words that join the two ends of a range sharing what follows ("2 to 3 million").
RANGE_JOINS = ("to", "and", "or", "до", "или", "и")
# Vulgar fractions, which may follow a whole number after a space ("19 ½").
_VULGAR = "[\u00bc-\u00be\u2150-\u215e]"


@lru_cache(maxsize=1)
def token_re() -> re.Pattern[str]:
    """The number token: every digit and numeric character (½, ⁴, ①) counts as a digit."""
    numeric = _numeric_class()
    sep = re.escape(SEPARATORS)
    scales = sorted({w.rstrip(".") for table in TABLES.values() for w in table[1]} | {
        "trillion", "трлн", "bln", "tn", "trn", "lakh", "crore", "тысяча"}, key=len,
        reverse=True)
    scale = rf"(?:[ -](?i:{'|'.join(map(re.escape, scales))})(?:s|\.)?(?!\w))"
    # Digits, then groups: after a separator, or after a space when exactly three digits
    # follow ("1 700"), or a fraction after a space ("1 1/2").
    body = (rf"(?:{numeric}+(?:[{sep}]{numeric}+| (?={numeric}{{3}}(?!{numeric}))"
            rf"{numeric}{{3}}| (?={numeric}+[/\u2044]){numeric}+| ?{_VULGAR})*"
            rf"|\.{numeric}+)")
    one = rf"(?:(?<![\w\x1f])[-+±])?{body}{PERCENT}?{scale}*"
    joins = "|".join(RANGE_JOINS)
    return re.compile(rf"{one}(?:(?: ?[-{RANGE_MARKS}] ?| (?i:{joins}) ){one})*")


def char_class(points: list[int]) -> str:
    """A regex class of sorted code points, written as ranges (fast to match)."""
    parts: list[str] = []
    first = prev = points[0]
    for point in [*points[1:], -1]:
        if point != prev + 1:
            a, b = re.escape(chr(first)), re.escape(chr(prev))
            parts.append(a if first == prev else f"{a}-{b}")
            first = point
        prev = point
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def _numeric_class() -> str:
    """A class of every numeric character of the Basic Multilingual Plane, and \\d."""
    points = [c for c in range(0x30, 0x10000) if not 0xD800 <= c <= 0xDFFF
              and chr(c).isnumeric()]
    return r"[\d" + char_class(points)[1:]


@lru_cache(maxsize=1)
def words_re() -> re.Pattern[str]:
    """A number in words of two or more parts: "two thousand", "nineteen million",
    "две тысячи", "three hundred and five"; "two" is not whole when "thousand" follows."""
    words = {w for table in TABLES.values() for w in table[0]}
    scales = {w for table in TABLES.values() for w in table[1] if len(w.rstrip(".")) > 3}
    one = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    more = "|".join(map(re.escape, sorted(words | scales, key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?i:{one})(?:(?:[ -]|,? (?i:and|и) )(?i:{more}))+(?!\w)")


def cut_token(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The number token a match text[start:end] cuts (starts or ends inside), or None."""
    starts, ends = spans(text)
    for edge in (start, end):
        k = bisect_left(starts, edge) - 1  # the last token that starts before the edge
        if k >= 0 and ends[k] > edge:
            return starts[k], ends[k]
    return None


@lru_cache(maxsize=4)  # a sheet's copies in turn; each is held by its Archive meanwhile
def spans(text: str) -> tuple[array[int], array[int]]:
    """Where each number token of a text starts and ends, in order; found once per text."""
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    found = [m.span() for m in token_re().finditer(text)]
    found += [m.span() for m in words_re().finditer(text)]
    for a, b in sorted(found):
        if starts and a < ends[-1]:  # inside the one before (none overlap in practice)
            ends[-1] = max(ends[-1], b)
            continue
        starts.append(a)
        ends.append(b)
    return starts, ends


def makes_digit(raw: str, folded: str) -> bool:
    """True when a compatibility fold writes digits that were not digits ("½" as "1⁄2")."""
    return sum(map(str.isdecimal, folded)) > sum(map(str.isdecimal, raw))
