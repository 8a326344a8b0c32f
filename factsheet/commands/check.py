"""The `check` command: verify every quote and excerpt against archived copies."""

from __future__ import annotations

import argparse

from factsheet.commands import (
    EXIT_INVALID,
    EXIT_OK,
    add_archive_dir,
    add_no_cache,
    add_paths,
    add_report_format,
    add_strict,
    archive_dir,
    sheets,
)
from factsheet.errors import Diagnostic, display_path
from factsheet.report import Located, Report, SheetReport, count_summary

HELP = "verify every quote and excerpt against archived copies"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    add_paths(parser)
    add_archive_dir(parser)
    add_strict(parser, "also fail on sources without an archived copy and on changed copies")
    add_report_format(parser)
    add_no_cache(parser)


def run(args: argparse.Namespace) -> Report:
    """Validate, then check, every sheet the paths name."""
    from factsheet.check import DEFAULT_CACHE, check_sheet, check_summary
    from factsheet.validate import validate_sheet

    archives = archive_dir(args.archive_dir)
    report = Report(EXIT_OK)
    for folder in sheets(args.paths):
        facts, diags = validate_sheet(folder)
        shown = display_path(folder)
        if facts is None:
            report.status = EXIT_INVALID
            report.sheets.append(SheetReport(shown, False, list(diags),
                                             f"invalid: {count_summary(diags)}"))
            continue
        result = check_sheet(folder, facts, archives, strict=args.strict,
                             cache_dir=None if args.no_cache else DEFAULT_CACHE)
        if any(d.severity == "error" for d in result.diagnostics):
            report.status = EXIT_INVALID
        items: list[Diagnostic | Located] = [c for c in result.checks if c.status == "verified"]
        items += result.diagnostics
        items.sort(key=lambda item: (item.path, item.line, item.column))
        data = result.as_json()
        data.pop("diagnostics")
        report.sheets.append(SheetReport(shown, True, items, check_summary(result, facts), data))
    return report
