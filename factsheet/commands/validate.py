"""The `validate` command: check sheets and report every problem at once."""

from __future__ import annotations

import argparse

from factsheet.commands import options
from factsheet.errors import Diagnostic, display_path
from factsheet.report import Report, SheetReport, count_summary

HELP = "check sheets and report every problem at once"
COUNTED = ("sources", "figures", "quotes", "events")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_paths(parser)
    options.add_strict(parser)
    options.add_report_format(parser)


def run(args: argparse.Namespace) -> Report:
    """Validate every sheet the paths name."""
    from factsheet.reconcile import groups_json
    from factsheet.validate import validate_sheet

    report = Report(options.EXIT_OK)
    for folder in options.sheets(args.paths):
        silenced: list[Diagnostic] = []
        facts, diags = validate_sheet(folder, strict=args.strict, silenced=silenced)
        extra = count_summary(diags)
        if facts is None:
            report.status = options.EXIT_INVALID
            summary = f"invalid: {extra}"
            counts = groups = None
        else:
            summary = f"valid: {facts.counts()}" + (f" ({extra})" if extra else "")
            counts = {k: len(getattr(facts, k)) for k in COUNTED}
            groups = groups_json(facts)
        report.sheets.append(SheetReport(display_path(folder), facts is not None, list(diags),
                                         summary, {"counts": counts, "groups": groups, "silenced": [
                                             d.as_json() for d in silenced]}))
    return report
