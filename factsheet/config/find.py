"""Find the project config without reading it: no pydantic, for a fast start."""

from __future__ import annotations

import re
from pathlib import Path

CONFIG_FILE = "pyproject.toml"
TABLE = ("tool", "factsheet")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.factsheet] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        try:
            text = candidate.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        # A quick look first: most pyproject.toml files are not ours and need no parsing.
        if "tool.factsheet" in text or re.search(r"^\s*factsheet\s*=", text, re.M):
            return candidate
    return None
