"""A protest crackdown read right on page 1: officials against a rights group (issue 24)."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from helpers import build_real, needs_poppler, page_one, real_group, write_real

CRACKDOWN = Path(__file__).parent / "fixtures" / "real" / "crackdown"
SLUG = "crackdown"
REUTERS = ("The Interior Ministry said at least 12 people were killed when security forces "
           "cleared the square, and police said 1,100 people had been detained.")
# The articles as the test writes them: one Reuters story run by two outlets, a rights
# group's two statements, a police statement and a Russian-language report of the lawyers.
ARTICLES = {
    "reuters-0305": [REUTERS, "Security forces fired on protesters in Zarechensk's central "
                     "square on 4 March."],
    "aljazeera-0305": [REUTERS],
    "rights-0306": ["The Zarechensk Rights Centre said more than 40 people were killed, "
                    "citing hospital staff and relatives."],
    "police-0307": ["Police said 1,350 people have been detained since the unrest began."],
    "lawyers-0308": ["По данным коллегии адвокатов, с начала протестов были задержаны более "
                     "2000 человек.", "«Нас не пускают к подзащитным», — сказала адвокат "
                     "Ирина Волкова."],
    "rights-0309": ["The group said at least 57 people were killed and published the names "
                    "of the dead."],
}


@pytest.fixture
def crackdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work folder holding the crackdown sheet and its articles, as the current directory."""
    monkeypatch.chdir(tmp_path)
    write_real(tmp_path, CRACKDOWN / "edition-1", SLUG, ARTICLES)
    return tmp_path


@needs_poppler
def test_page_one_reads_right(crackdown: Path) -> None:
    """The rights group's 57 heads the card, the officials' 12 beside it; the detained rise."""
    data = build_real(crackdown, SLUG, "pdf")
    killed, detained = real_group(data, "killed"), real_group(data, "detained")
    # "At least 12" and "at least 57" can both be true: no conflict, but both stand.
    assert (killed["status"], killed["current"], killed["standing"]) == (
        "agree", ["killed-rights-57"], ["killed-officials", "killed-rights-57"])
    assert (detained["status"], detained["current"], detained["standing"]) == (
        "update", ["detained-lawyers"], ["detained-police-1350", "detained-lawyers"])
    text = page_one(crackdown, SLUG)
    assert ("Compiled from 6 articles: 4 independent reports (Reuters, Zarechensk Rights "
            "Centre, Zarechensk Police, Mediazona)") in text
    # The rights group's own earlier "more than 40" is history, not another report.
    assert "Also reported: at least 12 (Interior Ministry) [1]✓[2]✓" in text
    assert "more than 40 (Zarechensk Rights Centre)" not in text
    # Police then lawyers: the chart names who holds each report, one line per claimant.
    build_real(crackdown, SLUG, "html")
    html = (crackdown / "build" / f"{SLUG}.html").read_text(encoding="utf-8")
    card = html[html.index('id="key-detained-lawyers"'):]
    desc = unescape(card[card.index("<desc"):card.index("</desc>")])
    assert "1,100 on March 5, according to Zarechensk Police" in desc
    assert "more than 2,000 on March 8, according to Lawyers' association" in desc
    assert "“более 2000 человек”" in text  # the Russian excerpt verified, qualifier and all
    assert "Reports conflict" not in text


def test_officials_holding_to_12_against_the_rights_group_is_a_dispute(
        crackdown: Path) -> None:
    """Officials' 12, repeated on the day of the rights group's 57: both ends named."""
    folder = crackdown / "facts" / SLUG
    (folder / "archive" / "tass-0309.txt").write_text(
        "The Interior Ministry said on Thursday that 12 people were killed.\n",
        encoding="utf-8")
    sources = folder / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + """\
  - id: tass-0309
    publisher: TASS
    title: Ministry stands by its count
    published: 2023-03-09
""", encoding="utf-8")
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8") + """\
  - id: killed-officials-0309
    label: Killed
    measure: killed
    value: 12
    as_of: 2023-03-09
    claimed_by: Interior Ministry
    note: The ministry has not revised its count.
    cite:
      - source: tass-0309
        says: 12 people were killed
""", encoding="utf-8")
    data = build_real(crackdown, SLUG, "html")
    killed = real_group(data, "killed")
    assert (killed["status"], killed["ends"]) == (
        "conflict", ["killed-officials-0309", "killed-rights-57"])
    assert killed["headline"] == {
        "low": {"id": "killed-officials-0309", "value": 12, "approx": "exact", "unit": None,
                "basis": None, "claimed_by": "Interior Ministry"},
        "high": {"id": "killed-rights-57", "value": 57, "approx": "at_least", "unit": None,
                 "basis": "confirmed", "claimed_by": "Zarechensk Rights Centre"}}
    html = (crackdown / "build" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "12 (Interior Ministry) to at least 57 (Zarechensk Rights Centre)" in html
