"""Test helpers in one place: the repository's folders, sheet writers and which tools are here.

Fixtures live in conftest.py; plain functions and constants live here, imported by name
(`from helpers import ROOT, write_sheet`).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

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
