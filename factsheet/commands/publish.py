"""The `publish` command: record each sheet's current build as its next edition."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from factsheet.commands import options
from factsheet.errors import Diagnostic, display_path
from factsheet.report import Located, Report, SheetReport, count_summary
from factsheet.rules import NO_CHANGES_TO_PUBLISH, PUBLISH_NOT_CLEAN, UNCHANGED_EDITION

HELP = "record each sheet's current build as an edition (editions/<slug>/NNN.json)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_paths(parser)
    parser.add_argument("--out", type=Path, default=Path("build"), help="output folder (build)")
    parser.add_argument("--templates", type=Path, default=None,
                        help="folder of templates (default: ./templates)")
    options.add_archive_dir(parser)
    options.add_editions(parser)
    options.add_report_format(parser)


def run(args: argparse.Namespace) -> Report:
    """Build every sheet under --strict, then record the ones that changed as editions."""
    from dataclasses import replace

    from factsheet.builder import BuildOptions, build_all
    from factsheet.editions import edition_bytes, edition_path, latest_edition, same_facts
    from factsheet.editions.record import differing
    from factsheet.fsutil import write_atomic

    editions = options.editions_dir(args.editions)
    chosen = BuildOptions(out=args.out, strict=True, editions=editions,
                          archive_dir=options.archive_dir(args.archive_dir))
    if args.templates is not None:
        chosen = replace(chosen, templates=args.templates)
    report = Report(options.EXIT_OK)
    built = build_all(options.sheets(args.paths), chosen, jobs=1, force=True)
    for result in built.results:
        shown = display_path(result.folder)
        diags: list[Diagnostic | Located] = list(result.diagnostics)
        slug = result.folder.name
        # FS603: any warning is enough; a strict build raises them all, but fail closed here too.
        if result.status == "failed" or any(d.severity == "warning" for d in result.diagnostics):
            refused = PUBLISH_NOT_CLEAN.text(slug=slug,
                                                     problems=count_summary(result.diagnostics))
            report.sheets.append(SheetReport(shown, False, diags, refused))
            report.status = options.EXIT_INVALID
            continue
        data = (args.out / f"{slug}.json").read_bytes()
        facts = json.loads(data)
        latest = latest_edition(editions, slug)
        if latest is not None and same_facts(latest.facts, facts):
            refused = UNCHANGED_EDITION.text(slug=slug, edition=latest.number,
                                                     file=display_path(latest.path))
            report.sheets.append(SheetReport(shown, False, diags, refused))
            report.status = options.EXIT_INVALID
            continue
        if latest is not None and not facts.get("changes"):
            # Facts that differ only where no change is listed (the sheet's dates, `ignore`
            # lists): an edition of them would say "No changes." and drop "Changes since".
            refused = NO_CHANGES_TO_PUBLISH.text(
                slug=slug, edition=latest.number, file=display_path(latest.path),
                what=", ".join(differing(latest.facts, facts)))
            report.sheets.append(SheetReport(shown, False, diags, refused))
            report.status = options.EXIT_INVALID
            continue
        pdf = hashlib.sha256((args.out / f"{slug}.pdf").read_bytes()).hexdigest()
        target = edition_path(editions, slug, facts["edition"])
        write_atomic(target, edition_bytes(facts["edition"], facts, pdf))
        report.sheets.append(SheetReport(
            shown, True, diags, f"published edition {facts['edition']} as {display_path(target)}",
            {"edition": facts["edition"], "file": str(target), "pdf_sha256": pdf}))
    return report
