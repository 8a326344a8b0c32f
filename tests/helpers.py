"""Test helpers in one place: the repository's folders, sheet writers and which tools are here.

Fixtures live in conftest.py; plain functions and constants live here, imported by name
(`from helpers import ROOT, write_sheet`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from factsheet.cli import main

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
RENDER = FIXTURES / "render"
TRUST = FIXTURES / "trust"
TOOLS = TESTS / "tools"
TEMPLATES = ROOT / "templates"
EXAMPLE = ROOT / "facts" / "kazakhstan-2022-01"
CHROMIUM = Path("/usr/bin/chromium")


def write_sheet(folder: Path, content: str | bytes | dict[str, Any],
                name: str = "sheet.yaml") -> Path:
    """Write one fact file into `folder` (created if needed) and return the folder.

    Text and bytes are written as given; a mapping is dumped as YAML in its own key order.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(content, dict):
        content = yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)
    return folder


def write_files(folder: Path, files: dict[str, str]) -> Path:
    """Write each named text file into `folder` (created if needed) and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def html_checkers_ready() -> bool:
    """The W3C checker (java), axe (node_modules) and Debian's chromium are all installed."""
    return ((TOOLS / "node_modules").is_dir() and shutil.which("java") is not None
            and CHROMIUM.exists())


def browser_ready() -> bool:
    """node, playwright-core (tests/tools, `npm ci`) and Debian's chromium are all there."""
    return (shutil.which("node") is not None
            and (TOOLS / "node_modules" / "playwright-core").is_dir()
            and CHROMIUM.exists())


# What each `needs_tools(kind)` marker needs, how to get it, and whether CI may lack it
# (CI installs the HTML checkers, so there a missing checker fails instead of skipping).
TOOL_KINDS = {
    "html": (html_checkers_ready,
             "HTML checkers not installed (run: make tests/tools/node_modules/.installed)", True),
    "browser": (browser_ready,
                "node, playwright-core or chromium missing (run: make "
                "tests/tools/node_modules/.installed; apt install chromium)", False),
}


def tools_skip(kind: str) -> pytest.MarkDecorator | None:
    """The skip for a test that needs the `kind` tools, or None when they are here."""
    ready, reason, ci_has_them = TOOL_KINDS[kind]
    if ready() or (ci_has_them and os.environ.get("CI") == "true"):
        return None
    return pytest.mark.skip(reason=reason)


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) not installed")


# --- real sheets (tests/fixtures/real/): their articles written, built as a desk would

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
