"""The `diff` command: what changed in each sheet since its last edition (or `--since`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.commands import options
from factsheet.errors import Diagnostic, display_path
from factsheet.report import Located, Notice, Report, SheetReport, count_summary

if TYPE_CHECKING:
    from factsheet.editions import History

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
    from factsheet.load.sheet import Loc, load_sheet
    from factsheet.model import RECORDS
    from factsheet.reconcile import as_json
    from factsheet.validate import validate

    editions = options.editions_dir(args.editions)
    report = Report(options.EXIT_OK)
    for folder in options.sheets(args.paths):
        loaded = load_sheet(folder)
        done = validate(loaded, strict=args.strict)
        facts, diags = done.facts, done.diagnostics
        if facts is None:
            report.status = options.EXIT_INVALID
            report.sheets.append(SheetReport(display_path(folder), False, list(diags),
                                             f"invalid: {count_summary(diags)}"))
            continue
        told = history(loaded, facts, editions, args.since, groups=as_json(done.groups))
        diags = diags + told.said(strict=args.strict)
        # Each change is placed at its entry in the fact files (for GitHub annotations).
        places: dict[str, Loc] = {r.id: (name, i)
                  for name in RECORDS for i, r in enumerate(getattr(facts, name))}
        places |= {f"summary-{i + 1}": ("sheet", "summary", i)
                   for i in range(len(facts.sheet.summary))}
        lines: list[Diagnostic | Located] = list(diags)
        for change in told.changes:
            # A removed entry has no place of its own: its id may now name another one.
            here = None if change.kind == "removed" else places.get(change.id)
            loc = here or places.get(str(change.before), ("sheet",))
            p = loaded.pos(loc)
            lines.append(Notice(p.path, p.line, p.column, plain(change), f"{change.kind} change"))
        valid = not any(d.severity == "error" for d in diags)
        if not valid:
            report.status = options.EXIT_INVALID
        summary = _summary(told, editions / facts.slug)
        report.sheets.append(SheetReport(display_path(folder), valid, lines,
                                         summary, told.as_json()))
    return report


def _summary(told: History, folder: Path) -> str:
    """`edition 3: 2 changes since edition 2`, or that there is nothing to compare with."""
    from factsheet.rules import NO_EDITIONS

    since = told.baseline
    if since is None:
        return NO_EDITIONS.text(edition=told.edition, folder=display_path(folder))
    n = len(told.changes)
    return (f"edition {told.edition}: {n} change{'s' * (n != 1)} since "
            + (f"edition {since.edition}" if since.edition else since.source))
