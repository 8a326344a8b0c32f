"""`factsheet site`: index.html of every built sheet and an Atom feed of published editions."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from helpers import ROOT, TOOLS

from factsheet.cli import main
from factsheet.site.write import atom_date, entry_id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example built (briefing and brief, HTML) and its site, in a temporary desk."""
    desk = tmp_path_factory.mktemp("desk")
    shutil.copytree(ROOT / "facts", desk / "facts")
    shutil.copytree(ROOT / "editions", desk / "editions")
    before = Path.cwd()
    os.chdir(desk)
    try:
        assert main(["build", "-q", "--to", "json,html"]) == 0
        assert main(["build", "-q", "--to", "html", "--template", "brief",
                     "--out", "build/brief"]) == 0
        assert main(["site", "--url", "https://desk.example.org/sheets"]) == 0
        yield desk / "build"
    finally:
        os.chdir(before)


def test_feed_has_one_entry_per_edition_with_stable_ids(site: Path) -> None:
    """feedparser reads it; ids come from slug and number only; newest first."""
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    slug = "kazakhstan-2022-01"
    assert [e.id for e in feed.entries] == [entry_id(slug, 2), entry_id(slug, 1)]
    assert entry_id(slug, 2) == "urn:uuid:e4e5f382-b7ac-5f2e-a381-bda907a75804"  # forever
    assert [e.title for e in feed.entries] == [
        "Kazakhstan unrest, January 2022: edition 2", "Kazakhstan unrest, January 2022: edition 1"]
    assert feed.entries[0].link == f"https://desk.example.org/sheets/{slug}.html"


def test_feed_dates_are_each_editions_issued_moment(site: Path) -> None:
    """Entry dates are the editions' `issued` (with their offsets), never the build's clock."""
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    second = dt.datetime(2022, 1, 9, 22, 0, tzinfo=dt.timezone(dt.timedelta(hours=6)))
    assert feed.entries[0].updated == "2022-01-09T22:00:00+06:00"
    assert dt.datetime(*feed.entries[0].updated_parsed[:6], tzinfo=dt.UTC) == second
    assert feed.feed.updated == feed.entries[0].updated
    assert atom_date("2022-01-07") == "2022-01-07T00:00:00Z"


def test_feed_content_is_changes_and_corrections(site: Path) -> None:
    """Edition 2's entry says what changed since edition 1, and its corrections."""
    entry = feedparser.parse((site / "feed.xml").read_bytes()).entries[0]
    html = entry.content[0].value
    assert "<h2>Changes since edition 1 (as of 2022-01-07T16:20:00+04:00)</h2>" in html
    assert "<li>Killed: dozens → at least 164</li>" in html
    assert "<h2>Corrections and retractions</h2><p>None.</p>" in html
    first = feedparser.parse((site / "feed.xml").read_bytes()).entries[1].content[0].value
    assert first.startswith("<h2>Changes</h2><p>The first edition.</p>")


def test_site_is_reproducible(site: Path) -> None:
    """Running it again writes the same bytes (no clock in either page)."""
    before = {p: p.read_bytes() for p in (site / "index.html", site / "feed.xml")}
    os.chdir(site.parent)
    try:
        assert main(["site", "--url", "https://desk.example.org/sheets/"]) == 0
    finally:
        os.chdir(ROOT)
    assert {p: p.read_bytes() for p in before} == before


def test_index_lists_each_sheet_with_its_links(site: Path) -> None:
    """Title, edition, as-of, key figures, and links to HTML and the brief."""
    html = (site / "index.html").read_text()
    assert '<a href="kazakhstan-2022-01.html">Kazakhstan unrest, January 2022</a>' in html
    assert "Edition 3 · As of <time" in html
    assert "<dt>Killed</dt><dd>225</dd>" in html
    assert '<a href="brief/kazakhstan-2022-01.html">brief' in html
    assert '<a href="feed.xml">' in html


def test_no_built_sheet_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """An empty output folder: FS024, nothing written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build").mkdir()
    assert main(["site"]) == 2
    assert "error[FS024]: no built sheet under build" in capsys.readouterr().err
    assert list((tmp_path / "build").iterdir()) == []


@pytest.mark.needs_tools
def test_index_passes_vnu_and_axe(site: Path) -> None:
    """The index is valid HTML (W3C Nu) and WCAG 2.1 AA clean (axe), on desktop and phone."""
    page = str(site / "index.html")
    for command in ([str(TOOLS / "vnu.sh"), page],
                    ["node", str(TOOLS / "axe.mjs"), "--viewport", "1280x900", page],
                    ["node", str(TOOLS / "axe.mjs"), "--viewport", "390x844", page]):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.needs_tools
def test_every_page_fits_a_phone(site: Path) -> None:
    """At 390 px nothing scrolls sideways, and every figure's "Reported as" is on screen;
    at 1,280 px "All figures" is still a table."""
    pages = [site / "kazakhstan-2022-01.html", site / "brief" / "kazakhstan-2022-01.html",
             site / "index.html"]
    for viewport in ("390x844", "1280x900"):
        done = subprocess.run(["node", str(TOOLS / "phone.mjs"), "--viewport", viewport,
                               *map(str, pages)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        for page in json.loads(done.stdout):
            assert page["scrollWidth"] <= page["clientWidth"], page
            assert page["wide"] == [], page
            assert page["evidence"]["visible"] == page["evidence"]["rows"], page
    assert json.loads(done.stdout)[0]["evidence"]["rows"] == 21  # the briefing's figures


def test_phone_layout_is_screen_only() -> None:
    """The stacked figures live in a screen-only media query: the PDF's table is untouched."""
    css = (ROOT / "templates" / "briefing" / "style.css").read_text()
    block = css.split("@media screen and (max-width: 36rem) {", 1)[1]
    assert "table.figures .cell-label { display: block;" in block.split("\n}\n", 1)[0]
    assert ".cell-label { display: none; }" in css.split("@media", 1)[0]
