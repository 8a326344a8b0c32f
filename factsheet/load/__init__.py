"""Stage 1, load: a sheet folder's files read into positioned data, and what the build read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factsheet.lazy import lazy_names

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


__getattr__ = lazy_names(__name__, _HOMES, globals())
