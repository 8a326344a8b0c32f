"""Tests for the render stage: the typed view, the Jinja environment and the HTML page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import jinja2
import pytest
from conftest import load_facts
from helpers import EXAMPLE, RENDER, ROOT, TEMPLATES, TOOLS

from factsheet.builder import BuildOptions
from factsheet.builder.sheet import prepare_sheet
from factsheet.errors import TemplateError
from factsheet.exporters import export
from factsheet.model import Facts
from factsheet.render.sheet import make_env, render_html, resolve_template
from factsheet.view import build_view, compiled_line

FEATURES = sorted(p.name for p in RENDER.iterdir() if p.is_dir())


def facts_of(name: str) -> Facts:
    """Load a render fixture sheet."""
    return load_facts(RENDER / name)


def html_of(facts: Facts) -> str:
    """Render a sheet with the briefing template."""
    return render_html(facts, resolve_template(TEMPLATES, facts.sheet.template))


def body(html: str) -> str:
    """The page without its head, so the snapshots do not churn with the CSS."""
    return html[html.index("<body"):]


@pytest.mark.parametrize("name", FEATURES)
def test_feature_snapshot(name: str, snapshot: object) -> None:
    """Each feature fixture renders to the reviewed HTML."""
    assert body(html_of(facts_of(name))) == snapshot


def test_example_snapshot(snapshot: object) -> None:
    """The example sheet renders to the reviewed HTML."""
    assert body(html_of(load_facts(EXAMPLE))) == snapshot


def test_conflicting_reports_are_side_by_side_not_merged() -> None:
    """Same measure and who (case-insensitively) that cannot both be true: one conflict card."""
    view = build_view(facts_of("competing-reports"))
    assert [g.heading for g in view.conflicts] == ["Killed: civilians"]
    assert [(f.big, f.claimed_by) for f in view.conflicts[0].figures] == [
        ("18", "Interior Ministry"), ("at least 26", "City hospital")]
    assert view.conflicts[0].envelope == ("Reports range from 18 (Interior Ministry) to at "
                                          "least 26 (City hospital).")
    html = html_of(facts_of("competing-reports"))
    assert "Reports conflict</span> Killed: civilians" in html
    contested = {f.id for f in view.figures if f.contested}
    assert contested == {"dead-ministry", "dead-hospital"}
    [card] = view.key_figures
    assert (card.status, card.big, card.conflict) == (
        "conflict", "18 (Interior Ministry) to at least 26 (City hospital)", True)
    assert [(r.text, r.claimed_by) for r in card.reports] == [
        ("18", "Interior Ministry"), ("at least 26", "City hospital")]
    assert "Reports differ" not in html


def test_disagreeing_excerpts_are_marked() -> None:
    """One figure whose two excerpts give different numbers is marked as differing."""
    view = build_view(facts_of("competing-reports"))
    injured = next(f for f in view.figures if f.id == "injured")
    assert injured.excerpts_differ
    assert not next(f for f in view.figures if f.id == "dead-ministry").excerpts_differ


def test_values_written_for_people() -> None:
    """Qualifiers, ranges and vague words read naturally."""
    ranges = {f.id: f.big for f in build_view(facts_of("ranges")).figures}
    assert ranges == {"dead": "18–26", "troops": "about 2,500–3,000"}
    vague = {f.id: f.big for f in build_view(facts_of("vague-values")).figures}
    assert vague == {"dead": "dozens", "detained": "a few"}


def test_russian_locale_formats_numbers_and_dates() -> None:
    """babel formats by the sheet's lang: a narrow no-break space groups Russian digits."""
    view = build_view(facts_of("russian-locale"))
    assert view.key_figures[0].big == "более 3\u00a0700"
    assert view.as_of == "7 января 2022\u202fг."


def test_figure_as_of_shown_only_when_it_differs() -> None:
    """A figure's own as_of appears only when it is not the sheet's."""
    figures = {f.id: f.as_of for f in build_view(facts_of("ranges")).figures}
    assert figures == {"dead": "January 6, 2022", "troops": None}


def test_quote_variants_and_translation_note() -> None:
    """Another source's wording is shown; a translated quote says from what."""
    html = html_of(facts_of("quote-variants"))
    assert 'Wording in <a href="#src-2">[2]</a>: “Anyone who does not surrender' in html
    assert "Wording in <a href=\"#src-1\">" not in html
    translated = html_of(facts_of("translated-quote"))
    assert translated.count("Translated from Russian") == 1


def test_sources_numbered_by_first_citation_with_backlinks() -> None:
    """Sources are numbered in order of first citation and link back to what cites them."""
    view = build_view(facts_of("no-key-figures"))
    assert [(s.number, s.id) for s in view.sources] == [(1, "wire-a"), (2, "paper-b")]
    assert [(g.kind, [r.href for r in g.refs]) for g in view.sources[1].cited_by] == [
        ("Timeline", ["#event-later"])]
    html = html_of(facts_of("no-key-figures"))
    assert 'id="key-figures"' not in html
    ids = set(re.findall(r'id="([^"]+)"', html))
    for href in re.findall(r'href="#([^"]+)"', html):
        assert href in ids, f"dangling link #{href}"


def test_timeline_in_date_order_with_spans() -> None:
    """Events are sorted by start; a span gets two machine-readable times."""
    html = html_of(facts_of("no-key-figures"))
    assert html.index("The internet is cut.") < html.index("Troops arrive.")
    assert '<time datetime="2022-01-05">January 5, 2022</time> – <time datetime="2022-01-06">' \
        in html


def test_header_counts_independent_reports_and_machine_translation() -> None:
    """The compiled line counts agencies once and flags machine translation."""
    assert compiled_line(facts_of("ranges")) == (
        "Compiled from 2 articles: 2 independent reports (Wire A, Paper B); "
        "1 machine-translated")
    html = html_of(facts_of("ranges"))
    assert ("<strong>Machine translation:</strong> 1 source (Paper B) is machine-translated"
            in html)
    assert '<span class="badge mt">machine translation</span>' in html


def test_single_report_said_once_in_the_header() -> None:
    """A mark that would sit on every key card is said once, in the header, instead."""
    view = build_view(facts_of("vague-values"))
    assert [c.single for c in view.key_figures] == [None, None]
    assert ("Single report: every key figure rests on a single independent report "
            "(Paper B, Wire A).") in view.notices
    assert "single" not in view.legend
    html = html_of(facts_of("vague-values"))
    assert 'class="badge single"' not in html


def test_single_report_marked_only_where_it_applies() -> None:
    """When some key cards rest on one report and others do not, only those are marked."""
    view = build_view(facts_of("same-moment-conflict"))
    assert [(c.id, c.single) for c in view.key_figures] == [
        ("arrests-police", None), ("injured", "Paper B")]
    assert ("Single report: 1 of 2 key figures rests on a single independent report; it is "
            "marked “single report”.") in view.notices
    assert "single" in view.legend
    view = build_view(facts_of("competing-reports"))
    assert [c.single for c in view.key_figures] == [None]


def test_hostile_text_is_escaped() -> None:
    """Markup in fact text is shown as text, never interpreted."""
    html = html_of(facts_of("hostile-text"))
    assert "<script" not in html
    assert "<iframe" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=file:///etc/passwd&gt;" in html
    assert "Tom &amp; Jerry&#39;s &#34;quotes&#34;" in html


def test_html_is_self_contained() -> None:
    """No external fetch and no script: CSS is inlined."""
    html = html_of(load_facts(EXAMPLE))
    assert "<link" not in html
    assert "<script" not in html
    assert not re.search(r"""(src|srcset)=""", html)
    assert "url(" not in html
    assert "<style>" in html


def test_custom_template_overrides_a_block(tmp_path: Path) -> None:
    """A template folder can extend the briefing base and override one block."""
    shutil.copytree(TEMPLATES / "briefing", tmp_path / "briefing")
    (tmp_path / "memo").mkdir()
    (tmp_path / "memo" / "sheet.html").write_text(
        '{% extends "base.html" %}\n{% block legend %}<p id="memo">Memo legend</p>'
        "{% endblock %}\n")
    facts = facts_of("ranges")
    html = render_html(facts, resolve_template(tmp_path, "memo"))
    assert '<p id="memo">Memo legend</p>' in html
    assert "How to read this sheet" not in html
    assert "Key figures" in html


def test_missing_template_is_a_clear_error(tmp_path: Path) -> None:
    """An unknown template name says where it looked and every template that exists."""
    shutil.copytree(TEMPLATES / "briefing", tmp_path / "briefing")
    with pytest.raises(TemplateError, match=r"template `memo` not found in .*/ or the "
                       r"packaged templates \(available: brief, briefing\)"):
        resolve_template(tmp_path, "memo")


def test_environment_is_strict_and_autoescaping(tmp_path: Path) -> None:
    """Undefined names fail; values are escaped."""
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "sheet.html").write_text("{{ sheet.nope }}")
    env = make_env(resolve_template(tmp_path, "t"))
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(TemplateError, match="undefined name"):
        render_html(facts_of("ranges"), resolve_template(tmp_path, "t"))



def _pages(tmp_path: Path) -> list[Path]:
    pages = []
    for facts in [load_facts(EXAMPLE), *(facts_of(n) for n in FEATURES)]:
        page = tmp_path / f"{facts.slug}.html"
        page.write_text(html_of(facts))
        pages.append(page)
    # The example's one-page brief as the build makes it: with its edition's changes,
    # corrections and only the sources it cites.
    options = BuildOptions(formats=("html",), templates=TEMPLATES, template="brief",
                           no_cache=True, editions=ROOT / "editions")
    prepared = prepare_sheet(EXAMPLE, options)
    assert prepared.context is not None
    brief = tmp_path / "brief.html"
    brief.write_bytes(export(prepared.context, ("html",))["html"])
    assert 'id="changes"' in brief.read_text(encoding="utf-8")
    return [*pages, brief]


@pytest.mark.needs_tools
def test_w3c_nu_checker_finds_no_errors(tmp_path: Path) -> None:
    """Every rendered page passes the W3C Nu HTML checker with no errors."""
    result = subprocess.run([str(TOOLS / "vnu.sh"), *map(str, _pages(tmp_path))],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.needs_tools
@pytest.mark.parametrize("viewport", ["1280x900", "390x844"])
def test_axe_finds_no_wcag_violations(tmp_path: Path, viewport: str) -> None:
    """axe-core (WCAG 2.1 A and AA) finds nothing on the example, on desktop and phone."""
    pages = _pages(tmp_path)
    for page in (pages[0], pages[-1]):  # the example's briefing and its brief
        result = subprocess.run(["node", str(TOOLS / "axe.mjs"), "--viewport", viewport,
                                 str(page)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, page.name + result.stdout + result.stderr


def test_one_marker_per_source_with_the_weakest_status() -> None:
    """Two excerpts from one source show one marker; it is ✓ only if both verified."""
    from factsheet.view import CiteView, merge_marks

    def cite(n: int, status: str) -> CiteView:
        return CiteView(n, f"#src-{n}", "P", "x", None, status)

    assert [(c.number, c.status) for c in merge_marks(
        [cite(1, "verified"), cite(2, "verified"), cite(2, "verified")])] == [
        (1, "verified"), (2, "verified")]
    # Sorted by number, whatever order the citations came in: [1][2], never [2][1].
    assert [(c.number, c.status) for c in merge_marks(
        [cite(2, "verified"), cite(1, "verified"), cite(2, "not-found")])] == [
        (1, "verified"), (2, "not-found")]
    html = html_of(load_facts(EXAMPLE))
    assert "[2]</a><a class=\"cite\" href=\"#src-2\">[2]" not in html


def test_syndication_notice_names_publishers() -> None:
    """Undeclared look-alike copies are noted on the sheet by publisher."""
    from factsheet.check.verify import Verification

    facts = facts_of("ranges")
    view = build_view(facts, Verification(lookalikes=[("wire-a", "paper-b", 0.22)]))
    assert ("Possible syndication: Wire A and Paper B share 22% of their wording but declare "
            "no common agency; they may be one report.") in view.notices


def test_russian_sheet_speaks_russian() -> None:
    """A `lang: ru` sheet gets Russian words, plurals by Russian rules, no doubled full stops."""
    html = html_of(facts_of("russian-locale"))
    for phrase in ("<h2 id=\"h-key\">Ключевые цифры</h2>", "По состоянию на",
                   "Составлено по 2 статьям: 2 независимых сообщения (Wire A, Paper B)",
                   "1 из 1 ключевой цифры основана", "Язык: английский.", "<html lang=\"ru\">"):
        assert phrase in html, phrase
    assert "г.." not in html
    assert "Key figures" not in html


def test_plural_forms_follow_the_language() -> None:
    """Plurals come from babel's rules: one, few and many in Russian."""
    from factsheet.view.labels import BRIEFING, load_labels

    ru = load_labels((BRIEFING,), "ru")
    assert [ru.plural("articles", n) for n in (1, 2, 5, 21)] == [
        "1 статье", "2 статьям", "5 статьям", "21 статье"]
    en = load_labels((BRIEFING,), "en-GB")
    assert [en.plural("articles", n) for n in (1, 2)] == ["1 article", "2 articles"]


def test_unknown_language_falls_back_to_english_words(tmp_path: Path) -> None:
    """A language without labels keeps English words but its own date and number formats."""
    sheet = tmp_path / "de-sheet"
    shutil.copytree(RENDER / "russian-locale", sheet)
    text = (sheet / "sheet.yaml").read_text().replace("lang: ru", "lang: de")
    (sheet / "sheet.yaml").write_text(text)
    view = build_view(load_facts(sheet))
    assert view.labels["key_figures"] == "Key figures"
    assert view.key_figures[0].big == "more than 3.700"
    assert view.as_of == "7. Januar 2022"


def test_custom_template_overrides_one_word(tmp_path: Path) -> None:
    """A template's labels.yaml changes only the words it names."""
    shutil.copytree(TEMPLATES / "briefing", tmp_path / "briefing")
    (tmp_path / "memo").mkdir()
    (tmp_path / "memo" / "sheet.html").write_text('{% extends "base.html" %}\n')
    (tmp_path / "memo" / "labels.yaml").write_text("en:\n  key_figures: The numbers\n")
    html = render_html(facts_of("ranges"), resolve_template(tmp_path, "memo"))
    assert '<h2 id="h-key">The numbers</h2>' in html
    assert "Where reports differ" in html or "All figures" in html


def test_same_number_written_two_ways_is_not_a_disagreement(tmp_path: Path) -> None:
    """"19 million" and "19,000,000" agree; excerpts are read as the validator reads them."""
    sheet = tmp_path / "forms"
    shutil.copytree(RENDER / "no-key-figures", sheet)
    text = (sheet / "sheet.yaml").read_text().replace(
        "    value: 70\n    approx: more_than\n    unit: planes\n",
        "    value: 19000000\n    unit: people\n").replace(
        "    cite: [wire-a]\nevents:",
        "    cite:\n      - source: wire-a\n        says: a country of 19 million people\n"
        "      - source: paper-b\n        says: its 19,000,000 inhabitants\nevents:")
    (sheet / "sheet.yaml").write_text(text)
    [figure] = build_view(load_facts(sheet)).figures
    assert [c.says for c in figure.cites] == ["a country of 19 million people",
                                              "its 19,000,000 inhabitants"]
    assert not figure.excerpts_differ


def test_the_brief_shows_the_quotes_chosen_for_it() -> None:
    """`brief: true` picks the brief's quotes; without it the first, then (as the PDF fills
    its page) the next two, the changes, and the other quotes."""
    facts = load_facts(EXAMPLE)
    brief = resolve_template(TEMPLATES, "brief")
    first_three = [q.text[:30] for q in facts.quotes[:3]]
    html = render_html(facts, brief)
    assert first_three[0] in html and not any(t in html for t in first_three[1:])
    assert 'data-fill-max="' in html
    html = render_html(facts, brief, fill=2)
    assert all(t in html for t in first_three)
    chosen = facts.quotes[-1].model_copy(update={"brief": True})
    html = render_html(facts.model_copy(update={"quotes": [*facts.quotes[:-1], chosen]}), brief)
    section = html[html.index('id="quotes"'):]
    assert chosen.text[:30] in section
    assert not any(t in section for t in first_three)
