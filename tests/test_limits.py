"""Tests for limits: a sheet or archive past the documented size is said, with its cost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ROOT

from factsheet.builder import BuildOptions
from factsheet.builder.sheet import build_sheet
from factsheet.check import check_sheet, limits
from factsheet.validate import validate_sheet

RANGES = Path(__file__).parent / "fixtures" / "render" / "ranges"
VERIFIED = Path(__file__).parent / "fixtures" / "trust" / "verified" / "ellipsis-same-paragraph"


def test_rough_durations() -> None:
    assert limits.duration(0.2) == "about 1 s"
    assert limits.duration(42.4) == "about 42 s"
    assert limits.duration(160) == "about 3 min"


def test_a_sheet_over_the_figure_limit_is_warned_and_its_pdf_stages_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The limit lowered to this fixture's size stands for a 2,001-figure sheet.
    monkeypatch.setattr(limits, "MAX_FIGURES", 1)
    monkeypatch.setattr(limits, "PROGRESS_FIGURES", 1)
    sheet = tmp_path / "ranges"
    shutil.copytree(RANGES, sheet)
    result = build_sheet(sheet, BuildOptions(out=tmp_path / "out", templates=ROOT / "templates",
                                             formats=("json", "pdf")))
    assert result.status == "built"  # a warning: the sheet still builds
    [diag] = [d for d in result.diagnostics if d.code == "FS560"]
    n = len(validate_sheet(sheet)[0].figures)  # type: ignore[union-attr]
    assert diag.severity == "warning"
    key_line = (sheet / "sheet.yaml").read_text().splitlines().index("figures:") + 1
    assert (diag.path, diag.line, diag.column) == (str(sheet / "sheet.yaml"), key_line, 1)
    assert diag.message == (
        f"the sheet has {n} figures, more than the documented limit of 1; its PDF takes "
        f"about 1 s of CPU time and {round(90 + n * 1.45)} MB of memory to build")
    assert "split it into several sheets" in diag.hint
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 1)[1] for line in err] == ["layout: page 1", "writing the PDF"]


def test_a_sheet_within_the_limits_says_nothing(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "ranges"
    shutil.copytree(RANGES, sheet)
    result = build_sheet(sheet, BuildOptions(out=tmp_path / "out", templates=ROOT / "templates",
                                             formats=("json", "pdf")))
    assert not [d for d in result.diagnostics if d.code in ("FS560", "FS561")]
    assert capsys.readouterr().err == ""


def test_an_archive_over_the_size_limit_is_warned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ARCHIVE_BYTES", 10)
    facts, _ = validate_sheet(VERIFIED)
    assert facts is not None
    report = check_sheet(VERIFIED, facts, cache_dir=None)
    [diag] = [d for d in report.diagnostics if d.code == "FS561"]
    size = (VERIFIED / "archive" / "wire.txt").stat().st_size
    assert diag.severity == "warning" and diag.path.endswith("sheet.yaml")
    assert diag.message.startswith("the archived copy ")
    assert diag.message.endswith(f"wire.txt is {size / 1e6:,.1f} MB, more than the documented "
                                 "limit of 0 MB; checking it takes about 1 s")
    assert report.verification  # the copy is still checked


def test_a_copy_just_past_the_limit_does_not_read_as_equal() -> None:
    """20,000,969 bytes against 20 MB: "20.0 MB", never "20 MB, more than ... 20 MB"."""
    said = limits.archive_over_limit(20_000_969)
    assert said is not None and (said["size"], said["limit"]) == ("20.0 MB", "20 MB")
    assert limits.archive_over_limit(20_000_000) is None
