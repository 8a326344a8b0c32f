"""Shared fixtures and markers: run the command line in-process, mark what needs tools or time.

Plain helpers (paths, sheet writers) live in helpers.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import TOOL_KINDS, tools_skip
from hypothesis import settings

from factsheet.cli import main
from factsheet.model import Facts
from factsheet.validate import validate_sheet

# Locally, property tests explore new random inputs each run; in CI they replay a fixed
# sequence, so a submission cannot fail by the luck of the draw.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """Register the one marker for tests that need outside tools."""
    config.addinivalue_line(
        "markers", "needs_tools(kind='html'): needs outside tools ("
        + ", ".join(TOOL_KINDS) + "); skipped without them, and slow")


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs outside tools is slow, and skipped where the tools are missing."""
    for item in items:
        marker = item.get_closest_marker("needs_tools")
        if marker is None:
            continue
        item.add_marker(pytest.mark.slow)
        skip = tools_skip(marker.args[0] if marker.args else marker.kwargs.get("kind", "html"))
        if skip is not None:
            item.add_marker(skip)


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


CLI = Callable[..., Run]  # the type of the `cli` fixture


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CLI:
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
