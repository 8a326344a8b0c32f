"""Tests for load/files.py and load/record.py: a sheet's files, the record of its inputs."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import RENDER, ROOT

import factsheet.builder.sheet as build_sheet_module
from factsheet.builder import BuildOptions, build_all
from factsheet.check.locate import archive_candidates
from factsheet.cli import main
from factsheet.errors import UsageError
from factsheet.load import files as project
from factsheet.load import record
from factsheet.load.files import find_sheets, same_slugs, sheet_files_at
from factsheet.load.record import Record
from factsheet.load.sheet import load_sheet

ARTICLE = "Officials said between 18 and 26 people died.\n"


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two sheets (only alpha cites wire-a) and the templates."""
    shutil.copytree(ROOT / "templates" / "briefing", tmp_path / "templates" / "briefing")
    shutil.copytree(RENDER / "ranges", tmp_path / "facts" / "alpha")
    shutil.copytree(RENDER / "vague-values", tmp_path / "facts" / "beta")
    beta = tmp_path / "facts" / "beta" / "sheet.yaml"
    beta.write_text(beta.read_text().replace("wire-a", "wire-z"))  # DIR/<id> is shared
    monkeypatch.chdir(tmp_path)
    return tmp_path


def opts(**changes: object) -> BuildOptions:
    """Fast options: no PDF."""
    base = BuildOptions(out=Path("build"), formats=("json", "html"), templates=Path("templates"))
    return replace(base, **changes)  # type: ignore[arg-type]


def run(options: BuildOptions | None = None) -> dict[str, str]:
    """Build both sheets; each one's status by slug."""
    sheets = [Path("facts/alpha"), Path("facts/beta")]
    report = build_all(sheets, options or opts(), jobs=1)
    return {r.folder.name: r.status for r in report.results}


BUILT = {"alpha": "built", "beta": "built"}
SKIPPED = {"alpha": "skipped", "beta": "skipped"}
ALPHA = {"alpha": "built", "beta": "skipped"}


def test_candidates_cover_every_documented_layout(tmp_path: Path) -> None:
    """<sheet>/archive/<id>, DIR/<id>, DIR/<slug>/<id>, and a declared folder."""
    sheet = tmp_path / "s"
    # A page as fetched outranks any text extracted from it (docs/check.md).
    assert archive_candidates(sheet, "a", None)[0] == sheet / "archive" / "a.html"
    found = archive_candidates(sheet, "a", tmp_path / "D")
    assert tmp_path / "D" / "a.html" in found and tmp_path / "D" / "s" / "a.md" in found
    assert archive_candidates(sheet, "a", None, "../saved")[0] == sheet / "../saved" / "a.html"


@pytest.mark.parametrize("layout", ["sheet-archive", "dir-id", "dir-slug-id", "declared",
                                    "declared-slug-id"])
def test_an_archive_in_each_layout_rebuilds_exactly_its_sheet(proj: Path, layout: str) -> None:
    """Adding, then changing, a cited article's copy rebuilds only the sheet citing it."""
    options = opts()
    folder = {"sheet-archive": proj / "facts" / "alpha" / "archive",
              "dir-id": proj / "saved", "dir-slug-id": proj / "saved" / "alpha",
              "declared": proj / "elsewhere",
              "declared-slug-id": proj / "elsewhere" / "alpha"}[layout]
    if layout in ("dir-id", "dir-slug-id"):
        (proj / "saved").mkdir()
        options = opts(archive_dir=Path("saved"))
    if layout == "declared-slug-id":
        (proj / "elsewhere").mkdir()  # the declared folder, holding a folder per sheet
    if layout.startswith("declared"):
        sheet = proj / "facts" / "alpha" / "sheet.yaml"
        sheet.write_text(sheet.read_text().replace("  as_of:", "  archive: ../../elsewhere\n"
                                                   "  as_of:", 1))
    assert run(options) == BUILT
    assert run(options) == SKIPPED
    folder.mkdir(exist_ok=True)
    (folder / "wire-a.txt").write_text(ARTICLE)
    assert run(options) == ALPHA
    data = json.loads((proj / "build" / "alpha.json").read_text())
    assert data["figures"][0]["cite"][0]["verification"] == "verified"
    assert run(options) == SKIPPED
    (folder / "wire-a.txt").write_text(ARTICLE.replace("26", "62"))
    assert run(options) == {"alpha": "failed", "beta": "skipped"}  # the excerpt is gone


def test_a_template_file_added_after_the_build_rebuilds(proj: Path) -> None:
    """A new file in the template chain (e.g. a partial a later edit includes) is a change."""
    assert run() == BUILT
    (proj / "templates" / "briefing" / "extra.html").write_text("<p>new</p>\n")
    assert run() == BUILT
    assert run() == SKIPPED


def test_a_fact_file_edited_mid_build_triggers_the_next_build(
        proj: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stamp holds what was read before rendering: an edit during rendering is not lost."""
    real = build_sheet_module.export
    sheet = proj / "facts" / "alpha" / "sheet.yaml"

    def export_and_edit(context, formats):  # type: ignore[no-untyped-def]
        if context.facts.slug == "alpha" and "Ranges, saved" not in sheet.read_text():
            sheet.write_text(sheet.read_text().replace("Ranges", "Ranges, saved"))
        return real(context, formats)

    monkeypatch.setattr(build_sheet_module, "export", export_and_edit)
    assert run() == BUILT
    assert "Ranges, saved" not in (proj / "build" / "alpha.html").read_text()
    assert run() == ALPHA
    assert "Ranges, saved" in (proj / "build" / "alpha.html").read_text()
    assert run() == SKIPPED


def test_a_package_source_file_rebuilds_every_sheet(
        proj: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing factsheet's own code (or upgrading it) invalidates every stamp."""
    shutil.copytree(ROOT / "factsheet", proj / "pkg", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(record, "PACKAGE", proj / "pkg")
    record.package_digest.cache_clear()
    try:
        assert run() == BUILT
        assert run() == SKIPPED
        view = proj / "pkg" / "view" / "sheet.py"
        view.write_text(view.read_text() + "\n# an edit\n")
        record.package_digest.cache_clear()
        assert run() == BUILT
    finally:
        record.package_digest.cache_clear()


def test_same_slug_in_two_folders_is_an_error_naming_both(proj: Path) -> None:
    """Neither sheet is built, so neither overwrites the other."""
    shutil.copytree(RENDER / "quote-variants", proj / "more" / "alpha")
    report = build_all([Path("facts/alpha"), Path("more/alpha")], opts(), jobs=1)
    assert [r.status for r in report.results] == ["failed", "failed"]
    first = report.results[0].diagnostics[0]
    assert first.render() == (
        "facts/alpha:1:1: error[FS500]: build: the sheet slug `alpha` is also the slug of "
        "more/alpha; their outputs would overwrite each other, so this sheet is not built; "
        "rename one of the folders: the slug names the outputs (alpha.json, .html, .pdf)")
    assert "facts/alpha" in report.results[1].diagnostics[0].message
    assert not (proj / "build" / "alpha.json").exists()
    assert same_slugs([Path("a/x"), Path("b/y")]) == {}


def test_same_slug_in_a_later_run_does_not_overwrite(proj: Path) -> None:
    """`build more/alpha` after `build facts/alpha` into one folder: FS500, outputs kept."""
    assert build_all([Path("facts/alpha")], opts(), jobs=1).results[0].status == "built"
    before = (proj / "build" / "alpha.html").read_bytes()
    shutil.copytree(RENDER / "quote-variants", proj / "more" / "alpha")
    result = build_all([Path("more/alpha")], opts(), jobs=1).results[0]
    assert (result.status, result.diagnostics[0].code) == ("failed", "FS500")
    assert "also the slug of facts/alpha;" in result.diagnostics[0].message
    assert (proj / "build" / "alpha.html").read_bytes() == before
    shutil.rmtree(proj / "facts" / "alpha")  # the sheet moved: its slug is free again
    assert build_all([Path("more/alpha")], opts(), jobs=1).results[0].status == "built"


def test_one_folder_named_twice_is_built_once(proj: Path) -> None:
    """Attack: `build facts facts/alpha ./facts/alpha` is not a slug clash, just one sheet."""
    report = build_all([Path("facts/alpha"), Path("./facts/alpha"),
                        proj / "facts" / "alpha"], opts(), jobs=1)
    assert [r.status for r in report.results] == ["built"]


def test_missing_archive_dir_is_a_usage_error(proj: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """build --strict --archive-dir /typo exits 2, as check does: never fail open."""
    assert main(["build", "--strict", "facts", "--archive-dir", "typo", "--format", "json"]) == 2
    assert "error[FS002]: typo: no such folder" in capsys.readouterr().err
    assert not (proj / "build").exists()


def test_declared_archive_folder_missing_is_an_error_under_strict(proj: Path) -> None:
    """A warning normally (the sheet says 0 checked), an error under --strict."""
    sheet = proj / "facts" / "alpha" / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace("  as_of:", "  archive: saved\n  as_of:", 1))
    report = build_all([Path("facts/alpha")], opts(strict=True), jobs=1)
    diag = report.results[0].diagnostics[0]
    assert (report.results[0].status, diag.code, diag.line, diag.severity) == (
        "failed", "FS411", 3, "error")
    assert diag.message == ("the archive folder facts/alpha/saved that this sheet declares does "
                            "not exist; none of its excerpts can be checked")
    report = build_all([Path("facts/alpha")], opts(), jobs=1)
    assert report.results[0].status == "built"
    assert report.results[0].diagnostics[0].severity == "warning"


def test_every_sheet_is_verified_and_its_json_counts_say_so(proj: Path) -> None:
    """No archive anywhere: still a Verification, every excerpt "no-archive", 0 of N checked."""
    run()
    data = json.loads((proj / "build" / "alpha.json").read_text())
    assert data["verification"] == {"excerpts": 1, "excerpts_checked": 0,
                                    "excerpts_verified": 0, "quote_texts": 0,
                                    "quote_texts_checked": 0, "quote_texts_verified": 0}
    assert data["figures"][0]["cite"][0]["verification"] == "no-archive"


def test_load_from_bytes_matches_load_from_folder(proj: Path) -> None:
    """A sheet can be loaded from a mapping of names to bytes (e.g. `git show REV:path`)."""
    folder = Path("facts/alpha")
    files = {"sheet.yaml": (folder / "sheet.yaml").read_bytes()}
    assert load_sheet(folder, files).data == load_sheet(folder).data
    assert load_sheet(folder, {"sheet.yaml": b"sheet: [\n"}).diagnostics[0].path == \
        "facts/alpha/sheet.yaml"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_load_a_sheet_as_it_was_at_a_git_revision(proj: Path) -> None:
    """`sheet_files_at(folder, REV)` gives the bytes `git show REV:path` gives."""
    folder = proj / "facts" / "alpha"
    env = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q", str(proj)], check=True)
    subprocess.run(["git", "-C", str(proj), "add", "facts"], check=True)
    subprocess.run(["git", "-C", str(proj), *env, "commit", "-qm", "one"], check=True)
    sheet = folder / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace("title: Ranges", "title: Ranges, later"))
    old = load_sheet(folder, sheet_files_at(folder, "HEAD"))
    assert old.data["sheet"]["title"] == "Ranges"
    assert load_sheet(folder).data["sheet"]["title"] == "Ranges, later"
    with pytest.raises(UsageError, match="cannot read revision `nosuch`"):
        sheet_files_at(folder, "nosuch")


def test_record_notices_listings_and_absent_files(tmp_path: Path) -> None:
    """A recorded absence and a folder listing are inputs too."""
    record = Record()
    (tmp_path / "a.yaml").write_text("x: 1\n")
    assert record.read_sheet(tmp_path) == {"a.yaml": b"x: 1\n"}
    record.look(tmp_path / "missing.txt")
    saved = Record.from_json(json.loads(json.dumps(record.as_json())))
    assert saved.unchanged()
    (tmp_path / "b.yml").write_text("")
    assert not saved.unchanged()
    (tmp_path / "b.yml").unlink()
    (tmp_path / "missing.txt").write_text("")
    assert not saved.unchanged()


def test_find_sheets_lives_in_project(tmp_path: Path) -> None:
    """Discovery: a sheet folder, or a folder of them."""
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "sheet.yaml").write_text("sheet: {}\n")
    assert find_sheets([tmp_path]) == [tmp_path / "x"]


@pytest.mark.slow
def test_a_fact_file_linked_to_nothing_fails_the_build_and_keeps_the_last(
        proj: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A dangling symlink is FS110 at that file, never a sheet built without its contents."""
    assert run() == BUILT
    kept = (proj / "build" / "alpha.html").read_bytes()
    target = proj / "facts" / "alpha" / "more.yaml"  # added after the build: a change
    target.symlink_to("missing.yaml")
    capsys.readouterr()
    assert main(["build", "facts/alpha", "--out", "build", "--to", "json,html"]) == 1
    err = capsys.readouterr().out
    assert (f"facts/alpha/{target.name}:1:1: error[FS110]: document: cannot read the file: "
            "No such file or directory") in err
    assert (proj / "build" / "alpha.html").read_bytes() == kept


def test_an_unreadable_folder_is_a_usage_error_not_a_traceback(
        proj: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder that cannot be listed (its permissions) is FS010, naming it."""
    real = project._entries

    def entries(folder: Path) -> list[Path]:
        if folder.name == "beta":
            raise PermissionError(13, "Permission denied")
        return real(folder)

    monkeypatch.setattr(project, "_entries", entries)
    assert main(["validate", "facts"]) == 2
    assert capsys.readouterr().err.strip() == (
        "factsheet: error[FS010]: facts/beta: cannot read the folder: Permission denied; "
        "check the folder's permissions")


def test_a_template_typo_is_located_at_1_1_in_a_relative_path(
        proj: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Lines and columns count from 1, and messages carry no machine-specific path."""
    capsys.readouterr()
    assert main(["build", "facts/alpha", "--out", "build", "--to", "json,html",
                 "--template", "brieff"]) == 1
    err = capsys.readouterr().out
    assert "templates/brieff:1:1: error[FS502]: build: template `brieff` not found" in err
    assert str(proj) not in err
