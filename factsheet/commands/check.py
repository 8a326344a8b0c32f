"""The `check` command: verify every quote and excerpt against archived copies."""

from __future__ import annotations

import argparse

from factsheet.commands import options
from factsheet.errors import display_path
from factsheet.report import Report, SheetReport, by_place, count_summary

HELP = "verify every quote and excerpt against archived copies"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_paths(parser)
    options.add_archive_dir(parser)
    options.add_strict(parser, "also fail on sources without an archived copy and on "
                               "changed copies")
    options.add_report_format(parser)
    options.add_no_cache(parser)


def run(args: argparse.Namespace) -> Report:
    """Validate, then check, every sheet the paths name."""
    from factsheet.check import DEFAULT_CACHE, check_sheet, check_summary
    from factsheet.validate import validate_sheet

    archives = options.archive_dir(args.archive_dir)
    report = Report(options.EXIT_OK)
    for folder in options.sheets(args.paths):
        facts, diags = validate_sheet(folder)
        shown = display_path(folder)
        if facts is None:
            report.status = options.EXIT_INVALID
            report.sheets.append(SheetReport(shown, False, list(diags),
                                             f"invalid: {count_summary(diags)}"))
            continue
        result = check_sheet(folder, facts, archives, strict=args.strict,
                             cache_dir=None if args.no_cache else DEFAULT_CACHE)
        if any(d.severity == "error" for d in result.diagnostics):
            report.status = options.EXIT_INVALID
        items = by_place([c for c in result.checks if c.status == "verified"],
                         result.diagnostics)
        data = result.as_json()
        data.pop("diagnostics")
        report.sheets.append(SheetReport(shown, True, items, check_summary(result, facts), data))
    return report
