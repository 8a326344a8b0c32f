"""Number words by language: "twenty-five", "half a million", "a dozen", "пять", "трёх тысяч"."""

# English is always read; a sheet language with a table here (Russian now) adds its own words,
# scale words after digits ("3,7 тыс.") and the words for the vague values ("десятки").
# Russian forms are listed in the cases news copy uses ("более пяти", "около трёх тысяч");
# "ё" is read as "е" (the caller folds it).

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
EN_WORDS: dict[str, Decimal] = (
    {w: Decimal(n) for n, w in enumerate(_EN_UNITS)}
    | {w: Decimal(20 + 10 * n) for n, w in enumerate(_EN_TENS)}
)
# Words that multiply the number before them; "a", "an" and "half a" stand for 1 and 1/2.
EN_SCALES: dict[str, Decimal] = {
    "dozen": Decimal(12), "hundred": Decimal(100), "thousand": Decimal(1000),
    "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
    # Newsroom abbreviations; not "m" or "k", which are metres and kilometres as often.
    "mn": Decimal(10) ** 6, "mln": Decimal(10) ** 6, "bn": Decimal(10) ** 9,
}
EN_ARTICLES = {"a": Decimal(1), "an": Decimal(1), "half a": Decimal("0.5")}
EN_VAGUE: dict[str, tuple[str, ...]] = {}

# Russian: each number in the forms news copy uses (nominative, genitive, dative,
# instrumental); "семью" is left out, being also "family" (accusative).
_RU = {
    0: "ноль нуля нулю", 1: "один одна одно одного одной одному одним одну",
    2: "два две двух двум двумя", 3: "три трех трем тремя",
    4: "четыре четырех четырем четырьмя", 5: "пять пяти пятью", 6: "шесть шести шестью",
    7: "семь семи", 8: "восемь восьми восемью восьмью", 9: "девять девяти девятью",
    10: "десять десяти десятью", 20: "двадцать двадцати двадцатью",
    30: "тридцать тридцати тридцатью", 40: "сорок сорока",
    50: "пятьдесят пятидесяти пятьюдесятью", 60: "шестьдесят шестидесяти шестьюдесятью",
    70: "семьдесят семидесяти семьюдесятью", 80: "восемьдесят восьмидесяти восемьюдесятью",
    90: "девяносто девяноста", 100: "сто ста", 200: "двести двухсот двумстам",
    300: "триста трехсот тремстам", 400: "четыреста четырехсот четыремстам",
    500: "пятьсот пятисот", 600: "шестьсот шестисот", 700: "семьсот семисот",
    800: "восемьсот восьмисот", 900: "девятьсот девятисот",
}
_RU_TEENS = "один две три четыр пят шест сем восем девят".split()
RU_WORDS: dict[str, Decimal] = (
    {w: Decimal(n) for n, forms in _RU.items() for w in forms.split()}
    | {f"{stem}надцат{end}": Decimal(11 + i) for i, stem in enumerate(_RU_TEENS)
       for end in ("ь", "и", "ью")}
    | {"полтора": Decimal("1.5"), "полторы": Decimal("1.5"), "полутора": Decimal("1.5"),
       "полтысячи": Decimal(500), "полмиллиона": Decimal(500_000),
       "полмиллиарда": Decimal(500_000_000)}
)
RU_SCALES: dict[str, Decimal] = (
    {f"тысяч{end}": Decimal(1000) for end in ("а", "и", "", "у", "ей", "ам", "ами", "ах")}
    | {"тыс": Decimal(1000), "тыс.": Decimal(1000), "млн": Decimal(10) ** 6,
       "млн.": Decimal(10) ** 6, "млрд": Decimal(10) ** 9, "млрд.": Decimal(10) ** 9}
    | {f"миллион{end}": Decimal(10) ** 6 for end in ("", "а", "ов", "у", "ом", "ам", "ами")}
    | {f"миллиард{end}": Decimal(10) ** 9 for end in ("", "а", "ов", "у", "ом", "ам", "ами")}
)
RU_ARTICLES: dict[str, Decimal] = {}
RU_VAGUE: dict[str, tuple[str, ...]] = {
    "a few": ("несколько", "нескольких", "нескольким", "несколькими"),
    "several": ("несколько", "нескольких", "нескольким", "несколькими"),
    "dozens": ("десятки", "десятков", "десяткам", "десятками", "десятках"),
    "hundreds": ("сотни", "сотен", "сотням", "сотнями", "сотнях"),
    "thousands": ("тысячи", "тысяч", "тысячам", "тысячами", "тысячах"),
}
# Letter words, or any other single character (a hyphen joins number words, anything else
# ends them).
_TOKENS_RE = re.compile(r"[^\W\d_]+|\S")
TABLES = {"en": (EN_WORDS, EN_SCALES, EN_ARTICLES, EN_VAGUE),
          "ru": (RU_WORDS, RU_SCALES, RU_ARTICLES, RU_VAGUE)}


def _alternation(words: Iterable[str]) -> str:
    # A phrase's words may stand apart by any spacing or a hyphen ("more\u00a0than",
    # "more-than"), which the excerpt's match in its copy treats alike.
    return "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+")
                    for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per language
class Words:
    """One language's number words (English included), compiled for reading."""

    words: dict[str, Decimal]
    scales: dict[str, Decimal]
    articles: dict[str, Decimal]
    vague: dict[str, tuple[str, ...]]

    def scale_at(self, text: str, pos: int) -> tuple[Decimal | None, int]:
        """The scale words after `pos` ("million", "hundred thousand") multiplied, and their end."""
        scale: Decimal | None = None
        while (m := _scale_re(self).match(text, pos)) is not None:
            scale, pos = (scale or 1) * self.scales[m[1].lower()], m.end()
        return scale, pos

    def numbers(self, text: str) -> set[int]:
        """The whole numbers stated in words: "twenty-five", "five hundred", "a dozen"."""
        found: set[int] = set()
        run: list[str] = []
        joined = False  # a hyphen or "and" after the run's last word
        for token in [*_TOKENS_RE.findall(text.lower()), "."]:  # "." ends the last run
            if token in ("a", "an") and run and run[-1] == "half":
                run[-1] = "half a"
            elif token in self.words or token in self.articles or token == "half" or (
                    run and token in self.scales):
                run.append(token)
                joined = False
            elif run and not joined and token in ("-", "and"):
                joined = True
            else:
                value = self._value(run) if run else None
                if value is not None and value % 1 == 0:
                    found.add(int(value))
                run, joined = [], False
        return found

    def _value(self, parts: list[str]) -> Decimal | None:
        """Add words up by their scales (["five", "hundred", "twenty"] is 520), or None."""
        # None when no word is a number ("a"), or the words do not make one ("five six").
        total, group, counted = Decimal(0), Decimal(0), False
        for part in parts:
            if part in self.articles:  # "a", "half a": a number only before a scale
                if group:
                    return None
                group = self.articles[part]
            elif part in self.words:
                word = self.words[part]
                if group and not _adds(group, word):
                    return None
                group, counted = group + word, True
            elif part in self.scales and group:
                scale = self.scales[part]
                if scale < 1000:  # "hundred", "dozen" inside a group
                    group, counted = group * scale, True
                else:
                    total, group, counted = total + group * scale, Decimal(0), True
        return total + group if counted else None

    def says_vague(self, says: str, value: str) -> bool:
        """True when the excerpt uses the vague word ("dozens", or the language's own)."""
        forms = (value.removeprefix("a "), *self.vague.get(value, ()))
        text = says.replace("ё", "е")
        return re.search(rf"\b(?:{_alternation(forms)})\b", text, re.IGNORECASE) is not None


def _adds(group: Decimal, word: Decimal) -> bool:
    """True when `word` may follow `group` in one number: "twenty five", "сто двадцать"."""
    if group % 1 or word % 1:
        return False
    if word < 10:
        return group % 100 == 0 or (group % 100 >= 20 and group % 10 == 0)
    return group % 100 == 0 if word < 100 else group % 1000 == 0


@lru_cache(maxsize=16)
def _scale_re(words: Words) -> re.Pattern[str]:
    """A scale word after digits: "3,700 тыс.", "1.08 million", "2-million"."""
    return re.compile(rf"[\s\u00a0\u202f-]*({_alternation(words.scales)})(?!\w)",
                      re.IGNORECASE)


@lru_cache(maxsize=16)
def words_for(lang: str) -> Words:
    """English words plus those of `lang` (a BCP 47 tag) when it has a table."""
    base = lang.split("-")[0].lower()
    tables = [TABLES["en"], *([TABLES[base]] if base in TABLES and base != "en" else [])]
    merged = Words({}, {}, {}, {})
    for words, scales, articles, vague in tables:
        merged.words.update(words)
        merged.scales.update(scales)
        merged.articles.update(articles)
        for key, forms in vague.items():
            merged.vague[key] = (*merged.vague.get(key, ()), *forms)
    return merged


# Qualifiers: the words that put a number in relation to the count ("more than 5,300"),
# each with its class; `QUALIFIERS_AFTER` follow the number ("5,300 or more"). A class is
# an `approx` value, or "nearly" (just below: about, fewer_than or at_most agree).
QUALIFIERS_BEFORE: dict[str, dict[str, str]] = {
    "en": {
        "more than": "more_than", "over": "more_than", "above": "more_than",
        "in excess of": "more_than", "upwards of": "more_than", "greater than": "more_than",
        "just over": "more_than", "well over": "more_than", "a little over": "more_than",
        # Verbs of a toll rising past a mark: "the death toll had passed 5,300".
        "passed": "more_than", "surpassed": "more_than", "exceeded": "more_than",
        "topped": "more_than", "exceeds": "more_than", "tops": "more_than",
        "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
        "not less than": "at_least", "not fewer than": "at_least", "a minimum of": "at_least",
        "at the very least": "at_least", "a minimum": "at_least",
        "up to": "at_most", "as many as": "at_most", "at most": "at_most",
        "no more than": "at_most", "not more than": "at_most", "a maximum of": "at_most",
        "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than",
        "below": "fewer_than", "just under": "nearly",
        "about": "about", "around": "about", "some": "about", "roughly": "about",
        "approximately": "about", "approx.": "about", "an estimated": "about",
        "estimated": "about", "circa": "about", "c.": "about", "~": "about", "≈": "about",
        "an approximate": "about", "more or less": "about",
        "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just shy of": "nearly",
        "north of": "more_than", ">": "more_than", "≥": "at_least", "<": "fewer_than",
        "≤": "at_most",
    },
    "ru": {
        "более чем": "more_than", "более": "more_than", "больше чем": "more_than",
        "больше": "more_than", "свыше": "more_than", "сверх": "more_than",
        "не менее чем": "at_least", "не менее": "at_least", "не меньше": "at_least",
        "по меньшей мере": "at_least", "как минимум": "at_least", "минимум": "at_least",
        "по крайней мере": "at_least",
        "не более чем": "at_most", "не более": "at_most", "не больше": "at_most",
        "не свыше": "at_most", "максимум": "at_most", "до": "at_most",
        "менее чем": "fewer_than", "менее": "fewer_than", "меньше": "fewer_than",
        "около": "about", "примерно": "about", "приблизительно": "about",
        "порядка": "about", "где-то": "about", "ориентировочно": "about",
        "почти": "nearly", "без малого": "nearly", "чуть менее": "nearly",
        "чуть меньше": "nearly",
    },
}
QUALIFIERS_AFTER: dict[str, dict[str, str]] = {
    "en": {"or more": "at_least", "and more": "at_least", "or over": "at_least",
           "plus": "more_than", "+": "more_than", "or fewer": "at_most", "or less": "at_most",
           "or so": "about", "odd": "about", "or thereabouts": "about", "at least": "at_least"},
    "ru": {"с лишним": "more_than", "с небольшим": "more_than", "и более": "at_least",
           "и больше": "at_least", "или более": "at_least", "и менее": "at_most"},
}
# The phrases after a number that may follow a word or two of it ("5,300 people or more").
OR_MORE = ("or more", "or fewer", "or less", "and more", "or so", "и более", "или более",
           "и больше")
# Which `approx` values agree with each class of qualifier in an excerpt; "exact" is a
# number stated bare, "low" and "high" an end of a range the excerpt states.
AGREES: dict[str, frozenset[str]] = {
    "exact": frozenset({"exact", "about", "at_least", "at_most"}),  # 12 is at least 12
    "more_than": frozenset({"more_than", "at_least"}),
    "at_least": frozenset({"at_least"}),
    "at_most": frozenset({"at_most"}),
    "fewer_than": frozenset({"fewer_than", "at_most"}),
    "about": frozenset({"about"}),
    "nearly": frozenset({"about", "fewer_than", "at_most"}),
    "low": frozenset({"at_least"}),
    "high": frozenset({"at_most"}),
}


@lru_cache(maxsize=16)
def qualifier_res(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The qualifier before a number (at the end of the text before it), the one after it,
    and each phrase's class, for English and `lang`."""
    base = lang.split("-")[0].lower()
    langs = ["en", *([base] if base in QUALIFIERS_BEFORE and base != "en" else [])]
    before = {p: c for code in langs for p, c in QUALIFIERS_BEFORE[code].items()}
    after = {p: c for code in langs for p, c in QUALIFIERS_AFTER[code].items()}
    return (re.compile(rf"(?<!\w)(?:{_alternation(before)})[\s\u00a0]*$", re.IGNORECASE),
            re.compile(rf"[\s\u00a0-]*(?:(?:[^\W\d_]+\s+){{0,2}}"
                       rf"(?P<far>{_alternation(p for p in OR_MORE if p in after)})"
                       rf"|(?P<near>{_alternation(after)}))(?!\w)", re.IGNORECASE),
            {phrase_key(p): c for p, c in {**before, **after}.items()})


def phrase_key(phrase: str) -> str:
    """A qualifier phrase as looked up: lower case, words apart by one space, no hyphens."""
    return re.sub(r"[\s\-]+", " ", phrase.strip(" \u00a0\t\n-")).lower()
