"""Number reading: which whole numbers an excerpt states, in digits, scale words or words."""

# A number is read whole or not at all: "3" is not read from "3,700", nor "1.08" as 1,080,000
# without its "million". Digits are read in every usual grouping and, through babel, with the
# sheet language's own decimal mark ("3,7 тыс." in Russian); words come from the tables in
# factsheet.validate.number_words (English always, and the sheet's language when it has a table).

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

from factsheet.model import Range
from factsheet.validate.number_words import AGREES, phrase_key, qualifier_res, words_for

# Digits joined by single separators, never across a line break: "3,700", "3 700", "1.08".
_SPACES = " \u00a0\u202f\u2009"
_TOKEN_RE = re.compile(rf"(?<![\d.,])(?>\d+(?:[.,'’{_SPACES}]\d+)*)"
                       r"(?!(?:st|nd|rd|th)\b|-(?:й|я|е|го|м|х)\b)")  # ordinals are not counts
_GROUPED_RE = re.compile(rf"^\d{{1,3}}([.,'’{_SPACES}])\d{{3}}(?:\1\d{{3}})*$")
_SHORT_DECIMAL_RE = re.compile(r"^(\d+)[.,](\d{1,2})$")  # "1,5 million", "2.25 billion"
# Between the two ends of a range that share one scale word: "1.5 to 2 million", "от 1,5 до 2".
_RANGE_RE = re.compile(r"\s*(?:-|–|—|to|and|or|до|или|и)\s*", re.IGNORECASE)
# Fractions reporters use for shares, accepted for a figure whose unit is a percentage.
_FRACTIONS = {50: r"(?:one[- ])?half", 25: r"(?:one[- ]|a[- ])?quarter",
              20: r"one[- ]fifth", 10: r"one[- ]tenth", 75: r"three[- ]quarters"}
_FRACTIONS_RE = {n: re.compile(rf"\b{rx}\b", re.IGNORECASE) for n, rx in _FRACTIONS.items()}


def numbers_in(says: str, percent: bool = False, lang: str = "en") -> set[int]:
    """Every whole number an excerpt states: digits, scale words, number words, fractions."""
    text = says.replace("ё", "е").replace("Ё", "Е")
    words = words_for(lang)
    found: set[int] = set()
    for _, _, values, _ in _places(text, lang):
        found |= values
    found |= words.numbers(text)
    if percent:
        found.update(n for n, rx in _FRACTIONS_RE.items() if rx.search(says))
    return found


def says_number(says: str, value: int | Range | str, unit: str | None = None, *,
                lang: str = "en") -> bool:
    """True when an excerpt states the value: in digits, scaled, in words, or the vague word."""
    if isinstance(value, str):
        return words_for(lang).says_vague(says, value)
    percent = bool(unit) and ("%" in (unit or "") or "percent" in (unit or "").lower())
    numbers = {value.min, value.max} if isinstance(value, Range) else {value}
    return numbers <= numbers_in(says, percent, lang)


def _shared_scale(first: str, second: str, scale: Decimal, lang: str) -> Decimal | None:
    """The scale of "2 million" shared by "1.5" in "1.5 to 2 million", when in range order."""
    low = _readings(first, lang, scaled=True)
    high = _readings(second, lang, scaled=True)
    return scale if low and high and max(low) <= min(high) else None


def _readings(token: str, lang: str, *, scaled: bool) -> set[Decimal]:
    """The values a run of digits and separators can mean; decimals only before a scale."""
    if token.isdigit():
        return {Decimal(token)}
    out: set[Decimal] = set()
    if _GROUPED_RE.match(token):  # one separator throughout, groups of three
        out.add(Decimal(re.sub(r"\D", "", token)))
    if scaled:
        short = _SHORT_DECIMAL_RE.match(token)
        if short:
            out.add(Decimal(f"{short[1]}.{short[2]}"))
        local = local_decimal(token, lang)
        if local is not None:
            out.add(local)
    if out:
        return out
    # Not one number: numbers side by side ("in 2021 500 people", "10 12"), each read alone.
    parts = re.split(f"[{_SPACES}]", token)
    if len(parts) == 1:
        return set()
    return {v for part in parts for v in _readings(part, lang, scaled=False)}


def local_decimal(token: str, lang: str) -> Decimal | None:
    """The token read as the language writes numbers (babel, strict), or None."""
    locale = _locale(lang)
    group = get_group_symbol(locale)
    if group.isspace():  # writers use any space for the group mark the locale sets as NBSP
        token = re.sub(f"[{_SPACES}]", group, token)
    try:
        return Decimal(parse_decimal(token, locale=locale, strict=True))
    except (NumberFormatError, ValueError):
        return None


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")



def qualifier_differs(says: str, value: int | Range | str, approx: str, *,
                      lang: str = "en") -> tuple[str, str] | None:
    """The excerpt's wording of the value, and the `approx` it fits, when it disagrees.

    "more than 5,300" does not state an exact 5,300 nor "about 5,300"; None when some place
    that states the value agrees (or none states it: that is the validator's finding).
    """
    text = says.replace("ё", "е").replace("Ё", "Е")
    places = _value_places(text, value, lang)
    if not places:  # stated in words: a qualifier right before a number word counts
        places = _word_places(text, lang) or [(0, len(text), "exact", "")]
    shown: tuple[str, str] | None = None
    for start, end, cls, _ in places:
        if isinstance(value, Range) and cls in ("low", "high"):
            cls = "exact"  # a range figure is meant to be stated as a range
        if approx in AGREES[cls]:
            return None
        fits = min(AGREES[cls], key=lambda a: (a != cls, a))
        shown = shown or (text[start:end].strip(), fits)
    return shown


def _value_places(text: str, value: int | Range | str, lang: str
                  ) -> list[tuple[int, int, str, str]]:
    """Where the excerpt states the value: (start, end, qualifier class, phrase class)."""
    if isinstance(value, str):
        forms = (value.removeprefix("a "), *words_for(lang).vague.get(value, ()))
        alternation = "|".join(re.escape(f) for f in forms)
        spans = [(m.start(), m.end(), "") for m in re.finditer(
            rf"\b(?:{alternation})\b", text, re.IGNORECASE)]
    else:
        target = value.min if isinstance(value, Range) else value
        spans = [(a, b, role) for a, b, values, role in _places(text, lang) if target in values]
    before, after, classes = qualifier_res(lang)
    out = []
    for a, b, role in spans:
        pre = before.search(text, 0, a)
        post = after.match(text, b)
        if pre is not None:
            out.append((pre.start(), b, classes[_phrase(pre[0])], role))
        elif post is not None:
            out.append((a, post.end(), classes[_phrase(post["far"] or post["near"])], role))
        else:
            out.append((a, b, role or "exact", role))
    return out


def _word_places(text: str, lang: str) -> list[tuple[int, int, str, str]]:
    """Qualifiers followed by a number word ("more than five hundred", "около трех")."""
    before, _, classes = qualifier_res(lang)
    words = words_for(lang)
    out = []
    for m in re.finditer(before.pattern.removesuffix("[\\s\\u00a0]*$") + r"\s+(\w+)", text,
                         re.IGNORECASE):
        word = m[1].lower()
        if word in words.words or word in words.articles or word == "half":
            out.append((m.start(), m.end(), classes[_phrase(m[0][: m.start(1) - m.start()])],
                        ""))
    return out


def _phrase(found: str) -> str:
    return phrase_key(found)


def _places(text: str, lang: str) -> list[tuple[int, int, set[int], str]]:
    """Each number in digits: its span with scale words, its values, its end of a range."""
    words = words_for(lang)
    tokens = [(m, *words.scale_at(text, m.end())) for m in _TOKEN_RE.finditer(text)]
    out: list[tuple[int, int, set[int], str]] = []
    for i, (m, scale, end) in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        joined = after is not None and _RANGE_RE.fullmatch(text, end, after[0].start())
        if scale is None and joined and after is not None and after[1] is not None:
            scale = _shared_scale(m.group(), after[0].group(), after[1], lang)
        first = i > 0 and _RANGE_RE.fullmatch(text, tokens[i - 1][2], m.start())
        values = {int(v * (scale or 1)) for v in _readings(m.group(), lang, scaled=bool(scale))
                  if (v * (scale or 1)) % 1 == 0}
        out.append((m.start(), end, values, "low" if joined else "high" if first else ""))
    for i in range(len(out) - 1):  # both ends of a range span the whole range
        if out[i][3] == "low" and out[i + 1][3] == "high":
            out[i], out[i + 1] = ((out[i][0], out[i + 1][1], out[i][2], "low"),
                                  (out[i][0], out[i + 1][1], out[i + 1][2], "high"))
    return out
