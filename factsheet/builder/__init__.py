"""Stage 10, build: validate first, render in memory, write each sheet's outputs as one set."""

from __future__ import annotations

from factsheet.builder.options import BuildOptions, BuildReport, SheetResult
from factsheet.builder.pool import build_all, safe_build
from factsheet.builder.sheet import build_sheet, render_outputs, verify
from factsheet.builder.stamp import up_to_date
from factsheet.builder.write import DiskError, clean_stale_temps, recover, write_set
from factsheet.editions.facts_json import facts_json
from factsheet.exporters import DEFAULT_FORMATS, EXPORTERS, parse_formats

__all__ = [
    "DEFAULT_FORMATS", "EXPORTERS", "BuildOptions", "BuildReport", "DiskError",
    "SheetResult", "build_all", "build_sheet", "clean_stale_temps", "facts_json",
    "parse_formats", "recover", "render_outputs", "safe_build", "up_to_date", "verify", "write_set",
]
