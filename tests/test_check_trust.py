"""Attacks on the check: each fixture under fixtures/trust/<rule>/ fails with its verdict."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import load_facts
from helpers import TRUST
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.check import Cache, check_sheet, record_hashes, search
from factsheet.check.cache import KEY_FILE
from factsheet.check.extract import html_text, markdown_text, plain_text
from factsheet.check.normalise import normalise
from factsheet.model import Facts
from factsheet.render.sheet import render_html, resolve_template
from factsheet.rules import rule
from factsheet.view import build_view

if TYPE_CHECKING:
    from conftest import Run

Cli = Callable[..., "Run"]
PAGE = TRUST / "not-found" / "html-page"
CASES = sorted(f"{p.parent.parent.name}/{p.parent.name}" for p in TRUST.glob("*/*/sheet.yaml"))


def test_the_corpus_holds_every_attack() -> None:
    """The issue's attacks are all here, each in the folder of the rule that refuses it."""
    assert {"ellipsis-drops-negation/russians-not-involved",
            "ellipsis-drops-negation/nazarbayev-not-seen",
            "ellipsis-too-far/shoot-to-kill-protesters", "number-cut/more-than-3-arrests",
            "number-cut/around-2", "quote-text-unverified/shoot-on-sight",
            "not-found/html-page", "not-found/html-link-blocks",
            "not-found/hidden-and-raised"} <= set(CASES)
    # One page holds the HTML attacks, one event each, named after the attack.
    events = {e.id for e in load_facts(PAGE).events}
    assert {"html-ticker", "html-related-links", "html-del", "html-display-none",
            "html-hidden", "html-aria-hidden", "compound-violent",
            "compound-soviet"} <= events


@pytest.mark.parametrize("case", CASES)
def test_trust_fixture(case: str, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each attack fails with its rule's located error, exactly as its verdict.txt says."""
    monkeypatch.chdir(TRUST)
    run = cli("check", "--strict", "--no-cache", case)
    verdict = (TRUST / case / "verdict.txt").read_text(encoding="utf-8").splitlines()
    assert run.err == ""
    assert run.lines[:-1] == verdict
    if case.startswith("verified/"):  # a control: genuine wording still verifies
        assert run.status == 0
        assert all(": verified: " in line for line in verdict)
        return
    assert run.status == 1
    code = rule(case.split("/")[0]).code
    errors = [line for line in verdict if ": error[" in line]
    assert errors and f": error[{code}]: " in errors[0]
    # A missing archive folder also leaves each cited source without a copy.
    also = {rule("no-archive").code} if code == rule("archive-folder-missing").code else set()
    assert set(re.findall(r": error\[(FS\d+)\]: ", "\n".join(errors))) <= {code} | also
    assert all(line.startswith(f"{case}/sheet.yaml:") for line in errors)


@pytest.mark.parametrize("case", [c for c in CASES if not c.startswith(
    ("verified/", "quote-text-unverified/", "archive-folder-missing/",
     "translation-numbers-differ/"))])
def test_attacked_citation_is_never_verified(case: str) -> None:
    """Every attacked excerpt is not-found, in the report and in the Verification."""
    folder = TRUST / case
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    controls = {e.cite[0].says for e in facts.events if e.id.startswith("control-")}
    statuses = {c.citation.text: c.status for c in report.checks}
    # A found excerpt whose figure's qualifier differs is no better than one not found.
    refused = "qualifier-differs" if case.startswith("qualifier-differs/") else "not-found"
    assert {t: s for t, s in statuses.items() if t not in controls} == dict.fromkeys(
        set(statuses) - controls, refused)
    assert {statuses[t] for t in controls} <= {"verified"}
    assert report.verification.counts["excerpts_verified"] == len(controls)


def test_rewritten_quote_is_not_marked_verified() -> None:
    """A quote shown in other words than its cite's genuine `says` gets no ✓."""
    folder = TRUST / "quote-text-unverified" / "shoot-on-sight"
    facts = load_facts(folder)
    verification = check_sheet(folder, facts, cache_dir=None).verification
    assert verification.results == {
        ("wire", "I have given the order to shoot to kill without warning"): "verified"}
    assert verification.texts == {"tokayev-order": "not-found"}
    quote = build_view(facts, verification).quotes[0]
    assert [c.status for c in quote.cites] == ["not-found"]


def test_translated_quote_rests_on_its_says() -> None:
    """With `translated: true` the text need not be archived; the sheet says it is translated."""
    folder = TRUST / "quote-text-unverified" / "shoot-on-sight"
    facts = load_facts(folder)
    quote = facts.quotes[0].model_copy(update={"translated": True})
    facts = facts.model_copy(update={"quotes": [quote]})
    report = check_sheet(folder, facts, cache_dir=None)
    assert report.diagnostics == []
    assert report.verification.texts == {"tokayev-order": "translated"}
    view = build_view(facts, report.verification).quotes[0]
    assert [c.status for c in view.cites] == ["verified"]
    assert view.translation_note == (
        "Translated; the words above are a translation, not the original.")


def _page_copy(tmp_path: Path) -> tuple[Path, Facts, dict[str, str]]:
    """A copy of the attack page's sheet, its facts, and each excerpt's verdict."""
    folder = tmp_path / "page"
    shutil.copytree(PAGE, folder)
    facts = load_facts(folder)
    verdicts = {c.citation.text: c.status
                for c in check_sheet(folder, facts, cache_dir=None).checks}
    return folder, facts, verdicts


def test_cache_entry_rewritten_by_hand_does_not_flip(tmp_path: Path) -> None:
    """Entries edited from not-found to verified (re-hashed or not) are searched again."""
    folder, facts, verdicts = _page_copy(tmp_path)
    cache = tmp_path / "cache"
    first = check_sheet(folder, facts, cache_dir=cache)
    assert {c.citation.text: c.status for c in first.checks} == verdicts
    key = tmp_path / KEY_FILE
    assert key.stat().st_mode & 0o777 == 0o600
    assert not any(p.name == KEY_FILE for p in cache.rglob("*"))  # kept outside the cache
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == len(verdicts)
    for forge in ("keep", "rehash"):
        for entry in entries:
            data = json.loads(entry.read_text(encoding="utf-8"))
            data["outcome"] = {"status": "verified", "line": 6, "end_line": 6}
            if forge == "rehash":
                data["mac"] = hashlib.sha256(json.dumps(data["outcome"]).encode()).hexdigest()
            entry.write_text(json.dumps(data), encoding="utf-8")
        again = check_sheet(folder, facts, cache_dir=cache)
        assert again.cache_hits == 0
        assert {c.citation.text: c.status for c in again.checks} == verdicts


def test_forged_entry_fixture_is_refused(tmp_path: Path) -> None:
    """The corpus's hand-written verified entry, put at the ticker's key, changes nothing."""
    folder, facts, _ = _page_copy(tmp_path)
    cache = tmp_path / "cache"
    report = check_sheet(folder, facts, cache_dir=cache)
    entry = next(cache.rglob(f"{Cache.key(report.archives['wire'], 'Tokayev flees the country')}"
                             ".json"))
    entry.write_bytes((TRUST / "not-found" / "cache-rewritten-entry" / "forged-entry.json")
                      .read_bytes())
    again = check_sheet(folder, facts, cache_dir=cache)
    ticker = next(c for c in again.checks if c.citation.text == "Tokayev flees the country")
    assert ticker.status == "not-found"
    assert [d.code for d in again.diagnostics if d.line == ticker.line] == [
        rule("not-found").code]


def test_genuine_entry_copied_to_another_key_is_refused(tmp_path: Path) -> None:
    """A signed verified entry moved to an attack's key does not verify the attack."""
    folder, facts, verdicts = _page_copy(tmp_path)
    cache = tmp_path / "cache"
    report = check_sheet(folder, facts, cache_dir=cache)
    archive = report.archives["wire"]
    good = next(t for t, s in verdicts.items() if s == "verified")
    genuine = next(cache.rglob(f"{Cache.key(archive, good)}.json")).read_bytes()
    for text in (t for t, s in verdicts.items() if s == "not-found"):
        next(cache.rglob(f"{Cache.key(archive, text)}.json")).write_bytes(genuine)
    again = check_sheet(folder, facts, cache_dir=cache)
    assert {c.citation.text: c.status for c in again.checks} == verdicts


def test_no_archive_anywhere_counts_nothing_checked(tmp_path: Path) -> None:
    """Without any archive folder the check still runs: everything no-archive, 0 checked."""
    folder = tmp_path / "bare"
    shutil.copytree(TRUST / "verified" / "ellipsis-same-paragraph", folder)
    shutil.rmtree(folder / "archive")
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert [c.status for c in report.checks] == ["no-archive"]
    assert report.verification.counts == {
        "excerpts": 1, "excerpts_checked": 0, "excerpts_verified": 0,
        "quote_texts": 0, "quote_texts_checked": 0, "quote_texts_verified": 0}
    assert [d.code for d in report.diagnostics] == [rule("no-archive").code]
    view = build_view(facts, report.verification)
    assert view.checked == "0 of 1 excerpt checked against saved articles"
    assert build_view(facts).checked == "0 of 1 excerpt checked against saved articles"
    verified = check_sheet(TRUST / "verified" / "ellipsis-same-paragraph", facts,
                           cache_dir=None)
    assert build_view(facts, verified.verification).checked == (
        "1 of 1 excerpt checked against saved articles")


@pytest.mark.parametrize("excerpt", ["Soviet", "violent", "non", "ex"])
def test_no_word_match_inside_a_compound(excerpt: str) -> None:
    """A word is not found inside a hyphenated compound, at either end."""
    archive = normalise("The ex-Soviet state saw non-violent protests.")
    assert search(archive, excerpt).status == "not-found"
    assert search(archive, "ex-Soviet state").status == "verified"
    assert search(archive, "non-violent protests").status == "verified"


def test_spaced_dash_is_not_a_compound() -> None:
    """A dash between words as punctuation still lets either side match on its own."""
    archive = normalise("Protests spread - 164 people died.")
    assert search(archive, "164 people died").status == "verified"
    assert search(archive, "Protests spread").status == "verified"


@pytest.mark.parametrize("archive, excerpt", [
    ("more than 3,700 arrests", "more than 3"),
    ("more than 3.700 arrests", "more than 3"),
    ("around 2,500 troops", "around 2"),
    ("1 700 people", "700 people"),
    ("3,700 arrests", "700 arrests"),
    ("a rate of 2.5 percent", "a rate of 2"),
])
def test_numbers_match_whole(archive: str, excerpt: str) -> None:
    """A number in an excerpt is never the cut start or end of a longer one."""
    outcome = search(normalise(archive), excerpt)
    assert outcome.status == "not-found"
    assert outcome.rule == "number-cut"


def test_negation_elsewhere_is_fine() -> None:
    """A negation the excerpt keeps, or one outside the left-out words, is no problem."""
    text = "They did not leave. The troops stayed in the city for a week."
    assert search(normalise(text), "They did not leave ... for a week").status == "verified"


def test_second_occurrence_without_negation_verifies() -> None:
    """When one place drops a negation and another does not, the honest place is found."""
    text = "troops were not sent to Almaty.\n\nLater, troops were quickly sent to Almaty."
    outcome = search(normalise(*plain_text(text)), "troops were ... sent to Almaty")
    assert outcome.status == "verified"
    assert outcome.line == 3


def test_html_extraction_keeps_lines_and_article() -> None:
    """Only the article's blocks are kept, each mapped to its own source line."""
    page = (PAGE / "archive" / "wire.html").read_text("utf-8")
    text, lines = html_text(page)
    norm = normalise(text, lines)
    assert "Thousands protest in Almaty" in norm.text  # the headline survives
    for gone in ("Tokayev flees", "Government admits", "dozens of", "resigned", "Secret",
                 "opened fire", "Curfew", "all lies", "Home World", "Copyright"):
        assert gone not in norm.text
    assert norm.line_at(norm.text.index("Police said 164")) == 17


def test_sheet_shows_the_ellipsis_of_an_excerpt() -> None:
    """A `says` that differs from the quote only by its `...` is shown, `...` and all."""
    folder = TRUST / "quote-text-unverified" / "ellipsis-hidden-in-text"
    facts = load_facts(folder)
    quote = build_view(facts, check_sheet(folder, facts, cache_dir=None).verification).quotes[0]
    assert [v.wording for v in quote.variants] == ["The troops will ... leave within days"]
    assert [c.status for c in quote.cites] == ["not-found"]  # the text itself is not archived


def test_markdown_list_items_are_paragraphs() -> None:
    """An ellipsis cannot join two Markdown list items, as it cannot join two <li>."""
    text, lines = markdown_text("- Troops were sent in.\n- The airport was closed.\n")
    outcome = search(normalise(text, lines), "Troops were sent ... airport was closed")
    assert outcome.rule == "ellipsis-too-far"


def test_question_mark_is_not_end_punctuation() -> None:
    """A quote that turns the source's statement into a question is checked in its own right."""
    folder = TRUST / "quote-text-unverified" / "shoot-on-sight"
    facts = load_facts(folder)
    says = facts.quotes[0].cite[0].says or ""
    quote = facts.quotes[0].model_copy(update={"text": says + "?"})
    facts = facts.model_copy(update={"quotes": [quote]})
    report = check_sheet(folder, facts, cache_dir=None)
    assert [d.code for d in report.diagnostics] == [rule("quote-text-unverified").code]
    plain = facts.model_copy(update={"quotes": [quote.model_copy(update={"text": says + "."})]})
    assert check_sheet(folder, plain, cache_dir=None).diagnostics == []


def test_declared_archive_folder_is_used_and_overridden(tmp_path: Path) -> None:
    """`sheet.archive` is where a plain check looks; --archive-dir still wins over it."""
    folder = TRUST / "verified" / "declared-archive"
    facts = load_facts(folder)
    assert [c.status for c in check_sheet(folder, facts, cache_dir=None).checks] == [
        "verified"]
    other = check_sheet(folder, facts, tmp_path, cache_dir=None)
    assert [c.status for c in other.checks] == ["no-archive"]
    typo = TRUST / "archive-folder-missing" / "typo"
    lenient = check_sheet(typo, load_facts(typo), cache_dir=None)
    assert [(d.code, d.severity) for d in lenient.diagnostics] == [
        (rule("archive-folder-missing").code, "warning"), (rule("no-archive").code, "warning")]


_WORDS = [f"w{n}" for n in range(40)]
_NEGATING = ["not", "never", "no", "didn't", "without", "nor", "neither", "не", "нет", "без"]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_no_ellipsis_hides_a_negation(data: st.DataObject) -> None:
    """Whatever the cut, an ellipsis over a negation never verifies; without one it does."""
    words = data.draw(st.lists(st.sampled_from(_WORDS), min_size=4, max_size=30, unique=True))
    k = data.draw(st.integers(1, len(words) - 1))
    negation = data.draw(st.sampled_from(_NEGATING))
    text = " ".join([*words[:k], negation, *words[k:]])
    i = data.draw(st.integers(1, k))
    j = data.draw(st.integers(k, len(words) - 1))
    excerpt = " ".join(words[:i]) + " ... " + " ".join(words[j:])
    outcome = search(normalise(text), excerpt)
    assert outcome.status == "not-found"
    assert outcome.rule == "ellipsis-drops-negation"
    honest = search(normalise(" ".join(words)), excerpt)
    assert honest.status == "verified"


@settings(max_examples=150, deadline=None)
@given(whole=st.integers(1000, 99_999_999), sep=st.sampled_from([",", ".", "'", " ", "\u00a0"]),
       side=st.booleans())
def test_no_excerpt_cuts_a_number(whole: int, sep: str, side: bool) -> None:
    """No head or tail of a grouped number matches as a number of its own."""
    printed = f"{whole:,}".replace(",", sep)
    head, _, tail = printed.partition(sep)
    archive = normalise(f"Officials counted {printed} arrests on Friday.")
    excerpt = f"Officials counted {head}" if side else f"{tail} arrests on Friday"
    assert search(archive, excerpt).status == "not-found"
    assert search(archive, f"Officials counted {printed} arrests").status == "verified"


def test_header_counts_quote_texts_beside_excerpts(tmp_path: Path) -> None:
    """A quote no saved copy was compared with keeps the header from reading complete."""
    folder = tmp_path / "quoted"
    shutil.copytree(TRUST / "verified" / "ellipsis-same-paragraph", folder)
    sheet = folder / "sheet.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("events:", (
        "  - id: office\n    publisher: The Office\n    title: Statement\n"
        "    published: 2022-01-08\n"
        "quotes:\n  - id: q\n    speaker: A Minister\n    text: We will leave soon.\n"
        "    cite: office\n"
        "events:")), encoding="utf-8")
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert [(c.status, c.citation.quote_text) for c in report.checks] == [
        ("no-archive", True), ("verified", False)]
    assert build_view(facts, report.verification).checked == (
        "1 of 1 excerpt checked against saved articles; 1 quote not checked")
    assert build_view(facts).checked == (
        "0 of 1 excerpt checked against saved articles; 1 quote not checked")


def test_header_counts_checked_quotes_when_no_excerpt_is_quoted(tmp_path: Path) -> None:
    """A sheet of quotes and no excerpts says how many quotes were checked, not "nothing"."""
    folder = tmp_path / "quotes-only"
    folder.mkdir()
    (folder / "archive").mkdir()
    (folder / "archive" / "wire.txt").write_text("The minister said: We will leave soon.\n")
    (folder / "sheet.yaml").write_text(
        "sheet:\n  title: T\n  as_of: 2022-01-10\n  lang: en\n"
        "sources:\n  - id: wire\n    publisher: The Wire\n    title: T\n"
        "    published: 2022-01-08\n"
        "quotes:\n  - id: q\n    speaker: A Minister\n    text: We will leave soon.\n"
        "    cite: wire\n", encoding="utf-8")
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert build_view(facts, report.verification).checked == (
        "1 of 1 quote checked against saved articles")
    assert build_view(facts).checked == "0 of 1 quote checked against saved articles"


@pytest.mark.parametrize("lang, verified, expected", [
    ("en", True, "1 of 1 excerpt checked against saved articles"),
    ("en", False, "0 of 1 excerpt checked against saved articles"),
    ("ru", True, "1 из 1 цитаты сверено с сохранёнными статьями"),
])
def test_sheet_header_counts_checked_excerpts(lang: str, verified: bool, expected: str) -> None:
    """The rendered sheet says how many excerpts were checked, in the sheet's language."""
    folder = TRUST / "verified" / "ellipsis-same-paragraph"
    facts = load_facts(folder)
    facts = facts.model_copy(update={"sheet": facts.sheet.model_copy(update={"lang": lang})})
    verification = check_sheet(folder, facts, cache_dir=None).verification if verified else None
    template = resolve_template(Path(__file__).parent.parent / "templates", "briefing")
    assert f'<span class="checked">{expected}</span>' in render_html(facts, template, verification)


def test_br_is_a_line_break_and_two_are_a_paragraph() -> None:
    """One <br> does not end a paragraph; <br><br>, like a blank line, does."""
    page = ("<html><body><article><h1>Almaty</h1><p>Officials said on Friday that the troops"
            "<br>would leave within days, and that talks would begin.<br><br>\n"
            "A second paragraph says the airport was closed for the whole week.</p>"
            "</article></body></html>")
    norm = normalise(*html_text(page))
    assert search(norm, "the troops ... would leave within days").status == "verified"
    assert search(norm, "talks would begin ... airport was closed").rule == "ellipsis-too-far"


@pytest.mark.parametrize("dash", ["\u2014", "\u2013", " - ", " \u2014 "])
def test_dash_between_words_is_not_a_compound(dash: str) -> None:
    """An em or en dash, even unspaced, is punctuation: the words on either side match."""
    archive = normalise(f"The mayor said{dash}on Friday{dash}that the storm had passed.")
    assert search(archive, "on Friday").status == "verified"
    assert search(archive, "The mayor said").status == "verified"


def test_archive_hash_reads_the_declared_archive_folder(tmp_path: Path) -> None:
    """`archive-hash` looks where `sheet.archive` says, as `check` does."""
    folder = tmp_path / "declared"
    shutil.copytree(TRUST / "verified" / "declared-archive", folder)
    records, diags = record_hashes(folder)
    assert diags == []
    assert [(r.source_id, r.action) for r in records] == [("wire", "recorded")]
    digest = hashlib.sha256((folder / "articles" / "wire.txt").read_bytes()).hexdigest()
    assert f"archive_sha256: {digest}" in (folder / "sheet.yaml").read_text("utf-8")
