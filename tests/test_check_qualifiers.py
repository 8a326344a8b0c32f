"""A figure's `approx` agrees with the qualifier its excerpt puts on the number."""

from __future__ import annotations

import pytest
from conftest import load_facts
from helpers import TEMPLATES, TRUST

from factsheet.check import check_sheet
from factsheet.model import Range
from factsheet.render.sheet import render_html, resolve_template
from factsheet.validate.numbers import qualifier_differs
from factsheet.view import build_view


@pytest.mark.parametrize("says, value, approx, lang, expected", [
    ("more than 5,300 people had been killed", 5300, "exact", "en", ("more than 5,300",
                                                                     "more_than")),
    ("more than 5,300 people had been killed", 5300, "about", "en", ("more than 5,300",
                                                                     "more_than")),
    ("more than 5,300 people", 5300, "more_than", "en", None),
    ("more than 5,300 people", 5300, "at_least", "en", None),
    ("over 5,300 people", 5300, "exact", "en", ("over 5,300", "more_than")),
    ("in excess of 5,300 people", 5300, "exact", "en", ("in excess of 5,300", "more_than")),
    ("the death toll had passed 5,300", 5300, "exact", "en", ("passed 5,300", "more_than")),
    ("the death toll had passed 5,300", 5300, "more_than", "en", None),
    ("at least 164", 164, "about", "en", ("at least 164", "at_least")),
    ("no more than 100 people", 100, "more_than", "en", ("no more than 100", "at_most")),
    ("as many as 100 people", 100, "exact", "en", ("as many as 100", "at_most")),
    ("roughly 100 people", 100, "exact", "en", ("roughly 100", "about")),
    ("an estimated 2 million people", 2_000_000, "exact", "en",
     ("an estimated 2 million", "about")),
    ("almost 200 people", 200, "about", "en", None),
    ("almost 200 people", 200, "at_least", "en", ("almost 200", "about")),
    ("164 people", 164, "exact", "en", None),
    ("164 people", 164, "about", "en", None),
    ("164 people", 164, "more_than", "en", ("164", "exact")),
    ("164 people", 164, "fewer_than", "en", ("164", "exact")),
    ("164 people", 164, "at_least", "en", None),
    ("from 2,000 to 3,000 troops", Range(min=2000, max=3000), "exact", "en", None),
    ("about 2,000 to 3,000 troops", Range(min=2000, max=3000), "exact", "en",
     ("about 2,000 to 3,000", "about")),
    ("from 2,000 to 3,000 troops", 2000, "at_least", "en", None),
    ("from 2,000 to 3,000 troops", 3000, "at_most", "en", None),
    ("dozens of people", "dozens", "exact", "en", None),
    ("more than dozens of people", "dozens", "exact", "en", ("more than dozens", "more_than")),
    ("Погибли более 5 тыс. человек", 5000, "exact", "ru", ("более 5 тыс.", "more_than")),
    ("Погибли не более 5 тыс. человек", 5000, "more_than", "ru",
     ("не более 5 тыс.", "at_most")),
    ("Погибли не менее пяти человек", 5, "exact", "ru", ("не менее пяти", "at_least")),
    ("Погибли 5 тыс. с лишним человек", 5000, "exact", "ru", ("5 тыс. с лишним", "more_than")),
    ("Погибли около 5 тыс. человек", 5000, "about", "ru", None),
    ("десятки человек", "dozens", "exact", "ru", None),
    # A qualifier elsewhere in the excerpt is not the number's.
    ("He handed over the presidency three years ago", 3, "exact", "en", None),
    ("more than a week later, 164 people", 164, "exact", "en", None),
])
def test_qualifier_agrees(says: str, value: int | Range | str, approx: str, lang: str,
                          expected: tuple[str, str] | None) -> None:
    """Each qualifier class allows only the `approx` values that say no more than it."""
    assert qualifier_differs(says, value, approx, lang=lang) == expected


def test_mark_is_not_a_tick() -> None:
    """A found excerpt whose qualifier differs shows no ✓, in the view and the HTML."""
    folder = TRUST / "qualifier-differs" / "more-than-as-exact"
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert [c.status for c in report.checks] == ["qualifier-differs"]
    assert [(d.code, d.severity) for d in report.diagnostics] == [("FS431", "warning")]
    assert report.verification.counts["excerpts_verified"] == 0
    view = build_view(facts, report.verification)
    assert [c.status for c in view.figures[0].marks] == ["qualifier-differs"]
    html = render_html(facts, resolve_template(TEMPLATES, "briefing"), report.verification)
    assert "More than 5,300 people had been killed" in html
    assert "✓" not in html
    strict = check_sheet(folder, facts, strict=True, cache_dir=None)
    assert [d.severity for d in strict.diagnostics] == ["error"]


def test_agreeing_qualifiers_keep_their_tick() -> None:
    """Controls: every figure of the agreeing sheet is verified and marked ✓."""
    folder = TRUST / "verified" / "qualifiers-agree"
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert {c.status for c in report.checks} == {"verified"}
    assert report.diagnostics == []
