"""Placeholders: `TODO` values (as `factsheet new` writes them) say what is still to fill in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from factsheet.load.sheet import Loaded, Loc
from factsheet.rules import PLACEHOLDER
from factsheet.validate.crossref import Found

# `TODO`, `TODO:` or `TODO -` followed by what to write; the marker must start the value.
PLACEHOLDER_RE = re.compile(r"^TODO\b[\s:.\-–—]*(?P<what>.*)$", re.DOTALL)


def placeholders(loaded: Loaded) -> list[Found]:
    """A warning at every value that is still a placeholder."""
    found: list[Found] = []
    for loc, text in _texts(loaded.data, ()):
        m = PLACEHOLDER_RE.match(text)
        if m:
            what = m.group("what").strip() or "the real value"
            found.append((loc, loaded.report(PLACEHOLDER, loc, what=what)))
    return found


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))
