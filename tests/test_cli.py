"""The `factsheet validate` command line: exit statuses, output formats, --strict, usage errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CLI
from helpers import FIXTURES


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding `facts/` with one valid and one warned sheet."""
    shutil.copytree(FIXTURES / "valid" / "full", tmp_path / "facts" / "full")
    shutil.copytree(FIXTURES / "invalid" / "missing-claimed-by",
                    tmp_path / "facts" / "missing-claimed-by")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_valid_sheet_one_line(cli: CLI, workdir: Path) -> None:
    """A valid sheet prints exactly one line with its counts and exits 0."""
    run = cli("validate", "facts/full")
    assert (run.status, run.out, run.err) == (
        0, "facts/full: valid: 1 source, 1 figure, 1 quote, 1 event\n", "")


def test_default_path_is_facts(cli: CLI, workdir: Path) -> None:
    """With no path, every sheet under facts/ is validated, in name order."""
    run = cli("validate")
    assert run.status == 0
    assert run.lines == [
        "facts/full: valid: 1 source, 1 figure, 1 quote, 1 event",
        "facts/missing-claimed-by/sheet.yaml:17:5: warning[FS311]: figures[0]: no `claimed_by`: "
        "readers cannot tell who makes this claim; add `claimed_by: ...`, e.g. the ministry, "
        "agency or outlet that gives the number",
        "facts/missing-claimed-by: valid: 1 source, 1 figure, 1 quote, 1 event (1 warning)",
    ]


def test_strict(cli: CLI, workdir: Path) -> None:
    """--strict makes the warning an error and the run exit 1; the clean sheet still passes."""
    run = cli("validate", "--strict")
    assert run.status == 1
    assert run.lines[0] == "facts/full: valid: 1 source, 1 figure, 1 quote, 1 event"
    assert run.lines[1].startswith("facts/missing-claimed-by/sheet.yaml:17:5: error[FS311]: ")
    assert run.lines[2] == "facts/missing-claimed-by: invalid: 1 error"


def test_one_invalid_sheet_fails_the_run(cli: CLI, workdir: Path) -> None:
    """One invalid sheet among valid ones makes the exit status 1; the others still report."""
    shutil.copytree(FIXTURES / "invalid" / "duplicate-key", workdir / "facts" / "duplicate-key")
    run = cli("validate")
    assert run.status == 1
    assert run.lines[0] == "facts/duplicate-key/sheet.yaml:22:5: error[FS105]: figures[0].value: " \
        "duplicate key `value` (first at line 20, again at line 22); remove one of the two; " \
        "YAML would silently keep only the last"
    assert run.lines[1] == "facts/duplicate-key: invalid: 1 error"
    assert run.lines[2] == "facts/full: valid: 1 source, 1 figure, 1 quote, 1 event"


def test_json_valid(cli: CLI, workdir: Path) -> None:
    """--format json reports validity, counts and (no) diagnostics per sheet."""
    run = cli("validate", "--format", "json", "facts/full")
    assert run.status == 0
    assert json.loads(run.out) == {"sheets": [{
        "sheet": "facts/full", "valid": True, "diagnostics": [], "silenced": [],
        "counts": {"sources": 1, "figures": 1, "quotes": 1, "events": 1},
        "groups": [{"measure": "deployed", "who": None, "status": "single",
                    "figures": ["troops-deployed"], "latest": ["troops-deployed"],
                    "current": ["troops-deployed"], "superseded": [], "retracted": [],
                    "low": 2250, "high": 2750, "reports": 1,
                    "standing": ["troops-deployed"], "ends": None, "headline": None,
                    "estimates": [],
                    "note": None, "series": [{"claimed_by": "Interior Ministry",
                                              "figures": ["troops-deployed"]}]}],
    }]}


def test_json_strict(cli: CLI, workdir: Path) -> None:
    """--format json --strict gives the raised warning as an error with all its fields."""
    run = cli("validate", "--format", "json", "--strict", "facts/missing-claimed-by")
    assert run.status == 1
    [sheet] = json.loads(run.out)["sheets"]
    assert sheet["valid"] is False and sheet["counts"] is None
    assert sheet["diagnostics"] == [{
        "path": "facts/missing-claimed-by/sheet.yaml", "line": 17, "column": 5,
        "severity": "error", "where": "figures[0]",
        "message": "no `claimed_by`: readers cannot tell who makes this claim",
        "hint": "add `claimed_by: ...`, e.g. the ministry, agency or outlet that gives "
                "the number", "code": "FS311",
    }]


def test_json_is_the_only_output(cli: CLI, workdir: Path) -> None:
    """In JSON mode stdout is one JSON document and nothing goes to stderr."""
    run = cli("validate", "--format", "json")
    assert [s["sheet"] for s in json.loads(run.out)["sheets"]] == [
        "facts/full", "facts/missing-claimed-by"]
    assert run.err == ""


def test_missing_path_is_a_usage_error(cli: CLI, workdir: Path) -> None:
    """A path that does not exist exits 2 with one message on stderr."""
    run = cli("validate", "no-such-folder")
    assert (run.status, run.out) == (2, "")
    assert run.err == ("factsheet: error[FS001]: no-such-folder: no such folder; "
                       "name a sheet folder or a folder of sheets\n")


def test_file_path_is_a_usage_error(cli: CLI, workdir: Path) -> None:
    """A file instead of a folder exits 2."""
    run = cli("validate", "facts/full/sheet.yaml")
    assert run.status == 2
    assert "no such folder" in run.err


def test_folder_without_sheets_is_a_usage_error(cli: CLI, workdir: Path) -> None:
    """A folder with no sheet folders in it exits 2 and says what it looked for."""
    (workdir / "empty").mkdir()
    run = cli("validate", "empty")
    assert run.status == 2
    assert run.err == ("factsheet: error[FS004]: no sheet folders (folders with *.yaml files) "
                       "under empty\n")


def test_no_facts_folder_is_a_usage_error(cli: CLI, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a path and without facts/, the command exits 2."""
    monkeypatch.chdir(tmp_path)
    assert cli("validate").status == 2


def test_bad_option_is_a_usage_error(cli: CLI, workdir: Path) -> None:
    """An unknown --format value exits 2 (argparse's own usage error)."""
    with pytest.raises(SystemExit) as exc:
        cli("validate", "--format", "xml")
    assert exc.value.code == 2


def test_absolute_paths_inside_cwd_are_shown_relative(cli: CLI, workdir: Path) -> None:
    """An absolute path below the working directory is printed relative to it."""
    run = cli("validate", str(workdir / "facts" / "missing-claimed-by"))
    assert run.lines[0].startswith("facts/missing-claimed-by/sheet.yaml:17:5: ")


def test_validate_writes_nothing(cli: CLI, workdir: Path) -> None:
    """Validation leaves the working directory exactly as it was."""
    before = sorted(p.relative_to(workdir) for p in workdir.rglob("*"))
    cli("validate", "--strict")
    assert sorted(p.relative_to(workdir) for p in workdir.rglob("*")) == before


def test_closed_pipe_is_not_a_traceback() -> None:
    """`factsheet validate ... | head -1` ends quietly when head stops reading."""
    import subprocess
    import sys

    fixtures = Path(__file__).parent / "fixtures" / "invalid"
    proc = subprocess.run(
        f"{sys.executable} -m factsheet validate {fixtures} | head -1",
        shell=True, capture_output=True, text=True, check=False)
    assert proc.stdout.count("\n") == 1
    assert proc.stderr == ""


def test_build_json_lists_silenced_warnings(cli: CLI, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet's JSON lists every warning its `ignore` lists silenced, with code and place."""
    shutil.copytree(FIXTURES / "valid" / "ignored-warnings", tmp_path / "ignored-warnings")
    monkeypatch.chdir(tmp_path)
    run = cli("build", "--strict", "--to", "json", "ignored-warnings")
    assert run.status == 0, run.err
    data = json.loads((tmp_path / "build" / "ignored-warnings.json").read_text())
    assert [(d["code"], d["path"], d["line"], d["severity"]) for d in data["silenced"]] == [
        ("FS306", "ignored-warnings/sheet.yaml", 17, "warning"),
        ("FS311", "ignored-warnings/sheet.yaml", 23, "warning")]


@pytest.mark.parametrize("command", ["validate", "check", "build", "archive-hash"])
def test_every_command_refuses_a_missing_archive_dir(cli: CLI, workdir: Path,
                                                     command: str) -> None:
    """A typo in --archive-dir exits 2 in every command that takes it, build included."""
    run = cli(command, "--archive-dir", "no-such-dir", "--strict" if command == "build"
              else "facts/full", "facts/full")
    assert run.status == 2
    assert run.err == ("factsheet: error[FS002]: no-such-dir: no such folder; --archive-dir "
                       "names a folder of archived copies\n")
    assert not (workdir / "build").exists()


def test_validate_github_annotations(cli: CLI, workdir: Path) -> None:
    """--format github prints one workflow command per diagnostic, with the rule as title."""
    run = cli("validate", "--format", "github", "facts/missing-claimed-by")
    assert run.status == 0
    assert run.lines == [
        "::warning file=facts/missing-claimed-by/sheet.yaml,line=17,col=5,title=FS311::"
        "figures[0]: no `claimed_by`: readers cannot tell who makes this claim; add "
        "`claimed_by: ...`, e.g. the ministry, agency or outlet that gives the number",
        "facts/missing-claimed-by: valid: 1 source, 1 figure, 1 quote, 1 event (1 warning)",
    ]


def test_build_format_json_is_the_report(cli: CLI, workdir: Path) -> None:
    """`build --format json` prints the build's report as JSON (outputs come from --to)."""
    run = cli("build", "--to", "json", "--format", "json", "-j", "1", "facts/full")
    assert run.status == 0, run.err
    data = json.loads(run.out)
    assert data["summary"] == {"built": 1, "skipped": 0, "failed": 0}
    [sheet] = data["sheets"]
    assert (sheet["sheet"], sheet["valid"], sheet["status"]) == ("facts/full", True, "built")
    assert sheet["outputs"] == ["build/full.json"]
    assert run.err == ""


def test_build_old_format_still_works_with_a_notice(cli: CLI, workdir: Path) -> None:
    """`build --format html` keeps its old meaning for one release, and says so on stderr."""
    run = cli("build", "--format", "html", "-j", "1", "facts/full")
    assert run.status == 0
    assert sorted(p.name for p in (workdir / "build").glob("full.*")) == ["full.html"]
    assert run.err.splitlines()[0] == (
        "factsheet: warning[FS006]: `build --format html` is deprecated; write `build --to "
        "html`; --format now names the report format (text, json, github)")


def test_build_old_format_and_to_together_is_a_usage_error(cli: CLI, workdir: Path) -> None:
    """The old --format and --to cannot both name outputs."""
    run = cli("build", "--format", "html", "--to", "json", "facts/full")
    assert run.status == 2
    assert "keep only --to" in run.err


def test_command_line_turns_off_pydantic_plugin_search(cli: CLI, workdir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The search reads every installed package's entry points; a user's own choice stands."""
    import os

    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    cli("validate")
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "logfire")
    cli("validate")
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "logfire"
