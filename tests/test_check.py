"""Tests for the check stage: archived copies, matching, syndication, the cache, archive-hash."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

import pytest
from conftest import load_facts
from helpers import write_files
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reference_normalise import reference_normalise
from syrupy.assertion import SnapshotAssertion

from factsheet import check
from factsheet.check import (
    Outcome,
    check_sheet,
    html_text,
    lookalikes,
    markdown_text,
    normalise,
    plain_text,
    record_hashes,
    search,
)
from factsheet.errors import ArchiveError
from factsheet.model import Source
from factsheet.view import header
from factsheet.view.labels import BRIEFING, load_labels

if TYPE_CHECKING:
    from conftest import Run

# `cli` is the shared fixture of conftest.py: it runs `factsheet ARGS...` in-process.
Cli = Callable[..., "Run"]

# An English article as a wire service might file it: curly quotes, a dash, a line-end
# hyphenation and sentences broken over lines.
GAZETTE = """\
Storm hits the coast

The mayor said on Friday that “it’s the worst storm in living
memory” and that the inter-
national aid effort had begun.

At least 12 people were killed — most of them in the old town.
Rescue teams worked through the night, the mayor’s office said.
"""

# The same outlet's page as HTML, with navigation, a banner, a script and a footer around it.
HERALD = """\
<!doctype html>
<html>
<head><title>Coast storm | The Herald</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> Subscribe now</nav>
<header><p>The Herald: news you can trust</p></header>
<article>
<h1>Coast storm leaves 12 dead</h1>
<p>Officials said the storm&nbsp;had destroyed
<em>more than 300</em> homes along the coast.</p>
<script>var teaser = "the storm had destroyed more than 300 homes";</script>
<p>“We will rebuild,” the governor told reporters.</p>
</article>
<aside>Most read: Storm had destroyed more than 300 homes</aside>
<footer>© 2022 The Herald</footer>
</body>
</html>
"""

SHEET = """\
sheet:
  title: Storm on the coast
  as_of: 2022-01-08
"""

SOURCES = """\
# Two outlets; the Gazette runs wire copy.
sources:
  - id: gazette
    publisher: The Gazette
    title: Storm hits the coast
    published: 2022-01-07   # the print edition
  - id: herald
    publisher: The Herald
    # The web page, saved as HTML.
    title: Coast storm leaves 12 dead
    published: 2022-01-07

  # Trailing comment that belongs to no source.
"""

FIGURES = """\
figures:
  - id: killed
    label: Killed
    measure: killed
    value: 12
    approx: at_least
    claimed_by: The mayor's office
    cite:
      - source: gazette
        says: At least 12 people were killed - most of them in the old town
      - source: herald
        says: Coast storm leaves 12 dead
  - id: homes
    label: Homes destroyed
    measure: other
    value: 300
    approx: more_than
    claimed_by: Officials
    cite:
      - source: herald
        says: the storm had destroyed more than 300 homes
"""

QUOTES = """\
quotes:
  - id: mayor
    speaker: The mayor
    text: it's the worst storm in living memory
    cite: [gazette]
  - id: governor
    speaker: The governor
    text: We will rebuild.
    cite:
      - source: herald
        says: We will rebuild,
"""

EVENTS = """\
events:
  - id: aid
    date: 2022-01-07
    text: The international aid effort began.
    cite:
      - source: gazette
        says: the mayor said on Friday ... the international aid effort had begun
"""


def make_sheet(root: Path, *, events: str = EVENTS, figures: str = FIGURES,
               quotes: str = QUOTES, sources: str = SOURCES, archive: bool = True) -> Path:
    """Write a small sheet with its archived copies; return its folder."""
    folder = write_files(root / "storm", {
        "sheet.yaml": SHEET, "sources.yaml": sources, "figures.yaml": figures,
        "quotes.yaml": quotes, "events.yaml": events})
    if archive:
        write_files(folder / "archive", {"gazette.txt": GAZETTE, "herald.html": HERALD})
    return folder


@pytest.fixture
def sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A sheet in a temporary working directory, so paths in messages are short."""
    monkeypatch.chdir(tmp_path)
    return make_sheet(tmp_path)


def gazette() -> check.Normal:
    """The Gazette's archived text, normalised."""
    text, lines = plain_text(GAZETTE)
    return normalise(text, lines)


# --- Normalisation and matching ---------------------------------------------------------


def test_normalise_only_typesetting() -> None:
    """Quotes, dashes, spaces, soft hyphens, ligatures and ellipses are normalised away."""
    raw = "“It’s\u00a0fine”\u2014she said\u00ad\u2026 the \ufb01nal  word"
    assert normalise(raw).text == "\"It's fine\"-she said... the final word"
    assert normalise("Cafe\u0301").text == "Café"  # composed after NFKC


def test_normalise_keeps_original_lines() -> None:
    """Every normalised character maps back to its line in the original."""
    text, lines = plain_text("one\n\ntwo three\nfour")
    norm = normalise(text, lines)
    assert norm.text == "one two three four"
    assert norm.line_at(norm.text.index("two")) == 3
    assert norm.line_at(norm.text.index("four")) == 4


@pytest.mark.parametrize("excerpt, line", [
    ("it's the worst storm in living memory", 3),  # straight quote for a curly one
    ("the international aid effort had begun", 4),  # hyphenated at the line end
    ("the inter-national aid effort", 4),  # ... and with the hyphen kept
    ("At least 12 people were killed – most of them", 7),  # another dash, other spacing
    ("Rescue teams worked through the night", 8),
    ("“it's the worst storm in living memory”", 3),
])
def test_normalisation_hits(excerpt: str, line: int) -> None:
    """Typesetting differences do not stop a match, and the line is the original one."""
    outcome = search(gazette(), excerpt)
    assert outcome.status == "verified"
    assert outcome.line == line


def test_exact_hit() -> None:
    """An excerpt copied as it stands is found, with the lines it spans."""
    outcome = search(gazette(), "the worst storm in living\nmemory")
    assert outcome == Outcome("verified", line=3, end_line=4)


@pytest.mark.parametrize("excerpt", [
    "The mayor said on Friday ... the international aid effort had begun",
    "The mayor said on Friday … the international aid effort had begun",
    "The mayor said [...] that “it’s the worst storm ... had begun.",
    "... most of them in the old town",
])
def test_ellipsis_excerpts(excerpt: str) -> None:
    """An ellipsis stands for left-out words; the parts must appear in order."""
    assert search(gazette(), excerpt).status == "verified"


def test_ellipsis_parts_out_of_order() -> None:
    """Parts that are all present but in the wrong order are not a match."""
    outcome = search(gazette(), "the old town ... The mayor said")
    assert outcome.status == "not-found"
    assert outcome.rule == "ellipsis-order" and outcome.values is not None


@pytest.mark.parametrize("excerpt, closest, difference", [
    # One word changed: a sloppy fuzzy matcher would call this 97% and accept it.
    ("At least 12 people were killed - most of them in the new town",
     "At least 12 people were killed-most of them in the old town",
     "the archive has “old” where the excerpt has “new”"),
    # Letter case changed.
    ("rescue teams worked through the night",
     "Rescue teams worked through the night",
     "the archive has “Rescue” where the excerpt has “rescue” (letter case must match too)"),
    # A word left out without an ellipsis.
    ("At least 12 people killed", "At least 12 people were killed",
     "the archive has “were” there, which the excerpt leaves out (mark left-out words "
     "with `...`)"),
])
def test_near_misses_are_not_found(excerpt: str, closest: str, difference: str) -> None:
    """A near miss fails, showing the closest passage, its line and the first difference."""
    outcome = search(gazette(), excerpt)
    assert outcome.status == "not-found"
    assert outcome.closest == closest
    assert outcome.difference == difference
    assert outcome.closest_line in (7, 8)
    assert outcome.similarity is not None and 80 <= outcome.similarity < 100


def test_numbers_match_whole_words_only() -> None:
    """"2 people" is not found inside "12 people"."""
    outcome = search(gazette(), "2 people were killed")
    assert outcome.status == "not-found"
    assert outcome.reason is not None and "word boundaries" in outcome.reason


def test_nothing_similar() -> None:
    """With nothing close, no misleading passage is shown."""
    outcome = search(gazette(), "Zyzzyva")
    assert outcome.status == "not-found" and outcome.closest is None
    assert outcome.reason is not None and "similar" in outcome.reason


def test_html_drops_boilerplate_and_keeps_lines() -> None:
    """Navigation, banners, scripts, asides and footers are dropped; lines stay the source's."""
    text, lines = html_text(HERALD)
    norm = normalise(text, lines)
    assert "Home" not in norm.text and "Subscribe" not in norm.text
    assert "news you can trust" not in norm.text and "©" not in norm.text
    assert "teaser" not in norm.text and "Most read" not in norm.text
    assert "Coast storm | The Herald" not in norm.text
    assert norm.text.startswith("Coast storm leaves 12 dead Officials said")
    found = search(norm, "the storm had destroyed more than 300 homes")
    assert (found.status, found.line, found.end_line) == ("verified", 9, 10)
    assert search(norm, "Coast storm leaves 12 dead").line == 8
    # The copies in the script and the aside do not count: only one place has the words.
    assert norm.text.count("more than 300 homes") == 1


def test_html_article_header_is_kept() -> None:
    """A header inside the article holds its headline, unlike the page's own header."""
    page = "<header>Site</header>\n<article><header><h1>Headline</h1></header><p>Body</p>"
    assert normalise(*html_text(page)).text == "Headline Body"


def test_markdown_markup_is_not_text() -> None:
    """Emphasis, links and heading marks do not stand between the words."""
    md = "# Storm\n\nThe *mayor* said [the storm](https://example.org) was **bad**.\n"
    norm = normalise(*markdown_text(md))
    assert norm.text == "Storm The mayor said the storm was bad."
    assert search(norm, "The mayor said the storm was bad.").line == 3


# --- The check of a sheet ---------------------------------------------------------------


def test_check_sheet_verifies_every_citation(sheet: Path) -> None:
    """Each says, and a quote's text cited without says, is found in its source's copy."""
    report = check_sheet(sheet, load_facts(sheet), cache_dir=None)
    assert [(c.citation.where, c.status, c.outcome.line if c.outcome else None)
            for c in report.checks] == [
        ("figures[0].cite[0].says", "verified", 7),
        ("figures[0].cite[1].says", "verified", 8),
        ("figures[1].cite[0].says", "verified", 9),
        ("quotes[0].cite[0] (the quote's text)", "verified", 3),
        ("quotes[1].cite[0].says", "verified", 12),
        # The event's excerpt has a lowercase "the mayor"; see the next test.
        ("events[0].cite[0].says", "not-found", None),
    ]
    assert [c.archive for c in report.checks[:3]] == [
        "storm/archive/gazette.txt", "storm/archive/herald.html", "storm/archive/herald.html"]


def test_miss_points_at_yaml_and_archive_lines(sheet: Path) -> None:
    """A miss is an error at the says position, naming the archive line of the closest text."""
    report = check_sheet(sheet, load_facts(sheet), cache_dir=None)
    (diag,) = report.diagnostics
    assert (diag.path, diag.line, diag.column, diag.severity) == (
        "storm/events.yaml", 7, 15, "error")
    assert diag.where == "events[0].cite[0].says"
    assert "storm/archive/gazette.txt" in diag.message
    assert diag.message == (
        "the excerpt is not found in storm/archive/gazette.txt: the part “the mayor said on "
        "Friday” (1 of 2, split at `...`) is missing; closest passage, line 3, 96% similar: "
        "“The mayor said on Friday”")
    assert diag.hint.startswith("the archive has “The” where the excerpt has “the” (letter case")


def test_verify_sheet_api(sheet: Path) -> None:
    """The build's entry point returns statuses by (source, text) and each copy's hash."""
    facts = load_facts(sheet)
    report = check_sheet(sheet, facts, cache_dir=None)
    verification, diags = report.verification, report.diagnostics
    assert verification.status("herald", "Coast storm leaves 12 dead") == "verified"
    assert verification.status("gazette", "it's the worst storm in living memory") == "verified"
    assert verification.status(
        "gazette", "the mayor said on Friday ... the international aid effort had begun"
    ) == "not-found"
    assert verification.status("gazette", None) == "unchecked"
    digest = hashlib.sha256(GAZETTE.encode()).hexdigest()
    assert verification.archives["gazette"] == digest
    assert [d.severity for d in diags] == ["error"]


def test_missing_archives_never_raise(tmp_path: Path) -> None:
    """Without archived copies every citation is "no-archive", with one warning per source."""
    folder = make_sheet(tmp_path, archive=False)
    report = check_sheet(folder, load_facts(folder), tmp_path / "nowhere",
                                       cache_dir=None)
    verification, diags = report.verification, report.diagnostics
    assert set(verification.results.values()) == {"no-archive"}
    assert verification.archives == {}
    assert [(d.severity, d.where) for d in diags] == [
        ("warning", "sources[0]"), ("warning", "sources[1]")]
    assert diags[0].message == ("no archived copy of `gazette`; 3 citations of it cannot be "
                                "checked")


def test_archive_dir_option(tmp_path: Path) -> None:
    """--archive-dir DIR looks for DIR/<id>.ext, or DIR/<slug>/<id>.ext."""
    folder = make_sheet(tmp_path, archive=False)
    store = tmp_path / "store" / "storm"
    store.mkdir(parents=True)
    (store / "gazette.txt").write_text(GAZETTE, encoding="utf-8")
    (tmp_path / "store" / "herald.html").write_text(HERALD, encoding="utf-8")
    verification = check_sheet(folder, load_facts(folder), tmp_path / "store",
                                   cache_dir=None).verification
    assert set(verification.archives) == {"gazette", "herald"}


def test_unreadable_archive_is_an_error(tmp_path: Path) -> None:
    """A copy that is not UTF-8 is reported, not guessed at."""
    folder = make_sheet(tmp_path)
    (folder / "archive" / "gazette.txt").write_bytes(b"caf\xe9\n")
    diags = check_sheet(folder, load_facts(folder), cache_dir=None).diagnostics
    assert any("not UTF-8 (byte 0xe9 on line 1)" in d.message and d.severity == "error"
               for d in diags)


# --- The command line -------------------------------------------------------------------


def test_check_cli_snapshot(sheet: Path, cli: Cli, snapshot: SnapshotAssertion) -> None:
    """The check command's output: verified lines, errors in place, and a count."""
    run = cli("check", "storm")
    assert run.status == 1
    assert run.out == snapshot


def test_check_cli_all_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                cli: Cli) -> None:
    """With every excerpt right the check passes."""
    monkeypatch.chdir(tmp_path)
    make_sheet(tmp_path, events=EVENTS.replace("the mayor said", "The mayor said"))
    run = cli("check", "storm")
    assert run.status == 0, run.out
    assert run.lines[-1] == ("storm: 6 of 6 citations verified, 0 not found, 0 without an "
                             "archived copy; 5 of 5 excerpts and 2 of 2 quote texts verified "
                             "against saved articles (2 archived copies, 2 sources, "
                             "2 independent reports)")
    assert run.lines[0] == ("storm/events.yaml:7:15: verified: events[0].cite[0].says: "
                            "found in storm/archive/gazette.txt:3")


def test_check_cli_json(sheet: Path, cli: Cli) -> None:
    """--format json carries every citation with its status and archive line."""
    run = cli("check", "--format", "json", "storm")
    data = json.loads(run.out)
    (entry,) = data["sheets"]
    assert entry["counts"] == {"verified": 5, "not-found": 1, "no-archive": 0}
    first = entry["citations"][0]
    assert (first["path"], first["line"], first["column"], first["where"]) == (
        "storm/figures.yaml", 10, 15, "figures[0].cite[0].says")
    assert (first["status"], first["archive"], first["archive_line"]) == (
        "verified", "storm/archive/gazette.txt", 7)
    miss = next(c for c in entry["citations"] if c["status"] == "not-found")
    assert miss["closest_line"] == 3 and miss["similarity"] == 95.8


def test_check_cli_invalid_sheet(sheet: Path, cli: Cli) -> None:
    """An invalid sheet gets its validation errors and exit 1, and nothing is searched."""
    (sheet / "figures.yaml").write_text(FIGURES.replace("value: 12", "value: -12"))
    run = cli("check", "storm")
    assert run.status == 1
    assert "figures.yaml:5:12: error[FS207]: figures[0].value" in run.out
    assert run.lines[-1].startswith("storm: invalid: 1 error")


def test_strict_fails_without_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      cli: Cli) -> None:
    """Missing copies are warnings, and errors under --strict."""
    monkeypatch.chdir(tmp_path)
    make_sheet(tmp_path, archive=False)
    assert cli("check", "storm").status == 0
    run = cli("check", "--strict", "storm")
    assert run.status == 1
    assert ("storm/sources.yaml:3:9: error[FS400]: sources[0]: no archived copy of `gazette`"
            in run.out)


def test_missing_archive_dir_is_a_usage_error(sheet: Path, cli: Cli) -> None:
    """A mistyped --archive-dir is a usage error, not a sheet full of unchecked citations."""
    run = cli("check", "--archive-dir", "nowhere", "storm")
    assert run.status == 2
    assert "nowhere: no such folder" in run.err


# --- archive-hash -----------------------------------------------------------------------


def test_archive_hash_edits_yaml_in_place(sheet: Path, cli: Cli) -> None:
    """archive_sha256 lines are inserted into each source, comments and layout untouched."""
    run = cli("archive-hash", "storm")
    assert run.status == 0, run.out
    g = hashlib.sha256(GAZETTE.encode()).hexdigest()
    h = hashlib.sha256(HERALD.encode()).hexdigest()
    assert (sheet / "sources.yaml").read_text() == SOURCES.replace(
        "    published: 2022-01-07   # the print edition\n",
        f"    published: 2022-01-07   # the print edition\n    archive_sha256: {g}\n",
    ).replace(
        "    title: Coast storm leaves 12 dead\n    published: 2022-01-07\n",
        f"    title: Coast storm leaves 12 dead\n    published: 2022-01-07\n"
        f"    archive_sha256: {h}\n",
    )
    assert run.lines[-1] == "storm: 2 recorded, 0 updated, 0 unchanged, 0 without an " \
                            "archived copy"
    again = cli("archive-hash", "storm")
    assert again.lines[-1] == "storm: 0 recorded, 0 updated, 2 unchanged, 0 without an " \
                              "archived copy"
    assert cli("check", "--strict", "storm").status == 1  # the event excerpt still misses


def test_changed_archive_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     cli: Cli) -> None:
    """After a copy changes, check warns (fails with --strict) until the hash is re-recorded."""
    monkeypatch.chdir(tmp_path)
    folder = make_sheet(tmp_path, events=EVENTS.replace("the mayor said", "The mayor said"))
    assert cli("archive-hash", "storm").status == 0
    assert cli("check", "--strict", "storm").status == 0
    copy = folder / "archive" / "gazette.txt"
    copy.write_text(GAZETTE.replace("night", "night."), encoding="utf-8")
    run = cli("check", "storm")
    assert run.status == 0
    changed = [line for line in run.lines if "has changed" in line]
    assert len(changed) == 1
    assert changed[0].startswith("storm/sources.yaml:7:21: warning[FS407]: "
                                 "sources[0].archive_sha256: the archived copy "
                                 "storm/archive/gazette.txt has changed")
    assert cli("check", "--strict", "storm").status == 1
    updated = cli("archive-hash", "storm")
    assert updated.lines[-1].startswith("storm: 0 recorded, 1 updated, 1 unchanged")
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    assert f"    archive_sha256: {digest}\n" in (folder / "sources.yaml").read_text()
    assert cli("check", "--strict", "storm").status == 0


def test_archive_hash_replaces_a_quoted_value(tmp_path: Path) -> None:
    """An existing (here quoted, commented) value is replaced on its own line."""
    old = "0" * 64
    sources = SOURCES.replace("    published: 2022-01-07   # the print edition\n",
                              "    published: 2022-01-07   # the print edition\n"
                              f"    archive_sha256: \"{old}\"  # recorded by hand\n")
    folder = make_sheet(tmp_path, sources=sources)
    records, diags = record_hashes(folder)
    assert diags == []
    assert [r.action for r in records] == ["updated", "recorded"]
    text = (folder / "sources.yaml").read_text()
    digest = hashlib.sha256(GAZETTE.encode()).hexdigest()
    assert f"    archive_sha256: {digest}  # recorded by hand\n" in text
    assert old not in text


def test_archive_hash_keeps_crlf_and_bom(tmp_path: Path) -> None:
    """Windows line ends and a byte-order mark survive the edit."""
    folder = make_sheet(tmp_path)
    path = folder / "sources.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SOURCES.replace("\n", "\r\n").encode())
    records, diags = record_hashes(folder)
    assert diags == [] and [r.action for r in records] == ["recorded", "recorded"]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    digest = hashlib.sha256(GAZETTE.encode()).hexdigest()
    assert f"# the print edition\r\n    archive_sha256: {digest}\r\n".encode() in raw
    assert load_facts(folder).sources[0].archive_sha256 == digest


def test_archive_hash_without_archive(tmp_path: Path) -> None:
    """Sources without a copy are reported and the file is left alone."""
    folder = make_sheet(tmp_path, archive=False)
    records, diags = record_hashes(folder)
    assert [r.action for r in records] == ["no-archive", "no-archive"]
    assert diags == []
    assert (folder / "sources.yaml").read_text() == SOURCES


# --- Syndication ------------------------------------------------------------------------


def generated(seed: int, words: int) -> str:
    """Sentences of pseudo-random words, the same for the same seed."""
    rng = random.Random(seed)
    vocab = [f"w{n}" for n in range(400)]
    out = []
    for _ in range(words // 10):
        out.append(" ".join(rng.choice(vocab) for _ in range(10)).capitalize() + ".")
    return " ".join(out)


def sources(*agencies: str | None) -> list[Source]:
    """Sources a, b, ... with the given agencies."""
    return [Source.model_validate({"id": chr(97 + i), "publisher": chr(65 + i), "title": "T",
                                   "published": "2022-01-07",
                                   **({"agency": agency} if agency else {})})
            for i, agency in enumerate(agencies)]


def archives(tmp_path: Path, texts: list[str]) -> dict[str, check.Archive]:
    """Write texts as archived copies a.txt, b.txt, ... and read them back."""
    out = {}
    for i, text in enumerate(texts):
        path = tmp_path / f"{chr(97 + i)}.txt"
        path.write_text(text, encoding="utf-8")
        out[chr(97 + i)] = check.read_archive(chr(97 + i), path)
    return out


def test_syndicated_copies_are_flagged(tmp_path: Path) -> None:
    """Two outlets' copies of one wire story, lightly edited, look like one story."""
    wire = generated(1, 200)
    first = generated(2, 100) + "\n\n" + wire
    # The second outlet rewrites the intro and changes every 15th word of the wire copy.
    words = wire.split(" ")
    edited = " ".join("changed" if i % 15 == 7 else w for i, w in enumerate(words))
    second = generated(3, 60) + "\n\n" + edited
    copies = archives(tmp_path, [first, second, generated(4, 300)])
    (pair,) = lookalikes(sources(None, None, None), copies)
    assert (pair.a, pair.b) == ("a", "b")
    assert 0.3 < pair.share < 0.9 and pair.passages > 5
    assert lookalikes(sources("Reuters", " reuters ", None), copies) == []
    assert len(lookalikes(sources("Reuters", "AP", None), copies)) == 1


def test_shared_quotes_are_not_syndication(tmp_path: Path) -> None:
    """Independent reports quoting the same long statement are not flagged."""
    statement = generated(5, 60)
    first = generated(6, 200) + f" The minister said: “{statement}” " + generated(7, 100)
    second = generated(8, 150) + f" “{statement}”, the minister said. " + generated(9, 100)
    assert lookalikes(sources(None, None), archives(tmp_path, [first, second])) == []


def test_lookalike_warning_in_check(tmp_path: Path) -> None:
    """check warns at the second source and the verification carries the pair."""
    folder = make_sheet(tmp_path)
    (folder / "archive" / "herald.html").unlink()
    (folder / "archive" / "herald.txt").write_text(GAZETTE.replace("Storm", "Gale"), "utf-8")
    report = check_sheet(folder, load_facts(folder), cache_dir=None)
    (pair,) = report.verification.lookalikes
    assert pair[:2] == ("gazette", "herald") and pair[2] > 0.5
    warning = [d for d in report.diagnostics if "look like copies" in d.message]
    assert [(d.line, d.severity, d.where) for d in warning] == [(7, "warning", "sources[1]")]


def test_a_copy_too_long_to_compare_is_said_not_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The attack: two copies of one story, each over the comparison limit. No lookalike
    can be found, so the check warns (FS415) at each, and the sheet's header says so."""
    monkeypatch.setattr(import_module("factsheet.check.syndication"), "COMPARE_LIMIT", 200)
    monkeypatch.setattr(import_module("factsheet.check.sheet"), "COMPARE_LIMIT", 200)
    folder = make_sheet(tmp_path)
    (folder / "archive" / "herald.html").unlink()
    (folder / "archive" / "herald.txt").write_text(GAZETTE.replace("Storm", "Gale"), "utf-8")
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert report.verification.lookalikes == []
    assert report.verification.uncompared == ["gazette", "herald"]
    said = [d for d in report.diagnostics if d.code == "FS415"]
    assert [(d.line, d.severity, d.where) for d in said] == [
        (3, "warning", "sources[0]"), (7, "warning", "sources[1]")]
    assert "archive/gazette.txt is 0.0 MB, more than the 0 MB that are compared" in said[0].message
    notices = header.notices(facts, report.verification, load_labels((BRIEFING,), "en"))
    assert ("Not compared for shared wording: the saved copies of The Gazette, The Herald are "
            "too long, so whether they repeat another source's wire story is unchecked."
            ) in notices


# --- The cache --------------------------------------------------------------------------


def test_cache_hit_skips_the_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second check with unchanged copies and excerpts does not search again."""
    folder = make_sheet(tmp_path)
    facts = load_facts(folder)
    cache = tmp_path / "cache"
    first = check_sheet(folder, facts, cache_dir=cache)
    assert first.cache_hits == 0

    def fail(*_: object) -> Outcome:
        raise AssertionError("searched despite the cache")

    monkeypatch.setattr(check, "search", fail)
    second = check_sheet(folder, facts, cache_dir=cache)
    assert second.cache_hits == len(second.checks) == 6
    assert second.verification == first.verification
    assert second.diagnostics == first.diagnostics
    assert [d.render() for d in second.diagnostics] == [d.render() for d in first.diagnostics]


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    """Unreadable or ill-typed cache entries are searched again and rewritten."""
    folder = make_sheet(tmp_path)
    facts = load_facts(folder)
    cache = tmp_path / "cache"
    first = check_sheet(folder, facts, cache_dir=cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 6
    entries[0].write_text("{not json")
    entries[1].write_text(json.dumps({"status": "verified", "line": "seven"}))
    entries[2].write_text(json.dumps({"status": "maybe"}))
    second = check_sheet(folder, facts, cache_dir=cache)
    assert second.cache_hits == 3
    assert second.verification == first.verification
    assert check_sheet(folder, facts, cache_dir=cache).cache_hits == 6


def test_changed_copy_misses_the_cache(tmp_path: Path) -> None:
    """The cache is keyed by the copy's content, so an edited copy is searched again."""
    folder = make_sheet(tmp_path)
    facts = load_facts(folder)
    cache = tmp_path / "cache"
    check_sheet(folder, facts, cache_dir=cache)
    (folder / "archive" / "gazette.txt").write_text(GAZETTE.replace("old town", "harbour"))
    report = check_sheet(folder, facts, cache_dir=cache)
    assert report.cache_hits == 3  # the Herald's three citations
    assert report.verification.status(
        "gazette", "At least 12 people were killed - most of them in the old town") == "not-found"


def test_check_cli_strict_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli,
                                   snapshot: SnapshotAssertion) -> None:
    """Under --strict a source without a copy and a changed copy are errors."""
    monkeypatch.chdir(tmp_path)
    folder = make_sheet(tmp_path, events=EVENTS.replace("the mayor said", "The mayor said"))
    assert cli("archive-hash", "storm").status == 0
    (folder / "archive" / "herald.html").unlink()
    (folder / "archive" / "gazette.txt").write_text(GAZETTE + "Corrections: none.\n")
    run = cli("check", "--strict", "storm")
    assert run.status == 1
    assert run.out == snapshot


def test_check_cli_github_annotations(sheet: Path, cli: Cli) -> None:
    """--format github turns each failed verification into an error annotation on its line."""
    run = cli("check", "--format", "github", "storm")
    assert run.status == 1
    assert run.lines[0].startswith(
        "::error file=storm/events.yaml,line=7,col=15,title=FS401::events[0].cite[0].says: "
        "the excerpt is not found in storm/archive/gazette.txt")
    assert "96%25 similar" in run.lines[0]  # `%` is escaped as workflow commands require


# --- the chunked normaliser against the one it replaced ---------------------------------

# The module, not the function of the same name that factsheet.check exports.
normalise_module = import_module("factsheet.check.normalise")

_ALPHABET = ("ab Ab1 -\n\n\r\n\t\u00ad\u2010\u2011\u2013\u2014“”’\u00a0\ufb01\u2026e\u0301"
             "\u0301.,\"'Жж\x1c\u2028_`\x00ÿ\U0001f600\u3000ｶ"
             "\U00011099\U000110ba\U0001d165")  # marks outside the BMP (Kaithi, music)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60), st.booleans(), st.integers(1, 5))
@example("11\u2028\u2010.1", False, 1)  # a cut between "-." and its digit hid the sign
def test_normalise_matches_the_reference(text: str, hyphenation: bool, per_line: int) -> None:
    """Same text, same line and paragraph for every character, same compounds: a character
    at a time (as excerpts are), by runs of plain characters, and cut into chunks."""
    lines = [1 + i // per_line for i in range(len(text))]  # lines that change mid-run too
    want_text, want_lines, want_paras, want_compounds = reference_normalise(
        text, lines, hyphenation=hyphenation)
    for chunk, short in ((1 << 20, 4096), (1 << 20, 0), (5, 0)):  # by character, by run
        with mock.patch.multiple(normalise_module, CHUNK=chunk, SHORT=short):
            got = normalise(text, lines, hyphenation=hyphenation)
        assert got.text == want_text
        assert [got.line_at(i) for i in range(len(got.text))] == want_lines
        assert [got.para_at(i) for i in range(len(got.text))] == want_paras
        assert got.compounds == want_compounds


@pytest.mark.slow
def test_a_long_copy_is_normalised_in_chunks_as_one() -> None:
    """Cut into chunks, a long copy gives the very text, lines and paragraphs of one pass."""
    text = "The ex-Soviet state\u2014“non-violent” protests.\n\nInter-\nnational aid. " * 3000
    plain, lines = plain_text(text)
    whole = reference_normalise(plain, [lines[i] for i in range(len(plain))])
    with mock.patch.object(normalise_module, "CHUNK", 4096):
        got = normalise(plain, lines)
    assert got.text == whole[0] and got.compounds == whole[3]
    assert [got.line_at(i) for i in range(0, len(got.text), 97)] == whole[1][::97]
    assert [got.para_at(i) for i in range(0, len(got.text), 89)] == whole[2][::89]


# --- long plain-text copies are streamed --------------------------------------------------

_archive_module = import_module("factsheet.check.archive")


def _small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream from 64 bytes on, in blocks of 7 bytes, cut every 50 characters."""
    monkeypatch.setattr(_archive_module, "STREAM_BYTES", 64)
    monkeypatch.setattr(_archive_module, "BLOCK", 7)
    monkeypatch.setattr(normalise_module, "CHUNK", 50)


def test_a_streamed_copy_is_normalised_as_if_whole(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """BOM, CRLF and multibyte characters split across blocks; the same text, lines,
    paragraphs, compounds, hash and size as the copy read whole."""
    text = ("\ufeffThe ex-Soviet state\u2014“non-violent”\r\nprotests. Caf\u00e9 \u0416\u0436.\r\n"
            "\r\nInter-\r\nnational aid e\u0301t\u00e9.  " * 40)
    path = tmp_path / "wire.txt"
    path.write_bytes(text.encode("utf-8"))
    whole = normalise(*plain_text(text.removeprefix("\ufeff")))
    _small_blocks(monkeypatch)
    copy = check.read_archive("wire", path)
    assert copy.source is None  # streamed: its text is not held
    assert (copy.size, copy.sha256) == (path.stat().st_size,
                                        hashlib.sha256(path.read_bytes()).hexdigest())
    got = copy.normal
    assert got.text == whole.text and got.compounds == whole.compounds
    assert [got.line_at(i) for i in range(len(got.text))] == [
        whole.line_at(i) for i in range(len(whole.text))]
    assert [got.para_at(i) for i in range(len(got.text))] == [
        whole.para_at(i) for i in range(len(whole.text))]


def test_a_streamed_copy_that_is_not_utf8_names_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bad byte is found while the copy is hashed, with its line, as for a whole read."""
    path = tmp_path / "wire.txt"
    path.write_bytes(b"first line of the copy\n" * 5 + b"caf\xe9 au lait\n" + b"more\n" * 20)
    _small_blocks(monkeypatch)
    bom = tmp_path / "bom.txt"  # a byte-order mark must not shift the place named
    bom.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    for copy in (path, bom):
        for block in range(1, 10):  # the bad byte at every place in a block, and its edges
            monkeypatch.setattr(_archive_module, "BLOCK", block)
            with pytest.raises(ArchiveError) as caught:
                check.read_archive("wire", copy)
            assert caught.value.message == ("the archived copy is not UTF-8 (byte 0xe9 on "
                                            "line 6)")
            assert caught.value.line == 6
    monkeypatch.setattr(_archive_module, "STREAM_BYTES", 1 << 30)  # and read whole
    with pytest.raises(ArchiveError) as caught:
        check.read_archive("wire", bom)
    assert caught.value.message == "the archived copy is not UTF-8 (byte 0xe9 on line 6)"


def test_a_copy_changed_between_its_hash_and_its_search_is_not_trusted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The attack: the bytes hashed (and recorded by the build) are not the bytes searched.
    The second read hashes again; a difference is an error and the copy counts for nothing."""
    _small_blocks(monkeypatch)
    folder = make_sheet(tmp_path)
    copy = folder / "archive" / "gazette.txt"
    real = check.read_archive
    tampered = GAZETTE.replace("Storm", "Gale") + "\n" * 20

    def read_then_change(source_id: str, path: Path) -> check.Archive:
        archive = real(source_id, path)
        if source_id == "gazette":
            copy.write_text(tampered, encoding="utf-8")
        return archive

    sheet_module = import_module("factsheet.check.sheet")
    monkeypatch.setattr(sheet_module, "read_archive", read_then_change)

    class FirstFromCache(sheet_module.Cache):  # type: ignore[misc,name-defined]
        """The first excerpt (the gazette's) comes verified from the cache; none after."""

        served = False

        def get(self, key: str) -> Outcome | None:
            if FirstFromCache.served:
                return None
            FirstFromCache.served = True
            return Outcome("verified", line=7, end_line=7)

    monkeypatch.setattr(sheet_module, "Cache", FirstFromCache)
    report = check_sheet(folder, load_facts(folder), cache_dir=None)
    said = [d for d in report.diagnostics if d.code == "FS409"]
    assert [(d.severity, d.where) for d in said] == [("error", "sources[0]")]
    assert "changed while it was being checked" in said[0].message
    assert "gazette" not in report.verification.archives
    gazette = [c for c in report.checks if c.citation.source_id == "gazette"]
    assert len(gazette) == 3 and {c.status for c in gazette} == {"no-archive"}
    assert {v for (sid, _), v in report.verification.results.items() if sid == "gazette"} == {
        "no-archive"}  # the cached ✓ too: the copy it came from is not trusted
