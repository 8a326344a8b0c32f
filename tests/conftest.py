"""Shared fixtures: run the command line in-process and capture what it prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from factsheet.cli import main


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
