"""The `diff` command: what changed in each sheet since its last edition (or `--since`)."""

from __future__ import annotations

import argparse

from factsheet.commands import options
from factsheet.errors import Diagnostic, display_path
from factsheet.report import Located, Notice, Report, SheetReport, count_summary

HELP = "list what changed in each sheet since its last edition (or --since)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_paths(parser)
    options.add_since(parser)
    options.add_editions(parser)
    options.add_strict(parser)
    options.add_report_format(parser)


def run(args: argparse.Namespace) -> Report:
    """Compare every sheet the paths name with its baseline; changes are report lines."""
    from factsheet.editions import history, plain
    from factsheet.editions.diff import RECORDS
    from factsheet.load import Loc, load_sheet
    from factsheet.validate import validate_loaded

    editions = options.editions_dir(args.editions)
    report = Report(options.EXIT_OK)
    for folder in options.sheets(args.paths):
        loaded = load_sheet(folder)
        facts, diags = validate_loaded(loaded, strict=args.strict)
        if facts is None:
            report.status = options.EXIT_INVALID
            report.sheets.append(SheetReport(display_path(folder), False, list(diags),
                                             f"invalid: {count_summary(diags)}"))
            continue
        told = history(loaded, facts, editions, args.since)
        diags = diags + told.said(strict=args.strict)
        # Each change is placed at its entry in the fact files (for GitHub annotations).
        places: dict[str, Loc] = {r.id: (name, i)
                  for name in RECORDS for i, r in enumerate(getattr(facts, name))}
        lines: list[Diagnostic | Located] = list(diags)
        for change in told.changes:
            loc = places.get(change.id) or places.get(str(change.before), ("sheet",))
            p = loaded.pos(loc)
            lines.append(Notice(p.path, p.line, p.column, plain(change), f"{change.kind} change"))
        valid = not any(d.severity == "error" for d in diags)
        if not valid:
            report.status = options.EXIT_INVALID
        since = told.baseline
        summary = (f"edition {told.edition}: {len(told.changes)} change"
                   f"{'s' * (len(told.changes) != 1)} since "
                   + (f"edition {since.edition}" if since and since.edition
                      else since.source if since else "nothing (no earlier edition)"))
        report.sheets.append(SheetReport(display_path(folder), valid, lines,
                                         summary, told.as_json()))
    return report
