"""`factsheet new`: a fresh sheet validates with placeholder warnings only; bad input is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import CLI
from helpers import ROOT
from jsonschema import Draft202012Validator

from factsheet.desk.scaffold import FILES
from factsheet.validate.schema import fact_file_schema

SCHEMA = ROOT / "schema" / "factsheet.schema.json"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the repository's schema/ folder, as in a checkout."""
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / SCHEMA.name).write_bytes(SCHEMA.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_then_validate_gives_warnings_only(cli: CLI, here: Path) -> None:
    """The new sheet is valid; each placeholder is a coded warning that says what to write."""
    run = cli("new", "unrest-2024", "--as-of", "2024-05-01")
    assert run.status == 0
    assert run.lines[:5] == [f"created facts/unrest-2024/{name}" for name in FILES]
    run = cli("validate", "--format", "json", "facts/unrest-2024")
    assert run.status == 0
    [sheet] = json.loads(run.out)["sheets"]
    assert sheet["valid"] is True
    diags = sheet["diagnostics"]
    assert {d["severity"] for d in diags} == {"warning"}
    placeholders = [(d["path"], d["line"], d["where"], d["hint"]) for d in diags
                    if d["code"] == "FS700"]
    assert placeholders == [
        ("facts/unrest-2024/sheet.yaml", 5, "sheet.title", "write the sheet's headline here"),
        ("facts/unrest-2024/sources.yaml", 6, "sources[0].publisher",
         "write the outlet that published the article, e.g. Reuters here"),
        ("facts/unrest-2024/sources.yaml", 7, "sources[0].title",
         "write the article's headline, as printed here"),
    ]
    assert cli("validate", "--strict", "facts/unrest-2024").status == 1


def test_new_with_title_and_datetime(cli: CLI, here: Path) -> None:
    """--title and an offset --as-of are written as given, quoted so any text stays text."""
    run = cli("new", "storm", "--title", 'Storm: "Ida" # 2', "--as-of",
              "2021-08-30T06:00:00-05:00")
    assert run.status == 0
    data = yaml.safe_load((here / "facts" / "storm" / "sheet.yaml").read_text())
    assert data["sheet"]["title"] == 'Storm: "Ida" # 2'
    assert cli("validate", "facts/storm").status == 0


def test_every_file_names_the_schema_and_matches_it(cli: CLI, here: Path) -> None:
    """Each file's first line is the modeline with a path that reaches the schema."""
    cli("new", "unrest-2024", "--as-of", "2024-05-01")
    folder = here / "facts" / "unrest-2024"
    checker = Draft202012Validator(fact_file_schema())
    for name in FILES:
        text = (folder / name).read_text()
        first = text.splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/factsheet.schema.json"
        assert (folder / first.split("=", 1)[1]).resolve() == (here / "schema" / SCHEMA.name)
        data = json.loads(json.dumps(yaml.safe_load(text), default=str))
        assert list(checker.iter_errors(data)) == [], name


@pytest.mark.parametrize(("argv", "message"), [
    (("new", "Bad Slug"), "factsheet: error[FS701]: `Bad Slug` is not a slug (lowercase "
     "letters, digits, hyphens); choose a slug such as `bad-slug`: it names the folder and "
     "the outputs"),
    (("new", "x", "--as-of", "2024-13-01"), "factsheet: error[FS703]: --as-of `2024-13-01` is "
     "not a date (2022-01-07) or a datetime with an offset (2022-01-07T16:20:00+04:00); "
     "write the date or datetime as in the examples"),
    (("new", "x", "--as-of", "2024-01-01T10:00:00"), "factsheet: error[FS703]: --as-of "
     "`2024-01-01T10:00:00` is not a date (2022-01-07) or a datetime with an offset "
     "(2022-01-07T16:20:00+04:00); write the date or datetime as in the examples"),
])
def test_new_refuses_bad_input(cli: CLI, here: Path, argv: tuple[str, ...], message: str) -> None:
    """A bad slug or date is a usage error and nothing is created."""
    run = cli(*argv)
    assert (run.status, run.err) == (2, message + "\n")
    assert not (here / "facts").exists()


def test_new_refuses_an_existing_folder(cli: CLI, here: Path) -> None:
    """An existing folder is left exactly as it was."""
    (here / "facts" / "storm").mkdir(parents=True)
    (here / "facts" / "storm" / "notes.txt").write_text("mine")
    run = cli("new", "storm")
    assert (run.status, run.err) == (2, "factsheet: error[FS702]: facts/storm already exists; "
                                        "choose another slug, or edit the sheet that is there; "
                                        "nothing was written\n")
    assert [p.name for p in (here / "facts" / "storm").iterdir()] == ["notes.txt"]


def test_new_into_a_file_is_an_error_not_a_traceback(cli: CLI, here: Path) -> None:
    """--facts naming a file (or an unwritable folder) is FS704, and leaves nothing behind."""
    (here / "notes").write_text("mine")
    run = cli("new", "storm", "--facts", "notes")
    assert (run.status, run.err) == (2, "factsheet: error[FS704]: cannot create notes/storm: "
                                        "Not a directory; choose a --facts folder you can write "
                                        "to; nothing was written\n")
    assert (here / "notes").read_text() == "mine"


def test_a_failed_write_removes_the_new_folder(cli: CLI, here: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A write failing half-way (a full disk) leaves no half-made sheet."""
    import factsheet.desk.scaffold as scaffold

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scaffold, "write_atomic", full)
    run = cli("new", "storm")
    assert run.status == 2 and "FS704" in run.err and "No space left on device" in run.err
    assert not (here / "facts" / "storm").exists()


def test_committed_schema_is_current() -> None:
    """schema/factsheet.schema.json is what `factsheet schema` prints: run `make schema`."""
    assert json.loads(SCHEMA.read_text()) == fact_file_schema(), \
        "schema/factsheet.schema.json is stale: run `make schema`"


def test_pre_commit_hook_runs_validate() -> None:
    """.pre-commit-hooks.yaml offers `factsheet validate` (in the strict build's mode, see
    tests/test_precommit.py) as a hook for other repositories."""
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "factsheet-validate"
    assert hook["entry"] == "factsheet validate --as-build --strict"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False


def test_placeholder_rule_is_not_fooled() -> None:
    """Only a value starting with the word TODO is a placeholder; the hint is what follows."""
    from factsheet.validate import validate_sheet

    folder = ROOT / "tests" / "fixtures" / "authoring" / "placeholder"
    facts, diags = validate_sheet(folder)
    assert facts is not None
    found = [(d.line, d.where, d.hint) for d in diags if d.code == "FS700"]
    assert found == [
        (9, "sheet.summary[0].text", "write the real value here"),
        (13, "sheet.summary[0].cite[0].says", "write the article's words here"),
        (18, "sources[0].title", "write the headline, as printed here"),
    ]


def test_new_outside_a_checkout_says_how_to_get_the_schema(
        cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no schema/ above, the modeline points at ./schema/ and a note says how to fill it."""
    monkeypatch.chdir(tmp_path)
    run = cli("new", "storm", "--as-of", "2024-05-01")
    assert run.status == 0
    first = (tmp_path / "facts" / "storm" / "sheet.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/factsheet.schema.json"
    assert run.err == ("note: schema/factsheet.schema.json does not exist yet; write it with "
                       "`factsheet schema > schema/factsheet.schema.json` for editor "
                       "completion\n")
