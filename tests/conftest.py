"""Shared fixtures and markers: run the command line in-process, mark what needs tools or time.

Plain helpers (paths, sheet writers) live in helpers.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) not installed")


def write_real(root: Path, fixture: Path, slug: str, articles: dict[str, list[str]]) -> Path:
    """Put a real sheet's fact files under root/facts/<slug>, with the articles it cites."""
    folder = root / "facts" / slug
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(fixture, folder)
    archive = folder / "archive"
    archive.mkdir()
    for ident, paragraphs in articles.items():
        (archive / f"{ident}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


def build_real(root: Path, slug: str, *formats: str) -> dict[str, Any]:
    """Build root/facts strictly, as a desk would; return the sheet's JSON."""
    out = root / "build"
    assert main(["build", str(root / "facts"), "--strict", "--out", str(out), "--to",
                 ",".join(("json", *formats))]) == 0
    data: dict[str, Any] = json.loads((out / f"{slug}.json").read_text(encoding="utf-8"))
    return data


def page_one(root: Path, slug: str) -> str:
    """Page 1 of the built PDF, as a reader's copy-and-paste gets it, on one line."""
    pdf = root / "build" / f"{slug}.pdf"
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.split())


def real_group(data: dict[str, Any], measure: str, who: str | None = None) -> dict[str, Any]:
    """The JSON group counting `measure` (of `who`)."""
    [found] = [g for g in data["groups"] if g["measure"] == measure and g["who"] == who]
    return found
