"""The documentation is checked: its examples are real and its commands exist."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import ROOT

from factsheet.cli import _parser, main

README = (ROOT / "README.md").read_text()
DOCS = {p.name: p.read_text() for p in (ROOT / "docs").glob("*.md")}


def blocks(text: str, lang: str) -> list[str]:
    """The fenced code blocks of one language."""
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def test_readme_opens_with_the_two_commands() -> None:
    """The first thing a new user reads is `make sheet` then `make test`."""
    first = blocks(README, "sh")[0].splitlines()
    assert [line.split("#")[0].strip() for line in first] == ["make sheet", "make test"]


def test_readme_tour_is_a_valid_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The tour's YAML validates as written (with its one source cited)."""
    sheet = tmp_path / "tour"
    sheet.mkdir()
    (sheet / "sheet.yaml").write_text(blocks(README, "yaml")[0])
    assert main(["validate", str(sheet)]) == 0
    assert capsys.readouterr().out.endswith("valid: 1 source, 1 figure, 0 quotes, 0 events\n")


def test_readme_error_example_is_what_the_validator_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Breaking the example as the README describes gives exactly the quoted message."""
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    figures = tmp_path / "facts" / "kazakhstan-2022-01" / "figures.yaml"
    figures.write_text(figures.read_text().replace("    value: 3700\n", "    value: 3.700\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    quoted = blocks(README, "text")[0].strip()
    assert capsys.readouterr().out.splitlines()[0] == quoted


def _commands(text: str) -> list[list[str]]:
    found = []
    for line in re.findall(r"`(factsheet [^`]*)`", text):
        found.append(line.split())
    return found


@pytest.mark.parametrize("name", ["README.md", *sorted(DOCS)])
def test_documented_options_exist(name: str) -> None:
    """Every `factsheet CMD --option` in the docs names a real command and option."""
    text = README if name == "README.md" else DOCS[name]
    commands = _parser().commands
    for words in _commands(text):
        if len(words) < 2 or words[1].startswith("-") or words[1].isupper():
            continue  # `factsheet --version`, or a placeholder such as `factsheet COMMAND`
        assert words[1] in commands, f"{name}: unknown command {words[1]}"
        known = {o for action in commands[words[1]].arguments
                 for o in action.option_strings} | {"-h", "--help"}
        for word in words[2:]:
            option = word.strip("[]").split("=")[0]
            if option.startswith("-"):
                assert option in known, f"{name}: `factsheet {words[1]}` has no {option}"
