"""The validator against the fixture corpus: one broken rule per invalid fixture, exact places."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import CLI
from helpers import FIXTURES, ROOT
from syrupy.assertion import SnapshotAssertion

from factsheet.errors import Diagnostic
from factsheet.validate import validate_sheet
from factsheet.validate.numbers import says_number

INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"


class Case(NamedTuple):
    """What one invalid fixture must produce: status, the diagnostic's rule and its place."""

    code: str
    status: int
    line: int
    column: int
    text: str  # a substring of the rendered diagnostic (message or hint)
    file: str = "sheet.yaml"
    count: int = 1  # how many diagnostics the fixture gives in all


# fixture folder -> expected exit status, (line, column) of its diagnostic, and a substring.
CASES: dict[str, Case] = {
    # YAML syntax and encoding
    # A fact file that is a symlink to nothing is unreadable, never silently left out.
    "dangling-link": Case("FS110", 1, 1, 1, "cannot read the file: No such file or directory",
                          file="figures.yaml"),
    "yaml-syntax": Case("FS114", 1, 2, 16, "YAML syntax: mapping values are not allowed"),
    "bad-indentation": Case("FS114", 1, 10, 15, "check the indentation and quoting on this line"),
    "unclosed-quote": Case("FS115", 1, 2, 10, "a quoted text starts here but is never closed "
                                     "(the file ends at line 38)"),
    "unclosed-flow-list": Case("FS115", 1, 37, 11, "a `[` list starts here but is never closed"),
    "two-documents": Case("FS116", 1, 8, 1, "remove the extra `---` line"),
    "tab-indentation": Case("FS112", 1, 10, 1, "a tab is used for indentation; indent with spaces"),
    "not-utf8": Case("FS111", 1, 2, 30,
          "the file is not UTF-8 (byte 0xe9); save the file as UTF-8"),
    "control-character": Case("FS119", 1, 18, 18, "a character YAML does not allow (U+0007)"),
    "top-level-list": Case("FS102", 1, 1, 1, "the top level must be a mapping of sheet, sources, "
                                    "figures, quotes, events; found a list"),
    "top-level-scalar": Case("FS102", 1, 1, 1, "found the scalar `Unrest in Almaty`"),
    "alias-bomb": Case("FS122", 1, 4, 57, "aliases expand to more than 100,000 nodes"),
    "recursive-alias": Case("FS120", 1, 37, 11, "an alias refers to a node that contains it"),
    "undefined-alias": Case("FS118", 1, 37, 11, "found undefined alias 'wire'; define the anchor"),
    "deep-nesting": Case("FS113", 1, 36, 73, "nesting deeper than 64 levels"),
    "python-object-tag": Case("FS121", 1, 29, 14,
          "the tag `!!python/object:os.system` is not allowed"),
    "local-tag": Case("FS121", 1, 29, 14, "the tag `!person` is not allowed"),
    # Keys
    "duplicate-key": Case("FS105", 1, 22, 5,
          "duplicate key `value` (first at line 20, again at line 22)"),
    "duplicate-top-level-key": Case("FS105", 1, 33, 1, "duplicate key `figures` (first at line 16, "
                                              "again at line 33)"),
    "unknown-key": Case("FS104", 1, 25, 9, "unknown key `soruce`; did you mean `source`?"),
    "unknown-field-misspelt": Case("FS104", 1, 10, 5,
          "unknown key `publsher`; did you mean `publisher`?"),
    "unknown-field": Case("FS104", 1, 31, 5,
          "unknown key `mood`; remove it; allowed here: id, speaker"),
    "unknown-top-level-key": Case("FS108", 1, 16, 1,
          "unknown top-level key `figure`; expected one of "
                                            "sheet, sources, figures, quotes, events; "
                                            "did you mean `figures`?"),
    "merge-not-mapping": Case("FS123", 1, 28, 10, "`<<` must merge a mapping"),
    # Enumerations
    "misspelt-measure": Case("FS202", 1, 19, 14,
          'found the text "deployd"; did you mean `deployed`?'),
    "misspelt-measure-killled": Case("FS202", 1, 19, 14, "did you mean `killed`?"),
    "misspelt-approx": Case("FS202", 1, 21, 13, 'found the text "roughly"; did you mean `about`?'),
    "misspelt-translation": Case("FS202", 1, 15, 18, "expected one of none, human, machine; "
                                            'found the text "machin"; did you mean `machine`?'),
    "value-misspelt-word": Case("FS209", 1, 20, 12,
          'found the text "dozen"; did you mean `dozens`?'),
    # Missing fields and wrong types
    "missing-title": Case("FS200", 1, 2, 3, "sheet.title: the required field `title` is missing"),
    "missing-as-of": Case("FS200", 1, 2, 3, "sheet.as_of: the required field `as_of` is missing"),
    "missing-publisher": Case("FS200", 1, 9, 5, "the required field `publisher` is missing"),
    "missing-published": Case("FS200", 1, 9, 5, "the required field `published` is missing"),
    "missing-speaker": Case("FS200", 1, 28, 5, "the required field `speaker` is missing"),
    "missing-quote-text": Case("FS200", 1, 28, 5,
          "quotes[0].text: the required field `text` is missing"),
    "missing-measure": Case("FS200", 1, 17, 5, "the required field `measure` is missing"),
    "empty-title": Case("FS204", 1, 2, 10, "expected text, found an empty value"),
    "empty-value": Case("FS203", 1, 29, 13, "quotes[0].speaker: expected text, found nothing"),
    "lang-no": Case("FS203", 1, 4, 9, 'found `no`, which YAML reads as a boolean; '
                             'put it in quotes: `lang: "no"`'),
    "lang-not-bcp47": Case("FS214", 1, 4, 9, "expected a BCP 47 language tag, found `english`"),
    "publisher-yes": Case("FS203", 1, 10, 16, 'found `yes`, which YAML reads as a boolean; '
                                     'put it in quotes: `publisher: "yes"`'),
    "title-date": Case("FS203", 1, 2, 10, "found `2022-01-07`, which YAML reads as a date; "
                                 'put it in quotes: `title: "2022-01-07"`'),
    "value-decimal": Case("FS206", 1, 20, 12, "found `3.700`, which YAML reads as the decimal 3.7; "
                                     "write `3700`"),
    "value-text-number": Case("FS208", 1, 20, 12, "found the text \"3,700\"; write it without "
                                         "separators or quotes: `3700`"),
    "key-not-boolean": Case("FS205", 1, 22, 10, 'expected true or false, found the text "yes"'),
    "entry-not-mapping": Case("FS211", 1, 34, 5, "events[0]: expected a mapping of fields"),
    "sheet-not-mapping": Case("FS211", 1, 1, 8, "sheet: expected a mapping of fields"),
    "list-not-list": Case("FS107", 1, 34, 3, "expected a list of events, found a mapping"),
    # Dates
    "invalid-date": Case("FS219", 1, 35, 11, "`2022-02-30` is not a valid calendar date"),
    "date-format": Case("FS218", 1, 35, 11, "found `2 January 2022`; write it as YYYY-MM-DD"),
    "datetime-without-offset": Case("FS221", 1, 13, 16, "the datetime has no UTC offset; add one, "
                                               "e.g. `2022-01-07T10:00:00+00:00`"),
    "figure-as-of-after-sheet": Case("FS307", 1, 22, 12,
          "as_of (2022-01-08) is later than the sheet's "
                                                "as_of (2022-01-07)"),
    "accessed-before-published": Case("FS303", 1, 14, 15, "accessed (2022-01-06) is earlier than "
                                                 "published (2022-01-07T10:00:00+06:00)"),
    "updated-before-published": Case("FS304", 1, 15, 14, "updated (2022-01-06) is earlier than "
                                                "published"),
    "event-span-reversed": Case("FS224", 1, 35, 11,
          "`from` is later than `to`; swap the two dates"),
    # Identity and citation
    "duplicate-id": Case("FS300", 1, 34, 9,
          "duplicate id `protests-begin` (first used by quotes[0] "
                                   "at duplicate-id/sheet.yaml:28)"),
    "duplicate-id-across-lists": Case("FS300", 1, 17, 9,
          "duplicate id `wire-2022-01-07` (first used "
                                                "by sources[0]"),
    "undefined-source": Case("FS301", 1, 32, 11,
          "cites `wire-2022-01-08`, which is not a source of "
                                        "this sheet; did you mean `wire-2022-01-07`?"),
    "missing-cite": Case("FS201", 1, 34, 5, "no `cite`: every fact needs at least one citation"),
    "empty-cite": Case("FS212", 1, 37, 11, "the cite list is empty"),
    "id-not-slug": Case("FS213", 1, 34, 9, "found `Protests_Begin`; write it as `protests-begin`"),
    "url-javascript": Case("FS215", 1, 12, 10, "expected an http or https URL, found the scheme "
                                      "`javascript:`"),
    "url-file": Case("FS215", 1, 12, 10, "found the scheme `file:`"),
    "url-no-host": Case("FS216", 1, 12, 10, "expected a full web address, found `https:/troops`"),
    # Bad values and sheet structure
    "negative-value": Case("FS207", 1, 20, 12, "expected a whole number >= 0, found -2500"),
    "min-greater-than-max": Case("FS223", 1, 20, 12, "min (3000) is greater than max (2500)"),
    "value-true": Case("FS206", 1, 20, 12, "found the boolean `true`"),
    "no-sheet-mapping": Case("FS109", 1, 1, 1, "no `sheet` mapping in any fact file of the folder"),
    "two-sheet-mappings": Case("FS106", 1, 1, 1, "a second `sheet` mapping (the first is at "
                                        "two-sheet-mappings/a-sheet.yaml:1)", "b-more.yaml"),
    "error-in-second-file": Case("FS104", 1, 3, 5, "unknown key `speeker`; did you mean `speaker`?",
                                 "b-quotes.yaml"),
    # Text hygiene (FS26x): invisible characters, quote marks around quote text
    "bidi-control": Case("FS260", 1, 6, 25, "error[FS260]: sources[0].publisher: the text contains "
                                   "U+202E RIGHT-TO-LEFT OVERRIDE"),
    "invisible-character": Case("FS261", 1, 14, 17, "error[FS261]: sources[1].agency: the text "
                                           "contains U+200B ZERO WIDTH SPACE"),
    "quote-marks": Case("FS262", 1, 26, 11, "error[FS262]: quotes[0].text: the quote text is "
                                            "wrapped in quote marks (“ and \")"),
    # A soft hyphen between the closing mark and the full stop once hid the marks.
    "quote-marks-hidden": Case("FS262", 1, 26, 11, "error[FS262]: quotes[0].text: the quote "
                                                   "text is wrapped in quote marks (“ and ”)"),
    "mixed-script": Case("FS263", 1, 14, 14, "error[FS263]: sources[1].agency: the word `Rеuters` "
                                    "mixes Cyrillic and Latin letters"),
    # Warnings: valid, but shown
    "uncited-source": Case("FS306", 0, 16, 9, "the source `other-2022-01-07` is never cited"),
    "says-without-number": Case("FS310", 0, 26, 15,
          "the excerpt does not contain the figure's value "
                                           "(2500)"),
    "date-in-future": Case("FS309", 0, 3, 10, "dated 2041-08-06, which is in the future; a typo?"),
    "ignored-warning-still-shows-others": Case("FS306", 0, 16, 9, "`other-2022-01-07` is never"),
    # Hand-editing: the source's own id is the typo, reported first; its citers briefly.
    "source-id-typo": Case("FS302", 1, 9, 9, "the source id `wire-2022-01-7` is cited as "
                                             "`wire-2022-01-07` by 4 entries; did you mean "
                                             "that?", count=5),
    "published-after-sheet": Case("FS305", 1, 13, 16, "published (2022-01-08T10:00:00+06:00) "
                                                      "is later than the sheet's as_of"),
    "published-after-sheet-no-accessed": Case("FS305", 1, 13, 16, "published (2022-01-08)"),
    "duplicate-id-nfkc": Case("FS300", 1, 34, 9, "duplicate id `Quote-Order` (first used by "
                                                 "quotes[0]", count=2),
    "unknown-rule-code": Case("FS226", 1, 24, 14, "`FS31` is not a rule code; did you mean "
                                                  "`FS310`?"),
    "ignore-not-a-list": Case("FS210", 1, 23, 13, "expected a list, found the text \"FS311\""),
    "error-not-ignorable": Case("FS227", 1, 5, 12, "`FS300` (duplicate-id) is an error, and "
                                                   "errors cannot be ignored"),
    "missing-claimed-by": Case("FS311", 0, 17, 5, "no `claimed_by`: readers cannot tell who makes"),
}
WARNINGS = sorted(name for name, case in CASES.items() if case.status == 0)


def test_every_invalid_fixture_has_a_case() -> None:
    """The table and the fixture folders name the same fixtures, and there are enough."""
    folders = {p.name for p in INVALID.iterdir() if p.is_dir()}
    assert folders == set(CASES)
    assert len(CASES) >= 45


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_fixture(name: str, cli: CLI, monkeypatch: pytest.MonkeyPatch,
                         snapshot: SnapshotAssertion) -> None:
    """Each fixture gives its status and one diagnostic at the exact place, as snapshotted."""
    case = CASES[name]
    monkeypatch.chdir(INVALID)
    run = cli("validate", name)
    assert run.status == case.status
    assert run.err == ""
    *diagnostics, summary = run.lines
    # Each fixture breaks one rule, so (with few exceptions) exactly one diagnostic comes out.
    assert len(diagnostics) == case.count, run.out
    severity = "error" if case.status else "warning"
    place = f"{name}/{case.file}:{case.line}:{case.column}: {severity}[{case.code}]: "
    [primary] = [d for d in diagnostics if d.startswith(place)]
    assert case.text in primary
    plural = "s" if case.count > 1 else ""
    verdict = f"invalid: {case.count} error{plural}" if case.status else "valid: "
    assert summary.startswith(f"{name}: {verdict}")
    assert run.out == snapshot


@pytest.mark.parametrize("name", WARNINGS)
def test_strict_turns_warnings_into_errors(name: str, cli: CLI,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Under --strict a warning fixture fails, with the same diagnostic now an error."""
    case = CASES[name]
    monkeypatch.chdir(INVALID)
    run = cli("validate", "--strict", name)
    assert run.status == 1
    assert run.lines[0].startswith(
        f"{name}/{case.file}:{case.line}:{case.column}: error[{case.code}]: ")
    assert run.lines[-1] == f"{name}: invalid: 1 error"


# valid fixture -> its exact one-line count
VALID_COUNTS = {
    "anchors": "1 source, 1 figure, 1 quote, 1 event",
    "bom-crlf": "1 source, 1 figure, 1 quote, 1 event",
    "event-span": "1 source, 1 figure, 1 quote, 1 event",
    "full": "1 source, 1 figure, 1 quote, 1 event",
    "ignored-warnings": "2 sources, 1 figure, 1 quote, 1 event",
    "merge-key": "1 source, 4 figures, 1 quote, 1 event",
    "minimal": "0 sources, 0 figures, 0 quotes, 0 events",
    "multi-file": "1 source, 1 figure, 1 quote, 2 events",
    "number-forms": "1 source, 9 figures, 1 quote, 1 event",
}


def test_every_valid_fixture_has_a_count() -> None:
    """The table and the valid fixture folders agree."""
    assert {p.name for p in VALID.iterdir() if p.is_dir()} == set(VALID_COUNTS)


@pytest.mark.parametrize("name", sorted(VALID_COUNTS))
def test_valid_fixture(name: str, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each valid fixture passes --strict with exactly its one-line count."""
    monkeypatch.chdir(VALID)
    run = cli("validate", "--strict", name)
    assert (run.status, run.out, run.err) == (0, f"{name}: valid: {VALID_COUNTS[name]}\n", "")


def test_valid_fixtures_together(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder of sheets validates each, in name order, one line apiece."""
    monkeypatch.chdir(FIXTURES)
    run = cli("validate", "valid")
    assert run.status == 0
    assert run.lines == [f"valid/{name}: valid: {VALID_COUNTS[name]}"
                         for name in sorted(VALID_COUNTS)]


def test_merge_key_values() -> None:
    """`<<` copies the anchored figure's fields, own keys win, and merges chain."""
    facts, diags = validate_sheet(VALID / "merge-key")
    assert facts is not None and diags == []
    by_id = {f.id: f for f in facts.figures}
    assert by_id["troops-arrived"].value == 2400
    assert by_id["troops-arrived"].claimed_by == "Interior Ministry"
    assert by_id["troops-arrived"].measure == "deployed"
    assert by_id["troops-stayed"].value == 100  # from &nested, which merged the first
    assert by_id["troops-stayed"].label == "Troops deployed"


def test_anchor_reuses_cite_list() -> None:
    """An aliased cite list gives each fact its own equal copy of the citations."""
    facts, _ = validate_sheet(VALID / "anchors")
    assert facts is not None
    cites = [facts.quotes[0].cite, facts.events[0].cite, facts.sheet.summary[0].cite]
    assert all(c == cites[0] for c in cites)
    assert cites[0][0].note == "the wire story"


def test_bom_crlf_matches_plain() -> None:
    """A BOM and CRLF line ends load to the same facts as the plain file."""
    crlf, _ = validate_sheet(VALID / "bom-crlf")
    plain, _ = validate_sheet(VALID / "full")
    assert crlf is not None and plain is not None
    assert crlf.to_json() | {"slug": ""} == plain.to_json() | {"slug": ""}


MULTI_ERROR = {
    "a-sheet.yaml": """\
sheet:
  title: 2022-01-07
  as_of: 2022-01-07
  lang: no
sources:
  - id: wire
    publisher: yes
    title: Story
    url: javascript:alert(1)
    published: 2022-02-30
""",
    "b-facts.yaml": """\
figures:
  - id: killed
    label: Killed
    measure: killled
    value: 3.700
    approx: roughly
    claimed_by: Ministry
    cite: wier
  - id: killed
    label: Killed
    measure: killed
    value: {min: 5, max: 2}
    claimed_by: Ministry
    cite: []
figure: []
""",
}
# (file, line, column, where) of every error MULTI_ERROR holds, in output order.
MULTI_EXPECTED = [
    ("a-sheet.yaml", 2, 10, "sheet.title"),
    ("a-sheet.yaml", 4, 9, "sheet.lang"),
    ("a-sheet.yaml", 7, 16, "sources[0].publisher"),
    ("a-sheet.yaml", 9, 10, "sources[0].url"),
    ("a-sheet.yaml", 10, 16, "sources[0].published"),
    ("b-facts.yaml", 4, 14, "figures[0].measure"),
    ("b-facts.yaml", 5, 12, "figures[0].value"),
    ("b-facts.yaml", 6, 13, "figures[0].approx"),
    ("b-facts.yaml", 8, 11, "figures[0].cite[0]"),
    ("b-facts.yaml", 9, 9, "figures[1].id"),
    ("b-facts.yaml", 12, 12, "figures[1].value"),
    ("b-facts.yaml", 14, 11, "figures[1].cite"),
    ("b-facts.yaml", 15, 1, "figure"),
]


def test_all_errors_in_one_run(tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every error of a sheet with many, across its files, comes out in one run, in order."""
    sheet = tmp_path / "many-errors"
    sheet.mkdir()
    for name, text in MULTI_ERROR.items():
        (sheet / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("validate", "many-errors")
    assert run.status == 1
    *diagnostics, summary = run.lines
    found = [(d.split(":")[0].removeprefix("many-errors/"), int(d.split(":")[1]),
              int(d.split(":")[2]), d.split(": ")[2]) for d in diagnostics]
    assert found == MULTI_EXPECTED
    assert all(re.search(r": error(\[FS\d{3}\])?: ", d) for d in diagnostics)
    assert summary == f"many-errors: invalid: {len(MULTI_EXPECTED)} errors"


def test_json_format(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """--format json gives the same diagnostics with every field, and the validity."""
    monkeypatch.chdir(INVALID)
    run = cli("validate", "--format", "json", "duplicate-key", "uncited-source")
    assert run.status == 1
    report = json.loads(run.out)
    bad, warned = report["sheets"]
    assert (bad["sheet"], bad["valid"], bad["counts"]) == ("duplicate-key", False, None)
    assert bad["diagnostics"] == [{
        "path": "duplicate-key/sheet.yaml", "line": 22, "column": 5, "severity": "error",
        "where": "figures[0].value",
        "message": "duplicate key `value` (first at line 20, again at line 22)",
        "hint": "remove one of the two; YAML would silently keep only the last", "code": "FS105",
    }]
    assert warned["valid"] is True
    assert warned["counts"] == {"sources": 2, "figures": 1, "quotes": 1, "events": 1}
    [diag] = warned["diagnostics"]
    assert set(diag) == {"path", "line", "column", "severity", "code", "where", "message",
                         "hint"}
    assert (diag["severity"], diag["where"], diag["line"], diag["column"]) == (
        "warning", "sources[1].id", 16, 9)


def test_json_matches_text(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each JSON diagnostic renders to the same line the text format prints."""
    monkeypatch.chdir(INVALID)
    names = ["error-in-second-file", "missing-claimed-by", "not-utf8", "undefined-source"]
    text = cli("validate", *names)
    data = json.loads(cli("validate", "--format", "json", *names).out)
    rendered = []
    for sheet in data["sheets"]:
        for d in sheet["diagnostics"]:
            label = f"{d['severity']}[{d['code']}]" if d["code"] else d["severity"]
            place = f"{d['path']}:{d['line']}:{d['column']}: {label}: {d['where']}: "
            rendered.append(place + d["message"] + (f"; {d['hint']}" if d["hint"] else ""))
    assert rendered == [line for line in text.lines if ": valid" not in line
                        and ": invalid" not in line]


def test_example_sheet_is_clean(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example sheet in facts/ passes --strict with no diagnostics."""
    monkeypatch.chdir(ROOT)
    run = cli("validate", "--strict", "facts/kazakhstan-2022-01")
    assert run.status == 0
    assert run.lines == [run.lines[0]]
    assert run.lines[0].startswith("facts/kazakhstan-2022-01: valid: ")


@pytest.mark.parametrize(("says", "value"), [
    ("3,700 people", 3700), ("3 700 people", 3700), ("3.700 people", 3700),
    ("3700 people", 3700), ("3\u00a0700 people", 3700), ("3\u202f700 people", 3700),
    ("3'700 people", 3700), ("Five people died", 5), ("twenty people", 20),
    ("between 10 and 12", (10, 12)), ("dozens died", "dozens"), ("a few hurt", "a few"),
    ("1,234,567 residents", 1234567),
])
def test_says_number_accepts(says: str, value: int | tuple[int, int] | str) -> None:
    """An excerpt giving the value in a usual digit form, or as a word, counts."""
    from factsheet.model import Range

    shown = Range(min=value[0], max=value[1]) if isinstance(value, tuple) else value
    assert says_number(says, shown)


@pytest.mark.parametrize(("says", "value"), [
    ("37,000 people", 3700), ("370 people", 3700), ("13,700 people", 3700),
    ("3,7000 people", 3700), ("several hundred", 300), ("between 10 and 13", (10, 12)),
    ("dozen", "dozens"), ("3.7 people", 3700), ("0.5 people", 5),
])
def test_says_number_refuses(says: str, value: int | tuple[int, int] | str) -> None:
    """A different number, or the number inside a bigger one, does not count."""
    from factsheet.model import Range

    shown = Range(min=value[0], max=value[1]) if isinstance(value, tuple) else value
    assert not says_number(says, shown)


def test_cites_of_invalid_facts_still_count(tmp_path: Path) -> None:
    """A fact that fails on another field still has its cites checked and counted."""
    text = """\
sheet:
  title: T
  as_of: 2022-01-07
sources:
  - id: wire
    publisher: P
    title: T
    published: 2022-01-07
figures:
  - id: f
    label: L
    measure: killled
    value: 5
    claimed_by: C
    cite: [wire, wier]
"""
    (tmp_path / "cites").mkdir()
    (tmp_path / "cites" / "sheet.yaml").write_text(text, encoding="utf-8")
    _, diags = validate_sheet(tmp_path / "cites")
    # No "never cited" warning for `wire`; the typo in the cite list is found in this run.
    assert [(d.line, d.column, d.severity, d.where, d.hint) for d in diags] == [
        (12, 14, "error", "figures[0].measure", "did you mean `killed`?"),
        (15, 18, "error", "figures[0].cite[1]", "did you mean `wire`?"),
    ]


def test_empty_optional_field_may_be_removed(tmp_path: Path) -> None:
    """An empty optional field suggests removing it; an empty required one does not."""
    sheet = tmp_path / "empty"
    sheet.mkdir()
    (sheet / "sheet.yaml").write_text(
        'sheet:\n  title: ""\n  subtitle: ""\n  as_of: 2022-01-07\n')
    _, diags = validate_sheet(sheet)
    assert [(d.where, d.hint) for d in diags] == [
        ("sheet.title", "fill it in: `title` is required"),
        ("sheet.subtitle", "fill it in or remove the key"),
    ]


def test_hints_for_range_ends_offsets_and_blank_ids(tmp_path: Path) -> None:
    """Each of these gets a hint that fits it, not a generic one."""
    sheet = tmp_path / "hints"
    sheet.mkdir()
    (sheet / "sheet.yaml").write_text(
        "sheet:\n  title: T\n  as_of: 2022-01-07T10:00:00+99:00\n"
        'sources:\n  - id: " "\n    publisher: P\n    title: T\n    published: 2022-01-07\n'
        "figures:\n  - id: f\n    label: L\n    measure: killed\n"
        '    value: {min: "18", max: null}\n    claimed_by: C\n    cite: [s]\n')
    _, diags = validate_sheet(sheet)
    assert [(d.line, d.column, d.hint) for d in diags][:4] == [
        (3, 10, "check the month and day, the time (00:00 to 23:59) and the UTC offset "
                "(-12:00 to +14:00)"),
        (5, 9, "give it an id of lowercase letters, digits and hyphens"),
        (13, 18, "write it without quotes: `18`"),
        (13, 29, "write a whole number in digits, e.g. `18`"),
    ]


def test_ignored_warnings_are_silenced_and_returned() -> None:
    """`ignore` on an entry and on the sheet silences those warnings, even under --strict."""
    silenced: list[Diagnostic] = []
    facts, diags = validate_sheet(VALID / "ignored-warnings", strict=True, silenced=silenced)
    assert facts is not None and diags == []
    assert [(d.code, d.line, d.severity) for d in silenced] == [
        ("FS306", 17, "warning"), ("FS311", 23, "warning")]


@pytest.mark.parametrize(("as_of", "warned"), [
    ("2024-06-02", True),  # tomorrow everywhere
    ("2024-06-01T22:59:00+14:00", False),  # a minute before the moment, in Kiribati
    ("2024-06-02T00:30:00+14:00", True),  # half an hour ahead of the moment, even there
    ("2024-06-01", False),  # today
])
def test_future_dates_warn_against_an_injected_now(tmp_path: Path, as_of: str,
                                                   warned: bool) -> None:
    """A date after the moment of the run warns; `now` is injected, so the test is stable."""
    sheet = tmp_path / "future"
    sheet.mkdir()
    (sheet / "sheet.yaml").write_text(f"sheet:\n  title: T\n  as_of: {as_of}\n")
    now = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC)  # 23:00 on 1 June in Kiribati
    _, diags = validate_sheet(sheet, now=now)
    assert [d.code for d in diags] == (["FS309"] if warned else [])


def test_source_id_typo_comes_first_across_files(tmp_path: Path) -> None:
    """The typo in a source's own id is reported before the citing lines of earlier files."""
    sheet = tmp_path / "typo"
    sheet.mkdir()
    (sheet / "a-figures.yaml").write_text(
        "figures:\n" + "".join(
            f"  - id: f{n}\n    label: L\n    measure: killed\n    value: 1\n"
            f"    claimed_by: M\n    cite: cgtn-2014-08-06\n" for n in range(3)))
    (sheet / "b-sources.yaml").write_text(
        "sheet:\n  title: T\n  as_of: 2014-08-07\nsources:\n  - id: cgtn-2014-08-6\n"
        "    publisher: CGTN\n    title: T\n    published: 2014-08-06\n")
    _, diags = validate_sheet(sheet)
    assert [(d.code, Path(d.path).name, d.line) for d in diags] == [
        ("FS302", "b-sources.yaml", 5), ("FS301", "a-figures.yaml", 7),
        ("FS301", "a-figures.yaml", 13), ("FS301", "a-figures.yaml", 19)]
    assert diags[0].message == ("the source id `cgtn-2014-08-6` is cited as `cgtn-2014-08-06` "
                                "by 3 entries; did you mean that?")
    # The citing lines point at the culprit instead of repeating the suggestion.
    assert all(d.hint == f"see the source id at {diags[0].path}:5" for d in diags[1:])


@pytest.mark.parametrize(("written", "found", "digits"), [
    ("018", "018", "18"),  # YAML 1.1 reads 017 as a number and 018 as text
    ("'١٢'", "١٢", "12"),
    ("1" + "0" * 5000, "1" + "0" * 39 + "…", "1" + "0" * 39 + "…"),  # past int()'s limit
])
def test_number_as_text_hint_is_a_count_to_copy(tmp_path: Path, written: str, found: str,
                                                digits: str) -> None:
    """FS208's fix is the count as digits, never the mistake again, and no traceback."""
    sheet = tmp_path / "numbers"
    sheet.mkdir()
    (sheet / "sheet.yaml").write_text(
        "sheet:\n  title: T\n  as_of: 2022-01-07\nsources:\n"
        "  - {id: a, publisher: P, title: T, published: 2022-01-07}\nfigures:\n"
        f"  - id: f\n    label: Killed\n    measure: killed\n    value: {written}\n"
        "    claimed_by: X\n    cite: a\n", encoding="utf-8")
    _, diags = validate_sheet(sheet)
    assert [(d.code, d.line, d.column) for d in diags] == [("FS208", 10, 12)]
    assert diags[0].render().endswith(
        f'expected a whole number, found the text "{found}"; write it without separators '
        f"or quotes: `{digits}`")


def test_a_file_left_out_brings_no_cascade_of_citation_errors(tmp_path: Path) -> None:
    """One unclosed quote in sources.yaml is one error, not one per citation of its sources."""
    sheet = tmp_path / "cascade"
    sheet.mkdir()
    (sheet / "figures.yaml").write_text(
        "sheet:\n  title: T\n  as_of: 2022-01-07\nfigures:\n" + "".join(
            f"  - id: f{n}\n    label: L\n    measure: killed\n    who: w{n}\n    value: 1\n"
            f"    claimed_by: M\n    cite: wire\n" for n in range(5)))
    (sheet / "sources.yaml").write_text(
        "sources:\n  - id: wire\n    publisher: \"Reuters\n    title: T\n"
        "    published: 2022-01-06\n  - id: other\n    publisher: AP\n    title: \"T\"\n"
        "    published: 2022-01-06\n")
    _, diags = validate_sheet(sheet)
    assert [(d.code, Path(d.path).name) for d in diags] == [("FS114", "sources.yaml")]
    # Fixed, the citations are checked again: an unknown source is still an error.
    (sheet / "sources.yaml").write_text(
        "sources:\n  - id: wire2\n    publisher: Reuters\n    title: T\n"
        "    published: 2022-01-06\n")
    _, diags = validate_sheet(sheet)
    assert {d.code for d in diags} >= {"FS301"}
