"""Numbers are matched whole: no strict part of a number token verifies, the whole one does."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.check import normalise, search
from factsheet.check.normalise import fold

_GROUPS = [",", ".", "'", "\u00a0", "\u2009", "\u202f", "\u066c", " ", ""]
_DECIMALS = [".", ",", "\u066b", "\u00b7"]
_SIGNS = ["", "-", "\u2212", "+"]
_PERCENTS = ["", "%", " %", " percent", " per cent"]
_SCALES = ["", " thousand", " million", " billion", " тыс.", " тысяч", " млн", " млрд"]
_JOINS = ["\u2013", "-", " - ", " to ", " до ", " or "]
_FRACTIONS = ["", "\u00bd", "\u00bc", " 1/2"]


@st.composite
def plain_numbers(draw: st.DrawFn) -> str:
    """A number without sign or range: grouped digits, a decimal or fraction part."""
    whole = draw(st.integers(0, 99_999_999))
    group = draw(st.sampled_from(_GROUPS))
    text = f"{whole:,}".replace(",", group)
    kind = draw(st.sampled_from(["int", "decimal", "bare-decimal", "fraction"]))
    if kind == "decimal":
        text += draw(st.sampled_from(_DECIMALS)) + str(draw(st.integers(0, 999)))
    elif kind == "bare-decimal":
        text = "." + str(draw(st.integers(1, 999)))
    elif kind == "fraction":
        text += draw(st.sampled_from(_FRACTIONS))
    return text


@st.composite
def number_tokens(draw: st.DrawFn) -> str:
    """A number token in any form: signs, separators, decimals, scale words, percents, ranges."""
    text = draw(st.sampled_from(_SIGNS)) + draw(plain_numbers())
    if draw(st.booleans()):
        text += draw(st.sampled_from(_JOINS)) + draw(plain_numbers())
    return text + draw(st.sampled_from(_PERCENTS)) + draw(st.sampled_from(_SCALES))


def _archive(token: str) -> str:
    return f"Officials said {token} on Friday."


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(token=number_tokens(), data=st.data())
def test_no_strict_part_of_a_number_verifies(token: str, data: st.DataObject) -> None:
    """Every head and tail of a token, and a drawn middle, fails; the whole token verifies."""
    archive = normalise(_archive(token))
    assert search(archive, f"Officials said {token} on Friday").status == "verified"
    assert search(archive, f"said {token}").status == "verified"
    assert search(archive, f"{token} on Friday").status == "verified"
    parts = [(f"said {token[:k]}", token[:k]) for k in range(1, len(token))]
    parts += [(f"{token[k:]} on Friday", token[k:]) for k in range(1, len(token))]
    i = data.draw(st.integers(0, len(token) - 1))
    j = data.draw(st.integers(i + 1, len(token)))
    if (i, j) != (0, len(token)) and any(c.isnumeric() for c in token[i:j]):
        parts += [(token[i:j], token[i:j])]  # a piece with a digit ("on" is in "on Friday")
    for excerpt, part in parts:
        if not any(c.isalnum() for c in part):
            continue  # a sign or a separator alone is no number
        outcome = search(archive, excerpt)
        assert outcome.status != "verified", (token, excerpt)


@settings(max_examples=100, deadline=None)
@given(token=number_tokens())
def test_a_cut_number_names_the_whole_token(token: str) -> None:
    """A head of a number cut before its last digit group is refused as number-cut."""
    archive = normalise(_archive(token))
    digits = [k for k, c in enumerate(token) if c.isdecimal()]
    k = digits[0] + 1
    if k >= len(token) or search(archive, f"said {token[:k]}").rule is None:
        return  # the head is not a match at all ("1" of "1½" is one word): plain not-found
    assert search(archive, f"said {token[:k]}").rule == "number-cut"


def test_no_fold_writes_a_digit() -> None:
    """No character of the Basic Multilingual Plane normalises into a digit it was not."""
    for point in range(0x20, 0x10000):
        c = chr(point)
        if 0xD800 <= point <= 0xDFFF:
            continue
        folded = fold(c)
        if any(ch.isdecimal() for ch in folded):
            assert c.isdecimal() and unicodedata.digit(c) == int(folded), (hex(point), folded)


@pytest.mark.parametrize("copy, excerpt", [
    ("A total of 1\u00bd million people", "A total of 11"),
    ("Officials said 16\u2074 people", "said 164 people"),
    ("Officials said 16\u2074 people", "said 16^4 people"),
    ("Officials said 16\u2074 people", "4 people"),
    ("Organisers listed \u246b rallies", "listed 12 rallies"),
    ("Organisers listed \u2488 rallies", "listed 1. rallies"),
])
def test_compatibility_digits_stay_as_printed(copy: str, excerpt: str) -> None:
    """Fractions, superscripts, circled and dotted numbers never match plain digits."""
    assert search(normalise(copy), excerpt).status == "not-found"
    assert search(normalise(copy), copy).status == "verified"


@pytest.mark.parametrize("copy, excerpt", [
    ("Protests spread - 164 people died.", "164 people died"),
    ("Protests spread \u2014 164 people died.", "164 people died"),
    ("the 2021-2022 season", "the 2021-2022 season"),
    ("Police detained 1,200 people.", "detained 1,200 people"),
    ("Some 1.2 million people lost power.", "1.2 million people"),
    ("Between 2\u20133 million lost power.", "2-3 million lost power"),
    ("Prices fell to \u221230 degrees.", "fell to -30 degrees"),
    ("Prices fell to -30 degrees.", "fell to \u221230 degrees"),
    ("the COVID-19 wards", "the COVID-19 wards"),
])
def test_numbers_cited_whole_verify(copy: str, excerpt: str) -> None:
    """Controls: a number quoted whole verifies, and a dash between words is no minus."""
    assert search(normalise(copy), excerpt).status == "verified"


def test_the_corpus_holds_the_number_and_ellipsis_attacks() -> None:
    """The issue's number, ellipsis, qualifier and translation attacks are all kept."""
    from pathlib import Path

    trust = Path(__file__).parent / "fixtures" / "trust"
    cases = {f"{p.parent.parent.name}/{p.parent.name}" for p in trust.glob("*/*/sheet.yaml")}
    assert {
        "number-cut/scale-word-million", "number-cut/minus-sign",
        "number-cut/decimal-without-leading-zero", "number-cut/arabic-thousands-separator",
        "number-cut/middle-dot-decimal", "number-cut/range-first-end",
        "number-cut/percent-dropped", "not-found/vulgar-fraction-is-no-digit",
        "ellipsis-drops-negation/zero-word", "ellipsis-drops-negation/zero-digit",
        "ellipsis-drops-negation/denied", "ellipsis-drops-negation/failed-to",
        "ellipsis-drops-negation/refused-to", "ellipsis-drops-negation/yet-to",
        "ellipsis-drops-negation/dont-without-apostrophe",
        "ellipsis-drops-negation/prime-apostrophe", "ellipsis-drops-negation/cyrillic-o-in-not",
        "ellipsis-leaves-out-too-much/many-short-words",
        "qualifier-differs/more-than-as-exact", "qualifier-differs/more-than-as-about",
        "translation-numbers-differ/sign-flipped",
        "translation-numbers-differ/decimal-mark-kept",
        "verified/numbers-cited-whole", "verified/ellipsis-harmless-words",
        "verified/qualifiers-agree", "verified/translated-numbers-agree",
    } <= cases
