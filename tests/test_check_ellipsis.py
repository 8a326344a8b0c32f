"""What an ellipsis may leave out: no negation in any spelling, and at most 40 words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.check import normalise, search
from factsheet.check.ellipsis import MAX_LEFT_OUT, NEGATIONS

_WORDS = [f"w{n}" for n in range(40)]
# Look-alikes a copy may print instead of a Latin letter, and apostrophes for n't.
_LOOKALIKES = {"o": ["о", "ο"], "e": ["е"], "a": ["а"], "i": ["і"], "c": ["с"], "p": ["р"]}
_APOSTROPHES = ["'", "\u2019", "\u2032", "\u02bc"]


@st.composite
def disguised(draw: st.DrawFn) -> str:
    """A negation, its letters maybe swapped for look-alikes, or an n't contraction."""
    if draw(st.booleans()):
        return "didn" + draw(st.sampled_from(_APOSTROPHES)) + "t"
    word = draw(st.sampled_from(sorted(w for w in NEGATIONS if w.isascii())))
    return "".join(draw(st.sampled_from([c, *_LOOKALIKES.get(c, [])])) for c in word)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(data=st.data(), negation=disguised())
def test_no_ellipsis_hides_a_disguised_negation(data: st.DataObject, negation: str) -> None:
    """Whatever the spelling of the negation and the cut, the ellipsis is refused."""
    words = data.draw(st.lists(st.sampled_from(_WORDS), min_size=4, max_size=20, unique=True))
    k = data.draw(st.integers(1, len(words) - 1))
    text = " ".join([*words[:k], negation, *words[k:]])
    i = data.draw(st.integers(1, k))
    j = data.draw(st.integers(k, len(words) - 1))
    excerpt = " ".join(words[:i]) + " ... " + " ".join(words[j:])
    outcome = search(normalise(text), excerpt)
    assert outcome.rule == "ellipsis-drops-negation", (text, excerpt)
    assert search(normalise(" ".join(words)), excerpt).status == "verified"


def test_an_ellipsis_leaves_out_at_most_the_limit() -> None:
    """40 left-out words verify; 41 are refused with their count."""
    for n, verdict in ((MAX_LEFT_OUT, "verified"), (MAX_LEFT_OUT + 1, "not-found")):
        text = "Start here " + " ".join(["x"] * n) + " end there."
        outcome = search(normalise(text), "Start here ... end there")
        assert outcome.status == verdict
    assert outcome.rule == "ellipsis-leaves-out-too-much"
    assert outcome.values == {"words": "41", "at_line": "1", "limit": "40"}


def test_harmless_capitals_and_scripts_are_not_negations() -> None:
    """Capitals and Cyrillic words that only resemble a negation are left out freely."""
    assert search(normalise("THE MAN HE SAW left."), "THE MAN ... SAW left").status == (
        "verified")
    assert search(normalise("ВОЙСКА HE УШЛИ."), "ВОЙСКА ... УШЛИ").rule == (
        "ellipsis-drops-negation")
    assert search(normalise("Войска ПО ПРИКАЗУ ушли."), "Войска ... ушли").status == "verified"
