"""The layout: page 1 of the briefing, the one-page brief, dates, print polish, the sheet's
language on every printed word."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
import yaml
from babel import Locale
from conftest import Run, load_facts
from helpers import EXAMPLE, FIXTURES, RENDER, ROOT, TEMPLATES, needs_poppler

from factsheet.builder import BuildOptions, build_sheet, render_outputs
from factsheet.builder.sheet import prepare_sheet
from factsheet.exporters import export
from factsheet.load.precision import PartialDate
from factsheet.render.sheet import render_html, resolve_template
from factsheet.view import build_view
from factsheet.view.dates import DateWriter
from factsheet.view.sources import short_url

LONG_BRIEF = FIXTURES / "too-many-pages" / "long-brief"



def pdf_bytes(folder: Path, template: str | None = None) -> bytes:
    """Build a sheet's PDF in memory as the build would: its template, its last edition."""
    options = BuildOptions(formats=("pdf",), templates=TEMPLATES, template=template,
                           no_cache=True, editions=ROOT / "editions")
    prepared = prepare_sheet(folder, options)
    assert prepared.context is not None, [d.render() for d in prepared.diagnostics]
    return export(prepared.context, ("pdf",))["pdf"]


def pdftotext(pdf: bytes, tmp_path: Path, *pages: str) -> str:
    """The PDF's text as poppler extracts it (optionally `-f N -l N`)."""
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture(scope="module")
def briefing() -> bytes:
    """The example's full briefing."""
    return pdf_bytes(EXAMPLE)


@pytest.fixture(scope="module")
def brief() -> bytes:
    """The example's one-page brief."""
    return pdf_bytes(EXAMPLE, "brief")


@needs_poppler
def test_page_one_says_what_we_know_now(briefing: bytes, tmp_path: Path) -> None:
    """Page 1: title, edition line, the summary, every key figure, then what changed."""
    page1 = pdftotext(briefing, tmp_path, "-f", "1", "-l", "1")
    assert ("Edition 3 · As of January 15, 2022, 10:00 PM GMT+6 · Issued January 15, 2022, "
            "11:00 PM GMT+6") in page1
    order = [page1.index(s) for s in ("Kazakhstan unrest, January 2022", "Summary",
                                      "shoot to kill", "Key figures",
                                      "Changes since edition 2")]
    assert order == sorted(order)
    cards = page1[order[-2]:order[-1]]
    for value in ("225", "more than 12,000", "about 2,500"):
        assert value in cards, value
    assert len(pypdf.PdfReader(_io(briefing)).pages) <= 6


@needs_poppler
def test_all_figures_refers_to_page_one_instead_of_repeating(briefing: bytes,
                                                             tmp_path: Path) -> None:
    """A figure on page 1 keeps its excerpts in "All figures", not its value and claimant."""
    text = pdftotext(briefing, tmp_path, "-layout")
    table = text[text.index("All figures"):text.index("Timeline")]
    # Instead of value and claimant, a sentence: "Shown under Key figures." or "An earlier
    # count of the figure shown under Key figures."
    assert table.count("Shown under Key") + table.count("An earlier count of the") == 9
    assert "see Key figures" not in table
    assert "“State television reported more than 3,700 arrests.”" in table
    assert "a few days or" in table and "CSTO" in table  # a figure not on page 1: in full


@needs_poppler
def test_no_page_holds_only_a_legend_or_a_lone_heading(briefing: bytes,
                                                        tmp_path: Path) -> None:
    """Every page carries body text; the legend shares the last page with sources."""
    pages = len(pypdf.PdfReader(_io(briefing)).pages)
    for n in range(1, pages + 1):
        body = [line for line in pdftotext(briefing, tmp_path, "-f", str(n), "-l", str(n))
                .splitlines() if line.strip() and not line.startswith(("Page ", "Kazakhstan"))]
        assert len(body) > 8, (n, body)
    last = pdftotext(briefing, tmp_path, "-f", str(pages), "-l", str(pages))
    assert re.search(r"^\d+\. \S", last, re.M) and "How to read this sheet" in last


def _io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


@needs_poppler
def test_the_brief_is_one_page(brief: bytes, tmp_path: Path) -> None:
    """The example's brief: one page with title, edition, summary, key figures, the counts
    that moved, corrections, quotes, and the sources it cites."""
    assert len(pypdf.PdfReader(_io(brief)).pages) == 1
    text = pdftotext(brief, tmp_path)
    for phrase in ("Kazakhstan unrest, January 2022", "Edition 3 · ", "Issued January 15, 2022",
                   "Summary", "Key figures", "more than 12,000", "State television",
                   "Changes since edition 2", "more changes are listed in the full briefing.",
                   "Corrections and retractions", "Quotes", "Sources",
                   "4 more sources are cited only in the full briefing.", "Page 1 of 1"):
        assert phrase in text, phrase
    # Only the sources this page cites, under their numbers in the full briefing.
    assert "Al Jazeera" not in text.split("Sources")[-1]
    # The page is filled: its quotes, then changes the list has room for, in order.
    assert text.count("Kassym-Jomart Tokayev, President") >= 3


def letter_copy(tmp_path: Path) -> Path:
    """The example, set on Letter paper (its folder name kept, so its editions still apply)."""
    letter = tmp_path / EXAMPLE.name
    shutil.copytree(EXAMPLE, letter)
    sheet = letter / "sheet.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "\n  lang: en\n", "\n  lang: en\n  paper: letter\n"), encoding="utf-8")
    return letter


@pytest.mark.slow
def test_the_brief_fits_letter_too_and_is_reproducible(brief: bytes, tmp_path: Path) -> None:
    """On Letter paper (shorter than A4) the example's brief, changes and all, is one page."""
    reader = pypdf.PdfReader(_io(pdf_bytes(letter_copy(tmp_path), "brief")))
    assert len(reader.pages) == 1 and round(float(reader.pages[0].mediabox.height)) == 792
    assert "Changes since edition 2" in (reader.pages[0].extract_text() or "")
    assert pdf_bytes(EXAMPLE, "brief") == brief


def test_an_over_full_brief_fails_naming_what_to_cut(tmp_path: Path) -> None:
    """Too much for one page: a located FS540 error, with the fraction, and nothing written."""
    result = build_sheet(LONG_BRIEF, BuildOptions(out=tmp_path, formats=("html", "pdf"),
                                                  templates=TEMPLATES))
    assert result.status == "failed" and not list(tmp_path.glob("*.*"))
    [diag] = result.diagnostics
    rendered = diag.render()
    assert re.fullmatch(
        r".*long-brief/sheet\.yaml:7:3: error\[FS540\]: build: the brief needs \d\.\d pages but "
        r"must fit on one page; mark fewer figures `key: true` or shorten the summary",
        rendered), rendered


def test_build_template_option_chooses_the_brief(cli: Callable[..., Run],
                                                 tmp_path: Path) -> None:
    """`build --template brief` builds the brief without touching the sheet's files."""
    run = cli("build", str(RENDER / "rising-toll"), "--template", "brief", "--to", "html",
              "--out", str(tmp_path))
    assert run.status == 0, run.err
    html = (tmp_path / "rising-toll.html").read_text(encoding="utf-8")
    assert 'data-max-pages="1"' in html and 'class="kf-band' in html


# --- dates ---

def test_partial_dates_load_and_print_at_their_precision() -> None:
    """`2019` and `2019-12` are valid; they print as "2019" and "December 2019"."""
    facts = load_facts(EXAMPLE)
    event = next(e for e in facts.events if e.id == "presidency-handed-to-tokayev")
    assert isinstance(event.date, PartialDate) and event.date.isoformat() == "2019"
    writer = DateWriter(Locale.parse("en"))
    assert writer.long(PartialDate(2019)) == "2019"
    assert writer.long(PartialDate(2019, 12)) == "December 2019"
    assert DateWriter(Locale.parse("ru")).long(PartialDate(2019, 12)) == "декабрь 2019\u202fг."
    data = json.loads(render_outputs(facts, BuildOptions(formats=("json",)))["json"])
    assert next(e for e in data["events"] if e["id"] == "presidency-handed-to-tokayev")[
        "date"] == "2019"


def test_times_carry_the_locale_s_zone_or_a_named_zone() -> None:
    """A UTC offset prints as "GMT+4" (the locale's way); a named zone by its name."""
    moment = dt.datetime(2022, 1, 7, 16, 20, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    assert DateWriter(Locale.parse("en")).long(moment) == "January 7, 2022, 4:20\u202fPM GMT+4"
    assert DateWriter(Locale.parse("fr")).long(moment) == "7 janvier 2022, 16:20 UTC+4"
    almaty = DateWriter(Locale.parse("en"), "Asia/Almaty")
    assert almaty.long(moment) == "January 7, 2022, 6:20\u202fPM Kazakhstan Time"
    half = dt.datetime(2022, 1, 7, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))
    assert DateWriter(Locale.parse("en")).time(half) == "9:00\u202fAM GMT+5:30"


def test_date_only_events_keep_the_curator_s_place_among_timed_ones() -> None:
    """Within a day, timed events go by time; a date-only event stays where it was written."""
    view = build_view(load_facts(FIXTURES / "layout" / "same-day-order"))
    assert [e.id for e in view.events] == ["eve", "morning", "noon", "all-day", "evening"]


@pytest.mark.slow
def test_issued_is_printed_and_is_the_pdf_creation_date(briefing: bytes) -> None:
    """`sheet.issued` stands beside as-of and dates the PDF, so rebuilds are identical."""
    reader = pypdf.PdfReader(_io(briefing))
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"].startswith("D:20220115230000+06")
    assert pdf_bytes(EXAMPLE) == briefing


# --- print polish ---

def test_print_polish_in_the_view() -> None:
    """Sorted markers, back-links by label, short URLs, who and unit said once."""
    facts = load_facts(FIXTURES / "layout" / "polish")
    view = build_view(facts)
    row = next(f for f in view.figures if f.id == "responders")
    assert (row.label, row.who, row.unit) == ("Police and firefighters", None, None)
    assert [c.number for c in view.summary[0].marks] == [1, 2]
    labels = [r.label for s in view.sources for g in s.cited_by for r in g.refs]
    assert "Police and firefighters" in labels
    assert "Rescuers reach the flooded district" in " ".join(labels) or any(
        label.startswith("Rescuers reach the flooded") for label in labels)
    assert not any(re.search(r"\d{4}", label) for label in labels if "Rescuers" in label)
    assert [s.short_url for s in view.sources] == ["wire.example.org/a/b",
                                                    "example.com/news/floods"]
    assert short_url("https://www.Example.com/?q=1#x") == "example.com"


@pytest.mark.parametrize("template", ["briefing", "brief"])
def test_a_figure_s_date_never_wraps_mid_phrase(template: str) -> None:
    """Every "as of <date>" beside a value keeps its date on one line."""
    kept = 0
    for folder in (EXAMPLE, RENDER / "competing-reports", RENDER / "rising-toll",
                   RENDER / "ranges"):
        html = render_html(load_facts(folder), resolve_template(TEMPLATES, template))
        body = html[html.index("<main>"):html.index('id="sources"')]
        assert re.findall(r"as of (?!<span class=\"nowrap\">)", body) == []
        kept += body.count('as of <span class="nowrap">')
    assert kept >= 1


def test_change_hooks_render_when_a_template_provides_them(tmp_path: Path) -> None:
    """The briefing includes `_changes.html` and friends only when a template has them."""
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "sheet.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    (folder / "_changes.html").write_text('<p id="changes">Changed</p>\n', encoding="utf-8")
    (folder / "_card_chart.html").write_text('<p class="chart">{{ c.big }}</p>\n',
                                              encoding="utf-8")
    shutil.copytree(TEMPLATES / "briefing", tmp_path / "briefing")
    facts = load_facts(FIXTURES / "layout" / "polish")
    html = render_html(facts, resolve_template(tmp_path, "edition"))
    assert html.index('id="h-summary"') < html.index('id="h-key"') < html.index('id="changes"')
    assert '<p class="chart">' in html
    plain = render_html(facts, resolve_template(TEMPLATES, "briefing"))
    assert 'id="changes"' not in plain


# --- the sheet's language on every printed word ---

def _latin_words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[A-Za-z]{2,}", text)}


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@needs_poppler
@pytest.mark.parametrize("template", ["briefing", "brief"])
def test_a_russian_sheet_prints_no_english_outside_its_facts(template: str,
                                                               tmp_path: Path) -> None:
    """Every Latin word in a `lang: ru` PDF comes from the facts (or is a zone/hash name)."""
    folder = RENDER / "russian-locale"
    facts = load_facts(folder)
    text = pdftotext(pdf_bytes(folder, template), tmp_path)
    from_facts = _latin_words(" ".join(_strings(facts.to_json())))
    allowed = {"gmt", "utc", "sha", "factsheet"}
    assert _latin_words(text) - from_facts - allowed == set()
    english = yaml.safe_load((TEMPLATES / "briefing" / "labels.yaml").read_text())["en"]
    assert "Page" in english["page"] and "Страница 1 из" in text
    if template == "briefing":  # the brief links titles instead of printing URLs
        assert "example.com/a" in text and "a.Агентство" not in text  # URL, then a space


@pytest.mark.parametrize("template", ["briefing", "brief"])
def test_no_link_on_any_page_points_nowhere(template: str, tmp_path: Path) -> None:
    """Every `#…` link has its target on the same page, in each template, for every render
    fixture and for the example with its editions: the brief leaves out the "All figures"
    table and most sources, so its corrections and markers must not point at them."""
    folders = [EXAMPLE, *sorted(p for p in RENDER.iterdir() if p.is_dir())]
    for folder in folders:
        options = BuildOptions(formats=("html",), templates=TEMPLATES, template=template,
                               no_cache=True, editions=ROOT / "editions")
        prepared = prepare_sheet(folder, options)
        assert prepared.context is not None, folder
        html = export(prepared.context, ("html",))["html"].decode()
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        dangling = {h for h in re.findall(r'href="#([^"]+)"', html) if h not in ids}
        assert not dangling, (folder.name, sorted(dangling)[:5])


@needs_poppler
def test_page_one_says_each_key_number_at_most_twice(briefing: bytes, tmp_path: Path) -> None:
    """Page 1: each key number once in the summary and once on its card, never a third time
    (no "Over time" words beside a chart, no changes line repeating a card's count)."""
    page1 = pdftotext(briefing, tmp_path, "-f", "1", "-l", "1")
    for number in ("225", "12,000", "2,500"):
        found = re.findall(rf"(?<![\d,.]){re.escape(number)}(?![\d,])", page1)
        assert 1 <= len(found) <= 2, (number, len(found))
    assert "Over time:" not in page1
    assert "Edition 2: at least 164" in page1  # the moved count, said on its card


def empty_share_at_the_bottom(pdf: bytes, tmp_path: Path) -> float:
    """The page's empty band between its last line of content and its running footer, as a
    share of the page's height, from `pdftotext -bbox` (page 1)."""
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    box = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1",
                          str(tmp_path / "sheet.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', box)[1])
    words = [(float(a), float(b), w) for a, b, w in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
        box)]
    footer = max(top for top, _, w in words if w in ("Page", "Страница"))
    content = max(bottom for top, bottom, _ in words if top < footer - 1)
    return (footer - content) / height


@needs_poppler
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_brief_fills_its_page(paper: str, brief: bytes, tmp_path: Path) -> None:
    """The brief adds quotes and changes while they fit: under 5% of the page is left empty
    at its foot, on A4 and on Letter, and it is still one page with the example's changes."""
    pdf = brief if paper == "a4" else pdf_bytes(letter_copy(tmp_path / "in"), "brief")
    assert len(pypdf.PdfReader(_io(pdf)).pages) == 1
    assert "Changes since edition 2" in pdftotext(pdf, tmp_path)
    assert empty_share_at_the_bottom(pdf, tmp_path) < 0.05


@needs_poppler
def test_the_brief_shows_key_figures_as_a_band_of_cards(brief: bytes, tmp_path: Path) -> None:
    """Under the title, before the summary: each key figure's big number, label, claimant and
    as-of, with its chart where it was counted more than once."""
    text = pdftotext(brief, tmp_path)
    assert text.index("Key figures") < text.index("Summary")
    html = render_html(load_facts(EXAMPLE), resolve_template(TEMPLATES, "brief"))
    band = html[html.index('<section id="key-figures"'):html.index('<section id="summary"')]
    assert band.count('<li class="kf bf') == 3 and band.count('class="chart spark"') == 2
    assert '<p class="kf-value">225</p>' in band
    assert "according to Prosecutor General&#39;s Office" in band and "as of" in band


@needs_poppler
def test_all_figures_reads_as_sentences(briefing: bytes, tmp_path: Path) -> None:
    """A note runs across the table under its figure; a cite without an excerpt names its
    source's publisher and title, never a bare marker."""
    text = pdftotext(briefing, tmp_path)
    table = re.sub(r"\s+", " ", text[text.index("All figures"):text.index("Timeline")])
    assert ("Note: Confirmed dead since the unrest began on 5 January. The health ministry's "
            "social-media post was deleted; health and police authorities did not confirm it."
            ) in table
    assert "Fairfield Citizen, Kazakhstan says 5,800 detained in week of protests" in table
    html = render_html(load_facts(EXAMPLE), resolve_template(TEMPLATES, "briefing"))
    assert re.search(r'<tr class="fig-note-row"><td colspan="4">', html)
    assert not re.search(r'<p><span class="marks">(<a [^>]*>\[\d+\]</a>)+</span>\s*</p>', html)


def test_a_card_without_a_chart_balances_its_row() -> None:
    """In a row where other cards have charts, a card without one says why in the chart's
    place (a panel that fills the card), so the row does not look half empty."""
    html = render_html(load_facts(EXAMPLE), resolve_template(TEMPLATES, "briefing"))
    section = html[html.index('<section id="key-figures"'):]
    cards = section[:section.index("</section>")].split('<li class="kf ')[1:]
    charted = [c for c in cards if 'class="chart spark"' in c]
    panels = [c for c in cards if 'class="kf-nochart"' in c]
    assert (len(cards), len(charted), len(panels)) == (3, 2, 1)
    assert "Counted at one moment only: no change over time to chart." in panels[0]
