"""A translated quote shows the source wording it rests on and keeps its numbers."""

from __future__ import annotations

import pytest
from conftest import load_facts
from helpers import TEMPLATES, TRUST

from factsheet.check import check_sheet
from factsheet.check.agreement import number_marks
from factsheet.render.sheet import render_html, resolve_template
from factsheet.view import build_view


def test_differing_translation_gets_no_tick() -> None:
    """A sign flipped in translation: an error, and the quote's mark is not ✓."""
    folder = TRUST / "translation-numbers-differ" / "sign-flipped"
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert [c.status for c in report.checks] == ["verified"]  # the source wording is there
    assert [(d.code, d.severity) for d in report.diagnostics] == [("FS432", "error")]
    assert report.verification.texts == {"the-quote": "translation-differs"}
    quote = build_view(facts, report.verification).quotes[0]
    assert [c.status for c in quote.marks] == ["translation-differs"]
    html = render_html(facts, resolve_template(TEMPLATES, "briefing"), report.verification)
    assert "✓" not in html


def test_agreeing_translation_shows_its_source_wording() -> None:
    """Each translated quote prints the source wording its `says` verifies, with a ✓."""
    folder = TRUST / "verified" / "translated-numbers-agree"
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert report.diagnostics == []
    view = build_view(facts, report.verification)
    for quote, facts_quote in zip(view.quotes, facts.quotes, strict=True):
        assert [v.wording for v in quote.variants] == [facts_quote.cite[0].says]
        assert [c.status for c in quote.marks] == ["verified"]
    html = render_html(facts, resolve_template(TEMPLATES, "briefing"), report.verification)
    assert "3,7 млн человек остались без света" in html


@pytest.mark.parametrize("translation, lang, source, source_lang", [
    ("3.7 million", "en", "3,7 млн", "ru"),
    ("minus 30 degrees", "en", "−30 градусов", "ru"),
    ("2,000 to 3,000", "en", "от 2 до 3 тыс.", "ru"),
    ("3 700 человек", "ru", "3,700 people", "en"),
    ("45 percent", "en", "45 процентов", "ru"),
    ("five", "en", "пять", "ru"),
])
def test_same_numbers_across_languages(translation: str, lang: str, source: str,
                                       source_lang: str) -> None:
    """Numbers read in each text's own language compare equal when they are one number."""
    assert number_marks(translation, lang) == number_marks(source, source_lang)


@pytest.mark.parametrize("translation, lang, source, source_lang", [
    ("3,7 million", "en", "3,7 млн", "ru"),  # a decimal comma in English
    ("3.700 человек", "ru", "3.7 thousand", "en"),
    ("30 degrees", "en", "−30 градусов", "ru"),
    ("-30 degrees", "en", "30 градусов", "ru"),
    ("19 people", "en", "19 тыс. человек", "ru"),
    ("45 people", "en", "45%", "ru"),
    ("1.5", "en", "15", "ru"),
])
def test_a_sign_mark_or_scale_changed_differs(translation: str, lang: str, source: str,
                                              source_lang: str) -> None:
    """Attacks: every change of sign, decimal mark, scale or percent is seen."""
    assert number_marks(translation, lang) != number_marks(source, source_lang)
