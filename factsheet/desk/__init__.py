"""Desk tools: start a sheet (`factsheet new`), fetch and archive an article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factsheet.lazy import lazy_names

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


__getattr__ = lazy_names(__name__, _HOMES, globals())
