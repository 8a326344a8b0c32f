"""Numbers and their qualifiers in a sentence: what is a count, its value, bounds and wording."""

# Reading a number is factsheet.numbers' knowledge (digits in every grouping, scale words,
# English and Russian number words); this module finds where numbers stand in a sentence,
# reads each through it, and decides which are counts: dates, times, years, ages, money,
# percentages, phone numbers and measurements are not.

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from factsheet.validate.number_words import Words, words_for
from factsheet.validate.numbers import numbers_in

Value = int | dict[str, int] | str  # a count, a {min, max} range, or a vague word

_DIGITS_RE = re.compile(r"(?<![\w.,:/+\-])(?:\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d.,])"
                        r"|\d+(?:[.,'’]\d+)*)(?![\w:]|[.,]\d|-(?:й|я|е|го|м|х)\b)")
# Qualifiers right before a number, longest first; the value is what the model calls approx.
_QUALIFIERS: dict[str, str] = {
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "at least": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "a minimum of": "at_least", "about": "about",
    "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "nearly": "about", "almost": "about",
    "close to": "about", "up to": "at_most", "as many as": "at_most", "at most": "at_most",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than",
    "более": "more_than", "свыше": "more_than", "больше": "more_than",
    "не менее": "at_least", "по меньшей мере": "at_least", "как минимум": "at_least",
    "минимум": "at_least", "около": "about", "порядка": "about", "примерно": "about",
    "приблизительно": "about", "почти": "about", "до": "at_most", "менее": "fewer_than",
    "меньше": "fewer_than",
}
# Qualifiers whose reading is a judgement ("nearly 10,000" is below it; "до" is also "until").
_LOOSE = {"nearly", "almost", "close to", "some", "до", "почти", "under"}
_QUAL_RE = re.compile(r"(?:^|(?<=\W))(" + "|".join(
    re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+$", re.IGNORECASE)
_MONTHS = ("january february march april may june july august september october november "
           "december jan feb mar apr jun jul aug sep sept oct nov dec января февраля марта "
           "апреля мая июня июля августа сентября октября ноября декабря").split()
_MONTH_RE = "|".join(_MONTHS)
_MONEY_BEFORE_RE = re.compile(r"(?:[$€£¥₽₸]|\b(?:US|USD|EUR|RUB|KZT)\s?)\s*$", re.IGNORECASE)
_AFTER_NOT_COUNT_RE = re.compile(
    r"\s*(?:%|percent\b|per cent\b|процент|долл|доллар|евро\b|руб|тенге|\$"
    r"|(?:dollars?|euros?|pounds?|tenge|roubles?|rubles?|yuan|usd|eur)\b"
    r"|(?:a\.?m\.?|p\.?m\.?)(?!\w)|(?:gmt|utc)\b"
    r"|(?:years? old|year-old|-year-old|лет\b|года\b|году\b|год\b|г\.)"
    r"|(?:km|kms|kilometres?|kilometers?|miles?|metres?|meters?|m|cm|mm|kg|kilograms?|"
    r"tonnes?|tons?|barrels?|degrees?|litres?|liters?|hectares?|acres?|feet|foot|inches|"
    r"sq|square|mw|gw|kw|mph|км|кг|тонн|метр|градус|литр|гектар)\b)",
    re.IGNORECASE)
_PHONE_RE = re.compile(r"\+\d[\d\s().-]{6,}\d|\(\d{2,5}\)\s?\d[\d\s-]{4,}\d"
                       r"|\d{2,4}(?:-\d{2,4}){2,}")
_AGE_BEFORE_RE = re.compile(r"(?:[A-ZА-Я][\w’'-]+,\s*|\baged\s+|\bв возрасте\s+)$")
_FROM_TO_RE = re.compile(r"\s*(?:-|–|—|to|до)\s*$", re.IGNORECASE)
_CHANGE_RE = re.compile(r"\b(?:ris\w*|rose|increas\w*|climb\w*|jump\w*|grew|grown|fell|fall\w*|"
                        r"drop\w*|revis\w*|rais\w*|lower\w*|вырос\w*|увелич\w*|снизил\w*|"
                        r"сократил\w*|возрос\w*)\b", re.IGNORECASE)


@dataclass
class Mention:
    """One number in a sentence: where it stands, its value, its bounds and doubts."""

    start: int  # the number's first character (a range's low end)
    end: int  # after the number (and its scale word, and a range's high end)
    value: Value
    approx: str = "exact"
    qual_start: int | None = None  # where its qualifier starts
    doubts: list[str] = field(default_factory=list)
    vague: bool = False
    note: str | None = None  # e.g. the earlier value of "risen from 18 to 26"

    @property
    def first(self) -> int:
        """Where the mention's words start (its qualifier, or the number)."""
        return self.qual_start if self.qual_start is not None else self.start


@lru_cache(maxsize=4)
def _word_re(lang: str) -> re.Pattern[str]:
    """A run of number words: "twenty-five", "five hundred", "трех тысяч"."""
    words = words_for(lang)
    alt = "|".join(re.escape(w) for w in sorted(
        [*words.words, *words.scales], key=len, reverse=True) if w.isalpha())
    return re.compile(rf"(?<![\w-])(?:{alt})(?:(?:[\s-]+|\s+and\s+)(?:{alt}))*(?![\w-])",
                      re.IGNORECASE)


@lru_cache(maxsize=4)
def _vague_re(lang: str) -> re.Pattern[str]:
    """The vague values and their forms: "dozens", "a few", "сотни"."""
    words = words_for(lang)
    forms = {f: key for key, fs in words.vague.items() for f in fs}
    forms |= {"dozens": "dozens", "hundreds": "hundreds", "thousands": "thousands",
              "a few": "a few", "several": "several"}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alt})(?!\w)", re.IGNORECASE)


def _vague_value(word: str, lang: str) -> str:
    words = words_for(lang)
    low = word.lower()
    for key, forms in words.vague.items():
        if low in forms:
            return key
    return low


def mentions(sentence: str, lang: str = "en") -> list[Mention]:
    """Every number in the sentence that may be a count, in order."""
    words = words_for(lang)
    blocked = [m.span() for m in _PHONE_RE.finditer(sentence)]
    found: list[Mention] = []
    for m in _DIGITS_RE.finditer(sentence):
        if any(a <= m.start() < b for a, b in blocked):
            continue
        mention = _digits(sentence, m, words, lang)
        if mention is not None:
            found.append(mention)
    for m in _word_re(lang).finditer(sentence):
        mention = _spelled(sentence, m, words)
        if mention is not None:
            found.append(mention)
    for m in _vague_re(lang).finditer(sentence):
        after = sentence[m.end():m.end() + 20].lower()
        if re.match(r"\s+(?:of\s+)?(?:thousands|hundreds|millions|meters|metres|km)\b", after):
            continue  # "hundreds of thousands": no value form; "a few hundred meters"
        if re.match(r"\s+(?:hundred|thousand|million)", after):
            continue
        found.append(Mention(m.start(), m.end(), _vague_value(m.group(1), lang), vague=True))
    found.sort(key=lambda x: x.start)
    found = _ranges(sentence, found)
    for mention in found:
        _qualify(sentence, mention)
    return found


def _digits(sentence: str, m: re.Match[str], words: Words, lang: str) -> Mention | None:
    """A run of digits read as a count, or None when it is not one."""
    scale, end = words.scale_at(sentence, m.end())
    read = numbers_in(sentence[m.start():end], lang=lang)
    if not read:
        return None  # "1.5" without a scale: not a whole count
    value = max(read)
    before, after = sentence[:m.start()], sentence[end:]
    if _not_count(sentence, m.group(), before, after, scale is not None):
        return None
    mention = Mention(m.start(), end, value)
    if re.match(r"-strong\b", after):
        mention.end = end + len("-strong")
    return mention


def _not_count(sentence: str, token: str, before: str, after: str, scaled: bool) -> bool:
    """True for dates, times, years, ages, money, percentages and measurements."""
    if _MONEY_BEFORE_RE.search(before) or _AFTER_NOT_COUNT_RE.match(after):
        return True
    if re.search(rf"\b(?:{_MONTH_RE})\.?\s*$", before, re.IGNORECASE) or re.match(
            rf"\s*(?:{_MONTH_RE})\b", after, re.IGNORECASE):
        return True
    if token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100 and not scaled \
            and not re.match(r"\s+(?:people|persons|troops|soldiers|человек)\b", after):
        return True  # a year
    if _AGE_BEFORE_RE.search(before) and re.match(r"\s*[,)]", after) and len(token) <= 3:
        return True  # "Nazarbayev, 81," or "aged 81"
    if re.match(r"\s*-\s*year-old|-летн", after):
        return True
    return bool(re.match(r"[:.]\d", after)) or before.endswith(("#", "№", "No. "))


def _spelled(sentence: str, m: re.Match[str], words: Words) -> Mention | None:
    """A run of number words read as a count; "one" and "a" alone are not counted."""
    read = words.numbers(m.group())
    if not read:
        return None
    value = max(read)
    if value < 2:
        return None
    after = sentence[m.end():]
    if _AFTER_NOT_COUNT_RE.match(after) or re.match(rf"\s*(?:{_MONTH_RE})\b", after, re.I):
        return None
    if re.match(r"\s+(?:of\s+)?(?:hundreds|thousands)\b", after, re.IGNORECASE):
        return None
    return Mention(m.start(), m.end(), value)


def _ranges(sentence: str, found: list[Mention]) -> list[Mention]:
    """Join "10 to 20", "between 10 and 20", "от 10 до 20"; "risen from 18 to 26" is 26."""
    out: list[Mention] = []
    i = 0
    while i < len(found):
        low = found[i]
        high = found[i + 1] if i + 1 < len(found) else None
        if (high is not None and isinstance(low.value, int) and isinstance(high.value, int)
                and low.value < high.value):
            gap = sentence[low.end:high.start]
            before = sentence[max(0, low.start - 60):low.start]
            between = re.match(r"\s+and\s+$", gap) and re.search(r"\bbetween\s+$", before, re.I)
            if re.fullmatch(r"\s*(?:to|-|–|—|до)\s*", gap, re.IGNORECASE) or between:
                if re.search(r"\b(?:from|с)\s+$", before, re.IGNORECASE) and \
                        _CHANGE_RE.search(before):
                    high.note = f"earlier {low.value}"  # the count changed; it is now the high
                    high.doubts.append(f"value: the sentence gives a change from {low.value}; "
                                       "this is the later value")
                    out.append(high)
                else:
                    joined = Mention(low.start, high.end, {"min": low.value,
                                                           "max": high.value})
                    lead = re.search(r"\b(?:between|from|от)\s+$", before, re.IGNORECASE)
                    if lead:
                        joined.qual_start = low.start - (len(before) - lead.start())
                    out.append(joined)
                i += 2
                continue
        out.append(low)
        i += 1
    return out


def _qualify(sentence: str, mention: Mention) -> None:
    """The qualifier right before the number, as the model's approx."""
    q = _QUAL_RE.search(sentence[max(0, mention.start - 25):mention.start])
    if q is None or isinstance(mention.value, str | dict):
        return
    word = q.group(1).lower()
    if word == "до" and _FROM_TO_RE.search(sentence[:mention.start]):
        return
    mention.approx = _QUALIFIERS[word]
    mention.qual_start = mention.start - (len(sentence[max(0, mention.start - 25):
                                                        mention.start]) - q.start(1))
    if word in _LOOSE:
        mention.doubts.append(f"approx: read from “{q.group(1)}”")
