"""Tests for the reconcile stage: bounds, moments, groups, statuses and independence."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import load_facts
from helpers import EXAMPLE, RENDER, ROOT, write_sheet

from factsheet.cli import main
from factsheet.model import Facts, Figure, Sheet, Source
from factsheet.reconcile import (
    VAGUE_BOUNDS,
    Interval,
    Reports,
    groups,
    groups_json,
    independent_reports,
    interval,
    moment,
)
from factsheet.render.sheet import render_html, resolve_template
from factsheet.validate import validate_sheet
from factsheet.view import build_view

DAY1, DAY2 = "2022-01-06", "2022-01-07"


def figure(ident: str, value: Any, approx: str = "exact", *, measure: str = "killed",
           cite: Any = "a", **extra: Any) -> Figure:
    """A figure counting `measure` of "people", citing source a."""
    return Figure.model_validate({"id": ident, "label": "L", "measure": measure, "who": "people",
                                  "value": value, "approx": approx, "claimed_by": "C",
                                  "cite": cite, **extra})


def source(ident: str, published: str = DAY2, **extra: Any) -> Source:
    """A source published on `published`."""
    return Source.model_validate({"id": ident, "publisher": ident.upper(), "title": "T",
                                  "published": published, **extra})


def facts(*figures: Figure, sources: list[Source] | None = None) -> Facts:
    """A sheet holding these figures and sources (by default a, published on DAY2)."""
    return Facts(slug="t", sheet=Sheet.model_validate({"title": "T", "as_of": DAY2}),
                 sources=sources or [source("a")], figures=list(figures))


# --- Bounds -----------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "approx", "low", "high"), [
    (3700, "exact", 3700, 3700),
    (2500, "about", 2250, 2750),
    (381, "about", 342, 420),  # widened outwards to whole numbers: 342.9 and 419.1
    (398, "at_least", 398, None),
    (3700, "more_than", 3701, None),
    (50, "at_most", 0, 50),
    (50, "fewer_than", 0, 49),
    (0, "fewer_than", 0, 0),
    ({"min": 18, "max": 26}, "exact", 18, 26),
    ({"min": 18, "max": 26}, "about", 16, 29),
    ({"min": 18, "max": 26}, "more_than", 19, None),
    ({"min": 18, "max": 26}, "fewer_than", 0, 25),
    ("a few", "exact", 2, 9),
    ("several", "exact", 3, 9),
    ("dozens", "exact", 24, 99),
    ("hundreds", "exact", 200, 999),
    ("thousands", "exact", 2000, 9999),
    ("thousands", "more_than", 2001, None),
])
def test_bounds_table(value: Any, approx: str, low: int, high: int | None) -> None:
    """Each value and qualifier gives the interval docs/format.md documents."""
    assert interval(figure("x", value, approx)) == Interval(low, high)


def test_every_vague_word_the_model_accepts_has_bounds() -> None:
    """The bounds table covers the schema's vague words, no more and no fewer."""
    from factsheet.model import VAGUE

    assert set(VAGUE_BOUNDS) == set(VAGUE)


def test_bounds_table_is_documented() -> None:
    """Every row of the bounds table appears in docs/format.md."""
    docs = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for word, (low, high) in VAGUE_BOUNDS.items():
        assert f"| `{word}` | [{low:,}, {high:,}] |" in docs, word


# --- Every pair of qualifiers × agree, update, conflict ---------------------------------

KINDS = ("exact", "about", "at_least", "more_than", "at_most", "fewer_than", "range", "vague")
OPEN_ABOVE = {"at_least", "more_than"}  # a low report of these kinds allows any high count
OPEN_BELOW = {"at_most", "fewer_than"}  # a high report of these kinds allows any low count


def of_kind(kind: str, n: int, ident: str, **extra: Any) -> Figure:
    """A figure of a qualifier kind around n (a range n-10%..n+10%, a vague word holding n)."""
    if kind == "range":
        return figure(ident, {"min": n - n // 10, "max": n + n // 10}, **extra)
    if kind == "vague":
        word = next(w for w, (lo, hi) in VAGUE_BOUNDS.items() if lo <= n <= hi and w != "a few")
        return figure(ident, word, **extra)
    return figure(ident, n, kind, **extra)


def status(*figures: Figure, sources: list[Source] | None = None) -> str:
    """The status of the one group these figures form."""
    [group] = groups(facts(*figures, sources=sources))
    return group.status


PAIRS = [(a, b) for a in KINDS for b in KINDS]
TWO_DAYS = [source("a", DAY1), source("b", DAY2)]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_pair_agrees(a: str, b: str) -> None:
    """Two reports that both allow 500 agree, whatever their qualifiers."""
    low = 499 if a == "more_than" else 501 if a == "fewer_than" else 500
    high = 499 if b == "more_than" else 501 if b == "fewer_than" else 500
    assert status(of_kind(a, low, "x"), of_kind(b, high, "y")) == "agree"


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_pair_at_one_moment(a: str, b: str) -> None:
    """At one moment a low and a high report conflict, unless one is open on that side."""
    expected = "agree" if a in OPEN_ABOVE or b in OPEN_BELOW else "conflict"
    assert status(of_kind(a, 50, "x"), of_kind(b, 3000, "y")) == expected


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_pair_rising_over_time(a: str, b: str) -> None:
    """A count that rises from one day to the next is an update."""
    expected = "agree" if a in OPEN_ABOVE or b in OPEN_BELOW else "update"
    assert status(of_kind(a, 50, "x", cite="a"), of_kind(b, 3000, "y", cite="b"),
                  sources=TWO_DAYS) == expected


@pytest.mark.parametrize(("a", "b"), PAIRS)
@pytest.mark.parametrize(("measure", "fall"), [("killed", "conflict"), ("deployed", "update")])
def test_pair_falling_over_time(a: str, b: str, measure: str, fall: str) -> None:
    """A cumulative count that falls is a conflict; any other count that falls is an update."""
    expected = "agree" if b in OPEN_ABOVE or a in OPEN_BELOW else fall
    assert status(of_kind(a, 3000, "x", cite="a", measure=measure),
                  of_kind(b, 50, "y", cite="b", measure=measure), sources=TWO_DAYS) == expected


# --- The issue's cases -------------------------------------------------------------------

def test_rising_toll_is_one_update_with_the_latest_current() -> None:
    """381 (day 1), at least 398 (day 2), about 600 (day 4): an update, about 600 current."""
    days = [source("d1", "2023-08-03"), source("d2", "2023-08-04"), source("d4", "2023-08-06")]
    [group] = groups(facts(figure("c", 600, "about", cite="d4"), figure("a", 381, cite="d1"),
                           figure("b", 398, "at_least", cite="d2"), sources=days))
    assert (group.status, [f.id for f in group.figures], group.latest) == (
        "update", ["a", "b", "c"], ("c",))
    assert (group.low, group.high, group.reports) == (381, None, 3)


def test_same_moment_3000_and_3800_conflict_with_their_envelope() -> None:
    """3,000 and 3,800 arrested at one moment: a conflict, reports range 3,000 to 3,800."""
    sheet = facts(figure("a", 3000, measure="arrested", cite="a"),
                  figure("b", 3800, measure="arrested", cite="b"),
                  sources=[source("a"), source("b")])
    assert groups_json(sheet) == [{
        "measure": "arrested", "who": "people", "status": "conflict", "figures": ["a", "b"],
        "latest": ["a", "b"], "current": [], "superseded": [], "retracted": [], "low": 3000,
        "high": 3800,
        "reports": 2, "standing": ["a", "b"],
        "series": [{"claimed_by": "C", "figures": ["a", "b"]}], "ends": ["a", "b"],
        "headline": {
            "low": {"id": "a", "value": 3000, "approx": "exact", "unit": None, "basis": None,
                    "claimed_by": "C"},
            "high": {"id": "b", "value": 3800, "approx": "exact", "unit": None, "basis": None,
                     "claimed_by": "C"}},
        "estimates": [], "note": None}]


@pytest.mark.parametrize(("reports", "current"), [
    ([(3700, "more_than"), ("thousands", "exact")], ["r0"]),
    ([(3700, "more_than"), (3000, "more_than"), (3800, "more_than")], ["r2"]),
    ([(2500, "exact"), (2500, "about")], ["r0"]),
    ([(3000, "at_least"), (5000, "at_most")], ["r0", "r1"]),
    ([("hundreds", "exact"), ("thousands", "fewer_than")], ["r0"]),
])
def test_agreeing_reports_show_the_tightest_statement(
        reports: list[tuple[Any, str]], current: list[str]) -> None:
    """The card shows what all reports support: one statement, or two bounds that meet."""
    [group] = groups(facts(*(figure(f"r{i}", v, q) for i, (v, q) in enumerate(reports))))
    assert (group.status, list(group.current)) == ("agree", current)


def test_cumulative_needs_only_some_rising_sequence() -> None:
    """Consistent with the count moving: one non-decreasing value from each moment's interval."""
    days = [source(f"d{i}", f"2022-01-0{i}") for i in (1, 2, 3)]
    rising = [figure("a", 100, cite="d1"), figure("b", {"min": 50, "max": 200}, cite="d2"),
              figure("c", 120, cite="d3")]
    assert status(*rising, sources=days) == "update"  # 100, 100, 120
    falling = [*rising[:1], figure("b", {"min": 50, "max": 90}, cite="d2"), rising[2]]
    assert status(*falling, sources=days) == "conflict"


def test_more_than_2500_against_2500_troops() -> None:
    """"more than 2,500" and "2,500" cannot both be true at one moment; over time, an update."""
    same = [figure("a", 2500, measure="deployed"), figure("b", 2500, "more_than",
                                                          measure="deployed")]
    assert status(*same) == "conflict"
    later = [figure("a", 2500, measure="deployed", cite="a"),
             figure("b", 2500, "more_than", measure="deployed", cite="b")]
    assert status(*later, sources=TWO_DAYS) == "update"


def test_group_key_folds_who_and_keeps_units_of_other_apart() -> None:
    """`who` is compared NFKC-folded and casefolded; `other` figures group by unit too."""
    a = figure("a", 5, who="Police  Officers")
    b = figure("b", 5, who="police ｏfficers")  # a full-width o
    assert len(groups(facts(a, b))) == 1
    planes = figure("p", 70, measure="other", unit="planes")
    days = figure("d", 3, measure="other", unit="days")
    assert [g.status for g in groups(facts(planes, days))] == ["single", "single"]


# --- Moments -----------------------------------------------------------------------------

def test_moment_is_as_of_else_the_latest_update_of_cited_sources() -> None:
    """`as_of` wins; else the latest `updated` or `published` of the sources a figure cites."""
    srcs = {"a": source("a", DAY1, updated="2022-01-07T10:00:00+06:00"), "b": source("b", DAY2)}
    assert moment(figure("x", 1, as_of=DAY1, cite=["a", "b"]), srcs) == dt.date(2022, 1, 6)
    got = moment(figure("x", 1, cite=["a", "b"]), srcs)
    assert got == dt.datetime(2022, 1, 7, 10, tzinfo=dt.timezone(dt.timedelta(hours=6)))
    assert moment(figure("x", 1, cite="b"), srcs) == dt.date(2022, 1, 7)


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("2022-01-07", "2022-01-07T10:00:00+06:00", "conflict"),  # a day and a time in it: one moment
    ("2022-01-07T09:00:00+06:00", "2022-01-07T10:00:00+06:00", "update"),
    ("2022-01-07T10:00:00+06:00", "2022-01-07T04:00:00+00:00", "conflict"),  # the same instant
    ("2022-01-06", "2022-01-07", "update"),
])
def test_which_moments_can_be_ordered(first: str, second: str, expected: str) -> None:
    """Reports are ordered by instant when both have times, else by calendar day."""
    sheet = facts(figure("a", 100, as_of=first), figure("b", 120, as_of=second))
    [group] = groups(sheet)
    assert group.status == expected


def test_supersedes_with_a_note_revises_a_count_the_same_day() -> None:
    """A ministry correcting its own count downwards the same day is an update, not a conflict."""
    first = figure("first", 120)
    revised = figure("revised", 95, supersedes="first", note="The ministry corrected a "
                     "double count.")
    [group] = groups(facts(first, revised))
    assert (group.status, group.latest, sorted(group.superseded)) == (
        "update", ("revised",), ["first"])
    assert (group.low, group.high) == (95, 95)
    unexplained = figure("revised", 95, supersedes="first")
    assert status(first, unexplained) == "conflict"


# --- Independence ------------------------------------------------------------------------

def test_agencies_are_one_report_by_name_not_spelling_and_transitively() -> None:
    """Sharing any agency makes one report, transitively; names are compared folded."""
    srcs = [source("a", agency=["AFP", "AP"]), source("b", agency=" ap "),
            source("c", agency="Reuters"), source("d", agency=["REUTERS", "afp"]),
            source("e", agency="dpa"), source("f"), source("g")]
    assert independent_reports(srcs) == [["a", "b", "c", "d"], ["e"], ["f"], ["g"]]
    reports = Reports(srcs)
    assert reports.name(reports.source("b")) == "AFP/AP/Reuters"
    assert reports.name(reports.source("f")) == "F"


def test_via_counts_a_relayed_claim_as_the_relayed_outlets_report() -> None:
    """`via` on a cite or a figure: the claim is the relayed outlet's, counted once with it."""
    srcs = [source("xinhua", agency="Xinhua"), source("paper"), source("tass")]
    relayed = figure("x", 5, cite=["xinhua", {"source": "paper", "via": "xinhua"}])
    assert len(Reports(srcs).of([relayed])) == 1
    whole = figure("x", 5, cite=["paper", "tass"], via="TASS")  # TASS's own article, relayed
    assert len(Reports(srcs).of([whole])) == 1
    assert len(Reports(srcs).of([figure("x", 5, cite=["paper", "tass"])])) == 2


def test_syndication_skips_pairs_declared_as_one_report() -> None:
    """The check stage asks reconcile which sources are one report."""
    from factsheet.check.syndication import independent_reports as check_reports

    srcs = [source("a", agency=["AFP", "AP"]), source("b", agency="AP")]
    assert check_reports(srcs) == [["a", "b"]]


# --- Findings (warnings and errors of figure groups) -------------------------------------

SHEET = "sheet:\n  title: T\n  as_of: 2022-01-07\n"


def diagnostics(tmp_path: Path, yaml: str) -> list[str]:
    """Validate a one-file sheet; return its rendered diagnostics without the folder."""
    _, diags = validate_sheet(write_sheet(tmp_path / "s", SHEET + yaml))
    return [re.sub(r"^.*?sheet\.yaml:", "", d.render()) for d in diags]


def test_every_rule_example_triggers_its_rule(tmp_path: Path) -> None:
    """Each FS35x rule's example, added to a minimal sheet, gives exactly that rule."""
    from factsheet.rules import RULES

    for r in (r for r in RULES if r.code.startswith("FS35")):
        got = {re.search(r"\[(FS\d+)\]", d).group(1) for d in  # type: ignore[union-attr]
               diagnostics(tmp_path, r.example)}
        assert got == {r.code}, (r.code, got)


def test_conflict_without_note_on_a_key_figure(tmp_path: Path) -> None:
    """FS350: a key figure in a conflict group with no note is warned, at the figure."""
    from factsheet.rules import rule

    assert diagnostics(tmp_path, rule("FS350").example) == [
        "8:5: warning[FS350]: figures[0]: the key figure `x` is in a conflicting group, "
        "arrested, whose standing reports range from 3,000 (A) to 3,800 (B), and it has no "
        "`note`; add `note: ...` saying how the reports differ or which one the sheet relies "
        "on, or `group_note: ...` on one figure of the group"]


def test_latest_resting_on_fewer_reports(tmp_path: Path) -> None:
    """FS351: the latest figure rests on one report while an older one rests on two."""
    from factsheet.rules import rule

    assert diagnostics(tmp_path, rule("FS351").example) == [
        "10:5: warning[FS351]: figures[1]: the latest figure of its group rests on a single "
        "independent report (C), while the older `x` rests on 2; cite the other reports of "
        "the latest count if there are any, or check that it is the current figure"]


@pytest.mark.parametrize(("target", "problem"), [
    ("nope", "names no figure of this sheet"),
    ("y", "names this figure itself"),
    ("z", "names `z`, which counts another thing (injured)"),
    ("x", "names `x`, which supersedes this figure in turn"),
])
def test_supersedes_must_name_another_figure_of_the_group(tmp_path: Path, target: str,
                                                          problem: str) -> None:
    """FS352: `supersedes` names an unknown id, itself, another group, or a ring."""
    yaml = ("sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
            "figures:\n"
            "  - {id: x, label: K, measure: killed, value: 1, claimed_by: A, cite: a,"
            " supersedes: y, note: N.}\n"
            f"  - {{id: y, label: K, measure: killed, value: 2, claimed_by: A, cite: a,"
            f" supersedes: {target}, note: N.}}\n"
            "  - {id: z, label: K, measure: injured, value: 2, claimed_by: A, cite: a}\n")
    got = [d for d in diagnostics(tmp_path, yaml) if "FS352" in d and "figures[1]" in d]
    assert got == [f"8:86: error[FS352]: figures[1].supersedes: `supersedes: {target}` "
                   f"{problem}; name the id of an earlier figure with the same `measure` "
                   "and `who`"]


def test_supersedes_needs_a_note_and_an_earlier_target(tmp_path: Path) -> None:
    """FS353 without a note; FS354 when the superseded figure is the later one."""
    from factsheet.rules import rule

    assert diagnostics(tmp_path, rule("FS353").example) == [
        "9:91: error[FS353]: figures[1].supersedes: `supersedes: x` without a `note`: a "
        "revised count must say why it changed; add `note: ...`, e.g. \"the ministry "
        "corrected its count\""]
    assert diagnostics(tmp_path, rule("FS354").example) == [
        "8:111: error[FS354]: figures[0].supersedes: `supersedes: y` names a figure counted "
        "later (2022-01-07) than this one (2022-01-05); a figure can only revise a count of "
        "its own moment or an earlier one; check the dates or swap the two"]


_AGENCY_HINT = "write `agency: Reuters`, or `agency: [AFP, AP]` for a story from several wires"


@pytest.mark.parametrize(("agency", "message"), [
    ("[]", "[FS228]: sources[0].agency: the agency list is empty; "
           "name at least one agency, or remove the key"),
    ("5", "[FS229]: sources[0].agency: expected an agency name or a list of names, "
          f"found the number `5`; {_AGENCY_HINT}"),
    ("[AP, 7]", "[FS229]: sources[0].agency: expected an agency name or a list of names, "
                f"found the number `7`; {_AGENCY_HINT}"),
])
def test_agency_is_a_name_or_a_list_of_names(tmp_path: Path, agency: str, message: str) -> None:
    """A wrong `agency` gets one message (not one per shape it could have had)."""
    yaml = (f"sources:\n  - {{id: a, publisher: A, title: T, published: 2022-01-07, agency: "
            f"{agency}}}\nfigures:\n  - {{id: x, label: K, measure: killed, value: 1, "
            "claimed_by: A, cite: a}\n")
    assert diagnostics(tmp_path, yaml) == [f"5:68: error{message}"]


GROUPS = Path(__file__).parent / "fixtures" / "groups"
ATTACKS = {  # rule/case: the place of its one diagnostic
    "conflict-without-note/plain": (10, 5, "figures[0]"),
    "conflict-without-note/folded-who": (13, 5, "figures[1]"),
    "latest-rests-on-one-report/relayed-twice": (13, 5, "figures[1]"),
    "supersedes-unknown/other-group": (12, 18, "figures[1].supersedes"),
    "supersedes-without-note/hidden-fall": (12, 18, "figures[1].supersedes"),
    "supersedes-later/backdated": (11, 18, "figures[0].supersedes"),
    "supersedes-other-claimant/same-day-dispute": (12, 18, "figures[1].supersedes"),
    "group-note-twice/two-notes": (12, 27, "figures[1].group_note"),
}


def test_every_attack_fixture_has_a_case() -> None:
    """Each folder under fixtures/groups/<rule>/<case> is listed above."""
    assert sorted(f"{p.parent.name}/{p.name}" for p in GROUPS.glob("*/*")) == sorted(ATTACKS)


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_fixture_is_refused_by_its_rule(name: str) -> None:
    """Each attack on a group rule gives exactly that rule's diagnostic, at its place."""
    from factsheet.rules import rule

    _, diags = validate_sheet(GROUPS / name)
    assert [(d.code, d.line, d.column, d.where) for d in diags] == [
        (rule(name.split("/")[0]).code, *ATTACKS[name])]


# --- The example and the sheets ---------------------------------------------------------

def test_example_arrests_rise_and_nothing_differs(tmp_path: Path) -> None:
    """The example (edition 3): detentions rise over five days, an update and no conflict."""
    shutil.copytree(EXAMPLE, tmp_path / "facts" / EXAMPLE.name)
    out = tmp_path / "build"
    assert main(["build", str(tmp_path / "facts"), "--out", str(out), "--format",
                 "json,html"]) == 0
    data = json.loads((out / f"{EXAMPLE.name}.json").read_text(encoding="utf-8"))
    [arrests] = [g for g in data["groups"] if g["measure"] == "arrested"]
    assert arrests == {"measure": "arrested", "who": "people", "status": "update",
                       "figures": ["arrests", "arrests-thousands", "detained-5800",
                                   "detained-5969", "detained-9900", "detained-12000"],
                       "latest": ["detained-12000"], "superseded": [],
                       "low": 2000, "high": None, "reports": 3, "current": ["detained-12000"],
                       "retracted": [], "standing": arrests["figures"],
                       "series": arrests["series"], "ends": None, "headline": None,
                       "estimates": [],
                       "note": None}
    [toll] = [g for g in data["groups"] if g["who"] == "people in the unrest"]
    assert (toll["status"], toll["current"], toll["retracted"]) == (
        "update", ["killed-225"], ["killed-164"])
    html = (out / f"{EXAMPLE.name}.html").read_text(encoding="utf-8")
    assert "Reports differ" not in html and "Reports conflict" not in html
    card = html[html.index('id="key-detained-12000"'):]
    card = card[:card.index("</li>")]
    assert '<p class="kf-value">more than 12,000</p>' in card
    # In the chart's trail (its title), not "also reported".
    assert "thousands on January 7 4:20\u202fPM" in card and "Also reported" not in card
    assert html.count('id="key-arrests') == 0 and html.count('id="key-detained') == 1


def test_rising_toll_sheet_shows_one_card_with_its_trail() -> None:
    """One "Killed" card: about 600, with the dated trail, status update."""
    sheet = load_facts(RENDER / "rising-toll")
    view = build_view(sheet)
    killed = [c for c in view.key_figures if c.label == "Killed"]
    assert [(c.status, c.big, c.claimed_by) for c in killed] == [
        ("update", "about 600", "Civil defence")]
    assert [s.text for s in killed[0].trail] == [
        "381 (Health ministry) on Aug 3", "at least 398 on Aug 4",
        "about 600 (Civil defence) on Aug 6"]  # one claimant's count, then another's
    html = render_html(sheet, resolve_template(ROOT / "templates", "briefing"))
    # The card's chart says the trail (its title, and a link per mark); no words repeat it.
    assert ("<title>Killed (people in the quake zone): 381 on August 3, at least 398 on "
            "August 4, about 600 on August 6</title>") in html
    assert "Over time:" not in html and 'href="#fig-killed-second"' in html
    assert "Where reports differ" not in html
    assert [g["status"] for g in groups_json(sheet)] == ["update", "single"]


def test_same_moment_conflict_sheet_shows_the_range() -> None:
    """3,000 and 3,800 arrested at one moment: a conflict card and the range 3,000 to 3,800."""
    sheet = load_facts(RENDER / "same-moment-conflict")
    view = build_view(sheet)
    card = view.key_figures[0]
    assert (card.status, card.big, card.conflict) == (
        "conflict", "3,000 (Interior Ministry) to 3,800 (City police)", True)
    assert [c.envelope for c in view.conflicts] == [
        "Reports range from 3,000 (Interior Ministry) to 3,800 (City police)."]
    assert [g["status"] for g in groups_json(sheet)] == ["conflict", "single"]


def test_russian_trail_and_range() -> None:
    """Trails and ranges speak the sheet's language."""
    from factsheet.view.labels import BRIEFING, load_labels

    ru = load_labels((BRIEFING,), "ru")
    view = build_view(load_facts(RENDER / "rising-toll"), labels=ru)
    assert [s.text for s in view.key_figures[0].trail] == [
        "381 (Health ministry) (3 авг.)", "не менее 398 (4 авг.)",
        "около 600 (Civil defence) (6 авг.)"]
    view = build_view(load_facts(RENDER / "same-moment-conflict"), labels=ru)
    assert view.key_figures[0].big == ("от 3\u00a0000 (Interior Ministry) до 3\u00a0800 "
                                       "(City police)")


def test_conflict_mark_on_every_card_is_said_once_in_the_header() -> None:
    """Every key card conflicting: one header notice, no per-card mark, the section stays."""
    sheet = facts(figure("a", 10, key=True, cite="a"), figure("b", 20, key=True, cite="b"),
                  figure("c", 5, measure="injured", key=True, cite="a"),
                  figure("d", 9, measure="injured", cite="b"),
                  sources=[source("a"), source("b")])
    view = build_view(sheet)
    assert [(c.status, c.conflict) for c in view.key_figures] == [
        ("conflict", False), ("conflict", False)]
    assert "Reports conflict on every key figure; see “Where reports differ”." in view.notices
    assert [c.heading for c in view.conflicts] == ["Killed: people", "Injured: people"]
    assert "conflict" in view.legend


def test_a_conflict_hidden_from_the_key_panel_is_still_listed() -> None:
    """A conflicting group with no key figure gets no card, but is listed where reports differ."""
    view = build_view(facts(figure("a", 10, cite="a"), figure("b", 20, cite="b"),
                            sources=[source("a"), source("b")]))
    assert view.key_figures == []
    assert [c.heading for c in view.conflicts] == ["Killed: people"]


def test_a_revision_shows_in_the_trail() -> None:
    """A superseding figure's step says it revised the count."""
    first = figure("first", 120, key=True)
    revised = figure("revised", 95, supersedes="first", note="Counted twice.", key=True)
    [card] = build_view(facts(first, revised)).key_figures
    assert (card.status, card.big) == ("update", "95")
    assert [s.text for s in card.trail] == ["120 on Jan 7", "95 on Jan 7 (revised)"]


# --- Attacks from the review of issue 14's fourth round ------------------------------------

def test_times_near_midnight_are_ordered_by_instant() -> None:
    """00:30 at UTC+6 on the 8th came before 22:00 UTC on the 7th: the later count is current."""
    early = figure("t1", 2500, measure="deployed", as_of="2022-01-08T00:30:00+06:00")
    late = figure("t2", 3000, measure="deployed", as_of="2022-01-07T22:00:00+00:00")
    [group] = groups(facts(early, late))
    assert (group.status, group.latest, group.current) == ("update", ("t2",), ("t2",))
    killed = [figure("k1", 164, as_of="2022-01-08T00:30:00+06:00"),
              figure("k2", 225, as_of="2022-01-07T22:00:00+00:00")]
    assert status(*killed) == "update"  # one claimant's count rising, not a dispute


def test_a_dispute_since_settled_is_an_update_to_the_agreed_count() -> None:
    """164 against 225 on the 7th, both sides 240 on the 9th: 240 now, the dispute in the trail."""
    days = [source("a", DAY1), source("b", DAY2)]
    four = [figure("k1", 164, claimed_by="Ministry", cite="a"),
            figure("k2", 225, claimed_by="Opposition", cite="a"),
            figure("k3", 240, claimed_by="Ministry", cite="b"),
            figure("k4", 240, claimed_by="Opposition", cite="b")]
    [group] = groups(facts(*four, sources=days))
    assert group.status == "update"
    assert group.current[0] in {"k3", "k4"}
    assert group.superseded == {"k1", "k2"}


def test_a_claimants_own_earlier_count_is_no_side_of_a_dispute() -> None:
    """Ministry 100 then 164, opposition 225: the dispute is 164 against 225, not 100 to 225."""
    days = [source("a", DAY1), source("b", DAY2)]
    three = [figure("k1", 100, claimed_by="Ministry", cite="a"),
             figure("k2", 164, claimed_by="Ministry", cite="b"),
             figure("k3", 225, claimed_by="Opposition", cite="b")]
    [group] = groups(facts(*three, sources=days))
    assert (group.status, group.low, group.high) == ("conflict", 164, 225)
    assert group.superseded == {"k1"}


def test_a_claimant_that_contradicts_itself_stays_in_the_dispute() -> None:
    """A ministry's count that fell, against another's: every count stays until `supersedes`."""
    days = [source("a", DAY1), source("b", DAY2)]
    fell = [figure("k1", 300, claimed_by="Ministry", cite="a"),
            figure("k2", 164, claimed_by="Ministry", cite="b"),
            figure("k3", 225, claimed_by="Opposition", cite="b")]
    [group] = groups(facts(*fell, sources=days))
    assert (group.status, group.low, group.high, group.superseded) == (
        "conflict", 164, 300, frozenset())


def test_a_plain_date_does_not_merge_a_claimants_timed_update() -> None:
    """164 at 10:00 and 225 at 20:00 by one ministry, "hundreds" that day: 225, agreed."""
    three = [figure("m1", 164, as_of="2022-01-09T10:00:00+06:00"),
             figure("m2", 225, as_of="2022-01-09T20:00:00+06:00"),
             figure("b", "hundreds", as_of="2022-01-09", claimed_by="Beta Daily")]
    [group] = groups(facts(*three))
    assert (group.status, group.current) == ("update", ("m2",))


def test_counts_in_other_units_are_other_groups() -> None:
    """5,000 people and 1,200 families displaced are two counts; no unit means people."""
    two = [figure("p", 5000, measure="displaced", unit="people", claimed_by="UNHCR"),
           figure("f", 1200, measure="displaced", unit="families", claimed_by="Red Crescent"),
           figure("n", 5000, measure="displaced", claimed_by="Ministry")]
    assert [(g.status, [f.id for f in g.figures]) for g in groups(facts(*two))] == [
        ("agree", ["p", "n"]), ("single", ["f"])]
    troops = [figure("t", 2500, measure="deployed", unit="troops"),
              figure("p", 70, "more_than", measure="deployed", unit="planes")]
    assert [g.status for g in groups(facts(*troops))] == ["single", "single"]


def test_a_settled_dispute_card_names_both_sides_and_who_said_which() -> None:
    """240 according to both sides; the trail says who said 164 and who 225 on Jan 7."""
    days = [source("a", DAY1), source("b", DAY2)]
    four = [figure("k1", 164, claimed_by="Ministry", cite="a", key=True),
            figure("k2", 225, claimed_by="Opposition", cite="a", key=True),
            figure("k3", 240, claimed_by="Ministry", cite="b", key=True),
            figure("k4", 240, claimed_by="Opposition", cite="b", key=True)]
    [card] = build_view(facts(*four, sources=days)).key_figures
    assert (card.status, card.big, card.claimed_by, card.conflict) == (
        "update", "240", "Ministry, Opposition", False)
    assert [s.text for s in card.trail] == [
        "164 (Ministry) on Jan 6", "225 (Opposition) on Jan 6", "240 on Jan 7"]


def test_a_month_only_report_is_charted_at_its_month_not_an_invented_day() -> None:
    """`as_of: 2022-01` labels the axis "Jan", never "Jan 1"."""
    two = [figure("m", 3000, measure="deployed", as_of="2022-01", key=True),
           figure("d", 2500, measure="deployed", as_of="2022-01-06", key=True)]
    [card] = build_view(facts(*two)).key_figures
    assert card.chart is not None
    svg = str(card.chart.svg)
    assert ">Jan<" in svg and ">Jan 1<" not in svg


# --- Issue 24: standing claims, basis, intervals, units ------------------------------------

def claim(ident: str, value: Any, approx: str = "exact", *, by: str, on: Any,
          **extra: Any) -> Figure:
    """A killed figure claimed by `by` as of `on`."""
    return figure(ident, value, approx, claimed_by=by, as_of=on, **extra)


def test_standing_claims_are_each_claimants_latest_minus_withdrawn() -> None:
    """Authorities 2,000+ then 5,300+, the society's 11,300 withdrawn, the UN's 3,958."""
    gone = {"on": "2023-09-16", "reason": "denied", "cite": "a"}
    four = [claim("a1", 2000, "more_than", by="Authorities", on="2023-09-12"),
            claim("a2", 5300, "more_than", by="Authorities", on="2023-09-13"),
            claim("rc", 11300, by="Red Crescent", on="2023-09-14", retracted=gone),
            claim("un", 3958, by="UN OCHA", on="2023-09-17")]
    [group] = groups(facts(*four))
    assert (group.status, group.standing, group.ends) == ("conflict", ("a2", "un"), ("un", "a2"))
    assert group.series == (("Authorities", ("a1", "a2")), ("Red Crescent", ("rc",)),
                            ("UN OCHA", ("un",)))
    assert group.retracted == {"rc"}


@pytest.mark.parametrize(("values", "ends"), [
    # An open-ended claim tops only by its bound: 18,000-20,000 is higher than 5,300+.
    ([(5300, "more_than"), ({"min": 18000, "max": 20000}, "exact"), (3958, "exact")],
     ("r2", "r1")),
    ([(5300, "more_than"), (3958, "exact")], ("r1", "r0")),
    ([(5300, "more_than"), (5000, "at_most")], ("r1", "r0")),
    ([(10, "exact"), (20, "exact"), (20, "about")], ("r0", "r2")),
])
def test_a_disputes_ends_are_its_lowest_and_highest_standing_claims(
        values: list[tuple[Any, str]], ends: tuple[str, str]) -> None:
    """The headline's ends: lowest low, and highest stated number (an open end is its bound)."""
    claims = [claim(f"r{i}", v, q, by=f"C{i}", on=DAY2) for i, (v, q) in enumerate(values)]
    [group] = groups(facts(*claims))
    assert (group.status, group.ends) == ("conflict", ends)


@pytest.mark.parametrize(("confirmed", "estimate", "expected"), [
    (3958, {"min": 18000, "max": 20000}, "agree"),  # a count below an estimate: no conflict
    (25000, {"min": 18000, "max": 20000}, "conflict"),  # a count above it: a conflict
    (19000, {"min": 18000, "max": 20000}, "agree"),
])
def test_a_confirmed_count_below_an_estimate_is_no_conflict(
        confirmed: int, estimate: Any, expected: str) -> None:
    """`basis` weighs counts apart from estimates; without it the same numbers conflict."""
    two = [claim("un", confirmed, by="UN", on=DAY2, basis="confirmed"),
           claim("mayor", estimate, by="Mayor", on=DAY2, basis="estimate")]
    [group] = groups(facts(*two))
    assert group.status == expected
    if expected == "agree":
        assert (group.current, group.estimates) == (("un",), ("mayor",))
    plain = [f.model_copy(update={"basis": None}) for f in two]
    assert status(*plain) == ("agree" if confirmed == 19000 else "conflict")


def test_two_confirmed_counts_still_conflict_beside_an_estimate() -> None:
    """Counts are judged among counts: 3,958 against 5,300+ stays a dispute."""
    three = [claim("auth", 5300, "more_than", by="Authorities", on="2023-09-13",
                   basis="confirmed"),
             claim("mayor", {"min": 18000, "max": 20000}, by="Mayor", on="2023-09-14",
                   basis="estimate"),
             claim("un", 3958, by="UN", on="2023-09-17", basis="confirmed")]
    [group] = groups(facts(*three))
    assert (group.status, group.ends, group.estimates) == (
        "conflict", ("un", "mayor"), ("mayor",))


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("2023-09", "2023-09-14", "single"),  # a month and a day in it: neither update nor conflict
    ("2023-09", "2023-10-02", "update"),  # the month is over before the day
    (2023, "2023-09-14", "single"),  # a year, as YAML reads `2023`
    ("2023-08", "2023-09", "update"),
    ("2023-09-14", "2023-09-14T10:00:00+02:00", "conflict"),  # a day and a time in it
])
def test_partial_dates_are_intervals(first: Any, second: str, expected: str) -> None:
    """One organisation's 120 and 100: ordered only when their intervals do not overlap."""
    two = [claim("m", 120, by="Office", on=first, measure="deployed"),
           claim("d", 100, by="Office", on=second, measure="deployed")]
    [group] = groups(facts(*two))
    assert group.status == expected


def test_one_function_orders_time() -> None:
    """`compare`: instants for two times, else the days each may be; overlap is unordered."""
    from factsheet.load.precision import PartialDate
    from factsheet.reconcile.bounds import compare

    utc = dt.UTC
    plus6 = dt.timezone(dt.timedelta(hours=6))
    assert compare(dt.datetime(2022, 1, 8, 0, 30, tzinfo=plus6),
                   dt.datetime(2022, 1, 7, 22, 0, tzinfo=utc)) == -1
    assert compare(PartialDate(2023, 9), dt.date(2023, 9, 14)) == 0
    assert compare(PartialDate(2023, 9), dt.date(2023, 10, 1)) == -1
    assert compare(PartialDate(2023), PartialDate(2023, 9)) == 0
    assert compare(dt.date(2023, 9, 15), PartialDate(2023, 9)) == 0


def test_a_rising_count_across_offsets_and_plain_dates_is_an_update() -> None:
    """At least 50 (a plain date), 70 and 100 at mixed UTC offsets: rising, 100 latest."""
    three = [figure("c", 100, as_of="2022-01-08T02:00:00+00:00"),
             figure("a", 50, "at_least", as_of="2022-01-06"),
             figure("b", 70, as_of="2022-01-08T05:00:00+06:00")]  # 23:00 UTC on the 7th
    [group] = groups(facts(*three))
    assert (group.status, group.latest, [f.id for f in group.figures]) == (
        "update", ("c",), ["a", "b", "c"])


@pytest.mark.parametrize(("a", "b"), [
    ("%", "percent"), ("percent", "per cent"), ("Per  Cent", "%"), ("people", "persons"),
    (None, "persons"), ("soldiers", "troops"),
])
def test_units_are_normalised_through_one_table(a: str | None, b: str) -> None:
    """Spellings of one unit make one group, not two cards."""
    two = [figure("x", 40, measure="other", unit=a), figure("y", 40, measure="other", unit=b)]
    assert [g.status for g in groups(facts(*two))] == ["agree"]


def test_units_that_differ_stay_apart() -> None:
    """Percent and percentage points, or families and people, are different counts."""
    two = [figure("x", 40, measure="other", unit="%"),
           figure("y", 4, measure="other", unit="percentage points")]
    assert len(groups(facts(*two))) == 2


def test_group_note_is_the_groups() -> None:
    """A `group_note` on any figure of the group is the group's note."""
    two = [figure("x", 10, cite="a"), figure("y", 20, cite="a", group_note="Two counts.")]
    assert groups(facts(*two))[0].note == "Two counts."


def test_one_publisher_is_one_reporter() -> None:
    """Two flash updates from one UN office are one report, whatever their titles."""
    srcs = [source("f1", publisher="UN OCHA"), source("f2", publisher="un  ocha"),
            source("r", publisher="Reuters")]
    assert independent_reports(srcs) == [["f1", "f2"], ["r"]]


@pytest.mark.parametrize(("yaml", "expected"), [
    # across claimants, a note that does not name the other claimant: refused
    ("supersedes: x, note: Revised.", "FS355"),
    ("supersedes: x, note: The ministry's count replaces A's estimate.", None),
    ("supersedes: x", "FS353"),
])
def test_supersedes_across_claimants(tmp_path: Path, yaml: str, expected: str | None) -> None:
    """FS355: `supersedes` from B's count to A's needs a note saying why, naming A."""
    sheet = ("sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
             "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
             "figures:\n"
             "  - {id: x, label: K, measure: killed, value: 10, claimed_by: A, cite: a}\n"
             "  - {id: y, label: K, measure: killed, value: 8, claimed_by: B, cite: b, "
             f"{yaml}}}\n")
    codes = [m.group(1) for d in diagnostics(tmp_path, sheet)
             if (m := re.search(r"\[(FS\d+)\]", d))]
    assert codes == ([expected] if expected else [])


def test_conflict_without_note_fires_once_per_group_in_words(tmp_path: Path) -> None:
    """FS350 once for a group of three key figures, with readable numbers and open ends."""
    sheet = ("sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
             "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
             "figures:\n"
             "  - {id: x, label: K, measure: killed, value: 2000, approx: more_than,"
             " claimed_by: A, key: true, cite: a}\n"
             "  - {id: y, label: K, measure: killed, value: 1200, claimed_by: B, key: true,"
             " cite: b}\n"
             "  - {id: z, label: K, measure: killed, value: {min: 900, max: 1100},"
             " claimed_by: C, key: true, cite: b}\n")
    got = diagnostics(tmp_path, sheet)
    assert len(got) == 1 and "FS350" in got[0]
    assert "range from 900 to 1,100 (C) to more than 2,000 (A)" in got[0]
    noted = sheet.replace("key: true, cite: a}", "key: true, cite: a, group_note: Three.}")
    assert diagnostics(tmp_path, noted) == []


def test_estimates_are_judged_among_themselves() -> None:
    """Attack: `basis` cannot hide a dispute: two estimates that cannot both hold conflict."""
    three = [claim("un", 3958, by="UN", on=DAY2, basis="confirmed"),
             claim("mayor", {"min": 18000, "max": 20000}, by="Mayor", on=DAY2,
                   basis="estimate"),
             claim("ngo", {"min": 5000, "max": 6000}, by="NGO", on=DAY2, basis="estimate")]
    [group] = groups(facts(*three))
    assert (group.status, group.ends) == ("conflict", ("un", "mayor"))


def test_a_projection_is_weighed_as_an_estimate() -> None:
    """A projection above a confirmed count is no conflict; the card's split names it."""
    two = [claim("un", 3958, by="UN", on=DAY2, basis="confirmed"),
           claim("who", 9000, "at_most", by="WHO", on=DAY2, basis="projection")]
    [group] = groups(facts(*two))
    assert (group.status, group.estimates) == ("agree", ("who",))


def test_the_card_shows_the_basis() -> None:
    """A confirmed count's card says so; counts against estimates are said in one line."""
    [card] = build_view(facts(claim("un", 3958, by="UN", on=DAY2, basis="confirmed",
                                    key=True))).key_figures
    assert (card.big, card.basis) == ("3,958", "confirmed")
    two = [claim("un", 3958, by="UN OCHA", on=DAY2, basis="confirmed", key=True),
           claim("mayor", {"min": 18000, "max": 20000}, by="Mayor", on=DAY2,
                 basis="estimate")]
    [card] = build_view(facts(*two)).key_figures
    assert (card.status, card.big, card.basis, card.also) == (
        "agree", "3,958", "3,958 confirmed; estimates up to 20,000 (Mayor)", [])
    [plain] = build_view(facts(*(f.model_copy(update={"basis": None}) for f in two))).key_figures
    assert (plain.status, plain.basis) == ("conflict", None)  # no basis: as before


def test_a_revision_dated_by_day_follows_the_timed_count_it_revises() -> None:
    """5,434 on 7 Feb revises the 07:30 UTC 5,894 of that day: it comes after it."""
    three = [claim("a", 2921, by="M", on="2023-02-06T20:00:00+03:00"),
             claim("b", 5894, by="M", on="2023-02-07T07:30:00Z"),
             claim("c", 5434, by="M", on="2023-02-07", supersedes="b", note="Counted twice.")]
    [group] = groups(facts(*three))
    assert [f.id for f in group.figures] == ["a", "b", "c"]
    assert (group.status, group.current) == ("update", ("c",))
    # Control: a revision of an earlier day stays in its own place.
    later = [claim("a", 2921, by="M", on="2023-02-06"),
             claim("b", 2800, by="M", on="2023-02-05", supersedes="a", note="Recount.")]
    [group] = groups(facts(*later))
    assert [f.id for f in group.figures] == ["b", "a"]
