"""Tests for the build stage: incremental, parallel, isolated failures, atomic writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import RENDER, ROOT

import factsheet.builder as build
from factsheet.builder import BuildOptions, build_all
from factsheet.cli import main
from factsheet.fsutil import write_atomic


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small project: three sheets, the briefing template and a custom one for `gamma`."""
    shutil.copytree(ROOT / "templates" / "briefing", tmp_path / "templates" / "briefing")
    custom = tmp_path / "templates" / "memo"
    custom.mkdir()
    (custom / "sheet.html").write_text('{% extends "base.html" %}\n')
    for slug, fixture in (("alpha", "ranges"), ("beta", "vague-values"),
                          ("gamma", "quote-variants")):
        shutil.copytree(RENDER / fixture, tmp_path / "facts" / slug)
    sheet = tmp_path / "facts" / "gamma" / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace("  as_of:", "  template: memo\n  as_of:", 1))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def options(**changes: object) -> BuildOptions:
    """Fast options (no PDF) for the incremental logic."""
    base = BuildOptions(out=Path("build"), formats=("json", "html"), templates=Path("templates"))
    return replace(base, **changes)  # type: ignore[arg-type]


def sheets() -> list[Path]:
    """The project's sheets in order."""
    return [Path("facts") / s for s in ("alpha", "beta", "gamma")]


def statuses(opts: BuildOptions | None = None, **kw: object) -> dict[str, str]:
    """Build and return each sheet's status by slug."""
    report = build_all(sheets(), opts or options(), jobs=1, **kw)  # type: ignore[arg-type]
    return {r.folder.name: r.status for r in report.results}


BUILT = {"alpha": "built", "beta": "built", "gamma": "built"}
SKIPPED = {"alpha": "skipped", "beta": "skipped", "gamma": "skipped"}


def test_second_build_skips_everything(project: Path) -> None:
    """Nothing changed, nothing rebuilt."""
    assert statuses() == BUILT
    assert statuses() == SKIPPED


def test_changed_fact_file_rebuilds_only_that_sheet(project: Path) -> None:
    """Editing one sheet's YAML rebuilds that sheet alone."""
    statuses()
    path = project / "facts" / "beta" / "sheet.yaml"
    path.write_text(path.read_text().replace("Vague values", "Vague values, revised"))
    assert statuses() == {**SKIPPED, "beta": "built"}
    assert "Vague values, revised" in (project / "build" / "beta.html").read_text()


def test_added_fact_file_rebuilds(project: Path) -> None:
    """A new fact file in a sheet folder is a change to that sheet."""
    statuses()
    (project / "facts" / "alpha" / "more.yaml").write_text("events: []\n")
    assert statuses() == {**SKIPPED, "alpha": "built"}


def test_changed_archive_rebuilds_only_that_sheet(project: Path) -> None:
    """Adding or changing an archived copy of a cited article rebuilds its sheet."""
    statuses()
    archive = project / "facts" / "alpha" / "archive"
    archive.mkdir()
    (archive / "wire-a.txt").write_text("Officials said between 18 and 26 people died.\n")
    assert statuses() == {**SKIPPED, "alpha": "built"}
    assert statuses() == SKIPPED
    (archive / "wire-a.txt").write_text("Officials said between 18 and 26 people were killed.\n")
    assert statuses() == {**SKIPPED, "alpha": "built"}


def test_changed_template_rebuilds_the_sheets_using_it(project: Path) -> None:
    """A change in the base template rebuilds all; in the custom one, only its sheet."""
    statuses()
    (project / "templates" / "memo" / "sheet.html").write_text(
        '{% extends "base.html" %}\n{% block legend %}{% endblock %}\n')
    assert statuses() == {**SKIPPED, "gamma": "built"}
    css = project / "templates" / "briefing" / "style.css"
    css.write_text(css.read_text() + "\n/* changed */\n")
    assert statuses() == BUILT


def test_changed_options_rebuild(project: Path) -> None:
    """Different formats or strictness rebuild every sheet; --force does too."""
    statuses()
    assert statuses(options(formats=("json",))) == BUILT
    assert statuses(options(formats=("json",))) == SKIPPED
    assert statuses(options(formats=("json",), strict=True)) == BUILT
    assert statuses(options(formats=("json",), strict=True), force=True) == BUILT


def test_new_version_rebuilds(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Upgrading factsheet invalidates every sheet."""
    statuses()
    monkeypatch.setattr(build.options, "__version__", "99.0")
    assert statuses() == BUILT


def test_deleted_output_rebuilds(project: Path) -> None:
    """A missing output is rebuilt even though the inputs did not change."""
    statuses()
    (project / "build" / "beta.html").unlink()
    assert statuses() == {**SKIPPED, "beta": "built"}


def test_invalid_sheet_fails_alone_and_keeps_its_previous_outputs(project: Path) -> None:
    """One broken sheet: the others build, its old outputs stay, the run fails."""
    statuses()
    before = (project / "build" / "beta.html").read_bytes()
    (project / "facts" / "beta" / "sheet.yaml").write_text("sheet: [\n")
    alpha = project / "facts" / "alpha" / "sheet.yaml"
    alpha.write_text(alpha.read_text().replace("Ranges", "Ranges, revised"))
    report = build_all(sheets(), options(), jobs=1)
    assert {r.folder.name: r.status for r in report.results} == {
        "alpha": "built", "beta": "failed", "gamma": "skipped"}
    assert [r.folder.name for r in report.failed] == ["beta"]
    assert report.failed[0].diagnostics[0].render().startswith(
        "facts/beta/sheet.yaml:2:1: error[FS114]: document: YAML syntax:")
    assert (project / "build" / "beta.html").read_bytes() == before
    assert "Ranges, revised" in (project / "build" / "alpha.html").read_text()


def test_crash_in_one_sheet_does_not_stop_the_others(project: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception fails its sheet with a message, not a traceback."""
    real = build.build_sheet

    def flaky(folder: Path, opts: BuildOptions) -> build.SheetResult:
        if folder.name == "beta":
            raise RuntimeError("boom")
        return real(folder, opts)

    monkeypatch.setattr(build.sheet, "build_sheet", flaky)
    report = build_all(sheets(), options(), jobs=1)
    assert [r.status for r in report.results] == ["built", "failed", "built"]
    diag = report.results[1].diagnostics[0]
    assert (diag.code, diag.message) == ("FS509", "internal error: RuntimeError: boom")


def test_parallel_build_matches_serial(project: Path) -> None:
    """Two workers produce exactly the bytes one worker does."""
    build_all(sheets(), options(out=Path("serial")), jobs=1)
    report = build_all(sheets(), options(out=Path("parallel")), jobs=2)
    assert [r.status for r in report.results] == ["built"] * 3
    for name in sorted(os.listdir("serial")):
        if not name.startswith("."):
            assert (Path("serial") / name).read_bytes() == (Path("parallel") / name).read_bytes()


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that dies before the rename leaves the previous file and no temporary."""
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")

    def dies(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["sheet.pdf"]


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.rstrip().endswith(b"%%EOF")
    if path.suffix == ".html":
        return data.rstrip().endswith(b"</html>")
    json.loads(data)
    return True


@pytest.mark.slow
def test_killed_build_leaves_no_partial_files(project: Path) -> None:
    """SIGKILL mid-build: every output present is complete; the next run sweeps temporaries."""
    for n in range(6):
        shutil.copytree(RENDER / "ranges", project / "facts" / f"extra-{n}")
    proc = subprocess.Popen([sys.executable, "-m", "factsheet", "build", "facts", "--out",
                             "build", "-j", "1"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(Path("build").glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    outputs = [p for p in Path("build").iterdir() if p.is_file() and not p.name.startswith(".")]
    assert outputs, "the build was killed before writing anything"
    assert all(_complete(p) for p in outputs)
    # What a killed writer leaves: a temporary named after it (its pid, now dead).
    (Path("build") / f".extra-0.pdf.{proc.pid}.tmp").write_bytes(b"%PDF-partial")
    assert main(["build", "facts", "--out", "build", "-j", "1", "--to", "json"]) == 0
    assert not list(Path("build").glob(".*.tmp"))


@pytest.mark.parametrize("argv", [["--version"], ["validate", "facts"]])
def test_fast_commands_do_not_import_weasyprint(argv: list[str]) -> None:
    """--version and validate never pay for importing WeasyPrint."""
    code = (f"import sys\nfrom factsheet.cli import main\ntry:\n    main({argv!r})\n"
            "except SystemExit:\n    pass\nprint('weasyprint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_cli_reports_each_sheet_and_a_summary(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Off a terminal: one line per sheet with its status and time, then the diagnostics and
    a summary, all on stdout (the one stream of diagnostics); stderr says what failed."""
    (project / "facts" / "beta" / "sheet.yaml").write_text("sheet: {title: x}\n")
    assert main(["build", "facts", "--out", "build", "--to", "json", "-j", "1"]) == 1
    out, err = capsys.readouterr()
    lines = [re.sub(r"\d+\.\d\ds", "T", line) for line in out.splitlines()]
    assert lines == [
        "[1/3] built   facts/alpha in T",
        "[2/3] failed  facts/beta in T",
        "[3/3] built   facts/gamma in T",
        "facts/beta/sheet.yaml:1:8: error[FS200]: sheet.as_of: the required field `as_of` is "
        "missing; add `as_of: ...` to this entry",
        "2 built, 0 up to date, 1 failed in T",
    ]
    assert err.splitlines() == ["failed: facts/beta"]
    assert main(["build", "facts", "--out", "build", "--to", "json", "-j", "1"]) == 1
    out, _ = capsys.readouterr()
    assert "[1/3] skipped facts/alpha (up to date)" in out.splitlines()


def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad format or a missing folder is a usage error."""
    assert main(["build", "facts", "--to", "docx"]) == 2
    assert capsys.readouterr().err == (
        "factsheet: error[FS007]: unknown format(s) docx; choose from json, html, pdf, csv, csl\n")
    assert main(["build", "nowhere"]) == 2


def test_json_carries_each_citations_verification(project: Path) -> None:
    """With archived copies, every citation in the JSON says whether it was verified."""
    archive = project / "facts" / "alpha" / "archive"
    archive.mkdir()
    (archive / "wire-a.txt").write_text("Officials said between 18 and 26 people died.\n")
    build_all([Path("facts/alpha")], options(formats=("json", "html")), jobs=1)
    data = json.loads((project / "build" / "alpha.json").read_text())
    # The second figure cites without an excerpt: nothing verbatim to check.
    assert [c["verification"] for f in data["figures"] for c in f["cite"]] == [
        "verified", "unchecked"]
    assert "✓</span>" in (project / "build" / "alpha.html").read_text()


def test_summary_citations_are_verified_too(project: Path) -> None:
    """Summary statements' excerpts are checked and reported like any other citation."""
    sheet = project / "facts" / "beta" / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace(
        "  as_of: 2022-01-07\n",
        "  as_of: 2022-01-07\n  summary:\n    - text: Many died.\n      cite:\n"
        "        - source: wire-a\n          says: dozens were killed\n", 1))
    archive = project / "facts" / "beta" / "archive"
    archive.mkdir()
    (archive / "wire-a.txt").write_text("Officials said dozens were killed.\n")
    build_all([Path("facts/beta")], options(formats=("json",)), jobs=1)
    data = json.loads((project / "build" / "beta.json").read_text())
    assert data["sheet"]["summary"][0]["cite"][0]["verification"] == "verified"


def test_loose_fact_file_beside_sheet_folders_is_a_usage_error(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A stray YAML file in facts/ must not turn the folder into one sheet and hide the rest."""
    (project / "facts" / "stray.yaml").write_text("sheet: {title: x}\n")
    assert main(["build", "facts", "--to", "json"]) == 2
    assert capsys.readouterr().err == (
        "factsheet: error[FS003]: facts/stray.yaml: a fact file directly in facts, which also "
        "holds sheet folders (alpha/ ...); move it into its sheet's folder\n")


def test_progress_bar_counts_and_prints_failures() -> None:
    """On a terminal the bar advances per sheet and failures are printed above it."""
    from rich.console import Console

    from factsheet.builder import SheetResult
    from factsheet.builder.progress import BarProgress

    bar = BarProgress(2, Console(record=True, force_terminal=True, width=100))
    with bar:
        bar(SheetResult(Path("facts/a"), "built", seconds=1.0), 1, 2)
        bar(SheetResult(Path("facts/b"), "failed", seconds=0.5), 2, 2)
    assert bar.progress.tasks[0].completed == 2
    assert "[2/2] failed  facts/b in 0.50s" in bar.progress.console.export_text()


def test_excerpt_missing_from_its_archive_fails_the_sheet(project: Path) -> None:
    """Fail closed: an excerpt not in the saved article stops that sheet; old outputs stay."""
    statuses()
    before = (project / "build" / "alpha.html").read_bytes()
    archive = project / "facts" / "alpha" / "archive"
    archive.mkdir()
    (archive / "wire-a.txt").write_text("Officials said between 18 and 25 people died.\n")
    report = build_all(sheets(), options(), jobs=1)
    assert [r.status for r in report.results] == ["failed", "skipped", "skipped"]
    [error] = [d for d in report.results[0].diagnostics if d.severity == "error"]
    assert error.render().startswith(
        "facts/alpha/sheet.yaml:30:15: error[FS401]: figures[0].cite[0].says: the excerpt is not "
        "found in facts/alpha/archive/wire-a.txt; closest passage, line 1")
    assert "“between 18 and 25 people”" in error.message
    assert (project / "build" / "alpha.html").read_bytes() == before


def test_missing_archive_is_a_warning_or_under_strict_an_error(project: Path) -> None:
    """A cited source without a saved copy warns; --strict (as in make sheet) fails it."""
    archive = project / "facts" / "alpha" / "archive"
    archive.mkdir()
    (archive / "paper-b.txt").write_text("Nothing relevant.\n")
    report = build_all([Path("facts/alpha")], options(), jobs=1)
    assert report.results[0].status == "built"
    assert [d.message for d in report.results[0].diagnostics] == [
        "no archived copy of `wire-a`; 1 citation of it cannot be checked"]
    strict = build_all([Path("facts/alpha")], options(strict=True), jobs=1)
    assert strict.results[0].status == "failed"


def test_creating_the_archive_folder_rebuilds(project: Path) -> None:
    """A sheet built without archives rebuilds once an archive folder appears for it."""
    statuses()
    (project / "facts" / "beta" / "archive").mkdir()
    assert statuses() == {**SKIPPED, "beta": "built"}
    assert statuses() == SKIPPED


def test_template_errors_in_a_build_carry_code_and_hint(project: Path) -> None:
    """A sheet naming a template that does not exist fails with FS502 and its fix."""
    sheet = project / "facts" / "alpha" / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace("  as_of:", "  template: nosuch\n  as_of:", 1))
    report = build_all([Path("facts/alpha")], options(), jobs=1)
    diag = report.results[0].diagnostics[-1]
    assert (diag.code, diag.path) == ("FS502", "templates/nosuch")
    assert diag.message.startswith("template `nosuch` not found")
    assert diag.hint == "choose one of the templates listed, or add its folder under --templates"


def test_no_cache_searches_again_and_writes_no_cache(project: Path) -> None:
    """`build --no-cache` passes cache_dir=None to the check: nothing read from or written to it."""
    archive = project / "facts" / "alpha" / "archive"
    archive.mkdir()
    (archive / "wire-a.txt").write_text("Officials said between 18 and 26 people died.\n")
    assert main(["build", "facts/alpha", "--to", "json", "--no-cache", "-j", "1"]) == 0
    assert not (project / ".factsheet-cache").exists()
    assert main(["build", "facts/alpha", "--to", "json", "--force", "-j", "1"]) == 0
    assert (project / ".factsheet-cache").exists()


def test_an_output_edited_by_hand_is_rebuilt(project: Path) -> None:
    """The stamp holds each output's hash: a tampered or mixed-in file is replaced."""
    assert statuses() == BUILT
    html = project / "build" / "beta.html"
    good = html.read_bytes()
    html.write_bytes(good.replace(b"Vague values", b"Forged values"))
    assert statuses() == {**SKIPPED, "beta": "built"}
    assert html.read_bytes() == good
