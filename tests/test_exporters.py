"""Tests for the exporters registry and the CSV (HXL) and CSL-JSON exporters."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import load_facts
from helpers import RENDER, write_sheet
from syrupy.assertion import SnapshotAssertion

from factsheet.cli import main
from factsheet.errors import UsageError
from factsheet.exporters import DEFAULT_FORMATS, EXPORTERS, parse_formats
from factsheet.exporters.csl import sources_csl
from factsheet.exporters.csv import COLUMNS, figures_csv

FIXTURES = ("ranges", "vague-values", "competing-reports", "russian-locale")


def test_registry_order_and_defaults() -> None:
    """json, html and pdf by default; csv and csl on request; unknown names refused."""
    assert DEFAULT_FORMATS == ("json", "html", "pdf")
    assert list(EXPORTERS) == ["json", "html", "pdf", "csv", "csl"]
    assert parse_formats("csl, csv,json") == ("json", "csv", "csl")
    with pytest.raises(UsageError, match=r"unknown format\(s\) docx; choose from json, html, "
                                         r"pdf, csv, csl"):
        parse_formats("csv,docx")


@pytest.mark.parametrize("name", FIXTURES)
def test_csv_snapshot(name: str, snapshot: SnapshotAssertion) -> None:
    """The figures as CSV with the HXL hashtag row; deterministic bytes."""
    data = figures_csv(load_facts(RENDER / name))
    assert data.decode() == snapshot


@pytest.mark.parametrize("name", FIXTURES)
def test_csl_snapshot(name: str, snapshot: SnapshotAssertion) -> None:
    """The sources as CSL-JSON items."""
    assert sources_csl(load_facts(RENDER / name)).decode() == snapshot


def test_csv_is_rfc4180_with_a_hashtag_row() -> None:
    """CRLF rows, quoted fields where needed, header then HXL tags, one row per figure."""
    facts = load_facts(RENDER / "competing-reports")
    data = figures_csv(facts)
    assert data.count(b"\r\n") == len(facts.figures) + 2
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert rows[0] == [name for name, _ in COLUMNS]
    assert rows[1][:2] == ["#meta+id", "#indicator+name"]
    assert all(tag.startswith("#") and " " not in tag for tag in rows[1])
    assert [r[0] for r in rows[2:]] == [f.id for f in facts.figures]


def test_a_range_and_a_word_have_the_bounds_of_the_groups_table() -> None:
    """{min, max} gives its ends; a vague word its row of the bounds table (dozens: 24-99)."""
    ranges = list(csv.reader(io.StringIO(figures_csv(load_facts(RENDER / "ranges")).decode())))
    assert ranges[2][4:7] == ["18-26", "18", "26"]
    vague = list(csv.reader(io.StringIO(
        figures_csv(load_facts(RENDER / "vague-values")).decode())))
    assert ["dozens", "24", "99"] in [r[4:7] for r in vague[2:]]


def test_bounds_follow_approx() -> None:
    """`at least 26` has no upper bound; `about 40` is 36-44 (±10%), as groups read it."""
    rows = list(csv.reader(io.StringIO(
        figures_csv(load_facts(RENDER / "competing-reports")).decode())))
    assert [r[4:8] for r in rows[2:]] == [["18", "18", "18", "exact"],
                                          ["26", "26", "", "at_least"],
                                          ["40", "36", "44", "about"]]


def test_a_formula_in_hand_typed_text_is_defused(tmp_path: Path) -> None:
    """Attack: a label or claimant that a spreadsheet would run as a formula."""
    folder = tmp_path / "formula"
    shutil.copytree(RENDER / "ranges", folder)
    sheet = folder / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace("label: Killed", 'label: "=HYPERLINK(1)"')
                     .replace("claimed_by: Officials", 'claimed_by: "@SUM(A1)"'))
    row = list(csv.reader(io.StringIO(figures_csv(load_facts(folder)).decode())))[2]
    assert (row[1], row[10]) == ("'=HYPERLINK(1)", "'@SUM(A1)")


def test_csl_items_are_valid() -> None:
    """Each item has the CSL fields of an article-newspaper, with date-parts."""
    facts = load_facts(RENDER / "ranges")
    items = json.loads(sources_csl(facts))
    assert [i["id"] for i in items] == [s.id for s in facts.sources]
    for item in items:
        assert item["type"] == "article-newspaper"
        assert isinstance(item["title"], str) and isinstance(item["container-title"], str)
        parts = item["issued"]["date-parts"]
        assert len(parts) == 1 and all(isinstance(n, int) for n in parts[0])
        assert set(item) <= {"id", "type", "title", "container-title", "issued", "accessed",
                             "URL", "language"}
    assert items[0]["accessed"] == {"date-parts": [[2022, 1, 8]]}


def test_build_to_csv_and_csl_writes_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`build --to csv,csl` writes <slug>.csv and <slug>.csl.json and nothing else."""
    shutil.copytree(RENDER / "ranges", tmp_path / "facts" / "ranges")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "facts", "--to", "csv,csl", "--out", "out", "-j", "1"]) == 0
    assert sorted(p.name for p in Path("out").iterdir() if p.is_file()) == [
        "ranges.csl.json", "ranges.csv"]
    assert Path("out/ranges.csv").read_bytes().split(b"\r\n")[1].startswith(b"#meta+id,")


FLOOD = """\
sheet:
  title: Flood
  as_of: 2023-09-18
sources:
  - id: region-1
    publisher: Regional Authority
    title: Statement on the flood
    published: 2023-09-11
  - id: wire
    publisher: Wire A
    title: Toll rises in flooded city
    url: https://example.com/wire
    published: 2023-09-12T10:00:00+02:00
    archive_url: https://web.archive.org/web/20230912/https://example.com/wire
  - id: sitrep
    publisher: UN OCHA
    title: Flash update
    published: 2023-09
  - id: yearbook
    publisher: Almanac Press
    title: The year in floods
    published: 2023
figures:
  - id: dead-region-1
    label: Dead
    measure: killed
    value: 2000
    approx: more_than
    claimed_by: Regional Authority
    as_of: 2023-09-11
    cite: region-1
  - id: dead-region-2
    label: Dead
    measure: killed
    value: 5300
    approx: more_than
    claimed_by: Regional Authority
    supersedes: dead-region-1
    note: The authority's second count.
    cite: wire
  - id: dead-society
    label: Dead
    measure: killed
    value: 11300
    claimed_by: Aid Society
    cite: sitrep
    retracted:
      date: 2023-09-14
      reason: The society denied the figure.
      cite: sitrep
  - id: dead-un
    label: Dead
    measure: killed
    value: 3958
    approx: about
    claimed_by: UN OCHA
    note: Confirmed and identified by the health authorities.
    cite: [sitrep, yearbook]
"""


def flood(tmp_path: Path) -> Path:
    """A flood toll: a claimant's own revision, a withdrawn figure, month and year dates."""
    return write_sheet(tmp_path / "flood", FLOOD)


def test_csv_rows_carry_status_basis_note_withdrawal_and_the_figure_s_own_moment(
        tmp_path: Path) -> None:
    """Each row, field by field: the moment is the figure's `as_of`, else its source's date."""
    rows = list(csv.DictReader(io.StringIO(figures_csv(load_facts(flood(tmp_path))).decode())))
    by = {r["id"]: r for r in rows[1:]}  # rows[0] is the hashtag row
    assert rows[0]["status"] == "#status" and rows[0]["withdrawn"] == "#date+withdrawn"
    picked = ("status", "basis", "note", "withdrawn", "as_of", "value", "approx")
    assert {i: tuple(r[k] for k in picked) for i, r in by.items()} == {
        "dead-region-1": ("superseded", "", "", "", "2023-09-11", "2000", "more_than"),
        "dead-region-2": ("standing", "", "The authority's second count.", "",
                          "2023-09-12T10:00:00+02:00", "5300", "more_than"),
        "dead-society": ("withdrawn", "", "", "2023-09-14", "2023-09", "11300", "exact"),
        # Its sources' latest date, as precise as they give it: no invented day.
        "dead-un": ("standing", "", "Confirmed and identified by the health authorities.", "",
                    "2023-09", "3958", "about"),
    }
    assert "2023-09-18" not in {r["as_of"] for r in by.values()}  # never the sheet's date


def test_csv_basis_column_reads_the_figure_s_basis(tmp_path: Path) -> None:
    """The basis column holds a figure's `basis` when the model has one, else stays empty."""
    from factsheet.exporters.csv import _row

    facts = load_facts(flood(tmp_path))
    figure = facts.figures[3]
    sources = {s.id: s for s in facts.sources}
    header = [name for name, _ in COLUMNS]
    plain = dict(zip(header, _row(figure, sources, "standing"), strict=True))
    assert plain["basis"] == ""

    class Counted:  # a figure as the model will give it, with `basis`
        def __getattr__(self, name: str) -> object:
            return "confirmed" if name == "basis" else getattr(figure, name)

    row = _row(Counted(), sources, "standing")  # type: ignore[arg-type]
    counted = dict(zip(header, row, strict=True))
    assert counted["basis"] == "confirmed"


def test_csl_types_archive_fields_and_partial_dates(tmp_path: Path) -> None:
    """An organisation's own report is `report`; archive copies in CSL's archive fields;
    a year or a month stays a year or a month in `date-parts`."""
    items = {i["id"]: i for i in json.loads(sources_csl(load_facts(flood(tmp_path))))}
    assert {k: v["type"] for k, v in items.items()} == {
        "region-1": "report", "wire": "article-newspaper", "sitrep": "report",
        "yearbook": "article-newspaper"}
    assert items["sitrep"]["publisher"] == "UN OCHA" and "container-title" not in items["sitrep"]
    assert items["wire"]["container-title"] == "Wire A" and "publisher" not in items["wire"]
    assert {k: v["issued"] for k, v in items.items()} == {
        "region-1": {"date-parts": [[2023, 9, 11]]}, "wire": {"date-parts": [[2023, 9, 12]]},
        "sitrep": {"date-parts": [[2023, 9]]}, "yearbook": {"date-parts": [[2023]]}}
    assert (items["wire"]["archive"], items["wire"]["archive_location"]) == (
        "web.archive.org", "https://web.archive.org/web/20230912/https://example.com/wire")
    assert all("archive" not in v for k, v in items.items() if k != "wire")


def test_csv_status_follows_the_standing_claims_reconcile_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where reconcile lists a group's standing claims, a claimant's earlier count that is
    not among them is superseded, with no `supersedes` of its own."""
    from types import SimpleNamespace

    from factsheet.exporters.csv import statuses

    facts = load_facts(flood(tmp_path))
    group = SimpleNamespace(figures=facts.figures, retracted=frozenset({"dead-society"}),
                            superseded=frozenset(), standing=("dead-region-2", "dead-un"))
    monkeypatch.setattr("factsheet.reconcile.groups", lambda _: [group])
    assert statuses(facts) == {"dead-region-1": "superseded", "dead-region-2": "standing",
                               "dead-society": "withdrawn", "dead-un": "standing"}
