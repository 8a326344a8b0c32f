"""Editions: publish, baselines (edition, git revision, JSON, our PDF), changes, retractions."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import html as html_lib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CLI, Run, load_facts
from helpers import EXAMPLE, ROOT, TOOLS, write_sheet
from syrupy.assertion import SnapshotAssertion

from factsheet.editions.diff import Change, diff, plain, value_text
from factsheet.editions.facts_json import facts_json
from factsheet.model import Facts, Figure
from factsheet.view.changes import _for_readers

EXAMPLE_EDITIONS = ROOT / "editions" / "kazakhstan-2022-01"
SLUG = "toll"


def base() -> dict[str, Any]:
    """A small sheet that builds cleanly under --strict: one source, each kind of fact."""
    return {
        "sheet": {"title": "Unrest", "as_of": dt.date(2022, 1, 9), "issued": dt.date(2022, 1, 9)},
        "sources": [{"id": "a", "publisher": "Agency A", "title": "Clashes",
                     "published": dt.date(2022, 1, 7)}],
        "figures": [
            {"id": "killed-10", "label": "Killed", "measure": "killed", "value": 10,
             "as_of": dt.date(2022, 1, 7), "claimed_by": "Ministry", "key": True,
             "cite": [{"source": "a", "says": "10 people were killed"}]},
            {"id": "arrests", "label": "Arrested", "measure": "arrested", "value": 300,
             "approx": "more_than", "claimed_by": "Police", "key": True, "cite": "a"},
        ],
        "quotes": [{"id": "calm", "speaker": "Mayor", "text": "Stay calm", "cite": "a"}],
        "events": [{"id": "protest", "date": dt.date(2022, 1, 7), "text": "Protests began.",
                    "cite": "a"}],
    }


def later() -> dict[str, Any]:
    """The next state: a new toll from a second source, and the first one withdrawn."""
    data = base()
    data["sources"].append({"id": "b", "publisher": "Paper B", "title": "Toll rises",
                            "published": dt.date(2022, 1, 8)})
    data["figures"][0]["retracted"] = {"date": dt.date(2022, 1, 8),
                                       "reason": "The ministry called it a typing error.",
                                       "cite": "b"}
    data["figures"].append({"id": "killed-25", "label": "Killed", "measure": "killed",
                            "value": 25, "as_of": dt.date(2022, 1, 8), "claimed_by": "Hospital",
                            "key": True, "cite": "b"})
    return data


def as_json(tmp_path: Path, data: dict[str, Any], name: str = SLUG) -> dict[str, Any]:
    """The facts JSON of a sheet state."""
    folder = write_sheet(tmp_path / name / name, data)
    out = json.loads(facts_json(load_facts(folder)))
    assert isinstance(out, dict)
    return out


def as_facts(tmp_path: Path, data: dict[str, Any], name: str = SLUG) -> Facts:
    """The facts of a sheet state, as the model the diff compares."""
    return load_facts(write_sheet(tmp_path / name / name, data))


@pytest.fixture
def sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A work folder holding facts/toll/ at its first state, as the current directory."""
    monkeypatch.chdir(tmp_path)
    return write_sheet(tmp_path / "facts" / SLUG, base())


def kinds(changes: list[Change]) -> list[tuple[str, str, str]]:
    """Each change as (kind, id, field)."""
    return [(c.kind, c.id, c.field) for c in changes]


# --- what counts as a change -----------------------------------------------------------

def test_every_change_kind(tmp_path: Path) -> None:
    """Group value, added and removed records, figure fields, excerpt, retraction, rename."""
    before = base()
    before["sources"].append({"id": "old", "publisher": "Old", "title": "Gone",
                              "published": dt.date(2022, 1, 7)})
    before["events"].append({"id": "march", "date": dt.date(2022, 1, 8), "text": "A march.",
                             "cite": "old"})
    after = later()
    killed, arrests = after["figures"][0], after["figures"][1]
    arrests.update(value=450, approx="about", claimed_by="Interior Ministry",
                   as_of=dt.date(2022, 1, 8))
    killed["cite"][0]["says"] = "ten people were killed, 10 in all"
    after["quotes"][0]["id"] = "stay-calm"
    after["quotes"][0]["replaces"] = "calm"
    after["quotes"].append({"id": "curfew", "speaker": "Mayor", "text": "Curfew at nine",
                            "cite": "b"})
    changes = diff(as_facts(tmp_path / "1", before), as_facts(tmp_path / "2", after))
    assert kinds(changes) == [
        ("group", "killed-25", "value"), ("group", "arrests", "value"),
        ("retracted", "killed-10", "retracted"),
        ("changed", "arrests", "value"), ("changed", "arrests", "approx"),
        ("changed", "arrests", "as_of"), ("changed", "arrests", "claimed_by"),
        ("excerpt", "killed-10", "cite.a"),
        ("added", "killed-25", "figure"), ("added", "curfew", "quote"),
        ("added", "b", "source"),
        ("removed", "march", "event"), ("removed", "old", "source"),
        ("renamed", "stay-calm", "id"),
    ]
    by = {(c.kind, c.id, c.field): c for c in changes}
    group = by["group", "killed-25", "value"]
    assert (group.before, group.after, group.cites) == (
        [{"id": "killed-10", "value": 10, "approx": "exact"}],
        [{"id": "killed-25", "value": 25, "approx": "exact"}], ("b",))
    gone = by["retracted", "killed-10", "retracted"]
    assert gone.as_json() == {"kind": "retracted", "id": "killed-10", "field": "retracted",
                              "before": {"id": "killed-10", "value": 10, "approx": "exact"},
                              "after": "The ministry called it a typing error.",
                              "cites": ["b"]}
    assert plain(group) == "group killed-25 (Killed): 10 → 25 [b]"
    assert plain(by["changed", "arrests", "approx"]) == (
        "changed arrests (Arrested) approx: more_than → about [a]")
    excerpt = by["excerpt", "killed-10", "cite.a"]
    assert (excerpt.before, excerpt.after) == ("10 people were killed",
                                               "ten people were killed, 10 in all")


def test_unchanged_sheet_has_no_changes(tmp_path: Path) -> None:
    """The same facts compare equal, whatever the build's verification says."""
    data = as_facts(tmp_path, base())
    assert diff(data, data.model_copy(deep=True)) == []


def test_retracted_figure_leaves_current_value_and_key_figures(tmp_path: Path) -> None:
    """A withdrawn figure is no group's current value, and alone it makes no key card."""
    from factsheet.reconcile import groups
    from factsheet.view import build_view

    facts = load_facts(write_sheet(tmp_path / SLUG, later()))
    [killed] = [g for g in groups(facts) if g.measure == "killed"]
    assert (killed.status, killed.current, sorted(killed.retracted)) == (
        "update", ("killed-25",), ["killed-10"])
    only = base()
    only["figures"][0]["retracted"] = {"date": dt.date(2022, 1, 8), "reason": "Wrong.",
                                       "cite": "a"}
    view = build_view(load_facts(write_sheet(tmp_path / "only", only)))
    assert [c.id for c in view.key_figures] == ["arrests"]
    assert [(c.what, c.on, c.reason) for c in view.corrections] == [
        ("Killed: 10 (Ministry)", "Withdrawn on January 8, 2022:", "Wrong.")]


def test_retraction_cite_must_name_a_source(tmp_path: Path) -> None:
    """A retraction's cite is checked like any other: an unknown source is FS301."""
    from factsheet.validate import validate_sheet

    data = base()
    data["figures"][0]["retracted"] = {"date": dt.date(2022, 1, 8), "reason": "Wrong.",
                                       "cite": "nope"}
    _, diags = validate_sheet(write_sheet(tmp_path / SLUG, data))
    assert [(d.code, d.where) for d in diags] == [("FS301", "figures[0].retracted.cite[0]")]


# --- publish ---------------------------------------------------------------------------

@pytest.mark.slow
def test_publish_records_numbered_editions_and_refuses_the_same_sheet_twice(
        sheet: Path, cli: CLI) -> None:
    """001.json holds the facts JSON, number, as_of, issued and the PDF's SHA-256."""
    run = cli("publish", "facts")
    assert run.status == 0, run.err
    assert run.lines == ["facts/toll: published edition 1 as editions/toll/001.json"]
    first = json.loads(Path("editions/toll/001.json").read_text(encoding="utf-8"))
    pdf = Path("build/toll.pdf").read_bytes()
    assert {k: first[k] for k in ("edition", "slug", "as_of", "issued", "pdf_sha256")} == {
        "edition": 1, "slug": SLUG, "as_of": "2022-01-09", "issued": "2022-01-09",
        "pdf_sha256": hashlib.sha256(pdf).hexdigest()}
    assert first["facts"] == json.loads(Path("build/toll.json").read_text(encoding="utf-8"))
    again = cli("publish", "facts")
    assert again.status == 1
    assert again.lines == ["facts/toll: `toll` is unchanged since edition 1 "
                           "(editions/toll/001.json); nothing to publish; change the facts "
                           "first: an edition records what changed"]
    # The refused run rebuilt the sheet: as edition 1 still, byte for byte.
    assert Path("build/toll.pdf").read_bytes() == pdf
    write_sheet(sheet, later())
    assert cli("publish", "facts").status == 0
    second = json.loads(Path("editions/toll/002.json").read_text(encoding="utf-8"))
    assert second["edition"] == 2 and second["facts"]["since"]["edition"] == 1


def test_publish_refuses_a_sheet_that_does_not_build_under_strict(sheet: Path, cli: CLI) -> None:
    """A warning is enough: nothing is recorded."""
    data = base()
    del data["figures"][1]["claimed_by"]  # FS311, a warning
    write_sheet(sheet, data)
    run = cli("publish", "facts")
    assert run.status == 1
    assert run.lines[-1] == ("facts/toll: `toll` does not build cleanly under --strict "
                             "(1 error); not published; fix the problems listed and publish "
                             "again")
    assert "error[FS311]" in run.out
    assert not Path("editions").exists()


# --- baselines -------------------------------------------------------------------------

def changes_of(run: Run) -> list[dict[str, Any]]:
    """The changes a `diff --format json` run reports for its one sheet."""
    assert run.status == 0, run.out + run.err
    [report] = json.loads(run.out)["sheets"]
    changes = report["changes"]
    assert isinstance(changes, list)
    return changes


EXPECTED = [("group", "killed-25"), ("retracted", "killed-10"), ("added", "killed-25"),
            ("added", "b")]


@pytest.mark.slow
def test_baseline_is_the_latest_edition(sheet: Path, cli: CLI) -> None:
    """By default, and with --since naming the edition file."""
    assert cli("publish", "facts").status == 0
    write_sheet(sheet, later())
    for args in ((), ("--since", "editions/toll/001.json")):
        run = cli("diff", "facts", "--format", "json", *args)
        assert [(c["kind"], c["id"]) for c in changes_of(run)] == EXPECTED
        [report] = json.loads(run.out)["sheets"]
        assert (report["edition"], report["since"]["edition"]) == (2, 1)


def test_baseline_at_a_git_revision(sheet: Path, cli: CLI) -> None:
    """--since REV reads the fact files with `git show`, with no checkout."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                       check=True, capture_output=True)

    git("init", "-q", ".")
    git("add", "facts")
    git("commit", "-q", "-m", "first")
    write_sheet(sheet, later())
    run = cli("diff", "facts", "--since", "HEAD", "--format", "json")
    assert [(c["kind"], c["id"]) for c in changes_of(run)] == EXPECTED
    assert json.loads(run.out)["sheets"][0]["since"] == {
        "source": "HEAD", "edition": None, "as_of": "2022-01-09"}
    assert "killed-25" in (sheet / "sheet.yaml").read_text(encoding="utf-8")  # no checkout
    bad = cli("diff", "facts", "--since", "no-such-rev")
    assert bad.status == 2 and "error[FS008]" not in bad.out
    assert "cannot read revision `no-such-rev`" in bad.err


def test_baseline_from_a_facts_json_and_from_our_pdf(sheet: Path, cli: CLI) -> None:
    """A build's facts JSON, and the PDF that carries it, are baselines without the repo."""
    assert cli("build", "facts", "--to", "json,pdf").status == 0
    shutil.copy("build/toll.json", "sent.json")
    shutil.copy("build/toll.pdf", "sent.pdf")
    write_sheet(sheet, later())
    for sent in ("sent.json", "sent.pdf"):
        run = cli("diff", "facts", "--since", sent, "--format", "json")
        assert [(c["kind"], c["id"]) for c in changes_of(run)] == EXPECTED, sent


def test_bad_baselines_are_refused_with_their_rule(sheet: Path, cli: CLI) -> None:
    """Missing, not JSON, another sheet's build: usage errors naming the file."""
    Path("notes.json").write_text("not json", encoding="utf-8")
    other = as_json(Path("other"), base(), name="other")
    Path("other.json").write_text(json.dumps(other), encoding="utf-8")
    Path("plain.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    for since, code, words in (
            ("missing.json", "FS601", "missing.json: cannot compare with it: no such file"),
            ("notes.json", "FS601", "notes.json: cannot compare with it: not JSON"),
            ("other.json", "FS605", "other.json is a build of the sheet `other`, not `toll`"),
            ("plain.pdf", "FS601", "plain.pdf: cannot compare with it:")):
        run = cli("diff", "facts", "--since", since)
        assert run.status == 2, since
        assert f"[{code}]" in run.err and words in run.err, run.err


# --- warnings against an earlier edition -----------------------------------------------

def test_deleting_a_fact_an_edition_showed_is_a_warning(sheet: Path, cli: CLI) -> None:
    """The issue's wording; under --strict the build fails and writes nothing."""
    assert cli("publish", "facts").status == 0
    data = base()
    del data["figures"][1]
    write_sheet(sheet, data)
    run = cli("build", "facts", "--to", "json")
    assert run.status == 0
    assert ("facts/toll/sheet.yaml:10:1: warning[FS600]: figures: `arrests` was in edition 1; "
            "mark it `retracted:` instead of deleting it, so readers see why it went; put the "
            "entry back with `retracted: {date: …, reason: …, cite: …}`, or give the entry that "
            "renames it `replaces: arrests`") in run.out
    strict = cli("build", "facts", "--to", "json", "--strict", "--out", "strict")
    assert strict.status == 1 and "error[FS600]" in strict.out
    assert not Path("strict/toll.json").exists()


def test_renaming_with_replaces_is_no_deletion(sheet: Path, cli: CLI) -> None:
    """`replaces: old` compares the entry as the renamed one; naming nothing is FS604."""
    assert cli("publish", "facts").status == 0
    data = base()
    data["figures"][1]["id"] = "arrested"
    data["figures"][1]["replaces"] = "arrests"
    data["events"][0]["replaces"] = "never-was"
    write_sheet(sheet, data)
    run = cli("diff", "facts")
    assert run.status == 0
    assert "FS600" not in run.out
    assert "renamed arrested: arrests → arrested" in run.out
    assert ("warning[FS604]: events[0].replaces: `replaces: never-was` names no event of "
            "edition 1") in run.out


# --- on the sheet ----------------------------------------------------------------------

def test_sheet_shows_edition_changes_and_corrections(sheet: Path, cli: CLI) -> None:
    """Header, "Changes since edition 1", <del>/<ins> with words, and the withdrawn trail."""
    assert cli("publish", "facts").status == 0
    write_sheet(sheet, later())
    assert cli("build", "facts", "--to", "json,html").status == 0
    html = Path("build/toll.html").read_text(encoding="utf-8")
    assert '<span class="edition">Edition 2</span> · <span class="asof-when">As of ' in html
    changes = html[html.index('<section id="changes"'):]
    changes = changes[:changes.index("</section>")]
    assert '<h2 id="h-changes">Changes since edition 1 (as of January 9, 2022)</h2>' in changes
    # The key figure's moved count is said on its card, not a third time in the list.
    assert "1 count that moved is marked on its card under Key figures." in changes
    assert '<p class="kf-was">Edition 1: <del>10</del></p>' in html
    assert ("Killed: withdrawn: <del><span class=\"sr-only\">before: </span>10</del> "
            "(The ministry called it a typing error.)") in changes
    assert "Added sources: <ins>" in changes
    assert "10 on January 7 (retracted)" in html  # the chart's trail (its title)
    assert '<a class="badge withdrawn" href="#corrections">withdrawn</a>' in html
    built = json.loads(Path("build/toll.json").read_text(encoding="utf-8"))
    assert built["edition"] == 2 and built["since"]["edition"] == 1
    assert [c["kind"] for c in built["changes"]] == ["group", "retracted", "added", "added"]


@pytest.mark.slow
def test_pdf_text_says_what_changed(sheet: Path, cli: CLI) -> None:
    """The PDF carries the changes section and the corrections, as text a reader can copy."""
    assert cli("publish", "facts").status == 0
    write_sheet(sheet, later())
    assert cli("build", "facts", "--to", "pdf").status == 0
    text = subprocess.run(["pdftotext", "-layout", "build/toll.pdf", "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Edition 2 · As of January 9, 2022 · Issued January 9, 2022" in text
    assert "Changes since edition 1 (as of January 9, 2022)" in text
    assert "Corrections and retractions" in text
    # The tagged PDF carries the words for screen readers with the struck and inserted values.
    tags = subprocess.run(["pdfinfo", "-struct-text", "build/toll.pdf"], check=True,
                          capture_output=True, text=True).stdout
    assert '"before: "' in tags and '"after: "' in tags


def test_diff_github_format_annotates_each_change(sheet: Path, cli: CLI) -> None:
    """One notice per change, at the entry in the fact file."""
    assert cli("publish", "facts").status == 0
    write_sheet(sheet, later())
    run = cli("diff", "facts", "--format", "github")
    assert run.lines[0] == ("::notice file=facts/toll/sheet.yaml,line=37,col=3,"
                            "title=group change::group killed-25 (Killed): 10 → 25 [b]")
    assert len(run.lines) == 5  # four changes and the summary


# --- the example -----------------------------------------------------------------------

def test_example_diff_since_edition_1(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """The death toll, the detentions and the retraction of the 164."""
    monkeypatch.chdir(ROOT)
    run = cli("diff", "facts/kazakhstan-2022-01", "--since",
              "editions/kazakhstan-2022-01/001.json")
    assert run.status == 0, run.out
    assert run.lines[:3] == [
        "facts/kazakhstan-2022-01/figures.yaml:254:5: group killed-225 (Killed (people in the "
        "unrest)): dozens → 225 [investing-2022-01-15]",
        "facts/kazakhstan-2022-01/figures.yaml:289:5: group detained-12000 (Arrested or "
        "detained (people)): more than 3,700 → more than 12,000 [euronews-2022-01-12]",
        "facts/kazakhstan-2022-01/sheet.yaml:36:7: changed summary-3 text: President "
        "Kassym-Jomart Tokayev said on Friday 7 January that he had ordered law enforcement "
        "and the army to shoot to kill without warning. → On 7 January President Tokayev said "
        "he had ordered law enforcement and the army to shoot to kill without warning. "
        "[national-2022-01-07, reuters-2022-01-07]",
    ]
    # Edition 1 never showed the 164: it came and went in edition 2, so against edition 1
    # it is a figure added already withdrawn, never a "before".
    assert ("facts/kazakhstan-2022-01/figures.yaml:208:5: added killed-164 (Killed (people in "
            "the unrest)): at least 164 (already withdrawn: Kazakhstan's Information Ministry "
            "called the figure aired on the Khabar-24 channel a technical error and said it had "
            "no total yet.) [rferl-2022-01-09, abc-2022-01-10]") in run.lines
    assert not any("164 →" in line or "164 withdrawn" in line for line in run.lines)
    assert run.lines[-1] == "facts/kazakhstan-2022-01: edition 3: 32 changes since edition 1"


@pytest.mark.slow
def test_example_editions_are_what_publish_records(
        tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Edition 3 rebuilds byte for byte, and publishing it records what the build made."""
    shutil.copytree(EXAMPLE, tmp_path / "facts" / EXAMPLE.name)
    shutil.copytree(EXAMPLE_EDITIONS, tmp_path / "editions" / EXAMPLE.name)
    monkeypatch.chdir(tmp_path)
    assert cli("build", "facts", "--out", "one").status == 0
    assert cli("build", "facts", "--out", "two").status == 0
    for suffix in ("json", "html", "pdf"):
        name = f"{EXAMPLE.name}.{suffix}"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert cli("publish", "facts").status == 0
    third = json.loads((tmp_path / "editions" / EXAMPLE.name / "003.json").read_text("utf-8"))
    pdf = (tmp_path / "one" / f"{EXAMPLE.name}.pdf").read_bytes()
    assert third["pdf_sha256"] == hashlib.sha256(pdf).hexdigest()
    assert third["facts"]["since"]["edition"] == 2
    assert cli("publish", "facts").status == 1  # the same sheet twice




@pytest.mark.needs_tools
def test_example_edition_3_page_passes_the_html_checkers(
        tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """The built page with its changes and corrections: W3C Nu, then axe (WCAG 2.1 AA)."""
    monkeypatch.chdir(ROOT)
    assert cli("build", "facts", "--to", "html", "--out", str(tmp_path), "--force").status == 0
    page = str(tmp_path / f"{EXAMPLE.name}.html")
    assert '<section id="changes"' in Path(page).read_text(encoding="utf-8")
    for command in ([str(TOOLS / "vnu.sh"), page],
                    ["node", str(TOOLS / "axe.mjs"), "--viewport", "1280x900", page]):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


FIXTURES = Path(__file__).parent / "fixtures" / "editions"


def test_a_fact_moved_and_renamed_is_still_a_deletion(
        tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """The attack fixture: a renamed id in another file, without `replaces`, is FS600."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "deleted-fact" / "before", "facts")
    assert cli("publish", "facts").status == 0
    shutil.rmtree("facts")
    shutil.copytree(FIXTURES / "deleted-fact" / "after", "facts")
    run = cli("build", "facts", "--strict", "--to", "json")
    assert run.status == 1
    assert ("facts/toll/figures.yaml:1:1: error[FS600]: figures: `arrests` was in edition 1; "
            "mark it `retracted:` instead of deleting it") in run.out


def test_changes_are_worded_for_the_sheet(tmp_path: Path) -> None:
    """A qualifier is shown with its count, an event by its date, in the sheet's words."""
    from factsheet.editions import History
    from factsheet.editions.baseline import from_json
    from factsheet.view import build_view

    before, after = base(), base()
    after["figures"][1]["approx"] = "about"
    after["events"][0]["text"] = "Protests began in the west."
    old = from_json(as_json(tmp_path / "1", before), "old.json", 1, "2022-01-09")
    facts = load_facts(write_sheet(tmp_path / "2" / SLUG, after))
    told = History(2, None, old, diff(old.model, facts, old.groups))
    view = build_view(facts, history=told)
    assert view.changes is not None
    assert [(c.what, c.before, c.after) for c in view.changes.items] == [
        ("Arrested, qualifier", "more than 300", "about 300"),
        ("January 7, 2022, wording", "Protests began.", "Protests began in the west.")]
    assert view.edition == "Edition 2"  # the header adds the as-of and issued dates
    # The group's current value moved: its card says what it was (the list would repeat it).
    [card] = [c for c in view.key_figures if c.label == "Arrested"]
    assert (card.was, card.was_when) == ("more than 300", "Edition 1")


def test_changes_in_russian(tmp_path: Path) -> None:
    """The edition line and the section heading come from labels.yaml in the sheet's language."""
    from factsheet.editions import History
    from factsheet.editions.baseline import from_json
    from factsheet.view import build_view

    data = later()
    data["sheet"]["lang"] = "ru"
    old = from_json(as_json(tmp_path / "1", base()), "old.json", 1, "2022-01-09")
    facts = load_facts(write_sheet(tmp_path / "2" / SLUG, data))
    told = History(2, "2022-01-09", old, diff(old.model, facts, old.groups))
    view = build_view(facts, history=told)
    year = "2022\u202fг."  # babel's narrow no-break space before the year's abbreviation
    assert view.edition == "Выпуск 2"
    assert view.changes is not None
    assert view.changes.heading == f"Изменения с выпуска 1 (по состоянию на 9 января {year})"
    assert view.corrections[0].on == f"Отозвано 8 января {year}:"


# --- the sheet says each change once ------------------------------------------------------

def _figure(ident: str, day: int) -> Figure:
    return Figure.model_construct(id=ident, label="Killed", measure="killed", who="people",
                                  unit=None, value=day * 10, as_of=dt.date(2024, 5, day))


def test_the_sheet_folds_a_group_s_new_figures_into_its_line() -> None:
    """The new current figure is the group line's "after"; an earlier one is on the way;
    one beside the current (another report of its day) and other groups keep their lines."""
    figures = {f.id: f for f in (_figure("k1", 1), _figure("k2", 2), _figure("k3", 3),
                                 _figure("k3b", 3))}
    figures["other"] = Figure.model_construct(id="other", label="Injured", measure="injured",
                                              who="people", unit=None, value=5,
                                              as_of=dt.date(2024, 5, 2))
    now = {"id": "k3", "value": 30, "approx": "exact"}
    found = [Change("group", "k3", "value", [{"id": "k1", "value": 10, "approx": "exact"}],
                    [now], ("c",), "Killed"),
             Change("retracted", "k1", "retracted", now, "wrong", ("r",), "Killed"),
             Change("changed", "k1", "claimed_by", "A", "B", ("a",), "Killed")]
    found += [Change("added", i, "figure", None, {"id": i}, (i,), "Killed")
              for i in ("k2", "k3", "k3b", "other")]
    kept = _for_readers(found, figures)
    assert [(c.kind, c.id) for c in kept] == [("group", "k3"), ("retracted", "k1"),
                                              ("added", "k3b"), ("added", "other")]
    assert kept[0].after == [[{"id": "k2"}], [now]] and kept[0].cites == ("k2", "c")


def test_the_example_s_changes_say_each_change_once(
        tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Edition 3 against 2 on the sheet: 9,900 on the way to 12,000; no repeated lines."""
    monkeypatch.chdir(ROOT)
    assert cli("build", "facts", "--to", "html", "--out", str(tmp_path), "--force").status == 0
    html = (tmp_path / f"{EXAMPLE.name}.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="changes"'):]
    section = section[:section.index("</section>")]
    lines = [html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.sub(
        r'<span class="sr-only">.*?</span>', "", text)))).strip()
        for text in re.findall(r'<li class="change[^"]*">(.*?)</li>', section, re.S)]
    # The two key figures' moved counts are on their cards ("Edition 2: at least 164").
    assert "2 counts that moved are marked on their cards under Key figures." in section
    assert lines[:2] == [
        "Killed (people in the unrest): withdrawn: at least 164 (Kazakhstan's Information "
        "Ministry called the figure aired on the Khabar-24 channel a technical error and said "
        "it had no total yet.) [2]",
        "Summary, statement 3, wording: President Kassym-Jomart Tokayev said on Friday 7 "
        "January that he had ordered law enforcement and the army to shoot to kill without "
        "warning. → On 7 January President Tokayev said he had ordered law enforcement and "
        "the army to shoot to kill without warning. [7][3]",
    ]
    assert len(lines) == 9 and not any("claimed by" in line for line in lines)
    # New and dropped statements are said in one line each (the summary above shows the new).
    assert lines[6:8] == ["Summary: statements 1, 2, 4 are new",
                           "Summary: 4 statements of the earlier edition were dropped"]
    assert html.index('id="h-key"') < html.index('id="h-changes"')


def test_a_figure_edited_as_it_is_withdrawn_is_withdrawn_as_readers_saw_it(
        tmp_path: Path) -> None:
    """Edition 2 showed at least 164; edition 3 edits it to 170 and retracts it. The
    retraction names the 164 readers saw; the edit stays in the desk's list."""
    before, after = base(), base()
    before["figures"][0].update(value=164, approx="at_least")
    after["figures"][0].update(value=170, approx="at_least", retracted={
        "date": dt.date(2022, 1, 8), "reason": "an error", "cite": "a"})
    found = diff(as_facts(tmp_path / "1", before), as_facts(tmp_path / "2", after))
    [gone] = [c for c in found if c.kind == "retracted"]
    assert gone.before == {"id": "killed-10", "value": 164, "approx": "at_least"}
    assert [(c.kind, c.field, c.before, c.after) for c in found if c.kind == "changed"] == [
        ("changed", "value", 164, 170)]
    assert plain(gone) == "retracted killed-10 (Killed): at least 164 withdrawn: an error [a]"


# --- the retraction's date key ---------------------------------------------------------

def test_retracted_on_is_read_with_a_deprecation_warning(tmp_path: Path) -> None:
    """`on:` (YAML 1.1 reads it as `true`) still dates a retraction, with FS240 at the key."""
    from factsheet.validate import validate_sheet

    data = base()
    data["figures"][0]["retracted"] = {"on": dt.date(2022, 1, 8), "reason": "Wrong.",
                                       "cite": "a"}
    folder = write_sheet(tmp_path / SLUG, data)
    path = folder / "sheet.yaml"  # safe_dump quotes `'on'`; a desk types it bare
    path.write_text(path.read_text(encoding="utf-8").replace("'on':", "on:"), encoding="utf-8")
    text = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if t.strip().startswith("on:"))
    facts, diags = validate_sheet(folder)
    assert facts is not None and facts.figures[0].retracted is not None
    assert facts.figures[0].retracted.date == dt.date(2022, 1, 8)
    assert [(d.code, d.severity, d.line, d.column, d.where) for d in diags] == [
        ("FS240", "warning", line, text[line - 1].index("on:") + 1,
         "figures[0].retracted.on")]
    assert diags[0].message.startswith("`retracted: {on: …}` is the old name of `date`")
    assert diags[0].hint == "rename `on:` to `date:` in this retraction; `on` will stop being read"
    _, strict = validate_sheet(folder, strict=True)
    assert [(d.code, d.severity) for d in strict] == [("FS240", "error")]
    # Both keys: `on` is then an unknown key, not silently dropped.
    data["figures"][0]["retracted"]["date"] = dt.date(2022, 1, 8)
    none, diags = validate_sheet(write_sheet(tmp_path / "both", data))
    assert none is None and any(d.severity == "error" for d in diags)


def test_the_new_key_reads_the_same_in_a_yaml_1_1_reader() -> None:
    """PyYAML's safe_load sees `date` where it saw the boolean key True for `on`."""
    old = yaml.safe_load("retracted:\n  on: 2022-01-10\n")
    new = yaml.safe_load("retracted:\n  date: 2022-01-10\n")
    assert list(old["retracted"]) == [True]
    assert new["retracted"] == {"date": dt.date(2022, 1, 10)}
    example = yaml.safe_load((EXAMPLE / "figures.yaml").read_text(encoding="utf-8"))
    gone = [f["retracted"] for f in example["figures"] if "retracted" in f]
    assert gone and all("date" in g and True not in g for g in gone)


# --- a flood toll in two editions: every kind of change, in `diff` and on page 1 ----------

def flood_1() -> dict[str, Any]:
    """Edition 1 of a flood's toll: the authority's count, an aid society's, the evacuated."""
    return {
        "sheet": {"title": "Flood", "as_of": dt.date(2023, 9, 12),
                  "issued": dt.date(2023, 9, 12),
                  "summary": [{"text": "More than 5,300 people died, the authority said.",
                               "cite": "region"}]},
        "sources": [
            {"id": "region", "publisher": "Regional Authority", "title": "Flood statement",
             "published": dt.date(2023, 9, 12)},
            {"id": "wire", "publisher": "Wire A", "title": "Toll passes 11,000",
             "published": dt.date(2023, 9, 12)}],
        "figures": [
            {"id": "dead-region", "label": "Dead", "measure": "killed", "value": 5300,
             "approx": "more_than", "claimed_by": "Regional Authority", "key": True,
             "as_of": dt.date(2023, 9, 12), "cite": "region"},
            {"id": "dead-society", "label": "Dead", "measure": "killed", "value": 11300,
             "claimed_by": "Aid Society", "as_of": dt.date(2023, 9, 12), "cite": "wire"},
            {"id": "moved", "label": "Evacuated", "measure": "evacuated", "who": "residents",
             "value": 30000, "approx": "about", "claimed_by": "Regional Authority",
             "as_of": dt.date(2023, 9, 12), "cite": "region"}],
    }


def flood_2() -> dict[str, Any]:
    """Edition 2: the society's figure withdrawn; measure, label, who and unit of one figure
    changed; the summary reworded; a source's title corrected."""
    data = flood_1()
    data["sheet"].update(as_of=dt.date(2023, 9, 14), issued=dt.date(2023, 9, 14))
    data["sheet"]["summary"][0]["text"] = ("More than 5,300 people died, the authority said "
                                           "on 12 September.")
    data["sources"][1]["title"] = "Aid society's toll disputed"
    data["figures"][1]["retracted"] = {"date": dt.date(2023, 9, 14),
                                       "reason": "The society denied the figure.",
                                       "cite": "wire"}
    data["figures"][2].update(label="Displaced", measure="displaced", who="families",
                              unit="households")
    return data


FLOOD_CHANGES = [
    ("retracted", "dead-society", "retracted"),
    ("changed", "summary-1", "text"),
    ("changed", "moved", "label"), ("changed", "moved", "measure"),
    ("changed", "moved", "who"), ("changed", "moved", "unit"),
    ("changed", "wire", "title"),
]


def test_a_flood_in_two_editions_lists_every_change(sheet: Path, cli: CLI) -> None:
    """`diff` and page 1's "Changes since" both list the withdrawal, the measure, label,
    who and unit, the reworded summary and the source's title."""
    write_sheet(sheet, flood_1())
    assert cli("publish", "facts").status == 0
    write_sheet(sheet, flood_2())
    found = changes_of(cli("diff", "facts", "--format", "json"))
    assert [(c["kind"], c["id"], c["field"]) for c in found
            if c["kind"] != "group"] == FLOOD_CHANGES
    by = {(c["kind"], c["id"], c["field"]): c for c in found}
    assert by["changed", "moved", "measure"]["before"] == "evacuated"
    assert by["changed", "moved", "unit"]["after"] == "households"
    assert by["retracted", "dead-society", "retracted"]["before"] == {
        "id": "dead-society", "value": 11300, "approx": "exact"}
    run = cli("diff", "facts")
    assert ("facts/toll/sheet.yaml:6:5: changed summary-1 text: More than 5,300 people died, "
            "the authority said. → More than 5,300 people died, the authority said on 12 "
            "September. [region]") in run.lines
    assert "changed wire (Wire A) title: Toll passes 11,000 → Aid society's toll disputed" in (
        run.out)
    assert cli("publish", "facts").status == 0
    page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "build/toll.pdf", "-"],
                          check=True, capture_output=True, text=True).stdout
    # The words for screen readers ("before:", "after:") are in the text layer too.
    words = re.sub(r"(before|after): ", "", re.sub(r"\s+", " ", page))
    assert "Changes since edition 1 (as of September 12, 2023)" in words
    for line in ("Dead: withdrawn: 11,300 (The society denied the figure.)",
                 "Summary, statement 1, wording: More than 5,300 people died, the authority "
                 "said. → More than 5,300 people died, the authority said on 12 September.",
                 "Displaced (families), label: Evacuated → Displaced",
                 "Displaced (families), measure: evacuated → displaced",
                 "Displaced (families), who is counted: residents → families",
                 "Displaced (families), unit: households",
                 "Displaced (families): about 30,000 → about 30,000 households",
                 "Wire A, title: Toll passes 11,000 → Aid society's toll disputed"):
        assert line in words, line


def test_diff_against_edition_1_never_shows_what_it_did_not(tmp_path: Path) -> None:
    """A figure edition 1 never showed, added and withdrawn since, is no group's "before"."""
    first = flood_1()
    del first["figures"][1]  # edition 1 had no society figure
    later_ = flood_2()
    later_["figures"].append({"id": "dead-un", "label": "Dead", "measure": "killed",
                              "value": 3958, "approx": "about", "claimed_by": "UN OCHA",
                              "as_of": dt.date(2023, 9, 14), "cite": "wire"})
    found = diff(as_facts(tmp_path / "1", first), as_facts(tmp_path / "2", later_))
    said = [plain(c) for c in found]
    assert not any("11,300 →" in s or "11,300 withdrawn" in s for s in said), said
    [added] = [c for c in found if c.id == "dead-society"]
    assert (added.kind, added.before, added.note) == ("added", None,
                                                      "The society denied the figure.")


def test_a_recorded_hash_is_a_listed_change(tmp_path: Path) -> None:
    """`archive-hash` writes `archive_sha256`: an edition of it lists the change."""
    before, after = flood_1(), flood_1()
    after["sources"][1]["archive_sha256"] = "a" * 64
    found = diff(as_facts(tmp_path / "1", before), as_facts(tmp_path / "2", after))
    assert [(c.kind, c.id, c.field, c.before, c.after) for c in found] == [
        ("changed", "wire", "archive_sha256", None, "a" * 64)]


@pytest.mark.slow
def test_publish_refuses_an_edition_with_no_listed_change(sheet: Path, cli: CLI) -> None:
    """Only `ignore` changed: nothing a reader sees, so no edition (FS607), nothing written."""
    write_sheet(sheet, flood_1())
    assert cli("publish", "facts").status == 0
    data = flood_1()
    data["figures"][0]["ignore"] = ["FS311"]
    write_sheet(sheet, data)
    run = cli("publish", "facts")
    assert run.status == 1
    assert run.lines[-1] == (
        "facts/toll: `toll` differs from edition 1 (editions/toll/001.json) only in what no "
        "reader sees (figures[0].ignore); nothing to publish; change what the sheet says "
        "first: an edition records what changed")
    assert sorted(p.name for p in Path("editions/toll").iterdir()) == ["001.json"]


def test_diff_with_no_edition_says_so(sheet: Path, cli: CLI) -> None:
    """No edition recorded and no --since: FS606 says there is nothing to compare with."""
    run = cli("diff", "facts", "--format", "json")
    assert run.status == 0
    [report] = json.loads(run.out)["sheets"]
    assert report["changes"] == [] and report["since"] is None
    text = cli("diff", "facts")
    assert text.lines == [
        "facts/toll: no edition is recorded in editions/toll: nothing to compare with, so no "
        "changes are listed (this build would be edition 1); `factsheet publish` records the "
        "first edition; or compare with `--since` a facts JSON, a PDF factsheet made, or a "
        "git revision"]


def test_flood_diff_snapshot(tmp_path: Path, snapshot: SnapshotAssertion) -> None:
    """The whole change list between the flood's two editions, as `diff` prints it."""
    found = diff(as_facts(tmp_path / "1", flood_1()), as_facts(tmp_path / "2", flood_2()))
    assert [plain(c) for c in found] == snapshot
    assert [c.as_json() for c in found] == snapshot


# --- attacks on the structural diff -------------------------------------------------------

def test_dates_compare_as_written_not_as_instants(tmp_path: Path) -> None:
    """`2022-01` is not `2022-01-01`, and one instant at another UTC offset prints otherwise."""
    before, after = base(), base()
    after["figures"][0]["as_of"] = "2022-01"  # a month: the same first day, less known
    before["events"][0]["date"] = "2022-01-07T10:00:00+06:00"
    after["events"][0]["date"] = "2022-01-07T04:00:00+00:00"  # the same instant
    found = diff(as_facts(tmp_path / "1", before), as_facts(tmp_path / "2", after))
    assert [(c.kind, c.id, c.field, value_text(c.before), value_text(c.after))
            for c in found if c.kind == "changed"] == [
        ("changed", "killed-10", "as_of", "2022-01-07", "2022-01"),
        ("changed", "protest", "date", "2022-01-07T10:00:00+06:00",
         "2022-01-07T04:00:00+00:00")]


def test_moved_statements_are_no_rewrite_and_a_cite_change_is_listed(tmp_path: Path) -> None:
    """Two statements swapped are unchanged; a statement's new source is a change."""
    before = base()
    before["sheet"]["summary"] = [{"text": "Calm returned.", "cite": "a"},
                                  {"text": "Shops reopened.", "cite": "a"}]
    after = copy.deepcopy(before)
    after["sheet"]["summary"].reverse()
    assert diff(as_facts(tmp_path / "1", before), as_facts(tmp_path / "2", after)) == []
    after["sheet"]["summary"][0]["cite"] = [{"source": "a", "note": "as of noon"}]
    found = diff(as_facts(tmp_path / "1", before), as_facts(tmp_path / "3", after))
    assert [(c.kind, c.id, c.field, c.before, c.after) for c in found] == [
        ("changed", "summary-1", "cite.a.note", None, "as of noon")]


def test_an_edition_this_version_cannot_read_is_refused(sheet: Path, cli: CLI) -> None:
    """A recorded edition with a key the model does not know: FS601 naming the file."""
    assert cli("publish", "facts").status == 0
    path = Path("editions/toll/001.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["facts"]["figures"][0]["colour"] = "red"
    path.write_text(json.dumps(data), encoding="utf-8")
    write_sheet(sheet, later())
    run = cli("diff", "facts")
    assert run.status == 2
    assert ("editions/toll/001.json: cannot compare with it: not facts this version reads "
            "(1 problem, first at figures.0.colour)") in run.err and "[FS601]" in run.err
