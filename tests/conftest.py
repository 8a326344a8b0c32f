"""Shared fixtures: run the command line in-process and capture what it prints."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from factsheet.cli import main
from factsheet.model import Facts
from factsheet.validate import validate_sheet

# Locally, property tests explore new random inputs each run; in CI they replay a fixed
# sequence, so a submission cannot fail by the luck of the draw.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@dataclass(frozen=True)
class Run:
    """The outcome of one in-process command-line run."""

    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Return stdout split into lines."""
        return self.out.splitlines()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Return a function that runs `factsheet ARGS...` in-process and captures its output."""

    def run(*argv: str) -> Run:
        capsys.readouterr()  # drop anything printed before
        status = main(list(argv))
        out, err = capsys.readouterr()
        return Run(status, out, err)

    return run


def load_facts(folder: Path) -> Facts:
    """Return a sheet's facts, failing the test with every diagnostic when it is invalid."""
    facts, diags = validate_sheet(folder)
    assert facts is not None, "\n".join(d.render() for d in diags)
    return facts
