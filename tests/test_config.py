"""The project config: [tool.factsheet] found by walking up, typed, located errors, flags win."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CLI
from helpers import FIXTURES

from factsheet.config.load import load_config
from factsheet.config.starter import STARTER

# Each case is a config.toml, copied in as pyproject.toml: a file named pyproject.toml in the
# repository would be read by ruff as its own configuration.
BAD = FIXTURES / "config"
SHOWN = {
    "config-unknown-key/snake-case": [
        "pyproject.toml:5:1: error[FS021]: config: unknown setting `archive_dir` in "
        "[tool.factsheet]; did you mean `archive-dir`?"],
    "config-unknown-key/typo-quoted": [
        "pyproject.toml:2:3: error[FS021]: config: unknown setting `templtes` in "
        "[tool.factsheet]; did you mean `templates`?"],
    "config-bad-value/types": [
        "pyproject.toml:2:7: error[FS022]: config: `out` must be text; put the value in "
        "double quotes, e.g. \"build\"",
        "pyproject.toml:3:10: error[FS022]: config: `strict` must be true or false; write "
        "true or false, without quotes",
        "pyproject.toml:4:8: error[FS022]: config: `lang` is not a language tag; write a "
        "BCP 47 tag such as en, ru or en-GB",
        "pyproject.toml:5:12: error[FS022]: config: `template` is not a template name; write "
        "a folder name such as briefing or brief"],
    "config-bad-value/not-a-table": [
        "pyproject.toml:2:1: error[FS022]: config: `tool.factsheet` must be a table; write "
        "the settings under a [tool.factsheet] header"],
    "config-bad-value/dash-out": [
        "pyproject.toml:2:7: error[FS022]: config: `out` is not a folder; write a folder "
        "path such as build"],
    "config-syntax/missing-value": [
        "pyproject.toml:2:6: error[FS020]: config: not valid TOML: Invalid value; fix the "
        "TOML syntax here (https://toml.io)"],
}


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk folder with facts/full (a valid sheet) and no config yet."""
    shutil.copytree(FIXTURES / "valid" / "full", tmp_path / "facts" / "full")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_bad_config_fixture_is_listed() -> None:
    """Each fixture folder (named after the rule it breaks) has its expected lines here."""
    found = {f"{p.parent.parent.name}/{p.parent.name}" for p in BAD.glob("*/*/config.toml")}
    assert found == set(SHOWN)


@pytest.mark.parametrize("case", sorted(SHOWN))
def test_bad_config_is_located_and_coded(cli: CLI, desk: Path, case: str) -> None:
    """Every problem at once, each at file:line:col with its rule and fix; exit 2, no work."""
    shutil.copy(BAD / case / "config.toml", desk / "pyproject.toml")
    run = cli("build", "--to", "json")
    assert (run.status, run.lines, run.err) == (2, SHOWN[case], "")
    assert not (desk / "build").exists()
    assert cli("config").lines == SHOWN[case]  # `config` reports the same problems


def test_no_config_is_every_default(cli: CLI, desk: Path) -> None:
    """Without a config a bare build writes build/ as before (a fresh clone's `make sheet`)."""
    assert load_config().path is None
    run = cli("build", "--to", "json")
    assert run.status == 0, run.out
    assert (desk / "build" / "full.json").is_file()


def test_found_by_walking_up_and_relative_to_its_file(cli: CLI, desk: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """From a subfolder the nearest [tool.factsheet] applies; its folders are its own."""
    (desk / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.factsheet]\nout = "public"\nfacts = "facts"\n'
        "strict = true\n")
    (desk / "notes").mkdir()
    monkeypatch.chdir(desk / "notes")
    run = cli("build", "--to", "json")
    assert run.status == 0, run.out
    assert (desk / "public" / "full.json").is_file()


def test_flags_override_the_config(cli: CLI, desk: Path) -> None:
    """--out and --no-strict win over `out` and `strict = true`."""
    shutil.copytree(FIXTURES / "invalid" / "missing-claimed-by", desk / "facts" / "warned")
    (desk / "pyproject.toml").write_text('[tool.factsheet]\nout = "public"\nstrict = true\n')
    strict = cli("validate")
    assert strict.status == 1 and "error[FS311]" in strict.out
    loose = cli("validate", "--no-strict")
    assert loose.status == 0 and "warning[FS311]" in loose.out
    assert cli("build", "--to", "json", "--out", "elsewhere", "facts/full").status == 0
    assert (desk / "elsewhere" / "full.json").is_file()
    assert not (desk / "public").exists()


def test_config_command_says_where_each_setting_came_from(cli: CLI, desk: Path) -> None:
    """Each line is a TOML setting with its source: the file's line and column, or default."""
    (desk / "pyproject.toml").write_text('[tool.factsheet]\nout = "public"\nstrict = true\n')
    run = cli("config")
    assert run.status == 0
    assert [" ".join(line.split()) for line in run.lines] == [
        "# from pyproject.toml [tool.factsheet]", "[tool.factsheet]",
        'facts = "facts" # default', 'out = "public" # pyproject.toml:2:1',
        "# archive-dir is not set # default", 'editions = "editions" # default',
        "# templates is not set # default", "# template is not set # default",
        "strict = true # pyproject.toml:3:1", 'lang = "en" # default']
    data = json.loads(cli("config", "--format", "json").out)
    assert data["config"] == "pyproject.toml"
    assert {"key": "out", "value": "public", "source": "pyproject.toml:2:1"} in data["settings"]


def test_new_writes_a_starter_config_once(cli: CLI, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """In an empty folder `new` writes pyproject.toml; a project's own is never touched."""
    monkeypatch.chdir(tmp_path)
    run = cli("new", "floods-2024", "--title", "Floods", "--as-of", "2024-05-01")
    assert run.status == 0, run.err
    assert "created pyproject.toml" in run.lines
    assert (tmp_path / "pyproject.toml").read_text() == STARTER
    assert load_config().settings.out == "build"
    assert cli("new", "storm-2024", "--as-of", "2024-05-01").status == 0
    assert (tmp_path / "pyproject.toml").read_text() == STARTER
    other = tmp_path / "python-project"
    other.mkdir()
    (other / "pyproject.toml").write_text('[project]\nname = "x"\n')
    monkeypatch.chdir(other)
    cli("new", "quake-2024", "--as-of", "2024-05-01")
    assert (other / "pyproject.toml").read_text() == '[project]\nname = "x"\n'


def test_lang_setting_is_what_new_writes(cli: CLI, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`lang = "ru"` makes `new` write `lang: ru` into the sheet."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.factsheet]\nlang = "ru"\n')
    assert cli("new", "protest-2024", "--as-of", "2024-05-01").status == 0
    assert "  lang: ru\n" in (tmp_path / "facts" / "protest-2024" / "sheet.yaml").read_text()


def test_docs_show_the_starter_config() -> None:
    """docs/config.md shows exactly what `factsheet new` writes."""
    docs = (Path(__file__).resolve().parents[1] / "docs" / "config.md").read_text()
    assert f"```toml\n{STARTER}```" in docs
