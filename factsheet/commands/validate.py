"""The `validate` command: check sheets and report every problem at once."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from factsheet.commands import options
from factsheet.errors import Diagnostic, display_path
from factsheet.report import Report, SheetReport, count_summary

HELP = "check sheets and report every problem at once"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_paths(parser)
    options.add_strict(parser)
    options.add_report_format(parser)
    parser.add_argument("--as-build", action="store_true",
                        help="also check what `build` checks before it renders, writing "
                             "nothing: quotes against archived copies, sizes, the editions "
                             "(FS600, FS604) and the template (the pre-commit hook's mode)")
    options.add_editions(parser)
    options.add_archive_dir(parser)
    parser.add_argument("--templates", type=Path, default=None, metavar="DIR",
                        help="folder of templates, with --as-build (default: ./templates)")
    options.add_template(parser)


def as_build(args: argparse.Namespace) -> Report:
    """Every sheet through the build's own checks (prepare_sheet), short of rendering."""
    from factsheet.builder.options import BuildOptions
    from factsheet.builder.sheet import prepare_sheet

    chosen = BuildOptions(formats=("html",), strict=args.strict,
                          editions=options.editions_dir(args.editions),
                          archive_dir=options.archive_dir(args.archive_dir),
                          template=args.template)
    if args.templates is not None:
        chosen = replace(chosen, templates=args.templates)
    report = Report(options.EXIT_OK)
    for folder in options.sheets(args.paths):
        prepared = prepare_sheet(folder, chosen)
        diags = sorted(prepared.diagnostics)
        ok = prepared.context is not None and not any(d.severity == "error" for d in diags)
        extra = count_summary(diags)
        if not ok:
            report.status = options.EXIT_INVALID
        summary = ("builds" if ok else "would not build") + (f" ({extra})" if extra else "")
        report.sheets.append(SheetReport(display_path(folder), ok, list(diags), summary))
    return report


def run(args: argparse.Namespace) -> Report:
    """Validate every sheet the paths name."""
    from factsheet.load.sheet import load_sheet
    from factsheet.model import RECORDS
    from factsheet.reconcile import as_json
    from factsheet.validate import validate

    options.archive_dir(args.archive_dir)  # a typo is refused even when unused (fail closed)
    if args.as_build:
        return as_build(args)
    report = Report(options.EXIT_OK)
    for folder in options.sheets(args.paths):
        silenced: list[Diagnostic] = []
        done = validate(load_sheet(folder), strict=args.strict, silenced=silenced)
        facts, diags = done.facts, done.diagnostics
        extra = count_summary(diags)
        if facts is None:
            report.status = options.EXIT_INVALID
            summary = f"invalid: {extra}"
            counts = groups = None
        else:
            summary = f"valid: {facts.counts()}" + (f" ({extra})" if extra else "")
            counts = {k: len(getattr(facts, k)) for k in RECORDS}
            groups = as_json(done.groups)  # reconciled once, by validation
        report.sheets.append(SheetReport(display_path(folder), facts is not None, list(diags),
                                         summary, {"counts": counts, "groups": groups, "silenced": [
                                             d.as_json() for d in silenced]}))
    return report
