"""The flood toll's CSV rows and its diff between editions, as other tools read them (issue 24)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_real_sheets import build, edition

from factsheet.cli import main

SLUG = "flood-2023"


@pytest.fixture
def second(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> Path:
    """Edition 1 built and published, then edition 2's facts in place."""
    monkeypatch.chdir(tmp_path)
    edition(tmp_path, 1)
    build(tmp_path)
    assert main(["publish", "facts"]) == 0
    edition(tmp_path, 2)
    capsys.readouterr()
    return tmp_path


def test_the_csv_says_which_counts_stand_and_how_each_was_counted(second: Path) -> None:
    """Status, basis, note, withdrawn date and each figure's own moment, row by row."""
    build(second, "csv")
    text = (second / "build" / f"{SLUG}.csv").read_text(encoding="utf-8")
    rows = {r["id"]: r for r in list(csv.DictReader(io.StringIO(text)))[1:]}  # after HXL
    chosen = ("status", "basis", "approx", "as_of", "claimed_by", "withdrawn")
    assert {k: tuple(r[c] for c in chosen) for k, r in rows.items() if k.startswith("killed")} == {
        "killed-2000": ("superseded", "", "more_than", "2023-09-12",
                        "Eastern Libya authorities", ""),
        "killed-5300": ("standing", "", "more_than", "2023-09-13",
                        "Eastern Libya authorities", ""),
        "killed-mayor": ("standing", "estimate", "exact", "2023-09-14", "Mayor of Derna", ""),
        "killed-11300": ("withdrawn", "", "exact", "2023-09-16", "Libyan Red Crescent",
                         "2023-09-17"),
        "killed-3958": ("standing", "confirmed", "exact", "2023-09-18", "UN OCHA", ""),
    }
    assert rows["killed-3958"]["note"] == (
        "Deaths confirmed and identified by the health authorities.")


def test_the_diff_lists_the_withdrawal_and_the_revision(
        second: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Since edition 1: the toll's standing claims change, 11,300 is withdrawn with its reason."""
    assert main(["diff", "facts", "--format", "json"]) == 0
    [sheet] = json.loads(capsys.readouterr().out)["sheets"]
    assert sheet["since"]["edition"] == 1 and sheet["edition"] == 2
    changes = {(c["kind"], c["id"]): c for c in sheet["changes"]}
    toll = changes[("group", "killed-3958")]
    assert [a["id"] for a in toll["before"]] == ["killed-5300", "killed-mayor", "killed-11300"]
    assert [a["id"] for a in toll["after"]] == ["killed-5300", "killed-mayor", "killed-3958"]
    withdrawn = changes[("retracted", "killed-11300")]
    assert withdrawn["after"] == "The Libyan Red Crescent denied giving the figure."
    assert withdrawn["cites"] == ["reuters-0917"]
    assert ("added", "reuters-0917") in changes
