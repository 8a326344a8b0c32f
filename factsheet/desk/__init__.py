"""Desk tools: start a sheet (`factsheet new`), fetch and archive an article."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Loaded on first use, for start-up: each command needs one tool, and fetching loads httpx.
_HOMES = {
    "Captured": "capture",
    "Page": "fetch",
    "fetch_page": "fetch",
    "new_sheet": "scaffold",
}

if TYPE_CHECKING:
    from factsheet.desk.capture import Captured
    from factsheet.desk.fetch import Page, fetch_page
    from factsheet.desk.scaffold import new_sheet

__all__ = ["Captured", "Page", "fetch_page", "new_sheet"]


def __getattr__(name: str) -> Any:
    """A name of the package's API, imported from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
