"""Stage 1, load: a sheet folder's files read into positioned data, and what the build read."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Loaded on first use, for start-up: an up-to-date build asks load.files and load.record
# whether anything changed, and must not import PyYAML to do so.
_HOMES = {
    "Loaded": "sheet",
    "Loc": "sheet",
    "Record": "record",
    "Template": "templates",
    "find_sheets": "files",
    "load_sheet": "sheet",
    "resolve_template": "templates",
    "sheet_files": "files",
}

if TYPE_CHECKING:
    from factsheet.load.files import find_sheets, sheet_files
    from factsheet.load.record import Record
    from factsheet.load.sheet import Loaded, Loc, load_sheet
    from factsheet.load.templates import Template, resolve_template

__all__ = ["Loaded", "Loc", "Record", "Template", "find_sheets", "load_sheet", "resolve_template",
           "sheet_files"]


def __getattr__(name: str) -> Any:
    """A name of the package's API, imported from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
