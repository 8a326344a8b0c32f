"""The `archive-hash` command: record each archived copy's SHA-256 in its source."""

from __future__ import annotations

import argparse

from factsheet.commands import (
    EXIT_INVALID,
    EXIT_OK,
    add_archive_dir,
    add_paths,
    archive_dir,
    sheets,
)
from factsheet.errors import Diagnostic, display_path
from factsheet.report import Located, Report, SheetReport, count_summary

HELP = "record each archived copy's SHA-256 in its source (archive_sha256)"
ACTIONS = ("recorded", "updated", "unchanged", "no-archive", "failed")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    add_paths(parser)
    add_archive_dir(parser)


def run(args: argparse.Namespace) -> Report:
    """Record the hashes of every sheet the paths name."""
    from factsheet.check import record_hashes

    archives = archive_dir(args.archive_dir)
    report = Report(EXIT_OK)
    for folder in sheets(args.paths):
        records, diags = record_hashes(folder, archives)
        items: list[Diagnostic | Located] = [*records, *diags]
        items.sort(key=lambda item: (item.path, item.line, item.column))
        failed = any(d.severity == "error" for d in diags)
        if failed:
            report.status = EXIT_INVALID
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
