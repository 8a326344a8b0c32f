"""A real, messy toll read right: the Derna flood of 2023, in two editions (issue 24)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import needs_poppler, page_one, real_group, write_real

from factsheet.cli import main

FLOOD = Path(__file__).parent / "fixtures" / "real" / "flood-2023"
SLUG = "flood-2023"
OCHA = ("Storm Daniel made landfall in eastern Libya on 10 September, bringing heavy rain "
        "and flash floods to the north-east of the country, where two dams above the city "
        "of Derna collapsed and the wadi swept through the city centre overnight.")
WIRE = ("Rescue teams were searching the rubble of flattened buildings on Tuesday as bodies "
        "washed ashore along the coast, residents and officials told reporters in the city.")
# Each source's article, as the test writes it: the excerpts the facts cite, inside
# paragraphs of their own; the UN office's three updates share their opening paragraph,
# and the wire story is run word for word by two outlets.
ARTICLES = {
    "reuters-0912": [WIRE, "The eastern authorities said more than 2,000 people were killed "
                     "and about 10,000 people were missing.",
                     "Two dams above Derna burst on the night of 10 September and the wadi "
                     "swept through the city centre."],
    "arabnews-0912": [WIRE, "The eastern authorities said more than 2,000 people were killed "
                      "and about 10,000 people were missing."],
    "ap-0913": ["A spokesman for the eastern interior ministry said the death toll had passed "
                "5,300 in Derna alone."],
    "alarabiya-0914": ["The mayor said between 18,000 and 20,000 people may have died, judging "
                       "by the districts destroyed.", "Whole districts were swept into the "
                       "sea, he said."],
    "ocha-flash-1": [OCHA, "IOM estimates that about 30,000 people have been displaced in "
                     "Derna."],
    "ocha-flash-2": [OCHA, "According to the Libyan Red Crescent, 11,300 people have died."],
    "ocha-flash-3": [OCHA, "According to the health authorities, 3,958 deaths have been "
                     "confirmed and identified.", "more than 9,000 people are still missing, "
                     "and more than 30,000 people remain displaced."],
    "reuters-0917": ["The Libyan Red Crescent denied that it had given a toll of 11,300 and "
                     "said it had referred to official reports."],
}


def edition(root: Path, n: int) -> Path:
    """Put edition `n`'s fact files, and the articles its sources cite, under root/facts."""
    return write_real(root, FLOOD / f"edition-{n}", SLUG, ARTICLES)


def build(root: Path, *formats: str) -> dict[str, Any]:
    """Build the sheet; return its JSON."""
    out = root / "build"
    assert main(["build", str(root / "facts"), "--out", str(out), "--to",
                 ",".join(("json", *formats))]) == 0
    data: dict[str, Any] = json.loads((out / f"{SLUG}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def flood(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work folder holding edition 1 of the flood sheet, as the current directory."""
    monkeypatch.chdir(tmp_path)
    edition(tmp_path, 1)
    return tmp_path


@needs_poppler
def test_edition_1_page_one_reads_right(flood: Path) -> None:
    """The open-ended lowest report is a lower bound, never the top; the mayor holds the top."""
    data = build(flood, "pdf")
    killed = real_group(data, "killed")
    assert (killed["status"], killed["standing"], killed["ends"]) == (
        "conflict", ["killed-5300", "killed-mayor", "killed-11300"],
        ["killed-5300", "killed-mayor"])
    # The headline as data, for tools that read the JSON: each end's words and holder.
    assert killed["headline"] == {
        "low": {"id": "killed-5300", "value": 5300, "approx": "more_than", "unit": None,
                "basis": None, "claimed_by": "Eastern Libya authorities"},
        "high": {"id": "killed-mayor", "value": {"min": 18000, "max": 20000},
                 "approx": "exact", "unit": None, "basis": "estimate",
                 "claimed_by": "Mayor of Derna"}}
    # One line per claimant: the authorities' two counts, and each other claimant alone.
    assert killed["series"] == [
        {"claimed_by": "Eastern Libya authorities", "figures": ["killed-2000", "killed-5300"]},
        {"claimed_by": "Mayor of Derna", "figures": ["killed-mayor"]},
        {"claimed_by": "Libyan Red Crescent", "figures": ["killed-11300"]}]
    text = page_one(flood, SLUG)
    assert ("more than 5,300 (Eastern Libya authorities) to 18,000–20,000 (Mayor of Derna)"
            in text)
    assert "5,300 to more than 5,300" not in text and "to more than 5,300" not in text
    # Two flash updates of one UN office and a wire story run twice: four reporters.
    assert "Compiled from 6 articles: 4 independent reports (Reuters, AP, Al Arabiya, UN OCHA)" \
        in text
    assert "Possible syndication" not in text
    assert "many victims were swept out to sea" in text  # the group's note, on the card


@pytest.mark.slow
@needs_poppler
def test_edition_2_withdrawn_confirmed_and_estimated(flood: Path) -> None:
    """After the Red Crescent's denial and the UN's revision: 3,958 confirmed to 20,000."""
    build(flood)
    assert main(["publish", "facts"]) == 0
    edition(flood, 2)
    data = build(flood, "pdf")
    killed = real_group(data, "killed")
    assert (killed["status"], killed["standing"], killed["ends"], killed["estimates"]) == (
        "conflict", ["killed-5300", "killed-mayor", "killed-3958"],
        ["killed-3958", "killed-mayor"], ["killed-mayor"])
    assert killed["retracted"] == ["killed-11300"]
    assert "killed-11300" not in killed["standing"]
    missing, displaced = real_group(data, "missing"), real_group(data, "displaced")
    assert (missing["status"], missing["standing"]) == (
        "agree", ["missing-10000", "missing-9000"])
    assert (displaced["status"], displaced["standing"]) == ("agree", ["displaced-30000-plus"])
    text = page_one(flood, SLUG)
    assert "Edition 2" in text
    assert "3,958 (UN OCHA) to 18,000–20,000 (Mayor of Derna)" in text
    assert "3,958 confirmed; estimates up to 20,000 (Mayor of Derna)" in text
    assert "Compiled from 8 articles: 4 independent reports (Reuters, AP, Al Arabiya, UN OCHA)" \
        in text
    # The withdrawn 11,300 stands nowhere: only its hollow mark's note, with its date.
    assert "Hollow mark: 11,300 (September 16), withdrawn on September 17" in text
    assert "11,300: Libyan Red Crescent" not in text


def test_edition_2_where_reports_differ_leaves_out_the_withdrawn(flood: Path) -> None:
    """Under "Where reports differ" the withdrawn 11,300 is no row; Corrections give why."""
    edition(flood, 2)
    build(flood, "html")
    html = (flood / "build" / f"{SLUG}.html").read_text(encoding="utf-8")
    differ = html[html.index('id="reports-differ"'):]
    differ = differ[:differ.index("</section>")]
    assert "11,300" not in differ
    assert ("Reports range from 3,958 (UN OCHA) to 18,000–20,000 (Mayor of Derna)."
            in differ)
    corrections = html[html.index('id="corrections"'):]
    assert "The Libyan Red Crescent denied giving the figure." in corrections


def test_the_chart_draws_one_line_per_claimant(flood: Path) -> None:
    """Edition 2's toll chart: the authorities' line only; the estimate dashed, apart."""
    from xml.etree import ElementTree

    edition(flood, 2)
    build(flood, "html")
    html = (flood / "build" / f"{SLUG}.html").read_text(encoding="utf-8")
    card = html[html.index('id="key-killed-3958"'):]
    svg = card[card.index("<svg"):card.index("</svg>") + 6]
    tree = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    lines = tree.findall(f"{ns}polyline")
    assert [len((p.get("points") or "").split()) for p in lines] == [2]  # 2,000+ → 5,300+
    dashed = [e for e in tree.iter() if e.get("stroke-dasharray") == "2 1.5"]
    assert len(dashed) == 1  # the mayor's estimate


def test_shared_wording_is_flagged_between_reporters_only(flood: Path) -> None:
    """Control: the UN updates' shared paragraph is flagged once a second office issues one."""
    build(flood, "html")
    html = (flood / "build" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "Possible syndication" not in html
    sources = flood / "facts" / SLUG / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("publisher: UN OCHA\n    title: \"Libya: Storm Daniel "
                                    "Flash Update No. 2\"", "publisher: UNHCR\n    title: "
                                    "\"Libya: Storm Daniel Flash Update No. 2\""),
                       encoding="utf-8")
    build(flood, "html")
    html = (flood / "build" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "<strong>Possible syndication:</strong> UN OCHA and UNHCR" in html
