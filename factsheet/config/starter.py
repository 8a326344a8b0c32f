"""The starter config `factsheet new` writes into a folder that has none."""

from __future__ import annotations

from pathlib import Path

from factsheet.config.find import CONFIG_FILE, find_config
from factsheet.fsutil import write_atomic

STARTER = """\
# factsheet's settings for this folder and every folder below it; a flag given on the
# command line overrides its setting. `factsheet config` shows the effective settings.
[tool.factsheet]
facts = "facts"          # the folder of sheets every command reads by default
out = "build"            # where `factsheet build` and `factsheet site` write
editions = "editions"    # recorded editions: editions/<slug>/NNN.json
# true makes warnings (TODOs included) fail validate, check and build: set it once the
# sheet is filled in, so nothing unfinished is published.
strict = false
lang = "en"              # the language `factsheet new` writes into a new sheet
# archive-dir = "archive"    # archived copies for every sheet (default: each sheet's archive/)
# templates = "templates"    # your own templates (default: ./templates, else the packaged ones)
# template = "briefing"      # build every sheet with this template
"""


def write_starter(folder: Path) -> list[Path]:
    """Write pyproject.toml with [tool.factsheet] when no config applies and none is there."""
    target = folder / CONFIG_FILE
    if find_config(folder) is not None or target.exists():
        return []  # a project's own pyproject.toml is never rewritten
    write_atomic(target, STARTER.encode("utf-8"))
    return [target]
