"""A real, messy earthquake toll read right on page 1: counts rising over days (issue 24)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build_real, needs_poppler, page_one, real_group, write_real

QUAKE = Path(__file__).parent / "fixtures" / "real" / "quake"
SLUG = "quake"
AP = ("The quake had killed 1,014 people across three provinces, the Interior Ministry said, "
      "as rescuers dug through collapsed apartment blocks in freezing rain.")
REUTERS_WHO = ("A senior World Health Organization official said on Tuesday the death toll "
               "could reach up to 20,000 as rescuers searched the rubble.")
# Each source's article as the test writes it: the AP story run word for word by three
# outlets, one Reuters story run by two, and two statements of one ministry.
ARTICLES = {
    "ap-0206": [AP, "A magnitude 7.6 earthquake struck the Altan Valley before dawn on "
                "6 February."],
    "wapo-0206": [AP],
    "abc-0206": [AP],
    "ministry-1": ["As of 20:00, 2,921 people have lost their lives and 15,834 people were "
                   "injured."],
    "ministry-2": ["As of 10:30, 5,894 people have lost their lives and 34,810 people were "
                   "injured."],
    "reuters-0207": [REUTERS_WHO, "The Interior Ministry later lowered its count to 5,434, "
                     "saying some victims had been listed twice."],
    "hindu-0207": [REUTERS_WHO],
    "anadolu-0208": ["The disaster agency said rescuers had pulled more than 8,000 people "
                     "alive from the rubble.", "\"Every hour now counts against us,\" said "
                     "Selin Aydin, a rescue team leader."],
    "tv-0208": ["The deputy interior minister told the channel that about 12,000 people had "
                "died."],
    "reuters-0209": ["The Interior Ministry said the death toll had risen to 12,391.",
                     "It said the deputy minister's figure of 12,000 was not an official "
                     "count."],
}


@pytest.fixture
def quake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work folder holding the quake sheet and its articles, as the current directory."""
    monkeypatch.chdir(tmp_path)
    write_real(tmp_path, QUAKE / "edition-1", SLUG, ARTICLES)
    return tmp_path


@needs_poppler
def test_page_one_reads_right(quake: Path) -> None:
    """The ministry's latest confirmed count heads the card; the WHO projection stands apart."""
    data = build_real(quake, SLUG, "pdf")
    killed = real_group(data, "killed")
    assert (killed["status"], killed["current"], killed["standing"], killed["estimates"]) == (
        "update", ["killed-12391"], ["killed-who", "killed-12391"], ["killed-who"])
    assert (killed["retracted"], killed["superseded"], killed["reports"]) == (
        ["killed-12000"], ["killed-5894"], 4)
    assert (killed["ends"], killed["headline"]) == (None, None)
    # The revision follows the count it revises, though dated only by its day.
    assert killed["figures"].index("killed-5434") == killed["figures"].index("killed-5894") + 1
    text = page_one(quake, SLUG)
    # Three outlets running one AP story, two running one Reuters story, and two statements
    # of one ministry: five reporters.
    assert ("Compiled from 10 articles: 5 independent reports (AP, Interior Ministry, "
            "Reuters, Anadolu Agency, Haber TV)") in text
    assert "Possible syndication" not in text
    assert "12,391 confirmed; estimates up to 20,000 (WHO)" in text
    # The chart draws one line per claimant and names each report's claimant in its
    # description, so the WHO's projection and the withdrawn figure never read as the
    # ministry's count rising to 20,000 and falling; an estimate is no side of a dispute.
    html = (quake / "build" / f"{SLUG}.html").read_text(encoding="utf-8") \
        if (quake / "build" / f"{SLUG}.html").exists() else _html(quake)
    desc = chart_desc(html, "key-killed-12391")
    assert "at most 20,000 on February 7, according to WHO" in desc
    assert ("about 12,000 on February 8 (retracted), according to Deputy interior minister"
            in desc)
    assert "reports differ" not in desc
    assert "Hollow mark: about 12,000 (February 8), withdrawn on February 9" in text
    assert "Reports conflict" not in text


def test_a_stale_claim_is_dated_history_not_the_top(quake: Path) -> None:
    """The ministry's fresher count never makes the WHO's projection a conflict or a count."""
    data = build_real(quake, SLUG)
    killed = real_group(data, "killed")
    assert killed["status"] != "conflict"
    assert [s["claimed_by"] for s in killed["series"]] == [
        "Interior Ministry", "WHO", "Deputy interior minister"]
    injured, rescued = real_group(data, "injured"), real_group(data, "other")
    assert (injured["status"], injured["current"]) == ("update", ["injured-34810"])
    assert (rescued["status"], rescued["current"]) == ("single", ["rescued-8000"])


def test_a_named_time_zone_puts_every_time_on_one_clock(quake: Path) -> None:
    """Control: with the sheet's `timezone`, trail times are on its clock, no zone each."""
    sheet = quake / "facts" / SLUG / "sheet.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "  archive: archive\n", "  archive: archive\n  timezone: Europe/Istanbul\n"),
        encoding="utf-8")
    build_real(quake, SLUG, "html")
    html = (quake / "build" / f"{SLUG}.html").read_text(encoding="utf-8")
    desc = chart_desc(html, "key-killed-12391")
    assert "5,894 on February 7 10:30" in desc and "GMT" not in desc


def _html(root: Path) -> str:
    """Build the sheet's HTML as well, and return it."""
    build_real(root, SLUG, "html")
    return (root / "build" / f"{SLUG}.html").read_text(encoding="utf-8")


def chart_desc(html: str, card_id: str) -> str:
    """The accessible description of a key-figure card's chart."""
    card = html[html.index(f'id="{card_id}"'):]
    card = card[:card.index("</svg>")]
    return card[card.index("<desc"):card.index("</desc>")]
