"""What a citation says beyond its words: a figure's qualifier, a translation's numbers."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Final

from factsheet.check.normalise import normalise
from factsheet.check.tokens import PERCENT, RANGE_JOINS, RANGE_MARKS, token_re
from factsheet.errors import Diagnostic, Severity
from factsheet.load.sheet import Loaded, Loc, where
from factsheet.model import Facts, Quote, Range
from factsheet.rules import QUALIFIER_DIFFERS as QUALIFIER_DIFFERS_RULE
from factsheet.rules import TRANSLATION_NUMBERS_DIFFER
from factsheet.validate.number_words import words_for
from factsheet.validate.numbers import local_decimal, qualifier_differs

if TYPE_CHECKING:
    from factsheet.check.citation import CitationCheck
    from factsheet.check.verify import CitationStatus

# The status of an excerpt found in its copy whose figure's `approx` says otherwise.
QUALIFIER_DIFFERS: Final = "qualifier-differs"
# The text status of a translated quote whose numbers differ from its source wording.
TRANSLATION_DIFFERS: Final = "translation-differs"


def qualifier_findings(loaded: Loaded, facts: Facts, checks: list[CitationCheck],
                       results: dict[tuple[str, str], CitationStatus], severity: Severity
                       ) -> tuple[list[CitationCheck], list[Diagnostic]]:
    """Figures whose `approx` disagrees with an excerpt's qualifier: findings, and no ✓."""
    found: list[Diagnostic] = []
    # An excerpt is in its article's language: "более 2000" in a Russian copy cited by an
    # English sheet is read with the Russian qualifiers.
    langs = {s.id: s.lang or facts.sheet.lang for s in facts.sources}
    for i, figure in enumerate(facts.figures):
        for j, item in enumerate(figure.cite):
            lang = langs.get(item.source, facts.sheet.lang)
            differs = item.says and qualifier_differs(item.says, figure.value, figure.approx,
                                                      lang=lang)
            if not differs or item.says is None:
                continue
            loc: Loc = ("figures", i, "cite", j, "says")
            found.append(loaded.report(
                QUALIFIER_DIFFERS_RULE, loc, severity=severity, at=where(loc), phrase=differs[0],
                shown=_shown(figure.value), approx=figure.approx, fits=differs[1]))
            key = (item.source, item.says)
            if results.get(key) == "verified":
                results[key] = QUALIFIER_DIFFERS
            checks = [replace(c, status=QUALIFIER_DIFFERS)
                      if c.citation.loc == loc and c.status == "verified" else c
                      for c in checks]
    return checks, found


def _shown(value: int | Range | str) -> str:
    if isinstance(value, Range):
        return f"{value.min:,}–{value.max:,}"
    return f"{value:,}" if isinstance(value, int) else value


def translation_findings(loaded: Loaded, facts: Facts) -> tuple[list[Diagnostic], set[str]]:
    """Translated quotes whose numbers, signs or decimal marks differ from a source wording."""
    found: list[Diagnostic] = []
    differ: set[str] = set()
    sources = {s.id: s for s in facts.sources}
    for i, quote in enumerate(facts.quotes):
        if not quote.translated:
            continue
        mine = number_marks(quote.text, quote.lang or facts.sheet.lang)
        for j, item in enumerate(quote.cite):
            if item.says is None:
                continue  # the text itself is checked against the copy
            lang = sources[item.source].lang or _spoken(quote) or facts.sheet.lang
            theirs = number_marks(item.says, lang)
            if mine == theirs:
                continue
            differ.add(quote.id)
            loc: Loc = ("quotes", i, "text")
            found.append(loaded.report(
                TRANSLATION_NUMBERS_DIFFER, loc, at=where(loc),
                only_text=_listed(mine - theirs), only_says=_listed(theirs - mine),
                cite=where(("quotes", i, "cite", j)), says=item.says))
    return found, differ


def _spoken(quote: Quote) -> str | None:
    return quote.original_lang


def _listed(marks: set[str]) -> str:
    return ", ".join(f"“{m}”" for m in sorted(marks)) or "nothing"


_JOIN_RE = re.compile(rf"(?<=[\d%.])(?: ?[-{RANGE_MARKS}] ?| (?i:{'|'.join(RANGE_JOINS)}) )"
                      r"(?=[-+±.\d])")
_PERCENT_RE = re.compile(PERCENT + "$")
_MINUS_RE = re.compile(r"(?<!\w)(?:minus|минус) (?=\d)", re.IGNORECASE)


def number_marks(text: str, lang: str) -> set[str]:
    """Every number a text states, as sign, value, percent and scale, read in `lang`."""
    text = _MINUS_RE.sub("-", text)
    normal = normalise(text, hyphenation=False).text
    words = words_for(lang)
    marks: set[str] = {str(n) for n in words.numbers(text)}
    for m in token_re().finditer(normal):
        parts = _JOIN_RE.split(m.group())
        scale, percent = "", ""
        for part in reversed(parts):  # the last end's scale and percent are every end's
            value, part_scale, part_percent = _read_one(part, lang)
            scale, percent = part_scale or scale, part_percent or percent
            marks.add(_times(value, scale, words.scales) + percent)
    return marks


def _read_one(part: str, lang: str) -> tuple[str, str, str]:
    """One end of a token: its signed value as the language reads it, scale word, percent."""
    words = words_for(lang)
    scale = ""
    found = re.search(r"[ -]([^\W\d_]+\.?)$", part)
    if found and found[1].lower().rstrip(".") in {k.rstrip(".") for k in words.scales}:
        scale, part = found[1].lower().rstrip("."), part[: found.start()]
    percent = ""
    if (p := _PERCENT_RE.search(part)) is not None:
        # Percentage points are a difference of percentages, not a percentage.
        points = re.search(r"(?i)point|п\.п\.", p.group()) is not None
        percent, part = "pp" if points else "%", part[: p.start()]
    sign = part[0] if part[:1] in "-+±" else ""
    body = part[len(sign):]
    value = local_decimal(body, lang)
    if value is None and re.fullmatch(r"\d{1,3}([,.' ])\d{3}(?:\1\d{3})*", body):
        value = Decimal(re.sub(r"\D", "", body))
    shown = body if value is None else format(value.normalize(), "f")
    return ("-" if sign == "-" else sign) + shown, scale, percent


def _times(value: str, scale: str, scales: dict[str, Decimal]) -> str:
    """A value with its scale multiplied in, when both read as numbers."""
    factor = next((v for k, v in scales.items() if k.rstrip(".") == scale), None)
    if not scale or factor is None:
        return value
    try:
        return format((Decimal(value) * factor).normalize(), "f")
    except InvalidOperation:  # an unreadable value keeps its spelling and its scale word
        return f"{value} {scale}"
