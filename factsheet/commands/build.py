"""The `build` command: validate, then write each sheet's outputs (JSON, HTML, PDF...)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from factsheet.commands import options
from factsheet.errors import UsageError, display_path
from factsheet.exporters import DEFAULT_FORMATS, EXPORTERS
from factsheet.report import REPORT_FORMATS, Report, SheetReport, count_summary
from factsheet.rules import BAD_JOBS, BUILD_OUTPUTS_TWICE, DEPRECATED_BUILD_FORMAT

HELP = "validate, then write JSON, HTML and PDF for each sheet"
DEFAULT_OUTPUTS = ",".join(DEFAULT_FORMATS)  # the registry's, said as --to takes them


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_paths(parser)
    options.add_out(parser)
    parser.add_argument("--to", default=None, metavar="OUTPUTS",
                        help=f"comma-separated outputs, from {', '.join(EXPORTERS)} "
                             f"(default: {DEFAULT_OUTPUTS})")
    # Until the next release --format also takes the outputs it used to mean, so argparse
    # cannot check the choices; the help still lists them.
    options.add_report_format(parser, choices=False)
    options.add_strict(parser)
    parser.add_argument("--templates", type=Path, default=None,
                        help="folder of templates (default: ./templates)")
    options.add_template(parser)
    options.add_archive_dir(parser)
    parser.add_argument("-j", "--jobs", type=int, default=0,
                        help="parallel worker processes (default: number of CPUs)")
    parser.add_argument("--force", action="store_true", help="rebuild even up-to-date sheets")
    options.add_no_cache(parser)
    options.add_since(parser)
    options.add_editions(parser)


def outputs_and_format(args: argparse.Namespace) -> tuple[str, str, list[str]]:
    """The outputs to write, the report format, and any deprecation notice to print."""
    if args.format in REPORT_FORMATS:
        return args.to or DEFAULT_OUTPUTS, args.format, []
    deprecated = DEPRECATED_BUILD_FORMAT
    notice = (f"factsheet: {deprecated.severity}[{deprecated.code}]: "
              + deprecated.text(value=args.format))
    if args.to is not None:
        raise BUILD_OUTPUTS_TWICE.error(UsageError, to=args.to, old=args.format)
    return args.format, "text", [notice]


def run(args: argparse.Namespace) -> Report:
    """Build every sheet the paths name; the report says what was built and what failed."""
    from factsheet.builder import BuildOptions, build_all, parse_formats
    from factsheet.builder.progress import BarProgress, LineProgress, summary

    outputs, fmt, notes = outputs_and_format(args)
    args.format = fmt
    if args.jobs < 0:
        raise BAD_JOBS.error(UsageError)
    chosen = BuildOptions(out=options.out_folder(args.out), formats=parse_formats(outputs),
                          strict=args.strict,
                          archive_dir=options.archive_dir(args.archive_dir),
                          no_cache=args.no_cache, template=args.template,
                          editions=options.editions_dir(args.editions),
                          since=args.since)
    if args.templates is not None:
        chosen = replace(chosen, templates=args.templates)
    folders = options.sheets(args.paths)
    for note in notes:  # said before the build starts, so it is not lost in its output
        print(note, file=sys.stderr)
    if fmt != "text":
        built = build_all(folders, chosen, jobs=args.jobs, force=args.force)
    else:
        progress = BarProgress(len(folders)) if sys.stdout.isatty() else LineProgress()
        if args.quiet:
            progress = LineProgress(open(os.devnull, "w"))  # noqa: SIM115
        with progress:
            built = build_all(folders, chosen, jobs=args.jobs, force=args.force,
                              on_result=progress)
    report = Report(options.EXIT_OK, closing=[summary(built)],
                    data={"summary": {s: built.count(s) for s in ("built", "skipped", "failed")}})
    for result in built.results:
        report.sheets.append(SheetReport(
            display_path(result.folder), result.status != "failed", list(result.diagnostics),
            data={"status": result.status, "outputs": [str(p) for p in result.outputs],
                  "problems": count_summary(result.diagnostics)}))
    if built.failed:
        report.status = options.EXIT_INVALID
        report.notes.append("failed: " + ", ".join(display_path(r.folder) for r in built.failed))
    return report
