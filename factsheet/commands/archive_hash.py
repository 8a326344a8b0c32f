"""The `archive-hash` command: record each archived copy's SHA-256 in its source."""

from __future__ import annotations

import argparse

from factsheet.commands import options
from factsheet.errors import display_path
from factsheet.report import Report, SheetReport, by_place, count_summary

HELP = "record each archived copy's SHA-256 in its source (archive_sha256)"
ACTIONS = ("recorded", "updated", "unchanged", "no-archive", "failed")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_paths(parser)
    options.add_archive_dir(parser)


def run(args: argparse.Namespace) -> Report:
    """Record the hashes of every sheet the paths name."""
    from factsheet.check import record_hashes

    archives = options.archive_dir(args.archive_dir)
    report = Report(options.EXIT_OK)
    for folder in options.sheets(args.paths):
        records, diags = record_hashes(folder, archives)
        items = by_place(records, diags)
        failed = any(d.severity == "error" for d in diags)
        if failed:
            report.status = options.EXIT_INVALID
        counts = {a: sum(r.action == a for r in records) for a in ACTIONS}
        if records or not diags:
            summary = (f"{counts['recorded']} recorded, {counts['updated']} updated, "
                       f"{counts['unchanged']} unchanged, {counts['no-archive']} without an "
                       "archived copy" + (f", {counts['failed']} failed" if counts["failed"]
                                          else ""))
        else:
            summary = f"invalid: {count_summary(diags)}"
        report.sheets.append(SheetReport(display_path(folder), not failed, items, summary,
                                         {"counts": counts}))
    return report
