"""CLI conventions: help and choices, -q/-v, one diagnostics stream, --out -, completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLI
from helpers import FIXTURES

from factsheet.cli import COMMANDS, main


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """facts/full (valid) and facts/warned (one warning)."""
    shutil.copytree(FIXTURES / "valid" / "full", tmp_path / "facts" / "full")
    shutil.copytree(FIXTURES / "invalid" / "missing-claimed-by", tmp_path / "facts" / "warned")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def help_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_help_has_a_description(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`factsheet NAME --help` says what the command is for under its usage lines."""
    text = help_of(capsys, name)
    description = " ".join(text.split("\n\n")[1].split())
    assert description == COMMANDS[name].HELP[0].upper() + COMMANDS[name].HELP[1:] + "."
    assert "-q, --quiet" in text and "-v, --verbose" in text


def test_help_shows_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    """--format lists its choices in build too; --to lists every exporter, csv and csl too."""
    text = " ".join(help_of(capsys, "build").split())
    assert "--format {text,json,github}" in text
    assert "--to OUTPUTS comma-separated outputs, from json, html, pdf, csv, csl" in text
    for name in ("validate", "check", "diff"):
        assert "--format {text,json,github}" in help_of(capsys, name)


def test_out_dash_is_refused(cli: CLI, workdir: Path) -> None:
    """`--out -` is a coded usage error, and no folder named `-` appears."""
    run = cli("build", "--out", "-", "--to", "json")
    assert (run.status, run.out) == (2, "")
    assert run.err == ("factsheet: error[FS023]: --out -: a build writes a folder of files, "
                       "never standard output; name a folder, e.g. --out build\n")
    assert not (workdir / "-").exists()


@pytest.mark.parametrize("argv", [("validate",), ("build", "--to", "json"),
                                  ("diff",), ("check",)])
def test_diagnostics_go_to_stdout_in_every_command(cli: CLI, workdir: Path,
                                                   argv: tuple[str, ...]) -> None:
    """The warning is on stdout whatever the command; stderr has no diagnostic."""
    run = cli(*argv)
    code = "FS400" if argv[0] == "check" else "FS311"  # check reports what it checks
    assert f"warning[{code}]" in run.out, (run.out, run.err)
    assert code not in run.err


def test_quiet_prints_only_diagnostics(cli: CLI, workdir: Path) -> None:
    """-q drops the summary lines and progress; the diagnostics stay."""
    run = cli("validate", "-q")
    assert run.status == 0
    assert [line.split(": ")[1] for line in run.lines] == ["warning[FS311]"]
    built = cli("build", "--to", "json", "--quiet")
    assert built.status == 0
    assert [line.split(": ")[1] for line in built.lines] == ["warning[FS311]"]


def test_verbose_says_where_settings_came_from(cli: CLI, workdir: Path) -> None:
    """-v names the config file on stderr (or that there is none)."""
    assert cli("validate", "-v").err == (
        "factsheet: no [tool.factsheet] found; every setting is its default\n")
    (workdir / "pyproject.toml").write_text('[tool.factsheet]\nstrict = true\n')
    assert "[tool.factsheet]: strict=True" in cli("validate", "-v").err
    with pytest.raises(SystemExit) as both:  # one or the other
        main(["validate", "-q", "-v"])
    assert both.value.code == 2


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete -o"), ("zsh", "#compdef"),
                                               ("fish", "complete --command factsheet")])
def test_completion_code_for_each_shell(cli: CLI, shell: str, marker: str) -> None:
    """`factsheet completion SHELL` prints argcomplete's code for that shell."""
    run = cli("completion", shell)
    assert run.status == 0 and marker in run.out


def test_completion_answers_the_shell(tmp_path: Path) -> None:
    """The protocol end to end: the shell asks for `factsheet bu<TAB>`, gets `build`."""
    line = "factsheet bu"
    env = {**os.environ, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": "\n",
           "COMP_LINE": line, "COMP_POINT": str(len(line)), "_ARGCOMPLETE_SUPPRESS_SPACE": "1"}
    out = tmp_path / "answer"
    with out.open("wb") as fd:
        env["_ARGCOMPLETE_STDOUT_FILENAME"] = str(out)
        subprocess.run([sys.executable, "-m", "factsheet"], env=env, stdout=fd,
                       stderr=subprocess.DEVNULL, timeout=60, check=False)
    assert out.read_text().split() == ["build"]
